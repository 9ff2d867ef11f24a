"""segno's choice of QR mask, made with numpy: the same mask, the same code, ~10× faster.

A QR code is drawn with one of eight mask patterns, the one whose result scores the lowest
penalty (ISO/IEC 18004:2015, 7.8.3). segno evaluates the eight candidates in pure Python,
module by module, and that evaluation is most of the ~5–8 ms a code costs: 50 s of CPU at
10,000 articles, more than eight minutes at 100,000, on every cold build. Here the eight
candidates are scored at once as one (8, n, n) array, with segno's own rules reproduced
exactly (N1 runs, N2 blocks, N3 finder-like patterns with segno's search order, N4 dark
proportion, the first lowest score wins), so the chosen mask and therefore every byte of
the SVG are what segno alone would draw (``tests/plugins/share/test_fastqr.py`` compares
mask, matrix and SVG with segno's on every error level). :mod:`plugins.share.fastqr` calls
:func:`best_mask` for each code it draws.
"""

from __future__ import annotations

from functools import cache

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


def _n1(lines: np.ndarray) -> np.ndarray:
    """Runs of five or more equal modules in a line: 3 + (length - 5) each, per candidate.

    All candidates' lines at once: a run's length is the distance between two changes of
    colour; a line's start and end count as changes, so no run crosses a line's end."""
    k, h, w = lines.shape
    change = np.ones((k, h, w + 1), dtype=bool)
    change[:, :, 1:w] = lines[:, :, 1:] != lines[:, :, :-1]
    at = np.flatnonzero(change)
    lengths = np.diff(at)
    long = lengths >= 5
    owner = at[:-1][long] // (h * (w + 1))
    return np.bincount(owner, weights=lengths[long] - 2, minlength=k).astype(np.int64)


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


def _n3_all(lines: np.ndarray) -> np.ndarray:
    """segno's N3 score of each candidate's rows and columns (k, 2n, n), 40 per pattern it counts.

    segno searches a line from the left and, after a pattern it counts, goes on 7 modules
    later (else 4). Two occurrences of 1011101 can only be 4 or 6 modules apart when they
    overlap (10111011101, 1011101011101); in a line without such a pair every occurrence
    is visited, and counts when it is at either end or has 4 light modules (fewer at the
    edge) before or after it: all counted at once here. The rare lines with an overlapping
    pair go through segno's search (:func:`_n3`)."""
    k, lines_per, size = lines.shape
    width = size - 6
    found = np.ones((k, lines_per, width), dtype=bool)
    for t, bit in enumerate(_N3_PATTERN):
        found &= lines[:, :, t : t + width] == bit
    # dark[t] = dark modules before index clip(t - 4, 0, size) of the line: the windows
    # [max(i - 4, 0), i) and [i + 7, min(i + 11, size)) become plain slices
    dark = np.zeros((k, lines_per, size + 9), dtype=np.int16)
    np.cumsum(lines, axis=2, out=dark[:, :, 5 : size + 5])
    dark[:, :, size + 5 :] = dark[:, :, size + 4 : size + 5]
    light_before = dark[:, :, 4 : 4 + width] == dark[:, :, :width]
    light_after = dark[:, :, 15 : 15 + width] == dark[:, :, 11 : 11 + width]
    counted = found & (light_before | light_after)
    counted[:, :, 0] = found[:, :, 0]  # a pattern at either end counts
    counted[:, :, -1] = found[:, :, -1]
    overlapping = (found[:, :, 4:] & found[:, :, :-4]).any(axis=2) | (found[:, :, 6:] & found[:, :, :-6]).any(axis=2)
    scores = 40 * np.where(overlapping, 0, counted.sum(axis=2)).sum(axis=1)
    for c, r in zip(*np.nonzero(overlapping), strict=True):
        scores[c] += _n3(lines[c, r].tobytes(), size)
    return scores


def penalties(candidates: np.ndarray) -> list[int]:
    """segno's ``evaluate_mask`` of each candidate matrix in a (k, n, n) array."""
    k, size, _ = candidates.shape
    a = candidates
    lines = np.concatenate([a, a.transpose(0, 2, 1)], axis=1)  # (k, 2n, n): rows, then columns
    n1 = _n1(lines)
    blocks = (a[:, 1:, 1:] == a[:, 1:, :-1]) & (a[:, 1:, 1:] == a[:, :-1, 1:]) & (a[:, 1:, 1:] == a[:, :-1, :-1])
    n2 = 3 * blocks.sum(axis=(1, 2))
    n3 = _n3_all(lines)
    dark = a.sum(axis=(1, 2), dtype=np.int64)
    out = []
    for c in range(k):
        percent = float(int(dark[c])) / (size**2)
        n4 = 10 * int(abs(percent * 100 - 50) / 5)
        out.append(int(n1[c]) + int(n2[c]) + int(n3[c]) + n4)
    return out


def best_mask(base: np.ndarray) -> tuple[int, np.ndarray]:
    """segno's mask choice for a QR code's (n, n) matrix before masking: (mask, masked matrix)."""
    candidates = base[None, :, :] ^ _masks(base.shape[0])
    scores = penalties(candidates)
    best = scores.index(min(scores))  # the first of equal scores, as segno's strict "<"
    return best, candidates[best]
