"""Traditional → Simplified Chinese with OpenCC.

The sources are mainland outlets; Traditional script in the raw pages is an artifact
of the mirrors they were copied from (made with Taiwan-standard converters), so all
text is stored in Simplified.

Two OpenCC configurations are used on purpose. A text written in Traditional is
converted with ``tw2s``, which maps Taiwan variants back in context (``發揮著`` →
``发挥着``, ``顯著`` → ``显著``) where ``t2s`` would leave ``著``. But ``tw2s`` is not
safe on text that is already Simplified (it turns ``显著`` into ``显着``), so text that
is mostly Simplified only gets ``t2s`` for its stray Traditional characters. That also
makes the step idempotent.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

from scrapers.core.patterns import han_count

#: Share of CJK characters that must be Traditional for a text to count as Traditional.
TRADITIONAL_SHARE = 0.03


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _changed(text: str, converted: str) -> list[str]:
    if len(converted) == len(text):
        pairs = zip(text, converted, strict=True)
    else:  # a phrase changed length somewhere: compare line by line
        pairs = (p for a, b in zip(text.splitlines(), converted.splitlines(), strict=False) for p in zip(a, b, strict=False))
    return [a for a, b in pairs if a != b and "\u3400" <= a <= "\u9fff"]


def traditional_chars(text: str) -> list[str]:
    """Traditional characters in ``text`` (distinct, in order), by character-level ``t2s``."""
    return list(dict.fromkeys(_changed(text, _converter("t2s").convert(text))))


def is_traditional(text: str) -> bool:
    cjk = han_count(text)
    changed = len(_changed(text, _converter("t2s").convert(text)))
    return cjk > 0 and changed >= max(3, TRADITIONAL_SHARE * cjk)


def to_simplified(text: str) -> str:
    """Convert to Simplified Chinese; Simplified text passes through unchanged."""
    out = _converter("tw2s" if is_traditional(text) else "t2s").convert(text)
    # OpenCC's tables chain a few characters (薴 → 苧 → 苎): convert until nothing changes,
    # so that the step is idempotent. Text that did not change is a fixed point already.
    for _ in range(3):
        if out == text:
            break
        text, out = out, _converter("t2s").convert(out)
    return out
