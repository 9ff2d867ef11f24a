"""Invoke tasks: the entry point for people (the Makefile only bootstraps .venv).

Follows the pelican-quickstart set (build, serve, clean, publish) plus test and the
scraper commands. Every task runs tools from the interpreter Invoke itself runs in,
so it works the same from `make`, from an activated venv and in CI.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task
from invoke.exceptions import Exit

ROOT = Path(__file__).resolve().parent
PY = shlex.quote(sys.executable)
OUTPUT = ROOT / "output"
#: The site's search index is written by plugins.searchindex during the Pelican build (no
#: separate step). Pagefind, the search before it, stays only as the benchmarks' baseline
#: (bench/search.py, bench/build.py --pagefind), over the article pages only.
PAGEFIND_GLOB = "articles/*/index.html"


def _pelican(c, settings: str, output: Path, extra: str = "") -> None:
    # CI is as strict as the site tests: a warning (an unknown tag, a city the gazetteer lacks)
    # fails the build there; locally it is printed and the build goes on.
    fatal = "warnings" if os.environ.get("CI") else "errors"
    c.run(
        f"{PY} -m pelican {shlex.quote(str(ROOT / 'content'))} -o {shlex.quote(str(output))} "
        f"-s {shlex.quote(str(ROOT / settings))} --fatal {fatal} {extra}",
        pty=False,
    )


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help={"output": "where to write the site (default: output/)"})
def build(c, output=str(OUTPUT)):
    """Build content/ with Pelican (local settings) and index it for search."""
    out = Path(output)
    shutil.rmtree(out, ignore_errors=True)
    _pelican(c, "pelicanconf.py", out)
    print(f"\nSite built in {out}/ — preview it with `make serve` (or `.venv/bin/invoke serve`)"
          " and open http://127.0.0.1:8000/")


@task(help={"port": "port to serve on (default 8000)", "bind": "address (default 127.0.0.1)",
            "watch": "rebuild when content/, theme/, plugins/ or the settings change (default on)"})
def serve(c, port=8000, bind="127.0.0.1", watch=True):
    """Build, serve output/ on localhost and rebuild on every save (see scrapers/preview.py)."""
    if not watch:
        if not (OUTPUT / "index.html").exists():
            build(c)
        c.run(f"{PY} -m http.server {int(port)} --bind {shlex.quote(bind)} --directory "
              f"{shlex.quote(str(OUTPUT))}")
        return
    from scrapers.preview import serve as preview

    def rebuild() -> None:
        _pelican(c, "pelicanconf.py", OUTPUT)

    watched = [ROOT / "content", ROOT / "theme", ROOT / "plugins", ROOT / "pelicanconf.py"]
    preview(OUTPUT, watched, rebuild, bind=bind, port=int(port))


@task(help={"output": "where to write the site (default: output/)",
            "cache": "keep Pelican's content cache in this directory (CI restores it between runs)"})
def publish(c, output=str(OUTPUT), cache=""):
    """Check the content, build with publishconf.py (absolute URLs, feeds), index for search, check links."""
    check(c)
    out = Path(output)
    shutil.rmtree(out, ignore_errors=True)
    extra = ""
    if cache:
        # By hash, not mtime: a fresh clone gives every file a new mtime.
        extra = (f"--cache-path {shlex.quote(cache)} -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true "
                 "CHECK_MODIFIED_METHOD='\"sha256\"'")
    _pelican(c, "publishconf.py", out, extra)
    _run_or_exit(c, f"{PY} {shlex.quote(str(ROOT / 'tools' / 'check_links.py'))} {shlex.quote(str(out))}")


def _run_or_exit(c, command: str) -> None:
    """Run a checking command; on failure exit with its status, without Invoke's traceback."""
    result = c.run(command, warn=True, pty=False)
    if result.failed:
        raise Exit(code=result.exited)


@task(help={"files": "an article to check (repeatable; or list them after --)",
            "root": "the articles directory (default content/articles/)"}, iterable=["files"])
def check(c, files=None, root=""):
    """Check articles without building: `invoke check` (all) or `invoke check -- FILE...`."""
    argv = [*(files or []), *shlex.split(getattr(c, "remainder", "") or "")]
    if root:
        argv += ["--root", root]
    _run_or_exit(c, f"{PY} -m scrapers.check " + " ".join(shlex.quote(a) for a in argv))


@task(help={"title": "the headline (required)", "category": "one of the six categories",
            "region": "province-level name or 全国", "city": "a city from the gazetteer",
            "source": "the outlet that published it", "url": "the page it was taken from",
            "tags": "comma-separated tags", "authors": "comma-separated reporters",
            "summary": "one or two sentences", "date": "YYYY-MM-DD (default: today in China)",
            "root": "the articles directory (default content/articles/)"})
def new(c, title="", category="", region="", city="", source="", url="", tags="", authors="", summary="",
        date="", root=""):
    """Start a new article file in content/articles/ with every field filled in or marked 待填写."""
    argv = ["--title", title]
    for flag, value in (("--category", category), ("--region", region), ("--city", city), ("--source", source),
                        ("--url", url), ("--tags", tags), ("--authors", authors), ("--summary", summary),
                        ("--date", date), ("--root", root)):
        if value:
            argv += [flag, value]
    _run_or_exit(c, f"{PY} -m scrapers.new " + " ".join(shlex.quote(a) for a in argv))


@task(help={"args": "extra arguments for pytest, e.g. -k search"})
def test(c, args=""):
    """Run ruff and the whole pytest suite."""
    c.run(f"{PY} -m ruff check {shlex.quote(str(ROOT))}")
    workers = os.environ.get("PYTEST_WORKERS", "2")
    c.run(f"{PY} -m pytest -n {workers} {args}", pty=False)


@task(help={"files": "raw page files", "manifest": "a manifest.json instead of files",
            "out": "target directory (default content/articles/)"}, iterable=["files"])
def import_(c, files=None, manifest=None, out=None):
    """Normalise raw press pages into articles (see `python -m scrapers import -h`)."""
    argv = [*(files or [])]
    if manifest:
        argv += ["--manifest", manifest]
    if out:
        argv += ["--out", out]
    c.run(f"{PY} -m scrapers import " + " ".join(shlex.quote(a) for a in argv))


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
    _run_or_exit(c, f"{PY} -m scrapers fetch " + " ".join(shlex.quote(a) for a in argv))
