"""One meaning of "warning" in the pre-commit hook: shown, and never stopping the commit.

The hook runs ``invoke check``'s command; pre-commit prints a passing hook's output only
when the hook is ``verbose``, so without it an unknown tag was hidden behind "Passed".
"""

from __future__ import annotations

import subprocess

from .test_precommit import PRE_COMMIT, _run, repo  # noqa: F401


def test_a_warning_is_shown_and_does_not_stop_the_commit(repo, tmp_path) -> None:  # noqa: F811
    article = sorted((repo / "content" / "articles").glob("*.md"))[1]
    text = article.read_text(encoding="utf-8")
    tags = next(line for line in text.splitlines() if line.startswith("Tags: "))
    article.write_text(text.replace(tags, tags + ", 元宇宙"), encoding="utf-8")
    subprocess.run(["git", "add", str(article)], cwd=repo, check=True)
    _run(repo, str(PRE_COMMIT), "install", home=tmp_path / "home")
    done = _run(repo, "git", "commit", "-m", "new tag", home=tmp_path / "home")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    line = text.splitlines().index(tags) + 1
    assert f"content/articles/{article.name}:{line}: Tags: warning: tag '元宇宙' is not in the vocabulary" in out
    assert "checked 1 article: 0 errors, 1 warning" in out and "Passed" in out
