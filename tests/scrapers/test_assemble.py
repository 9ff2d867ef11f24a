"""assemble: the extractor's lines and the normaliser's kept lines put together without losing text."""

from datetime import date

from scrapers.assemble import _with_leads, build_from_html
from scrapers.extract import extract

TODAY = date(2026, 11, 23)
FIRST = "会议指出，检验检测机构要严格落实主体责任，对出具的检验检测数据和结果负责，确保数据真实准确。"
LAST = "会议要求，各地市场监管部门要加强事中事后监管，对发现的问题依法处理，并向社会公开处理结果。"


def page(body: str) -> str:
    return (
        "<html><head><title>某省召开检验检测监管工作会议</title></head><body>"
        "<h1>某省召开检验检测监管工作会议</h1><div>2024-05-20 来源：某省市场监管局</div>"
        f"<div class='article'>{body}</div></body></html>"
    )


def test_a_last_paragraph_the_normaliser_rewrote_is_kept_as_rewritten():
    """The end mark （完） is cut off the last paragraph: the paragraph stays, without the mark."""
    article = build_from_html(page(f"<p>{FIRST}</p><p>{LAST}（完）</p>"), "", TODAY)
    assert FIRST in article.body
    assert LAST in article.body
    assert "（完）" not in article.body


def test_a_rewritten_line_keeps_its_place_among_the_others():
    html = page(f"<p>{FIRST}（完）</p><p>{LAST}</p>")
    lines = [FIRST + "（完）", LAST]
    body, used = _with_leads(lines, [FIRST, LAST], extract(html), "某省召开检验检测监管工作会议")
    assert body == [FIRST, LAST]
    assert used == {0, 1}


def test_kept_lines_no_source_line_holds_are_kept_and_nothing_raises():
    html = page(f"<p>{FIRST}</p>")
    body, used = _with_leads(["页面顶部导航"], [FIRST, LAST], extract(html), "标题")
    assert body == [FIRST, LAST]
    assert used == set()


def test_a_text_naming_no_place_on_a_provincial_paper_is_that_provinces():
    from scrapers.assemble import build_article

    raw = "图片新闻\n近日，省检验检测认证院开展开放日活动，市民参观了计量实验室和检测设备。"
    a = build_article(raw, "http://epaper.jxxw.com.cn/html/2022-09/20/content_1.htm", date(2024, 1, 1))
    assert a.region == "江西省"
    assert a.authors == ()  # 图片新闻 is a column, not "图 片新闻"
    assert build_article(raw, "https://www.example.com/a.html", date(2024, 1, 1)).region == "全国"


def test_a_headline_derived_from_a_notices_lead_does_not_make_it_national():
    from scrapers.assemble import build_article

    raw = (
        "根据市场监管总局、公安部、自然资源部、生态环境部、交通运输部、水利部、海关总署《关于组织开展年度检验检测机构"
        "监督抽查工作的通知》有关要求，我局组织开展了中山市检验检测机构监督抽查，现将结果予以公示。\n"
        "中山市市场监督管理局\n2022年11月22日"
    )
    a = build_article(raw, "https://www.example.com/a.html", date(2024, 1, 1))
    assert (a.region, a.city) == ("广东省", "中山市")


def test_a_notices_document_number_above_its_salutation_is_text():
    from scrapers.assemble import build_article

    raw = (
        "某某委员会秘书处关于规范检测机构信息公开的通知\n"
        "层级：省级 发文系统：其他 发文日期：2024-03-01 所在行业：公共管理\n"
        "某秘函〔2024〕7号\n"
        "各检测机构：\n"
        "为规范检测机构的信息公开，现就有关要求通知如下：各机构应在网站公开收费标准和证书状态。"
    )
    a = build_article(raw, "https://www.example.com/a.html", date(2024, 6, 1))
    assert "某秘函〔2024〕7号" in a.body
    assert "发文系统" not in a.body


def test_a_notices_document_number_is_text_over_a_jammer_line_and_above_the_addressees_names():
    from scrapers.assemble import build_article

    raw = (
        "某质检科〔2024〕12号\n"
        "c5 q. B4 d8 ?/ k5 W\n"
        "某某省、某某自治区质量技术监督局：\n"
        "你们报来的关于筹建国家某某产品质量监督检验中心的请示收悉。经研究，同意筹建。\n"
    )
    a = build_article(raw, "https://www.example.com/a.html", date(2024, 6, 1))
    assert a.body.startswith("某质检科〔2024〕12号")
    assert "c5 q." not in a.body
    assert "〔2024〕" not in a.title and "自治区" not in a.title


def test_the_summary_of_a_notice_starts_at_what_it_says():
    """Not at its 文号 line nor at its salutation: a reader of a list wants the first sentence."""
    from scrapers.assemble import build_article

    raw = (
        "某市市场监督管理局关于开展检验检测机构能力验证工作的通知\n\n"
        "某市监认发〔2024〕3号\n\n"
        "各有关单位：\n\n"
        "为提升全市检验检测机构的技术能力，市局决定于今年下半年组织开展能力验证工作，现将有关事项通知如下。\n\n"
        "一、参加对象为全市取得资质认定的检验检测机构。\n"
    )
    article = build_article(raw, "https://scjg.example.gov.cn/tzgg/2024/3.html", date(2024, 6, 1))
    assert article.summary.startswith("为提升全市检验检测机构的技术能力")
