"""A notice's attachments, downloaded through the real fetcher from a site on 127.0.0.1.

The site serves a notice page with a PDF, a DOCX and an XLS linked under its text, a
sidebar with another notice's PDF (not this notice's), an HTML error page behind a
``.pdf`` link, a file too large, a 404 and a redirect. The downloads go through
:func:`scrapers.fetch.attachments.fetch_bytes` (robots.txt, the address guard, the size limit),
land in ``content/attachments/<slug>/`` and are listed under the text; the article then
passes the content check and builds with its links resolved.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scrapers.core.article import Article
from scrapers.core.rules import check_files
from scrapers.fetch.attachments import (
    Link,
    attach,
    fetch_bytes,
    file_name,
    find_links,
    human_size,
    looks_like,
    markdown,
    with_attachments,
)
from scrapers.fetch.client import Fetcher
from scrapers.fetch.sources import Politeness

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


NOTICE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知</title></head><body>
<div class="nav"><a href="/">首页</a></div>
<div class="side"><h3>相关文件</h3><a href="/other/old-notice.pdf">往年的通知（PDF）</a></div>
<div class="main">
  <h1>关于开展2025年检验检测机构能力验证工作的通知</h1>
  <div id="zoom">
    <p>各省、自治区、直辖市市场监管局：为加强检验检测机构能力建设，现将2025年能力验证工作安排通知如下。</p>
    <p>请各单位按照附件要求组织辖区内检验检测机构报名参加，并于规定时间内报送汇总材料。</p>
  </div>
  <div class="fj">附件：
    <p><a href="/files/P020250301_notice.pdf">1. 能力验证计划[2025]</a></p>
    <p><a href="/files/报名表.docx">2. 报名表</a></p>
    <p><a href="/files/list.xls?v=2">3. 机构名单</a></p>
    <p><a href="/files/missing.pdf">4. 已删除的文件</a></p>
    <p><a href="/files/error.pdf">5. 出错的文件</a></p>
    <p><a href="/files/huge.pdf">6. 很大的文件</a></p>
    <p><a href="/files/moved.pdf">7. 搬走的文件</a></p>
    <p><a href="javascript:void(0)">8. 脚本</a> <a href="/files/P020250301_notice.pdf">1. 重复</a></p>
  </div>
</div></body></html>"""

FILES: dict[str, tuple[bytes, str]] = {
    "/notice.html": (NOTICE.encode("utf-8"), "text/html; charset=utf-8"),
    "/list.html": (
        '<html><body><ul><li><a href="/notice.html">关于开展2025年检验检测机构能力验证工作的通知</a> 2025-03-01</li>'
        "</ul></body></html>".encode(),
        "text/html; charset=utf-8",
    ),
    "/files/P020250301_notice.pdf": (PDF, "application/pdf"),
    "/files/%E6%8A%A5%E5%90%8D%E8%A1%A8.docx": (_docx(), "application/octet-stream"),
    "/files/list.xls?v=2": (OLE, "application/vnd.ms-excel"),
    "/files/error.pdf": (b"<!DOCTYPE html><html><body>Error 500</body></html>", "text/html"),
    "/files/huge.pdf": (b"%PDF-1.4\n" + b"0" * 300_000, "application/pdf"),
    "/files/final.pdf": (PDF + b"%moved\n", "application/pdf"),
    "/other/old-notice.pdf": (PDF, "application/pdf"),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[str]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # http.server's naming
        self.seen.append(self.path)
        if self.path == "/files/moved.pdf":
            self.send_response(302)
            self.send_header("Location", "/files/final.pdf")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body, kind = FILES.get(self.path, (b"not found", "text/plain"))
        self.send_response(200 if self.path in FILES else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site(allow_hosts: Callable[..., None]) -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Handler", (_Handler,), {"seen": seen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host = f"127.0.0.1:{server.server_address[1]}"
    allow_hosts(host)
    yield f"http://{host}", seen
    server.shutdown()
    server.server_close()


SLUG = "2025-03-01-1a2b3c4d"
POLITE = Politeness(delay=0, retries=0, connect_timeout=2, read_timeout=2, deadline=10)


def _article(url: str) -> Article:
    return Article(
        title="关于开展2025年检验检测机构能力验证工作的通知",
        date="2025-03-01",
        category="政策公告",
        region="全国",
        slug=SLUG,
        source_url=url,
        body="各省、自治区、直辖市市场监管局：为加强检验检测机构能力建设，现将2025年能力验证工作安排通知如下。",
    )


def test_a_notices_attachments_are_downloaded_stored_and_listed(
    site: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, seen = site
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    page_url = f"{base}/notice.html"
    with Fetcher(allow_hosts=[base.removeprefix("http://")]) as fetcher:
        get = fetch_bytes(fetcher, POLITE)

        def limited(url: str, limit: int) -> tuple[bytes, str]:
            return get(url, min(limit, 200_000))  # the huge file is over this test's limit

        article, lines = attach(_article(page_url), NOTICE, page_url, limited, content)
    folder = content / "attachments" / SLUG
    assert sorted(p.name for p in folder.iterdir()) == ["P020250301_notice.pdf", "attachment-2.docx", "list.xls", "moved.pdf"]
    assert (folder / "P020250301_notice.pdf").read_bytes() == PDF
    assert lines == [
        f"attachment attachments/{SLUG}/P020250301_notice.pdf (PDF, {len(PDF)} B)",
        f"attachment attachments/{SLUG}/attachment-2.docx (Word, {human_size(len(_docx()))})",
        f"attachment attachments/{SLUG}/list.xls (Excel, 512 B)",
        f"attachment attachments/{SLUG}/moved.pdf (PDF, {len(PDF) + 7} B)",
        f"attachment not kept: {base}/files/missing.pdf: HTTP 404",
        f"attachment not kept: {base}/files/error.pdf: not a PDF file (an HTML page)",
        f"attachment not kept: {base}/files/huge.pdf: larger than the limit of 195 KB (293 KB)",
    ]
    assert article.body.endswith(
        "附件：\n\n"
        f"- [1. 能力验证计划\\[2025\\]]({{static}}/attachments/{SLUG}/P020250301_notice.pdf)（PDF，{len(PDF)} B）\n"
        f"- [2. 报名表]({{static}}/attachments/{SLUG}/attachment-2.docx)（Word，{human_size(len(_docx()))}）\n"
        f"- [3. 机构名单]({{static}}/attachments/{SLUG}/list.xls)（Excel，512 B）\n"
        f"- [7. 搬走的文件]({{static}}/attachments/{SLUG}/moved.pdf)（PDF，{len(PDF) + 7} B）"
    )
    assert "/other/old-notice.pdf" not in seen  # the sidebar's file is another notice's
    assert "/robots.txt" in seen  # asked first, as for any page
    # The article as stored passes the content check, attachments and all.
    path = content / "articles" / f"{SLUG}.md"
    path.write_text(article.render(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [str(f) for f in check_files([path], content / "articles")] == []
    # Again: the same files are not rewritten, the list is not doubled.
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    with Fetcher(allow_hosts=[base.removeprefix("http://")]) as fetcher:
        get = fetch_bytes(fetcher, POLITE)
        again, _ = attach(article, NOTICE, page_url, lambda url, limit: get(url, min(limit, 200_000)), content)
    assert again.body.count("附件：") == 1
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_the_address_guard_applies_to_attachments(tmp_path: Path) -> None:
    """An attachment link to a private address is refused before any request, like a page."""
    html = '<div><p>正文正文正文正文正文正文正文正文正文正文正文正文。</p><a href="http://10.0.0.1/a.pdf">附件</a></div>'
    with Fetcher(allow_hosts=[]) as fetcher:
        article, lines = attach(
            _article("https://example.cn/n.html"), html, "https://example.cn/n.html", fetch_bytes(fetcher, POLITE), tmp_path
        )
    assert lines and "10.0.0.1 is a private address" in lines[0] and "附件：" not in article.body
    assert not (tmp_path / "attachments").exists()


def test_dry_run_writes_nothing(site: tuple[str, list[str]], tmp_path: Path) -> None:
    base, _ = site
    with Fetcher(allow_hosts=[base.removeprefix("http://")]) as fetcher:
        _article_out, lines = attach(
            _article(f"{base}/notice.html"), NOTICE, f"{base}/notice.html", fetch_bytes(fetcher, POLITE), tmp_path, write=False
        )
    assert any(line.startswith("attachment attachments/") for line in lines)
    assert not (tmp_path / "attachments").exists()


def test_find_links_scope_and_fallbacks() -> None:
    links = find_links(NOTICE, "https://example.cn/a/notice.html")
    assert [link.url for link in links][:2] == [
        "https://example.cn/files/P020250301_notice.pdf",
        "https://example.cn/files/报名表.docx",
    ]
    assert all("old-notice" not in link.url for link in links)
    scoped = find_links(NOTICE, "https://example.cn/a/notice.html", scope=".side")
    assert [link.label for link in scoped] == ["往年的通知（PDF）"]
    assert find_links("", "https://example.cn/") == []
    assert find_links('<p><a href="file:///etc/passwd.pdf">附件</a></p>', "https://example.cn/") == []


def test_names_kinds_sizes_and_the_list() -> None:
    taken: set[str] = set()
    assert file_name(Link("https://e.cn/f/a.pdf", "", ".pdf"), taken, 1) == "a.pdf"
    assert file_name(Link("https://e.cn/g/a.pdf", "", ".pdf"), taken, 2) == "a-2.pdf"
    assert file_name(Link("https://e.cn/f/通知.pdf", "", ".pdf"), taken, 3) == "attachment-3.pdf"
    assert looks_like(PDF, ".pdf") == "" and looks_like(OLE, ".doc") == "" and looks_like(_docx(), ".docx") == ""
    assert looks_like(_docx(), ".xlsx") == "not a Excel file (a ZIP without xl/)"
    assert looks_like(b"PK\x03\x04broken", ".docx") == "not a Word file (a broken ZIP)"
    assert (human_size(980), human_size(356 * 1024), human_size(1258291)) == ("980 B", "356 KB", "1.2 MB")
    assert markdown([]) == ""
    unchanged = _article("https://e.cn/n.html")
    assert with_attachments(unchanged, []) == unchanged


def test_fetch_stores_a_notices_attachments_with_it(site: tuple[str, list[str]], tmp_path: Path) -> None:
    """Through the whole fetch: list page → notice → its PDF, DOCX and XLS beside the article."""
    from scrapers.fetch.crawl import Options, run
    from scrapers.fetch.sources import load_sources

    base, _ = site
    registry = tmp_path / "sources.yaml"
    registry.write_text(
        f"- name: 测试监管局\n  lists: [{base}/list.html]\n  items: 'notice\\.html$'\n"
        "  politeness: {delay: 0, retries: 0, read_timeout: 2, connect_timeout: 2}\n",
        encoding="utf-8",
    )
    out = tmp_path / "content" / "articles"
    out.mkdir(parents=True)
    lines: list[str] = []
    report = run(load_sources(registry), Options(out=out), cache_dir=None, emit=lines.append)
    assert not report.failed_sources, lines
    (article_file,) = out.glob("*.md")
    text = article_file.read_text(encoding="utf-8")
    folder = tmp_path / "content" / "attachments" / article_file.stem
    stored = sorted(p.name for p in folder.iterdir())
    assert len(stored) >= 3 and any(n.endswith(".pdf") for n in stored), stored
    assert any(n.endswith(".docx") for n in stored) and any(n.endswith(".xls") for n in stored)
    assert "old-notice" not in " ".join(stored)  # the sidebar's PDF belongs to another notice
    for name in stored:
        assert f"{{static}}/attachments/{article_file.stem}/{name}" in text or name in text
