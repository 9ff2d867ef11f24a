"""The Invoke tasks an editor and the workflows run, exercised here rather than only on GitHub.

``invoke publish`` is what the publishing workflow runs before it deploys: the content
check, the publishconf.py build (absolute URLs, feeds, the search index) and the link
check. Running it into a temporary directory here means a change that would break
publishing fails ``make test`` first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from scrapers.preview import serve
from tools.check_links import broken_links

ROOT = Path(__file__).resolve().parents[1]
INVOKE = str(Path(sys.executable).with_name("invoke"))
SITEURL = "https://owner.github.io/tic-news-archive"


def _invoke(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([INVOKE, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("published") / "site"
    cache = tmp_path_factory.mktemp("pelican-cache")
    done = _invoke("publish", "--output", str(out), "--cache", str(cache), env={"SITEURL": SITEURL})
    return out, cache, done


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
    done = _invoke("publish", "--output", str(again), "--cache", str(cache), env={"SITEURL": SITEURL})
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
