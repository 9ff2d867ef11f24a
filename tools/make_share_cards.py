"""Draw the share cards (og:image) of the theme: one 1200×630 PNG per category, one for the site.

Run once when a category or the site name changes, and commit the PNGs (theme assets, a few
KB each). Needs Pillow and a CJK font, neither of which the site build needs:

    python3 -m venv /tmp/cards && /tmp/cards/bin/pip install pillow
    /tmp/cards/bin/python tools/make_share_cards.py      # font: fonts-noto-cjk (Debian)
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SITENAME = "检验检测认证新闻档案"  # as in pelicanconf.py (which needs Pelican to import)
from scrapers.core.article import CATEGORY_SLUGS  # noqa: E402

OUT = ROOT / "theme" / "static" / "img" / "share"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
SIZE = (1200, 630)
#: Background per category: the badge colours of the theme, darkened for white text.
COLOURS = {
    "associations": "#0b4a7d",
    "alliances": "#17633d",
    "open-days": "#8a4b00",
    "accreditation-day": "#5b2d91",
    "policy": "#9b1c1c",
    "industry": "#135b68",
    "site": "#0b4a7d",
}
TAGLINE = "检验检测 · 认证认可 · 政策公告"


def card(label: str, colour: str, path: Path) -> None:
    img = Image.new("RGB", SIZE, colour)
    draw = ImageDraw.Draw(img)
    big = ImageFont.truetype(FONT, 96, index=2)  # index 2: Simplified Chinese face
    small = ImageFont.truetype(FONT, 44, index=2)
    draw.rectangle([0, SIZE[1] - 24, SIZE[0], SIZE[1]], fill="#e8a317")
    draw.text((80, 150), label, font=big, fill="#ffffff")
    draw.text((80, 330), SITENAME, font=small, fill="#ffffff")
    draw.text((80, 400), TAGLINE, font=small, fill="#d7e3ef")
    img = img.quantize(colors=16)
    img.save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, slug in CATEGORY_SLUGS.items():
        card(name, COLOURS[slug], OUT / f"{slug}.png")
    card("新闻档案", COLOURS["site"], OUT / "site.png")


if __name__ == "__main__":
    main()
