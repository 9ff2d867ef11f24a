"""segno's QR codes, drawn with numpy: the same codes, the same SVG bytes, 2.3× faster.

Every article has two QR codes (its URL and its Traditional copy's URL), so a cold build of
10,000 articles draws 20,000 of them. segno is the reference encoder here (it chooses the
segments, version, error level and mask), but a code took ~1.6 ms of CPU in its
pure-Python loops even with the mask choice in numpy (:mod:`plugins.share.qrmask`; 4.6 ms
with segno alone): about a third each for the mask, for writing the SVG module by module,
and for the Reed-Solomon codewords and their placement. Here those steps are done with
numpy while segno's own encoder runs, and the SVG path is written from the final matrix
in one pass (~0.7 ms a code):

- the error correction codewords: Reed-Solomon over GF(256) is linear over GF(2), so a
  block's error bits are its data bits times a fixed 0/1 matrix (one matrix per block
  shape, built from segno's own division of unit vectors), one matrix product per group;
- the codeword placement: the zig-zag order of the free modules depends on the version
  only, so it is worked out once per version (segno's loop, recording positions) and the
  bits are put in with one fancy-indexed assignment;
- the mask: :func:`plugins.share.qrmask.best_mask` (segno's rules, scored with numpy);
- the SVG: the same markup as segno's ``svg_inline`` (its own writer draws the frame once
  per size and options; only the path of the dark runs is written here).

What stays segno's: the data analysis (modes, segments, version, error level boost), the
function patterns and the format and version information. The result is byte for byte
what ``segno.make(...).svg_inline(...)`` returns, which ``tests/plugins/share/test_fastqr.py``
checks on thousands of URLs of every length and script (and decodes with a real decoder).
Micro QR codes go to segno unchanged (the share panel never draws one).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import numpy as np
from segno import consts, encoder, writers

from .qrmask import best_mask

_ORIGINAL = {
    "make_final_message": encoder.make_final_message,
    "add_codewords": encoder.add_codewords,
    "find_and_apply_best_mask": encoder.find_and_apply_best_mask,
}


# ----------------------------------------------------------------------------- Reed-Solomon


def _gf_mul(a: int, b: int) -> int:
    """Multiplication in segno's GF(256) (its log and exp tables)."""
    if a == 0 or b == 0:
        return 0
    return consts.GALIOS_EXP[(consts.GALIOS_LOG[a] + consts.GALIOS_LOG[b]) % 255]


@cache
def _ec_matrix(num_data: int, num_ec: int) -> np.ndarray:
    """(8·num_data, 8·num_ec) float32 0/1 matrix: a block's error bits = its data bits @ this, mod 2.

    Row ``8·i + b`` holds the error codewords of a block whose only non-zero data codeword
    is ``0x80 >> b`` at position ``i``: segno's division for ``1`` at ``i``, multiplied by
    that value in GF(256) (the code is linear over GF(256), so over GF(2) too).
    """
    info = consts.ECC[1][consts.ERROR_LEVEL_M][0]._replace(num_blocks=1, num_total=num_data + num_ec, num_data=num_data)
    rows = np.zeros((8 * num_data, 8 * num_ec), dtype=np.uint8)
    for i in range(num_data):
        unit = [0] * (8 * num_data)
        unit[8 * i + 7] = 1  # the codeword 0x01 at position i
        _, (ec,) = encoder.make_blocks((info,), encoder.Buffer(unit))
        for b in range(8):
            value = 0x80 >> b
            rows[8 * i + b] = np.unpackbits(np.array([_gf_mul(value, e) for e in ec], dtype=np.uint8))
    return rows.astype(np.float32)


def _interleave(blocks: list[np.ndarray]) -> np.ndarray:
    """Codewords read column by column across blocks of unequal length (segno's ``zip_longest``)."""
    longest = max(len(b) for b in blocks)
    table = np.full((len(blocks), longest), -1, dtype=np.int16)
    for row, block in zip(table, blocks, strict=True):
        row[: len(block)] = block
    flat = table.T.ravel()
    return flat[flat >= 0].astype(np.uint8)


def make_final_message(version: int, error: int, buff: Any) -> Any:
    """Drop-in for segno's ``make_final_message`` (QR codes): the message bits as a uint8 array."""
    if version < 1:
        return _ORIGINAL["make_final_message"](version, error, buff)
    bits = np.frombuffer(bytes(buff.getbits()), dtype=np.uint8)
    if len(bits) % 8:
        bits = np.concatenate([bits, np.zeros(8 - len(bits) % 8, dtype=np.uint8)])
    codewords = np.packbits(bits)
    data_blocks: list[np.ndarray] = []
    ec_blocks: list[np.ndarray] = []
    pos = 0
    for info in consts.ECC[version][error]:
        num_ec = info.num_total - info.num_data
        group = codewords[pos : pos + info.num_blocks * info.num_data]
        pos += len(group)
        if len(group) != info.num_blocks * info.num_data:
            return _ORIGINAL["make_final_message"](version, error, buff)  # not a full message: segno's way
        group = group.reshape(info.num_blocks, info.num_data)
        data_bits = np.unpackbits(group, axis=1).astype(np.float32)
        ec_bits = (data_bits @ _ec_matrix(info.num_data, num_ec)).astype(np.int32) & 1
        data_blocks.extend(group)
        ec_blocks.extend(np.packbits(ec_bits.astype(np.uint8), axis=1))
    message = np.unpackbits(np.concatenate([_interleave(data_blocks), _interleave(ec_blocks)]))
    free = len(_placement(version))
    if free < len(message):  # pragma: no cover (segno's tables agree)
        return _ORIGINAL["make_final_message"](version, error, buff)
    return np.concatenate([message, np.zeros(free - len(message), dtype=np.uint8)])  # remainder bits


# ----------------------------------------------------------------------------- placement


@cache
def _placement(version: int) -> np.ndarray:
    """Flat indices of the modules that take the message bits, in segno's placement order."""
    size = encoder.calc_matrix_size(version)
    matrix = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(matrix, size, size)
    encoder.add_alignment_patterns(matrix, size, size)
    order = []
    for column in range(size - 1, 0, -2):
        right = column - 1 if column <= 6 else column
        for vertical in range(size):
            for z in range(2):
                j = right - z
                upwards = (((right & 2) == 0) ^ (j < 6)) != 0
                i = (size - 1 - vertical) if upwards else vertical
                if matrix[i][j] == 0x2:
                    order.append(i * size + j)
    return np.array(order, dtype=np.intp)


def add_codewords(matrix: Any, codewords: Any, version: int) -> None:
    """Drop-in for segno's ``add_codewords`` given :func:`make_final_message`'s array."""
    if version < 1 or not isinstance(codewords, np.ndarray):
        return _ORIGINAL["add_codewords"](matrix, codewords, version)
    size = len(matrix)
    flat = np.frombuffer(b"".join(matrix), dtype=np.uint8).copy()
    flat[_placement(version)] = codewords
    for i, row in enumerate(matrix):
        row[:] = flat[i * size : (i + 1) * size].tobytes()
    return None


def find_and_apply_best_mask(matrix: Any, width: int, height: int, proposed_mask: int | None = None) -> tuple[int, Any]:
    """Drop-in for segno's ``find_and_apply_best_mask``: the masked matrix as a numpy array."""
    if proposed_mask is not None or width != height or width < 21:
        return _ORIGINAL["find_and_apply_best_mask"](matrix, width, height, proposed_mask)
    base = np.frombuffer(b"".join(matrix), dtype=np.uint8).reshape(height, width)
    return best_mask(base)


@contextmanager
def fast_encoder() -> Iterator[None]:
    """Within the block, segno's encoder uses this module's steps (same results)."""
    encoder.make_final_message = make_final_message
    encoder.add_codewords = add_codewords
    encoder.find_and_apply_best_mask = find_and_apply_best_mask
    try:
        yield
    finally:
        for name, function in _ORIGINAL.items():
            setattr(encoder, name, function)


def encode(content: str, error: str = "m") -> Any:
    """``segno.make(content, error=error, micro=False)``'s code: (matrix, version, error, mask, segments).

    The matrix is a (n, n) uint8 array (1 = dark)."""
    level = consts.ERROR_MAPPING.get(str(error).upper())
    if level is None:
        raise ValueError(f"SHARE_QR_ERROR must be one of l, m, q, h (error correction level), not {error!r}")
    with fast_encoder():
        code = encoder.encode(content, level, None, None, None, None, False, False, True)
    return code._replace(matrix=np.asarray(code.matrix, dtype=np.uint8).reshape(len(code.matrix), -1))


# ----------------------------------------------------------------------------- SVG


@cache
def _frame(size: int, scale: int, border: int, dark: str, light: str, svgclass: str, title: str) -> tuple[str, str, str, str]:
    """segno's ``svg_inline`` markup for codes of ``size`` modules, cut around the dark path's data.

    Drawn by segno's writer for a matrix with one dark module; returns the markup before
    the paths, the background path ('' without one), the dark path's opening up to its
    data, and the markup after the paths: everything but the path data is segno's bytes."""
    matrix = tuple(bytearray(size) for _ in range(size))
    matrix[0][0] = 1
    out = io.BytesIO()
    writers.write_svg(
        matrix,
        (size, size),
        out,
        scale=scale,
        border=border,
        dark=dark,
        light=light,
        svgclass=svgclass,
        lineclass=None,
        title=title,
        xmldecl=False,
        svgns=False,
        nl=False,
    )
    svg = out.getvalue().decode("utf-8")
    one = f'd="M{border} {border + 0.5}h1"/>'
    at = svg.find(one)
    opening = svg.rfind("<path", 0, at)
    if svg.count(one) != 1 or opening < 0:  # pragma: no cover (a segno whose markup changed)
        raise RuntimeError(f"segno's SVG has an unexpected shape: {svg[:200]!r}")
    dark_open = svg[opening:at] + 'd="'
    rest = svg[:opening] + svg[at + len(one) :]
    background = _BACKGROUND.search(rest)
    if background is None:
        return rest[:opening], "", dark_open, rest[opening:]
    return rest[: background.start()], background.group(), dark_open, rest[background.end() :]


#: segno's background path (a filled rectangle, the only path besides the dark one).
_BACKGROUND = re.compile(r"<path [^>]*\bfill=[^>]*/>")


def path_data(matrix: np.ndarray, border: int) -> str:
    """The ``d`` of segno's dark path: each row's runs of dark modules as relative moves and ``h``."""
    size = matrix.shape[0]
    padded = np.zeros((size, size + 2), dtype=np.int8)
    padded[:, 1:-1] = matrix
    edges = np.diff(padded, axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    if not len(rows):
        return ""
    x1 = starts + border
    x2 = ends + border
    dx = x1.copy()
    dx[1:] -= x2[:-1]
    dy = np.empty_like(rows)
    dy[0] = 0
    dy[1:] = rows[1:] - rows[:-1]
    lengths = (x2 - x1).tolist()
    parts = [f"M{int(x1[0])} {int(rows[0]) + border + 0.5}h{lengths[0]}"]
    parts += [f"m{a} {b}h{c}" for a, b, c in zip(dx[1:].tolist(), dy[1:].tolist(), lengths[1:], strict=True)]
    return "".join(parts)


def svg_inline(
    matrix: np.ndarray,
    scale: int = 4,
    border: int = 2,
    dark: str = "#000",
    light: str = "#fff",
    svgclass: str = "share__qr-code",
    title: str = "",
) -> str:
    """What segno's ``svg_inline(scale=…, border=…, dark=…, light=…, svgclass=…, lineclass=None, title=…)`` returns."""
    head, background, dark_open, tail = _frame(matrix.shape[0], scale, border, dark, light, svgclass, title)
    dark_path = dark_open + path_data(matrix, border) + '"/>'
    # segno writes its paths shortest first (the dark one first of two of equal length)
    paths = dark_path + background if len(dark_path) <= len(background) else background + dark_path
    return head + paths + tail
