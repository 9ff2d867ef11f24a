from scrapers.enrich.title import derive_title, find_title

BODY = "1月15日下午，杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行，175家会员单位参加了大会。"


def test_headline_below_site_chrome():
    lines = ["中国计量网——计量行业门户网站", "计量资讯速递", "您当前的位置：首页 > 新闻",
             "杭州市检验检测认证促进会正式成立", "发布时间：2023-01-18", BODY]
    assert find_title(lines) == 3


def test_echoed_headline_wins_over_subtitle():
    lines = ["2019全国检验检测机构开放日活动正式启动", "以人民为中心着力提升行业公信力和服务质量",
             "2019全国检验检测机构开放日活动正式启动", BODY]
    assert find_title(lines) == 0


def test_no_headline():
    assert find_title(["市民代表参观计量文化展馆。", BODY]) is None


def test_derived_title_from_the_lead():
    lead = "荆楚网讯（通讯员某某）认证认可是质量基础设施。省市场监督管理局于6月7日上午在武汉举行湖北2024年“世界认可日”宣传活动。"
    assert derive_title(lead) == "省市场监督管理局在武汉举行湖北2024年“世界认可日”宣传活动"
