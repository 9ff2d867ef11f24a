"""The validation plugin: a bad article stops the build with the file and the field named."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from plugins.validate import check_files

from ..conftest import SITE, build, copy_content

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
    assert "duplicate slug" in flat and other.name in flat and GOOD.name in flat


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    content, _ = _break(tmp_path, "Category: 协会动态\n", "Category: 其他\n")
    second = sorted((content / "articles").glob("*.md"))[2]
    second.write_text(second.read_text(encoding="utf-8").replace("Region: ", "Region: 火星", 1), encoding="utf-8")
    done = build(tmp_path / "out", plugins=("validate",), content=content, fatal="errors")
    flat = " ".join(done.output.split())
    assert done.returncode != 0 and "2 invalid article field(s)" in flat


def test_unknown_tag_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    content, _rel = _break(tmp_path, "Tags: 检验检测, 行业协会\n", "Tags: 检验检测, 元宇宙\n")
    relaxed = build(tmp_path / "out", plugins=("validate",), content=content, fatal="errors")
    assert relaxed.returncode == 0, relaxed.output
    flat = " ".join(relaxed.output.split())
    assert "WARNING" in flat and "Tags: warning: tag '元宇宙' is not in the vocabulary" in flat
    strict = build(tmp_path / "out2", plugins=("validate",), content=content, fatal="warnings")
    assert strict.returncode != 0, "CI builds with --fatal warnings must fail on it"


def test_fixture_content_is_valid() -> None:
    files = sorted((SITE / "content" / "articles").glob("*.md"))
    assert check_files(files, date(2025, 1, 1)) == []


def test_real_content_is_valid() -> None:
    """content/articles passes (with today's date), so the site build below can be strict."""
    files = sorted((SITE.parents[2] / "content" / "articles").glob("*.md"))
    assert [str(f) for f in check_files(files, date.today()) if f.error] == []
