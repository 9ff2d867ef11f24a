"""Sharing the way readers in mainland China do it: a QR code to scan with WeChat, a link
to copy, and a share card (``og:image``) for apps that show one.

Why build time: a QR code drawn by a third-party service would leak every reader's visit
to that service and break under the site's CSP; segno draws it here, as a small inline SVG
(about 2–3 KB, less gzipped), so the share panel works offline and without script. The
copy button is the only part that needs script (``theme/static/js/share.js``).

The QR code encodes the article's absolute URL, so it is drawn only when ``SITEURL`` is
absolute (the published build); a local preview shows the copy button only.

Each article gets ``share_url`` (absolute, or "") and ``share_qr`` (inline SVG markup, or
""): a :class:`QRCode`, which the template prints as the SVG, drawn (or taken from the
incremental plugin's memory) when the page is rendered, so 100,000 articles do not each hold
their ~5 KB of SVG in every process of the build. The share cards are static PNGs of the theme, one per category
(``theme/static/img/share/<category slug>.png``, 1200×630, made by
``tools/make_share_cards.py``), and ``site.png`` for every other page.

Settings: ``SHARE_QR_ERROR`` (error correction level, default ``"m"``: still readable with
15% of the code damaged, as on a crumpled printout), ``SHARE_QR_SCALE`` (pixels per module,
default 4).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from pelican import signals

from plugins.incremental import memo, memo_many

logger = logging.getLogger(__name__)


def qr_svg(url: str, error: str = "m", scale: int = 4) -> str:
    """An inline SVG QR code for ``url``: black on white (readable in dark mode too).

    segno's code and SVG, byte for byte, drawn through :mod:`plugins.share.fastqr` (~0.7 ms
    of CPU instead of ~1.6 ms with the numpy mask alone, 4.6 ms with segno alone)."""
    from .fastqr import encode, svg_inline

    return svg_inline(
        encode(url, error).matrix,
        scale=scale,
        border=2,
        dark="#000",
        light="#fff",
        svgclass="share__qr-code",
        title="本文链接的二维码",
    )


def _draw(key: tuple[str, str, int]) -> str:
    return qr_svg(*key)


def _kept(key: tuple[str, str, int]) -> str:
    """The QR code for ``(url, error, scale)``, drawn once and kept by the incremental plugin."""
    return memo("share-qr", key, lambda: _draw(key))


def _style(settings: dict[str, Any]) -> tuple[str, int]:
    """``(error, scale)`` of this site's QR codes (settings ``SHARE_QR_ERROR``, ``SHARE_QR_SCALE``)."""
    return settings.get("SHARE_QR_ERROR", "m"), int(settings.get("SHARE_QR_SCALE", 4))


class QRCode(tuple):
    """An article's QR code: what it encodes, ``(url, error, scale)``, printed as its SVG.

    A tuple, so the incremental plugin fingerprints a page's read of it by what the code
    encodes (the SVG is a function of it and of the code, which has its own fingerprint),
    and the markup exists only while a page that shows it is rendered.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return _kept(tuple(self))

    def __str__(self) -> str:
        return self.__html__()


def qr_maker(settings: dict[str, Any]) -> Callable[[str], str]:
    """``url`` → its QR code as this site draws them (settings ``SHARE_QR_ERROR``, ``SHARE_QR_SCALE``).

    ~0.7 ms each: kept between builds by the incremental plugin, keyed by what it encodes.
    Also used by :mod:`plugins.hant` for the Traditional copy of an article, whose code
    must encode the copy's own URL.
    """
    error, scale = _style(settings)
    return lambda url: _kept((url, error, scale))


def attach(generator: Any) -> None:
    """Give every article its absolute URL and QR code (when the site URL is absolute)."""
    settings = generator.settings
    site = (settings.get("SITEURL") or "").rstrip("/")
    absolute = site.startswith(("http://", "https://"))
    error, scale = _style(settings)
    if absolute:  # a cold build draws them in its processes at once; rendering finds them kept
        memo_many("share-qr", [(f"{site}/{a.url}", error, scale) for a in generator.articles], _draw)
    for article in generator.articles:
        if absolute:
            article.share_url = f"{site}/{article.url}"
            article.share_qr = QRCode((article.share_url, error, scale))
        else:
            article.share_url = ""
            article.share_qr = ""
    if not absolute:
        logger.debug("share: SITEURL is not absolute; no QR codes drawn")


def register() -> None:
    signals.article_generator_finalized.connect(attach)
