"""``invoke fix``: each mechanical mistake of the issue, fixed so that ``invoke check`` accepts the file.

Every test starts from a good article, breaks it the way editors' tools break files
(Windows Notepad's BOM and CRLF, a Chinese input method's full-width colon, a tab, an
indented paragraph, a date as people write it, Traditional characters pasted from a
mirror, a short province name), runs the fix and then the real check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.core.rules import check_files
from scrapers.editors.fix import Change, fix_file, fix_text, main

GOOD = """Title: 杭州市检验检测认证促进会正式成立
Date: 2023-01-18
Category: 协会动态
Tags: 检验检测, 行业协会
Region: 浙江省
City: 杭州市
Source: 中国计量网
Slug: 2023-01-18-519e2677

1月15日下午，杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行。

促进会会员覆盖检验检测认证全领域。
"""
NAME = "2023-01-18-519e2677.md"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "content" / "articles"
    path.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return path


def _findings(root: Path, path: Path) -> list[str]:
    return [str(f) for f in check_files([path], root)]


BROKEN = {
    "BOM": ("\ufeff" + GOOD).encode("utf-8"),
    "BOM inside": GOOD.replace("Source: ", "Source: \ufeff").encode("utf-8"),
    "CRLF": GOOD.replace("\n", "\r\n").encode("utf-8"),
    "UTF-16": GOOD.encode("utf-16"),
    "GBK": GOOD.encode("gbk"),
    "full-width colon": GOOD.replace("Title: ", "Title：").encode("utf-8"),
    "full-width colon, no space": GOOD.replace("Category: ", "Category：").encode("utf-8"),
    "space in a key": GOOD.replace("Slug: ", "Source URL: https://example.cn/a.html\nSlug: ").encode("utf-8"),
    "lower-case key": GOOD.replace("City: ", "city: ").encode("utf-8"),
    "Chinese key": GOOD.replace("Source: ", "来源：").encode("utf-8"),
    "tab before a key": GOOD.replace("Region: ", "\tRegion: ").encode("utf-8"),
    "spaces before a key": GOOD.replace("Tags: ", "  Tags: ").encode("utf-8"),
    "tab in a value": GOOD.replace("Source: 中国计量网", "Source:\t中国计量网").encode("utf-8"),
    "no blank line before the text": GOOD.replace("519e2677\n\n", "519e2677\n").encode("utf-8"),
    "paragraph indented by four spaces": GOOD.replace("促进会会员", "    促进会会员").encode("utf-8"),
    "paragraph indented by a tab": GOOD.replace("促进会会员", "\t促进会会员").encode("utf-8"),
    "paragraph indented by full-width spaces": GOOD.replace("促进会会员", "\u3000\u3000促进会会员").encode("utf-8"),
    "date 2023/1/18": GOOD.replace("2023-01-18\n", "2023/1/18\n").encode("utf-8"),
    "date 2023年1月18日": GOOD.replace("2023-01-18\n", "2023年1月18日\n").encode("utf-8"),
    "date 2023.1.18 9:30": GOOD.replace("2023-01-18\n", "2023.1.18 9:30\n").encode("utf-8"),
    "Traditional in the text": GOOD.replace("促进会会员覆盖", "促進會會員覆蓋").encode("utf-8"),
    "Traditional in the title": GOOD.replace("Title: 杭州市检验检测认证促进会", "Title: 杭州市檢驗檢測認證促進會").encode(
        "utf-8"
    ),
    "浙江": GOOD.replace("Region: 浙江省", "Region: 浙江").encode("utf-8"),
    "杭州": GOOD.replace("City: 杭州市", "City: 杭州").encode("utf-8"),
    "Status: 草稿": GOOD.replace("Slug: ", "Status: 草稿\nSlug: ").encode("utf-8"),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_fix_makes_each_broken_file_one_the_check_accepts(root: Path, kind: str) -> None:
    path = root / NAME
    path.write_bytes(BROKEN[kind])
    assert _findings(root, path) or kind in (
        "BOM",
        "CRLF",
        "paragraph indented by full-width spaces",
        "paragraph indented by four spaces",
        "paragraph indented by a tab",
        "tab in a value",
        "lower-case key",
    ), f"{kind}: the broken file should not pass"
    changes = fix_file(path)
    assert changes, kind
    assert _findings(root, path) == [], kind
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text and "\ufeff" not in text and "\t" not in text and "：" not in text.split("\n\n")[0]
    assert fix_file(path) == [], f"{kind}: a second run must find nothing to do"


def test_everything_at_once_and_the_report(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = (
        "\ufeff"
        + GOOD.replace("Title: ", "Title：")
        .replace("Category: ", "\tCategory: ")
        .replace("Date: 2023-01-18", "Date: 2023年1月18日")
        .replace("Region: 浙江省", "Region: 浙江")
        .replace("促进会会员覆盖", "    促進會會員覆蓋")
        .replace("Slug: ", "状态: 草稿\nSlug: ")
    ).replace("\n", "\r\n")
    path = root / NAME
    path.write_bytes(broken.encode("utf-8"))
    assert main([str(path), "--root", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    f = f"content/articles/{NAME}"
    assert out == [
        f"{f}:1: removed the byte order mark (BOM) at the start of the file",
        f"{f}:1: line ends: Windows CRLF (or CR) → \\n",
        f"{f}:1: Title: full-width colon '：' → ':'",
        f"{f}:2: Date: 2023年1月18日 → 2023-01-18",
        f"{f}:3: removed a tab before Category",
        f"{f}:5: Region: 浙江 → 浙江省",
        f"{f}:8: field name '状态' → Status",
        f"{f}:8: Status: 草稿 → draft",
        f"{f}:13: removed the indent (4 spaces) before the text: an indented paragraph reads as a code block in Markdown",
        f"{f}:13: Text: Traditional → Simplified (進, 會, 員, 蓋)",
        "fixed 10 things in 1 file",
    ]
    assert path.read_text(encoding="utf-8") == GOOD.replace("Slug: ", "Status: draft\nSlug: ")


def test_what_needs_an_editor_is_left_and_named(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / NAME
    path.write_text(GOOD.replace("Category: 协会动态", "Category：新闻"), encoding="utf-8")
    assert main([str(path), "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "Category: full-width colon" in out
    assert (
        f"Still to do (the check's findings; these need an editor):\n  content/articles/{NAME}:3: Category: "
        "unknown category '新闻'" in out
    )


def test_lists_quotes_and_code_keep_their_indent() -> None:
    body = (
        "- 第一项\n    第一项的续行\n\n    第一项的第二段\n\n> 引用\n>     引用里的缩进\n\n```\n    代码\n\t制表\n```\n\n"
        "    真正缩进的段落\n"
    )
    fixed, changes = fix_text(GOOD + "\n" + body)
    assert fixed.endswith(
        "- 第一项\n    第一项的续行\n\n    第一项的第二段\n\n> 引用\n>     引用里的缩进\n\n```\n    代码\n"
        "\t制表\n```\n\n真正缩进的段落\n"
    )
    assert [c.what for c in changes] == [
        "removed the indent (4 spaces) before the text: an indented paragraph reads as a code block in Markdown"
    ]


def test_ambiguous_or_unknown_places_are_left_alone() -> None:
    for region in ("浙将", "火星"):
        fixed, changes = fix_text(GOOD.replace("Region: 浙江省", f"Region: {region}"))
        assert f"Region: {region}\n" in fixed and changes == []


def test_a_good_file_is_not_touched(root: Path) -> None:
    path = root / NAME
    path.write_text(GOOD, encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert fix_file(path) == [] and path.stat().st_mtime_ns == before


def test_dry_run_writes_nothing(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / NAME
    path.write_bytes(BROKEN["CRLF"])
    assert main(["--dry-run", str(path), "--root", str(root)]) == 0
    assert path.read_bytes() == BROKEN["CRLF"]
    assert capsys.readouterr().out.splitlines()[-1] == "would fix 1 thing in 1 file"


def test_an_undecodable_file_is_reported_not_touched(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = root / NAME
    path.write_bytes(b"\xff\xff\xff\x80 Title")
    assert main([str(path), "--root", str(root)]) == 1
    assert "not fixed: neither UTF-8, UTF-16 nor GBK" in capsys.readouterr().out
    assert Change(1, "x").line == 1
