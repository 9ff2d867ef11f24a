"""The extractor field by field (headline, date, source, body) on small pages written for these tests."""

from datetime import date

from scrapers.assemble import build_from_html
from scrapers.core.article import join_flags
from scrapers.extract import extract

TODAY = date(2026, 11, 23)
TEXT = (
    "<p>会议指出，检验检测机构要严格落实主体责任，对出具的检验检测数据和结果负责，"
    "确保数据真实、客观、准确，切实维护市场秩序和公众利益。</p>"
    "<p>会议要求，各地市场监管部门要加强事中事后监管，对发现的问题依法处理，并向社会公开结果。</p>"
)


def page(head: str = "", top: str = "", body: str = TEXT, tail: str = "") -> str:
    return f"<html><head>{head}</head><body>{top}<div class='article'>{body}</div>{tail}</body></html>"


def test_the_heading_the_metadata_agree_with_wins_punctuation_and_column_prefix_included():
    html = page(
        "<title>补壹刀：检测报告能随便出吗？监管部门说不！_示例网</title>",
        "<h1>示例网</h1><h2>补壹刀：检测报告能随便出吗？监管部门说不！</h2><div>2024-05-06 08:00 来源：示例报</div>",
    )
    assert extract(html).title == "补壹刀：检测报告能随便出吗？监管部门说不！"


def test_original_title_lines_and_captions_never_win():
    html = page(
        "<meta property='og:title' content='市场监管总局部署检验检测专项整治'>",
        "<div class='title'>（原标题：关于开展检验检测专项整治的通知）</div>",
        "<h1>市场监管总局部署检验检测专项整治</h1>" + TEXT,
    )
    assert extract(html).title == "市场监管总局部署检验检测专项整治"


def test_an_og_title_cut_at_a_quote_gives_way_to_the_longer_title():
    html = page("<meta property='og:title' content='认证机构'><title>认证机构“双随机”抽查结果公布_示例网</title>")
    assert extract(html).title == "认证机构“双随机”抽查结果公布"


def test_a_badge_inside_the_heading_is_not_part_of_the_headline():
    html = page("<title>计量院开放日迎来千名市民</title>", "<h2><span>原创</span> 计量院开放日迎来千名市民</h2>")
    assert extract(html).title == "计量院开放日迎来千名市民"


def test_publication_meta_comes_before_the_info_line_and_related_lists_do_not_date_the_page():
    html = page(
        "<meta name='PubDate' content='2024-03-01 10:00'><title>某检测机构通过资质认定复查</title>",
        "<h1>某检测机构通过资质认定复查</h1><div class='info'>时间：2024-03-02</div>",
        tail="<ul><li><time>2024-03-09</time><a href='/x'>另一条新闻</a></li></ul>",
    )
    assert extract(html).dates[:2] == ("2024-03-01 10:00", "2024-03-02")
    related = page("<title>某检测机构通过资质认定复查</title>", tail="<ul><li><time>2024-03-09</time></li></ul>")
    assert extract(related).dates == ()


def test_wechat_keeps_its_publication_time_in_a_script():
    html = page(
        "<meta property='og:title' content='计量测试学会召开年会'><meta property='og:site_name' content='微信公众平台'>"
        '<script>var ct = "1581517074";</script>',
        "<h2>计量测试学会召开年会</h2><em id='publish_time'>昨天</em>",
    )
    found = extract(html)
    assert found.date == "2020-02-12 22:17" and found.source == ""  # the platform is no source


def test_a_date_in_the_future_is_not_the_publication_date_and_today_is_never_taken():
    html = page(
        "<meta name='PubDate' content='2030-01-01'><title>某协会召开理事会</title>",
        "<h1>某协会召开理事会</h1><div>发布日期：2024-06-06</div>",
    )
    article = build_from_html(html, "", TODAY)
    assert article.date == "2024-06-06" and "导入日期" not in join_flags(article.review)


def test_an_info_line_printed_after_the_text_still_dates_the_page():
    html = page(
        "<title>某市举办质量月活动</title>",
        "<h1>某市举办质量月活动</h1>",
        tail="<div>来源：示例日报 时间：2023-09-20 14:34</div>",
    )
    found = extract(html)
    assert found.date == "2023-09-20 14:34" and found.source == "示例日报"


def test_source_from_the_info_line_then_metas_naming_an_outlet():
    info = page(
        "<meta name='source' content='来源：示例网-财经频道'>",
        "<h1>某检测机构上市</h1><div>2024-01-02 来源：示例晚报 作者：张三</div>",
    )
    assert extract(info).source == "示例晚报"
    meta = page(
        "<meta name='ContentSource' content='省市场监管局'><meta name='author' content='李四'>", "<h1>某检测机构上市</h1>"
    )
    assert extract(meta).source == "省市场监管局"
    author = page("<meta name='article:author' content='示例日报'>", "<h1>某检测机构上市</h1>")
    assert extract(author).source == "示例日报"
    person = page("<meta name='author' content='王五'>", "<h1>某检测机构上市</h1>")
    assert extract(person).source == ""


def test_a_disclaimer_never_wins_the_body_over_a_short_article():
    html = page(
        "<title>某地启动计量惠民行动</title>",
        "<h1>某地启动计量惠民行动</h1>",
        body="<p>记者从某地市场监管局获悉，该地启动计量惠民行动，免费为集贸市场检定电子秤，"
        "覆盖<a href='/m'>全市</a>三十个市场。</p>",
        tail="<div class='statement'><p>【免责声明】本文仅代表作者本人观点，与本网无关。本网对文中陈述、观点判断保持中立，"
        "不对所包含内容的准确性、可靠性或完整性提供任何明示或暗示的保证。请读者仅作参考，并请自行承担全部责任。</p></div>",
    )
    assert extract(html).paragraphs[0].startswith("记者从某地市场监管局获悉")


def test_a_one_sentence_lead_stays_and_a_caption_under_a_photo_goes():
    body = (
        "<p>全省首家计量博物馆开馆。</p><p><img src='a.jpg'></p><p>市民参观计量展品。</p>"
        + TEXT
        + "<p>开馆首日共接待参观者两千余人次。</p>"
    )
    html = page(
        "<title>全省首家计量博物馆开馆迎客</title>", "<h1>全省首家计量博物馆开馆迎客</h1><div>2024-05-20</div>", body=body
    )
    article = build_from_html(html, "", TODAY)
    assert article.body.startswith("全省首家计量博物馆开馆。")
    assert "市民参观计量展品" not in article.body and "开馆首日共接待参观者两千余人次。" in article.body


def test_a_form_wrapped_round_the_text_is_the_text():
    # VSB/博达 sites write <form name="_newscontent_fromname"> round the whole article
    html = page(
        "<title>某学院开展计量器具检定</title>",
        "<h1>某学院开展计量器具检定</h1><div class='info'>发布时间：2024-04-08</div>",
        body=f"<form name='_newscontent_fromname'>{TEXT}</form><form><input name='q'>站内搜索</form>",
        tail="<div>主办单位：某学院办公室 版权所有 地址：某市某路1号 电话：0000-0000000</div>",
    )
    found = extract(html)
    assert found.paragraphs[0].startswith("会议指出") and "站内搜索" not in "".join(found.paragraphs)


def test_a_dated_lead_sentence_is_not_the_info_line_and_an_info_line_split_round_the_text_is_joined():
    html = page(
        "<title>某区调研检验检测服务平台</title>",
        "<h1>某区调研检验检测服务平台</h1><div>来源于：某区办事处</div>",
        body="<p>2024年2月27日下午，某区经济促进局局长一行到检验检测服务平台调研，相关部门负责人陪同调研。</p>" + TEXT,
        tail="<div>发布日期：2024-03-06 责任编辑：龙某</div>",
    )
    found = extract(html)
    assert (found.date, found.source) == ("2024-03-06", "某区办事处")
    assert found.paragraphs[0].startswith("2024年2月27日下午")


def test_the_source_shown_by_an_element_named_for_it():
    top = "<h1>某认证机构获批</h1><div class='date-source'><span class='date'>2024年01月02日 08:00</span>"
    named = page(body=TEXT, top=top + "<a class='source' href='/x'>示例晚报</a></div>")
    assert extract(named).source == "示例晚报"
    label_only = page(body=TEXT, top=top + "<span class='source'>信息来源:</span></div>")
    assert extract(label_only).source == ""
    dated = page(body=TEXT, top="<h1>某认证机构获批</h1><span class='time-source'>2016年05月25日10:10 示例财经</span>")
    assert extract(dated).source == "示例财经"  # the date before the outlet is not part of its name


def test_a_bold_sentence_under_a_picture_is_the_lead_not_its_caption():
    body = "<p>执笔/某某</p><p><img src='a.jpg'></p><p><strong>检测市场的乱象正在被逐一纠正。</strong></p>" + TEXT
    html = page("<title>检测乱象整治一年间</title>", "<h1>检测乱象整治一年间</h1><div>2024-05-20</div>", body=body)
    assert "检测市场的乱象正在被逐一纠正。" in build_from_html(html, "", TODAY).body


def test_a_label_over_a_list_of_links_goes_with_the_links_and_the_text_after_it_stays():
    links = "<p><strong>相关新闻：</strong></p><p><a href='/a'>另一条检测新闻的标题</a></p>"
    html = page(
        "<title>某检测机构通过复评审</title>",
        "<h1>某检测机构通过复评审</h1><div>2024-05-20</div>",
        body="<p>推荐：下载客户端，第一时间获取检验检测资讯，还有专享福利，快来体验吧！</p>" + links + TEXT,
    )
    found = extract(html)
    assert "相关新闻：" not in found.paragraphs
    assert "会议要求" in build_from_html(html, "", TODAY).body


def test_the_editor_credit_closes_the_article():
    tail = (
        "<p>责任编辑：某某</p><blockquote><p>另一条新闻的标题</p>"
        "<p>另一条新闻的正文，与本文无关，被注入在编辑署名之后。</p></blockquote>"
    )
    html = page("<title>某检测机构通过复评审</title>", "<h1>某检测机构通过复评审</h1><div>2024-05-20</div>", body=TEXT + tail)
    assert extract(html).paragraphs[-1] == "责任编辑：某某"
    top = page(body="<p>责任编辑：某某</p>" + TEXT, top="<h1>某检测机构通过复评审</h1>")
    assert extract(top).paragraphs[-1].startswith("会议要求")  # a credit above the text closes nothing
