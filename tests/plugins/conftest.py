"""Build the small fixture site in ``tests/plugins/site`` with chosen plugins.

Every build runs real Pelican in a subprocess (plugins connect to Pelican's global
signals, so builds with different plugin sets must not share a process). The theme is
the real one, which renders with any subset of the plugins (what a plugin adds is only
shown when it is there).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]


def _site_plugins() -> list[str]:
    """PLUGINS of pelicanconf.py, read without importing Pelican's settings machinery twice."""
    import ast

    tree = ast.parse((ROOT / "pelicanconf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "PLUGINS" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError("pelicanconf.py has no PLUGINS list")
SITE = Path(__file__).resolve().parent / "site"
#: Every plugin the real site uses (pelicanconf.PLUGINS), by short name; the reader is always on.
ALL_PLUGINS = tuple(p.removeprefix("plugins.") for p in _site_plugins() if p != "plugins.reader")
SITEURL = "https://archive.example.org/sub"


@dataclass
class Build:
    """The result of one build: exit code, everything it printed, and where it wrote."""

    returncode: int
    output: str
    out: Path

    def soup(self, rel: str) -> BeautifulSoup:
        path = self.out / rel
        built = sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*.html"))
        assert path.is_file(), f"{rel} was not written; built: {built[:40]}"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def ok(self) -> Build:
        assert self.returncode == 0, f"build failed ({self.returncode}):\n{self.output}"
        return self


def build(out: Path, plugins: tuple[str, ...] = ALL_PLUGINS, siteurl: str = "", content: Path | None = None,
          extra: dict | None = None, fatal: str = "warnings", verbose: bool = False) -> Build:
    """Run Pelican on the fixture site (or ``content``) into ``out``.

    Each build has a reader cache of its own beside ``out``: builds run in parallel (xdist),
    and a shared cache file read while another build writes it fails to unpickle.
    """
    cache = out.parent / f"{out.name}-cache"
    for old in (out, cache):
        if old.exists():
            shutil.rmtree(old)  # every build here is a cold one
    env = {**os.environ, "PLUGIN_TEST_PLUGINS": ",".join(plugins), "PLUGIN_TEST_SITEURL": siteurl,
           "PLUGIN_TEST_EXTRA": json.dumps({"CACHE_PATH": str(cache), **(extra or {})}), "COLUMNS": "1000"}
    argv = [sys.executable, "-m", "pelican", str(content or SITE / "content"), "-o", str(out),
            "-s", str(SITE / "settings.py")]
    if fatal:
        argv += ["--fatal", fatal]
    if verbose:
        argv.append("-v")
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    return Build(done.returncode, done.stdout + done.stderr, out)


def copy_content(tmp: Path) -> Path:
    """A writable copy of the fixture content, for tests that break an article."""
    target = tmp / "content"
    shutil.copytree(SITE / "content", target)
    return target


@pytest.fixture(scope="session")
def full_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with every plugin and an absolute SITEURL (like publishconf)."""
    return build(tmp_path_factory.mktemp("plugins-full") / "out", siteurl=SITEURL).ok()


@pytest.fixture(scope="session")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture site with every plugin and relative URLs (like pelicanconf)."""
    return build(tmp_path_factory.mktemp("plugins-local") / "out").ok()
