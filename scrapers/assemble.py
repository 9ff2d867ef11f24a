"""From the text of one press page to one :class:`~scrapers.core.article.Article`.

Composes the cleaning pipeline and the enrichers: clean characters, split into lines,
find the headline and the article text, drop chrome and repeats, then read date,
source, place, category and tags. Every doubt is written into ``Review`` so an editor
sees it; nothing garbled or guessed is published silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date

from scrapers.core.article import Article, make_slug
from scrapers.core.docnumber import doc_numbers
from scrapers.core.gazetteer import load_gazetteer
from scrapers.core.patterns import SALUTATION, fingerprint, lazy, strip_dateline
from scrapers.core.rules import Stage, article_findings
from scrapers.enrich.classify import classify, find_tags
from scrapers.enrich.dateline import find_attribution
from scrapers.enrich.dates import DateFinding, bare_month_day, find_date
from scrapers.enrich.outlets import outlet_of_url
from scrapers.enrich.places import city_of_place, find_place, place_of_host, region_of_host
from scrapers.enrich.structured import add_structure
from scrapers.enrich.title import (
    body_start,
    breadcrumb_title,
    clean_title,
    derive_title,
    headline_line,
    join_split_title,
    split_glued_meta,
)
from scrapers.extract import Extracted, extract
from scrapers.fetch.sources import Selectors
from scrapers.normalise.escape import escape_markdown, escape_text, unescape_markdown
from scrapers.normalise.junk import is_caption, is_junk_line
from scrapers.normalise.lines import split_lines
from scrapers.normalise.pinyin import find_pinyin
from scrapers.normalise.pipeline import clean_body, clean_text, marked_runs
from scrapers.normalise.script import traditional_chars

SUMMARY_LIMIT = 120
#: An outlet's tag before a headline: "【大众网】2024年…" (the outlet is the Source, not the title).
_OUTLET_TAG = lazy(lambda w: rf"^[【\[][^】\]]{{2,10}}(?:{w.outlet_suffixes})[】\]]\s*")


@dataclass(frozen=True)
class Hints:
    """What a source registry knows about a site, used only where the page says nothing.

    ``outlet``: the publisher when the page names none; ``region``: the region when the
    text names no place and no national body.
    """

    outlet: str = ""
    region: str = ""


@dataclass(frozen=True)
class PageParts:
    """The cleaned page cut into its parts (useful to tests and to the evaluation)."""

    title: str
    title_found: bool
    header: list[str]
    body: list[str]
    tail: list[str]
    #: an outlet the headline line credits ("新蓝网：…"), a source of last resort
    title_outlet: str = ""


#: A notice's document number on its own line: "某监函〔2025〕13号", "某发[2024]5号".
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,14}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\d{1,4}\s*号$")


#: The bodies a notice or a reply is addressed to, alone on its first line: "某某省、某某自治区
#: 质量技术监督局：", "某某市市场监督管理局：" (a salutation by the addressees' names).
_ADDRESSED = re.compile(r"^[^。，,；;：:]{2,100}(局|委|厅|办|政府|院|所|中心)[：:]$")


def _with_doc_number(lines: list[str], start: int) -> int:
    """Where a notice opening at ``lines[start]`` starts: at its 文号 line (认监函〔2025〕3号) when
    one stands above its salutation, over any chrome between them (a forum's jammer line)."""
    above = start - 1
    while above >= 0 and is_junk_line(lines[above]):
        above -= 1
    return above if above >= 0 and _DOC_NUMBER_LINE.match(lines[above]) else start


def split_page(raw: str, page: Extracted | None = None) -> PageParts:
    """Headline, header, body and tail of a page's text.

    With ``page`` (the text came from :func:`~scrapers.extract.extract`), the extractor's
    headline is the headline as the page prints it, punctuation, column tags and all: its
    first line; the body starts after the header lines it wrote.
    """
    lines = split_lines(clean_text(raw))
    if page is not None and page.title and lines:
        start = min(page.header_lines, len(lines))
        rest = lines[start:]
        kept, used = _with_leads(rest, clean_body(rest, seen=[lines[0]]), page, lines[0])
        title = _OUTLET_TAG.sub("", lines[0]).strip() or lines[0]
        return PageParts(title, True, lines[:start], kept, [x for i, x in enumerate(rest) if i not in used])
    lines = split_glued_meta(lines)
    t = headline_line(lines)
    start = body_start(lines)
    if t is not None and t >= start:
        start = t + 1
    if start > 0 and start < len(lines) and (SALUTATION.match(lines[start - 1]) or _ADDRESSED.match(lines[start - 1])):
        start -= 1  # "各有关单位：" opens a notice: it is text, not page chrome
    if start < len(lines) and (SALUTATION.match(lines[start]) or _ADDRESSED.match(lines[start])):
        start = _with_doc_number(lines, start)  # and the notice's 文号 above it is its text too
    header = lines[:start]
    body_all = lines[start:]
    kept = clean_body(body_all, seen=[lines[t]] if t is not None else None)
    kept_set = set(kept)
    tail = [line for line in body_all if line not in kept_set]
    outlet = ""
    crumb = breadcrumb_title(header, kept[0]) if t is None and kept else ""
    if t is not None:
        title, outlet = clean_title(_OUTLET_TAG.sub("", join_split_title(lines, t)))
    elif crumb:
        return PageParts(crumb, True, header, kept, tail)
    else:
        # a notice's salutation (各有关单位：) opens the text but says nothing a headline could
        # nor does its 文号 or the names of the bodies it is addressed to
        opening = (x for x in kept if not (SALUTATION.match(x) or _ADDRESSED.match(x) or _DOC_NUMBER_LINE.match(x)))
        title = derive_title(next(opening, ""))
    return PageParts(title, t is not None, header, kept, tail, outlet)


def _is_subsequence(short: str, long_: str) -> bool:
    """Whether ``short`` is ``long_`` with some characters taken out (in order)."""
    rest = iter(long_)
    return all(ch in rest for ch in short)


def _align(lines: list[str], kept: list[str]) -> list[int | None]:
    """For each kept line, the source line it came from (``None`` when none is found).

    The normaliser keeps lines in order but may rewrite one on the way: an inline mark cut out
    ("（完）" after the last sentence, a gambling brand written into a sentence), woven spam
    taken out of a clause. So a kept line matches the first source line at or after the last
    match that is the same line, or that holds all its letters and digits in order.
    """
    out: list[int | None] = []
    at = 0
    for line in kept:
        found = next((i for i in range(at, len(lines)) if lines[i] == line), None)
        if found is None:
            key = fingerprint(line)
            found = next(
                (i for i in range(at, len(lines)) if key and _is_subsequence(key, fingerprint(lines[i]))),
                None,
            )
        out.append(found)
        if found is not None:
            at = found + 1
    return out


def _with_leads(lines: list[str], kept: list[str], page: Extracted, title: str) -> tuple[list[str], set[int]]:
    """``kept`` with the short sentences the normaliser took for captions put back, unless the
    markup shows them to be captions (a one-sentence lead is text; "市民参观展馆。" under a
    photo is not), and the source lines the body now stands for. Only lines before the end of
    the kept text come back. A kept line the normaliser rewrote stays as rewritten, in its
    place: nothing it kept is lost."""
    if not kept:
        return kept, set()
    shown = {fingerprint(c) for c in page.captions} | {fingerprint(title)}
    where = _align(lines, kept)
    matched = {i: n for n, i in enumerate(where) if i is not None}
    last = max(matched, default=-1)
    placed: list[tuple[int, int, str]] = []  # (source line, 0 for itself / 1 after it, text)
    used: set[int] = set()
    for i, line in enumerate(lines):
        if i in matched:
            placed.append((i, 0, kept[matched[i]]))
            used.add(i)
        elif i < last and is_caption(line) and not is_junk_line(line) and fingerprint(line) not in shown:
            placed.append((i, 0, line))
            used.add(i)
    # a kept line no source line holds (none should be) stays, after the one kept before it
    before = -1
    for line, i in zip(kept, where, strict=True):
        if i is None:
            placed.append((before, 1, line))
        else:
            before = i
    return [text for _, _, text in sorted(placed, key=lambda p: (p[0], p[1]))], used


#: A body named relative to the page's place: 省市场监管局, 市检验检测认证院, 县市场监管局.
_RELATIVE = re.compile(r"^(省|市|州|县|区)(?!场监|场监督)[\u4e00-\u9fff]{2,20}$")


#: Short and full forms of the same kind of body, so 省市场监管局 is recognised as the
#: registry's 浙江省市场监督管理局 and 省发改委 is not.
_BODY_FORMS = (("市场监管局", "市场监督管理局"), ("发改委", "发展和改革委员会"), ("质监局", "质量技术监督局"))


def _same_body(relative: str, outlet: str) -> bool:
    """Whether a name given relative to its place ("市场监管局") names the registry's outlet."""
    tail = relative[1:]
    if tail and tail in outlet:
        return True
    return any((tail == short and full in outlet) or (tail == full and short in outlet) for short, full in _BODY_FORMS)


def _full_name(source: str, outlet: str, region: str, city: str) -> str:
    """A source named relative to its place ("省市场监管局") in full.

    The page's own words win: the registry's outlet replaces the relative name only when it
    is the same body (省市场监管局 on the 浙江省市场监督管理局 site); another body the page
    names (信息来源：省发改委) keeps its name with the page's province or city in front.
    """
    m = _RELATIVE.match(source)
    if not m:
        return source
    if outlet and _same_body(source, outlet):
        return outlet
    place = region if m[1] == "省" and region.endswith("省") else city if m[1] in "市州" and city else ""
    return place + source[1:] if place else source


def lead_paragraph(body: list[str]) -> str:
    """The first paragraph that says something: not a notice's 文号 line nor its salutation (各有关单位：)."""
    for paragraph in body:
        text = paragraph.strip()
        numbers = doc_numbers(text)
        if SALUTATION.match(text) or (numbers and len(text) <= len(numbers[0]) + 4):
            continue
        return paragraph
    return body[0] if body else ""


def summarise(lead: str, limit: int = SUMMARY_LIMIT) -> str:
    """The lead without its dateline, cut at a sentence end within ``limit`` characters."""
    text = strip_dateline(lead).strip()
    if len(text) <= limit:
        return text
    cut = max(text.rfind(p, 0, limit) for p in "。；！？")
    return text[: cut + 1] if cut > limit // 3 else text[:limit].rstrip("，、；：") + "…"


def short_key(raw: str, url: str) -> str:
    """What the slug's short id hashes: the source URL, else the raw page itself."""
    return url or hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()  # any str, even a lone surrogate


def build_from_html(
    html: str, url: str = "", today: date | None = None, hints: Hints | None = None, selectors: Selectors | None = None
) -> Article:
    """One item page's HTML → article: :func:`~scrapers.extract.extract`, then :func:`build_article`
    with the extracted headline, date and source as facts (the path of ``fetch``, ``normalise`` and
    ``import`` alike)."""
    page = extract(html, selectors)
    return build_article(page.raw_text(), url, today, hints, page)


def build_article(
    raw: str, url: str = "", today: date | None = None, hints: Hints | None = None, page: Extracted | None = None
) -> Article:
    """Normalise one raw page into an article (pure: same input, same output).

    ``page``: what the extractor found when ``raw`` is its ``raw_text()``; its headline, date
    and source are the page's own statements and come before anything read back from text.
    """
    today = today or date.today()
    hints = hints or Hints()
    parts = split_page(raw, page)
    gaz = load_gazetteer()
    attribution = find_attribution(parts.header, parts.body, parts.tail, parts.title, gaz.names)
    page_source = page.source if page is not None else ""
    source = attribution.source or page_source or parts.title_outlet or hints.outlet or outlet_of_url(url)
    region, city = _region_city(parts, attribution.place, url, hints, source)
    source = _full_name(source, hints.outlet, region, city)
    found = _page_date(page, today) or find_date(
        parts.header, parts.title if parts.title_found else "", parts.body, parts.tail, url, today
    )
    day, date_flags = _dated(found, parts, today)
    review = _doubts(parts, source, date_flags)
    category = classify(parts.title if parts.title_found else "", parts.body)
    body = "\n\n".join(escape_markdown(p) for p in parts.body)
    article = Article(
        title=parts.title,
        date=day,
        category=category,
        region=region,
        slug=make_slug(day, short_key(raw, url)),
        body=body,
        tags=find_tags(parts.title, parts.body),
        city=city,
        source=source,
        source_url=url,
        authors=attribution.authors,
        summary=summarise(lead_paragraph(parts.body)),
        review=tuple(review),
    )
    article = add_structure(article, parts.body)  # 文号, issuer, dates of a notice; an event's day and place
    return held_to_the_rules(article, today)


def held_to_the_rules(article: Article, today: date) -> Article:
    """The article with every error of the content rules (stage ``normalise``) added to its Review.

    The same engine as ``invoke check`` and the build (:mod:`scrapers.core.rules`): what the
    normaliser writes is never invalid silently; an editor sees each error in the scrape's
    pull request and in ``invoke check``, in the check's own words.
    """
    errors = [f for f in article_findings(article, today, Stage.NORMALISE) if f.error]
    flags = tuple(f"规则：{f.field}：{f.message}".replace("|", "｜") for f in errors)
    return replace(article, review=article.review + flags) if flags else article


def _region_city(parts: PageParts, dateline_place: str, url: str, hints: Hints, source: str = "") -> tuple[str, str]:
    """Region and city: what the text names; the registry's region when it names nothing; the
    city of a local government's site when the text names no other place ("我市")."""
    # a headline derived from the lead repeats the lead's first words: they count once, as the
    # lead (a notice opening 根据市场监管总局、公安部…《…》 cut before its 《》 is no national headline)
    place = find_place(parts.title if parts.title_found else "", parts.body, dateline_place, source)
    # a text that names no place: the registry's region, else a provincial news site's province
    region = place.region if place.evidence else hints.region or region_of_host(url) or place.region
    city = place.city
    local = place_of_host(url) if not city else None
    if local is not None and (not place.evidence or region == local.province):
        region, city = local.province, city_of_place(local)
    return region, city


def _dated(found: DateFinding | None, parts: PageParts, today: date) -> tuple[str, list[str]]:
    """The article's date and what an editor must check about it (never a year taken from the
    import date: a bare 9月15日 is flagged, and the import date stands in until it is checked)."""
    if found is not None:
        return found.value, [found.note] if found.note else []
    bare = bare_month_day(parts.body)
    if bare:
        return today.isoformat(), [f"页面只给出{bare}，未能确定年份，暂用导入日期，请核对发布日期"]
    return today.isoformat(), ["页面未给出发布日期，暂用导入日期，请核对"]


def _doubts(parts: PageParts, source: str, date_flags: list[str]) -> list[str]:
    """Review flags about the headline, the date, the source and the text, in that order:
    every doubt is shown to an editor."""
    flags = [] if parts.title_found else ["页面未显示标题，标题由导语生成，请改写"]
    flags += date_flags
    if not source:
        flags.append("未能确定来源媒体或机构，请补充来源")
    text = "\n".join(parts.body)
    runs = marked_runs(text) + marked_runs(parts.title)
    if runs:
        flags.append("疑似乱码未能修复（已在正文中标出）：" + "、".join(f"「{r}」" for r in dict.fromkeys(runs)))
    leftovers = find_pinyin(text) + traditional_chars(text)
    if leftovers:
        flags.append("残留拼音或繁体字：" + " ".join(leftovers[:10]))
    if not parts.body:
        flags.append("未识别出正文")
    return flags


def _page_date(page: Extracted | None, today: date) -> DateFinding | None:
    """The first publication date the page states about itself that is not in the future."""
    if page is None:
        return None
    for value in page.dates:
        if value[:10] <= today.isoformat():
            return DateFinding(value, "page")
    return None


def renormalise(article: Article) -> Article:
    """Clean an existing article's text again (characters only; its structure is trusted).

    Running the normaliser on its own output changes nothing: every character step is
    idempotent and escaping undoes itself first.
    """
    paragraphs = [p for p in article.body.split("\n\n") if p.strip()]
    body = "\n\n".join(escape_text(clean_text(unescape_markdown(p)).strip()) for p in paragraphs)
    return replace(article, body=body, title=clean_text(article.title).strip(), scraper_hash="")
