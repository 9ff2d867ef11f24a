import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from scrapers.core.article import Article, parse
from scrapers.core.files import atomic_write
from scrapers.core.results import Status
from scrapers.importer import store_batch
from scrapers.store import LOCK_NAME, StoreError, prepare_out, store

from .core.test_article import GOOD
from .test_importer import SEEDS

ROOT = Path(__file__).resolve().parents[2]


def test_write_unchanged_update(tmp_path):
    article = parse(GOOD)
    assert store(tmp_path, article) is Status.NEW
    assert store(tmp_path, article) is Status.UNCHANGED
    changed = parse(GOOD.replace("正文第二段", "正文第二段（更新）"))
    assert store(tmp_path, changed) is Status.UPDATED


def test_editor_changes_are_never_overwritten(tmp_path):
    store(tmp_path, parse(GOOD))
    path = tmp_path / "2023-01-18-519e2677.md"
    path.write_text(path.read_text(encoding="utf-8").replace("正文第一段", "编辑修改"), encoding="utf-8")
    assert store(tmp_path, parse(GOOD.replace("正文第二段", "新版"))) is Status.KEPT
    assert "编辑修改" in path.read_text(encoding="utf-8")


def test_a_killed_writer_leaves_no_partial_file(tmp_path):
    target = tmp_path / "a.md"
    atomic_write(target, "old\n")
    code = textwrap.dedent(f"""
        import os, sys, tempfile
        sys.path.insert(0, {str(ROOT)!r})
        import scrapers.core.files as s
        real = os.replace
        def slow(src, dst):
            print("ready", flush=True)
            sys.stdin.readline()
            real(src, dst)
        s.os.replace = slow
        s.atomic_write(__import__("pathlib").Path({str(target)!r}), "new\\n" * 100000)
    """)
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert target.read_text() == "old\n"
    # The temp file of the killed run is a dot-file that Pelican ignores; a rerun replaces the target.
    atomic_write(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["a.md"]


# --- paths, errors, lock, temp files, modes ------------------------------------------------


#: Long enough for the duplicate index to recognise a copy.
LONG = (
    "上午，某市检验检测认证促进会在会展中心召开第一届会员大会，一百余家会员单位派代表参加。\n\n"
    "会议审议通过了促进会章程和会费管理办法，选举产生了第一届理事会和监事会。"
)


def _stamped(text: str) -> str:
    """An article file exactly as the scraper writes it (so it counts as unedited)."""
    return replace(parse(text), body=LONG).with_scraper_hash().render()


def _copy() -> Article:
    """A mirror copy of the article of ``GOOD`` (same text, another URL and slug)."""
    return replace(parse(GOOD), body=LONG, slug="2023-01-19-00000000", source_url="https://mirror.example.cn/1.html")


@pytest.mark.parametrize("slug", ["../../escaped", "/tmp/escaped", "sub/escaped", "2023-01-18-519e2677/../../x"])
def test_a_slug_read_from_a_file_is_never_a_path(tmp_path, slug, caplog):
    out = tmp_path / "a" / "b" / "out"
    out.mkdir(parents=True)
    hostile = GOOD.replace("Slug: 2023-01-18-519e2677", f"Slug: {slug}")
    (out / "2023-01-18-519e2677.md").write_text(_stamped(hostile), encoding="utf-8")
    (stored,) = store_batch([_copy()], out)
    assert stored.path.parent == out
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert written == {
        Path("a/b/out/2023-01-18-519e2677.md"),
        Path("a/b/out/2023-01-19-00000000.md"),
        Path("a/b/out") / LOCK_NAME,
    }
    assert f"2023-01-18-519e2677.md: ignored: Slug {slug!r} is not YYYY-MM-DD-xxxxxxxx" in caplog.text


def test_the_writer_refuses_a_slug_that_is_not_one(tmp_path):
    with pytest.raises(StoreError, match=r"refusing to write .*'\.\./x'"):
        store(tmp_path, replace(parse(GOOD), slug="../x"))
    assert list(tmp_path.iterdir()) == []


def test_a_file_named_otherwise_than_its_slug_is_ignored(tmp_path, caplog):
    (tmp_path / "other.md").write_text(_stamped(GOOD), encoding="utf-8")
    (stored,) = store_batch([_copy()], tmp_path)
    assert stored.status == "new"
    assert (tmp_path / "other.md").read_text(encoding="utf-8") == _stamped(GOOD)
    assert "other.md: ignored: it is named other.md but its Slug is 2023-01-18-519e2677" in caplog.text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_symlinks_fifos_and_editor_lock_files_in_out_are_skipped(tmp_path, caplog):
    outside = tmp_path / "secret.md"
    outside.write_text(_stamped(GOOD), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "2023-01-18-519e2677.md").symlink_to(outside)
    os.mkfifo(out / "2023-01-20-00000000.md")
    (out / ".#2023-01-21-00000000.md").symlink_to("root@host.1234")
    (stored,) = store_batch([_copy()], out)  # a FIFO read would hang here
    assert stored.status == "new"
    assert outside.read_text(encoding="utf-8") == _stamped(GOOD)
    assert "2023-01-18-519e2677.md: ignored: a symbolic link" in caplog.text
    assert "2023-01-20-00000000.md: ignored: not a regular file" in caplog.text


def test_files_follow_the_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        store(tmp_path, parse(GOOD))
        atomic_write(tmp_path / "x.md", "x\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "2023-01-18-519e2677.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "x.md").stat().st_mode) == 0o644
    previous = os.umask(0o077)
    try:
        atomic_write(tmp_path / "y.md", "y\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "y.md").stat().st_mode) == 0o600


def test_stale_temp_files_are_cleaned_and_only_ours(tmp_path):
    stale = tmp_path / ".2023-01-18-519e2677.md.k2j_x9a1.tmp"
    stale.write_text("half an artic", encoding="utf-8")
    others = [tmp_path / ".notes.tmp", tmp_path / "draft.md.tmp", tmp_path / ".x.md.abcdefgh.tmp.keep"]
    for p in others:
        p.write_text("mine", encoding="utf-8")
    old = time.time() - 3600
    for p in (stale, *others):
        os.utime(p, (old, old))
    store_batch([parse(GOOD)], tmp_path)
    assert not stale.exists()
    assert all(p.exists() for p in others)


def test_disk_full_is_an_item_failure_not_a_crash(tmp_path, monkeypatch):
    """ENOSPC usually shows at fsync (delayed allocation): injected there, the rest is real."""

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    (stored,) = store_batch([parse(GOOD)], tmp_path)
    assert stored.status == "failed"
    assert stored.detail == f"cannot write {tmp_path / '2023-01-18-519e2677.md'}: No space left on device"
    assert [p.name for p in tmp_path.iterdir()] == [LOCK_NAME]  # no temp file left behind


def test_out_that_is_a_file_or_empty_is_a_one_line_error(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    for out, message in (
        (afile, f"{afile}: not a directory"),
        ("", "--out is empty: name a directory"),
        (afile / "sub", f"{afile / 'sub'}: cannot create the directory: Not a directory"),
    ):
        with pytest.raises(StoreError) as err:
            prepare_out(out)
        assert str(err.value) == message


LOCKER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, sys.argv[1])
    from datetime import date
    from pathlib import Path
    import scrapers.store as s
    from scrapers.importer import Item, import_items
    if sys.argv[5] == "pause":
        real = os.replace
        def slow(src, dst):
            print("ready", flush=True)
            sys.stdin.readline()
            real(src, dst)
        s.os.replace = slow
    outcomes = import_items([Item(Path(sys.argv[3]), sys.argv[4])], Path(sys.argv[2]), date(2026, 11, 23))
    print(outcomes[0].status, flush=True)
""")


def _blocked_on_flock(pid: int) -> bool:
    """Whether ``pid`` waits for a flock (a ``->`` line of /proc/locks names a waiter)."""
    return any(
        line.split()[1] == "->" and line.split()[5].split(":")[0] == str(pid)
        for line in Path("/proc/locks").read_text().splitlines()
        if "->" in line
    )


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs /proc/locks to see a waiting process")
def test_two_concurrent_imports_of_mirror_copies_make_one_article(tmp_path):
    seed = next(SEEDS.glob("004_*.txt"))
    (tmp_path / "b.txt").write_text("首页 > 新闻\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    script = tmp_path / "locker.py"
    script.write_text(LOCKER, encoding="utf-8")

    def start(page: Path, url: str, mode: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, str(script), str(ROOT), str(out), str(page), url, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    first = start(seed, "https://a.example.cn/1.html", "pause")
    assert first.stdout.readline().strip() == "ready"  # it has read the directory and is about to write
    second = start(tmp_path / "b.txt", "https://b.example.cn/2.html", "go")
    for _ in range(1200):  # a safety valve only: the loop ends as soon as the second one waits or is done
        if second.poll() is not None or _blocked_on_flock(second.pid):
            break
        time.sleep(0.05)
    first_out, _ = first.communicate("\n")
    second_out, _ = second.communicate()
    assert sorted([first_out.strip(), second_out.strip()]) == ["duplicate", "new"]
    assert len(list(out.glob("*.md"))) == 1
