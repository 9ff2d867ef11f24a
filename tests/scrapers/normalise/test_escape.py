import html as html_lib
import re

import markdown

from scrapers.normalise.escape import escape_markdown, unescape_markdown


def render(text: str) -> str:
    return markdown.markdown(escape_markdown(text))


def test_markup_in_text_is_shown_not_run():
    html = render('<script>alert(1)</script> <img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_links_and_emphasis_stay_text():
    html = render("[点我](javascript:alert(1)) *重点* __下划线__")
    assert "<a" not in html and "<em>" not in html and "<strong>" not in html
    assert "[点我](javascript:alert(1))" in html.replace("\\", "")


def test_block_markers_at_line_start():
    assert "<h1>" not in render("# 不是标题")
    assert "<ol>" not in render("1. 不是列表")
    assert "<ul>" not in render("- 不是列表")


def test_idempotent_and_reversible():
    text = "a*b_c [x](y) <b> & 1. 项"
    once = escape_markdown(text)
    assert escape_markdown(once) == once
    assert unescape_markdown(once) == text


def test_a_paragraph_starting_with_a_colon_is_no_definition():
    """Python-Markdown's def_list (in ``extra``) makes ``: text`` a definition of the paragraph before."""
    for text in (": 这不是定义", ":\t这也不是", "   : 缩进也不是"):
        escaped = escape_markdown(text)
        html = markdown.markdown("上一段\n\n" + escaped, extensions=["extra"])
        assert "<dl>" not in html and "<dd>" not in html
        shown = re.sub(r"\s+", " ", html_lib.unescape(html))
        assert f"<p>{' '.join(text.split())}</p>" in shown
        assert escape_markdown(escaped) == escaped
        assert unescape_markdown(escaped) == text
    assert escape_markdown("比分 3: 1") == "比分 3: 1"  # only at the start of a line
