from scrapers.enrich.dateline import find_attribution, parse_dateline
from scrapers.enrich.places import load_gazetteer

PLACES = load_gazetteer().names


def test_outlet_place_and_reporter():
    a = parse_dateline("中新网深圳10月17日电（记者 孙秋霞）日前，某活动举行。", PLACES)
    assert (a.source, a.authors, a.place) == ("中新网", ("孙秋霞",), "深圳")


def test_several_authors_and_roles():
    a = parse_dateline("中国质量新闻网讯（记者傅江平 通讯员范伟）12月8日，联盟成立。", PLACES)
    assert a.source == "中国质量新闻网" and a.authors == ("傅江平", "范伟")


def test_house_dateline_has_no_outlet():
    a = parse_dateline("本报讯（记者岳倩）近日，会议召开。", PLACES)
    assert a.source == "" and a.authors == ("岳倩",)


def test_masthead_resolves_this_paper():
    a = find_attribution(["华东日报海外版 2022年03月15日 星期二"], ["本报北京3月14日电 （记者张明）启动仪式举办。"], [], "")
    assert a.source == "华东日报海外版" and a.authors == ("张明",)


def test_source_line_and_spam_source():
    assert find_attribution([], ["正文。"], ["来源：自贡网"], "").source == "自贡网"
    assert find_attribution(["来源：某某电竞登录入口官网网址"], ["正文。"], [], "").source == ""


def test_trailing_outlet_and_byline():
    a = find_attribution(["自贡融媒记者 池莉"], ["统计结果显示，机构数量增加。（央视新闻）"], [], "")
    assert a.source == "央视新闻" and a.authors == ("池莉",)


def test_issuer_of_a_notice():
    a = find_attribution([], ["各省、自治区市场监管局："], [], "市场监管总局办公厅关于开展第十八个“世界认可日”活动的通知")
    assert a.source == "市场监管总局办公厅"
