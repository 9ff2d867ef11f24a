"""push-scraped.sh and attachments: a notice's files are committed beside it, anything else stops the job."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_push_scraped import ARTICLE, _artifact, _git, _remote_branch, _run, work  # noqa: F401

SLUG = "2025-09-06-00000002"
PDF = b"%PDF-1.4\n%%EOF\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 24
ZIP = b"PK\x03\x04" + b"\0" * 24


def _with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    art = _artifact(tmp_path, {f"{SLUG}.md": ARTICLE.format(n=2)})
    for rel, data in files.items():
        path = art / "attachments" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return art


def test_attachments_are_committed_beside_their_article(work: Path, tmp_path: Path) -> None:  # noqa: F811
    files = {f"{SLUG}/tongzhi.pdf": PDF, f"{SLUG}/list.xls": OLE, f"{SLUG}/form.docx": ZIP}
    done, output = _run(work, _with(tmp_path, files))
    assert done.returncode == 0 and output == "pushed=true\n", done.stderr
    _git(work, "fetch", "--quiet", "origin", "scrape/daily")
    listed = _git(work, "ls-tree", "-r", "--name-only", "FETCH_HEAD", "content/attachments").splitlines()
    assert listed == [f"content/attachments/{SLUG}/{n}" for n in ("form.docx", "list.xls", "tongzhi.pdf")]


@pytest.mark.parametrize(("files", "message"), [
    ({f"{SLUG}/notice.pdf": b"<!DOCTYPE html><html>error</html>"}, "not a pdf file"),
    ({f"{SLUG}/form.docx": PDF}, "not a docx file"),
    ({f"{SLUG}/run.sh": b"#!/bin/sh\n"}, "not SLUG/NAME.pdf|doc|docx|xls|xlsx"),
    ({f"{SLUG}/sub/x.pdf": PDF}, "not SLUG/NAME.pdf|doc|docx|xls|xlsx"),
    ({"x.pdf": PDF}, "not SLUG/NAME.pdf|doc|docx|xls|xlsx"),
    ({f"{SLUG}/通知.pdf": PDF}, "not SLUG/NAME.pdf|doc|docx|xls|xlsx"),
    ({f"{SLUG}/big.pdf": PDF + b"0" * (20 * 1024 * 1024)}, "larger than 20 MiB"),
])
def test_anything_else_stops_the_job(work: Path, tmp_path: Path, files: dict[str, bytes], message: str) -> None:  # noqa: F811
    done, output = _run(work, _with(tmp_path, files))
    assert done.returncode == 1 and message in done.stderr, done.stderr
    assert _remote_branch(work) == "" and output == ""
    assert not (work / "content" / "attachments").exists()


def test_a_linked_attachment_is_refused(work: Path, tmp_path: Path) -> None:  # noqa: F811
    art = _with(tmp_path, {})
    (art / "attachments" / SLUG).mkdir(parents=True)
    os.symlink("/etc/passwd", art / "attachments" / SLUG / "x.pdf")
    done, _ = _run(work, art)
    assert done.returncode == 1 and "not a regular file" in done.stderr
