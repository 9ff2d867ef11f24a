"""The one atomic writer (scrapers/core/files.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scrapers.core import files
from scrapers.core.files import atomic_write


def test_text_is_utf8_with_newlines_and_bytes_are_as_given(tmp_path: Path) -> None:
    atomic_write(tmp_path / "a.md", "第一行\n第二行\n")
    assert (tmp_path / "a.md").read_bytes() == "第一行\n第二行\n".encode()
    atomic_write(tmp_path / "sub" / "b.bin", b"\x00\xff", sync=False)
    assert (tmp_path / "sub" / "b.bin").read_bytes() == b"\x00\xff"


def test_mode_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a.md", "x\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o640


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.md"
    atomic_write(target, "old\n")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]
