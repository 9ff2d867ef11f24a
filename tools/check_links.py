"""Check that every link inside the built site leads to a file of the site (offline).

Usage: ``python tools/check_links.py OUTPUT_DIR [--siteurl URL]``

``invoke publish`` runs it after the build, and so does the publishing workflow before it
deploys, so a broken link fails the run instead of reaching readers. Links to other
sites are not fetched (that would make publishing depend on other people's servers);
a link counts as inside the site when it is relative, root-relative, or starts with the
site URL (``SITEURL`` from the environment, else ``publishconf.SITEURL``). Under a
project site's sub-path (``https://owner.github.io/repo``) a root-relative link that
leaves the sub-path is reported too: it works locally and breaks on GitHub Pages.

Prints ``page: link -> why`` per broken link and a summary; exit 1 when any is broken.
"""

from __future__ import annotations

import argparse
import os
import runpy
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
#: (tag, attribute) pairs that make a browser navigate or fetch.
LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
              ("iframe", "src"), ("form", "action"))
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "#")


def default_siteurl() -> str:
    """The SITEURL the published build used: the environment's, else publishconf.py's."""
    if os.environ.get("SITEURL"):
        return os.environ["SITEURL"].rstrip("/")
    return str(runpy.run_path(str(ROOT / "publishconf.py")).get("SITEURL", "")).rstrip("/")


def _target(site: Path, base_path: str, page: Path, href: str, siteurl: str) -> tuple[Path | None, str]:
    """The file ``href`` on ``page`` points at (``None`` for other sites), or a reason it is outside."""
    site_parts = urlsplit(siteurl)
    page_url = f"{base_path}/{page.relative_to(site).as_posix()}"
    parts = urlsplit(href)
    inside = lambda path: not base_path or path == base_path or path.startswith(base_path + "/")  # noqa: E731
    if parts.scheme or href.startswith("//"):
        if parts.scheme not in ("http", "https", "") or not siteurl or parts.netloc != site_parts.netloc:
            return None, ""  # another site
        if not inside(parts.path):
            return None, ""  # another project on the same host
        path = parts.path
    else:
        path = urlsplit(urljoin(page_url, href)).path
        if not inside(path):
            return site / "__outside__", f"leaves the site's path {base_path}/"
    rel = unquote(path[len(base_path):]).lstrip("/")
    target = site / rel
    if path.endswith("/") or not rel:
        target = target / "index.html"
    return target, ""


def broken_links(site: Path, siteurl: str = "") -> list[str]:
    """Every internal link in ``site``'s HTML that does not lead to a file, as ``page: link -> why``."""
    base_path = urlsplit(siteurl).path.rstrip("/")
    problems: list[str] = []
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)
    for page in pages:
        tree = lxml.html.fromstring(page.read_bytes())
        for tag, attr in LINK_ATTRS:
            for el in tree.iter(tag):
                href = (el.get(attr) or "").strip()
                if not href or href.startswith(SKIP_SCHEMES):
                    continue
                target, why = _target(site, base_path, page, href, siteurl)
                if target is None:
                    continue
                if why:
                    problems.append(f"{page.relative_to(site)}: {href} -> {why}")
                elif not target.exists():
                    problems.append(f"{page.relative_to(site)}: {href} -> no such file {target.relative_to(site)}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="the built site (output/)")
    parser.add_argument("--siteurl", help="the site's URL (default: $SITEURL, else publishconf.SITEURL)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    siteurl = (args.siteurl if args.siteurl is not None else default_siteurl()).rstrip("/")
    found = broken_links(site, siteurl)
    for line in found:
        print(line)
    pages = sum(1 for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)
    print(f"link check: {pages} pages, {len(found)} broken link{'s' * (len(found) != 1)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
