"""Near-duplicate detection: one press release republished by many sites is one article.

Copies differ in script (already folded to Simplified before this runs), in the noise
around them and in truncation, so identity is judged on the article text's character
shingles. Containment (the share of the shorter text's shingles found in the longer one)
finds the candidates: a truncated copy still scores high on it, unlike plain Jaccard. But
containment alone also joins two different articles about one event (a newspaper's own
report of a meeting and a wire service's, both built on the same release), so the
importer merges a candidate only when the two are the same item (:func:`same_item`):
symmetric similarity of the whole texts is high, or their leads (dateline, byline, first
sentence) agree, as a truncated copy's do and another outlet's report's do not.

Candidates are found with a content-defined sample of shingles (those starting with an
anchor character, about one in thirty-two), kept in an inverted index: a shingle is
sampled in every text that has it, so two copies share about the same share of their
samples as of their shingles, and each candidate is confirmed with the exact containment.
MinHash LSH (datasketch) was the first engine; it was measured at about 1 ms per article
to add and 2 ms to query (a Python-level SHA-1 per shingle), half a minute for ten
thousand articles, against a few seconds here, with the same pairs found (a test compares
both with an exhaustive comparison).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import chain

from scrapers.core.article import Article
from scrapers.core.patterns import fingerprint, lazy, strip_dateline

SHINGLE = 4
CONTAINMENT = 0.6
#: Jaccard similarity of the whole texts above which two candidates are one item whatever their leads.
SYMMETRIC = 0.8
#: Letters and digits of a lead compared (about the dateline, byline and first sentence).
LEAD = 60
#: Share of each lead's shingles the other text's opening must contain for the leads to agree.
LEAD_AGREES = 0.5
#: Share of the shorter text found in the longer above which it is a copy whatever its lead, and
#: the letters and digits the shorter must have for that (a copy that lost its first paragraph).
WHOLE = 0.95
WHOLE_MIN = 200
#: Share of the shorter text found in the longer below which agreeing leads do not make two texts
#: one item: two outlets rewriting one official release open with its long formula (the bodies
#: that issued it, what they published) and retell its figures, but each in its own words (a
#: signed report and an unsigned one: 78% of the shorter found in the longer), while every copy of
#: a release in the labelled sets, noisy, cut short or re-scripted, keeps 86% or more.
LEAD_CONTAINED = 0.8


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The ``k``-character shingles of a text's letters and digits."""
    return _grams(fingerprint(text), k)


def _grams(core: str, k: int = SHINGLE) -> set[str]:
    return {core[i : i + k] for i in range(max(len(core) - k + 1, 0))}


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other (is one text contained in the other?)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    """Symmetric similarity: shared shingles over all shingles of either text."""
    return len(a & b) / len(a | b) if a and b else 0.0


#: A dated dateline opening a text: who sends it (outlet, app, place), the day, 电/讯/消息:
#: "中新网北京12月23日电", "某某报社12月3日讯", "某某 App 12 月 23 日消息".
_DATED_DATELINE = re.compile(r"^\s*(?P<who>[^，。：:,，\d]{2,24}?)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯|消息)")


#: A dateline's sender that refers to whoever prints it.
_SELF = ("本报", "本网", "本刊", "本台", "本站")


def dateline_sender(text: str) -> str:
    """Who a text's dated dateline says sent it (letters only; "" when it has none, or when it
    names no one: 本报北京… is whichever paper printed it, and a portal's copy may say so too)."""
    found = _DATED_DATELINE.match(text)
    if not found or found.group("who").lstrip().startswith(_SELF):
        return ""
    return fingerprint(found.group("who"))


def other_sender(a: str, b: str) -> bool:
    """Whether two texts open with dated datelines of different senders (neither name is in the
    other: 中新网北京 and 中新网 are one sender). A mirror keeps its original's dateline; an
    outlet that prints its own over an excerpt of a release (某某 App 12月23日消息 over two
    paragraphs of a wire's 中新网12月23日电) makes an item of its own."""
    sa, sb = dateline_sender(a), dateline_sender(b)
    return bool(sa and sb) and sa not in sb and sb not in sa


def same_item(a: str, b: str) -> bool:
    """Whether two candidate texts (containment at least ``CONTAINMENT``) are one item.

    Either the whole texts are alike both ways (``SYMMETRIC``), or the shorter is all found in
    the longer (``WHOLE``: a mirror that lost the first paragraph; two outlets' reports share a
    quote or a background paragraph, never all of the shorter text), or each lead is found in
    the other's opening (``LEAD_AGREES``) and most of the shorter text in the longer
    (``LEAD_CONTAINED``): copies of a release keep its dateline and first sentence, even
    truncated; two outlets' reports of one event open differently, or retell the release's
    formula and figures in their own words.

    The lead is read in two stretches of ``LEAD`` characters, each to be found in the other's
    opening: two outlets' reports of one press conference can open with the same formula
    sentence (8月14日，某某总局召开…新闻发布会。) and quote the same official further on, but
    what follows the formula is each outlet's own; a copy goes on as its original does (the
    second stretch is read only as far as the shorter text goes: a copy cut before it has
    nothing to disagree with).
    """
    ca, cb = fingerprint(a), fingerprint(b)
    sa, sb = _grams(ca), _grams(cb)
    if jaccard(sa, sb) >= SYMMETRIC:
        return True
    if other_sender(a, b):
        return False  # an excerpt under another outlet's dateline: its own item
    contained = containment(sa, sb)
    if min(len(ca), len(cb)) >= WHOLE_MIN and contained >= WHOLE:
        return True  # all of one text in the other: a copy that lost its lead, not a second report
    if contained < LEAD_CONTAINED:
        return False  # one release retold twice: the leads may agree, the words do not
    common = min(len(ca), len(cb))  # a truncated copy is read only as far as it goes
    for start in (0, LEAD):
        end = min(start + LEAD, common) if start else start + LEAD
        part_a, part_b = _grams(ca[start:end]), _grams(cb[start:end])
        open_a, open_b = _grams(ca[: start + 3 * LEAD]), _grams(cb[: start + 3 * LEAD])
        if not (_found(part_a, open_b) and _found(part_b, open_a)):
            return False
    return True


def same_opening(a: str, b: str) -> bool:
    """Whether two copies of one item open alike: each one's first ``LEAD`` characters found in
    the other's opening. A mirror that reorders the paragraphs (a teaser moved up, the lead
    pushed down) does not print the text as its original does."""
    ca, cb = fingerprint(a), fingerprint(b)
    return _found(_grams(ca[:LEAD]), _grams(cb[: 3 * LEAD])) and _found(_grams(cb[:LEAD]), _grams(ca[: 3 * LEAD]))


def _found(part: set[str], whole: set[str]) -> bool:
    """Whether ``part`` (a stretch of one lead) is found in ``whole`` (the other's opening);
    an empty stretch (a text that short) disagrees with nothing."""
    return not part or containment_of(part, whole) >= LEAD_AGREES


def containment_of(part: set[str], whole: set[str]) -> float:
    """Share of ``part`` found in ``whole`` (is ``part`` contained in ``whole``?)."""
    return len(part & whole) / len(part) if part else 0.0


#: Sample the shingles that start with one of these characters (about 1 in 32 CJK characters, by code point, and the vowels).
_ANCHORS = re.compile("[" + "".join(chr(c) for c in range(0x4E00, 0xA000, 32)) + "0AaEeIiOoUu]")
#: A sampled shingle shared by more articles than this is boilerplate, not evidence.
_COMMON = 50
#: Texts shorter than this (in letters and digits) are never called duplicates.
_MIN_CORE = 20 + SHINGLE


class NearDuplicates:
    """Find pairs of texts that :mod:`scrapers.dedupe` would call the same item.

    Character shingles (``SHINGLE``) and containment of the shorter text in the longer
    of at least ``CONTAINMENT``; candidates share a sample of their shingles chosen by
    content (see the module docstring) and are confirmed with the exact containment.
    """

    def __init__(self) -> None:
        self._cores: list[str] = []
        self._samples: list[frozenset[str]] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._sets: dict[int, set[str]] = {}

    @staticmethod
    def _sample(core: str) -> frozenset[str]:
        return frozenset(core[m.start() : m.start() + SHINGLE] for m in _ANCHORS.finditer(core, 0, len(core) - SHINGLE + 1))

    def add(self, text: str, query: bool = True) -> int:
        """Index a text; returns its number.

        Only texts added with ``query=True`` can be asked about in :meth:`pairs`. The others
        are indexed under the sampled shingles those share, which is all a comparison with
        them needs: checking one file against ten thousand then indexes one text in full.
        Add the ``query`` texts first.
        """
        number = len(self._cores)
        core = fingerprint(text)
        sample = self._sample(core) if len(core) >= _MIN_CORE else frozenset()
        self._cores.append(core)
        self._samples.append(sample)
        postings = self._postings
        if query:
            for s in sample:
                postings[s].append(number)
        else:
            for s in sample:
                if s in postings:
                    postings[s].append(number)
        return number

    def _shingle_set(self, n: int) -> set[str]:
        found = self._sets.get(n)
        if found is None:
            found = self._sets[n] = _grams(self._cores[n])
        return found

    def _matches(self, core: str, sample: frozenset[str], exclude: int = -1) -> list[tuple[int, float]]:
        """Indexed texts that ``core`` nearly duplicates, with their containment."""
        if not sample:
            return []
        # A pair with containment c shares about c of the smaller text's sample; asking for
        # half of that leaves room for sampling noise and for the boilerplate skipped below.
        share = CONTAINMENT / 2
        postings = (self._postings[s] for s in sample if s in self._postings)
        counts = Counter(chain.from_iterable(p for p in postings if len(p) <= _COMMON))
        need = share * len(sample)
        mine: set[str] | None = None
        found = []
        for other, shared in sorted(counts.items()):
            if shared < 2 or other == exclude or (shared < need and shared < share * len(self._samples[other])):
                continue
            mine = mine if mine is not None else _grams(core)
            score = containment(mine, self._shingle_set(other))
            if score >= CONTAINMENT:
                found.append((other, score))
        return found

    def pairs(self, wanted: set[int]) -> dict[int, list[tuple[int, float]]]:
        """For each number in ``wanted``: the other texts it nearly duplicates, with the containment."""
        found: dict[int, list[tuple[int, float]]] = defaultdict(list)
        for n in sorted(wanted):
            matches = self._matches(self._cores[n], self._samples[n], exclude=n)
            if matches:
                found[n] = matches
        return found

    def best(self, text: str) -> int | None:
        """The indexed text that ``text`` (not itself indexed) duplicates most, if any."""
        matches = self.matches(text)
        return max(matches, key=lambda m: (m[1], -m[0]))[0] if matches else None

    def matches(self, text: str) -> list[tuple[int, float]]:
        """Every indexed text that ``text`` (not itself indexed) nearly duplicates, with the containment."""
        core = fingerprint(text)
        if len(core) < _MIN_CORE:
            return []
        return self._matches(core, self._sample(core))


class DuplicateIndex:
    """Articles by key; ``find`` returns the key of the text a new one nearly duplicates."""

    def __init__(self) -> None:
        self._index = NearDuplicates()
        self._keys: list[str] = []
        self._texts: list[str] = []
        self._known: set[str] = set()

    def __len__(self) -> int:
        return len(self._known)

    def add(self, key: str, text: str) -> None:
        if key in self._known:
            return
        self._known.add(key)
        self._keys.append(key)
        self._texts.append(text)
        self._index.add(text)

    def find(self, text: str) -> str | None:
        """The key of the article ``text`` is a copy of (the highest containment among the
        candidates that are the same item, see :func:`same_item`), if any."""
        matches = [m for m in self._index.matches(text) if same_item(text, self._texts[m[0]])]
        best = max(matches, key=lambda m: (m[1], -m[0]))[0] if matches else None
        return self._keys[best] if best is not None else None


# --- reports of one event --------------------------------------------------------------------

#: Days apart two reports of one event may be dated.
EVENT_DAYS = 3
#: Share of each headline's terms the other article's headline and lead must hold.
EVENT_TERMS = 0.5
#: Characters of the lead (its dateline taken off) read for the event's terms.
EVENT_LEAD = 100
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _pairs(text: str) -> frozenset[str]:
    han = "".join(_HAN.findall(text))
    return frozenset(han[i : i + 2] for i in range(len(han) - 1))


#: What closes a sentence of text: a lead ends with one, a headline printed again in the
#: text ("某某建设成效如何？总局回应") or a counter left on its line ("0") does not.
_SENTENCE_END = ("。", "！", "？", "”", "…", "）", ")")
#: A paragraph this long is text whatever it ends with (a lead cut short by a mirror).
_LEAD_MIN = 60


def lead_of(body: str) -> str:
    """The report's lead, its dateline taken off: the first paragraph that reads as a sentence
    of text (it ends as one does, or is long), else the first paragraph. A headline printed
    again above the text, a widget's count or a meta line is not what the report tells."""
    # only the first few paragraphs are read: the dateline is taken off those, not the whole body
    paragraphs = [strip_dateline(p) for p in [p.strip() for p in body.split("\n\n") if p.strip()][:4]]
    for p in paragraphs:
        if p.endswith(_SENTENCE_END) or len(p) >= _LEAD_MIN:
            return p
    return paragraphs[0] if paragraphs else ""


def event_terms(title: str, body: str) -> frozenset[str]:
    """The headline's and the lead's Chinese character pairs: what a report says happened."""
    lead = lead_of(body)[:EVENT_LEAD]
    return _pairs(f"{title} {lead}")


#: What a venue verb's own object ends with ("在杭州召开检验检测工作会议"): not a second headline.
_MEETING = "(会|会议|大会|论坛|仪式|典礼|活动|培训班|研讨班|座谈会|展览|展会)"
#: A headline telling the event, then a second headline glued to it (no space, no mark):
#: "某某主题活动在京举办以某某理念推动计量发展". The event ends at the venue verb
#: (lexicon.yaml venue_verbs) after its place ("在京举办"); what follows is the outlet's angle.
_GLUED_SUBTITLE = lazy(
    lambda w: rf"^(.{{4,}}?在[\u4e00-\u9fff]{{1,6}}?(?:{w.venue_verbs}))(?=[\u4e00-\u9fff“《]{{6,}})(?!.*{_MEETING}$)"
)


def event_headline(title: str) -> str:
    """The part of a headline that tells the event: up to its venue verb when a second
    headline is glued after it, else the whole headline."""
    m = _GLUED_SUBTITLE.match(title)
    return m.group(1) if m else title


def _told_terms(article: Article) -> tuple[frozenset[str], ...]:
    """The character pairs of what a report's headline tells of the event: the headline's own
    (:func:`event_headline`), and, when its own lead tells less than ``EVENT_TERMS`` of them, the
    lead's first sentence too. Such a headline may be the outlet's angle or the event's theme
    ("计量助力中国式现代化" over "…世界计量日中国主场纪念活动在武汉成功举办。"): the lead tells the event."""
    terms = _pairs(event_headline(article.title))
    if not terms:
        return ()
    lead = lead_of(article.body)
    if len(terms & _pairs(lead[:EVENT_LEAD])) >= EVENT_TERMS * len(terms):
        return (terms,)
    sentence = _pairs(re.split(r"(?<=[。！？])", lead, maxsplit=1)[0][:EVENT_LEAD])
    return (terms, sentence) if sentence else (terms,)


def _share_told(told: tuple[frozenset[str], ...], other: frozenset[str]) -> float:
    return max(len(t & other) / len(t) for t in told)


def event_overlap(a: Article, b: Article) -> float:
    """How far each headline is told by the other report (the smaller share of each headline's
    character pairs found in the other's headline and lead).

    Two outlets' reports of one meeting tell it in their own words but with the same names
    (the body, the event, the place): each headline is mostly found in the other's opening,
    while their whole texts differ. Two events of one day share only generic words
    (检验检测, 活动) and one of the headlines is mostly not found in the other. A headline with a
    second one glued to it is read up to its venue verb (:func:`event_headline`): the other
    outlet tells the event, not this one's angle on it; a headline its own lead does not tell
    may be told by its lead's first sentence instead (:func:`_told_terms`)."""
    ta, tb = _told_terms(a), _told_terms(b)
    if not ta or not tb:
        return 0.0
    return min(_share_told(ta, event_terms(b.title, b.body)), _share_told(tb, event_terms(a.title, a.body)))


#: The day a lead opens with: "2025年11月12日，…", "11月12日上午，…" (group y optional).
_LEAD_DAY = re.compile(r"^(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日")


def event_days(article: Article) -> set[int]:
    """The days (ordinals) a report is dated by: its publication date, and the day its lead
    opens with (a mirror or a later report dated a week after the meeting it tells of), that
    day's year taken from the lead or else the publication's (the year before when that would
    put it after publication)."""
    published = _ordinal(article.date)
    if published is None:
        return set()
    days = {published}
    m = _LEAD_DAY.match(lead_of(article.body))
    if m:
        year = int(m["y"] or article.date[:4])
        try:
            day = date(year, int(m["m"]), int(m["d"])).toordinal()
            if not m["y"] and day > published:
                day = date(year - 1, int(m["m"]), int(m["d"])).toordinal()
        except ValueError:
            return days
        if day <= published:
            days.add(day)
    return days


def same_event(a: Article, b: Article) -> bool:
    """Whether two different articles report one event: dated within ``EVENT_DAYS`` days (the
    publication date or the day the lead opens with, :func:`event_days`), in the same place
    (region, and city when both name one), each headline told by the other
    (:func:`event_overlap` at least ``EVENT_TERMS``); copies of one item (:func:`same_item`)
    are not "related", they merge."""
    da, db = event_days(a), event_days(b)
    if not da or not db:
        return False
    apart = min(abs(x - y) for x in da for y in db)
    if apart > EVENT_DAYS or a.region != b.region or (a.city and b.city and a.city != b.city):
        return False
    if event_overlap(a, b) < EVENT_TERMS:
        return False
    copies = containment(shingles(a.body), shingles(b.body)) >= CONTAINMENT and same_item(a.body, b.body)
    return not copies


#: Days after a notice that a report of it may be dated: a paper reports a regulator's notice of
#: results a week or two after the regulator publishes it (blind11: ten days).
NOTICE_DAYS = 31
#: A notice by its headline: who issues it, 关于, what it is about, the kind of document
#: ("某某自治区市场监管厅关于2024年春季…监督抽查结果的通报", "某局关于…情况的公告").
_NOTICE = re.compile(r"^(?P<issuer>[^，。：:\s]{2,30}?)关于(?P<subject>[^，。]{6,80})的(?:通知|通报|公告|通告)$")
#: What a notice's subject and a report's words are compared on: Chinese characters and figures.
_CORE = re.compile(r"[^\u4e00-\u9fff0-9]")
#: The fewest characters of a subject compared (a year and a few words: 2024年春季农资…).
_SUBJECT_MIN = 10


def notice_of(title: str) -> tuple[str, str] | None:
    """A notice's issuer and subject, Chinese characters and figures only, when its headline
    has a notice's form (某局关于…的通报), else ``None``."""
    m = _NOTICE.match(title.strip())
    if not m:
        return None
    subject = _CORE.sub("", m["subject"])
    return (_CORE.sub("", m["issuer"]), subject) if len(subject) >= _SUBJECT_MIN else None


def told_of(article: Article) -> str:
    """What a report tells first, compared with a notice's subject: its headline and lead,
    Chinese characters and figures only."""
    return _CORE.sub("", f"{article.title} {lead_of(article.body)}")


def reports_notice(report: Article, notice: Article) -> bool:
    """Whether ``report`` tells of the document ``notice`` is: a notice's headline names its
    subject (某厅关于2024年春季农资产品质量专项监督抽查结果的通报), and a paper reporting it names
    that subject in its headline or lead, in the same words (近期某某自治区市场监管厅通报了2024年
    春季农资产品质量专项监督抽查结果), up to ``NOTICE_DAYS`` days after it. The report names the
    issuer too, or is of the notice's region: a subject is not enough when every province issues
    a notice on it (关于开展2024年世界认可日活动的通知). A report is no notice itself (two notices on
    one subject are two documents)."""
    return _reports(_Dated.of(report), _Dated.of(notice))


@dataclass(frozen=True)
class _Dated:
    """What :func:`reports_notice` reads of an article, worked out once: its publication day,
    its notice form (issuer, subject) if any, and what it tells first (:func:`told_of`)."""

    article: Article
    day: int | None
    notice: tuple[str, str] | None
    told: str

    @classmethod
    def of(cls, article: Article) -> _Dated:
        return cls(article, _ordinal(article.date), notice_of(article.title), told_of(article))


def _reports(report: _Dated, notice: _Dated) -> bool:
    if not notice.notice or report.notice or report.article.slug == notice.article.slug:
        return False
    if report.day is None or notice.day is None or not 0 <= report.day - notice.day <= NOTICE_DAYS:
        return False
    issuer, subject = notice.notice
    told = report.told
    return subject in told and ((bool(issuer) and issuer in told) or report.article.region == notice.article.region)


class EventIndex:
    """Articles by day, to find the other reports of an article's event without comparing
    every pair: only articles dated within ``EVENT_DAYS`` days are looked at, and a notice's
    reports up to ``NOTICE_DAYS`` days after it (:func:`reports_notice`)."""

    def __init__(self) -> None:
        self._by_day: dict[int, list[Article]] = defaultdict(list)
        self._published: dict[int, list[_Dated]] = defaultdict(list)  # the reports a notice may have
        self._notices: dict[int, list[_Dated]] = defaultdict(list)

    def add(self, article: Article) -> None:
        for day in event_days(article):
            self._by_day[day].append(article)
        dated = _Dated.of(article)
        if dated.day is not None:
            (self._notices if dated.notice else self._published)[dated.day].append(dated)

    def related(self, article: Article) -> tuple[str, ...]:
        """Slugs of the indexed articles that report the same event as ``article``, or report
        the notice it is, or the notice it reports."""
        near = (
            o
            for day in sorted(event_days(article))
            for d in range(day - EVENT_DAYS, day + EVENT_DAYS + 1)
            for o in self._by_day.get(d, ())
        )
        found = {o.slug: o for o in near if o.slug != article.slug}  # each once, though indexed by two days
        linked = [slug for slug, other in found.items() if same_event(article, other)]
        this = _Dated.of(article)
        if this.day is not None and this.notice:
            later = (o for d in range(this.day, this.day + NOTICE_DAYS + 1) for o in self._published.get(d, ()))
            linked += [o.article.slug for o in later if _reports(o, this)]
        elif this.day is not None:
            earlier = (o for d in range(this.day - NOTICE_DAYS, this.day + 1) for o in self._notices.get(d, ()))
            linked += [o.article.slug for o in earlier if _reports(this, o)]
        return tuple(dict.fromkeys(linked))


def _ordinal(day: str) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return None
