"""From the HTML of an item page of unknown layout to the raw text the normaliser reads.

The normaliser already knows how to clean a scraped page's text (chrome lines, datelines,
meta lines, repeats), so this module does not try to be clever about wording: it finds
three things in the markup and hands them over as plain lines — the headline, the page's
info line (publication time, source, author), and the paragraphs of the main text block.
``Extracted.raw_text()`` joins them the way a scraped page reads, and
``process.build_article`` takes it from there, exactly as for imported text.

The main block is found by paragraph voting with link-density damping (the readability /
GeneralNewsExtractor family): every text block votes for its container in proportion to
its length and its punctuation, containers full of links are discounted, and the best
container wins. The headline is the heading that best matches ``<title>``; dates come
from meta tags, ``<time>`` and the info line. A source may give CSS selectors for any of
the three; a selector that matches nothing falls back to the generic finding.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .sources import Selectors

_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "select", "button", "input", "textarea", "svg",
              "nav", "footer", "aside", "head", "link", "meta", "object", "embed", "canvas", "map")
_BLOCK_TAGS = frozenset({"p", "div", "td", "th", "li", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
                         "h6", "blockquote", "pre", "dd", "dt", "dl", "ul", "ol", "table", "tr", "tbody", "center",
                         "header", "figure", "figcaption", "body", "html"})
_CONTAINERS = frozenset({"div", "td", "section", "article", "main", "body", "center", "blockquote"})
_NOISE = re.compile(
    r"(?:^|[-_\s])(share|bdshare|jiathis|comment|footer|foot|nav|navbar|menu|breadcrumbs?|crumbs?|sidebar|"
    r"side|related|relate|recommend|hot|copyright|toolbar|tools|print|banner|login|search|qrcode|ewm|"
    r"pagination|pager|page-?nav|dqwz|position|location|topbar|header)(?:$|[-_\s\d])", re.I)
_PUNCT = re.compile(r"[，。；：！？、“”《》（）,;]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|--|—+|－|\s-\s)\s*")
_DATE = re.compile(
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?)?")
_INFO_WORDS = re.compile(r"发布|发表|日期|时间|来源|來源|作者|編輯|编辑|稿源|浏览|點擊|点击|發佈|發布|日期")
_META_TITLE = ("ArticleTitle", "og:title", "twitter:title", "title")
_META_DATE = ("PubDate", "pubdate", "publishdate", "publish_date", "article:published_time", "og:release_date",
              "firstpublishedtime", "dc.date", "dc.date.issued", "date", "publishtime")
_META_SOURCE = ("ContentSource", "source", "og:site_name", "SiteName")
INFO_MAX = 160


@dataclass(frozen=True)
class Extracted:
    """What an item page says, as plain text. ``how`` records which finder produced each part."""

    title: str
    info: str
    dates: tuple[str, ...]
    paragraphs: tuple[str, ...]
    how: str = "generic"

    @property
    def date(self) -> str:
        return self.dates[0] if self.dates else ""

    def raw_text(self) -> str:
        """The page as the normaliser expects scraped text: headline, info line, paragraphs."""
        lines = [self.title] if self.title else []
        info = self.info
        if self.date and not _DATE.search(info):
            info = f"发布时间：{self.date}" + (f" {info}" if info else "")
        if info:
            lines.append(info)
        lines.extend(self.paragraphs)
        return "\n".join(lines) + "\n"


def parse_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def extract(html: str, selectors: Selectors | None = None) -> Extracted:
    """Headline, info line, date candidates and main-text paragraphs of an item page."""
    soup = parse_html(html)
    selectors = selectors or Selectors()
    metas = _metas(soup)
    title_tag_text = _clean(soup.title.get_text()) if soup.title else ""
    _strip_noise(soup)
    how: list[str] = []

    title_el: Tag | None = None
    title = ""
    if selectors.title:
        title, title_el = _by_selector(soup, selectors.title, metas)
        how.append("title:selector" if title else "title:generic")
    if not title:
        title, title_el = find_title(soup, title_tag_text, metas)

    body_el: Tag | None = None
    paragraphs: list[str] = []
    if selectors.body:
        found = soup.select_one(selectors.body)
        if found is not None:
            body_el = found
            paragraphs = block_lines(found)
        how.append("body:selector" if paragraphs else "body:generic")
    if not paragraphs:
        body_el = find_body(soup)
        paragraphs = block_lines(body_el) if body_el is not None else []
    if paragraphs and title and _fingerprint(paragraphs[0]) == _fingerprint(title):
        paragraphs = paragraphs[1:]  # the block began with the headline itself

    info = ""
    if selectors.date:
        info, _ = _by_selector(soup, selectors.date, metas)
        how.append("date:selector" if info else "date:generic")
    if not info:
        info = find_info(soup, title_el, body_el)
    if info and _fingerprint(info) in {_fingerprint(p) for p in paragraphs[:3]}:
        paragraphs = [p for p in paragraphs if _fingerprint(p) != _fingerprint(info)]
    dates = find_dates(soup, metas, info)
    source = next((metas[k] for k in _META_SOURCE if metas.get(k)), "")
    if source and not re.search(r"来源|來源|稿源", info) and _CJK.search(source) and len(source) <= 20 \
            and not re.search(r"网$|網$|首页|官网", source):
        info = f"{info} 来源：{source}".strip()
    return Extracted(title, info, tuple(dates), tuple(paragraphs), " ".join(how) or "generic")


# --- helpers: markup -----------------------------------------------------------------------------

def _clean(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u3000", " ").split())


def _fingerprint(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", text))


def _metas(soup: BeautifulSoup) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in soup.find_all("meta"):
        key = meta.get("name") or meta.get("property") or meta.get("itemprop")
        value = meta.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            found.setdefault(key, _clean(value))
            found.setdefault(key.lower(), _clean(value))
    return found


def _strip_noise(soup: BeautifulSoup) -> None:
    """Remove what is never article text: scripts, forms, navigation, and blocks named like chrome."""
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("body", "html"):
            continue
        names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if names and _NOISE.search(names) and _own_text_len(tag) < 200:
            tag.decompose()
    for tag in soup.find_all(style=re.compile(r"display\s*:\s*none", re.I)):
        tag.decompose()


def _own_text_len(tag: Tag) -> int:
    """Characters of text not inside links: a long block named "side-…" is still kept."""
    links = sum(len(a.get_text(strip=True)) for a in tag.find_all("a"))
    return len(tag.get_text(strip=True)) - links


def _by_selector(soup: BeautifulSoup, selector: str, metas: dict[str, str]) -> tuple[str, Tag | None]:
    found = soup.select_one(selector)
    if found is None:
        # a meta tag selector ("meta[name=ArticleTitle]") was stripped with <head>: read the saved metas
        m = re.match(r"meta\[(?:name|property)=['\"]?([^'\"\]]+)['\"]?\]$", selector.strip())
        return (metas.get(m.group(1), ""), None) if m else ("", None)
    if found.name == "meta":
        return _clean(found.get("content") or ""), None
    return _clean(found.get_text(" ")), found


# --- the headline ----------------------------------------------------------------------------------

def find_title(soup: BeautifulSoup, title_tag: str, metas: dict[str, str]) -> tuple[str, Tag | None]:
    """The heading that shares the longest run with ``<title>`` (sites append their name there)."""
    reference = metas.get("ArticleTitle") or metas.get("og:title") or title_tag
    candidates: list[Tag] = list(soup.find_all(["h1", "h2", "h3"]))
    candidates += [t for t in soup.find_all(True, attrs={"class": re.compile(r"title|biaoti|bt", re.I)})
                   if t.name not in ("h1", "h2", "h3")]
    candidates += [t for t in soup.find_all(True, id=re.compile(r"title|biaoti", re.I))]
    best: tuple[float, int, str, Tag | None] = (0.0, 0, "", None)
    for order, tag in enumerate(candidates):
        text = _clean(tag.get_text(" "))
        if not (4 <= len(text) <= 90) or len(_CJK.findall(text)) < 4:
            continue
        overlap = _common(text, reference) if reference else 0
        score = overlap + (3 if tag.name == "h1" else 0) + (2 if overlap >= len(text) * 0.8 else 0)
        if score > best[0] or (score == best[0] and best[3] is None):
            best = (score, order, text, tag)
    if best[3] is not None and (not reference or best[0] >= 6):
        return best[2], best[3]
    if metas.get("ArticleTitle"):
        return metas["ArticleTitle"], None
    parts = [p for p in _TITLE_SPLIT.split(title_tag) if len(_CJK.findall(p)) >= 4]
    if parts:
        return max(parts, key=len), None
    return (best[2], best[3]) if best[3] is not None else (title_tag, None)


def _common(a: str, b: str) -> int:
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size


# --- dates and the info line -------------------------------------------------------------------------

def find_info(soup: BeautifulSoup, title_el: Tag | None, body_el: Tag | None) -> str:
    """The short line near the headline that gives the time, source or author."""
    start = title_el if title_el is not None else None
    pool: list[Tag] = []
    if start is not None:
        for el in start.find_all_next(True, limit=60):
            if body_el is not None and (el is body_el or body_el in el.parents):
                break
            pool.append(el)
    else:
        pool = list(soup.find_all(attrs={"class": re.compile(r"info|time|date|source|pub|attr|meta", re.I)}))
    best = ""
    for el in pool:
        text = _clean(el.get_text(" "))
        if not text or len(text) > INFO_MAX:
            continue
        if _DATE.search(text) or (_INFO_WORDS.search(text) and re.search(r"[:：]", text)):
            # prefer the innermost element that has it all (a <span> with only the date is too little)
            if not best or (len(text) >= len(best) and _DATE.search(text)) or not _DATE.search(best):
                best = text
            if _DATE.search(best) and _INFO_WORDS.search(best):
                break
    return best


def find_dates(soup: BeautifulSoup, metas: dict[str, str], info: str) -> list[str]:
    """Publication date candidates, most trusted first, as ``YYYY-MM-DD[ HH:MM]``."""
    raw: list[str] = [metas[k] for k in _META_DATE if metas.get(k)]
    raw += [t.get("datetime") or t.get_text() for t in soup.find_all("time")]
    raw.append(info)
    found: list[str] = []
    for text in raw:
        if not isinstance(text, str):
            continue
        m = _DATE.search(text)
        if not m:
            continue
        y, mo, d, hh, mm = m.groups()
        if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
            continue
        value = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}" + (f" {int(hh):02d}:{mm}" if hh else "")
        if value not in found:
            found.append(value)
    return found


# --- the main text -----------------------------------------------------------------------------------

def _block_of(node: Tag) -> Tag:
    while node.name not in _BLOCK_TAGS and node.parent is not None:
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
        cjk = len(_CJK.findall(text))
        if cjk < 10:
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
            block = child.name in _BLOCK_TAGS
            if block:
                newline()
            walk(child, in_link or child.name == "a")
            if child.name in ("td", "th"):
                lines[-1].append((" ", False))
            elif block:
                newline()

    walk(node, False)
    out: list[str] = []
    for parts in lines:
        text = _clean("".join(t for t, _ in parts))
        if not text:
            continue
        linked = len(_clean("".join(t for t, link in parts if link)))
        if linked / len(text) > 0.6 and not re.match(r"^附件", text):
            continue
        out.append(text)
    return out

