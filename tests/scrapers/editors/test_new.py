"""``invoke new`` / ``python -m scrapers.editors.new``: the file it writes, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.core.article import make_slug, parse
from scrapers.core.rules import PLACEHOLDER, check_files
from scrapers.editors.new import NewArticleError, main, new_article

URL = "https://example.cn/news/2025/open-day.html"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    d = tmp_path / "articles"
    d.mkdir()
    return d


def test_writes_a_named_file_with_every_field(root: Path) -> None:
    path = new_article("浙江省2025年检验检测机构开放日活动启动", category="开放日", region="浙江省", url=URL,
                       day="2025-09-06", root=root)
    assert path == root / f"{make_slug('2025-09-06', URL)}.md"  # the slug a scraper gives this URL
    text = path.read_text(encoding="utf-8")
    assert text == (
        "Title: 浙江省2025年检验检测机构开放日活动启动\n"
        "Date: 2025-09-06\n"
        "Category: 开放日\n"
        "Tags: 待填写\n"
        "Region: 浙江省\n"
        "City: 待填写\n"
        "Source: 待填写\n"
        f"Source_URL: {URL}\n"
        "Authors: 待填写\n"
        "Summary: 待填写\n"
        f"Slug: {path.stem}\n"
        "\n"
        "（待填写：在这里写正文，段落之间空一行。）\n"
    )
    assert parse(text).scraper_hash == ""  # hand-written: the scrapers never overwrite it


def test_every_unfilled_field_is_an_error_until_filled(root: Path) -> None:
    path = new_article("标题", root=root, day="2025-09-06")
    found = check_files([path], root)
    assert {f.field for f in found if f.error} == {
        "Category", "Tags", "Region", "City", "Source", "Source_URL", "Authors", "Summary", "Text"}
    assert all(PLACEHOLDER in f.message for f in found)
    assert str(found[0]) == f"{path}:3: Category: not filled in yet (待填写): write one of 协会动态, 联盟合作, 开放日, " \
                            "世界认可日, 政策公告, 行业动态"
    filled = (path.read_text(encoding="utf-8")
              .replace("Category: 待填写", "Category: 开放日").replace("Region: 待填写", "Region: 全国")
              .replace("（待填写：在这里写正文，段落之间空一行。）", "正文。"))
    filled = "".join(line for line in filled.splitlines(keepends=True) if PLACEHOLDER not in line)
    path.write_text(filled, encoding="utf-8")
    assert check_files([path], root) == []


def test_default_date_is_today_in_china(root: Path) -> None:
    from scrapers.core.rules import _today

    path = new_article("标题", root=root)
    assert parse(path.read_text(encoding="utf-8")).date == _today().isoformat()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"title": "  "}, "--title is required: the headline of the article"),
    ({"title": "x", "category": "新闻"},
     "unknown category '新闻'; use one of 协会动态, 联盟合作, 开放日, 世界认可日, 政策公告, 行业动态"),
    ({"title": "x", "region": "浙江"},
     "--region: unknown region '浙江'; did you mean '浙江省'? (write the full province-level name)"),
    ({"title": "x", "region": "浙江省", "city": "武汉市"}, "--city: 武汉市 is in 湖北省, not in 浙江省; correct City or Region"),
    ({"title": "x", "day": "2025/09/06"}, "invalid --date '2025/09/06'; write YYYY-MM-DD or 'YYYY-MM-DD HH:MM'"),
    ({"title": "x", "url": "javascript:alert(1)"},
     "--url: 'javascript:alert(1)' is not an http or https address: only http:// and https:// links are allowed"),
    ({"title": "x", "url": "file:///etc/passwd"},
     "--url: 'file:///etc/passwd' is not an http or https address: only http:// and https:// links are allowed"),
    ({"title": "x", "url": "https://me:secret@example.cn/a.html"},
     "--url: 'https://me:secret@example.cn/a.html' contains a user name or password: remove the part before '@'"),
])
def test_refuses_bad_values_before_writing(root: Path, kwargs: dict[str, str], message: str) -> None:
    title = kwargs.pop("title")
    with pytest.raises(NewArticleError) as err:
        new_article(title, root=root, **kwargs)
    assert str(err.value) == message
    assert list(root.iterdir()) == []


def test_refuses_a_second_copy(root: Path) -> None:
    first = new_article("标题", url=URL, day="2025-09-06", root=root)
    other = URL.replace("https://", "http://www.")
    with pytest.raises(NewArticleError) as err:
        new_article("另一个标题", url=other, day="2025-09-07", root=root)
    assert str(err.value) == f"{other} is already the source of {first}: edit that article instead"
    again = new_article("标题", day="2025-09-06", root=root)
    with pytest.raises(NewArticleError, match="already exists \\(same date and title\\): edit it instead"):
        new_article("标题", day="2025-09-06", root=root)
    assert again != first


def test_cli_prints_the_path_and_the_todo_list(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--title", "标题", "--category", "开放日", "--region", "浙江省", "--city", "杭州市",
                 "--tags", "开放日，检验检测", "--date", "2025-09-06", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    path = next(root.iterdir())
    assert out.startswith(f"wrote {path}\n")
    assert f"{path}:7: Source: not filled in yet (待填写)" in out
    assert parse(path.read_text(encoding="utf-8")).tags == ("开放日", "检验检测")
    assert main(["--title", "标题", "--category", "新闻", "--root", str(root)]) == 2
    assert capsys.readouterr().err.startswith("error: unknown category '新闻'")


def test_a_future_date_is_scheduled_and_accepted_by_the_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A team's 定时发布: the future date is written with Status: scheduled, not refused later."""
    assert main(["--title", "下周的开放日预告", "--category", "开放日", "--region", "浙江省",
                 "--date", "2099-09-06 09:30", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    path = next(root.iterdir())
    article = parse(path.read_text(encoding="utf-8"))
    assert (article.date, article.status) == ("2099-09-06 09:30", "scheduled")
    assert "Status: scheduled: published by the first build after 2099-09-06 09:30" in out
    assert not any(f.field in ("Date", "Status") for f in check_files([path], root))


def test_draft_status_and_refusals(root: Path) -> None:
    path = new_article("草稿：尚未定稿的协会动态", status="草稿", day="2025-09-06", root=root)
    assert parse(path.read_text(encoding="utf-8")).status == "draft"
    with pytest.raises(NewArticleError, match="unknown --status 'later'"):
        new_article("标题", status="later", root=root)
    with pytest.raises(NewArticleError, match="--date 2099-01-01 is in the future"):
        new_article("标题", status="published", day="2099-01-01", root=root)
