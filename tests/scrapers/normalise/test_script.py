from scrapers.normalise.script import to_simplified, traditional_chars


def test_converts_traditional_and_keeps_simplified():
    assert to_simplified("檢驗檢測認證促進會") == "检验检测认证促进会"
    assert to_simplified("检验检测") == "检验检测"


def test_taiwan_variants_become_mainland_usage():
    assert to_simplified("檢驗檢測機構發揮著重要作用，成效顯著") == "检验检测机构发挥着重要作用，成效显著"


def test_simplified_text_is_left_alone():
    assert to_simplified("成效显著，著作") == "成效显著，著作"
    assert traditional_chars("成效显著") == []


def test_lists_traditional_characters_once():
    assert traditional_chars("聯盟聯合abc") == ["聯"]
