"""plugins.share.qrmask: segno's mask choice made with numpy gives segno's very codes."""

from __future__ import annotations

import random

import pytest
import segno
from segno import encoder

from plugins.share.qrmask import fast_masks, find_and_apply_best_mask


def _urls() -> list[str]:
    """Article URLs like the site's, and random strings of every length up to large versions."""
    rnd = random.Random(16)
    urls = [
        f"https://example.github.io/tic-news-archive/articles/20{rnd.randint(10, 26)}-{rnd.randint(1, 12):02d}-"
        f"{rnd.randint(1, 28):02d}-{rnd.getrandbits(32):08x}/"
        for _ in range(80)
    ]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789/:.-?=&%检测认证"
    urls += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 400))) for _ in range(50)]
    return urls


@pytest.mark.parametrize("error", ["l", "m", "h"])
def test_same_svg_as_segno(error: str) -> None:
    urls = _urls()
    slow = [segno.make(u, error=error, micro=False) for u in urls]
    with fast_masks():
        fast = [segno.make(u, error=error, micro=False) for u in urls]
    versions = {c.version for c in slow}
    assert min(versions) < 7 <= max(versions)  # codes with and without version information
    for url, a, b in zip(urls, slow, fast, strict=True):
        assert (a.mask, a.svg_inline()) == (b.mask, b.svg_inline()), url


def test_patch_is_undone_and_micro_codes_go_to_segno() -> None:
    original = encoder.find_and_apply_best_mask
    with fast_masks():
        assert encoder.find_and_apply_best_mask is find_and_apply_best_mask
        micro = segno.make("12345", micro=True)
        explicit = segno.make("https://example.org/", mask=3, micro=False)
    assert encoder.find_and_apply_best_mask is original
    assert micro.is_micro and micro.svg_inline() == segno.make("12345", micro=True).svg_inline()
    assert explicit.mask == 3
