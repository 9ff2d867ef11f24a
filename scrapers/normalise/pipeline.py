"""The cleaning pipeline: raw page text in, clean Simplified text out.

Character-level steps run first, in an order that matters: HTML entities a CMS mis-decoded
(``&濒诲辩耻辞;``) are read back first, while their characters are still the table's; mojibake
is repaired while the bytes still re-pair, pinyin annotations are
checked against the characters they annotate (before conversion can change a
character), then script and punctuation are normalised. Line-level steps (junk,
repeats) run on the result.
"""

from __future__ import annotations

import re
import unicodedata

from scrapers.core.controls import normalise_controls
from scrapers.normalise.entities import restore_entities
from scrapers.normalise.junk import drop_junk
from scrapers.normalise.mojibake import find_mojibake, repair_mojibake
from scrapers.normalise.pinyin import strip_pinyin
from scrapers.normalise.punctuation import normalise_punctuation
from scrapers.normalise.repeat import drop_repeats
from scrapers.normalise.script import to_simplified
from scrapers.normalise.woven import unweave

MARK_OPEN, MARK_CLOSE = "【疑似乱码：", "】"
_MARKED = re.compile(re.escape(MARK_OPEN) + ".*?" + re.escape(MARK_CLOSE))


def mark_mojibake(text: str) -> str:
    """Wrap each garbled run that could not be repaired in a visible marker, once."""
    parts: list[str] = []
    last = 0
    for m in _MARKED.finditer(text):
        parts.append(_mark_plain(text[last : m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(_mark_plain(text[last:]))
    return "".join(parts)


def _mark_plain(text: str) -> str:
    for run in dict.fromkeys(find_mojibake(text)):
        text = text.replace(run, f"{MARK_OPEN}{run}{MARK_CLOSE}")
    return text


def marked_runs(text: str) -> list[str]:
    """The garbled runs marked in ``text`` (what an editor must check)."""
    return [m.group(0)[len(MARK_OPEN) : -len(MARK_CLOSE)] for m in _MARKED.finditer(text)]


def clean_text(raw: str) -> str:
    """Character-level cleaning of a whole page (line structure preserved)."""
    text = restore_entities(unicodedata.normalize("NFC", normalise_controls(raw)))
    text = mark_mojibake(repair_mojibake(text))
    text = strip_pinyin(text)
    text = to_simplified(text)
    return normalise_punctuation(text)


def clean_body(lines: list[str], seen: list[str] | None = None) -> list[str]:
    """Line-level cleaning: drop chrome, repeats (``seen``: lines already used, e.g. the title)
    and spam woven into the sentences."""
    return unweave(drop_repeats(drop_junk(lines), seen or ()), seen or ())
