"""The scrape workflow's pull-request job (.github/scripts/push-scraped.sh) on real git.

A bare repository stands in for GitHub ("origin"); the script runs in a clone of it, as
the job does after actions/checkout, on artifacts shaped like the fetch job's (including
hostile ones: the fetch job parses untrusted pages, so its output is not trusted either).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".github" / "scripts" / "push-scraped.sh"
BRANCH = "scrape/daily"
ARTICLE = "Title: 标题{n}\nDate: 2025-09-06\n\n正文{n}。\n"


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def work(tmp_path: Path) -> Path:
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    seed = tmp_path / "seed"
    _git(tmp_path, "init", "--quiet", "--initial-branch=main", str(seed))
    (seed / "content" / "articles").mkdir(parents=True)
    (seed / "content" / "articles" / "2025-09-06-00000001.md").write_text(ARTICLE.format(n=1), encoding="utf-8")
    _git(seed, "add", ".")
    _git(seed, "-c", "user.name=t", "-c", "user.email=t@example.cn", "commit", "--quiet", "-m", "main")
    _git(seed, "push", "--quiet", str(origin), "main")
    work = tmp_path / "work"
    _git(tmp_path, "clone", "--quiet", str(origin), str(work))
    return work


def _artifact(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    art = tmp_path / "scraped"
    (art / "articles").mkdir(parents=True, exist_ok=True)
    (art / "pr-body.md").write_text("description\n", encoding="utf-8")
    for name, content in files.items():
        path = art / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return art


def _run(work: Path, art: Path, expected: str = "", tmp_path: Path | None = None) -> tuple[subprocess.CompletedProcess[str], str]:
    out = (tmp_path or work.parent) / "github_output"
    out.write_text("", encoding="utf-8")
    env = {**os.environ, "GITHUB_OUTPUT": str(out)}
    done = subprocess.run(
        [str(SCRIPT), str(art), BRANCH, expected], cwd=work, capture_output=True, text=True, timeout=60, check=False, env=env
    )
    return done, out.read_text(encoding="utf-8")


def _remote_branch(work: Path) -> str:
    return _git(work, "ls-remote", "origin", f"refs/heads/{BRANCH}").split("\t")[0]


def test_new_articles_are_pushed_to_the_branch(work: Path, tmp_path: Path) -> None:
    art = _artifact(
        tmp_path, {"2025-09-06-00000002.md": ARTICLE.format(n=2), "2025-09-06-00000001.md": ARTICLE.format(n="1（更正）")}
    )
    done, output = _run(work, art)
    assert done.returncode == 0, done.stderr
    assert output == "pushed=true\n"
    sha = _remote_branch(work)
    assert sha
    _git(work, "fetch", "--quiet", "origin", BRANCH)
    assert _git(work, "diff", "--name-status", "origin/main", "FETCH_HEAD").splitlines() == [
        "M\tcontent/articles/2025-09-06-00000001.md",
        "A\tcontent/articles/2025-09-06-00000002.md",
    ]
    assert _git(work, "log", "-1", "--format=%an|%s", "FETCH_HEAD") == "github-actions[bot]|Scraped articles"
    assert "extraheader" not in (work / ".git" / "config").read_text(encoding="utf-8")  # no token left on disk

    # The next run (a fresh checkout of main), same articles: nothing to push, no new commit.
    _git(work, "switch", "--quiet", "main")
    done, output = _run(work, art, expected=sha)
    assert done.returncode == 0, done.stderr
    assert output == "pushed=false\n" and "already holds these articles" in done.stdout
    assert _remote_branch(work) == sha

    # A run with one more article replaces the branch (re-made from main) over the tip it saw.
    _git(work, "switch", "--quiet", "main")
    art = _artifact(tmp_path, {"2025-09-06-00000003.md": ARTICLE.format(n=3)})
    done, output = _run(work, art, expected=sha)
    assert done.returncode == 0, done.stderr
    assert output == "pushed=true\n" and _remote_branch(work) != sha


def test_nothing_new_pushes_nothing(work: Path, tmp_path: Path) -> None:
    art = _artifact(tmp_path, {"2025-09-06-00000001.md": ARTICLE.format(n=1)})  # same as main
    done, output = _run(work, art)
    assert done.returncode == 0, done.stderr
    assert output == "pushed=false\n" and "nothing new" in done.stdout
    assert _remote_branch(work) == ""


def test_an_editors_push_since_the_fetch_is_not_overwritten(work: Path, tmp_path: Path) -> None:
    done, _ = _run(work, _artifact(tmp_path, {"2025-09-06-00000002.md": ARTICLE.format(n=2)}))
    assert done.returncode == 0, done.stderr
    seen = _remote_branch(work)
    # An editor pushes a fix to the branch after the fetch job looked at it.
    editor = tmp_path / "editor"
    _git(tmp_path, "clone", "--quiet", "--branch", BRANCH, str(work / ".." / "origin.git"), str(editor))
    (editor / "content" / "articles" / "2025-09-06-00000002.md").write_text(ARTICLE.format(n="2（编辑）"), encoding="utf-8")
    _git(editor, "-c", "user.name=e", "-c", "user.email=e@example.cn", "commit", "--quiet", "-am", "fix")
    _git(editor, "push", "--quiet", "origin", BRANCH)
    edited = _remote_branch(work)
    _git(work, "switch", "--quiet", "main")
    done, output = _run(work, _artifact(tmp_path, {"2025-09-06-00000003.md": ARTICLE.format(n=3)}), expected=seen)
    assert done.returncode == 1
    assert "push to scrape/daily refused: it changed since the fetch job looked" in done.stderr
    assert _remote_branch(work) == edited and output == ""


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"--force.md": "x"}, "not an article file name"),
        ({"sub/2025-09-06-00000002.md": "x"}, "not an article file name"),
        ({"2025-09-06-00000002.md.tmp": "x"}, "not an article file name"),
        ({".hidden.md": "x"}, "not an article file name"),
        ({"2025-09-06-0000000\n2.md": "x"}, "not an article file name"),
        ({"2025-09-06-00000002.md": b"\xff\xfe not UTF-8"}, "not valid UTF-8"),
        ({"2025-09-06-00000002.md": "长" * 400_000}, "larger than 1048576 bytes"),
    ],
)
def test_a_hostile_artifact_stops_the_job_before_anything_is_written(
    work: Path, tmp_path: Path, files: dict[str, str | bytes], message: str
) -> None:
    good = {"2025-09-06-00000009.md": ARTICLE.format(n=9)}
    done, output = _run(work, _artifact(tmp_path, {**good, **files}))
    assert done.returncode == 1, done.stdout
    assert message in done.stderr
    assert _remote_branch(work) == "" and output == ""
    assert not (work / "content" / "articles" / "2025-09-06-00000009.md").exists()  # checked before copying
    assert _git(work, "status", "--porcelain") == ""


def test_symlinks_in_the_artifact_are_refused(work: Path, tmp_path: Path) -> None:
    art = _artifact(tmp_path, {})
    (art / "articles" / "2025-09-06-00000002.md").symlink_to("/etc/passwd")
    done, _ = _run(work, art)
    assert done.returncode == 1 and "refusing 2025-09-06-00000002.md: not a regular file" in done.stderr
    (art / "articles" / "2025-09-06-00000002.md").unlink()
    os.mkfifo(art / "articles" / "2025-09-06-00000003.md")
    done, _ = _run(work, art)
    assert done.returncode == 1 and "refusing 2025-09-06-00000003.md: not a regular file" in done.stderr
    assert _remote_branch(work) == ""


def test_bad_arguments(work: Path, tmp_path: Path) -> None:
    art = _artifact(tmp_path, {})
    done, _ = _run(work, art, expected="HEAD~1")
    assert done.returncode == 1 and "bad expected commit" in done.stderr
    done, _ = _run(work, tmp_path / "missing")
    assert done.returncode == 1 and "missing/articles: not a directory" in done.stderr
    _git(work, "switch", "--quiet", "-c", BRANCH)
    done, _ = _run(work, art)
    assert done.returncode == 1 and "start from a checkout of main, not scrape/daily" in done.stderr
    done = subprocess.run([str(SCRIPT), str(art)], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "run from the repository root" in done.stderr


HEALTH = '{"version": 1, "sources": {"甲": {"status": "failed", "reason": "list x yields no item"}}}\n'


def test_the_health_record_is_committed_with_the_articles_and_alone_when_it_changed(work: Path, tmp_path: Path) -> None:
    art = _artifact(tmp_path, {"2025-09-06-00000001.md": ARTICLE.format(n=1)})  # no article differs from main
    (art / "health.json").write_text(HEALTH, encoding="utf-8")
    done, output = _run(work, art)
    assert done.returncode == 0, done.stderr
    assert output == "pushed=true\n", "a source going silent is news even on a day without articles"
    _git(work, "fetch", "--quiet", "origin", BRANCH)
    assert _git(work, "show", "FETCH_HEAD:scrapers/health.json") + "\n" == HEALTH


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('["not", "a", "record"]', "not a health record"),
        ("{broken", "not a health record"),
        (b"\xff\xfe", "refusing health.json: not valid UTF-8"),
    ],
)
def test_a_hostile_health_record_stops_the_job(work: Path, tmp_path: Path, content: str | bytes, message: str) -> None:
    art = _artifact(tmp_path, {"2025-09-06-00000009.md": ARTICLE.format(n=9)})
    if isinstance(content, bytes):
        (art / "health.json").write_bytes(content)
    else:
        (art / "health.json").write_text(content, encoding="utf-8")
    done, output = _run(work, art)
    assert done.returncode == 1 and message in done.stderr
    assert _remote_branch(work) == "" and output == ""
    (art / "health.json").unlink()
    (art / "health.json").symlink_to("/etc/passwd")
    done, _ = _run(work, art)
    assert done.returncode == 1 and "refusing health.json: not a regular file" in done.stderr
