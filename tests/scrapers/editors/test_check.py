"""The content check: each kind of mistake, on a good file made bad, with its exact message.

Every test writes articles into a temporary ``articles/`` directory and checks them
there, so the real ``content/`` only matters to ``test_real_content_has_no_errors``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from scrapers.core.article import parse
from scrapers.core.rules import ARTICLES, Finding, check_files
from scrapers.dedupe import CONTAINMENT, NearDuplicates, containment, shingles
from scrapers.editors.check import main
from tests.fixtures.archive import generate

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 23)

GOOD = """Title: 杭州市检验检测认证促进会正式成立
Date: 2023-01-18
Category: 协会动态
Tags: 检验检测, 行业协会
Region: 浙江省
City: 杭州市
Source: 中国计量网
Source_URL: https://example.cn/news/2023-01-18/123.html
Authors: 张三, 李四
Summary: 1月15日下午，杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行。
Slug: 2023-01-18-519e2677

1月15日下午，杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行，175家会员单位参加了大会。

促进会会员覆盖检验检测认证全领域，这是全省首家全领域的检验检测认证行业社会组织。
"""

OTHER = """Title: 湖北举行2024年“世界认可日”宣传活动
Date: 2024-06-07
Category: 世界认可日
Region: 湖北省
City: 武汉市
Source: 荆楚网
Source_URL: https://example.cn/hubei/2024-06-07.html
Slug: 2024-06-07-78e40139

认证认可检验检测是国际通行的质量管理手段和贸易便利化工具，是世界各国市场准入和监管的技术性措施，是支撑国家可持续发展的质量基础设施。在第十七个“世界认可日”来临之际，省市场监督管理局于6月7日上午在武汉举行湖北2024年“世界认可日”宣传活动。
"""


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content/articles directory with two good articles; the working directory is its parent."""
    root = tmp_path / "content" / "articles"
    root.mkdir(parents=True)
    (root / "2023-01-18-519e2677.md").write_text(GOOD, encoding="utf-8")
    (root / "2024-06-07-78e40139.md").write_text(OTHER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


def _write(root: Path, text: str, name: str = "2023-01-18-519e2677.md") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _lines(root: Path, *paths: Path) -> list[str]:
    return [str(f) for f in check_files(list(paths) or None, root, today=TODAY)]


F = "content/articles/2023-01-18-519e2677.md"


def test_good_articles_have_no_findings(articles: Path) -> None:
    assert _lines(articles) == []


def test_real_content_has_no_errors() -> None:
    errors = [str(f) for f in check_files(None, ARTICLES) if f.error]
    assert errors == [], "\n".join(errors)


def test_finding_format() -> None:
    assert str(Finding("a.md", 3, "Region", "bad", "region")) == "a.md:3: Region: bad"
    assert str(Finding("a.md", 3, "Tags", "odd", "tag")) == "a.md:3: Tags: warning: odd"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("Category: 协会动态\n", "Category: 新闻\n",
     f"{F}:3: Category: unknown category '新闻'; use one of 协会动态, 联盟合作, 开放日, 世界认可日, 政策公告, 行业动态"),
    ("Title: 杭州市检验检测认证促进会正式成立\n", "", f"{F}:0: Title: Title is required"),
    ("Date: 2023-01-18\n", "Date: 2023/01/18\n",
     f"{F}:2: Date: invalid date '2023/01/18'; write YYYY-MM-DD or YYYY-MM-DD HH:MM (`invoke fix -- FILE` does it)"),
    ("Date: 2023-01-18\n", "Date: 2023-01-32\n",
     f"{F}:2: Date: invalid date '2023-01-32'; write YYYY-MM-DD or YYYY-MM-DD HH:MM"),
    ("Date: 2023-01-18\n", "Date: 2026-11-24\n",
     f"{F}:2: Date: date 2026-11-24 is in the future: to publish the article then, add the line "
     "'Status: scheduled'; to keep it unpublished, 'Status: draft'"),
    ("Region: 浙江省\n", "Region: 浙江\n",
     f"{F}:5: Region: unknown region '浙江'; did you mean '浙江省'? (write the full province-level name)"),
    ("Region: 浙江省\n", "Region: 浙将省\n",
     f"{F}:5: Region: unknown region '浙将省'; did you mean '浙江省'? Region takes a province-level name from "
     "scrapers/data/gazetteer.csv (浙江省, 北京市, 内蒙古自治区…) or 全国"),
    ("Region: 浙江省\n", "Region: 杭州市\n",
     f"{F}:5: Region: '杭州市' is a city, not a province-level region; write Region: 浙江省 and put the city in City"),
    ("City: 杭州市\n", "City: 杭州\n", f"{F}:6: City: unknown city '杭州'; did you mean '杭州市'? (write the full name)"),
    ("City: 杭州市\n", "City: 武汉市\n", f"{F}:6: City: 武汉市 is in 湖北省, not in 浙江省; correct City or Region"),
    ("City: 杭州市\n", "City: 浙江省\n",
     f"{F}:6: City: '浙江省' is a province-level name: put it in Region and name a city here (or delete the line)"),
    ("Slug: 2023-01-18-519e2677\n", "Slug: 杭州促进会\n",
     f"{F}:11: Slug: invalid slug '杭州促进会'; expected YYYY-MM-DD-xxxxxxxx (8 hex digits)"),
    ("Slug: 2023-01-18-519e2677\n", "Slug: 2023-01-18-519e2678\n",
     f"{F}:11: Slug: the file is named 2023-01-18-519e2677.md but Slug is 2023-01-18-519e2678; "
     "rename the file to 2023-01-18-519e2678.md"),
    ("175家会员单位", "175家会(huì)员单位",
     f"{F}:13: Text: leftover pinyin annotation '会(huì)'; delete '(huì)'"),
    ("175家会员单位", "175家【疑似乱码：?。ㄊ?】会员单位",
     f"{F}:13: Text: garbled text marked by the importer: 【疑似乱码：?。ㄊ?】; "
     "replace the whole mark with the right words from the source page"),
    ("175家会员单位", "175家?。ㄊ?会员单位",
     f"{F}:13: Text: garbled text (mojibake) '?。ㄊ?会员单'; replace it with the right words from the source page"),
    ("Title: 杭州市检验检测认证促进会正式成立\n", "Title: 杭州市检验检测认证促进会待填写\n",
     f"{F}:1: Title: not filled in yet (待填写): write the headline"),
])
def test_each_error_has_its_message(articles: Path, old: str, new: str, expected: str) -> None:
    assert old in GOOD
    path = _write(articles, GOOD.replace(old, new))
    found = check_files([path], articles, today=TODAY)
    assert [str(f) for f in found if f.error] == [expected]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("Tags: 检验检测, 行业协会\n", "Tags: 检验检测, 食品安全\n",
     f"{F}:4: Tags: warning: tag '食品安全' is not in the vocabulary; use an existing tag, or add it to "
     "scrapers/data/vocabulary.yaml under tags: as a line '  食品安全: []'"),
    ("Tags: 检验检测, 行业协会\n", "Tags: 检验检测, 检验检查\n",
     f"{F}:4: Tags: warning: tag '检验检查' is not in the vocabulary; did you mean '检验检测'? use an existing tag, "
     "or add it to scrapers/data/vocabulary.yaml under tags: as a line '  检验检查: []'"),
    ("Tags: 检验检测, 行业协会\n", "Tags: 检验检测, CNAS\n",
     f"{F}:4: Tags: warning: 'CNAS' is another name of the tag '中国合格评定国家认可委员会'; "
     "write '中国合格评定国家认可委员会'"),
    ("促进会会员覆盖检验检测认证全领域", "促進會會員覆蓋檢驗檢測認證全領域",
     f"{F}:15: Text: warning: Traditional characters 進, 會, 員, 蓋, 檢, 驗, 測, 認, 證, 領: write Simplified Chinese "
     "(`python -m scrapers normalise FILE` prints the file converted)"),
    ("Slug: 2023-01-18-519e2677\n", "Slug: 2023-01-18-519e2677\nReview: 发布日期的年份由正文推断，请核对\n",
     f"{F}:12: Review: warning: still to check: 发布日期的年份由正文推断，请核对 (delete the Review line once checked)"),
])
def test_each_warning_has_its_message(articles: Path, old: str, new: str, expected: str) -> None:
    path = _write(articles, GOOD.replace(old, new))
    assert _lines(articles, path) == [expected]
    assert main(["--root", str(articles), "--today", TODAY.isoformat(), str(path)]) == 0


def test_traditional_in_the_title_is_named_on_its_line(articles: Path) -> None:
    path = _write(articles, GOOD.replace("Title: 杭州市检验检测认证促进会正式成立", "Title: 杭州市檢驗檢測認證促進會正式成立"))
    assert _lines(articles, path) == [
        f"{F}:1: Title: warning: Traditional characters 檢, 驗, 測, 認, 證, 進, 會: write Simplified Chinese "
        "(`python -m scrapers normalise FILE` prints the file converted)"]


def test_format_errors_point_at_the_line(articles: Path) -> None:
    path = _write(articles, GOOD.replace("City: 杭州市\n", "City 杭州市\n"))
    assert _lines(articles, path) == [f"{F}:6: City: no colon after 'City': write 'City: …'"]
    path = _write(articles, GOOD.replace("City: 杭州市\n", "Colour: red\n"))
    assert _lines(articles, path)[0].startswith(f"{F}:6: metadata: unknown field 'Colour'; known fields: Title, ")
    path = _write(articles, GOOD.replace("City: 杭州市\n", "Ctiy: 杭州市\n"))
    assert _lines(articles, path)[0].startswith(f"{F}:6: metadata: unknown field 'Ctiy'; did you mean City? ")
    path.write_bytes(GOOD.encode("gbk"))
    assert _lines(articles, path) == [
        f"{F}:1: file: not UTF-8 text (byte 7): the file is saved as GBK/GB18030 (Windows' 'ANSI' for Chinese); "
        "save it as UTF-8 (`invoke fix -- FILE` does it)"]
    path.write_bytes(GOOD.encode("utf-16"))
    assert _lines(articles, path) == [
        f"{F}:1: file: the file is saved as UTF-16 ('Unicode' in Windows Notepad); save it as UTF-8 "
        "(`invoke fix -- FILE` does it)"]
    assert _lines(articles, articles / "missing.md") == ["content/articles/missing.md:0: file: no such file"]


def test_every_format_problem_is_named_by_its_cause_at_once(articles: Path) -> None:
    """Five mistakes, five findings in one run, each saying what is really wrong (not "a blank line")."""
    broken = ("\ufeff" + GOOD.replace("Title: ", "Title：", 1).replace("Category: ", "\tCategory: ", 1)
              .replace("Source_URL: ", "Source URL: ", 1).replace("Source: ", "来源: ", 1)
              .replace("Summary: 1月15日", "Summary: 1月\ufeff15日", 1).replace("Region: 浙江省", "Region: 浙江", 1))
    path = _write(articles, broken)
    fix = "(`invoke fix -- FILE` does it)"
    assert _lines(articles, path) == [
        f"{F}:1: Title: the colon after 'Title' is a full-width '：'; write an ASCII colon and a space "
        f"('Title: …') {fix}",
        f"{F}:3: Category: a tab before 'Category': a metadata line starts at the beginning of the line "
        f"(an indented line is read as the end of the line above) {fix}",
        f"{F}:5: Region: unknown region '浙江'; did you mean '浙江省'? (write the full province-level name)",
        f"{F}:7: Source: write the field name in English: Source (not 来源) {fix}",
        f"{F}:8: Source_URL: a field name has no spaces: write Source_URL (not 'Source URL') {fix}",
        f"{F}:10: Summary: a byte order mark (BOM, U+FEFF) inside the file, where it does not belong (an editor "
        f"saved 'with BOM', or two files were pasted together): delete it {fix}",
    ]
    # the text starting without its blank line is named as such
    path = _write(articles, GOOD.replace("Slug: 2023-01-18-519e2677\n\n", "Slug: 2023-01-18-519e2677\n"))
    assert _lines(articles, path) == [
        f"{F}:12: metadata: expected 'Key: value' in the metadata block, got "
        "'1月15日下午，杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行，17'"
        ": if the text starts here, leave one blank line before line 12"]


def test_status_draft_and_scheduled_allow_a_future_date(articles: Path) -> None:
    future = GOOD.replace("Date: 2023-01-18\n", "Date: 2027-01-01 09:30\n")
    for status in ("draft", "scheduled"):
        path = _write(articles, future.replace("Slug: ", f"Status: {status}\nSlug: "))
        assert _lines(articles, path) == [], status
    path = _write(articles, GOOD.replace("Slug: ", "Status: 草稿\nSlug: "))
    assert _lines(articles, path) == [
        f"{F}:11: Status: unknown status '草稿'; write Status: draft (`invoke fix -- FILE` does it)"]
    path = _write(articles, GOOD.replace("Slug: ", "Status: later\nSlug: "))
    assert _lines(articles, path) == [
        f"{F}:11: Status: unknown status 'later'; write draft (never published), scheduled (published at its "
        "Date) or published"]


def test_empty_text(articles: Path) -> None:
    path = _write(articles, GOOD.split("\n\n")[0] + "\n")
    assert _lines(articles, path) == [
        f"{F}:12: Text: the article has no text: write it below the metadata, after one blank line"]


def test_duplicate_slug_and_source_url(articles: Path) -> None:
    copy = GOOD.replace("Title: 杭州市检验检测认证促进会正式成立", "Title: 另一篇").replace(
        "1月15日下午", "另一段完全不同的正文，讲的是别的事情，和前一篇没有关系，足够长以便比较。").split("\n\n")[0]
    copy += "\n\n另一段完全不同的正文，讲的是别的事情，和前一篇没有关系，足够长以便比较。\n"
    other = _write(articles, copy.replace("Source_URL: https://example.cn/news/2023-01-18/123.html",
                                          "Source_URL: http://www.example.cn/news/2023-01-18/123.html/"),
                   "elsewhere/2023-01-18-519e2677.md")
    assert _lines(articles, other) == [
        "content/articles/elsewhere/2023-01-18-519e2677.md:8: Source_URL: http://www.example.cn/news/2023-01-18/"
        f"123.html/ is also the source of {F} (Source_URL): the same item twice? Keep one article and list the "
        "other's URL in its Mirrors",
        f"content/articles/elsewhere/2023-01-18-519e2677.md:11: Slug: slug 2023-01-18-519e2677 is also used by {F}; "
        "each article needs its own slug",
    ]


def test_duplicate_url_in_mirrors(articles: Path) -> None:
    path = _write(articles, GOOD.replace("Authors:", "Mirrors: https://example.cn/hubei/2024-06-07.html\nAuthors:"))
    assert _lines(articles, path) == [
        f"{F}:9: Mirrors: https://example.cn/hubei/2024-06-07.html is also the source of "
        "content/articles/2024-06-07-78e40139.md (Source_URL): the same item twice? Keep one article and list "
        "the other's URL in its Mirrors"]


def test_near_duplicate_text(articles: Path) -> None:
    """The same release under another URL and slug, lightly edited, is reported against the first."""
    body = OTHER.split("\n\n", 1)[1].replace("6月7日上午", "6月7日")
    twin = OTHER.split("\n\n")[0].replace("2024-06-07.html", "copy.html").replace("78e40139", "0000beef")
    path = _write(articles, f"{twin}\n\n{body}", "2024-06-07-0000beef.md")
    assert _lines(articles, path) == [
        "content/articles/2024-06-07-0000beef.md:10: Text: near-duplicate of content/articles/2024-06-07-78e40139.md "
        "(97% of the shorter text is the same): the same item twice? Keep one article and list the other's URL "
        "in its Mirrors"]


def test_links_to_other_articles(articles: Path) -> None:
    path = _write(articles, GOOD + "\n见[另一篇]({filename}2024-06-07-78e40139.md)和[旧文](../2024-06-07-78e40139/)。\n"
                  "又见[坏链接]({filename}2024-06-07-78e40138.md)、[另一个](/articles/2024-06-07-78e40130/)"
                  "和[外站](https://example.com/articles/x/)。\n")
    assert _lines(articles, path) == [
        f"{F}:18: Text: link to '/articles/2024-06-07-78e40130/': no article has the slug '2024-06-07-78e40130'; "
        "did you mean '2024-06-07-78e40139'?",
        f"{F}:18: Text: link to '{{filename}}2024-06-07-78e40138.md': no such file; "
        "did you mean {filename}2024-06-07-78e40139.md?",
    ]


def test_cli_output_and_exit_status(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _write(articles, GOOD.replace("Region: 浙江省", "Region: 浙江"))
    assert main(["--root", str(articles), "--today", "2026-11-23"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{F}:5: Region: unknown region '浙江'")
    assert out[-1] == "checked 2 articles: 1 error, 0 warnings"
    assert main(["--root", str(articles), str(articles / "2024-06-07-78e40139.md")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "checked 1 article: 0 errors, 0 warnings"
    bad.unlink()


def test_github_annotations(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(articles, GOOD.replace("Region: 浙江省", "Region: 浙江"))
    assert main(["--root", str(articles), "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == (f"::error file={F},line=5,title=Region::unknown region '浙江'; did you mean '浙江省'? "
                      "(write the full province-level name)")


def test_new_file_outside_the_archive_is_compared_with_it(articles: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(OTHER.replace("Title: 湖北", "Title: 湖北省"), encoding="utf-8")
    found = _lines(articles, draft)
    assert any("is also the source of content/articles/2024-06-07-78e40139.md" in f for f in found)
    assert any("near-duplicate of content/articles/2024-06-07-78e40139.md (100%" in f for f in found)


def test_near_duplicates_match_the_importers_definition(tmp_path: Path) -> None:
    """The sampled index finds exactly the pairs an exhaustive containment comparison finds."""
    files = generate(300, tmp_path / "gen", seed=3, duplicates=0.05)
    bodies = [parse(p.read_text(encoding="utf-8")).body for p in files]
    index = NearDuplicates()
    for body in bodies:
        index.add(body)
    found = {(n, other) for n, pairs in index.pairs(set(range(len(bodies)))).items() for other, _ in pairs}
    sets = [shingles(b) for b in bodies]
    truth = {(i, j) for i in range(len(sets)) for j in range(len(sets))
             if i != j and containment(sets[i], sets[j]) >= CONTAINMENT}
    assert truth and found == truth
    # Checking a few files against the rest finds the same pairs for them as checking all.
    few = [*sorted({i for i, _ in truth})[:3], 0, 1]  # 0 may come twice: checked once
    subset = check_files([files[i] for i in few], tmp_path / "gen")
    everything = check_files(None, tmp_path / "gen")
    assert {str(f) for f in subset if "near-duplicate" in str(f)} == {
        str(f) for f in everything if "near-duplicate" in str(f) and f.path in {str(files[i]) for i in few}}
    assert any("near-duplicate" in str(f) for f in subset)


def test_check_on_a_generated_archive(tmp_path: Path) -> None:
    """1,000 generated articles in a fresh process (bench/check_bench.py times 10,000)."""
    generate(1000, tmp_path / "articles")
    done = subprocess.run([sys.executable, "-m", "scrapers.editors.check", "--root", str(tmp_path / "articles")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.splitlines()[-1].startswith("checked 1000 articles: ")
    assert "near-duplicate of" in done.stdout


# --- invisible characters and URLs ----------------------------------------------------------


INVISIBLE = ("invisible or control character {names}: delete it (it looks like nothing or breaks the line; "
             "`python -m scrapers normalise FILE` prints the file without it)")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("Source: 中国计量网\n", "Source: 中国\u200d计量网\n",
     f"{F}:7: Source: " + INVISIBLE.format(names="U+200D ZERO WIDTH JOINER")),
    ("Title: 杭州市", "Title: \u202e杭州市",
     f"{F}:1: Title: " + INVISIBLE.format(names="U+202E RIGHT-TO-LEFT OVERRIDE")),
    ("175家会员单位", "175家\x1b[2J\x00会员单位",
     f"{F}:13: Text: " + INVISIBLE.format(names="U+001B ESCAPE (a control character), "
                                                "U+0000 NULL (a control character)")),
    ("175家会员单位", "175家\x0c会员单位", f"{F}:13: Text: " + INVISIBLE.format(names="U+000C FORM FEED (a control "
                                                                                 "character)")),
    ("Source_URL: https://example.cn/news/2023-01-18/123.html\n", "Source_URL: javascript:alert(1)\n",
     f"{F}:8: Source_URL: 'javascript:alert(1)' is not an http or https address: only http:// and https:// "
     "links are allowed"),
    ("Source_URL: https://example.cn/news/2023-01-18/123.html\n",
     "Source_URL: https://example.cn/1.html\nMirrors: https://editor:pw@example.org/1.html\n",
     f"{F}:9: Mirrors: 'https://editor:pw@example.org/1.html' contains a user name or password: remove the part "
     "before '@'"),
    ("175家会员单位", "175家[会员](javascript:alert(1))单位",
     f"{F}:13: Text: link to 'javascript:alert(1' is not an http or https link: only http://, https:// and "
     "links to other articles are allowed"),
    ("175家会员单位", "175家<a href=\"data:text/html,x\">会员</a>单位",
     f"{F}:13: Text: link to 'data:text/html,x' is not an http or https link: only http://, https:// and "
     "links to other articles are allowed"),
])
def test_invisible_characters_and_bad_urls_are_errors_on_their_line(articles: Path, old: str, new: str,
                                                                    expected: str) -> None:
    assert old in GOOD
    path = _write(articles, GOOD.replace(old, new))
    found = check_files([path], articles, today=TODAY)
    assert [str(f) for f in found if f.error] == [expected]


def test_escaped_text_that_looks_like_a_link_is_no_link(articles: Path) -> None:
    path = _write(articles, GOOD.replace("175家会员单位", "175家\\[会员\\](javascript:alert(1))单位"))
    assert _lines(articles, path) == []


def test_line_numbers_count_newlines_only(articles: Path) -> None:
    """A form feed or U+2028 in a line does not shift the lines after it (editors do not break there)."""
    text = GOOD.replace("Source: 中国计量网", "Source: 中国\u2028计量网").replace("175家会员单位", "175家\u2029会员单位")
    path = _write(articles, text.replace("促进会会员覆盖", "促进会会(huì)员覆盖"))
    found = [str(f) for f in check_files([path], articles, today=TODAY)]
    assert [f.split(": ")[0] for f in found] == [f"{F}:7", f"{F}:13", f"{F}:15"]


def test_links_fifos_and_lock_files_are_reported_not_opened(tmp_path: Path) -> None:
    """A FIFO would hang the check and a link could pull any file of the machine into it."""
    root = tmp_path / "articles"
    root.mkdir()
    os.mkfifo(root / "pipe.md")
    (root / "secret.md").symlink_to("/etc/hostname")
    (root / ".#lock.md").symlink_to("/nonexistent")
    (root / "half.md.tmp").write_text("Title: x", encoding="utf-8")
    (root / "notice.rst").write_text("标题\n====\n", encoding="utf-8")
    found = check_files(None, root)
    text = "\n".join(str(f) for f in found)
    assert "pipe.md:0: file: not read: not a regular file" in text
    assert "secret.md:0: file: not read: a symbolic link" in text
    assert "notice.rst:0: file: not read: only Markdown files named *.md are articles" in text
    assert ".#lock.md" not in text and "half.md.tmp" not in text
    assert all(f.error for f in found)
    named = check_files([root / "pipe.md"], root)
    assert any("not a regular file" in f.message for f in named)


def test_images_and_attachments(articles: Path) -> None:
    """Files of the site are {static} paths to content/images or content/attachments; nothing else shows."""
    content = articles.parent
    (content / "images").mkdir()
    (content / "images" / "kaifangri.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (content / "attachments" / "2023-01-18-519e2677").mkdir(parents=True)
    (content / "attachments" / "2023-01-18-519e2677" / "tongzhi.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "attachments" / "2023-01-18-519e2677" / "通知 全文.pdf").write_bytes(b"%PDF-1.4\n")
    good = (GOOD + "\n![开放日现场]({static}/images/kaifangri.png)\n\n附件：\n\n"
            "- [通知全文]({static}/attachments/2023-01-18-519e2677/tongzhi.pdf)（PDF，9 B）\n")
    path = _write(articles, good)
    assert _lines(articles, path) == []
    bad = (GOOD + "\n![](https://example.cn/a.png)\n\n![现场](/images/kaifangri.png)\n\n"
           "![现场](../images/kaifangri.png)\n\n![现场]({static}/images/missing.png)\n\n"
           "[通知](<{static}/attachments/2023-01-18-519e2677/通知 全文.pdf>)\n\n[规则]({static}/rules.pdf)\n")
    path = _write(articles, bad)
    assert _lines(articles, path) == [
        f"{F}:17: Text: image 'https://example.cn/a.png' has no description: write what it shows between the "
        "brackets, ![浙江省开放日活动现场]({…}) (screen readers read it out)",
        f"{F}:17: Text: image 'https://example.cn/a.png' is on another site: the browser will not show it (the site "
        "allows only its own images: Content-Security-Policy img-src 'self'); save it into content/images/ and "
        "write ![说明]({static}/images/a.png)",
        f"{F}:19: Text: '/images/kaifangri.png' is a path from the site's root: it works in one place and breaks in "
        "another (preview, published site); write {static}/images/kaifangri.png",
        f"{F}:21: Text: '../images/kaifangri.png' is a path relative to the page: it works in one place and breaks "
        "in another (preview, published site); write {static}/images/kaifangri.png",
        f"{F}:23: Text: '{{static}}/images/missing.png': no such file content/images/missing.png: copy the file "
        "there (or correct the name; names are case-sensitive)",
        f"{F}:25: Text: '{{static}}/attachments/2023-01-18-519e2677/通知 全文.pdf': the name '通知 全文.pdf' becomes "
        "part of a web address; rename the file (and the link) using only letters a-z, digits, '-', '_' and '.', "
        "e.g. tongzhi-2025.pdf (the link text can stay Chinese)",
        f"{F}:27: Text: '{{static}}/rules.pdf': files are published only from content/images/ and "
        "content/attachments/; move it there and link it as {static}/images/… or {static}/attachments/…",
    ]


def test_a_link_from_the_site_root_is_an_error(articles: Path) -> None:
    path = _write(articles, GOOD + "\n见[另一篇](/articles/2024-06-07-78e40139/)和[关于](/about/)。\n")
    assert _lines(articles, path) == [
        f"{F}:17: Text: link to '/about/': a path from the site's root works in the preview but not on the "
        "published site, which lives under its own path; link an article as [text]({filename}SLUG.md), a file as "
        "{static}/attachments/…",
        f"{F}:17: Text: link to '/articles/2024-06-07-78e40139/': a path from the site's root breaks on the "
        "published site, which lives under its own path; write [text]({filename}2024-06-07-78e40139.md)",
    ]


def test_document_and_event_fields_are_checked(articles: Path) -> None:
    head, body = OTHER.split("\n\n", 1)
    extra = ("Doc_Number: 国认实〔2024〕12号\nIssued: 2024/6/1\nEffective: 2024-05-01\nReplaces: 国认实[2019]5号\n"
             "Event_Date: 2024-06-07\nEvent_End: 2024-06-06\n")
    path = _write(articles, head.replace("Slug:", extra + "Slug:") + "\n\n" + body, "2024-06-07-78e40139.md")
    lines = _lines(articles, path)
    assert any(":9: Issued: invalid date '2024/6/1'; write YYYY-MM-DD (2024-06-01)" in x for x in lines), lines
    assert any(":13: Event_End: Event_End 2024-06-06 is before Event_Date 2024-06-07" in x for x in lines), lines
    assert any(":11: Replaces: warning: Replaces '国认实[2019]5号' names no article here" in x for x in lines), lines


def test_replaces_in_another_spelling_finds_the_notice(articles: Path) -> None:
    old = GOOD.replace("Slug:", "Doc_Number: 国认实〔2019〕5号\nSlug:")
    _write(articles, old)
    head, body = OTHER.split("\n\n", 1)
    path = _write(articles, head.replace("Slug:", "Replaces: 国认实（2019）5号\nSlug:") + "\n\n" + body,
                  "2024-06-07-78e40139.md")
    assert not [x for x in _lines(articles, path) if "Replaces" in x]


def test_related_names_an_article_of_the_archive(tmp_path: Path) -> None:
    """Related: a slug of the archive is fine; one that names no article is a warning with a guess."""
    root = tmp_path / "articles"
    root.mkdir()
    text = (ARTICLES / "2023-01-18-519e2677.md").read_text(encoding="utf-8")
    other = ARTICLES / "2024-06-07-78e40139.md"
    (root / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    path = root / "2023-01-18-519e2677.md"
    path.write_text(text.replace("\n\n", "\nRelated: 2024-06-07-78e40139\n\n", 1), encoding="utf-8")
    assert [f for f in check_files([path], root) if f.rule == "related"] == []
    path.write_text(text.replace("\n\n", "\nRelated: 2024-06-07-78e40138\n\n", 1), encoding="utf-8")
    (found,) = [f for f in check_files([path], root) if f.rule == "related"]
    assert not found.error and "did you mean '2024-06-07-78e40139'?" in found.message


def test_the_rules_table_lists_every_rule_once(capsys: pytest.CaptureFixture[str]) -> None:
    """`invoke check --rules`: what each rule asks, how severe it is and where it runs, from the one table."""
    from scrapers.core.rules import RULES

    assert main(["--rules"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    assert [line.split()[0] for line in lines] == list(RULES)
    assert all(line.split()[1] == RULES[line.split()[0]].severity for line in lines)
