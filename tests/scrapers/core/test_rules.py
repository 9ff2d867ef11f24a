"""One rules engine: ``invoke check``, the site build and the normaliser agree on every rule.

Each case breaks one rule in an otherwise good article. The three callers are run as they
run in real life (the check's ``check_files`` on the file, the validate plugin's
``check_files`` on the archive Pelican would read, the normaliser's final step on the
parsed article), and for every rule each stage either reports exactly the same finding
(line, field, words, severity) or, where the table says it does not run that rule,
nothing. A rule added to one caller alone, or a severity set in two places, fails here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from plugins.validate import check_files as build_check
from scrapers.assemble import held_to_the_rules
from scrapers.core.article import parse, parse_lenient
from scrapers.core.rules import RULES, Finding, Severity, Stage, article_findings, check_files

TODAY = date(2026, 12, 1)
SLUG = "2023-01-18-519e2677"
GOOD = f"""Title: 杭州市检验检测认证促进会正式成立
Date: 2023-01-18
Category: 协会动态
Tags: 检验检测
Region: 浙江省
City: 杭州市
Source: 中国计量网
Slug: {SLUG}

杭州市检验检测认证促进会今天成立，首批会员单位四十家。

促进会将组织开放日活动。
"""

#: (case name, what to replace in GOOD, by what, the rule it breaks)
CASES = [
    ("city as region", "Region: 浙江省", "Region: 杭州", "region"),
    ("unknown city", "City: 杭州市", "City: 不存在市", "city"),
    ("city of another province", "City: 杭州市", "City: 南京市", "city"),
    ("unknown tag", "Tags: 检验检测", "Tags: 不存在的标签", "tag"),
    ("unknown category", "Category: 协会动态", "Category: 新闻", "category"),
    ("no title", "Title: 杭州市检验检测认证促进会正式成立\n", "", "required"),
    ("bad date", "Date: 2023-01-18", "Date: 2023-01-32", "date"),
    ("future date", "Date: 2023-01-18", "Date: 2026-12-24", "date-future"),
    ("unknown status", "Source: 中国计量网", "Source: 中国计量网\nStatus: pending", "status"),
    ("bad slug", f"Slug: {SLUG}", "Slug: hangzhou", "slug"),
    ("script URL", "Source: 中国计量网", "Source: 中国计量网\nSource_URL: javascript:alert(1)", "url"),
    ("event ends first", "Source: 中国计量网", "Source: 中国计量网\nEvent_Date: 2023-05-20\nEvent_End: 2023-05-19", "document"),
    ("hidden character", "Title: 杭州市", "Title: 杭州\u200b市", "hidden-character"),
    ("no text", "杭州市检验检测认证促进会今天成立，首批会员单位四十家。\n\n促进会将组织开放日活动。\n", "", "no-text"),
    ("placeholder", "Source: 中国计量网", "Source: 待填写", "placeholder"),
    ("file name", f"Slug: {SLUG}", "Slug: 2023-01-18-519e2678", "slug-file-name"),
    ("external image", "促进会将组织开放日活动。", "![现场](https://example.com/a.png)", "image-external"),
    ("image without words", "促进会将组织开放日活动。", "![]({static}/images/a.png)", "image-alt"),
    ("link to nothing", "促进会将组织开放日活动。", "见[旧闻]({filename}2020-01-01-00000000.md)。", "link"),
    ("mojibake", "促进会将组织开放日活动。", "促进会?。ㄊ?组织开放日活动。", "mojibake"),
    ("pinyin", "促进会将组织开放日活动。", "促进会将组织开放日活动，计(jì)量。", "pinyin"),
    ("Traditional", "促进会将组织开放日活动。", "促進會將組織開放日活動。", "traditional"),
    ("review left", "Source: 中国计量网", "Source: 中国计量网\nReview: 请核对日期", "review"),
]


def _key(f: Finding) -> tuple[str, int, str, str, Severity]:
    return (f.rule, f.line, f.field, f.message, f.severity)


def _stages(tmp_path: Path, text: str) -> dict[Stage, list[tuple[str, int, str, str, Severity]]]:
    """The findings of each stage for ``text`` as the one article of an archive."""
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    path = articles / f"{SLUG}.md"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "content" / "images").mkdir()
    (tmp_path / "content" / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    article, _ = parse_lenient(text)
    return {
        Stage.CHECK: [_key(f) for f in check_files([path], articles, TODAY)],
        Stage.BUILD: [_key(f) for f in build_check([path], TODAY, tmp_path / "content")],
        Stage.NORMALISE: [_key(f) for f in article_findings(article, TODAY, Stage.NORMALISE)],
    }


def test_the_good_article_breaks_no_rule(tmp_path: Path) -> None:
    assert _stages(tmp_path, GOOD) == {Stage.CHECK: [], Stage.BUILD: [], Stage.NORMALISE: []}


@pytest.mark.parametrize(("name", "old", "new", "rule"), CASES, ids=[c[0] for c in CASES])
def test_the_three_stages_agree(tmp_path: Path, name: str, old: str, new: str, rule: str) -> None:
    assert old in GOOD
    found = _stages(tmp_path, GOOD.replace(old, new, 1))
    broken = {key[0] for keys in found.values() for key in keys}
    assert broken == {rule}, f"{name}: expected only {rule!r}, got {found}"
    runs = [stage for stage in Stage if stage in RULES[rule].stages]
    # The normaliser holds articles, not files: rules about files cannot reach it.
    assert runs and all(found[stage] for stage in runs), f"{name}: a stage of {runs} missed it: {found}"
    assert all(found[stage] == found[runs[0]] for stage in runs), f"{name}: the stages disagree: {found}"
    assert all(not found[stage] for stage in Stage if stage not in runs), f"{name}: ran where the table says not"


def test_every_rule_of_the_table_has_a_case() -> None:
    covered = {rule for *_, rule in CASES}
    left = set(RULES) - covered - {"unreadable", "encoding", "format", "file-link", "duplicate-slug", "duplicate-url",
                                   "replaces", "related", "garbled-mark", "near-duplicate",
                                   "not-read"}
    assert left == set(), f"rules with no agreement case: {left}"


def test_rule_names_used_by_the_article_model_are_in_the_table() -> None:
    """A Problem naming a rule the table does not know would fail at the first lookup."""
    broken = parse_lenient("Title: x\nDate 2023-01-01\nColour: red\nTitle: y\n\n正文")[1]
    assert broken and all(p.rule in RULES for p in broken)
    assert all(rule in RULES for *_, rule in CASES)


def test_the_normaliser_writes_each_error_into_review_and_no_warning() -> None:
    article = replace(parse(GOOD), region="杭州", tags=("不存在的标签",))
    held = held_to_the_rules(article, TODAY)
    errors = [f for f in article_findings(article, TODAY) if f.error]
    assert len(errors) == 1 and errors[0].rule == "region"
    assert held.review == (f"规则：Region：{errors[0].message}",)
    assert held_to_the_rules(parse(GOOD), TODAY) == parse(GOOD)


def test_a_rule_flag_keeps_the_review_separator_out() -> None:
    article = replace(parse(GOOD), category="新闻|政策")
    (flag,) = held_to_the_rules(article, TODAY).review
    assert "|" not in flag and "新闻｜政策" in flag
