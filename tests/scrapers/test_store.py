import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from scrapers.article import parse
from scrapers.store import WriteResult, atomic_write, store

from .test_article import GOOD

ROOT = Path(__file__).resolve().parents[2]


def test_write_unchanged_update(tmp_path):
    article = parse(GOOD)
    assert store(tmp_path, article) is WriteResult.WRITTEN
    assert store(tmp_path, article) is WriteResult.UNCHANGED
    changed = parse(GOOD.replace("正文第二段", "正文第二段（更新）"))
    assert store(tmp_path, changed) is WriteResult.UPDATED


def test_editor_changes_are_never_overwritten(tmp_path):
    store(tmp_path, parse(GOOD))
    path = tmp_path / "2023-01-18-519e2677.md"
    path.write_text(path.read_text(encoding="utf-8").replace("正文第一段", "编辑修改"), encoding="utf-8")
    assert store(tmp_path, parse(GOOD.replace("正文第二段", "新版"))) is WriteResult.EDITED
    assert "编辑修改" in path.read_text(encoding="utf-8")


def test_a_killed_writer_leaves_no_partial_file(tmp_path):
    target = tmp_path / "a.md"
    atomic_write(target, "old\n")
    code = textwrap.dedent(f"""
        import os, sys, tempfile
        sys.path.insert(0, {str(ROOT)!r})
        import scrapers.store as s
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
