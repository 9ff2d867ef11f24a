"""The pre-commit hooks run offline from the project's .venv, and catch what they should.

Each test runs the real ``pre-commit`` on a throwaway git repository holding this
project's hook configuration, its articles and the ``scrapers`` package (untracked, so
only the files under test are handed to the hooks), with ``.venv`` linked in. No hook
repository is cloned: ``repo: local`` hooks only, which is what lets this pass offline.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
CONFIG = ROOT / ".pre-commit-config.yaml"


def _run(repo: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "SKIP": ""}
    return subprocess.run(args, cwd=repo, capture_output=True, text=True, timeout=180, check=False, env=env)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(CONFIG, repo / CONFIG.name)
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    shutil.copytree(ROOT / "content" / "articles", repo / "content" / "articles")
    shutil.copytree(ROOT / "scrapers", repo / "scrapers", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / ".venv").symlink_to(Path(sys.executable).parents[1])
    (repo / "tools").mkdir()
    (repo / "tools" / "hello.py").write_text('"""A tracked Python file for ruff."""\n\nprint("hello")\n', encoding="utf-8")
    (repo / ".gitignore").write_text(".venv\nscrapers/\n", encoding="utf-8")
    for args in (
        ("init", "--quiet"),
        ("config", "user.email", "t@example.cn"),
        ("config", "user.name", "t"),
        ("add", "."),
        ("commit", "--quiet", "--no-verify", "-m", "start"),
    ):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    return repo


def test_config_uses_only_local_hooks() -> None:
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = {h["id"]: h for h in config["repos"][0]["hooks"]}
    assert set(hooks) == {"content-check", "ruff"}
    assert all(h["language"] == "system" and h["entry"].startswith(".venv/bin/python -m ") for h in hooks.values())
    assert hooks["content-check"]["entry"].endswith("scrapers.editors.check")


def test_all_files_pass_offline(repo: Path, tmp_path: Path) -> None:
    done = _run(repo, str(PRE_COMMIT), "run", "--all-files", home=tmp_path / "home")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "content check (invoke check)" in out and "ruff" in out
    assert out.count("Passed") == 2, out
    assert not (tmp_path / "home" / "repo").exists()  # nothing was cloned


def test_a_bad_article_is_stopped_with_its_message(repo: Path, tmp_path: Path) -> None:
    article = sorted((repo / "content" / "articles").glob("*.md"))[1]
    text = article.read_text(encoding="utf-8")
    region = next(line for line in text.splitlines() if line.startswith("Region: "))
    article.write_text(text.replace(region, "Region: 浙江"), encoding="utf-8")
    subprocess.run(["git", "add", str(article)], cwd=repo, check=True)
    done = _run(repo, "git", "commit", "-m", "typo", home=tmp_path / "home")
    assert done.returncode == 0  # no hook installed yet: committing is not blocked
    subprocess.run(["git", "reset", "--quiet", "--soft", "HEAD~1"], cwd=repo, check=True)
    _run(repo, str(PRE_COMMIT), "install", home=tmp_path / "home")
    done = _run(repo, "git", "commit", "-m", "typo", home=tmp_path / "home")
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    line = text.splitlines().index(region) + 1
    assert (
        f"content/articles/{article.name}:{line}: Region: unknown region '浙江'; did you mean '浙江省'? "
        "(write the full province-level name)"
    ) in out
    assert "checked 1 article: 1 error" in out  # only the staged article was checked


def test_ruff_runs_on_python_files(repo: Path, tmp_path: Path) -> None:
    (repo / "tools" / "hello.py").write_text("import os\n", encoding="utf-8")
    done = _run(repo, str(PRE_COMMIT), "run", "--all-files", home=tmp_path / "home")
    assert done.returncode == 1
    assert "F401" in done.stdout
