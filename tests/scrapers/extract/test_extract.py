"""Generic extraction, list links and encoding detection, on the fixture sites' own pages."""

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from scrapers.assemble import build_article
from scrapers.core.decoding import decode, meta_charset
from scrapers.extract import extract
from scrapers.fetch.lists import find_links
from scrapers.fetch.sources import Selectors

SITES = Path(__file__).resolve().parents[2] / "fixtures" / "sites"
GOLD = yaml.safe_load((SITES / "expected.yaml").read_text(encoding="utf-8"))
TODAY = date(2026, 11, 23)


def core(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", text))


@pytest.mark.parametrize("gold", GOLD["pages"], ids=[g["page"] for g in GOLD["pages"]])
def test_generic_extraction_finds_title_date_and_every_paragraph_and_no_chrome(gold):
    found = extract((SITES / gold["page"]).read_text(encoding="utf-8"))
    assert found.title == gold["title"]
    assert found.date[:10] == gold["date"]
    text = "\n".join(found.paragraphs)
    for paragraph in gold["paragraphs"]:
        assert core(paragraph) in core(text)
    gold_chars = sum(len(core(p)) for p in gold["paragraphs"])
    assert gold_chars / len(core(text)) > 0.95, f"extra text: {text}"
    assert not [n for n in GOLD["noise"] if n in text]


def test_raw_text_goes_through_the_normaliser_like_imported_text():
    page = SITES / "newspaper/content/2024-06/12/content_556677.htm"
    found = extract(page.read_text(encoding="utf-8"))
    lines = found.raw_text().splitlines()
    assert lines[0] == "湖北推进检验检测机构“双随机”监督抽查"
    assert lines[1].startswith("2024-06-12 09:15") and "来源：中国质量报" in lines[1]
    article = build_article(found.raw_text(), "https://news.example/content_556677.htm", TODAY)
    assert (article.title, article.date, article.region, article.source) == (
        "湖北推进检验检测机构“双随机”监督抽查",
        "2024-06-12 09:15",
        "湖北省",
        "中国质量报",
    )
    assert article.authors == ("刘晓燕",)
    assert "责任编辑" not in article.body and "相关新闻" not in article.body


def test_a_date_only_in_meta_tags_still_reaches_the_normaliser():
    html = """<html><head><title>某协会举办检验检测技术交流会_某协会</title>
    <meta name="PubDate" content="2024-02-02 10:00"></head><body>
    <h1>某协会举办检验检测技术交流会</h1><div class="c"><p>2月1日，某协会举办检验检测技术交流会，
    来自多家检验检测机构的技术人员围绕新标准实施中的常见问题进行了交流。</p></div></body></html>"""
    found = extract(html)
    assert found.info == "" and found.date == "2024-02-02 10:00"
    assert found.raw_text().splitlines()[1] == "发布时间：2024-02-02 10:00"
    assert build_article(found.raw_text(), "", TODAY).date == "2024-02-02 10:00"


def test_selectors_are_used_and_a_selector_that_matches_nothing_falls_back():
    html = (SITES / "regulator/rkjcs/gzdt/202405/t20240520_1001.html").read_text(encoding="utf-8")
    chosen = extract(html, Selectors(title="h1.article-title", date=".pages-date", body="#zoom"))
    assert chosen.how == "title:selector body:selector date:selector"
    assert chosen.paragraphs[0].startswith("5月20日")
    meta = extract(html, Selectors(title="meta[name=ArticleTitle]"))
    assert meta.title == "市场监管总局举办2024年世界认可日主题活动"
    missing = extract(html, Selectors(title=".no-such-title", body=".no-such-body"))
    assert missing.how == "title:generic body:generic"
    assert missing.title == chosen.title and missing.paragraphs == chosen.paragraphs


def test_list_links_by_pattern_area_and_script_data():
    html = (SITES / "regulator/rkjcs/gzdt/index.html").read_text(encoding="utf-8")
    base = "https://gov.example/rkjcs/gzdt/index.html"
    links = find_links(html, base, re.compile(r"/rkjcs/[a-z]+/(\d{6}/)?[tP]\d+_\w+\.(html|pdf)$"), "ul.list")
    assert links[0].url == "https://gov.example/rkjcs/gzdt/202405/t20240520_1001.html"
    assert links[0].date == "2024-05-20" and links[0].text.startswith("市场监管总局举办")
    assert "https://gov.example/rkjcs/internal/t20240410_1003.html" in [x.url for x in links]
    assert len(links) == 6
    # a JCMS list keeps its rows in <script type="text/xml">: the raw markup is scanned
    jcms = (SITES / "province/col/col1228/index.html").read_text(encoding="utf-8")
    rows = find_links(jcms, "https://prov.example/col/col1228/index.html", re.compile(r"/art/\d{4}/.+art_1228_\d+\.html$"))
    assert [(r.url, r.date) for r in rows] == [
        ("https://prov.example/art/2024/6/3/art_1228_5001.html", "2024-06-03"),
        ("https://prov.example/art/2024/5/21/art_1228_5002.html", "2024-05-21"),
    ]
    undated = jcms.replace("<span>2024-06-03</span>", "")
    rows = find_links(undated, "https://prov.example/", re.compile(r"art_1228_\d+\.html$"))
    assert [r.date for r in rows] == ["", "2024-05-21"], "a row without a date does not borrow the next row's"


SIMPLIFIED = "江苏省检验检测行业协会召开会员代表大会，王堃当选为会长，李喆当选为秘书长。" * 3
TRADITIONAL = "粵港澳三地檢測認證機構在廣州簽署合作備忘錄，約定在檢測結果互認方面加強合作。" * 3


def page(text: str, meta: str = "") -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("body", "header", "override", "script", "expected", "text"),
    [
        (page(SIMPLIFIED).encode("gbk"), "", "", "simplified", "gb18030", SIMPLIFIED),  # nothing declared
        (page(SIMPLIFIED, "gb2312").encode("gbk"), "", "", "simplified", "gb18030", SIMPLIFIED),  # GB2312 but GBK-only chars
        (page(SIMPLIFIED).encode("gbk"), "utf-8", "", "simplified", "gb18030", SIMPLIFIED),  # header lies: UTF-8
        (page(TRADITIONAL, "big5").encode("big5"), "ISO-8859-1", "", "traditional", "big5hkscs", TRADITIONAL),
        (page(TRADITIONAL).encode("big5"), "gb2312", "", "simplified", "big5hkscs", TRADITIONAL),  # Big5 sent as gb2312
        (page(SIMPLIFIED, "gbk").encode("utf-8"), "", "", "simplified", "utf-8", SIMPLIFIED),  # meta lies: it is UTF-8
        (page(SIMPLIFIED).encode("gbk"), "utf-8", "gbk", "simplified", "gbk", SIMPLIFIED),  # the registry's override wins
    ],
)
def test_encodings_are_detected_when_declared_wrongly_or_not_at_all(body, header, override, script, expected, text):
    decoded, name = decode(body, header, override, script)
    assert name == expected
    assert text in decoded


def test_meta_charset_forms():
    assert meta_charset(b'<meta charset="big5">') == "big5"
    assert meta_charset(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=GB2312'>") == "GB2312"
    assert meta_charset(b"<p>no meta</p>") == ""
