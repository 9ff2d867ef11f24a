"""A small RFC 5545 writer: events of the archive as an iCalendar file.

Why our own and not ``icalendar``'s writer: the rules we need are few and must hold for
every hostile title (commas, semicolons, backslashes, line breaks, long Chinese text), and
the bytes must be stable between builds (the incremental build rewrites only changed
files). The tests parse the output with the ``icalendar`` package.

- TEXT values escape ``\\``, ``;``, ``,`` and line breaks (RFC 5545 §3.3.11);
- content lines are folded at 75 octets, never inside a UTF-8 character, each continuation
  starting with one space (§3.1), and end with CRLF;
- a day without a time is an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the day after
  the last, exclusive as §3.6.1 says); a time is China's, written in UTC (``Z``) so that no
  ``VTIMEZONE`` is needed;
- ``DTSTAMP`` is the article's date, so an unchanged archive gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
PRODID = "-//TIC Archive//events//ZH"
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$")


@dataclass(frozen=True)
class Event:
    """One calendar entry; ``start``/``end`` as in the article (``YYYY-MM-DD[ HH:MM]``)."""

    uid: str
    summary: str
    start: str
    end: str = ""
    location: str = ""
    description: str = ""
    url: str = ""
    stamp: datetime | None = None


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped; other controls dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(ch for ch in value if ch == "\n" or ch == "\t" or (ord(ch) >= 0x20 and ord(ch) != 0x7F))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets (never inside a character), CRLF-terminated."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out) + "\r\n"


def _parse(value: str) -> tuple[date, datetime | None] | None:
    m = _DAY.match(value.strip())
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    try:
        day = date(int(y), int(mo), int(d))
        when = datetime(day.year, day.month, day.day, int(hh), int(mm), int(ss or 0), tzinfo=CHINA) if hh else None
    except ValueError:
        return None
    return day, when


def _utc(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _stamp(value: datetime | None) -> str:
    if value is None:
        return "19700101T000000Z"
    if value.tzinfo is None:
        value = value.replace(tzinfo=CHINA)
    return _utc(value)


def event_lines(event: Event) -> list[str]:
    """The ``VEVENT`` of one event as unfolded content lines (empty when its start is not a date)."""
    start = _parse(event.start)
    if start is None:
        return []
    end = _parse(event.end) if event.end else None
    day, when = start
    lines = ["BEGIN:VEVENT", f"UID:{escape_text(event.uid)}", f"DTSTAMP:{_stamp(event.stamp)}"]
    if when is not None and (end is None or end[1] is not None):
        lines.append(f"DTSTART:{_utc(when)}")
        if end is not None and end[1] is not None and end[1] > when:
            lines.append(f"DTEND:{_utc(end[1])}")
    else:
        last = end[0] if end is not None and end[0] >= day else day
        lines.append(f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[Event], name: str) -> bytes:
    """A whole ``VCALENDAR`` (UTF-8, CRLF lines, folded)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for event in events:
        lines.extend(event_lines(event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines).encode("utf-8")
