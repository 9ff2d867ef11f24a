"""Incremental builds give the same bytes as cold builds, and touch only what changed.

One sequence of real Pelican builds of the fixture site (every plugin, absolute URLs like
the published site): a cold build, then, each followed by an incremental build into the
same folder, no change, an edited article, a new article, a deleted one, a renamed tag and
a template change. After each step the incremental output is compared, file by file and
byte by byte, with a cold build of the same content into an empty folder (rendered in one
process, the incremental builds in two: plugins.incremental.workers). A shorter
sequence does the same with relative URLs (the local preview's settings).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from scrapers.core.article import make_slug, parse

from ..conftest import ALL_PLUGINS, ROOT, SITE, SITEURL


def run(content: Path, out: Path, theme: Path, siteurl: str = SITEURL, extra: dict | None = None) -> str:
    """One Pelican build (not emptying ``out``: that is the point); its log."""
    env = {
        **os.environ,
        "PLUGIN_TEST_PLUGINS": ",".join(ALL_PLUGINS),
        "PLUGIN_TEST_SITEURL": siteurl,
        "PLUGIN_TEST_EXTRA": json.dumps({"THEME": str(theme), **(extra or {})}),
        "COLUMNS": "1000",
    }
    argv = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(out),
        "-s",
        str(SITE / "settings.py"),
        "--fatal",
        "warnings",
        "-v",
    ]
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False)
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"build failed ({done.returncode}):\n{log[-5000:]}"
    return log


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root``: its bytes and mtime."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


#: Files other plugins write on every build without comparing (the search index's own
#: files); their bytes are still compared with the cold build, their mtimes are not.
REWRITTEN_BY_OTHERS = re.compile(r"^search/(index/|t2s\.json$)")


def stamps(files: dict[str, tuple[bytes, int]]) -> dict[str, tuple[bytes, int]]:
    return {k: v for k, v in files.items() if not REWRITTEN_BY_OTHERS.match(k)}


def differences(a: dict[str, tuple[bytes, int]], b: dict[str, tuple[bytes, int]]) -> list[str]:
    only = sorted(set(a) ^ set(b))
    differ = sorted(k for k in set(a) & set(b) if a[k][0] != b[k][0])
    return [f"only in one: {k}" for k in only] + [f"differs: {k}" for k in differ]


def rendered(log: str) -> int:
    match = re.search(r"incremental: (\d+) pages rendered", log)
    assert match, f"no incremental summary in the log:\n{log[-3000:]}"
    return int(match.group(1))


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """Writable copies of the fixture content and of the theme."""
    shutil.copytree(SITE / "content", tmp_path / "content")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    return tmp_path / "content", tmp_path / "theme"


def articles(content: Path) -> list[Path]:
    return sorted((content / "articles").glob("*.md"))


def edit(content: Path, theme: Path) -> None:
    path = articles(content)[2]
    a = parse(path.read_text(encoding="utf-8"))
    path.write_text(replace(a, title=a.title + "（更正）", body=a.body + "\n\n本文已更正。").render(), encoding="utf-8")


def add(content: Path, theme: Path) -> None:
    a = parse(articles(content)[0].read_text(encoding="utf-8"))
    slug = make_slug("2024-06-01", "incremental-test:add")
    new = replace(a, date="2024-06-01", slug=slug, title="新增：" + a.title, source_url=f"https://news.example.cn/{slug}.html")
    (content / "articles" / f"{slug}.md").write_text(new.render(), encoding="utf-8")


def delete(content: Path, theme: Path) -> None:
    articles(content)[4].unlink()


def rename_tag(content: Path, theme: Path) -> None:
    """Every article tagged 检验检测 is tagged 资质认定 instead (both in the vocabulary)."""
    renamed = 0
    for path in articles(content):
        a = parse(path.read_text(encoding="utf-8"))
        if "检验检测" in a.tags:
            tags = tuple(dict.fromkeys("资质认定" if t == "检验检测" else t for t in a.tags))
            path.write_text(replace(a, tags=tags).render(), encoding="utf-8")
            renamed += 1
    assert renamed >= 2


def change_template(content: Path, theme: Path) -> None:
    base = theme / "templates" / "base.html"
    text = base.read_text(encoding="utf-8")
    assert "仅作存档与检索" in text
    base.write_text(text.replace("仅作存档与检索", "仅作存档与检索之用", 1), encoding="utf-8")


#: Pages rendered by two processes (plugins.incremental.workers), whatever the machine.
TWO = {"INCREMENTAL_WORKERS": 2}

STEPS: list[tuple[str, Callable[[Path, Path], None]]] = [
    ("edit", edit),
    ("add", add),
    ("delete", delete),
    ("rename tag", rename_tag),
    ("template", change_template),
]


def test_incremental_equals_cold_after_each_change(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    content, theme = workspace
    out = tmp_path / "incremental"
    log = run(content, out, theme, extra=TWO)
    # The search index is written by the main process once the two workers have exited,
    # before their records are merged (the one-process cold builds it is compared with
    # below write it at the end).
    assert "1 task(s) of other plugins done before the records of 2 workers were merged" in log, log[-3000:]
    before = tree(out)

    log = run(content, out, theme, extra=TWO)
    assert rendered(log) == 0, "nothing changed, nothing should be rendered"
    assert stamps(tree(out)) == stamps(before), "an unchanged build must leave every file as it was (bytes and mtime)"

    for number, (name, change) in enumerate(STEPS):
        change(content, theme)
        log = run(content, out, theme, extra=TWO)
        assert "in 2 processes" in log, log[-2000:]
        after = tree(out)
        cold_out = tmp_path / f"cold-{number}"
        # The cold build renders in one process, the incremental ones in two (the default
        # where there are two cores): the workers must not change a byte either.
        run(content, cold_out, theme, extra={"INCREMENTAL_WORKERS": 1})
        problems = differences(after, tree(cold_out))
        assert not problems, f"after '{name}' the incremental build differs from a cold one: {problems[:10]}"
        written = sorted(k for k, (data, mtime) in stamps(after).items() if k not in before or before[k][1] != mtime)
        unchanged_bytes = [k for k in written if k in before and before[k][0] == after[k][0]]
        assert not unchanged_bytes, f"after '{name}' files were rewritten with the same bytes: {unchanged_bytes[:10]}"
        if name == "edit":
            assert 0 < rendered(log) < len([k for k in after if k.endswith(".html")]) / 2, log[-2000:]
        before = after


def test_relative_urls_too(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    """The local preview's settings (relative URLs: each page's links depend on its depth)."""
    content, theme = workspace
    out = tmp_path / "incremental"
    run(content, out, theme, siteurl="")
    for number, change in enumerate((edit, delete, change_template)):
        change(content, theme)
        run(content, out, theme, siteurl="")
        cold_out = tmp_path / f"cold-{number}"
        run(content, cold_out, theme, siteurl="")
        problems = differences(tree(out), tree(cold_out))
        assert not problems, f"after {change.__name__}: {problems[:10]}"


def test_output_changed_by_hand_is_rebuilt(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    """A page edited or deleted in the output folder is written again, not trusted."""
    content, theme = workspace
    out = tmp_path / "incremental"
    run(content, out, theme)
    slug = parse(articles(content)[0].read_text(encoding="utf-8")).slug
    page = out / "articles" / slug / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"</body>", b"<!-- edited by hand --></body>"))
    (out / "articles" / slug / "zh-hant" / "index.html").unlink()
    log = run(content, out, theme)
    assert page.read_bytes() == good
    assert (out / "articles" / slug / "zh-hant" / "index.html").is_file()
    # The page is rendered again; its Traditional copy is made from it by plugins.hant.
    assert rendered(log) == 1, log[-2000:]


def test_verify_mode_finds_nothing_stale(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    """INCREMENTAL_VERIFY renders the pages the record calls unchanged too: none may differ."""
    content, theme = workspace
    out = tmp_path / "incremental"
    run(content, out, theme)
    edit(content, theme)
    rename_tag(content, theme)
    log = run(content, out, theme, extra={"INCREMENTAL_VERIFY": True})
    assert "out of date although" not in log, log[-3000:]


def test_invoke_build_is_incremental_and_clean_is_cold(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    """`invoke build` keeps unchanged files (same mtime); `invoke build --clean` writes everything anew."""
    content, _ = workspace
    out = tmp_path / "site"
    invoke = [sys.executable, "-m", "invoke", "build", "--output", str(out), "--content", str(content)]
    for argv in (invoke, invoke):
        done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    first = tree(out)
    edit(content, content)
    done = subprocess.run(invoke, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    incremental = tree(out)
    after = stamps(incremental)
    kept = [k for k, (_, mtime) in after.items() if k in first and first[k][1] == mtime]
    assert len(kept) > len(after) / 2, "an edited article must leave most files untouched"
    done = subprocess.run([*invoke, "--clean"], cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    cold = tree(out)
    assert not differences(incremental, cold)
    assert all(cold[k][1] != mtime for k, (_, mtime) in after.items() if k in cold), "--clean must rewrite every file"
