"""The headline: candidates from the page's structure and its metadata, chosen by agreement.

A page states its headline several times: in ``<h1>`` (or an ``<h2>``, or a block whose
class says "title"), in ``og:title`` / ``ArticleTitle`` / JSON-LD, and in ``<title>``
with the site's name glued on. Any one of them can be wrong (a logo in ``<h1>``, an
``og:title`` cut at a quote, a ``<title>`` that only names the section), so each
structural candidate is scored by how well the metadata agree with it; punctuation is
no argument against a headline. Lines that are never headlines (原标题, captions,
summaries, 来源于) are not candidates at all.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from bs4 import BeautifulSoup, Tag

from scrapers.core.patterns import fingerprint, han_count
from scrapers.extract.markup import Head, clean, jsonld_value

#: Never a headline: the original title quoted by a reposting site, a summary, a caption, a source line.
NEVER = re.compile(
    r"^[（(【\[]?\s*(?:本文)?原标题|^原题|^来源于|^(?:来源|稿源|出处)\s*[:：]|^(?:内容)?摘要|^导读|^编者按|^核心提示|"
    r"^图[:：/]|^图片来源|^(?:图|图片|视频)为|(?:记者|通讯员)?\s*\S{2,4}\s*摄[)）]?$|^视频[-：:]|^相关(?:新闻|阅读|文章)|"
    r"^(?:您的)?当前位置|^首页\s*[>»]"
)
_TITLE_CLASS = re.compile(r"title|biaoti|headline|(^|[-_])(bt|tit|tt)($|[-_])", re.I)
_SUBTITLE_CLASS = re.compile(r"sub-?title|fu-?title|vice|summary|abstract|digest|intro|desc", re.I)
#: What a ``<title>`` glues after the headline: _site, |channel, - site, ——site(owner)--slogan.
_TITLE_TAIL = re.compile(r"\s*(?:_{1,2}|\||｜|--|——?|－|\s-\s)\s*([^_|｜—－]{1,30}?)\s*$")
_BARE_HYPHEN_TAIL = re.compile(r"-([^-]{1,20})$")
#: Section or site names standing in for a headline in a bad ``<title>`` or ``og:title``.
_CHROME = re.compile(r"^(新闻(动态|中心|资讯)?|通知公告|工作动态|首页|正文|详情|文章|信息公开|.{0,12}(网|网站|官网|门户|频道))$")


def strip_site(title_tag: str) -> str:
    """``<title>`` without the site, channel and slogan glued after the headline."""
    text = clean(title_tag)
    for _ in range(6):
        m = _TITLE_TAIL.search(text) or _BARE_HYPHEN_TAIL.search(text)
        if not m or (han_count(text[: m.start()]) < 5 and len(fingerprint(text[: m.start()])) < 8):
            break
        text = text[: m.start()].rstrip()
    return text


def references(head: Head) -> list[tuple[str, str]]:
    """What the metadata say the headline is, most trusted first, as (kind, text)."""
    metas = head.metas
    found = [
        ("ArticleTitle", metas.get("ArticleTitle") or metas.get("articletitle") or ""),
        ("jsonld", jsonld_value(head, "headline", "name") if head.jsonld else ""),
        ("og:title", metas.get("og:title") or ""),
        ("twitter:title", metas.get("twitter:title") or ""),
        ("meta title", metas.get("title") or ""),
        ("<title>", strip_site(head.title_tag)),
    ]
    seen: set[str] = set()
    out = []
    for kind, text in found:
        key = fingerprint(text)
        if len(key) >= 4 and key not in seen and not _CHROME.match(text):
            seen.add(key)
            out.append((kind, clean(text)))
    return out


def is_candidate_text(text: str) -> bool:
    return 5 <= len(text) <= 120 and (han_count(text) >= 4 or len(fingerprint(text)) >= 10) and not NEVER.search(text)


def structural(soup: BeautifulSoup) -> list[Tag]:
    """Elements that may hold the headline: headings and blocks named like a title, in page order."""
    found = []
    for tag in soup.find_all(True):
        if tag.name in ("h1", "h2", "h3"):
            found.append(tag)
            continue
        names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
        if (
            names
            and _TITLE_CLASS.search(names)
            and not _SUBTITLE_CLASS.search(names)
            and tag.name != "a"
            and len(tag.get_text(strip=True)) <= 120
        ):
            found.append(tag)
    return found


def _agreement(candidate: str, reference: str) -> float:
    """Share of the longer of the two that they have in common (1.0: the same headline)."""
    a, b = fingerprint(candidate), fingerprint(reference)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size / max(len(a), len(b))


def find_title(soup: BeautifulSoup, head: Head, above_info: Tag | None = None) -> tuple[str, Tag | None, str]:
    """The headline, the element that shows it (``None`` when only metadata name it), and how it was chosen.

    In order: the structural candidate the metadata agree with most; the element that
    prints the metadata's headline (a ``<div>`` of no telling class); the metadata alone;
    the line right above the info line (pages with no metadata at all); the first ``<h1>``.
    """
    refs = references(head)
    best: tuple[float, str, Tag | None] = (0.0, "", None)
    for tag in structural(soup):
        text = clean(tag.get_text(" "))
        if not is_candidate_text(text):
            continue
        score = sum(a for a in (_agreement(text, r) for _, r in refs) if a >= 0.6)
        if score == 0:
            continue
        score += {"h1": 0.3, "h2": 0.15}.get(tag.name, 0.1) + (0.3 if tag is above_info else 0)
        if score > best[0]:
            best = (score, text, tag)
    if best[2] is not None:
        return _unbadged(best[1], refs), best[2], "agreement"
    if refs:
        kind, text = _trusted(refs)
        return text, _showing(soup, text), kind
    if above_info is not None:
        text = clean(above_info.get_text(" "))
        if is_candidate_text(text) and han_count(text) >= 6:
            return text, above_info, "above the info line"
    for tag in soup.find_all(["h1", "h2"]):
        text = clean(tag.get_text(" "))
        if is_candidate_text(text) and han_count(text) >= 6:
            return text, tag, tag.name
    return "", None, ""


#: A label a site prints inside the headline's element, before it: 原创, 独家, 置顶.
_BADGE = re.compile(r"^(原创|独家|置顶|热|荐|图|视频|专题|快讯)\s*")


def _unbadged(text: str, refs: list[tuple[str, str]]) -> str:
    """The headline without a badge the metadata do not have ("原创 最不愁吃肉…" → "最不愁吃肉…")."""
    m = _BADGE.match(text)
    if m and any(fingerprint(r) == fingerprint(text[m.end() :]) for _, r in refs):
        return text[m.end() :]
    return text


def _showing(soup: BeautifulSoup, text: str) -> Tag | None:
    """The innermost element whose whole text is ``text`` (where the info line is looked for)."""
    key = fingerprint(text)
    found = None
    for tag in soup.find_all(["div", "p", "span", "td", "strong", "b", "font", "li", "dt", "dd", "em"]):
        got = tag.get_text(" ", strip=True)
        if len(got) <= 2 * len(text) + 10 and fingerprint(got) == key:
            found = tag  # keep going: an inner one is better
        elif found is not None and found in tag.parents:
            break
    return found


def _trusted(refs: list[tuple[str, str]]) -> tuple[str, str]:
    """The metadata headline to believe when no element agrees: the first, unless cut short.

    ``og:title`` written with an unescaped quote ends there ("…龙湖集团" for
    "…龙湖集团"暗伤"曝露？"): a longer reference that starts with it is the whole headline.
    """
    kind, text = refs[0]
    for other_kind, other in refs[1:]:
        if fingerprint(other).startswith(fingerprint(text)) and len(other) > len(text):
            return other_kind, other
    return kind, text
