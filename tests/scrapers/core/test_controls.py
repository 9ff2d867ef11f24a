"""Control and invisible characters: one definition, applied by the normaliser, the parser and the writer."""

from __future__ import annotations

import pytest

from scrapers.assemble import build_article
from scrapers.core.article import parse
from scrapers.core.controls import LINE_BREAKS, describe, find_controls, normalise_controls, one_line
from scrapers.normalise.pipeline import clean_text

#: Every character str.splitlines() breaks at besides \n and \r.
SPLITLINES_BREAKS = [ch for ch in map(chr, range(0x10000)) if len(f"a{ch}b".splitlines()) == 2 and ch not in "\n\r"]


def test_line_breaks_are_exactly_what_splitlines_breaks_at() -> None:
    assert sorted(LINE_BREAKS) == sorted(SPLITLINES_BREAKS)


@pytest.mark.parametrize("ch", SPLITLINES_BREAKS)
def test_each_line_break_becomes_a_newline(ch: str) -> None:
    assert normalise_controls(f"第一段{ch}第二段") == "第一段\n第二段"
    assert one_line(f"标题{ch}后半") == "标题 后半"


def test_crlf_and_cr_become_one_newline() -> None:
    assert normalise_controls("a\r\nb\rc") == "a\nb\nc"


@pytest.mark.parametrize(
    "ch",
    [
        "\x00",
        "\x1b",
        "\x07",
        "\x7f",
        "\x9b",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200e",
        "\u200f",
        "\U000e0041",
    ],
)
def test_controls_and_invisible_characters_are_removed(ch: str) -> None:
    assert normalise_controls(f"浙江{ch}日报") == "浙江日报"
    assert [c for _, c in find_controls(f"浙江{ch}日报")] == [ch]


def test_visible_text_tabs_and_newlines_stay() -> None:
    text = "检验检测\t认证 CNAS（2024）\n第二段　全角空格"
    assert normalise_controls(text) == text
    assert find_controls(text) == []


def test_idempotent() -> None:
    messy = "a\x0cb\u2029c\x00d\u202ee\r\nf\u200dg\x85"
    once = normalise_controls(messy)
    assert normalise_controls(once) == once


def test_describe_names_the_character() -> None:
    assert describe("\u200d") == "U+200D ZERO WIDTH JOINER"
    assert describe("\x1b") == "U+001B ESCAPE (a control character)"


def test_the_pipeline_cleans_them() -> None:
    assert clean_text("浙江\u200d日报\x0c记者\x1b[31m张三") == "浙江日报\n记者[31m张三"


def test_a_page_with_invisible_characters_gives_the_visible_names() -> None:
    raw = (
        "浙江\u200d省检验检测\u202e机构开放日活动启动\n"
        "来源：浙江\u200d日报\n"
        "2024年9月6日，浙江省检验检测机构开放日活动在杭州启动，\x00全省\x0b200余家机构向社会开放。\n"
        "活动期间，市民可以走进实验室，了解检验检测工作，\u2028感受质量\u2029安全。\n"
    )
    article = build_article(raw, "https://example.cn/a.html")
    assert article.source == "浙江日报"
    assert article.title == "浙江省检验检测机构开放日活动启动"
    text = article.render()
    assert find_controls(text) == []
    assert parse(text).render() == text
