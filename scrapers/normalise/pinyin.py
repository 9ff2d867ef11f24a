"""Strip pinyin annotations leaked into text by ruby-annotated mirrors: ``計(jì)量`` → ``計量``.

Only a real annotation is removed: the parenthesised syllable must be a reading of
the character right before it (checked with pypinyin, heteronyms included), so
``(CNAS)``, ``(以下简称联盟)`` or ``(2025-04-30)`` are never touched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A CJK character followed by (syllable) in ASCII or full-width brackets. The syllable may
# carry tone marks, a trailing space (``(huì )``) or be numbered (``ji4``).
_ANNOTATION = re.compile(
    r"(?P<han>[\u3400-\u9fff])[(\uff08]\s*(?P<syl>[a-zA-Z\u00c0-\u024f\u01cd-\u01dc\u0300-\u036f]{1,7}[1-5]?)"
    r"\s*[)\uff09]"
)


def _plain(syllable: str) -> str:
    """Lower-case, tone marks and numbers removed, ü folded to v: 'lǜ' → 'lv'."""
    decomposed = unicodedata.normalize("NFD", syllable.lower().replace("ü", "v"))
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


@lru_cache(maxsize=8192)
def _readings(han: str) -> frozenset[str]:
    from pypinyin import Style, pinyin  # loading its dictionaries costs ~0.3 s: only when needed

    marked = pinyin(han, style=Style.TONE, heteronym=True, errors="ignore")
    plain = pinyin(han, style=Style.NORMAL, heteronym=True, errors="ignore")
    found: set[str] = set()
    for group in (*marked, *plain):
        found.update(s.lower() for s in group)
    found.update(_plain(s) for s in list(found))
    return frozenset(found)


def is_reading(han: str, syllable: str) -> bool:
    """True when ``syllable`` is a reading of ``han`` (exact tone, or toneless match)."""
    readings = _readings(han)
    syl = syllable.strip().lower()
    return syl in readings or _plain(syl) in readings


def strip_pinyin(text: str) -> str:
    """Remove ``字(zì)`` annotations whose syllable is a reading of the character."""

    def keep_or_drop(m: re.Match[str]) -> str:
        return m.group("han") if is_reading(m.group("han"), m.group("syl")) else m.group(0)

    return _ANNOTATION.sub(keep_or_drop, text)


def find_pinyin(text: str) -> list[str]:
    """Annotations still present (for checks and tests)."""
    return [m.group(0) for m in _ANNOTATION.finditer(text) if is_reading(m.group("han"), m.group("syl"))]
