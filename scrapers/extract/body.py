"""The main text: the container whose paragraphs carry the most running text.

Paragraph voting with link-density damping (the readability / GeneralNewsExtractor
family): every text block votes for its container in proportion to its length and its
punctuation, containers full of links are discounted, and the best container wins. Its
text comes out one line per paragraph; deciding which of those lines are chrome is the
normaliser's job, so nothing here drops a line for its wording.
"""

from __future__ import annotations

import re
from collections import defaultdict

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from scrapers.core.patterns import han_count
from scrapers.extract.markup import clean

BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "td",
        "th",
        "li",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "ul",
        "ol",
        "table",
        "tr",
        "tbody",
        "center",
        "header",
        "figure",
        "figcaption",
        "body",
        "html",
    }
)
_CONTAINERS = frozenset({"div", "td", "section", "article", "main", "body", "center", "blockquote"})
_PUNCT = re.compile(r"[，。；：！？、“”《》（）,;]")
#: A block that speaks about the page, not for it: it never votes for the main text.
_DISCLAIMER = re.compile(r"^\s*[【\[]?\s*(免责声明|特别声明|版权声明|郑重声明|声明)\s*[】\]:：]")


def _block_of(node: Tag) -> Tag:
    while node.name not in BLOCK_TAGS and node.parent is not None:
        node = node.parent
    return node


def find_body(soup: BeautifulSoup) -> Tag | None:
    """The container whose paragraphs carry the most running text (voting + link damping)."""
    texts: dict[int, list[str]] = defaultdict(list)
    blocks: dict[int, Tag] = {}
    for string in soup.find_all(string=True):
        if not isinstance(string, NavigableString) or isinstance(string, Comment):
            continue
        text = str(string).strip()
        if not text or string.find_parent("a") is not None:
            continue
        block = _block_of(string.parent)
        texts[id(block)].append(text)
        blocks[id(block)] = block
    scores: dict[int, float] = defaultdict(float)
    nodes: dict[int, Tag] = {}
    for key, parts in texts.items():
        text = "".join(parts)
        cjk = han_count(text)
        if cjk < 10 or _DISCLAIMER.match(text):
            continue
        vote = 1 + len(_PUNCT.findall(text)) + min(cjk / 50, 4)
        block = blocks[key]
        chain: list[tuple[Tag, float]] = []
        if block.name in _CONTAINERS:
            chain.append((block, 1.0))
        parent = block.parent
        if parent is not None:
            chain.append((parent, 1.0))
            if parent.parent is not None:
                chain.append((parent.parent, 0.5))
        for node, weight in chain:
            if node.name in ("html", "[document]"):
                continue
            scores[id(node)] += vote * weight
            nodes[id(node)] = node
    best, best_score = None, 0.0
    for key, score in scores.items():
        node = nodes[key]
        total = len(node.get_text(strip=True)) or 1
        linked = sum(len(a.get_text(strip=True)) for a in node.find_all("a"))
        final = score * (1 - linked / total) ** 2
        if final > best_score:
            best, best_score = node, final
    return best


def block_lines(node: Tag) -> list[str]:
    """The text of ``node`` as lines: one per paragraph, ``<br>`` and block ends breaking lines.

    Lines that are mostly link text (tags, related items, pager) are dropped; attachment
    lines ("附件：…") are kept because they are part of a notice.
    """
    lines: list[list[tuple[str, bool]]] = [[]]

    def newline() -> None:
        if lines[-1]:
            lines.append([])

    def walk(el: Tag, in_link: bool) -> None:
        for child in el.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                lines[-1].append((str(child), in_link))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "br":
                newline()
                continue
            if child.name == "img":
                continue
            block = child.name in BLOCK_TAGS
            if block:
                newline()
            walk(child, in_link or child.name == "a")
            if child.name in ("td", "th"):
                lines[-1].append((" ", False))
            elif block:
                newline()

    walk(node, False)
    out: list[str] = []
    label: int | None = None  # index in ``out`` of a short "……：" line waiting for its items
    for parts in lines:
        text = clean("".join(t for t, _ in parts))
        if not text:
            continue
        linked = len(clean("".join(t for t, link in parts if link)))
        if linked / len(text) > 0.6 and not re.match(r"^附件", text):
            if label is not None and label == len(out) - 1:
                out.pop()  # "相关新闻：" over a list of links: the label goes with its items
            label = None
            continue
        label = len(out) if _LABEL.match(text) else None
        out.append(text)
    return out


#: A short line that introduces what follows it ("相关新闻：", "延伸阅读:").
_LABEL = re.compile(r"^[^。！？，]{2,12}[:：]$")


_CAPTION_NAME = re.compile(r"caption|pic|photo|img|image|tuzhu|tushuo", re.I)


def captions(node: Tag) -> list[str]:
    """Lines of ``node`` that the markup shows to be captions: a ``<figcaption>``, a block
    named like a picture's, or a short line that directly follows an image.

    The normaliser can only guess a caption from its wording (one short sentence alone);
    the markup knows, so a short sentence with no picture beside it (a one-line lead) is text.
    """
    found: list[str] = []
    for tag in node.find_all(True):
        names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if tag.name == "figcaption" or (names and _CAPTION_NAME.search(names) and len(tag.get_text(strip=True)) <= 80):
            found.append(clean(tag.get_text(" ")))
    for img in node.find_all("img"):
        block = _block_of(img)
        text = clean(block.get_text(" "))
        if text and len(text) <= 80:
            found.append(text)
            continue
        after = block.find_next_sibling(True)
        if after is not None and 0 < len(clean(after.get_text(" "))) <= 60 and not _bold(after):
            found.append(clean(after.get_text(" ")))
    return [c for c in found if c]


def _bold(el: Tag) -> bool:
    """All of ``el``'s text is set in bold: a lead or a subheading under a picture, not its caption."""
    text = clean(el.get_text(""))
    strong = "".join(clean(b.get_text("")) for b in el.find_all(["strong", "b"]) if b.find_parent(["strong", "b"]) is None)
    return bool(text) and len(strong) >= len(text)
