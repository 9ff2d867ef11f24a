"""plugins.share.fastqr: segno's codes and SVG bytes, and codes that a real decoder reads back."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import segno
from segno import consts, encoder

from plugins.share import fastqr, qr_svg

STYLE = {"scale": 4, "border": 2, "dark": "#000", "light": "#fff", "svgclass": "share__qr-code", "title": "本文链接的二维码"}

#: URLs a hostile or careless article could give the share panel: every mode segno picks
#: (numeric, alphanumeric, byte, kanji), markup characters, quotes, controls, other scripts,
#: percent-escapes, and lengths up to version 20-something codes.
HOSTILE = [
    "https://example.github.io/tic-news-archive/articles/2024-05-01-3f2a9c1e/",
    "https://example.github.io/tic-news-archive/articles/2024-05-01-3f2a9c1e/zh-hant/",
    "HTTPS://EXAMPLE.ORG/A-B/C:1%20D",
    "0123456789012345678901234567890123456789",
    "https://example.org/检测/认证?q=检验检测认证&p=1#第二段",
    "https://example.org/\"><script>alert(1)</script>&amp;'",
    "https://example.org/tab\there/newline\nthere/nul\x00/del\x7f",
    "https://例子.测试/路径/檢測認證",
    "https://example.org/¼½¾/émoji-😀/ﾃｽﾄ/テスト/한국어",
    "https://example.org/%E6%A3%80%E6%B5%8B%2F%3F%23?x=%00",
    "点",
    "https://example.org/" + "a" * 700,
    "https://example.org/" + "检" * 150,
]


def _urls() -> list[str]:
    """Site-shaped URLs, random strings of every length, and the hostile ones."""
    rnd = random.Random(22)
    urls = [
        f"https://example.github.io/tic-news-archive/articles/20{rnd.randint(10, 26)}-{rnd.randint(1, 12):02d}-"
        f"{rnd.randint(1, 28):02d}-{rnd.getrandbits(32):08x}/" + ("zh-hant/" if rnd.random() < 0.5 else "")
        for _ in range(100)
    ]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789/:.-?=&%<>\"' 检测认证"
    urls += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 500))) for _ in range(40)]
    return urls + HOSTILE


@pytest.mark.parametrize("error", ["l", "m", "q", "h"])
def test_same_svg_bytes_as_segno(error: str) -> None:
    """Every byte of the share panel's SVG is what segno alone draws (version, error boost, mask)."""
    urls = _urls()
    versions = set()
    for url in urls:
        reference = segno.make(url, error=error, micro=False)
        code = fastqr.encode(url, error)
        versions.add(code.version)
        assert (code.version, code.error, code.mask) == (reference.version, consts_error(reference), reference.mask), url
        assert np.array_equal(code.matrix, np.array(reference.matrix, dtype=np.uint8)), url
        assert fastqr.svg_inline(code.matrix, **STYLE) == reference.svg_inline(lineclass=None, **STYLE), url
    assert min(versions) < 7 <= max(versions)  # codes with and without version information


def consts_error(code: segno.QRCode) -> int:
    """segno's error level constant of a code (its public attribute is a letter)."""
    return {"L": consts.ERROR_LEVEL_L, "M": consts.ERROR_LEVEL_M, "Q": consts.ERROR_LEVEL_Q, "H": consts.ERROR_LEVEL_H}[
        code.error
    ]


def test_other_styles_follow_segno_too() -> None:
    """The frame comes from segno's writer: another scale, border, colour, class or title keeps equal."""
    url = "https://example.org/检测?a=1"
    reference = segno.make(url, error="m", micro=False)
    matrix = fastqr.encode(url, "m").matrix
    for style in (
        {"scale": 1, "border": 0, "dark": "#123456", "light": "#fedcba", "svgclass": "x", "title": "a<b&c"},
        {"scale": 10, "border": 4, "dark": "red", "light": "white", "svgclass": "big qr", "title": "二维码"},
    ):
        assert fastqr.svg_inline(matrix, **style) == reference.svg_inline(lineclass=None, **style), style


def test_patches_are_undone_and_micro_codes_go_to_segno() -> None:
    before = (encoder.make_final_message, encoder.add_codewords, encoder.find_and_apply_best_mask)
    with fastqr.fast_encoder():
        assert encoder.add_codewords is fastqr.add_codewords
        micro = segno.make("12345", micro=True)
        explicit = segno.make("https://example.org/", mask=3, micro=False)
    assert (encoder.make_final_message, encoder.add_codewords, encoder.find_and_apply_best_mask) == before
    assert micro.is_micro and micro.svg_inline() == segno.make("12345", micro=True).svg_inline()
    assert explicit.mask == 3 and explicit.svg_inline() == segno.make("https://example.org/", mask=3).svg_inline()


def _pgm(matrix: np.ndarray, path: Path, scale: int = 4, border: int = 4) -> None:
    """The code as a greyscale picture (a binary PGM): dark modules black, a light quiet zone."""
    light = np.pad(1 - matrix, border, constant_values=1).astype(np.uint8) * 255
    pixels = np.kron(light, np.ones((scale, scale), dtype=np.uint8))
    path.write_bytes(f"P5 {pixels.shape[1]} {pixels.shape[0]} 255\n".encode() + pixels.tobytes())


def test_hostile_urls_decode_to_themselves(tmp_path: Path) -> None:
    """A real decoder (zbar, independent of segno) reads each code back as its exact URL."""
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbarimg not found: apt-get install zbar-tools (.ci/run installs it)"
    readable = [u for u in HOSTILE if "\x00" not in u]  # zbar's text output ends at a NUL
    codes = [fastqr.encode(url, "m") for url in readable]
    for i, code in enumerate(codes):
        _pgm(code.matrix, tmp_path / f"{i:02d}.pgm")
    for i, (url, code) in enumerate(zip(readable, codes, strict=True)):
        done = subprocess.run(
            [zbarimg, "--raw", "-q", "-Sbinary", str(tmp_path / f"{i:02d}.pgm")], capture_output=True, timeout=60, check=False
        )
        assert done.returncode == 0, f"{url!r}: zbarimg could not read the code: {done.stderr!r}"
        # segno writes text that Shift JIS can hold as Kanji mode, anything else as UTF-8 bytes
        kanji = all(segment.mode == consts.MODE_KANJI for segment in code.segments)
        assert done.stdout.removesuffix(b"\n") == url.encode("shift_jis" if kanji else "utf-8"), url


def test_qr_svg_is_the_share_panels_markup() -> None:
    """plugins.share draws through fastqr: the panel's attributes and title are there."""
    svg = qr_svg("https://example.org/a/", "m", 4)
    assert svg.startswith('<svg width="') and 'class="share__qr-code"' in svg
    assert "<title>本文链接的二维码</title>" in svg and 'transform="scale(4)"' in svg
    assert svg == segno.make("https://example.org/a/", error="m", micro=False).svg_inline(lineclass=None, **STYLE)


def test_an_unknown_error_level_names_the_setting() -> None:
    with pytest.raises(ValueError, match="SHARE_QR_ERROR"):
        fastqr.encode("https://example.org/", "x")
