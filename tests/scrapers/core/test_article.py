from dataclasses import replace
from datetime import date

import pytest

from scrapers.core.article import Article, ArticleFormatError, clean_url, make_slug, parse, problems

GOOD = """Title: 杭州市检验检测认证促进会正式成立
Date: 2023-01-18
Category: 协会动态
Tags: 检验检测, 行业协会
Region: 浙江省
City: 杭州市
Source: 中国计量网
Authors: 张三, 李四
Slug: 2023-01-18-519e2677

正文第一段。

正文第二段。
"""


def test_round_trip_is_byte_stable():
    article = parse(GOOD)
    assert article.tags == ("检验检测", "行业协会") and article.authors == ("张三", "李四")
    assert article.render() == GOOD
    assert article.lines["Region"] == 5


def test_parse_errors_name_the_line():
    with pytest.raises(ArticleFormatError) as err:
        parse("Title: x\nDate 2023-01-01\n\nbody")
    assert err.value.line == 2
    with pytest.raises(ArticleFormatError, match="unknown field 'Colour'"):
        parse("Title: x\nColour: red\n\nbody")
    with pytest.raises(ArticleFormatError, match="appears twice"):
        parse("Title: x\nTitle: y\n\nbody")


def test_problems_name_field_and_line():
    text = GOOD.replace("协会动态", "新闻").replace("2023-01-18\n", "2099-01-01\n")
    bad = parse(text.replace("Slug: 2023-01-18-519e2677", "Slug: 杭州"))
    found = {(p.field, p.line) for p in problems(bad, today=date(2026, 11, 23))}
    assert ("Category", 3) in found and ("Date", 2) in found and ("Slug", 9) in found
    missing = problems(Article(title="", date="", category="", region="", slug="", body="x"))
    assert {p.field for p in missing} == {"Title", "Date", "Category", "Region", "Slug"}


def test_slug_is_stable_ascii_and_ignores_the_title():
    assert make_slug("2023-01-18", "https://example.cn/a.html") == make_slug("2023-01-18 10:00", "https://example.cn/a.html")
    assert make_slug("2023-01-18", "x").isascii()


def test_scraper_hash_detects_edits():
    article = parse(GOOD).with_scraper_hash()
    assert article.content_hash() == article.scraper_hash
    edited = parse(article.render().replace("正文第一段", "编辑改过的第一段"))
    assert edited.content_hash() != edited.scraper_hash


# --- control characters, URLs, list fields -----------------------------------------------


@pytest.mark.parametrize("ch", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_a_line_breaking_control_in_the_text_keeps_the_hash(ch):
    """The writer and the parser break lines at the same characters, so the hash holds."""
    article = replace(parse(GOOD), body=f"正文第一段{ch}还是第一段。\n\n正文第二段。", title=f"标题{ch}续")
    stamped = article.with_scraper_hash()
    again = parse(stamped.render())
    assert again.content_hash() == again.scraper_hash
    assert again.render() == stamped.render()
    assert again.title == "标题 续"


def test_invisible_characters_are_removed_by_the_writer_and_flagged_by_the_parser():
    article = replace(parse(GOOD), source="浙江\u200d日报", title="\u202e标题", tags=("检验\u200b检测",))
    text = article.render()
    assert "Source: 浙江日报\n" in text and "Title: 标题\n" in text and "Tags: 检验检测\n" in text
    edited = parse(GOOD.replace("Source: 中国计量网", "Source: 浙江\u200d日报").replace("正文第二段", "正文\x1b第二段"))
    assert edited.source == "浙江日报"
    found = [(p.field, p.line) for p in problems(edited, today=date(2026, 11, 23)) if "U+" in p.message]
    assert found == [("Source", 7), ("Text", 13)]
    assert "U+200D ZERO WIDTH JOINER" in problems(edited, today=date(2026, 11, 23))[0].message


def test_a_leading_bom_is_not_a_problem():
    article = parse("\ufeff" + GOOD)
    assert article.title.startswith("杭州") and not problems(article, today=date(2026, 11, 23))


@pytest.mark.parametrize("line", ["Title: x", "Slug: ../../x", "Scraper_Hash: 0", "Date: 2020-01-01"])
def test_body_text_never_becomes_metadata(line):
    article = replace(parse(GOOD), body=f"{line}\n\n{line}")
    again = parse(article.render())
    assert again.body == f"{line}\n\n{line}" and again.title == article.title and again.slug == article.slug
    bare = Article(title="", date="", category="", region="", slug="", body=line)
    assert parse(bare.render()).body == line and parse(bare.render()).slug == ""


def test_list_values_holding_a_separator_render_stably():
    article = replace(parse(GOOD), tags=("检验,检测",), authors=("张三；李四",),
                      mirrors=("https://a.example.cn/x,y.html", "https://b.example.cn/1;2"))
    text = article.render()
    assert parse(text).render() == text
    assert parse(text).mirrors == ("https://a.example.cn/x%2Cy.html", "https://b.example.cn/1%3B2")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.cn/a.html", "https://example.cn/a.html"),
    ("HTTP://Example.CN:8080/a?b=1#c", "http://example.cn:8080/a?b=1#c"),
    ("https://user:pass@example.cn/a", "https://example.cn/a"),
    ("https://[::1]:81/a", "https://[::1]:81/a"),
    ("javascript:alert(1)", ""),
    ("JaVaScRiPt:alert(1)", ""),
    ("data:text/html,<script>", ""),
    ("file:///etc/passwd", ""),
    ("ftp://example.cn/a", ""),
    ("//example.cn/a", ""),
    ("https://", ""),
    ("https://example.cn:99999/a", ""),
    (" https://example.cn/a b ", "https://example.cn/a%20b"),
])
def test_clean_url(url, expected):
    assert clean_url(url) == expected


def test_url_fields_take_only_http_and_https():
    text = (GOOD.replace("Slug:", "Source_URL: javascript:alert(1)\nMirrors: https://a.example.cn/1, ftp://x/y, "
                                  "https://u:p@b.example.cn/2\nSlug:"))
    found = [(p.field, p.line, p.message) for p in problems(parse(text), today=date(2026, 11, 23))]
    assert [(f, n) for f, n, _ in found] == [("Source_URL", 9), ("Mirrors", 10), ("Mirrors", 10)]
    assert "javascript:alert(1)" in found[0][2] and "http" in found[0][2]
    assert "user name or password" in found[2][2]


def test_document_and_event_fields_round_trip():
    a = Article(
        title="关于开展能力验证的通知", date="2024-03-05", category="政策公告", region="全国",
        slug="2024-03-05-1e2f3a4b", body="正文。",
        doc_number="国认实〔2024〕12号", issuer="市场监管总局、国家认监委", issued="2024-03-01",
        effective="2024-05-01", attachments=("能力验证计划表, 第一批", "报名表；附表"), replaces="国认实〔2019〕5号",
        event_date="2024-06-09 09:30", event_end="2024-06-10", event_place="杭州, 市民中心;\n三楼",
    )
    text = a.render()
    assert "Attachments: 能力验证计划表, 第一批；报名表，附表\n" in text
    assert "Event_Place: 杭州, 市民中心; 三楼\n" in text
    back = parse(text)
    assert back.render() == text
    assert back.attachments == ("能力验证计划表, 第一批", "报名表，附表")
    assert (back.doc_number, back.issuer, back.issued, back.effective, back.replaces) == (
        a.doc_number, a.issuer, a.issued, a.effective, a.replaces)
    assert (back.event_date, back.event_end) == (a.event_date, a.event_end)
    assert problems(back, today=date(2025, 1, 1)) == []
    assert text.index("Doc_Number") < text.index("Event_Place") < text.index("Slug")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"issued": "2024-3-1"}, "Issued: invalid date '2024-3-1'; write YYYY-MM-DD (2024-03-01)"),
        ({"effective": "2024-05-01 09:00"}, "Effective: invalid date '2024-05-01 09:00'; write YYYY-MM-DD"),
        ({"issued": "2024-05-02", "effective": "2024-05-01"}, "Effective: Effective 2024-05-01 is before Issued"),
        ({"event_end": "2024-06-10"}, "Event_End: Event_End needs an Event_Date"),
        ({"event_place": "杭州"}, "Event_Place: Event_Place needs an Event_Date"),
        ({"event_date": "2024-06-10", "event_end": "2024-06-09"}, "Event_End: Event_End 2024-06-09 is before"),
        ({"event_date": "6月9日"}, "Event_Date: invalid date '6月9日'"),
        ({"doc_number": "国认实〔2024〕12号", "replaces": "国认实〔2024〕12号"}, "Replaces: a notice cannot replace itself"),
    ],
)
def test_document_and_event_rules(fields, expected):
    a = replace(parse(GOOD), **fields)
    found = [f"{p.field}: {p.message}" for p in problems(a, today=date(2025, 1, 1))]
    assert any(f.startswith(expected) for f in found), found


def test_review_flags_are_a_list_that_reads_back_whole():
    garbled = "疑似乱码未能修复（已在正文中标出）：「鍙戝竷；鏃堕棿」、「a|b」"
    article = replace(
        parse(GOOD), review=("页面未显示标题，标题由导语生成，请改写", garbled, "未能确定来源媒体或机构，请补充来源")
    )
    line = next(row for row in article.render().splitlines() if row.startswith("Review: "))
    assert line.count(" | ") == 2  # one separator between flags, none inside one
    back = parse(article.render()).review
    assert len(back) == 3 and back[1].startswith("疑似乱码") and "鏃堕棿" in back[1]
    assert parse(replace(article, review=(garbled,)).render()).review == (back[1],)


def test_old_review_lines_split_at_the_full_width_semicolon_keep_one_flag_whole():
    line = (
        "Review: 页面未显示标题，标题由导语生成，请改写；疑似乱码未能修复（已在正文中标出）：鍙戝竷；鏃堕棿；"
        "未能确定来源媒体或机构，请补充来源"
    )
    old = GOOD.replace("Slug:", f"{line}\nSlug:")
    assert parse(old).review == (
        "页面未显示标题，标题由导语生成，请改写",
        "疑似乱码未能修复（已在正文中标出）：鍙戝竷、鏃堕棿",
        "未能确定来源媒体或机构，请补充来源",
    )


def test_every_declared_field_is_written_read_and_checked_from_its_one_declaration():
    from scrapers.core.article import FIELD_ALIASES, FIELDS, REQUIRED_FIELDS

    values = {"list": ("甲", "乙"), "urls": ("https://a.example/1", "https://b.example/2"), "titles": ("附件一",)}
    values |= {"flags": ("请核对日期", "请补充来源"), "url": "https://a.example/0"}
    filled = {spec.attr: values.get(spec.kind, f"值{n}") for n, spec in enumerate(FIELDS)}
    filled |= {"date": "2024-01-02", "slug": "2024-01-02-0123abcd", "issued": "2024-01-01", "effective": "2024-01-03"}
    filled |= {"event_date": "2024-02-01", "event_end": "2024-02-02"}
    article = Article(**filled, body="正文。")
    text = article.render()
    assert [row.split(":", 1)[0] for row in text.splitlines()[: len(FIELDS)]] == [spec.key for spec in FIELDS]
    assert parse(text) == article
    blank = replace(article, **{spec.attr: "" for spec in FIELDS if spec.required})
    assert {p.field for p in problems(blank) if p.message.endswith("is required")} == set(REQUIRED_FIELDS)
    assert FIELD_ALIASES["标题"] == "Title" and FIELD_ALIASES["文号"] == "Doc_Number"
