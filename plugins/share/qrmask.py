"""segno's choice of QR mask, made with numpy: the same mask, the same code, ~10× faster.

A QR code is drawn with one of eight mask patterns, the one whose result scores the lowest
penalty (ISO/IEC 18004:2015, 7.8.3). segno evaluates the eight candidates in pure Python,
module by module, and that evaluation is most of the ~5–8 ms a code costs: 50 s of CPU at
10,000 articles, more than eight minutes at 100,000, on every cold build. Here the eight
candidates are scored at once as one (8, n, n) array, with segno's own rules reproduced
exactly (N1 runs, N2 blocks, N3 finder-like patterns with segno's search order, N4 dark
proportion, the first lowest score wins), so the chosen mask and therefore every byte of
the SVG are what segno alone would draw (``tests/plugins/share/test_qrmask.py`` compares
the two on thousands of URLs).

:func:`fast_masks` swaps segno's ``find_and_apply_best_mask`` for this one while a block
runs; Micro QR codes and a mask asked for explicitly go to segno's own function.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy as np
from segno import encoder

_N3_PATTERN = bytes((0x1, 0x0, 0x1, 0x1, 0x1, 0x0, 0x1))


@cache
def _masks(size: int) -> np.ndarray:
    """The eight masks restricted to the encoding region of a QR code of ``size`` modules: (8, n, n) uint8."""
    function_matrix = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(function_matrix, size, size)
    encoder.add_alignment_patterns(function_matrix, size, size)
    function_matrix[-8][8] = 0x1
    region = np.frombuffer(b"".join(function_matrix), dtype=np.uint8).reshape(size, size) > 0x1
    i, j = np.indices((size, size))
    patterns = [np.asarray(fn(i, j), dtype=bool) for fn in encoder.get_data_mask_functions(False)]
    return np.stack([(p & region) for p in patterns]).astype(np.uint8)


def _n1(candidates: np.ndarray) -> np.ndarray:
    """Runs of five or more equal modules in a row: 3 + (length - 5) each, per candidate."""
    k, h, w = candidates.shape
    change = np.ones((k, h, w + 1), dtype=bool)
    change[:, :, 1:w] = candidates[:, :, 1:] != candidates[:, :, :-1]
    flat = change.reshape(k, -1)
    scores = np.zeros(k, dtype=np.int64)
    for c in range(k):
        lengths = np.diff(np.flatnonzero(flat[c]))  # run lengths, plus 1s across row ends
        long = lengths[lengths >= 5]
        scores[c] = int(long.sum()) - 2 * len(long)
    return scores


def _n3(seq: bytes, size: int) -> int:
    """segno's ``n3_pattern_occurrences``, search order included (a hit skips past itself)."""
    count = 0
    idx = seq.find(_N3_PATTERN)
    while idx != -1:
        offset = idx + 7
        if (
            idx in (0, size - 7)
            or not any(seq[max(idx - 4, 0) : min(idx, size)])
            or not any(seq[max(offset, 0) : min(offset + 4, size)])
        ):
            count += 40
        else:
            offset = idx + 4
        idx = seq.find(_N3_PATTERN, offset)
    return count


def penalties(candidates: np.ndarray) -> list[int]:
    """segno's ``evaluate_mask`` of each candidate matrix in a (k, n, n) array."""
    k, size, _ = candidates.shape
    n1 = _n1(candidates) + _n1(candidates.transpose(0, 2, 1).copy())
    a = candidates
    blocks = (a[:, 1:, 1:] == a[:, 1:, :-1]) & (a[:, 1:, 1:] == a[:, :-1, 1:]) & (a[:, 1:, 1:] == a[:, :-1, :-1])
    n2 = 3 * blocks.sum(axis=(1, 2))
    dark = a.sum(axis=(1, 2), dtype=np.int64)
    # Only rows and columns holding the 1:1:3:1:1 pattern at all go through segno's search.
    pattern = np.frombuffer(_N3_PATTERN, dtype=np.uint8)
    lines = np.concatenate([a, a.transpose(0, 2, 1)], axis=1)  # (k, 2n, n): rows, then columns
    windows = np.lib.stride_tricks.sliding_window_view(lines, 7, axis=2)
    holding = (windows == pattern).all(axis=3).any(axis=2)  # (k, 2n)
    out = []
    for c in range(k):
        n3 = sum(_n3(lines[c, r].tobytes(), size) for r in np.flatnonzero(holding[c]))
        percent = float(int(dark[c])) / (size**2)
        n4 = 10 * int(abs(percent * 100 - 50) / 5)
        out.append(int(n1[c]) + int(n2[c]) + n3 + n4)
    return out


def find_and_apply_best_mask(matrix: Any, width: int, height: int, proposed_mask: int | None = None) -> tuple[int, Any]:
    """Drop-in for ``segno.encoder.find_and_apply_best_mask`` (QR codes; the rest to segno)."""
    if proposed_mask is not None or width != height or width < 21:
        return _ORIGINAL(matrix, width, height, proposed_mask)
    base = np.frombuffer(b"".join(matrix), dtype=np.uint8).reshape(height, width)
    candidates = base[None, :, :] ^ _masks(width)
    scores = penalties(candidates)
    best = scores.index(min(scores))  # the first of equal scores, as segno's strict "<"
    return best, tuple(bytearray(row.tobytes()) for row in candidates[best])


_ORIGINAL = encoder.find_and_apply_best_mask


@contextmanager
def fast_masks() -> Iterator[None]:
    """Within the block, segno chooses masks with :func:`find_and_apply_best_mask`."""
    encoder.find_and_apply_best_mask = find_and_apply_best_mask
    try:
        yield
    finally:
        encoder.find_and_apply_best_mask = _ORIGINAL
