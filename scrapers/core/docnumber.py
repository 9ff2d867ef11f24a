"""文号 (document numbers): found in text, written one way, and the other ways readers write them.

``国认实〔2024〕12号`` also appears as ``[2024]``, ``(2024)``, ``（2024）`` or ``【2024】`` (web
pages and OCR use all of them); orders as ``国家市场监督管理总局令第63号`` / ``第63号令``;
announcements as ``2019年第12号``. :func:`doc_numbers` finds them and writes each with the
standard six-corner ``〔〕`` (GB/T 9704), so one document has one spelling in
``Doc_Number`` and ``Replaces`` can be compared; :func:`spellings` gives the others.

In the core because the normaliser (:mod:`scrapers.enrich.document`), the content rules
(``Replaces`` must name a 文号 or a slug) and the documents plugin (the replaced-by link
and search) all compare 文号.
"""

from __future__ import annotations

import re

from scrapers.core.patterns import YEAR

_OPEN = re.escape("〔[(（【［")
_CLOSE = re.escape("〕])）】］")
#: Words that end a sentence's lead-in before a 文号 (``根据国认实〔2024〕12号``): never part of it.
_LEAD_IN = re.compile(r".*(?:根据|依据|按照|依照|执行|贯彻|落实|转发|印发|参照|关于|见|的|和|及|与|或|对|将|按|以)")
#: ``机关代字〔年份〕序号号``: a prefix of 1–14 Han characters, the year in any common bracket.
_BRACKETED = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{1,14}})\s*[{_OPEN}]\s*(?P<year>{YEAR})\s*[{_CLOSE}]\s*(?P<num>\d{{1,4}})\s*号"
)
#: ``国家市场监督管理总局令第63号`` or ``第63号令``.
_ORDER = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{2,20}令)\s*第\s*(?P<num>\d{1,4})\s*号|第\s*(?P<num2>\d{1,4})\s*号令")
#: ``市场监管总局公告2019年第12号`` / ``2019年第12号公告``.
_ANNOUNCEMENT = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{2,20}}公告)\s*(?P<year>{YEAR})\s*年\s*第\s*(?P<num>\d{{1,4}})\s*号"
    rf"|(?P<year2>{YEAR})\s*年\s*第\s*(?P<num2>\d{{1,4}})\s*号公告"
)


def _clean_prefix(prefix: str) -> str:
    """The issuer's code of a 文号 without the sentence's words before it."""
    m = _LEAD_IN.match(prefix)
    return prefix[m.end() :] if m else prefix


def doc_numbers(text: str) -> list[str]:
    """Every 文号 in ``text``, normalised (``〔〕`` brackets, no spaces), in order, each once."""
    found: list[tuple[int, str]] = []
    for m in _BRACKETED.finditer(text):
        prefix = _clean_prefix(m.group("prefix"))
        if prefix:
            found.append((m.start(), f"{prefix}〔{m.group('year')}〕{int(m.group('num'))}号"))
    for m in _ORDER.finditer(text):
        if m.group("prefix"):
            prefix = _clean_prefix(m.group("prefix"))
            if prefix and prefix != "令":
                found.append((m.start(), f"{prefix}第{int(m.group('num'))}号"))
        else:
            found.append((m.start(), f"第{int(m.group('num2'))}号令"))
    for m in _ANNOUNCEMENT.finditer(text):
        if m.group("prefix"):
            prefix = _clean_prefix(m.group("prefix"))
            found.append((m.start(), f"{prefix}{m.group('year')}年第{int(m.group('num'))}号"))
        else:
            found.append((m.start(), f"{m.group('year2')}年第{int(m.group('num2'))}号公告"))
    return list(dict.fromkeys(n for _, n in sorted(found)))


def normalise_doc_number(value: str) -> str:
    """``value`` in the one spelling of :func:`doc_numbers` (``国认实[2024]12号`` → ``国认实〔2024〕12号``)."""
    found = doc_numbers(value.strip())
    return found[0] if len(found) == 1 else value.strip()


def spellings(doc_number: str) -> tuple[str, ...]:
    """The common ways of writing a bracketed 文号, the normal one first (for search and matching)."""
    if "〔" not in doc_number:
        return (doc_number,)
    out = [doc_number]
    for left, right in ("[]", "()", "（）", "【】", "［］"):
        out.append(doc_number.replace("〔", left).replace("〕", right))
    return tuple(out)
