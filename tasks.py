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

ROOT = Path(__file__).resolve().parent
PY = shlex.quote(sys.executable)
OUTPUT = ROOT / "output"


def _pelican(c, settings: str, output: Path, extra: str = "") -> None:
    c.run(
        f"{PY} -m pelican {shlex.quote(str(ROOT / 'content'))} -o {shlex.quote(str(output))} "
        f"-s {shlex.quote(str(ROOT / settings))} --fatal errors {extra}",
        pty=False,
    )


def _index(c, output: Path) -> None:
    """Index the built site with Pagefind (extended build: segments Chinese)."""
    c.run(f"{PY} -m pagefind --site {shlex.quote(str(output))} --quiet")


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
    _index(c, out)
    print(f"\nSite built in {out}/ — preview it with `make serve` (or `.venv/bin/invoke serve`)"
          " and open http://127.0.0.1:8000/")


@task(help={"port": "port to serve on (default 8000)", "bind": "address (default 127.0.0.1)"})
def serve(c, port=8000, bind="127.0.0.1"):
    """Serve output/ on localhost (build first with `invoke build`)."""
    if not (OUTPUT / "index.html").exists():
        build(c)
    c.run(f"{PY} -m http.server {int(port)} --bind {shlex.quote(bind)} --directory "
          f"{shlex.quote(str(OUTPUT))}")


@task(help={"output": "where to write the site (default: output/)"})
def publish(c, output=str(OUTPUT)):
    """Build with publishconf.py (absolute URLs, feeds) and index for search."""
    out = Path(output)
    shutil.rmtree(out, ignore_errors=True)
    _pelican(c, "publishconf.py", out)
    _index(c, out)


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
