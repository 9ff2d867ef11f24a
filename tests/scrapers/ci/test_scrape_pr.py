"""The scrape workflow's git steps, run here on a throwaway repository with a local "origin",
and the pull request description, rendered with a real CommonMark parser (markdown-it-py)."""

from __future__ import annotations

import html
import random
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from scrapers.ci.scrape_pr import BODY_LIMIT, body, carry, changes, export, main, md_code, md_fenced, md_link, md_text, safe_url

ARTICLE = """Title: {title}
Date: 2025-09-06
Category: 开放日
Tags: 开放日
Region: 浙江省
City: 杭州市
Source: 浙江日报
Source_URL: https://example.cn/{n}.html
Slug: 2025-09-06-{slug}
{review}
{body}
"""
BODIES = [
    "9月6日，浙江省检验检测机构开放日活动在杭州启动，市民走进实验室参观。",
    "沈阳市市场监管局牵头成立都市圈检验检测联盟，首批成员单位签约。",
    "湖北省举行世界认可日宣传活动，发布认证认可检验检测服务典型案例。",
    "京津冀晋蒙五地签署检验检测认证区域合作备忘录，推动结果互认。",
]


def _article(n: int, title: str = "", review: str = "") -> str:
    return ARTICLE.format(
        title=title or f"标题{n}",
        n=n,
        slug=f"{n:08x}",
        body=BODIES[n % len(BODIES)],
        review=f"Review: {review}\n" if review else "",
    )


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(origin))
    work = tmp_path / "work"
    _git(tmp_path, "init", "--quiet", "--initial-branch=main", str(work))
    for key, value in (("user.name", "t"), ("user.email", "t@example.cn"), ("commit.gpgsign", "false")):
        _git(work, "config", key, value)
    _git(work, "remote", "add", "origin", str(origin))
    root = work / "content" / "articles"
    root.mkdir(parents=True)
    (root / "2025-09-06-00000001.md").write_text(_article(1), encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "--quiet", "-m", "main")
    _git(work, "push", "--quiet", "origin", "main")
    return work


def _write(repo: Path, n: int, **kwargs: str) -> Path:
    path = repo / "content" / "articles" / f"2025-09-06-{n:08x}.md"
    path.write_text(_article(n, **kwargs), encoding="utf-8")
    return path


def test_body_lists_each_item_with_its_flags(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    root = repo / "content" / "articles"
    _write(repo, 2, review="发布日期的年份由正文推断，请核对；未能确定来源媒体或机构，请补充来源")
    _write(repo, 3, title="湖北舉行世界認可日活動")
    _write(repo, 1, title="标题1（更正）")
    log = repo / "fetch.log"
    log.write_text("written content/articles/2025-09-06-00000002.md\nsummary: 2 written, 5 unchanged\n", encoding="utf-8")
    found = changes(repo, root)
    assert [p.name for p in found.new] == ["2025-09-06-00000002.md", "2025-09-06-00000003.md"]
    assert [p.name for p in found.changed] == ["2025-09-06-00000001.md"]
    text = body(repo, root, log)
    assert "**2 new, 1 changed, 0 removed** · 1 with Review flags · content check: 0 errors, 1 warning" in text
    assert (
        "- **[标题2](https://example.cn/2.html)**  \n"
        "  浙江日报 · 开放日 · 浙江省 杭州市 · 2025-09-06 · `content/articles/2025-09-06-00000002.md`\n"
        "  - Review: 发布日期的年份由正文推断，请核对\n"
        "  - Review: 未能确定来源媒体或机构，请补充来源\n"
    ) in text
    assert "  - warning: line 1, Title: Traditional characters 舉, 認, 動: write Simplified Chinese" in text
    assert "### Changed articles (1)\n\n- **[标题1（更正）](https://example.cn/1.html)**" in text
    shown = _Text.of(_render(text))
    assert "浙江日报 · 开放日 · 浙江省 杭州市 · 2025-09-06 · content/articles/2025-09-06-00000002.md" in shown
    assert "Fetch: summary: 2 written, 5 unchanged" in text and "<summary>Fetch log</summary>" in text


def test_body_shows_check_errors_and_removals(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    root = repo / "content" / "articles"
    path = _write(repo, 2)
    path.write_text(path.read_text(encoding="utf-8").replace("Region: 浙江省", "Region: 浙江"), encoding="utf-8")
    (root / "2025-09-06-00000001.md").unlink()
    text = body(repo, root)
    assert "content check: 1 error, 0 warnings (the checks fail until the errors are fixed)" in text
    assert "  - error: line 5, Region: unknown region '浙江'; did you mean '浙江省'?" in text  # nothing to escape
    assert "### Removed (1)\n\n- `content/articles/2025-09-06-00000001.md`" in text


def test_body_fits_githubs_limit(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    for n in range(2, 400):
        _write(repo, n, review="很长的核对说明" * 20)
    text = body(repo, repo / "content" / "articles")
    assert len(text) <= BODY_LIMIT and text.endswith("see the Files changed tab for the rest.\n")


def test_carry_brings_unmerged_items_forward_but_not_over_main(repo: Path, tmp_path: Path) -> None:
    root = repo / "content" / "articles"
    assert carry(repo, root) == []  # no scrape branch yet
    # Yesterday's run: the branch adds article 2 and updates 1; an editor fixes 2 on the branch.
    _git(repo, "checkout", "--quiet", "-b", "scrape/daily")
    _write(repo, 2, review="请核对")
    _write(repo, 1, title="标题1（抓取更新）")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "scrape")
    _write(repo, 2)  # the editor deleted the Review line
    _git(repo, "commit", "--quiet", "-am", "editor")
    _git(repo, "push", "--quiet", "origin", "scrape/daily")
    # Meanwhile on main an editor corrects article 1.
    _git(repo, "checkout", "--quiet", "main")
    _write(repo, 1, title="标题1（编辑更正）")
    _git(repo, "commit", "--quiet", "-am", "fix on main")
    # Today's run starts from main.
    assert carry(repo, root) == ["content/articles/2025-09-06-00000002.md"]
    assert (root / "2025-09-06-00000002.md").read_text(encoding="utf-8") == _article(2)  # with the editor's fix
    assert "标题1（编辑更正）" in (root / "2025-09-06-00000001.md").read_text(encoding="utf-8")
    assert [p.name for p in changes(repo, root).new] == ["2025-09-06-00000002.md"]


def test_cli_writes_the_body(repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(repo)
    _write(repo, 2)
    out = repo / "pr-body.md"
    assert main(["--repo", str(repo), "--root", str(repo / "content" / "articles"), "body", "--out", str(out)]) == 0
    assert "**1 new, 0 changed, 0 removed**" in capsys.readouterr().out
    assert "### New articles (1)" in out.read_text(encoding="utf-8")


# --- the description is inert text, whatever a scraped page says -------------------------

WJ = "\u2060"
#: What GitHub turns into a mention, an issue or commit reference or a link after rendering
#: (it scans the text of the HTML, so a backslash escape alone does not stop these).
GITHUB_TEXT_PATTERNS = {
    "mention": re.compile(r"(?<![\w`])@[A-Za-z0-9]"),
    "issue reference": re.compile(r"#\d|(?i:\bgh-\d)"),
    "autolink": re.compile(r"(?i)\b(?:https?|ftp)://|(?<![\w.-])www\.[\w-]|[\w.+-]@[\w-]+\.[\w-]"),
}
ALLOWED_TAGS = {"p", "ul", "li", "strong", "a", "h3", "code", "pre", "br", "details", "summary"}


def _render(markdown: str) -> str:
    """CommonMark (raw HTML allowed, as on GitHub before its sanitiser) plus GFM tables and ~~."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


class _Text(HTMLParser):
    """The rendered page as a reader sees it: text, the tags used, the links' targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.prose: list[str] = []  # outside <code>/<pre>, where GitHub makes references
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._code += tag in ("code", "pre")
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag in ("code", "pre")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if not self._code:
            self.prose.append(data)

    @classmethod
    def parse(cls, rendered: str) -> _Text:
        parser = cls()
        parser.feed(rendered)
        parser.close()
        return parser

    @classmethod
    def of(cls, rendered: str) -> str:
        return "".join(cls.parse(rendered).text)


def _github_would_link(prose: str) -> list[str]:
    return [f"{name}: {m.group(0)!r}" for name, rx in GITHUB_TEXT_PATTERNS.items() for m in rx.finditer(prose)]


HOSTILE_TITLES = [
    "@octocat 和 @github/security-team 请看 #1 GH-2 owner/repo#3",
    "![追踪像素](https://evil.example/p.png) <img src=x onerror=alert(1)> <script>alert(1)</script>",
    "[点此领奖](javascript:alert(1)) [官网](https://evil.example) <https://evil.example> <a href=x>x</a>",
    "www.evil.example http://evil.example/x mailto:a@evil.example a@evil.example",
    "**粗** _斜_ ~~删~~ `代码` $x^2$ [^1] | 表 | 格 | &lt;b&gt; &#106;avascript: \\ 结尾\\",
    "<!-- 注释 --> <details open> </details> <!DOCTYPE x> <?php ?> <![CDATA[ x ]]>",
    "# 一级标题 - 列表 1. 有序 > 引用 === --- *** +++ [ ] [x] > [!WARNING]",
    "[链接][ref] [ref]: javascript:alert(1) \"title\" 'title' :smile: :+1:",
]


def test_hostile_titles_stay_text_in_the_description(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    for n, title in enumerate(HOSTILE_TITLES, start=2):
        path = _write(repo, n, title=title, review="@everyone 请核对 #5；见 https://evil.example/r")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Source: 浙江日报", f"Source: {title[:40]}"), encoding="utf-8")
    rendered = _render(body(repo, repo / "content" / "articles"))
    page = _Text.parse(rendered)
    assert page.tags <= ALLOWED_TAGS, page.tags - ALLOWED_TAGS
    # One link per item, to its own Source_URL, and nothing else is a link or an image.
    assert page.hrefs == [f"https://example.cn/{n}.html" for n in range(2, 2 + len(HOSTILE_TITLES))]
    prose = "".join(page.prose).replace(WJ, "")
    for title in HOSTILE_TITLES:
        assert " ".join(title.split()) in prose  # shown as typed: every character is visible text
    assert not _github_would_link("".join(page.prose)), _github_would_link("".join(page.prose))[:5]


def test_a_non_http_source_url_is_shown_not_linked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    path = _write(repo, 2, title="看似正常的标题")
    path.write_text(
        path.read_text(encoding="utf-8").replace("https://example.cn/2.html", "javascript:alert(1)//"), encoding="utf-8"
    )
    text = body(repo, repo / "content" / "articles")
    page = _Text.parse(_render(text))
    assert page.hrefs == []
    assert "Source_URL is not an http(s) address, not linked: javascript:alert(1)//" in "".join(page.text)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.cn/a.html", "https://example.cn/a.html"),
        ("HTTP://Example.CN", "http://example.cn/"),
        ("https://user:secret@example.cn/x", "https://example.cn/x"),
        ("https://example.cn/a b)<c>\"'`\\[]{}|^", "https://example.cn/a%20b%29%3Cc%3E%22%27%60%5C%5B%5D%7B%7D%7C%5E"),
        ("https://example.cn/p?q=a b&x=%zz&y=%41#frag(1)", "https://example.cn/p?q=a%20b&x=%25zz&y=%41#frag%281%29"),
        ("https://例子.中国/新闻", "https://xn--fsqu00a.xn--fiqs8s/%E6%96%B0%E9%97%BB"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)//https://example.cn", None),
        ("data:text/html,<script>", None),
        ("//example.cn/x", None),
        ("https://exa mple.cn/", None),
        ("https://example.cn\n/x", None),
        ("https://example.cn:99999/", None),
        ("https://ex<ample.cn/", None),
        ("", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_a_link_destination_cannot_be_broken_out_of() -> None:
    rendered = _render(md_link("标题", "https://example.cn/x) ![i](https://evil.example/p.png) (<b>"))
    page = _Text.parse(rendered)
    assert page.tags == {"p", "a"} and len(page.hrefs) == 1
    assert page.hrefs[0].startswith("https://example.cn/x%29%20!%5Bi%5D%28https:")


def test_values_cannot_leave_their_line() -> None:
    value = "标题\n# 标题\r\n- 列表\u2028> 引用\u0085```\x0b===\x0c<script>"
    text = md_text(value)
    assert "\n" not in text and "\r" not in text
    assert _Text.parse(_render(f"- {text}")).tags == {"ul", "li"}


def test_hidden_characters_are_shown() -> None:
    text = _Text.of(_render(md_text("浙江\u200d日报\u202e\x00\x1b[31m")))
    assert text.strip() == "浙江⟨U+200D⟩日报⟨U+202E⟩⟨U+0000⟩⟨U+001B⟩[31m"


def test_long_values_are_cut() -> None:
    assert md_text("长" * 1000, limit=50) == "长" * 49 + "…"
    assert md_text("", empty="来源未知") == "来源未知" and md_text("  \n ") == "—"


def test_escaping_round_trips_on_random_markup() -> None:
    """Any mix of metacharacters renders as exactly its characters, and GitHub links none of it."""
    rng = random.Random(11)
    atoms = [
        *"\\`*_{}[]()<>#+-.!|~&$=:@^\"',;?/% ",
        "a",
        "7",
        "中",
        "www.",
        "http://",
        "@x",
        "#1",
        "&amp;",
        "<b>",
        "![",
        "](",
        "javascript:",
        "\\\n",
        "  ",
        "gh-1",
        "x@y.cn",
        "```",
        "~~~",
        "-->",
    ]
    for _ in range(1500):
        value = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 14)))
        expected = " ".join(value.split())
        if not expected:
            continue
        page = _Text.parse(_render(md_text(value)))
        assert page.tags == {"p"}, (value, md_text(value))
        assert "".join(page.text).strip().replace(WJ, "") == expected, (value, md_text(value))
        assert not _github_would_link("".join(page.prose)), (value, md_text(value))


def test_code_spans_and_the_log_cannot_be_closed_early() -> None:
    for value in ("a`b", "``x", "x```", "` `"):
        page = _Text.parse(_render(md_code(value)))
        assert page.tags == {"p", "code"} and "".join(page.text).strip() == value
    log = "fetched https://evil.example\n```\n</details>\n\n# @octocat ![x](y)\r```\nend"
    rendered = _render(f"<details>\n\n{md_fenced(log)}\n\n</details>")
    page = _Text.parse(rendered)
    assert page.tags == {"details", "pre", "code"}
    assert html.unescape(rendered).count("</details>") == 2  # the log's own, as text, and ours


def test_the_log_is_kept_when_the_list_is_cut(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    for n in range(2, 400):
        _write(repo, n, review="很长的核对说明" * 20)
    log = repo / "fetch.log"
    log.write_text("- not an item\n" * 2000 + "summary: 398 written\n", encoding="utf-8")
    text = body(repo, repo / "content" / "articles", log)
    assert len(text) <= BODY_LIMIT
    assert "see the Files changed tab for the rest." in text and text.endswith("</details>\n")
    assert "Fetch: summary: 398 written" in text


def test_export_hands_on_only_article_files(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = repo / "content" / "articles"
    _write(repo, 2)
    _write(repo, 1, title="标题1（更正）")
    (root / "2025-09-06-00000003.md.tmp").write_text("half-written", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "2025-09-06-00000004.md").write_text(_article(4), encoding="utf-8")
    (root / "2025-09-06-00000005.md").symlink_to("/etc/hostname")
    dest = tmp_path / "scraped" / "articles"
    copied = export(dest, repo, root)
    assert sorted(p.name for p in copied) == ["2025-09-06-00000001.md", "2025-09-06-00000002.md"]
    assert sorted(p.name for p in dest.iterdir()) == ["2025-09-06-00000001.md", "2025-09-06-00000002.md"]
    assert (dest / "2025-09-06-00000002.md").read_text(encoding="utf-8") == _article(2)
    err = capsys.readouterr().err
    assert "not exported: content/articles/sub/2025-09-06-00000004.md: not an article file name directly" in err
    assert "not exported: content/articles/2025-09-06-00000005.md: not a regular file" in err
    assert main(["--repo", str(repo), "--root", str(root), "export", str(tmp_path / "again")]) == 0
    assert "exported 2 articles to" in capsys.readouterr().out


def test_export_hands_on_an_articles_attachments(repo: Path, tmp_path: Path) -> None:
    _write(repo, 2)
    folder = repo / "content" / "attachments" / "2025-09-06-00000002"
    folder.mkdir(parents=True)
    (folder / "tongzhi.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "通知.pdf").write_bytes(b"%PDF-1.4\n")  # not a name the scraper writes: left out
    (folder / "link.pdf").symlink_to("/etc/passwd")
    dest = tmp_path / "scraped" / "articles"
    copied = export(dest, repo, repo / "content" / "articles")
    assert sorted(p.relative_to(tmp_path / "scraped").as_posix() for p in copied) == [
        "articles/2025-09-06-00000002.md", "attachments/2025-09-06-00000002/tongzhi.pdf"]


def test_carry_brings_attachments_along(repo: Path) -> None:
    root = repo / "content" / "articles"
    _git(repo, "checkout", "--quiet", "-b", "scrape/daily")
    _write(repo, 2)
    folder = repo / "content" / "attachments" / "2025-09-06-00000002"
    folder.mkdir(parents=True)
    pdf = b"%PDF-1.4\n\xff\xfe\x00binary\n"
    (folder / "tongzhi.pdf").write_bytes(pdf)
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "scrape")
    _git(repo, "push", "--quiet", "origin", "scrape/daily")
    _git(repo, "checkout", "--quiet", "main")
    assert not folder.exists()
    assert carry(repo, root) == ["content/articles/2025-09-06-00000002.md"]
    assert (folder / "tongzhi.pdf").read_bytes() == pdf
