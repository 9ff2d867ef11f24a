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
