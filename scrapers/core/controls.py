"""Control and invisible characters: the one definition the normaliser, the parser and the hash share.

Why one definition: Python's ``str.splitlines()`` breaks lines at vertical tab, form
feed, ``\\x1c``–``\\x1e``, ``\\x85``, U+2028 and U+2029 as well as at ``\\n``, while the page
splitter and Pelican's Markdown reader break only at ``\\n``. When the writer kept such a
character and the parser broke the line there, the text read back was never the text
written: ``Scraper_Hash`` never matched again and the scraper's own file counted as
edited by an editor for ever. Other controls (NUL, ESC…) and invisible format characters
(bidi overrides and isolates, zero-width joiners, a BOM inside text) make two strings that
look the same differ (``浙江\\u200d日报`` made a second, identical-looking source page) or
reorder what a reader sees.

So, everywhere text enters an article:

- :data:`LINE_BREAKS` (and ``\\r``) become ``\\n``; in one-line fields they then become a space;
- the characters of :data:`REMOVED` are deleted;
- tab, ``\\n`` and every visible character stay.

The step is pure and idempotent. :func:`find_controls` says where such characters are, for
the parser (which records them, so ``invoke check`` and the build name the line) and tests.
"""

from __future__ import annotations

import re
import unicodedata

#: What ``str.splitlines()`` breaks at besides ``\n`` and ``\r``: each becomes ``\n``.
LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

#: Deleted wherever they occur (ranges of code points, inclusive):
_REMOVED_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x08),
    (0x0E, 0x1B),
    (0x1F, 0x1F),
    (0x7F, 0x84),
    (0x86, 0x9F),  # C0 / DEL / C1 controls
    (0xAD, 0xAD),  # soft hyphen (invisible unless a line breaks there)
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x115F, 0x1160),
    (0x3164, 0x3164),
    (0xFFA0, 0xFFA0),  # Hangul fillers: blank "letters"
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200F),  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0xD800, 0xDFFF),  # lone surrogates (cannot even be written as UTF-8)
    (0xE0000, 0xE007F),  # tag characters (invisible "ASCII smuggling")
)
REMOVED = frozenset(chr(c) for lo, hi in _REMOVED_RANGES for c in range(lo, hi + 1))


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)


_REMOVED_RE = re.compile(f"[{_class(_REMOVED_RANGES)}]+")
_BREAK_RE = re.compile(f"\r\n?|[{re.escape(LINE_BREAKS)}]")
_ANY_RE = re.compile(f"[{_class(_REMOVED_RANGES)}{re.escape(LINE_BREAKS)}]")

#: Names of the control characters, which Unicode leaves unnamed.
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x1C: "FILE SEPARATOR",
    0x1D: "GROUP SEPARATOR",
    0x1E: "RECORD SEPARATOR",
    0x1F: "UNIT SEPARATOR",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def normalise_controls(text: str) -> str:
    """Line-breaking controls to ``\\n``, the other controls and invisible characters removed."""
    return _REMOVED_RE.sub("", _BREAK_RE.sub("\n", text))


def one_line(text: str) -> str:
    """A one-line field value: controls normalised, every run of whitespace one space."""
    return " ".join(normalise_controls(text).split())


def find_controls(text: str) -> list[tuple[int, str]]:
    """``(offset, character)`` of every character :func:`normalise_controls` would change (``\\r`` aside)."""
    return [(m.start(), m.group()) for m in _ANY_RE.finditer(text)]


def describe(ch: str) -> str:
    """``U+200D ZERO WIDTH JOINER``: how an editor can find the character in their editor."""
    code = ord(ch)
    name = unicodedata.name(ch, "")
    if not name:
        name = f"{_CONTROL_NAMES.get(code, 'unnamed')} (a control character)" if unicodedata.category(ch) == "Cc" else "(unnamed)"
    return f"U+{code:04X} {name}"
