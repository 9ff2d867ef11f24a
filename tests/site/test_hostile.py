"""Hostile press pages, end to end: import → publish build → every page in Chromium.

Each page below carries one class of attack a scraped page can make (markup in the
headline, in the outlet name, in the text, links with other schemes, credentials in a
URL, invisible and control characters, Jinja syntax). They go through the real importer
(``python -m scrapers import``), the real published build (``publishconf.py``: feeds,
JSON-LD, Open Graph), and every written page is opened in Chromium. Nothing may open a
dialog, navigate or refresh the page, load from another host, or leave live markup in a
feed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from tests.site.conftest import CHROMIUM, ROOT, TIMEOUT_MS, Offsite, _build, _serving

EVIL = "https://evil.example/"

#: name → (source URL, raw page text). Every sentence is the project's own.
PAGES: dict[str, tuple[str, str]] = {
    "title-breakout": (
        "https://news.example.cn/2024/0501/a1.html",
        '杭州市检验检测协会&lt;/title&gt;&lt;meta http-equiv="refresh" content="0;url=' + EVIL + '"&gt;召开理事会'
        '</title><script>alert("title")</script>\n'
        "2024-05-01 10:00 来源：浙江日报\n"
        "5月1日，杭州市检验检测协会在杭州召开理事会，审议年度工作计划。\n"
        "会议提出，协会将继续组织会员单位开展能力验证和检验检测开放日活动。\n",
    ),
    "source-attribute": (
        "https://news.example.cn/2024/0502/a2.html",
        "宁波市检验检测认证促进会举办技术交流会\n"
        '2024-05-02 09:30 来源：宁波日报" onmouseover="alert(1)" x="&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;\n'
        "5月2日，宁波市检验检测认证促进会在宁波举办技术交流会，四十余家机构参加。\n"
        "与会代表围绕实验室能力建设和检验检测数字化转型进行了交流。\n",
    ),
    "text-markup": (
        "https://news.example.cn/2024/0503/a3.html",
        "温州市举办检验检测机构开放日活动\n"
        "2024-05-03 来源：温州日报\n"
        '5月3日，温州市检验检测机构开放日活动启动<img src=x onerror=alert("img")>，市民走进实验室。\n'
        "活动详情见[报名页面](javascript:alert('link'))，或扫描现场二维码{{ 7*7 }}{% raw %}报名。\n"
        '<iframe src="' + EVIL + '"></iframe>参观者观看了食品检测和计量校准演示。\n'
        ": 这一行以冒号开头，仍是正文。\n",
    ),
    "invisible": (
        "https://user:secret@news.example.cn/2024/0504/a4.html",
        "湖州市检验检测\u202e协会\u200d召开会员大会\n"
        "2024-05-04 来源：湖州\u200d日报\x0b\n"
        "5月4日，湖州市检验检测协会召开会员大会\x0c，选举产生新一届理事会。\u2028会议\x00审议通过了协会章程修正案。\n"
        "会员单位代表六十余人参加会议，大家表示将共同推动行业规范发展。\n",
    ),
}


@pytest.fixture(scope="module")
def hostile_published(tmp_path_factory: pytest.TempPathFactory):
    """The hostile pages imported into a fresh content folder and built like a publish."""
    tmp = tmp_path_factory.mktemp("hostile")
    raw = tmp / "raw"
    raw.mkdir()
    manifest = []
    for name, (url, text) in PAGES.items():
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
        manifest.append({"file": f"{name}.txt", "url": url})
    (raw / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    content = tmp / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapers",
            "import",
            "--manifest",
            str(raw / "manifest.json"),
            "--out",
            str(content / "articles"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    written = sorted((content / "articles").glob("*.md"))
    assert len(written) == len(PAGES), f"import wrote {len(written)} of {len(PAGES)}:\n{done.stdout}\n{done.stderr}"
    root = tmp / "www"
    with _serving(root) as (server, thread):
        url = f"http://127.0.0.1:{server.server_address[1]}/site/"
        _build(content, ROOT / "publishconf.py", root / "site", {"SITEURL": url.rstrip("/")})
        thread.start()
        yield root / "site", url, written


#: name → phrases of the text that must survive the import (nothing of the article is lost).
KEEP: dict[str, list[str]] = {
    "title-breakout": ["审议年度工作计划", "能力验证和检验检测开放日活动"],
    "source-attribute": ["四十余家机构参加", "检验检测数字化转型"],
    "text-markup": ["市民走进实验室", "食品检测和计量校准演示", "这一行以冒号开头"],
    "invisible": ["选举产生新一届理事会", "审议通过了协会章程修正案", "共同推动行业规范发展"],
}


def test_no_text_is_lost(hostile_published) -> None:
    out, _, written = hostile_published
    texts = [
        BeautifulSoup((out / "articles" / p.stem / "index.html").read_text(encoding="utf-8"), "lxml")
        .select_one(".article__body")
        .get_text()
        for p in written
    ]
    missing = [(name, phrase) for name, phrases in KEEP.items() for phrase in phrases if not any(phrase in t for t in texts)]
    assert not missing, missing


def test_every_page_opens_without_dialog_navigation_or_offsite_request(hostile_published) -> None:
    out, url, _ = hostile_published
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert any(p.startswith("articles/") for p in pages)
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    offsite = Offsite()
    with sync_playwright() as pw:
        browser: Browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        context = browser.new_context(service_workers="block")
        context.route("**/*", offsite.handle)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in pages:
            target = url + rel.removesuffix("index.html")
            page.goto(target, wait_until="load")
            page.wait_for_timeout(150)
            page.hover("body")
            assert page.url == target, f"{rel} navigated to {page.url}"
            assert not page.query_selector('meta[http-equiv="refresh" i]'), rel
        browser.close()
    assert not dialogs, dialogs
    assert not offsite.blocked, offsite.blocked


def test_fields_are_text_in_every_context(hostile_published) -> None:
    out, _, written = hostile_published
    for path in written:
        slug = path.stem
        html = (out / "articles" / slug / "index.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "lxml")
        for tag in soup.find_all(True):
            assert tag.name not in ("iframe", "img", "svg"), f"{slug}: {tag}"
            for attr, value in tag.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not attr.lower().startswith("on"), f"{slug}: {tag.name} {attr}"
                assert not re.match(r"\s*(javascript|data|vbscript):", text, re.I), f"{slug}: {tag.name} {attr}"
                assert "secret@" not in text, f"{slug}: credentials kept in {tag.name} {attr}"
        scripts = [s for s in soup.find_all("script") if not s.get("src")]
        assert all(s.get("type") == "application/ld+json" for s in scripts), scripts
        for s in scripts:
            json.loads(s.string)  # still valid JSON: nothing broke out of it
        assert "49" not in soup.select_one(".article__body").get_text()  # {{ 7*7 }} is text, not Jinja
        text = soup.get_text()
        assert not re.search("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\x00\x0b\x0c]", text), slug


def test_feeds_have_no_live_markup(hostile_published) -> None:
    import feedparser

    out, _, _ = hostile_published
    atom = feedparser.parse(str(out / "feeds" / "all.atom.xml"))
    assert len(atom.entries) == len(PAGES)
    for entry in atom.entries:
        for html in [entry.get("summary", ""), *(c.value for c in entry.get("content", []))]:
            soup = BeautifulSoup(html, "lxml")
            assert not soup.find(["script", "iframe", "img", "meta", "svg"]), html
            for tag in soup.find_all(True):
                assert not any(a.startswith("on") for a in tag.attrs), html
                assert not str(tag.get("href", "")).lower().startswith("javascript"), html
    feed = json.loads((out / "feeds" / "all.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        soup = BeautifulSoup(item["content_html"], "lxml")
        assert not soup.find(["script", "iframe", "img", "meta", "svg"]), item["content_html"]
        assert "secret@" not in item.get("external_url", "")


def test_chromium_is_there() -> None:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} not found (apt-get install chromium)"
