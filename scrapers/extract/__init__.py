"""From the HTML of an item page of unknown layout to the facts and text the normaliser reads.

One module per field, as GeneralNewsExtractor has it: :mod:`.title` (headline by agreement
between structure and metadata), :mod:`.date` (publication time), :mod:`.source` (the
credited outlet) and :mod:`.body` (the main text block). ``extract`` returns them as an
:class:`Extracted`; ``Extracted.raw_text()`` joins them the way a scraped page reads, and
``process.build_article`` takes it from there, with the extracted headline, date and source
as facts (``page=``) so the normaliser never has to guess them back from the text.

A source may give CSS selectors for the headline, the date and the body; a selector that
matches nothing falls back to the generic finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag

from scrapers.core.patterns import DATE_TIME, fingerprint, han_count
from scrapers.extract.body import block_lines, captions, find_body
from scrapers.extract.date import as_date, find_dates
from scrapers.extract.markup import by_selector, clean, read_head, strip_noise
from scrapers.extract.source import find_source
from scrapers.extract.title import NEVER, find_title, is_candidate_text
from scrapers.fetch.sources import Selectors

__all__ = ["Extracted", "block_lines", "extract", "find_body", "parse_html"]

_INFO_WORDS = re.compile(r"发布|发表|日期|时间|来源|來源|作者|編輯|编辑|稿源|浏览|點擊|点击|發佈|發布|出处|责编")
INFO_MAX = 160


@dataclass(frozen=True)
class Extracted:
    """What an item page says, as plain text. ``how`` records which finder produced each part."""

    title: str
    info: str
    dates: tuple[str, ...]
    paragraphs: tuple[str, ...]
    how: str = "generic"
    source: str = ""
    #: lines of the body that the markup shows to be picture captions
    captions: tuple[str, ...] = ()

    @property
    def date(self) -> str:
        return self.dates[0] if self.dates else ""

    def raw_text(self) -> str:
        """The page as the normaliser expects scraped text: headline, info line, paragraphs."""
        lines = [self.title] if self.title else []
        info = self.info
        if self.date and as_date(info)[:10] != self.date[:10]:
            info = f"发布时间：{self.date}" + (f" {info}" if info else "")
        if self.source and self.source not in info:
            info = f"{info} 来源：{self.source}".strip()
        if info:
            lines.append(info)
        lines.extend(self.paragraphs)
        return "\n".join(lines) + "\n"

    @property
    def header_lines(self) -> int:
        """How many lines of ``raw_text()`` come before the paragraphs."""
        return len(self.raw_text().splitlines()) - len(self.paragraphs)


def parse_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def extract(html: str, selectors: Selectors | None = None) -> Extracted:
    """Headline, info line, date candidates, source and main-text paragraphs of an item page."""
    soup = parse_html(html)
    selectors = selectors or Selectors()
    head = read_head(soup)
    strip_noise(soup)
    how: list[str] = []

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

    title_el: Tag | None = None
    title = ""
    if selectors.title:
        title, title_el = by_selector(soup, selectors.title, head.metas)
        how.append("title:selector" if title else "title:generic")
    if not title:
        title, title_el, _ = find_title(soup, head, _above(_first_info(soup, body_el)))
    info = ""
    if selectors.date:
        info, _ = by_selector(soup, selectors.date, head.metas)
        how.append("date:selector" if info else "date:generic")
    if not info:
        info = find_info(soup, title_el, body_el)
        if not DATE_TIME.search(info):
            # some pages print the info line after the text ("版权声明 来源：… 时间：…")
            anywhere = _first_info(soup, None, stop_at_text=False)
            text = clean(anywhere.get_text(" ")) if anywhere is not None else ""
            if _INFO_WORDS.search(text) and not is_sentence(text):
                # "来源于：东区办事处" under the headline, "发布日期：…" under the text: both are the info
                info = f"{info} {text}".strip() if info and fingerprint(info) not in fingerprint(text) else text
    paragraphs = _without_header(paragraphs, title, info)
    paragraphs = closed_by_editor(paragraphs)
    dates = [value for value, _ in find_dates(soup, head, info)]
    source, _ = find_source(head, info, soup)
    how.sort(key=lambda h: ("title", "body", "date").index(h.split(":")[0]))
    shown = tuple(captions(body_el)) if body_el is not None else ()
    return Extracted(title, info, tuple(dates), tuple(paragraphs), " ".join(how) or "generic", source, shown)


def _without_header(paragraphs: list[str], title: str, info: str) -> list[str]:
    """The body's lines without the headline and info line when the body block began with them."""
    drop = {fingerprint(title)} if title else set()
    if info:
        drop.add(fingerprint(info))
    out = list(paragraphs)
    while out and (
        fingerprint(out[0]) in drop
        or (info and len(out[0]) <= INFO_MAX and _is_info(out[0]) and fingerprint(out[0]) in fingerprint(info))
    ):
        out.pop(0)
    if info:
        out = [p for i, p in enumerate(out) if i > 3 or fingerprint(p) != fingerprint(info)]
    return out


#: The editor's credit that closes a Chinese press article: "责任编辑：张迪", "（责编：王五）".
_EDITOR = re.compile(r"^[(（【\[]?\s*(?:责任编辑|责编|编辑|审核|校对)\s*[:：]")


def closed_by_editor(paragraphs: list[str]) -> list[str]:
    """The body up to the editor's credit when the credit comes after most of the text.

    Whatever a page prints below "责任编辑：…" in the same block is the next item (a related
    story, an injected block), not this article; only attachment lines ("附件：…") follow a
    notice's credit. A credit in the first half of the text (some sites print it under the
    headline) closes nothing.
    """
    total = sum(len(p) for p in paragraphs)
    seen = 0
    for i, line in enumerate(paragraphs):
        seen += len(line)
        if len(line) <= 40 and _EDITOR.match(line) and seen >= total / 2:
            return paragraphs[: i + 1] + [p for p in paragraphs[i + 1 :] if re.match(r"^附件", p)]
    return paragraphs


def is_sentence(text: str) -> bool:
    """Running text, not an info line: a sentence closes in it ("……开展调研。")."""
    return bool(re.search(r"[。！？]", text)) and han_count(text) >= 15


def _is_info(text: str) -> bool:
    return bool(DATE_TIME.search(text) and (_INFO_WORDS.search(text) or len(text) <= 40)) or bool(
        _INFO_WORDS.search(text) and re.search(r"[:：]", text) and len(text) <= 80
    )


def _first_info(soup: BeautifulSoup, body_el: Tag | None, stop_at_text: bool = True) -> Tag | None:
    """The innermost short element with a date (and info words) that comes before the running text."""
    for el in soup.find_all(True):
        text = clean(el.get_text(" "))
        if stop_at_text and len(text) > 300 and el.find(True) is None:
            return None  # running text reached
        if not text or len(text) > INFO_MAX or not DATE_TIME.search(text) or el.find_parent(["li", "a"]) is not None:
            continue  # a dated item of a list is another page
        if is_sentence(text):
            continue  # "2019年2月27日下午，……调研。" is the lead, dated by its event
        if not (_INFO_WORDS.search(text) or len(text) <= 40):
            continue
        inner = [c for c in el.find_all(True) if DATE_TIME.search(c.get_text(" ")) and len(c.get_text(strip=True)) > 0]
        if inner and all(_INFO_WORDS.search(c.get_text(" ")) is None for c in inner) and _INFO_WORDS.search(text):
            return el  # the date in a <span>, the words beside it: the whole line is the info line
        if not inner:
            return el
    return None


def _above(info_el: Tag | None) -> Tag | None:
    """The nearest element before the info line that could be a headline (not one of its ancestors)."""
    if info_el is None:
        return None
    ancestors = {id(a) for a in info_el.parents}
    for el in info_el.find_all_previous(True, limit=40):
        if id(el) in ancestors:
            continue
        text = clean(el.get_text(" "))
        if not text:
            continue
        if is_candidate_text(text) and not NEVER.search(text) and not DATE_TIME.search(text):
            return el
        if len(text) > 120:
            return None
    return None


def find_info(soup: BeautifulSoup, title_el: Tag | None, body_el: Tag | None) -> str:
    """The short line near the headline that gives the time, source or author."""
    pool: list[Tag] = []
    if title_el is not None:
        for el in title_el.find_all_next(True, limit=60):
            if (
                body_el is not None
                and el is not body_el
                and body_el in el.parents
                and pool
                and len(el.get_text(strip=True)) > INFO_MAX
            ):
                break
            pool.append(el)
    else:
        found = _first_info(soup, body_el)
        if found is not None:
            return clean(found.get_text(" "))
        pool = list(soup.find_all(attrs={"class": re.compile(r"info|time|date|source|pub|attr|meta", re.I)}))
    best = ""
    for el in pool:
        text = clean(el.get_text(" "))
        if not text:
            continue
        if len(text) > INFO_MAX:
            if el.find(_BLOCKS) is None:
                break  # running text: the info line is above it
            continue
        dated = DATE_TIME.search(text)
        if not (dated or (_INFO_WORDS.search(text) and re.search(r"[:：]", text))) or is_sentence(text):
            continue
        if not best or fingerprint(best) in fingerprint(text):
            best = text
        elif dated and not DATE_TIME.search(best):
            best = f"{best} {text}"  # "来源于：…" under the headline, "发布日期：…" further down
        if DATE_TIME.search(best) and _INFO_WORDS.search(best):
            break
    return best


_BLOCKS = ["p", "div", "td", "li", "section", "article", "table", "ul", "dl", "h1", "h2", "h3", "br"]
