"""Every page of both builds (and our stylesheet) passes the Nu HTML Checker (vnu.jar from npm).

The W3C's own validator catches more than a parse: misplaced ARIA attributes, bad nesting,
duplicate ids, invalid attribute values. Errors and warnings fail the test, except the
checker's "Content Security Policy" notes: it checks files from disk, where 'self' is a
file: URL and the published build's http://127.0.0.1 assets look foreign, and it counts
JSON-LD data blocks as inline scripts, which browsers neither run nor block.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, Published

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
IGNORED = ("Content Security Policy",)


def _pages(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*.html") if "pagefind" not in p.relative_to(root).parts)


def test_every_page_is_valid_html(site_dir: Path, published_site: Published) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(f"needs Java (apt-get install default-jre-headless) and {VNU.relative_to(ROOT)} (npm ci)",
                    pytrace=False)
    pages = _pages(site_dir) + _pages(published_site.dir) + [str(site_dir / "theme" / "css" / "style.css")]
    done = subprocess.run([java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--also-check-css", *pages],
                          capture_output=True, text=True, timeout=300, check=False)
    messages = json.loads(done.stderr or "{}").get("messages", [])
    problems = [f"{m.get('url', '?').rsplit('/', 4)[-4:]} {m.get('lastLine', '?')}: {m['type']}"
                f"{'/' + m['subType'] if m.get('subType') else ''}: {m.get('message')}"
                for m in messages if not any(s in m.get("message", "") for s in IGNORED)]
    assert not problems, "\n".join(problems[:60])
    assert len(pages) > 20
