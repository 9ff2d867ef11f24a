"""Fold Traditional queries to Simplified: a character table for the search page.

The search index (``plugins.searchindex``) holds the articles' text folded to Simplified,
so a reader typing 檢驗檢測 must be searching for 检验检测. The search page converts the
query character by character before searching (and a result's text, to find the excerpt),
with the table written here at build time from OpenCC's
``t2s`` dictionary (every CJK character that ``t2s`` changes into one character of the
Basic Multilingual Plane: 3,417 pairs, ~20 KB, ~15 KB gzipped, fetched once).

Chosen over indexing both scripts: a second copy of every page in the index would
double the index chunks a reader downloads for each query, and filter values (region,
source) would split in two. Characters are converted one by one, not by phrase: a query
is short and a table of single characters is what the browser can apply without OpenCC.

The table is fetched only when a query needs it: the search page carries a bitmap of the
characters the table changes (``SEARCHFOLD_KEYS``, base64, ~3.5 KB before compression),
so a query in Simplified costs no extra request and no extra bytes.

Setting: ``SEARCHFOLD_SAVE_AS`` (default ``search/t2s.json``).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from functools import lru_cache
from typing import Any

from pelican import signals

logger = logging.getLogger(__name__)

DEFAULT_SAVE_AS = "search/t2s.json"
#: CJK Unified Ideographs, Extension A and the compatibility block.
RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """Every character OpenCC's t2s changes, mapped to its Simplified form."""
    import opencc

    chars = [chr(c) for lo, hi in RANGES for c in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    # One character for one, both in the Basic Multilingual Plane: folding then keeps every
    # position (in code points and in the page's UTF-16 alike), which the search index and
    # the page's excerpts rely on. This drops ~800 rare Extension A characters whose
    # Simplified form lies beyond it.
    return {t: s for t, s in zip(chars, converted, strict=True) if len(s) == 1 and s != t and ord(s) <= 0xFFFF}


def keys_bitmap() -> str:
    """Base64 of one bit per code point of ``RANGES`` (in order): set when ``table`` maps it."""
    pairs = table()
    bits = bytearray()
    current = 0
    count = 0
    for lo, hi in RANGES:
        for code in range(lo, hi + 1):
            current |= (chr(code) in pairs) << (count % 8)
            count += 1
            if count % 8 == 0:
                bits.append(current)
                current = 0
    if count % 8:
        bits.append(current)
    return base64.b64encode(bytes(bits)).decode("ascii")


def add_keys(pelican: Any) -> None:
    pelican.settings["SEARCHFOLD_KEYS"] = keys_bitmap()
    pelican.settings["SEARCHFOLD_RANGES"] = ",".join(f"{lo:x}-{hi:x}" for lo, hi in RANGES)


def write_table(pelican: Any) -> None:
    started = time.perf_counter()
    pairs = table()
    rel = pelican.settings.get("SEARCHFOLD_SAVE_AS", DEFAULT_SAVE_AS)
    path = os.path.join(pelican.output_path, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = {"t": "".join(pairs), "s": "".join(pairs.values())}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    logger.info("searchfold: %d pairs written to %s in %.2f s", len(pairs), rel, time.perf_counter() - started)


def register() -> None:
    signals.initialized.connect(add_keys)
    signals.finalized.connect(write_table)
