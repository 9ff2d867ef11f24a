"""Invoke tasks: the entry point for people (the Makefile only bootstraps .venv).

Follows the pelican-quickstart set (build, serve, clean, publish) plus test and the
scraper commands. Every task runs tools from the interpreter Invoke itself runs in,
so it works the same from `make`, from an activated venv and in CI.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent


def _q(arg: str, windows: bool = os.name == "nt") -> str:
    """One argument quoted for the shell Invoke runs commands in (cmd.exe on Windows knows no '…')."""
    return subprocess.list2cmdline([arg]) if windows else shlex.quote(arg)


def _split(text: str, windows: bool = os.name == "nt") -> list[str]:
    """Words after ``--``; on Windows a backslash is a path separator, not an escape."""
    if not windows:
        return shlex.split(text)
    return [w[1:-1] if len(w) > 1 and w[0] == w[-1] == '"' else w for w in shlex.split(text, posix=False)]


PY = _q(sys.executable)
OUTPUT = ROOT / "output"
#: The site's search index is written by plugins.searchindex during the Pelican build (no
#: separate step). Pagefind, the search before it, stays only as the benchmarks' baseline
#: (bench/search.py, bench/build.py --pagefind), over the article pages only.
PAGEFIND_GLOB = "articles/*/index.html"


def _pelican(c, settings: str, output: Path, extra: str = "", content: Path = ROOT / "content") -> None:
    # One build, the same here and in CI. The content's own findings never go through Pelican's
    # logger (plugins.validate prints them): an error stops the build, a warning (an unknown
    # tag) is shown and never fails anything. What Pelican itself warns about (a file it
    # cannot read) fails the build everywhere, so a build that passes here passes in CI.
    result = c.run(
        f"{PY} -m pelican {_q(str(content))} -o {_q(str(output))} "
        f"-s {_q(str(ROOT / settings))} --fatal warnings {extra}",
        pty=False,
        warn=True,
    )
    if result.failed:
        raise Exit(code=result.exited or 1)


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help={"output": "where to write the site (default: output/)",
            "content": "the content folder to build (default content/)",
            "clean": "build from nothing: remove the output and its caches first (default: incremental)"})
def build(c, output=str(OUTPUT), content="", clean=False):
    """Build content/ with Pelican (local settings) and index it for search.

    Incremental (plugins.incremental): only pages whose inputs changed are rendered, and
    unchanged files are left untouched; ``--clean`` starts from an empty output folder.
    """
    out = Path(output)
    if clean:
        from plugins.incremental.state import cache_dir

        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache_dir({}, str(out)), ignore_errors=True)
    _pelican(c, "pelicanconf.py", out, content=Path(content) if content else ROOT / "content")
    print(f"\nSite built in {out}/ — preview it with `make serve` (or `.venv/bin/invoke serve`)"
          " and open http://127.0.0.1:8000/")


@task(help={"port": "port to serve on (default 8000)", "bind": "address (default 127.0.0.1)",
            "watch": "rebuild when content/, theme/, plugins/ or the settings change (default on)",
            "drafts": "build Status: draft and not-yet-due scheduled articles too, with a mark (default on)"})
def serve(c, port=8000, bind="127.0.0.1", watch=True, drafts=True):
    """Build, serve output/ on localhost and rebuild on every save (see scrapers/editors/preview.py)."""
    from scrapers.editors.preview import PortTaken, drafts_built, free_port_or_say
    from scrapers.editors.preview import serve as preview

    try:
        # Before building: a second preview must not rebuild the running one's output/ and then crash.
        free_port_or_say(bind, int(port))
    except PortTaken as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise Exit(code=1) from None
    extra = "-e SHOW_DRAFTS=true" if drafts else ""
    if not watch:
        _pelican(c, "pelicanconf.py", OUTPUT, extra)
        for url in drafts_built(OUTPUT, f"http://{bind}:{int(port)}/"):
            print(f"draft (not published): {url}")
        c.run(f"{PY} -m http.server {int(port)} --bind {_q(bind)} --directory "
              f"{_q(str(OUTPUT))}")
        return

    def rebuild() -> None:
        _pelican(c, "pelicanconf.py", OUTPUT, extra)

    watched = [ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"]
    try:
        preview(OUTPUT, watched, rebuild, bind=bind, port=int(port))
    except PortTaken as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise Exit(code=1) from None


@task(help={"output": "where to write the site (default: output/)",
            "cache": "keep Pelican's content cache in this directory (CI restores it between runs)",
            "content": "the content folder to check and build (default content/)"})
def publish(c, output=str(OUTPUT), cache="", content=""):
    """Check the content, build with publishconf.py (absolute URLs, feeds; no drafts), index for search, check links."""
    folder = Path(content) if content else ROOT / "content"
    check(c, root=str(folder / "articles") if content else "")
    out = Path(output)
    shutil.rmtree(out, ignore_errors=True)
    extra = ""
    if cache:
        # By hash, not mtime: a fresh clone gives every file a new mtime.
        extra = (f"--cache-path {_q(cache)} -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true "
                 "CHECK_MODIFIED_METHOD='\"sha256\"'")
    _pelican(c, "publishconf.py", out, extra, content=folder)
    _run_or_exit(c, f"{PY} {_q(str(ROOT / 'tools' / 'check_links.py'))} {_q(str(out))}")


def _run_or_exit(c, command: str) -> None:
    """Run a checking command; on failure exit with its status, without Invoke's traceback."""
    result = c.run(command, warn=True, pty=False)
    if result.failed:
        raise Exit(code=result.exited)


@task(help={"files": "an article to check (repeatable; or list them after --)",
            "root": "the articles directory (default content/articles/)"}, iterable=["files"])
def check(c, files=None, root="", rules=False):
    """Check articles without building: `invoke check` (all) or `invoke check -- FILE...`; `--rules` lists the rules."""
    argv = _files(c, files)
    if root:
        argv += ["--root", root]
    if rules:
        argv += ["--rules"]
    _run_or_exit(c, f"{PY} -m scrapers.editors.check " + " ".join(_q(a) for a in argv))


@task(help={"title": "the headline (required)", "category": "one of the six categories",
            "region": "province-level name or 全国", "city": "a city from the gazetteer",
            "source": "the outlet that published it", "url": "the page it was taken from",
            "tags": "comma-separated tags", "authors": "comma-separated reporters",
            "summary": "one or two sentences",
            "date": "YYYY-MM-DD or 'YYYY-MM-DD HH:MM' (default: today in China; a future date schedules it)",
            "status": "draft (never published until changed) or scheduled (published at --date)",
            "root": "the articles directory (default content/articles/)"})
def new(c, title="", category="", region="", city="", source="", url="", tags="", authors="", summary="",
        date="", status="", root=""):
    """Start a new article file in content/articles/ with every field filled in or marked 待填写."""
    argv = ["--title", title]
    for flag, value in (("--category", category), ("--region", region), ("--city", city), ("--source", source),
                        ("--url", url), ("--tags", tags), ("--authors", authors), ("--summary", summary),
                        ("--date", date), ("--status", status), ("--root", root)):
        if value:
            argv += [flag, value]
    _run_or_exit(c, f"{PY} -m scrapers.editors.new " + " ".join(_q(a) for a in argv))


@task(help={"args": "extra arguments for pytest, e.g. -k search"})
def test(c, args=""):
    """Run ruff and the whole pytest suite."""
    c.run(f"{PY} -m ruff check {_q(str(ROOT))}")
    workers = os.environ.get("PYTEST_WORKERS", "2")
    c.run(f"{PY} -m pytest -n {workers} {args}", pty=False)


def _files(c, files) -> list[str]:
    """Files given as ``--files X`` (repeatable) and after ``--`` (``invoke check -- A B``)."""
    return [*(files or []), *_split(getattr(c, "remainder", "") or "")]


@task(name="import", help={"files": "a raw page file (repeatable; or list them after --)",
                           "manifest": "a manifest.json instead of files",
                           "out": "target directory (default content/articles/)"}, iterable=["files"])
def import_(c, files=None, manifest=None, out=None):
    """Normalise raw press pages into articles: `invoke import -- FILE...` (see `python -m scrapers import -h`)."""
    argv = _files(c, files)
    if manifest:
        argv += ["--manifest", manifest]
    if out:
        argv += ["--out", out]
    _run_or_exit(c, f"{PY} -m scrapers import " + " ".join(_q(a) for a in argv))


@task(help={"files": "an article to fix (repeatable; or list them after --; default: every article)",
            "root": "the articles directory (default content/articles/)",
            "dry_run": "say what would change; write nothing"}, iterable=["files"])
def fix(c, files=None, root="", dry_run=False):
    """Fix what is mechanical (BOM, CRLF, colons, tabs, indents, dates, Traditional…): `invoke fix -- FILE...`."""
    argv = _files(c, files) + (["--root", root] if root else []) + (["--dry-run"] if dry_run else [])
    _run_or_exit(c, f"{PY} -m scrapers.editors.fix " + " ".join(_q(a) for a in argv))


@task(positional=["words"], help={"words": "words of the title (or of the source URL or slug)",
                                  "root": "the articles directory (default content/articles/)"})
def find(c, words, root=""):
    """Which file holds an article: `invoke find 标题关键词` prints path, date and title."""
    # Invoke takes one positional value (a positional with a default is not positional to it);
    # more words go in quotes ("促进会 成立") or after -- .
    argv = words.split() + _split(getattr(c, "remainder", "") or "")
    argv += ["--root", root] if root else []
    _run_or_exit(c, f"{PY} -m scrapers.editors.find " + " ".join(_q(a) for a in argv))


@task(help={"sources": "registry file (default scrapers/sources.yaml)",
            "source": "only this source, by name (repeatable)",
            "out": "target directory (default content/articles/)",
            "since": "skip items published before this date (YYYY-MM-DD)",
            "limit": "at most N items per source",
            "dry_run": "fetch and report, but write nothing"}, iterable=["source"])
def fetch(c, sources="", source=None, out="", since="", limit=0, dry_run=False):
    """Fetch new items from the registered sources (see README, Fetching)."""
    argv = ["--sources", sources] if sources else []
    argv += ["--source", *source] if source else []
    argv += (["--out", out] if out else []) + (["--since", since] if since else [])
    argv += (["--limit", str(int(limit))] if limit else []) + (["--dry-run"] if dry_run else [])
    _run_or_exit(c, f"{PY} -m scrapers fetch " + " ".join(_q(a) for a in argv))
