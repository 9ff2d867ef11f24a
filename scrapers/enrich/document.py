"""A policy notice as a document: its 文号, issuer, dates, attachments and what it replaces.

Official portals show a header block over every notice (索引号、发文机关、成文日期、发文字号);
the archive shows the same (``plugins/documents``), so the normaliser reads these from the
notice's own words, the way a reader would:

- **文号** (document number): ``国认实〔2024〕12号``, ``市监认证发〔2023〕5号``, the same with
  ``[2019]``, ``(2019)``, ``（2019）`` or ``【2019】`` (web pages and OCR use all of them), an
  order ``国家市场监督管理总局令第63号`` / ``第63号令``, an announcement ``2019年第12号``.
  Brackets are normalised to the standard six-corner ``〔〕`` (GB/T 9704), so one document has
  one spelling in ``Doc_Number`` and ``Replaces`` can be compared; :func:`spellings` gives
  the others a reader may type.
- **Issuer** (发文机关): the title's ``XX关于…的通知`` names it; else the 落款 (the signature
  line over the date at the end).
- **Issued** (成文日期): the date of the signature; **Effective** (实施日期): ``自2024年5月1日起
  施行`` or ``自发布之日起施行`` (the issue date).
- **Attachments**: the titles listed after ``附件：``; **Replaces**: a 文号 in a sentence that
  says it is repealed (``同时废止``).

Everything here is pure text in, values out: no guess is made where the text says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scrapers.core.docnumber import doc_numbers
from scrapers.core.patterns import DOCUMENT_KINDS, YEAR

_DOC_KINDS = rf"(?:{DOCUMENT_KINDS}|细则|规则|方案|指南)"
#: ``XX关于…的通知``: the issuer is what stands before 关于.
_TITLE = re.compile(rf"^(?P<org>[^。]{{2,60}}?)关于[^。]{{2,120}}的?\S{{0,6}}{_DOC_KINDS}\S{{0,8}}$")
#: What an issuing body's name ends with.
_BODY_END = re.compile(r"(?:局|委|部|院|会|办|厅|中心|政府|办公室|联盟|所|署|处|司|室|站|公司|集团)$")
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_DATE = re.compile(rf"(?P<y>{YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日")
_CN_DATE = re.compile(
    r"(?P<y>[〇○零Ｏ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})日"
)
_EFFECTIVE = re.compile(r"自\s*(?P<when>[^，。；;]{2,24}?)\s*起\s*(?:施行|实施|执行|生效)")
_SINCE_ISSUE = re.compile(r"(?:发布|印发|公布|发文|下发)之日")
_REPEAL = re.compile(r"(?:同时)?(?:废止|停止执行|不再执行|同时作废|予以废止)")
_ATTACH_HEAD = re.compile(r"^附件\s*[：:]\s*(?P<rest>.*)$")
_ATTACH_ITEM = re.compile(r"^(?:\d{1,2}\s*[.．、]\s*|[-*]\s+)?(?P<title>.+?)\s*$")
_LINK = re.compile(r"^-?\s*\[(?P<label>[^\]]+)\]\([^)]*\)")


@dataclass(frozen=True)
class DocumentFields:
    """What a notice says about itself; empty strings where it says nothing."""

    doc_number: str = ""
    issuer: str = ""
    issued: str = ""
    effective: str = ""
    attachments: tuple[str, ...] = ()
    replaces: str = ""


def _cn_number(text: str) -> int:
    """二十三 → 23, 十 → 10, 十二 → 12 (months and days of a signature date)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def notice_date(text: str) -> str:
    """The first date in ``text`` (``2024年3月1日`` or ``二〇二四年三月一日``) as ``YYYY-MM-DD``, else ``""``."""
    best: tuple[int, str] | None = None
    for m in _DATE.finditer(text):
        value = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if value:
            best = (m.start(), value)
            break
    for m in _CN_DATE.finditer(text):
        try:
            y = int("".join(str(_CN_DIGITS[c]) for c in m.group("y")))
            value = _iso(y, _cn_number(m.group("m")), _cn_number(m.group("d")))
        except KeyError:
            continue
        if value and (best is None or m.start() < best[0]):
            best = (m.start(), value)
        break
    return best[1] if best else ""


def _iso(y: int, m: int, d: int) -> str:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return ""


def issuer_from_title(title: str) -> str:
    """``市场监管总局 国家认监委关于…的通知`` → ``市场监管总局、国家认监委``; ``""`` when the title names none."""
    m = _TITLE.match(title.strip())
    if not m:
        return ""
    names = [n for n in re.split(r"[\s、，,]+", m.group("org")) if n]
    if not names or not all(_BODY_END.search(n) for n in names):
        return ""
    return "、".join(names)


def signature(body: list[str]) -> tuple[str, str]:
    """``(issuer, date)`` of the 落款: a body's name on a line over (or beside) a date line near the end."""
    lines = [p.strip() for p in body if p.strip()]
    for i in range(len(lines) - 1, max(-1, len(lines) - 8), -1):
        line = lines[i]
        day = notice_date(line)
        if not day:
            continue
        rest = _DATE.sub("", _CN_DATE.sub("", line)).strip(" （）()")
        if rest and (len(rest) > 40 or not _BODY_END.search(rest) or re.search(r"[，。；！？,]", rest)):
            continue  # a date inside a sentence, not a signature
        org = rest
        if not org and i > 0 and len(lines[i - 1]) <= 40 and _BODY_END.search(lines[i - 1].strip()):
            org = lines[i - 1].strip()
        return "、".join(org.split()), day
    return "", ""


def attachment_titles(body: list[str]) -> tuple[str, ...]:
    """The titles listed after ``附件：`` (on the same line or as the following numbered lines)."""
    out: list[str] = []
    for i, line in enumerate(body):
        m = _ATTACH_HEAD.match(line.strip())
        if not m:
            continue
        items = [m.group("rest")] if m.group("rest") else []
        for nxt in body[i + 1 :]:
            nxt = nxt.strip()
            if re.match(r"^(?:\d{1,2}\s*[.．、]|[-*]\s)", nxt):
                items.append(nxt)
            else:
                break
        for item in items:
            link = _LINK.match(item.strip())
            title = link.group("label") if link else _ATTACH_ITEM.match(item).group("title")  # type: ignore[union-attr]
            title = re.sub(r"[（(](?:PDF|Word|Excel)[^）)]*[）)]$", "", title).strip()
            title = title.replace("\\", "")
            if title and title not in out:
                out.append(title)
        break
    return tuple(out)


def _repealed(body: list[str], own: str) -> str:
    for para in body:
        for sentence in re.split(r"(?<=[。；;])", para):
            if _REPEAL.search(sentence):
                for number in doc_numbers(sentence):
                    if number != own:
                        return number
    return ""


def extract(title: str, body: list[str]) -> DocumentFields:
    """The document fields of a notice from its title and paragraphs."""
    head = " ".join([title, *body[:3]])
    numbers = doc_numbers(head)
    doc_number = numbers[0] if numbers else ""
    org, issued = signature(body)
    issuer = issuer_from_title(title) or org
    effective = ""
    for para in body:
        m = _EFFECTIVE.search(para)
        if m:
            when = m.group("when")
            effective = notice_date(when) or (issued if _SINCE_ISSUE.search(when) else "")
            break
    return DocumentFields(
        doc_number=doc_number,
        issuer=issuer,
        issued=issued,
        effective=effective,
        attachments=attachment_titles(body),
        replaces=_repealed(body, doc_number),
    )
