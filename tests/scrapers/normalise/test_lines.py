from scrapers.normalise.lines import split_lines


def test_lines_are_trimmed_and_blank_lines_dropped():
    assert split_lines("  第一段。 \n\n\t第二段。\r\n") == ["第一段。", "第二段。"]


def test_a_sentence_broken_before_its_punctuation_is_joined():
    text = "5月4日，某市检验检测协会召开会员大会\n，选举产生新一届理事会。\n会员代表六十余人参加会议。"
    assert split_lines(text) == ["5月4日，某市检验检测协会召开会员大会，选举产生新一届理事会。", "会员代表六十余人参加会议。"]


def test_text_below_a_widget_label_is_not_joined_to_it():
    text = "语音播报\n、各直属机构：\n某某方案已经同意，现印发给你们。"
    assert split_lines(text)[0] == "语音播报"
