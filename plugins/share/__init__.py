"""Sharing the way readers in mainland China do it: a QR code to scan with WeChat, a link
to copy, and a share card (``og:image``) for apps that show one.

Each article gets ``share_url``: its absolute URL when ``SITEURL`` is absolute (the
published build), else "" (a local preview; ``share.js`` then uses the page's own
address). The share panel shows that link in a box; ``theme/static/js/share.js`` draws its
QR code in the reader's browser when the panel first opens (qrcode-generator, vendored in
the theme: same origin, so the CSP holds and no visit reaches a third party) and adds the
copy button. Without script the link is still there to select.

Why not at build time, as the first version did: the code is a function of the URL that a
reader's browser computes in a millisecond, once, for the one article being shared; the
build drew it for every article and every Traditional copy (200,000 codes at 100,000
articles, the largest cost of a cold build after the pages themselves; README, issue 16)
and put ~2.4 KB of SVG in every article page for the few readers who open the panel.

The share cards are static PNGs of the theme, one per category
(``theme/static/img/share/<category slug>.png``, 1200×630, made by
``tools/make_share_cards.py``), and ``site.png`` for every other page.
"""

from __future__ import annotations

from typing import Any

from pelican import signals


def attach(generator: Any) -> None:
    """Give every article its absolute URL to share (when the site URL is absolute)."""
    site = (generator.settings.get("SITEURL") or "").rstrip("/")
    absolute = site.startswith(("http://", "https://"))
    for article in generator.articles:
        article.share_url = f"{site}/{article.url}" if absolute else ""


def register() -> None:
    signals.article_generator_finalized.connect(attach)
