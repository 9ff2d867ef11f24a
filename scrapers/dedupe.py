"""Near-duplicate detection: one press release republished by many sites is one article.

Copies differ in script (already folded to Simplified before this runs), in the noise
around them and in truncation, so identity is judged on the article text's character
shingles: MinHash LSH (datasketch) finds candidates cheaply, and a candidate counts as
the same item when most of the shorter text's shingles occur in the longer one
(containment, which a truncated copy still scores high on, unlike plain Jaccard).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: datasketch pulls in scipy (~0.4 s), which
    # `invoke check` (it only needs the constants and `containment`) should not pay for.
    from datasketch import MinHash

SHINGLE = 4
NUM_PERM = 64
LSH_THRESHOLD = 0.2
CONTAINMENT = 0.6


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    core = "".join(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", text))
    return {core[i : i + k] for i in range(max(len(core) - k + 1, 0))}


def _minhash(items: set[str]) -> MinHash:
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=7)
    m.update_batch([s.encode("utf-8") for s in items])
    return m


def containment(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def containment_of(part: set[str], whole: set[str]) -> float:
    """Share of ``part`` found in ``whole`` (is ``part`` contained in ``whole``?)."""
    return len(part & whole) / len(part) if part else 0.0


class DuplicateIndex:
    """Index of article texts by key; ``find`` returns the key of a near-duplicate."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._sets: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._sets)

    def add(self, key: str, text: str) -> None:
        items = shingles(text)
        if not items or key in self._sets:
            return
        self._sets[key] = items
        self._lsh.insert(key, _minhash(items))

    def find(self, text: str) -> str | None:
        items = shingles(text)
        if len(items) < 20:
            return None
        best, best_score = None, CONTAINMENT
        for key in sorted(self._lsh.query(_minhash(items))):
            score = containment(items, self._sets[key])
            if score >= best_score:
                best, best_score = key, score
        return best
