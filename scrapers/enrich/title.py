"""Find the headline among the lines above the article text, or derive one from the lead.

Pages put the site name, section names and breadcrumbs above the headline and meta
lines (date, source) right below it; the headline is the last plausible heading line
before the text starts, unless a heading is printed twice (mirrors echo the headline),
in which case that one wins.
"""

from __future__ import annotations

import re

from ..normalise.junk import is_junk_line, is_tail_heading
from ..normalise.lines import fingerprint, is_paragraph
from .dateline import BYLINE

_SITE_NAME = re.compile(r"(网|网站|门户|频道|速递|在线|资讯|首页|平台)$|https?://|www\.|\|")
_HAS_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}|\d{1,2}月\d{1,2}日")
_EVENT = re.compile(r"举行|召开|开展|成立|签署|签订|启动|构建|组建|发布|举办|印发|开幕|揭牌|亮相|出台")
#: A document number under a notice's title: 国市监检测发〔2024〕12号.
_DOC_NUMBER = re.compile(r"[〔\[(（]\s*\d{4}\s*[〕\])）]\s*\d+\s*号$")
_BYLINE = re.compile(r"(记者|通讯员)\s*\S{2,3}(\s+\S{2,6}报道)?$|^(文|图|文/图|摄影)\s*[/／|｜:：]")
_LEADING_TIME = re.compile(r"^(近日|日前|今天|昨天|当天|\d{1,2}月\d{1,2}日(上午|下午|晚)?)[,，]?")


def body_start(lines: list[str]) -> int:
    """Index of the first line of running article text (``len(lines)`` when none)."""
    for i, line in enumerate(lines):
        if is_paragraph(line) and not is_junk_line(line):
            return i
    return len(lines)


def is_heading(line: str) -> bool:
    """A plausible headline: a short line of Chinese that is not chrome, a date or a byline."""
    if is_junk_line(line) or is_tail_heading(line):
        return False
    if len(line) > 64 or line.endswith(("。", ":", "：", ";", "；")) or line.startswith(("—", "-", "·")):
        return False  # a subtitle (——…), a list item
    line = strip_site_suffix(line)
    if _SITE_NAME.search(line) or _BYLINE.search(line) or BYLINE.match(line):
        return False
    if _HAS_DATE.search(line) or _DOC_NUMBER.search(line):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", line)) >= 6


#: A site name glued to a headline, as in a page title: "…活动_中国质量新闻网", "… - 红网".
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*[\u4e00-\u9fffA-Za-z·]{1,16}(?:网|报|新闻|频道|在线|客户端|门户)$")


def strip_site_suffix(line: str) -> str:
    return _SITE_SUFFIX.sub("", line)


def find_title(lines: list[str]) -> int | None:
    """Index of the headline line, or ``None`` when the page shows none.

    In order: a heading printed twice (mirrors echo the headline); the last heading with a
    date line right below it (headline, optional subtitle, then 时间/来源); the last heading.
    """
    start = body_start(lines)
    candidates = [i for i in range(start) if is_heading(lines[i])]
    if not candidates:
        return None
    prints = [fingerprint(line) for line in lines]
    for i in candidates:
        if prints.count(prints[i]) > 1:
            return i
    dated = [i for i in candidates if any(_HAS_DATE.search(line) for line in lines[i + 1 : i + 3])]
    return (dated or candidates)[-1]


def derive_title(lead: str, limit: int = 36) -> str:
    """A headline from the lead: its first event clause, time words and dateline removed.

    Only a stop-gap so the article has a heading; the importer marks it for review.
    """
    text = re.sub(r"^.{0,60}?(讯|电)\s*（[^）]{0,40}）", "", lead)
    text = re.sub(r"（[^）]*）|【[^】]*】", "", text)
    clauses = [c.strip() for c in re.split(r"[,，;；。!?！？]", text) if c.strip()]
    if not clauses:
        return lead[:limit]
    events = [c for c in clauses if _EVENT.search(c)]
    timed = [c for c in events if re.search(r"\d{1,2}月\d{1,2}日|在", c)]
    chosen = (timed or events or clauses)[0]
    chosen = _LEADING_TIME.sub("", chosen)
    chosen = re.sub(r"于?\d{1,2}月\d{1,2}日(上午|下午|晚上?)?", "", chosen).strip()
    if len(chosen) > limit and "的" in chosen:
        verb = _EVENT.match(chosen)
        chosen = (verb.group(0) if verb else "") + chosen.rsplit("的", 1)[1]
    return chosen[:limit].strip()
