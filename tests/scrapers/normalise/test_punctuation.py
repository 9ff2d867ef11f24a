from scrapers.normalise.punctuation import normalise_punctuation as norm


def test_ascii_punctuation_between_chinese_becomes_fullwidth():
    assert norm("会议期间,各方达成共识:签署协议;完成!") == "会议期间，各方达成共识：签署协议；完成！"
    assert norm("发布时间:2023-01-18") == "发布时间：2023-01-18"


def test_parentheses_around_chinese_only():
    assert norm("联盟(以下简称联盟)成立") == "联盟（以下简称联盟）成立"
    assert norm("认可委(CNAS)") == "认可委(CNAS)"


def test_numbers_times_and_latin_stay():
    assert norm("共1,000家") == "共1,000家"
    assert norm("ISO 9001:2015 标准") == "ISO 9001:2015 标准"
    assert norm("2025-06-10 10:50") == "2025-06-10 10:50"


def test_fullwidth_letters_digits_and_spaces():
    assert norm("ＣＮＡＳ　２０２５") == "CNAS 2025"


def test_idempotent():
    text = "会议期间,各方(三地)达成:共识"
    assert norm(norm(text)) == norm(text)


def test_doubled_punctuation_keeps_the_last_mark():
    assert norm("6月1日,,三家单位,、两家机构共同签署协议,。") == "6月1日，三家单位、两家机构共同签署协议。"
    assert norm("比例为12.5%,。") == "比例为12.5%。"
    assert norm("……——") == "……——"


def test_ascii_quotes_around_chinese_become_curly():
    assert norm('进入园区"国家队"行列') == "进入园区“国家队”行列"
    assert norm('"甲" 和 "乙"') == "“甲” 和 “乙”"
    assert norm('href="a.html"') == 'href="a.html"'


def test_question_marks_for_lost_characters_after_a_time_are_a_gap():
    # a mirror that could not encode a separator prints "????" between two meta fields
    assert norm("2024年03月02日 09:30????信息来源:某某日报") == "2024年03月02日 09:30 信息来源：某某日报"
    assert norm("发布于:24-01-05 ??") == "发布于：24-01-05"
    # a question in the text keeps its marks
    asked = norm("真的合格吗??")
    assert asked.startswith("真的合格吗") and asked.count("?") + asked.count("？") == 2
    assert norm("编号是12?") == "编号是12?"
