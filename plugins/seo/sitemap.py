"""sitemap.xml (sitemaps.org 0.9) and robots.txt from the pages Pelican actually wrote.

Files are written only when their bytes change (:func:`plugins.incremental.write_output`),
so an incremental build that changes no page leaves them untouched.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: The protocol's limit per file; beyond it a sitemap index points at several files.
MAX_URLS = 50_000


@dataclass(frozen=True)
class Entry:
    loc: str
    lastmod: date | None = None


def url_of(rel_path: str) -> str:
    """Output path → URL path (``a/b/index.html`` → ``a/b/``)."""
    if rel_path == "index.html":
        return ""
    return rel_path[: -len("index.html")] if rel_path.endswith("/index.html") else rel_path


def excluded(rel_path: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(rel_path, p) for p in patterns)


def _as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def _urlset(entries: list[Entry]) -> str:
    rows = []
    for e in entries:
        lastmod = f"<lastmod>{e.lastmod.isoformat()}</lastmod>" if e.lastmod else ""
        rows.append(f"<url><loc>{escape(e.loc)}</loc>{lastmod}</url>")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">\n' + "\n".join(rows) + "\n</urlset>\n"


def _write(path: Path, text: str) -> None:
    from plugins.incremental import write_output

    write_output(path, text)


def write(output: Path, site_url: str, pages: dict[str, datetime | date | None]) -> list[Path]:
    """Write sitemap.xml (or an index plus parts past 50,000 URLs) and robots.txt."""
    base = site_url.rstrip("/") + "/"
    entries = [Entry(base + url_of(rel), _as_date(when)) for rel, when in sorted(pages.items())]
    written: list[Path] = []
    if len(entries) <= MAX_URLS:
        _write(output / "sitemap.xml", _urlset(entries))
        written.append(output / "sitemap.xml")
    else:
        parts = [entries[i : i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)]
        index_rows = []
        for n, part in enumerate(parts, start=1):
            name = f"sitemap-{n}.xml"
            _write(output / name, _urlset(part))
            written.append(output / name)
            index_rows.append(f"<sitemap><loc>{escape(base + name)}</loc></sitemap>")
        _write(
            output / "sitemap.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">\n'
            + "\n".join(index_rows)
            + "\n</sitemapindex>\n",
        )
        written.append(output / "sitemap.xml")
    _write(output / "robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
    written.append(output / "robots.txt")
    return written
