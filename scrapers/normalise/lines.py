"""Line-level helpers shared by the cleaning steps: splitting text into paragraphs."""

from __future__ import annotations

import re

from scrapers.core.patterns import han_count
from scrapers.normalise.punctuation import normalise_punctuation

_SPACE = re.compile(r"[ \t]+")


def split_lines(text: str) -> list[str]:
    """Non-empty, whitespace-trimmed lines (pages put one paragraph per line)."""
    out: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = _SPACE.sub(" ", raw).strip()
        if line and out and line[0] in _CONTINUES and not _is_widget(out[-1]):
            # A sentence broken before its comma: "……召开会员大会" / "，选举产生……". Joined, the
            # line's punctuation is normalised again ("；" + "，…" is one mark), so the text is
            # what cleaning it once more would give (the normaliser is idempotent).
            out[-1] = normalise_punctuation(out[-1] + line)
        elif line:
            out.append(line)
    return out


def _is_widget(line: str) -> bool:
    """A page widget's label (语音播报, 打印): text continued below it is not its continuation."""
    from scrapers.normalise.junk import is_junk_line  # junk reads is_paragraph from here

    return len(line) <= 12 and is_junk_line(line)


#: Punctuation no line of Chinese text starts with: such a line continues the one before.
_CONTINUES = "，、；：。！？）》”"


def is_paragraph(line: str) -> bool:
    """Looks like running article text rather than a heading, menu item or meta line."""
    han = han_count(line)
    if han >= 30:  # long headlines have no sentence punctuation; paragraphs always do
        return bool(re.search(r"[，。；！？、,;]", line))
    return han >= 12 and bool(re.search(r"[。!?;！？；]|[,，]\S.*[,，]", line))
