"""The validation plugin: a bad article stops the build with the file and the field named."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from plugins.validate import check_files

from ..conftest import ALL_PLUGINS, SITE, build, copy_content

GOOD = sorted((SITE / "content" / "articles").glob("*.md"))[0]


def _break(tmp_path: Path, old: str, new: str, name: str | None = None) -> tuple[Path, str]:
    """A copy of the fixture content with one line of one article changed."""
    content = copy_content(tmp_path)
    target = content / "articles" / (name or GOOD.name)
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content, f"articles/{target.name}"


@pytest.mark.parametrize(("old", "new", "field", "words"), [
    ("Title: 杭州市检验检测协会召开第二届会员大会\n", "", "Title", "Title is required"),
    ("Date: 2021-03-15\n", "Date: 2021-13-45\n", "Date", "invalid date"),
    ("Date: 2021-03-15\n", "Date: 15/03/2021\n", "Date", "invalid date"),
    ("Category: 协会动态\n", "Category: 科技新闻\n", "Category", "unknown category"),
    ("Category: 协会动态\n", "", "Category", "Category is required"),
    ("Region: 浙江省\n", "Region: 浙江\n", "Region", "unknown region"),
    ("Region: 浙江省\n", "", "Region", "Region is required"),
    ("Slug: 2021-03-15-6efc2bf0\n", "Slug: hangzhou-xiehui\n", "Slug", "invalid slug"),
])
def test_invalid_field_fails_the_build(tmp_path: Path, old: str, new: str, field: str, words: str) -> None:
    content, rel = _break(tmp_path, old, new)
    done = build(tmp_path / "out", plugins=("validate",), content=content, fatal="")
    assert done.returncode != 0, f"build succeeded with {new!r}:\n{done.output}"
    flat = " ".join(done.output.split())
    assert re.search(rf"{re.escape(rel)}(:\d+)?: {field}: ", flat), flat
    assert words in flat


def test_future_date_fails(tmp_path: Path) -> None:
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    content, rel = _break(tmp_path, "Date: 2021-03-15\n", f"Date: {tomorrow}\n")
    done = build(tmp_path / "out", plugins=("validate",), content=content, fatal="")
    assert done.returncode != 0
    assert "in the future" in " ".join(done.output.split()) and rel in done.output


def test_duplicate_slug_names_both_files(tmp_path: Path) -> None:
    other = sorted((SITE / "content" / "articles").glob("*.md"))[1]
    other_slug = re.search(r"^Slug: (.+)$", other.read_text(encoding="utf-8"), re.M).group(1)
    content, _rel = _break(tmp_path, "Slug: 2021-03-15-6efc2bf0\n", f"Slug: {other_slug}\n")
    done = build(tmp_path / "out", plugins=("validate",), content=content, fatal="")
    flat = " ".join(done.output.split())
    assert done.returncode != 0
    assert "is also used by" in flat and other.name in flat and GOOD.name in flat


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    content, _ = _break(tmp_path, "Category: 协会动态\n", "Category: 其他\n")
    second = sorted((content / "articles").glob("*.md"))[2]
    second.write_text(second.read_text(encoding="utf-8").replace("Region: ", "Region: 火星", 1), encoding="utf-8")
    done = build(tmp_path / "out", plugins=("validate",), content=content, fatal="errors")
    flat = " ".join(done.output.split())
    assert done.returncode != 0 and "2 errors in 2 article files: the site was not built" in flat


def test_findings_are_the_checks_lines_without_a_traceback(tmp_path: Path) -> None:
    """A bad save prints what `invoke check` prints, one line each, and nothing else of note."""
    content = copy_content(tmp_path)
    target = content / "articles" / GOOD.name
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Title: ", "Title：", 1).replace("Region: ", "\tRegion: ", 1), encoding="utf-8")
    done = build(tmp_path / "out", plugins=("validate",), content=content, fatal="warnings")
    assert done.returncode == 1
    assert "Traceback" not in done.output and "CRITICAL" not in done.output
    rel = f"{content}/articles/{GOOD.name}"
    lines = [line for line in done.output.splitlines() if line.startswith(rel)]
    assert lines == [
        f"{rel}:1: Title: the colon after 'Title' is a full-width '：'; write an ASCII colon and a space "
        "('Title: …') (`invoke fix -- FILE` does it)",
        f"{rel}:5: Region: a tab before 'Region': a metadata line starts at the beginning of the line (an indented "
        "line is read as the end of the line above) (`invoke fix -- FILE` does it)",
    ]
    assert len(done.output.strip().splitlines()) <= 4, done.output


def test_a_warning_fails_nothing_not_even_fatal_warnings(tmp_path: Path) -> None:
    """One meaning of warning: shown (the same line as `invoke check`), never failing a build."""
    content, rel = _break(tmp_path, "Tags: 检验检测, 行业协会\n", "Tags: 检验检测, 元宇宙\n")
    for fatal in ("errors", "warnings"):
        done = build(tmp_path / f"out-{fatal}", plugins=("validate",), content=content, fatal=fatal)
        assert done.returncode == 0, done.output
        assert f"{rel}:4: Tags: warning: tag '元宇宙' is not in the vocabulary" in done.output


def _with_status(tmp_path: Path, status: str, when: str) -> Path:
    content = copy_content(tmp_path)
    target = content / "articles" / GOOD.name
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Date: 2021-03-15\n", f"Date: {when}\n").replace("Slug: ", f"Status: {status}\nSlug: "),
                      encoding="utf-8")
    return content


SLUG = "2021-03-15-6efc2bf0"


@pytest.mark.parametrize("plugins", [("validate",), ALL_PLUGINS])
def test_a_draft_is_never_built_without_show_drafts(tmp_path: Path, plugins: tuple[str, ...]) -> None:
    content = _with_status(tmp_path, "draft", "2099-01-01")
    done = build(tmp_path / "out", plugins=plugins, content=content, siteurl="https://x.example/sub").ok()
    written = [p for p in done.out.rglob("*") if p.is_file()]
    assert not (done.out / "articles" / SLUG).exists() and not (done.out / "drafts").exists()
    assert len(list((done.out / "articles").glob("*/index.html"))) == 11  # the others are there
    leaks = [p for p in written if SLUG.encode() in p.read_bytes() or "杭州市检验检测协会召开第二届".encode() in p.read_bytes()]
    assert leaks == []  # no list, feed, sitemap, search index or related link names it


def test_show_drafts_builds_the_draft_with_a_mark(tmp_path: Path) -> None:
    content = _with_status(tmp_path, "draft", "2021-03-15")
    done = build(tmp_path / "out", plugins=ALL_PLUGINS, content=content, extra={"SHOW_DRAFTS": True}).ok()
    page = done.soup(f"drafts/{SLUG}/index.html")
    assert page.select_one(".notice--preview").get_text(strip=True).startswith("草稿：不会发布")
    assert SLUG not in (done.out / "index.html").read_text(encoding="utf-8")
    assert done.soup("articles/2021-03-28-7723650f/index.html").select_one(".notice--preview") is None


def test_a_scheduled_article_appears_with_the_first_build_after_its_time(tmp_path: Path) -> None:
    content = _with_status(tmp_path, "scheduled", "2030-05-01 09:30")
    before = build(tmp_path / "before", plugins=ALL_PLUGINS, content=content,
                   extra={"VALIDATE_NOW": "2030-05-01 09:29"}).ok()
    assert not (before.out / "articles" / SLUG).exists()
    assert SLUG not in (before.out / "index.html").read_text(encoding="utf-8")
    after = build(tmp_path / "after", plugins=ALL_PLUGINS, content=content,
                  extra={"VALIDATE_NOW": "2030-05-01 09:30"}).ok()
    assert after.soup(f"articles/{SLUG}/index.html").select_one(".notice--preview") is None
    assert SLUG in (after.out / "index.html").read_text(encoding="utf-8")
    # and with the real clock: a time already past is published, a future one is not
    past = _with_status(tmp_path / "past", "scheduled", "2021-03-15 08:00")
    assert (build(tmp_path / "now", plugins=("validate",), content=past).ok().out / "articles" / SLUG).is_dir()
    shown = build(tmp_path / "preview", plugins=("validate",), content=content, extra={"SHOW_DRAFTS": True}).ok()
    assert "定时发布：2030-05-01 09:30" in shown.soup(f"drafts/{SLUG}/index.html").get_text()


def test_fixture_content_is_valid() -> None:
    files = sorted((SITE / "content" / "articles").glob("*.md"))
    assert check_files(files, date(2025, 1, 1)) == []


def test_real_content_is_valid() -> None:
    """content/articles passes (with today's date), so the site build below can be strict."""
    files = sorted((SITE.parents[2] / "content" / "articles").glob("*.md"))
    assert [str(f) for f in check_files(files, date.today()) if f.error] == []
