"""Category and tags from a keyword vocabulary kept as data (``scrapers/data/vocabulary.yaml``).

A transparent scored model: an editor can read why an article landed in a category
(``explain``) and change the outcome by editing the vocabulary file.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from pathlib import Path

from scrapers.core.datafiles import load_yaml
from scrapers.core.vocabulary import DATA, DEFAULT_CATEGORY, load_vocabulary

#: A line that only addresses the readers of a notice ("各会员单位：", "…各直属机构："): the
#: notice's first sentence comes after it.
_ADDRESSEE = re.compile(r"^[^。]{2,80}[:：]$")
#: A heading line over the text (a headline printed again with its "！（附名单）", a section
#: title): no sentence of its own, so the lead is the paragraph after it.
_HEADING = re.compile(r"^[^。；，,]{2,40}$")
_CITED = re.compile(r"《[^》]{0,80}》")


#: A notice named as what an action follows ("根据某某办公室关于开展…活动的通知精神，…组织了…"):
#: the report of what was done under it, not the notice.
_BASIS = re.compile(r"(根据|按照|依据|遵照|贯彻|落实)[^。；，,]{0,40}关于[^。；]{2,80}?的(通知|意见|决定)(精神|要求|部署|安排)")


def _uncited(text: str) -> str:
    """``text`` with what it cites in 《》 emptied: a lead that names 《…关于开展…的通知》 reports on
    an event the notice called for; it is not the notice. So is a notice it names as the basis
    of what was done (根据…关于…的通知精神)."""
    return _BASIS.sub("", _CITED.sub("《》", text))


#: An association as the subject issuing a document (中国某某协会于12月8日发布《…办法》): its
#: own rules for its members are the association's news, not a policy notice. A government
#: body in the same clause (某局、某协会联合印发) keeps it policy.
_ASSOCIATION_ISSUING = re.compile(r"(协会|学会|促进会|商会|联盟|联合会)[^。，；]{0,30}$")
_GOVERNMENT = re.compile(r"(局|委|厅|部|政府|办公室|办公厅|总局)(?![\u4e00-\u9fff]*(协会|学会|联盟))")
_ISSUE_VERB = re.compile(r"^(印发|发布|出台|公布)")


#: A notice about an association's own body or affairs, the association's name opening its
#: subject ("关于中国某某协会第八届技术专家委员会成立的通告").
_ASSOCIATION_SUBJECT = re.compile(r"^关于[^。，；的]{2,30}?(协会|学会|促进会|商会|联合会|联盟)")


def _pattern_found(pattern: re.Pattern[str], text: str) -> bool:
    """Whether a category's ``pattern`` matches ``text``; a document an association issues
    (…协会发布《…办法》) is not a policy statement, nor is a notice about the association's own
    affairs with no government body issuing it (关于某某协会…委员会成立的通告): who issues it
    decides."""
    for m in pattern.finditer(text):
        clause = re.split(r"[。；]", text[: m.start()])[-1]
        if _ISSUE_VERB.match(m.group(0)) and _ASSOCIATION_ISSUING.search(clause) and not _GOVERNMENT.search(clause):
            continue
        if _ASSOCIATION_SUBJECT.match(m.group(0)) and not _GOVERNMENT.search(clause):
            continue
        return True
    return False


def _keyword_subset(path: Path, key: str) -> dict[str, frozenset[str]]:
    """Each category's list ``key`` of some of its keywords, checked: one that is not among the
    category's keywords is reported as ``file:line: …`` (it would silently never count)."""
    doc = load_yaml(path)
    found: dict[str, frozenset[str]] = {}
    for cat in doc.mapping("categories", required=True):
        words = doc.strings("categories", cat, key)
        keywords = {str(k) for k in doc.mapping("categories", cat, "keywords")}
        for i, word in enumerate(words):
            if word not in keywords:
                raise doc.error(f"{key}: {word!r} is not one of {cat}'s keywords", "categories", cat, key, i)
        if words:
            found[cat] = frozenset(words)
    return found


@lru_cache(maxsize=2)
def load_guest_keywords(path: Path = DATA) -> dict[str, frozenset[str]]:
    """Each category's ``guest_keywords`` (see :func:`_as_host`), checked."""
    return _keyword_subset(path, "guest_keywords")


@lru_cache(maxsize=2)
def load_deal_keywords(path: Path = DATA) -> tuple[dict[str, frozenset[str]], tuple[re.Pattern[str], ...]]:
    """Each category's ``deal_keywords`` (see :func:`_not_a_deal`), checked, and the
    ``deal_figures`` that mark a clause as a deal (a bad pattern is reported as ``file:line: …``)."""
    return _keyword_subset(path, "deal_keywords"), load_yaml(path).regexes("deal_figures")


@lru_cache(maxsize=2)
def load_addressee_patterns(path: Path = DATA) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Each category's ``addressee_patterns`` (a bad one is reported as ``file:line: …``)."""
    doc = load_yaml(path)
    found = {cat: doc.regexes("categories", cat, "addressee_patterns") for cat in doc.mapping("categories", required=True)}
    return {cat: patterns for cat, patterns in found.items() if patterns}


@lru_cache(maxsize=2)
def load_occasion_keywords(path: Path = DATA) -> tuple[dict[str, frozenset[str]], tuple[re.Pattern[str], ...]]:
    """Each category's ``occasion_keywords`` (see :func:`_not_an_occasion`), checked, and the
    ``occasion_marks`` that make a clause name its day as the occasion (a bad pattern is reported
    as ``file:line: …``)."""
    return _keyword_subset(path, "occasion_keywords"), load_yaml(path).regexes("occasion_marks")


#: A clause: a list of co-hosts joined by 、 is one clause; a comma ends it.
_CLAUSE = re.compile(r"[^。！？；，,：:]+")


def _contains(word: str, text: str) -> bool:
    return word in text


def _as_host(word: str, text: str) -> bool:
    """Whether ``word`` occurs in ``text`` in a clause that names no government body before
    it: "某某总局、某某协会共同举办…" (one clause, the bodies joined by 、) makes the association
    a co-host of the regulator's event, or a guest in the list of who attended it."""
    if word not in text:
        return False
    for m in _CLAUSE.finditer(text):
        sentence = m.group(0)
        at = sentence.find(word)
        while at >= 0:
            if not _GOVERNMENT.search(sentence[:at]):
                return True
            at = sentence.find(word, at + 1)
    return False


def _not_a_deal(word: str, text: str, figures: tuple[re.Pattern[str], ...]) -> bool:
    """Whether ``word`` occurs in ``text`` in a clause that carries no deal's figures: "现场签约8个
    项目，累计签约金额约11.5亿元" signs investments (an amount of money, a count of projects),
    which is the trade's news; "两地签署合作协议" is bodies agreeing to work together."""
    if word not in text:
        return False
    return any(word in c and not any(f.search(c) for f in figures) for c in _CLAUSE.findall(text))


def _not_an_occasion(word: str, text: str, marks: tuple[re.Pattern[str], ...]) -> bool:
    """Whether ``word`` occurs in ``text`` in a clause that does not name it as the occasion:
    "在第24个世界计量日到来之际，某某委员会成立大会召开" dates a meeting by the day (the meeting is
    the news), "世界计量日主场纪念活动在武汉举行" is the day's own event."""
    if word not in text:
        return False
    return any(word in c and not any(m.search(c) for m in marks) for c in _CLAUSE.findall(text))


#: How many sentences of the lead the title patterns read: what a notice says first.
_OPENING_SENTENCES = 2
#: A lead that cites where the news was read: "据某某委员会官方网站消息，…".
_CITING = re.compile(r"^据[^，。]{2,40}(消息|报道|获悉|发布)")


#: A lead opening on the occasion, what day it is: "2022年5月20日是第23个“世界计量日”，…",
#: "今年是第24个世界计量日".
_OCCASION = re.compile(r"^[^。，,]{0,20}是第?[0-9一二三四五六七八九十]+个[^。，,]{0,12}(日|节|周|月)”?[，,。]")


def _opening(lead: str, rest: list[str] | None = None) -> str:
    """The lead's first sentences: a page printed as one paragraph is all "lead", but a policy
    mentioned in its fifth sentence (连续出台了《…办法》) is background, not what it announces.
    A lead of one sentence that cites where it read the news (据某某网站消息，…) is followed by
    the paragraph that tells what was issued: its first sentence is read too. So is the next
    paragraph's first sentence after a lead that opens on the occasion (5月20日是第23个“世界计量日”，
    …主题是…): the lead tells what day it is, the next paragraph what was done on it."""
    sentences = [s for s in re.split(r"(?<=[。！？])", lead) if s.strip()]
    opening = "".join(sentences[:_OPENING_SENTENCES])
    if len(sentences) < _OPENING_SENTENCES and _CITING.match(lead) and rest:
        sentences += [s for s in re.split(r"(?<=[。！？])", rest[0]) if s.strip()][: _OPENING_SENTENCES - len(sentences)]
        opening = "".join(sentences[:_OPENING_SENTENCES])
    elif _OCCASION.match(lead) and rest:
        opening += next((s for s in re.split(r"(?<=[。！？])", rest[0]) if s.strip()), "")
    return opening


#: A notice's document number on its own line above its salutation ("某质检科〔2017〕325号"): it
#: numbers the notice and tells nothing of its subject, so the addressee line under it is read.
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,14}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*第?\d{1,4}\s*号$")


#: How many sentences of the first paragraph count as the lead for the keywords.
_LEAD_SENTENCES = 3


def _lead_sentences(lead: str, rest: list[str]) -> tuple[str, list[str]]:
    """The lead for the keywords and the paragraphs after it: a page printed as one paragraph
    (a company site's news, a forum post) is all "lead", but a word in its sixth sentence
    (…符合中通协团体标准管理办法的有关规定) is the text's, not what it opens with; the sentences
    after the first few count as a paragraph of the text."""
    sentences = [s for s in re.split(r"(?<=[。！？])", lead) if s.strip()]
    if len(sentences) <= _LEAD_SENTENCES:
        return lead, rest
    return "".join(sentences[:_LEAD_SENTENCES]), ["".join(sentences[_LEAD_SENTENCES:]), *rest]


def score_categories(title: str, body: list[str]) -> dict[str, float]:
    vocab = load_vocabulary()
    if len(body) > 1 and _DOC_NUMBER_LINE.match(body[0]):
        body = body[1:]
    lead, rest = (body[0] if body else ""), body[1:]
    addressee = lead if _ADDRESSEE.match(lead) else ""
    if (addressee or _HEADING.match(lead)) and rest:
        lead, rest = lead + rest[0], rest[1:]
    opening = _opening(lead, rest)
    lead, rest = _lead_sentences(lead, rest)
    guests = load_guest_keywords()
    deals, figures = load_deal_keywords()
    occasions, marks = load_occasion_keywords()
    addressees = load_addressee_patterns()
    scores: dict[str, float] = {}
    for cat, words in vocab.keywords.items():
        total = 0.0
        up_front = False
        for word, weight in words.items():
            if word in guests.get(cat, ()):
                found = _as_host
            elif word in deals.get(cat, ()):
                found = partial(_not_a_deal, figures=figures)
            elif word in occasions.get(cat, ()):
                found = partial(_not_an_occasion, marks=marks)
            else:
                found = _contains
            total += weight * (3 * found(word, title) + 2 * found(word, lead) + sum(found(word, p) for p in rest))
            # a deal's 签约 in the title does not make the category's words up front
            seen = found if word in deals.get(cat, ()) or word in occasions.get(cat, ()) else _contains
            up_front = up_front or seen(word, title) or seen(word, lead)
        if not up_front:
            total *= vocab.body_only_share
        # a pattern about 《》 (印发《…办法》) reads them; any other does not look inside one
        if any(
            _pattern_found(p, t if "《" in p.pattern else _uncited(t))
            for p in vocab.patterns.get(cat, ())
            for t in (title, opening)
        ):
            total += vocab.pattern_weight
        if addressee and any(p.search(addressee) for p in addressees.get(cat, ())):
            total += vocab.pattern_weight
        scores[cat] = total
    return scores


def classify(title: str, body: list[str]) -> str:
    """The category name (one of the six)."""
    vocab = load_vocabulary()
    scores = score_categories(title, body)
    order = list(vocab.keywords)
    best = max(order, key=lambda c: (scores[c], -order.index(c)))
    return best if scores[best] >= vocab.min_score else DEFAULT_CATEGORY


def explain(title: str, body: list[str]) -> str:
    scores = score_categories(title, body)
    return ", ".join(f"{c}={s:g}" for c, s in sorted(scores.items(), key=lambda kv: -kv[1]) if s)


def find_tags(title: str, body: list[str]) -> tuple[str, ...]:
    vocab = load_vocabulary()
    text = "\n".join(body)
    scored: list[tuple[float, str]] = []
    for tag, forms in vocab.tags.items():
        in_title = any(f in title for f in forms)
        mentions = sum(text.count(f) for f in forms)
        if in_title or mentions >= vocab.min_mentions:
            scored.append((3 * in_title + mentions, tag))
    scored.sort(key=lambda t: (-t[0], list(vocab.tags).index(t[1])))
    return tuple(tag for _, tag in scored[: vocab.max_tags])
