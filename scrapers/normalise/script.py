"""Traditional → Simplified Chinese with OpenCC.

The ``tw2s`` configuration is used rather than plain ``t2s``: mirrors produce their
Traditional text with Taiwan-standard converters, and ``tw2s`` maps their variants back
(``發揮著`` → ``发挥着``, where ``t2s`` leaves ``著``).

The sources are mainland outlets; Traditional script in the raw pages is an artifact
of the mirrors they were copied from, so all text is stored in Simplified.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    """Convert to Simplified Chinese; Simplified text passes through unchanged."""
    return _converter().convert(text)


def traditional_chars(text: str) -> list[str]:
    """Characters that OpenCC would change (distinct, in order): for checks and reviews."""
    seen: dict[str, None] = {}
    conv = _converter()
    for ch in text:
        if "\u3400" <= ch <= "\u9fff" and ch not in seen and conv.convert(ch) != ch:
            seen[ch] = None
    return list(seen)
