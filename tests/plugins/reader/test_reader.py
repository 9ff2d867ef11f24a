"""The reader plugin: Markdown only, sanitised HTML, plain-text metadata, safe content files.

The unit tests pin the renderer and the sanitiser; the build tests run real Pelican on the
fixture site plus hostile files and look at every page and feed it wrote.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins.reader import external_url, render, safe_url, split_metadata
from tests.plugins.conftest import ROOT, SITEURL, build, copy_content

# --------------------------------------------------------------------------- unit


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.cn/a.html", "https://news.example.cn/a.html"),
        ("http://news.example.cn/a?b=1#c", "http://news.example.cn/a?b=1#c"),
        ("https://user:secret@news.example.cn/a", "https://news.example.cn/a"),
        ("https://user@news.example.cn:8080/a", "https://news.example.cn:8080/a"),
        ("/articles/2021-03-15-6efc2bf0/", "/articles/2021-03-15-6efc2bf0/"),
        ("#top", "#top"),
        ("{filename}2021-03-15-6efc2bf0.md", "{filename}2021-03-15-6efc2bf0.md"),
        ("{static}/images/a.png", "{static}/images/a.png"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" java\tscript:alert(1)", None),
        ("java\x00script:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("file:///etc/passwd", None),
        ("https:///no-host", None),
        ("{attach}../../.git/config", None),
        ("{static}/../../../etc/passwd", None),
        ("", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_external_url_wants_an_absolute_http_url() -> None:
    assert external_url("https://a.example.cn/x") == "https://a.example.cn/x"
    assert external_url("/local/path") is None
    assert external_url("{filename}x.md") is None
    assert external_url("ftp://a.example.cn/x") is None


def test_raw_html_in_markdown_stays_text() -> None:
    html = render('第一段<script>alert(1)</script>\n\n<iframe src="https://evil.example/"></iframe>')
    assert "<script" not in html and "<iframe" not in html
    assert "&lt;script&gt;" in html


def test_links_and_images_only_http_or_site_relative() -> None:
    html = render("[点我](javascript:alert(1)) [好](https://u:p@ok.example.cn/a) ![图](data:image/png;base64,AAAA)")
    assert not re.search(r'(href|src)="(javascript|data):', html)
    assert 'href="https://ok.example.cn/a"' in html
    assert "u:p@" not in html


def test_intrasite_placeholders_survive_rendering() -> None:
    html = render("见[上一篇]({filename}2021-03-15-6efc2bf0.md)。")
    assert 'href="{filename}2021-03-15-6efc2bf0.md"' in html


def test_no_definition_lists_attribute_lists_or_indented_code() -> None:
    html = render('检验检测机构\n: 开放日\n\n    缩进的段落仍是段落。\n\n段落 {: onclick="alert(1)" }')
    assert "<dl" not in html and "<dd" not in html
    assert "<pre" not in html and "<code" not in html
    assert not re.search(r"<p[^>]*onclick", html)  # the attribute-list text stays text


def test_many_brackets_render_in_linear_time() -> None:
    """200 KB of ``检[1]`` took Python-Markdown 52 s; run it in a child with a generous bound."""
    code = "from plugins.reader import render; print(len(render('检[1]' * 50000)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    assert int(done.stdout) > 200_000


def test_metadata_block_ends_at_the_first_blank_line() -> None:
    fields, body = split_metadata("\ufeffTitle: 标题\nSummary: 第一行\n    续行\n\nSlug: 正文里的一行\n")
    assert [(k, v) for k, v, _ in fields] == [("Title", "标题"), ("Summary", "第一行 续行")]
    assert body.strip() == "Slug: 正文里的一行"


# --------------------------------------------------------------------------- builds

PAYLOAD_TITLE = (
    '突发&lt;/title&gt;&lt;meta http-equiv="refresh" content="0;url=https://evil.example/"&gt;'
    '</title><meta http-equiv="refresh" content="0;url=https://evil.example/"><script>alert(1)</script>'
)
HOSTILE = f"""Title: {PAYLOAD_TITLE}
Date: 2024-05-01
Category: 协会动态
Tags: 检验检测, <svg onload=alert(9)>
Region: 浙江省
City: 杭州市
Source: "><script>alert(2)</script>&lt;/title&gt;
Source_URL: javascript:alert(6)
Mirrors: javascript:alert(7), https://user:pw@mirror.example.cn/a.html, data:text/html;base64,PHNjcmlwdD4=
Authors: <b onmouseover=alert(8)>记者</b>
Summary: <script>alert(3)</script> [点我](javascript:alert(4)) <img src=x onerror=alert(5)>
Slug: 2024-05-01-0badc0de
Save_as: index.html
Template: ../../../etc/passwd

正文<script>alert(11)</script>，[链接](javascript:alert(12))，![图](javascript:alert(13))。

<iframe src="https://evil.example/"></iframe>

: 定义列表？

    缩进的段落。
"""

RST = """标题
====

.. include:: ../../../../.git/config

.. raw:: html

   <script>alert('rst')</script>
"""

HTML_PAGE = """<html><head><title>覆盖</title><meta name="save_as" content="index.html"></head>
<body><script>alert('html')</script></body></html>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site plus a hostile article and files that must not be built."""
    tmp = tmp_path_factory.mktemp("reader-hostile")
    content = copy_content(tmp)
    articles = content / "articles"
    (articles / "2024-05-01-0badc0de.md").write_text(HOSTILE, encoding="utf-8")
    (articles / "leak.rst").write_text(RST, encoding="utf-8")
    (articles / "takeover.html").write_text(HTML_PAGE, encoding="utf-8")
    (articles / ".#lock.md").symlink_to("/nonexistent/editor-lock")
    (articles / "broken.md").symlink_to(tmp / "missing.md")
    (articles / "secret.md").symlink_to(ROOT / ".git" / "config")
    (articles / "loop-a.md").symlink_to(articles / "loop-b.md")
    (articles / "loop-b.md").symlink_to(articles / "loop-a.md")
    (articles / "sub").mkdir()
    (articles / "sub" / "up").symlink_to(articles)
    os.mkfifo(articles / "pipe.md")
    (articles / "half-written.md.tmp").write_text("Title: 半截", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def hostile_build(hostile_site: Path, tmp_path_factory: pytest.TempPathFactory):
    # Without the validate plugin: the templates must be safe whatever reaches them.
    plugins = ("taxonomy", "related", "hant", "feeds", "seo")
    return build(tmp_path_factory.mktemp("reader-out") / "out", plugins=plugins, siteurl=SITEURL, content=hostile_site, fatal="")


def _live_markup(html: str) -> list[str]:
    """Elements and attributes of ``html`` that a browser or feed reader would act on."""
    found = []
    for tag in BeautifulSoup(html, "lxml").find_all(True):
        if tag.name in ("script", "iframe", "object", "embed", "svg", "meta", "style", "form"):
            found.append(str(tag))
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on") or re.match(r"\s*(javascript|data|vbscript):", text, re.I):
                found.append(f"{tag.name} {attr}={text}")
    return found


def _written(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


def test_hostile_build_finishes_and_names_each_skipped_file(hostile_build) -> None:
    assert hostile_build.returncode == 0, hostile_build.output
    log = " ".join(hostile_build.output.split())
    for name in ("leak.rst", "takeover.html", "broken.md", "secret.md", "loop-a.md", "pipe.md", "sub/up"):
        assert name in log, f"{name} not reported:\n{hostile_build.output}"


def test_no_live_markup_from_fields_or_text(hostile_build) -> None:
    out = hostile_build.out
    page = (out / "articles" / "2024-05-01-0badc0de" / "index.html").read_text(encoding="utf-8")
    soup = hostile_build.soup("articles/2024-05-01-0badc0de/index.html")
    assert soup.title.string.startswith("突发&lt;/title&gt;")  # the title is text, shown as written
    assert not soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
    assert not soup.find("iframe") and not soup.find("svg") and not soup.find("b")
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
        assert (
            "alert" not in (script.string or "").replace("\\u003c", "<").split("</script>")[0]
            or script.get("type") == "application/ld+json"
        )
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), tag
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not re.match(r"\s*(javascript|data|vbscript):", text, re.I), tag
    assert "mirror.example.cn/a.html" in page and "user:pw@" not in page
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["headline"].startswith("突发&lt;/title&gt;")
    assert "isBasedOn" not in ld


def test_every_page_is_free_of_injected_markup(hostile_build) -> None:
    for path in _written(hostile_build.out):
        if path.suffix not in (".html", ".xml", ".json"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            # JSON Feed's title and summary are plain text by its spec; content_html is HTML.
            text = json.dumps([i.get("content_html", "") for i in json.loads(text).get("items", [])])
        assert "<script>alert" not in text, path
        assert not re.search(r"<meta[^>]+http-equiv=.?refresh", text, re.I), path
        assert "[core]" not in text and "repositoryformatversion" not in text, path  # .git/config


def test_feeds_carry_no_live_markup(hostile_build) -> None:
    feedparser = pytest.importorskip("feedparser")
    atom = feedparser.parse(str(hostile_build.out / "feeds" / "all.atom.xml"))
    entry = next(e for e in atom.entries if "突发" in e.title)
    for field in ("summary", "content"):
        html = entry[field] if field == "summary" else entry.content[0].value
        assert not _live_markup(html), html
    doc = json.loads((hostile_build.out / "feeds" / "all.json").read_text(encoding="utf-8"))
    item = next(i for i in doc["items"] if "突发" in i["title"])
    assert not _live_markup(item["content_html"])
    assert "external_url" not in item


def test_no_content_file_escapes_its_place(hostile_build) -> None:
    out = hostile_build.out
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "覆盖" not in home and "alert('html')" not in home
    assert not (out / "leak.html").exists()
    assert not any("rst" in p.name for p in _written(out))
    assert not (out / "etc").exists()


def test_output_fields_are_honoured_only_on_pages(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    (content / "pages" / "gone.md").write_text(
        "Title: 找不到\nSlug: gone\nSave_as: gone.html\nStatus: hidden\n\n正文\n", encoding="utf-8"
    )
    (content / "pages" / "evil.md").write_text(
        "Title: 覆盖首页\nSlug: evil\nSave_as: ../index.html\n\n页面被覆盖的正文\n", encoding="utf-8"
    )
    done = build(tmp_path / "out", plugins=("taxonomy",), content=content, fatal="")
    assert done.returncode == 0, done.output
    assert (done.out / "gone.html").is_file()
    assert "页面被覆盖的正文" not in (done.out / "index.html").read_text(encoding="utf-8")
    assert (done.out / "evil" / "index.html").is_file()  # written at its own place instead
    assert "Save_as" in done.output and "evil.md" in " ".join(done.output.split())


def test_a_plain_site_builds_the_same_without_warnings(local_site) -> None:
    soup = local_site.soup("articles/2021-03-15-6efc2bf0/index.html")
    body = soup.select_one(".article__body")
    assert body is not None and body.find("p")
    assert "WARNING" not in local_site.output
