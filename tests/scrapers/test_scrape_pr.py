"""The scrape workflow's git steps, run here on a throwaway repository with a local "origin"."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scrapers.scrape_pr import BODY_LIMIT, body, carry, changes, main

ARTICLE = """Title: {title}
Date: 2025-09-06
Category: 开放日
Tags: 开放日
Region: 浙江省
City: 杭州市
Source: 浙江日报
Source_URL: https://example.cn/{n}.html
Slug: 2025-09-06-{slug}
{review}
{body}
"""
BODIES = [
    "9月6日，浙江省检验检测机构开放日活动在杭州启动，市民走进实验室参观。",
    "沈阳市市场监管局牵头成立都市圈检验检测联盟，首批成员单位签约。",
    "湖北省举行世界认可日宣传活动，发布认证认可检验检测服务典型案例。",
    "京津冀晋蒙五地签署检验检测认证区域合作备忘录，推动结果互认。",
]


def _article(n: int, title: str = "", review: str = "") -> str:
    return ARTICLE.format(title=title or f"标题{n}", n=n, slug=f"{n:08x}", body=BODIES[n % len(BODIES)],
                          review=f"Review: {review}\n" if review else "")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    work = tmp_path / "work"
    _git(tmp_path, "init", "--quiet", "--initial-branch=main", str(work))
    for key, value in (("user.name", "t"), ("user.email", "t@example.cn"), ("commit.gpgsign", "false")):
        _git(work, "config", key, value)
    _git(work, "remote", "add", "origin", str(origin))
    root = work / "content" / "articles"
    root.mkdir(parents=True)
    (root / "2025-09-06-00000001.md").write_text(_article(1), encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "--quiet", "-m", "main")
    _git(work, "push", "--quiet", "origin", "main")
    return work


def _write(repo: Path, n: int, **kwargs: str) -> Path:
    path = repo / "content" / "articles" / f"2025-09-06-{n:08x}.md"
    path.write_text(_article(n, **kwargs), encoding="utf-8")
    return path


def test_body_lists_each_item_with_its_flags(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    root = repo / "content" / "articles"
    _write(repo, 2, review="发布日期的年份由正文推断，请核对；未能确定来源媒体或机构，请补充来源")
    _write(repo, 3, title="湖北舉行世界認可日活動")
    _write(repo, 1, title="标题1（更正）")
    log = repo / "fetch.log"
    log.write_text("written content/articles/2025-09-06-00000002.md\nsummary: 2 written, 5 unchanged\n", encoding="utf-8")
    found = changes(repo, root)
    assert [p.name for p in found.new] == ["2025-09-06-00000002.md", "2025-09-06-00000003.md"]
    assert [p.name for p in found.changed] == ["2025-09-06-00000001.md"]
    text = body(repo, root, log)
    assert "**2 new, 1 changed, 0 removed** · 1 with Review flags · content check: 0 errors, 1 warning" in text
    assert ("- **[标题2](https://example.cn/2.html)**  \n"
            "  浙江日报 · 开放日 · 浙江省 杭州市 · 2025-09-06 · `content/articles/2025-09-06-00000002.md`\n"
            "  - Review: 发布日期的年份由正文推断，请核对\n"
            "  - Review: 未能确定来源媒体或机构，请补充来源\n") in text
    assert "  - warning: line 1, Title: Traditional characters 舉, 認, 動: write Simplified Chinese" in text
    assert "### Changed articles (1)\n\n- **[标题1（更正）](https://example.cn/1.html)**" in text
    assert "Fetch: summary: 2 written, 5 unchanged" in text and "<summary>Fetch log</summary>" in text


def test_body_shows_check_errors_and_removals(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    root = repo / "content" / "articles"
    path = _write(repo, 2)
    path.write_text(path.read_text(encoding="utf-8").replace("Region: 浙江省", "Region: 浙江"), encoding="utf-8")
    (root / "2025-09-06-00000001.md").unlink()
    text = body(repo, root)
    assert "content check: 1 error, 0 warnings (the checks fail until the errors are fixed)" in text
    assert "  - error: line 5, Region: unknown region '浙江'; did you mean '浙江省'?" in text
    assert "### Removed (1)\n\n- `content/articles/2025-09-06-00000001.md`" in text


def test_body_fits_githubs_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    for n in range(2, 400):
        _write(repo, n, review="很长的核对说明" * 20)
    text = body(repo, repo / "content" / "articles")
    assert len(text) <= BODY_LIMIT and text.endswith("see the Files changed tab for the rest.\n")


def test_carry_brings_unmerged_items_forward_but_not_over_main(repo: Path, tmp_path: Path) -> None:
    root = repo / "content" / "articles"
    assert carry(repo, root) == []  # no scrape branch yet
    # Yesterday's run: the branch adds article 2 and updates 1; an editor fixes 2 on the branch.
    _git(repo, "checkout", "--quiet", "-b", "scrape/daily")
    _write(repo, 2, review="请核对")
    _write(repo, 1, title="标题1（抓取更新）")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "scrape")
    _write(repo, 2)  # the editor deleted the Review line
    _git(repo, "commit", "--quiet", "-am", "editor")
    _git(repo, "push", "--quiet", "origin", "scrape/daily")
    # Meanwhile on main an editor corrects article 1.
    _git(repo, "checkout", "--quiet", "main")
    _write(repo, 1, title="标题1（编辑更正）")
    _git(repo, "commit", "--quiet", "-am", "fix on main")
    # Today's run starts from main.
    assert carry(repo, root) == ["content/articles/2025-09-06-00000002.md"]
    assert (root / "2025-09-06-00000002.md").read_text(encoding="utf-8") == _article(2)  # with the editor's fix
    assert "标题1（编辑更正）" in (root / "2025-09-06-00000001.md").read_text(encoding="utf-8")
    assert [p.name for p in changes(repo, root).new] == ["2025-09-06-00000002.md"]


def test_cli_writes_the_body(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo)
    _write(repo, 2)
    out = repo / "pr-body.md"
    assert main(["--repo", str(repo), "--root", str(repo / "content" / "articles"), "body", "--out", str(out)]) == 0
    assert "**1 new, 0 changed, 0 removed**" in capsys.readouterr().out
    assert "### New articles (1)" in out.read_text(encoding="utf-8")
