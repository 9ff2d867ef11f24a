"""The Invoke tasks an editor and the workflows run, exercised here rather than only on GitHub.

``invoke publish`` is what the publishing workflow runs before it deploys: the content
check, the publishconf.py build (absolute URLs, feeds, the search index) and the link
check. Running it into a temporary directory here means a change that would break
publishing fails ``make test`` first.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from scrapers.editors.preview import serve
from tools.check_links import broken_links

ROOT = Path(__file__).resolve().parents[1]
INVOKE = str(Path(sys.executable).with_name("invoke"))
SITEURL = "https://owner.github.io/tic-news-archive"


def _invoke(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([INVOKE, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, **(env or {})})


#: Articles added to a copy of content/ for the publish tests: a draft, a scheduled article
#: whose time has not come, one whose time has, and one with an image and a PDF attachment.
EXTRA = {
    "draft": ("2024-01-02-d0d0d0d0", "Status: draft\n", "2024-01-02", "草稿里写的是湖州市计量检定所的新实验室启用仪式。"),
    "future": ("2024-01-03-f0f0f0f0", "Status: scheduled\n", "2099-01-03 08:00", "定时发布的是宁波港口食品检测站年度开放安排。"),
    "due": ("2024-01-04-e0e0e0e0", "Status: scheduled\n", "2024-01-04 08:00", "到期发布的是温州鞋革质检中心的见学活动。"),
    "media": ("2024-01-05-a0a0a0a0", "", "2024-01-05", "附带图片与通知全文的是嘉兴纺织品检验站的开放日报道。"),
}
MEDIA_TEXT = ("\n\n![开放日现场]({static}/images/test-kaifangri.png)\n\n附件：\n\n"
              "- [活动通知]({static}/attachments/2024-01-05-a0a0a0a0/tongzhi.pdf)（PDF，16 B）\n")


def _content_with_extras(tmp: Path) -> Path:
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns(".*"))
    for name, (slug, status, when, body) in EXTRA.items():
        text = f"Title: 测试文章{name}\nDate: {when}\nCategory: 开放日\nRegion: 浙江省\nSlug: {slug}\n{status}\n{body}"
        if name == "media":
            text += MEDIA_TEXT
        (content / "articles" / f"{slug}.md").write_text(text + "\n", encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    (content / "images" / "test-kaifangri.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 8)
    (content / "attachments" / "2024-01-05-a0a0a0a0").mkdir(parents=True)
    (content / "attachments" / "2024-01-05-a0a0a0a0" / "tongzhi.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return content


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("published") / "site"
    cache = tmp_path_factory.mktemp("pelican-cache")
    content = _content_with_extras(tmp_path_factory.mktemp("content"))
    done = _invoke("publish", "--output", str(out), "--cache", str(cache), "--content", str(content),
                   env={"SITEURL": SITEURL})
    done.content = content  # type: ignore[attr-defined]
    return out, cache, done


def test_publish_leaves_out_drafts_and_what_is_not_due(
        published: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    out, _, done = published
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("draft", "future"):
        slug = EXTRA[name][0]
        leaks = [p.relative_to(out) for p in out.rglob("*") if p.is_file() and (slug.encode() in p.read_bytes()
                 or f"测试文章{name}".encode() in p.read_bytes())]
        assert leaks == [], f"the {name} article reached {leaks}"
    assert not (out / "drafts").exists()
    for name in ("due", "media"):
        assert (out / "articles" / EXTRA[name][0] / "index.html").is_file(), name


def test_publish_with_an_image_and_an_attachment(published: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    out, _, done = published
    assert done.returncode == 0, done.stdout + done.stderr
    page = (out / "articles" / "2024-01-05-a0a0a0a0" / "index.html").read_text(encoding="utf-8")
    assert f'src="{SITEURL}/images/test-kaifangri.png"' in page
    assert f'href="{SITEURL}/attachments/2024-01-05-a0a0a0a0/tongzhi.pdf"' in page
    assert (out / "attachments" / "2024-01-05-a0a0a0a0" / "tongzhi.pdf").is_file()
    assert ", 0 broken links" in done.stdout


def test_publish_builds_checks_and_indexes(published: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    out, cache, done = published
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "checked " in done.stdout and "link check: " in done.stdout and ", 0 broken links" in done.stdout
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'href="{SITEURL}/' in index  # absolute URLs from publishconf.py
    feed = (out / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert f"{SITEURL}/articles/" in feed
    assert (out / "search" / "index" / "meta.json").is_file()
    assert any(cache.iterdir()), "--cache should leave Pelican's content cache behind"


def test_publish_again_from_the_cache_gives_the_same_site(
        published: tuple[Path, Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> None:
    """What CI does on the next run: restore the cache, build again; nothing may differ."""
    out, cache, first = published
    assert first.returncode == 0
    again = tmp_path / "site"
    done = _invoke("publish", "--output", str(again), "--cache", str(cache), "--content", str(first.content),  # type: ignore[attr-defined]
                   env={"SITEURL": SITEURL})
    assert done.returncode == 0, done.stdout + done.stderr
    pages = sorted(p.relative_to(out) for p in out.rglob("*.html") if "pagefind" not in p.parts)
    assert pages == sorted(p.relative_to(again) for p in again.rglob("*.html") if "pagefind" not in p.parts)
    for rel in pages:
        assert (out / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_link_check_reports_what_would_break(published: tuple[Path, Path, subprocess.CompletedProcess[str]],
                                             tmp_path: Path) -> None:
    out, _, done = published
    assert done.returncode == 0
    assert broken_links(out, SITEURL) == []
    page = tmp_path / "site" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    (tmp_path / "site" / "b.html").write_text("ok", encoding="utf-8")
    page.write_text(
        f'<a href="{SITEURL}/missing/">x</a> <a href="../b.html">ok</a> <a href="/elsewhere/">root</a>'
        f'<a href="https://other.example/x">other site</a> <img src="{SITEURL}/b.html"> <a href="#top">anchor</a>',
        encoding="utf-8")
    assert broken_links(tmp_path / "site", SITEURL) == [
        f"a/index.html: {SITEURL}/missing/ -> no such file missing/index.html",
        "a/index.html: /elsewhere/ -> leaves the site's path /tic-news-archive/",
    ]
    cli = subprocess.run([sys.executable, str(ROOT / "tools" / "check_links.py"), str(tmp_path / "site"),
                          "--siteurl", SITEURL], capture_output=True, text=True, check=False)
    assert cli.returncode == 1 and cli.stdout.splitlines()[-1] == "link check: 2 pages, 2 broken links"


def test_invoke_check_and_new(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    made = _invoke("new", "--title", "浙江省检验检测机构开放日", "--category", "开放日", "--region", "浙江省",
                   "--date", "2025-09-06", "--root", str(root))
    assert made.returncode == 0, made.stdout + made.stderr
    path = next(root.iterdir())
    assert made.stdout.startswith(f"wrote {path}")
    bad = _invoke("check", "--root", str(root), "--", str(path))
    assert bad.returncode == 1
    assert f"{path}:4: Tags: not filled in yet (待填写)" in bad.stdout
    assert bad.stdout.splitlines()[-1] == "checked 1 article: 7 errors, 0 warnings"
    assert "Traceback" not in bad.stderr and "UnexpectedExit" not in bad.stderr
    refused = _invoke("new", "--title", "x", "--region", "浙江", "--root", str(root))
    assert refused.returncode == 2
    assert "error: --region: unknown region '浙江'; did you mean '浙江省'?" in refused.stderr


def test_invoke_check_takes_files_after_a_double_dash_or_as_options() -> None:
    article = sorted((ROOT / "content" / "articles").glob("*.md"))[0]
    for args in (("check", "--", str(article)), ("check", "--files", str(article))):
        done = _invoke(*args)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.splitlines()[-1].startswith("checked 1 article: 0 errors")


def test_preview_serves_and_rebuilds_on_save(tmp_path: Path) -> None:
    """The watch loop with a stand-in build: a saved article is checked, rebuilt and served."""
    content, output = tmp_path / "content", tmp_path / "output"
    root = content / "articles"
    root.mkdir(parents=True)
    article = root / "2025-09-06-00000000.md"
    article.write_text("Title: 第一版\n", encoding="utf-8")
    builds: list[str] = []
    messages: list[str] = []

    def rebuild() -> None:
        title = article.read_text(encoding="utf-8").splitlines()[0]
        if "坏" in title:
            raise RuntimeError("pelican failed")
        builds.append(title)
        (output / "index.html").write_text(title, encoding="utf-8")

    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(output, [content], rebuild),
                              kwargs={"port": 0, "root": root, "stop": stop, "say": messages.append}, daemon=True)
    thread.start()

    def wait_for(predicate, what: str) -> None:
        deadline = time.monotonic() + 20
        while not predicate():
            assert time.monotonic() < deadline, f"timed out waiting for {what}: {messages}"
            time.sleep(0.05)

    wait_for(lambda: any(m.startswith("Preview at http://") for m in messages), "the server")
    url = next(m for m in messages if m.startswith("Preview at ")).split()[2]
    assert urllib.request.urlopen(url).read().decode() == "Title: 第一版"
    time.sleep(0.3)  # let the watcher start before the first change
    article.write_text("Title: 第二版\n", encoding="utf-8")
    wait_for(lambda: len(builds) == 2, "a rebuild")
    assert urllib.request.urlopen(url).read().decode() == "Title: 第二版"
    assert any("Date: Date is required" in m for m in messages), messages  # the check ran on the saved file
    article.write_text("Title: 坏\n", encoding="utf-8")
    wait_for(lambda: any(m.startswith("build failed") for m in messages), "a failed build")
    assert urllib.request.urlopen(url).read().decode() == "Title: 第二版"  # the old site is still served
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()


def test_serve_on_a_taken_port_builds_nothing_and_says_which_port(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _invoke("serve", "--port", str(port))
    assert done.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert f"invoke serve --port {port + 1}" in done.stderr
    assert "rebuilt" not in done.stdout and "Traceback" not in done.stderr


def test_preview_refuses_a_taken_port_before_building(tmp_path: Path) -> None:
    from scrapers.editors.preview import PortTaken

    builds: list[int] = []
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(PortTaken, match="already in use"):
            serve(tmp_path / "output", [tmp_path], lambda: builds.append(1), port=taken.getsockname()[1],
                  say=lambda _m: None)
    assert builds == []


def test_invoke_import_takes_files_after_a_double_dash(tmp_path: Path) -> None:
    page = ROOT / "tests" / "fixtures" / "seeds"
    raw = sorted(p for p in page.rglob("*") if p.is_file() and p.suffix in (".html", ".txt"))[0]
    done = _invoke("import", "--out", str(tmp_path), "--", str(raw))
    assert "Traceback" not in done.stderr
    assert str(raw) in done.stdout or raw.name in done.stdout, done.stdout + done.stderr
    listed = _invoke("--list").stdout
    assert " import " in listed and "import_" not in listed


def test_invoke_find_and_fix(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    root.mkdir()
    made = _invoke("new", "--title", "衢州市检验检测促进会成立", "--category", "协会动态", "--region", "浙江省",
                   "--date", "2025-09-06", "--root", str(root))
    assert made.returncode == 0, made.stderr
    path = next(root.iterdir())
    found = _invoke("find", "促进会 衢州", "--root", str(root))
    assert found.returncode == 0 and found.stdout.strip() == f"{path}  2025-09-06  衢州市检验检测促进会成立"
    assert _invoke("find", "没有这篇", "--root", str(root)).returncode == 1
    path.write_bytes(path.read_bytes().replace(b"Title: ", "Title：".encode()).replace(b"\n", b"\r\n"))
    fixed = _invoke("fix", "--root", str(root), "--", str(path))
    assert f"{path}:1: Title: full-width colon '：' → ':'" in fixed.stdout
    assert b"\r" not in path.read_bytes() and "Title: 衢州市" in path.read_text(encoding="utf-8")
    assert fixed.returncode == 1  # the 待填写 fields remain, and are listed
    assert "Still to do" in fixed.stdout and "not filled in yet" in fixed.stdout


def test_commands_are_quoted_for_the_shell_they_run_in() -> None:
    """Windows editors run the same tasks: cmd.exe takes "…", not '…', and backslashes are paths."""
    import tasks

    path = r"C:\Users\编辑\tic news\content\articles\2025-09-06-cbd32773.md"
    assert tasks._q(path, windows=True) == f'"{path}"'
    assert tasks._q("/home/编辑/a b.md", windows=False) == "'/home/编辑/a b.md'"
    assert tasks._split(f'"{path}" b.md', windows=True) == [path, "b.md"]
    assert tasks._split("a.md 'b c.md'", windows=False) == ["a.md", "b c.md"]
