"""An event's date, end and place, where an item announces or reports one.

Open days (开放日), World Accreditation Day activities (世界认可日) and association congresses
(会员大会、年会、论坛) have a day and a place readers plan for; the archive lists them on
``/events/`` and in ``events.ics`` (``plugins/documents``). The normaliser reads them from the
item's own words:

- a labelled line: ``活动时间：2024年6月9日 9:00-12:00``, ``时间：6月9日至10日``, ``地点：…``;
- a sentence that names an event word and a verb of holding it, with a date:
  ``将于6月9日在北京市举办开放日活动``, ``6月9日，…在杭州召开第三届会员大会``.

A date without a year takes the item's own year (the year before or after when that puts
it nearer the item's date: a December notice of a January congress). A range
``6月9日至11日``, ``6月9日—7月2日`` or ``2024年6月9日-11日`` gives the end. The place is the
labelled one, else what stands between ``在`` and the verb (``在北京国家会议中心举办``).
Nothing is guessed where the text names no event with a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scrapers.core.patterns import YEAR, lazy

_EVENT_WORD = (
    r"(?:开放日|认可日|大会|年会|论坛|研讨会|交流会|座谈会|培训班|宣传周|宣传日|活动|会议|峰会|博览会|展览会|沙龙|比赛|竞赛)"
)
_HOLD = r"(?:举办|举行|召开|开展|开幕|启动|开启|举办了|举行了|召开了|开展了)"
_DAY = rf"(?:(?P<y>{YEAR})\s*年\s*)?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]"
_END = (
    r"(?:\s*(?:上午|下午|晚上)?\s*(?:\d{1,2}[:：]\d{2}\s*)?(?:[-－—–~～至到]{1,2}|—{2})\s*"
    rf"(?:(?P<y2>{YEAR})\s*年\s*)?(?:(?P<m2>\d{{1,2}})\s*月\s*)?(?P<d2>\d{{1,2}})\s*[日号])?"
)
_SPAN = re.compile(_DAY + _END)
_LABEL_TIME = re.compile(r"^(?:活动|会议|开放|举办|报到)?(?:时间|日期)\s*[：:]\s*(?P<rest>.+)$")
_LABEL_PLACE = re.compile(r"^(?:活动|会议|开放|举办|报到)?(?:地点|地址|场地)\s*[：:]\s*(?P<rest>.+)$")
#: 在…举办: the place between 在 and the verb (adverbs such as 隆重 from lexicon.yaml's venue_adverbs).
_PLACE = lazy(lambda w: rf"在(?P<place>[^，。；、\s]{{2,30}}?)(?:{w.venue_adverbs})?{_HOLD}")
_INLINE_PLACE = re.compile(r"(?:地点|地址)\s*[：:]\s*(?P<place>[^，。；\n]{2,40})")


@dataclass(frozen=True)
class EventFields:
    """An event's first day, last day (or ``""`` for one day) and place (or ``""``)."""

    date: str
    end: str = ""
    place: str = ""


def _year_for(month: int, day: int, around: date) -> int:
    """The year that puts month/day nearest ``around`` (the item's date)."""
    best = around.year
    gap = None
    for y in (around.year - 1, around.year, around.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        g = abs((d - around).days)
        if gap is None or g < gap:
            best, gap = y, g
    return best


def _span(m: re.Match[str], around: date) -> tuple[str, str] | None:
    month, dom = int(m.group("m")), int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else _year_for(month, dom, around)
    try:
        start = date(year, month, dom)
    except ValueError:
        return None
    end = ""
    if m.group("d2"):
        m2 = int(m.group("m2")) if m.group("m2") else month
        y2 = int(m.group("y2")) if m.group("y2") else (year + 1 if m2 < month else year)
        try:
            last = date(y2, m2, int(m.group("d2")))
        except ValueError:
            last = None
        if last is not None and start < last and (last - start).days <= 62:
            end = last.isoformat()
    return start.isoformat(), end


def _clean_place(place: str) -> str:
    place = re.sub(r"^(?:位于|于)", "", place.strip())
    return place.strip(" ，。；:：")[:60]


def extract(title: str, body: list[str], published: str) -> EventFields | None:
    """The event an item announces or reports, or ``None``; ``published`` is its ``Date``."""
    try:
        around = date.fromisoformat(published[:10])
    except ValueError:
        return None
    labelled_time = labelled_place = ""
    for line in body:
        line = line.strip()
        if not labelled_time and (m := _LABEL_TIME.match(line)):
            labelled_time = m.group("rest")
        if not labelled_place and (m := _LABEL_PLACE.match(line)):
            labelled_place = _clean_place(m.group("rest"))
        if not labelled_place and (m := _INLINE_PLACE.search(line)):
            labelled_place = _clean_place(m.group("place"))
    if labelled_time and (m := _SPAN.search(labelled_time)) and (span := _span(m, around)):
        return EventFields(span[0], span[1], labelled_place)
    event = re.compile(rf"{_EVENT_WORD}")
    hold = re.compile(_HOLD)
    for text in [title, *body]:
        for sentence in re.split(r"(?<=[。！？；])", text):
            if not (event.search(sentence) and hold.search(sentence)):
                continue
            m = _SPAN.search(sentence)
            if not m or not (span := _span(m, around)):
                continue
            place = labelled_place
            if not place and (p := _PLACE.search(sentence[m.start() :])):
                place = _clean_place(p.group("place"))
            return EventFields(span[0], span[1], place)
    return None
