from datetime import date

import pytest

from scrapers.article import Article, ArticleFormatError, make_slug, parse, problems

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
