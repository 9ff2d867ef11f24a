"""The shapes the pipeline looks for in a page, written once (GeneralNewsExtractor's
``defaults.py``, for this project).

Why one module: a date, a dateline, a byline or an outlet's name is looked for by the
extractor, the enrichers, the list readers and the normaliser alike, and each used to
write its own regular expression, with different bounds, so one stage saw a date or a
dateline that the next missed. Here each shape has one definition; the stages compose
their own patterns from these pieces.

The words of the trade (national bodies, outlet suffixes, event verbs, the class names of
page chrome) are data, in ``scrapers/data/lexicon.yaml``, read through
:mod:`scrapers.core.datafiles` (a mistake is reported as ``file:line``). Patterns built from
them are compiled on first use (:func:`lazy`), so a broken lexicon is reported when the
pipeline runs, as a :class:`~scrapers.core.datafiles.DataFileError`, not as an import error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from scrapers.core.datafiles import load_yaml

LEXICON = Path(__file__).resolve().parents[1] / "data" / "lexicon.yaml"

# --- characters -------------------------------------------------------------------------------

#: One Chinese character (the CJK Unified Ideographs block: what the press prints).
HAN = r"[\u4e00-\u9fff]"
_HAN_RE = re.compile(HAN)
#: What is not a letter or a digit (of any script): punctuation, spaces, symbols, "_".
_NOT_CORE = re.compile(r"[\W_]+")


def han_count(text: str) -> int:
    """How many Chinese characters ``text`` has."""
    return len(_HAN_RE.findall(text))


def fingerprint(text: str) -> str:
    """Letters and digits only, lower case: what makes two texts the same text whatever
    their layout, punctuation and spacing (repeats, headline agreement, duplicates)."""
    return _NOT_CORE.sub("", text).lower()


# --- dates ------------------------------------------------------------------------------------

#: A plausible publication year.
YEAR = r"(?:19|20)\d{2}"
#: A day as pages print it: 2024-06-03, 2024/6/3, 2024.06.03, 2024年6月3日 (groups y, m, d).
DATE = rf"(?P<y>{YEAR})\s*[-/.年]\s*(?P<m>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})"
#: A time of day after a date: 10:30, 10：30:05, 10时30分, T10:30 (groups H, M).
TIME = r"(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分]\d{2})?"
#: A date, its 日, and the time when one is printed.
DATE_TIME = re.compile(rf"{DATE}\s*日?(?:[T\s]*{TIME})?")
#: A month and day without a year: 7月29日 (groups m, d).
MONTH_DAY = r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
#: The same, as a plain piece to compose (no groups).
MONTH_DAY_PLAIN = r"\d{1,2}月\d{1,2}日"
#: A part of the day after a date: 上午, 下午, 晚, 晚上.
DAYPART = r"(?:上午|下午|晚上?)"
#: A date (and time) written into a URL, most specific first (groups 1, 2, 3: year, month, day).
URL_DATES = (
    re.compile(rf"/({YEAR})-(\d{{2}})/(\d{{2}})/"),
    re.compile(rf"/({YEAR})-(\d{{2}})-(\d{{2}})/"),
    re.compile(rf"/({YEAR})/(\d{{2}})(\d{{2}})/"),
    re.compile(rf"/({YEAR})(\d{{2}})/(\d{{2}})/"),  # /202105/06/
    re.compile(rf"/({YEAR})/(\d{{1,2}})/(\d{{1,2}})/"),  # /art/2023/9/27/: unpadded
    re.compile(rf"/({YEAR})(\d{{2}})(\d{{2}})/"),
    re.compile(rf"[/_-]({YEAR})(\d{{2}})(\d{{2}})[_-]"),
)
#: A year and month folder in a URL: /2024-06/, /202406/.
URL_MONTH = re.compile(rf"/({YEAR})-?(\d{{2}})/")


@dataclass(frozen=True)
class DateMatch:
    """A date found by :data:`DATE_TIME`: the day (a real one) and ``HH:MM`` when printed."""

    day: date
    clock: str


def read_date(m: re.Match[str]) -> DateMatch | None:
    """The day of a :data:`DATE_TIME` match, or ``None`` for an impossible one (2024-02-30).

    The clock is kept only when it is a real time of day (a "25:70" is dropped, not the day).
    """
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    hh, mm = m["H"], m["M"]
    clock = f"{int(hh):02d}:{mm}" if hh and int(hh) < 24 and int(mm) < 60 else ""
    return DateMatch(day, clock)


def dates_in(text: str) -> list[DateMatch]:
    """Every real date in ``text``, in order, with its time when printed."""
    return [found for m in DATE_TIME.finditer(text) if (found := read_date(m)) is not None]


# --- datelines and bylines --------------------------------------------------------------------

#: A dateline at the head of a lead: the outlet (and place), the day, 讯 or 电, and the credit
#: in brackets: "中新网深圳10月17日电（记者 孙秋霞）", "本报讯（记者 岳倩）", "XX网讯 记者 张三）".
DATELINE = re.compile(
    rf"^(?P<outlet>[^，。：:,]{{2,30}}?)(?P<md>{MONTH_DAY_PLAIN})?(?:讯(?!社)|电(?![视台])|消息(?=\s*（))\s*"
    r"(?:（(?P<who>[^）]{2,40})）|(?P<open>[^（）。，]{2,20})）)?"
)
#: A dateline's credit in brackets: "中新网北京3月2日电（记者 张三）", "本报讯（通讯员 李四）".
DATELINE_CREDIT = re.compile(r"^.{0,80}?(?:讯|电)\s*（(?P<who>[^）]{0,40})）")
#: A dateline with no credit: "本报讯", "中国质量新闻网讯", "新华社北京3月2日电" (not a
#: column name that ends in 讯: "百检网资讯：", "快讯：").
DATELINE_BARE = re.compile(rf"^[^，。（：:]{{2,30}}?(?:(?<![资通快简])讯|{MONTH_DAY_PLAIN}电)[\s，,]*")


def strip_dateline(lead: str) -> str:
    """The lead without the dateline it opens with (its credit in brackets included)."""
    return DATELINE_BARE.sub("", DATELINE_CREDIT.sub("", lead))


#: A person's name in a byline: two or three characters.
_NAME = rf"{HAN}{{2,3}}"
#: A byline on its own line: "本报记者 张三", "中国质量报 记者 张伟 刘芳", "（记者 陈静）",
#: "文/图 周敏", "通讯员 王五 李四报道" (group ``who``: the names). 文, 图 and 摄影 open the
#: line: "发展蓝图绘就" is a headline, not a picture credit.
BYLINE = re.compile(
    rf"^[（(]?(?:{HAN}{{0,10}}\s?(?:记者|通讯员)|文/图|文／图|文|图|摄影|摄)\s*[/／|｜:：]?\s*"
    rf"(?P<who>{_NAME}(?:\s+{_NAME})*)(?:\s+{HAN}{{2,6}}报道)?[）)]?$"
)


# --- notices ----------------------------------------------------------------------------------

#: What an official document calls itself at the end of its title: …的通知, …的意见.
DOCUMENT_KINDS = r"(?:通知|公告|通告|意见|决定|办法|规定|批复|函|通报)"
#: A notice's title: "市场监管总局关于开展…的通知" (group ``org``: the issuing body, when
#: named; ``match`` it for a title that opens with its issuer, ``search`` for any notice).
NOTICE_TITLE = re.compile(rf"(?P<org>[\u4e00-\u9fff（）、]{{0,40}}?)关于[^。]{{2,80}}的\S{{0,4}}{DOCUMENT_KINDS}$")
#: The salutation that opens a notice's text: "各有关单位：", "各省、自治区、直辖市市场监管局：".
SALUTATION = re.compile(r"^(各[^。]{1,60}|[^。]{2,30}(单位|部门|机构|同志|同志们))[：:]$")


# --- words of the trade (scrapers/data/lexicon.yaml) -------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``lexicon.yaml``, each as a regular-expression alternation."""

    national_bodies: str
    national_organisers: str
    approval_verbs: str
    venue_verbs: str
    venue_adverbs: str
    event_verbs: str
    outlet_suffixes: str
    css_noise_words: str


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    """The lexicon, checked: every key must be a non-empty list of text (``file:line`` otherwise)."""
    doc = load_yaml(path)
    found: dict[str, str] = {}
    for name in Lexicon.__dataclass_fields__:
        words = doc.strings(name)
        if not words:
            raise doc.error(f"{name} must be a list of at least one word ('- word' lines)", name)
        for i, word in enumerate(words):
            if not word.strip():
                raise doc.error(f"{name}: item {i + 1} is empty", name, i)
        # longest first: an alternation tries its words in order
        found[name] = "|".join(re.escape(w.strip()) for w in sorted(dict.fromkeys(words), key=len, reverse=True))
    return Lexicon(**found)


class _Lazy:
    """A compiled pattern built on first use; afterwards, its methods are plain attributes."""

    def __init__(self, build: Callable[[Lexicon], str], flags: int) -> None:
        self._build = build
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = re.compile(self._build(load_lexicon()), self._flags)
        for attr in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern"):
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


def lazy(build: Callable[[Lexicon], str], flags: int = 0) -> re.Pattern[str]:
    """A pattern built from the lexicon's words (``build(lexicon)`` gives its source), compiled
    when first used, so a broken ``lexicon.yaml`` is an error of the run, with its line."""
    return cast(re.Pattern[str], _Lazy(build, flags))


#: Any national body (a mention of national scope).
NATIONAL_BODIES = lazy(lambda w: w.national_bodies)
