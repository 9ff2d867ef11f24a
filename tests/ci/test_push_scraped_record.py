"""push-scraped.sh and the rejection record: committed with the batch, refused when it is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_push_scraped import ARTICLE, _artifact, _git, _remote_branch, _run, work  # noqa: F401

HEADER = "url,text_hash,simhash,rejected_on,reason,title\n"
ROW = "https://example.cn/1.html,0123456789abcdef,0123456789abcdef,2025-09-06,deleted on scrape/daily,标题\n"


def test_the_record_is_committed_with_the_batch(work: Path, tmp_path: Path) -> None:  # noqa: F811
    art = _artifact(tmp_path, {"2025-09-06-00000002.md": ARTICLE.format(n=2)})
    (art / "rejected.csv").write_text(HEADER + ROW, encoding="utf-8")
    done, output = _run(work, art)
    assert done.returncode == 0, done.stderr
    assert output == "pushed=true\n"
    _git(work, "fetch", "--quiet", "origin", "scrape/daily")
    assert _git(work, "show", "FETCH_HEAD:scrapers/data/rejected.csv") == (HEADER + ROW).strip()


def test_a_record_alone_is_pushed_too(work: Path, tmp_path: Path) -> None:  # noqa: F811
    """A closed batch whose items all come back: only the record changes, and it must reach main."""
    art = _artifact(tmp_path, {})
    (art / "rejected.csv").write_text(HEADER + ROW, encoding="utf-8")
    done, output = _run(work, art)
    assert done.returncode == 0 and output == "pushed=true\n", done.stderr


@pytest.mark.parametrize(("content", "message"), [
    (b"name,value\nx,y\n", "not the rejection record"),
    (HEADER.encode() + b"\xff\xfe\n", "not valid UTF-8"),
    (HEADER.encode() + b"x" * (16 * 1024 * 1024), "larger than"),
])
def test_a_hostile_record_stops_the_job(work: Path, tmp_path: Path, content: bytes, message: str) -> None:  # noqa: F811
    art = _artifact(tmp_path, {"2025-09-06-00000002.md": ARTICLE.format(n=2)})
    (art / "rejected.csv").write_bytes(content)
    done, output = _run(work, art)
    assert done.returncode == 1 and message in done.stderr
    assert _remote_branch(work) == "" and output == ""


def test_a_linked_record_is_refused(work: Path, tmp_path: Path) -> None:  # noqa: F811
    art = _artifact(tmp_path, {})
    (art / "rejected.csv").symlink_to("/etc/passwd")
    done, _ = _run(work, art)
    assert done.returncode == 1 and "refusing rejected.csv: not a regular file" in done.stderr
