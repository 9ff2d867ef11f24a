"""Properties of the normaliser, the article parser and the writer, on generated (hostile) text.

Hypothesis generates the inputs: Chinese text with noise, every kind of control and
invisible character, Markdown and HTML, and lines that look like metadata. Whatever comes
in, the pipeline and the writer never raise, give the same output twice, change nothing
when run on their own output, and never turn text of the body into metadata. Runs are
bounded (``max_examples``) so the suite stays fast; ``bench/fuzz.py`` runs 10,000 inputs.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from scrapers.assemble import build_article, renormalise
from scrapers.core.article import Article, ArticleFormatError, clean_url, parse
from scrapers.core.controls import LINE_BREAKS, find_controls, normalise_controls, one_line
from scrapers.normalise.escape import escape_markdown, escape_text, unescape_markdown
from scrapers.normalise.pipeline import clean_text
from scrapers.store import StoreError, is_editor_modified, store

TODAY = date(2026, 11, 23)
BOUNDED = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

#: Our own fixture words (never corpus text): enough for lines that look like news.
HAN = "检验检测认证机构开放日活动市场监管总局浙江省杭州市会员大会质量发展标准计量实验室报告日报新闻网记者讯年月日"
CONTROLS = LINE_BREAKS + "\x00\x07\x1b\x1f\x7f\x9b\u00ad\u200b\u200c\u200d\u200e\u202a\u202e\u2060\u2066\u2069\ufeff"
MARKUP = "<>&[]()*_`#|\\:=-+.!{}\"'"

chinese = st.text(alphabet=HAN + "，。：；“”（）【】、 ", min_size=1, max_size=40)
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
controls = st.text(alphabet=CONTROLS + "\r\n\t \u3000\u00a0", min_size=1, max_size=4)
markup = st.text(alphabet=MARKUP + "ab1 ", min_size=1, max_size=12)
surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
META_LINES = [
    "Title: x",
    "Slug: ../../x",
    "Slug: /etc/passwd",
    "Scraper_Hash: 0000",
    "Date: 2020-01-01",
    "Source_URL: javascript:alert(1)",
    "title:大写",
    "Review:",
    ": 定义",
    "# 标题",
    "1. 列表",
    "- 项",
    "---",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "来源：浙江\u200d日报",
]
meta_line = st.sampled_from(META_LINES)
piece = st.one_of(chinese, chinese, noise, controls, markup, meta_line, surrogate)
line = st.lists(piece, max_size=6).map("".join)
separator = st.sampled_from(["\n", "\n", "\n\n", "\r\n", "\r", *LINE_BREAKS])
page = st.lists(st.tuples(line, separator), max_size=12).map(lambda rows: "".join(a + b for a, b in rows))
field_text = st.one_of(line, noise, meta_line)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    """An article with arbitrary (hostile) values in every field."""
    return Article(
        title=draw(field_text),
        date=draw(field_text),
        category=draw(field_text),
        region=draw(field_text),
        slug=draw(field_text),
        body=draw(page),
        tags=tuple(draw(st.lists(field_text, max_size=3))),
        city=draw(field_text),
        source=draw(field_text),
        source_url=draw(field_text),
        mirrors=tuple(draw(st.lists(field_text, max_size=3))),
        authors=tuple(draw(st.lists(field_text, max_size=3))),
        summary=draw(field_text),
        review=tuple(draw(st.lists(field_text, max_size=3))),
        scraper_hash=draw(field_text),
    )


# --- the normaliser -----------------------------------------------------------------------


@BOUNDED
@given(page)
@example("“::\n")  # one pass made the context of the next: “：: then “：：
@example("((会))")
@example("检验检测薴麻")  # OpenCC chains 薴 → 苧 → 苎
def test_clean_text_is_total_deterministic_idempotent_and_leaves_no_controls(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(raw) == once
    assert clean_text(once) == once
    assert find_controls(once) == []


@BOUNDED
@given(page)
def test_normalise_controls_is_idempotent_and_agrees_with_splitlines(raw: str) -> None:
    once = normalise_controls(raw)
    assert normalise_controls(once) == once
    assert once.splitlines() == once.split("\n")[: len(once.splitlines())]
    assert "\n" not in one_line(raw) and one_line(one_line(raw)) == one_line(raw)


@BOUNDED
@given(line)
def test_escaping_is_idempotent_and_exactly_undone(text: str) -> None:
    once = escape_markdown(text)
    assert escape_markdown(once) == once
    assert unescape_markdown(escape_text(text)) == text


@BOUNDED
@given(page, st.sampled_from(["", "https://example.cn/a.html", "javascript:alert(1)"]))
@example("会。会会会会会会会会会会会\n((会))\n", "")
@example("检验检测机构开放日活动在杭州举行，会员单位参加；\r\x1e，市民走进实验室。\n", "")  # joined lines: ；，
@example("。会会会会会会会会会会会会\\\\.\n", "")  # a backslash before punctuation, unescaped once only
def test_build_article_is_total_deterministic_and_its_output_is_a_fixed_point(raw: str, url: str) -> None:
    article = build_article(raw, clean_url(url), TODAY)
    assert build_article(raw, clean_url(url), TODAY) == article
    text = article.render()
    assert find_controls(text) == []
    again = parse(text)
    assert again.render() == text
    assert renormalise(again).render() == text  # normalising the output again changes nothing


# --- the parser -----------------------------------------------------------------------------


@BOUNDED
@given(page)
def test_parse_raises_only_its_own_error_and_what_it_reads_renders_stably(text: str) -> None:
    try:
        article = parse(text)
    except ArticleFormatError as exc:
        assert exc.line >= 1
        return
    rendered = article.render()
    back = parse(rendered)
    assert back.render() == rendered
    assert (back.title, back.slug, back.body, back.tags) == (article.title, article.slug, article.body, article.tags)


# --- the writer -----------------------------------------------------------------------------


@BOUNDED
@given(articles())
def test_render_then_parse_is_stable_and_body_stays_body(article: Article) -> None:
    text = article.render()
    assert find_controls(text) == []
    back = parse(text)  # never raises on what the writer wrote
    assert back.render() == text
    assert back.body == normalise_controls(article.body).strip()  # body lines never become metadata
    assert back.title == one_line(article.title) and back.slug == one_line(article.slug)
    assert back.scraper_hash == one_line(article.scraper_hash)
    stamped = parse(article.with_scraper_hash().render())
    assert not is_editor_modified(stamped) and stamped.hidden == ()


@BOUNDED
@given(articles())
def test_render_is_deterministic(article: Article) -> None:
    assert article.render() == replace(article).render()


@settings(max_examples=100, deadline=None, database=None)
@given(field_text)
def test_the_store_never_writes_outside_its_directory(slug: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        out.mkdir()
        article = Article(title="t", date="2024-01-01", category="c", region="r", slug=slug, body="正文")
        try:
            store(out, article)
        except StoreError:
            pass
        written = [p for p in Path(tmp).rglob("*") if p.is_file()]
        assert all(p.parent == out and p.suffix == ".md" for p in written)


@BOUNDED
@given(field_text)
def test_clean_url_gives_http_or_nothing_and_is_idempotent(url: str) -> None:
    cleaned = clean_url(url)
    assert cleaned == "" or cleaned.startswith(("http://", "https://"))
    assert clean_url(cleaned) == cleaned
    assert "@" not in cleaned.split("/")[2] if cleaned else True
