from scrapers.normalise.pinyin import find_pinyin, is_reading, strip_pinyin


def test_strips_real_annotations_in_either_script():
    assert strip_pinyin("中國計(jì)量網(wǎng)") == "中國計量網"
    assert strip_pinyin("社會(huì )组织") == "社會组织"
    assert strip_pinyin("会（huì）议") == "会议"


def test_keeps_brackets_that_are_not_readings():
    for text in ["认可委(CNAS)", "(以下简称联盟)", "发布(2025-04-30)", "IAF(ILAC)", "北京(bei)"]:
        assert strip_pinyin(text) == text  # bei is no reading of 京
    assert strip_pinyin("会(hui)") == "会"  # a toneless reading of the character before it is one
    assert strip_pinyin("认可委(CNAS)") == "认可委(CNAS)"
    assert strip_pinyin("甲(yǐ)") == "甲(yǐ)"  # yǐ is not a reading of 甲


def test_heteronyms_and_toneless_forms():
    assert is_reading("長", "cháng") and is_reading("長", "zhǎng")
    assert is_reading("会", "hui")
    assert find_pinyin("計(jì)量") == ["計(jì)"]
