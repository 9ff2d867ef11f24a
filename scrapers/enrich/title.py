"""Find the headline among the lines above the article text, or derive one from the lead.

Pages put the site name, section names and breadcrumbs above the headline and meta
lines (date, source) right below it; the headline is the last plausible heading line
before the text starts, unless a heading is printed twice (mirrors echo the headline),
in which case that one wins.
"""

from __future__ import annotations

import re

from scrapers.core.patterns import (
    BYLINE,
    DAYPART,
    DOCUMENT_KINDS,
    MONTH_DAY_PLAIN,
    NOTICE_TITLE,
    SALUTATION,
    YEAR,
    fingerprint,
    han_count,
    lazy,
    strip_dateline,
)
from scrapers.normalise.junk import is_junk_line, is_tail_heading
from scrapers.normalise.lines import is_paragraph

_SITE_NAME = re.compile(r"(网|网站|门户|频道|速递|在线|资讯|首页|平台)$|https?://|www\.")
_HAS_DATE = re.compile(rf"{YEAR}\s*[-/.年]\s*\d{{1,2}}|{MONTH_DAY_PLAIN}")
_FULL_DATE = re.compile(rf"{YEAR}\s*[-/.年]\s*\d{{1,2}}")
_MONTH_DAY = re.compile(MONTH_DAY_PLAIN)
#: A page's navigation control, a command with where it goes: 跳转到指定楼层 (a forum's), 返回顶部, 回到首页.
_NAVIGATION = re.compile(r"^(?:跳转|返回|回到)(?:到|至)?\S{0,6}?(?:楼层|顶部|頂部|首页|上一?页|列表|目录|栏目)$")
#: Characters a headline with a day in it has besides the day.
_DATED_HEADLINE = 8
_EVENT = lazy(lambda w: w.event_verbs)
#: A document number under a notice's title: 国市监检测发〔2024〕12号.
_DOC_NUMBER = re.compile(r"[〔\[(（]\s*\d{4}\s*[〕\])）]\s*\d+\s*号$")
#: Clauses that say where the news came from or when, not what happened.
_NOT_NEWS = re.compile(
    r"^((据|从|记者从|记者)\S{0,24}(获悉|了解到|消息|报道)|近日|日前|目前|近期|近年来|今年以来|"
    rf"(\d{{4}}年|今年|去年)?(第[一二三四]季度|上半年|下半年|年初|年底|\d{{1,2}}月(\d{{1,2}}日)?{DAYPART}?)?)$"
)
_LEADING_TIME = re.compile(rf"^(近日|日前|今天|昨天|当天|{MONTH_DAY_PLAIN}{DAYPART}?)[,，]?")
#: When an event clause says it happened: "于3月2日上午".
_ON_DAY = re.compile(rf"于?{MONTH_DAY_PLAIN}{DAYPART}?")


#: A headline with the page's date line glued on: "…活动的通知发表时间：2018-09-04 09:49".
_GLUED_META = re.compile(rf"^(?P<head>[^。]{{6,80}}?)\s*(?P<meta>(?:发表|发布|更新)(?:时间|日期)[:：]\s*{YEAR}.*)$")


#: The page's meta fields glued to the start of the text: "阅读量: 发布时间:2021-06-30 受某某委托，…".
_LEADING_META = re.compile(
    rf"^(?P<meta>(?:(?:阅读|浏览|点击)(?:量|次数)?[:：]\s*\d*\s*)?(?:发表|发布|更新)(?:时间|日期)[:：]\s*"
    rf"{YEAR}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)\s+(?P<text>[\u4e00-\u9fff“].{{20,}})$"
)


def split_glued_meta(lines: list[str]) -> list[str]:
    """``lines`` with a date line glued to the end of a heading, or to the start of the text,
    put on a line of its own.

    Some pages print the headline and 发表时间：… in one element; read as one line, it is
    neither a headline (it has a date) nor text, and the real headline is lost. Others print
    the meta fields and the first paragraph in one element: the paragraph is text, the meta
    fields are not.
    """
    out: list[str] = []
    for line in lines:
        m = _GLUED_META.match(line) if "时间" in line or "日期" in line else None
        lead = _LEADING_META.match(line) if m is None and ("时间" in line or "日期" in line) else None
        if m and is_heading(m["head"].strip()):
            out += [m["head"].strip(), m["meta"]]
        elif lead:
            out += [lead["meta"], lead["text"]]
        else:
            out.append(line)
    return out


#: A page's meta line under its headline: a credit or a publication time with a full date.
_META_LINE = re.compile(
    rf"(?:来源|稿源|发布时间|发布日期|发表时间|更新时间|时间|日期)\s*[:：].{{0,40}}?{YEAR}\s*[-/.年]\s*\d{{1,2}}"
    # the date first, then the credit ("2024-05-20 来源：…"), or the date and time alone
    rf"|^\s*{YEAR}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}日?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
    r"\s*(?:$|(?:来源|稿源|作者|浏览|阅读|点击)\s*[:：])"
)
#: How long a headline ending in ！ or a bracket (…不合格！（附名单）) may run.
_HEADLINE_LIMIT = 48


def body_start(lines: list[str]) -> int:
    """Index of the first line of running article text (``len(lines)`` when none).

    A short line with no full stop right above the page's meta line (来源：… 发布时间：…) is the
    headline, even when it ends as a sentence may ("…不合格！（附名单）"): a meta line follows the
    headline, never the first paragraph."""
    for i, line in enumerate(lines):
        if is_paragraph(line) and not is_junk_line(line):
            below = lines[i + 1] if i + 1 < len(lines) else ""
            if len(line) <= _HEADLINE_LIMIT and "。" not in line and _META_LINE.search(below) and len(below) <= 80:
                continue
            return i
    return len(lines)


#: The day printed in brackets after a headline: "…开放日活动（2024-05-20）" (the page's date, not the headline's).
_TRAILING_DATE = re.compile(rf"\s*[（(\[]\s*{YEAR}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?\s*[)）\]]$")


def is_heading(line: str) -> bool:
    """A plausible headline: a short line of Chinese that is not chrome, a date or a byline."""
    line = _TRAILING_DATE.sub("", strip_site_suffix(line))
    if is_junk_line(line) or is_tail_heading(line):
        return False
    if len(line) > 64 or line.endswith(("。", ":", "：", ";", "；")) or line.startswith(("—", "-", "·")):
        return False  # a subtitle (——…), a list item
    if _SITE_NAME.search(line) or BYLINE.match(line) or _NAVIGATION.match(line):
        return False
    if len(_CRUMB_SEPARATOR.split(line)) >= 3 or ("|" in line and not _is_two_part_headline(line)):
        return False  # a breadcrumb (网易首页 > 网易号 > 正文), a menu or a page title with its site
    if _FULL_DATE.search(line) or _DOC_NUMBER.search(line):
        return False
    if _MONTH_DAY.search(line):
        # a headline may tell its day ("…7月1日起发布实施"); a date line tells little else
        rest = _MONTH_DAY.sub("", line)
        return han_count(rest) >= _DATED_HEADLINE and not re.search(r"[:：]", rest)
    return han_count(line) >= 6


def _is_two_part_headline(line: str) -> bool:
    """A headline in two halves around one ``|`` ("世界认可日 | 通行世界的认证认可"): both halves
    are words of the story, neither is a site's or column's name, so the bar is the headline's own."""
    parts = [p.strip() for p in re.split(r"[|｜]", line)]
    return len(parts) == 2 and all(han_count(p) >= 4 and not _SITE_WORD.search(p) for p in parts)


#: A site name glued to a headline, as in a page title: "…活动_中国质量新闻网", "… - 红网".
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*[\u4e00-\u9fffA-Za-z·]{1,16}(?:网|报|新闻|频道|在线|客户端|门户)$")


_SEPARATOR = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")
_SITE_WORD = re.compile(r"(网|报|新闻|频道|在线|客户端|门户|官网|首页|平台)$")


def strip_site_suffix(line: str) -> str:
    """The headline without what a page title glues to it: a site name or spam after ``_``/``|``/`` - ``,
    or the bare bar a table cell leaves after it ("…开放日活动 |")."""
    line = _SITE_SUFFIX.sub("", re.sub(r"\s+[|｜]\s*$", "", line))
    parts = [p for p in _SEPARATOR.split(line) if p]
    if len(parts) < 2:
        return line
    head, rest = parts[0], parts[1:]
    if han_count(head) >= 8 and all(is_junk_line(p) or len(p) <= 16 for p in rest):
        return head
    if len(head) <= 16 and _SITE_WORD.search(head) and han_count("".join(rest)) >= 8:
        return "".join(rest)  # "某某网 | headline"
    return line


#: What a page prints before a headline: a column tag ([国内新闻], 【专题】), 原标题：, a repost's
#: mark (转发：, 转载：, 转帖：, 转： — the site says it carries another's item; "关于转发…的通知" has no
#: colon and is a notice's own title), a portal's 原创 badge ("原创 某某活动举行"), a column name with
#: a colon (行业动态：), or an outlet crediting itself (新蓝网：).
_COLUMN_TAG = re.compile(r"^[\[【](?!疑似乱码)[^\]】]{2,8}[\]】]\s*")
_ORIGINAL = re.compile(r"^(?:(原标题|原题)[:：]\s*|(?:转发|转载|转帖|转)\s*[:：]\s*(?=\S{6,})|原创\s+(?=\S{6,}))")
_OUTLET_PREFIX = lazy(lambda w: rf"^(?P<outlet>[\u4e00-\u9fff]{{2,10}}?(?:{w.outlet_suffixes}|频道))[:：]\s*(?=\S{{6,}})")
_COLUMN_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:动态|新闻|资讯|要闻|快讯|公告|信息|聚焦|观察)[:：]\s*(?=\S{6,})")


#: A notice's document number printed after its title: "…的通知 （渝府办发〔2023〕98号）" (it is
#: the notice's 文号, read apart by the structure step, not part of the headline).
_TRAILING_DOC_NUMBER = re.compile(
    r"\s*[（(][^（）()]{0,12}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号\s*[)）]$"
    # an announcement's number: "…的公告 （国家认证认可监督管理委员会公告2021年第13号）"
    r"|\s*[（(][^（）()]{0,24}?(?:19|20)\d{2}\s*年\s*第\s*\d{1,4}\s*号\s*[)）]$"
)
#: An announcement's number printed before its title: "2020年第46号 市场监管总局关于…的公告".
_LEADING_DOC_NUMBER = re.compile(r"^(?:19|20)\d{2}\s*年\s*第\s*\d{1,4}\s*号\s+(?=\S)")
#: A reposted notice's title printed as a document's name: "《认监委关于…的公告》".
_WRAPPED = re.compile(r"^《(?P<title>[^《》]{6,80})》$")


_DECK_DASH = re.compile(r"^[—–]{1,2}\s*")


def clean_title(line: str) -> tuple[str, str]:
    """The headline without site names, column tags and prefixes, and the outlet a prefix names.

    ``新蓝网：我省打造…`` → (``我省打造…``, ``新蓝网``); ``行业动态：CNAS…`` → (``CNAS…``, "").
    """
    line = _DECK_DASH.sub("", line)  # a deck taken for the headline, without its dash
    title = _TRAILING_DOC_NUMBER.sub("", _TRAILING_DATE.sub("", strip_site_suffix(line))).strip()
    numbered = _LEADING_DOC_NUMBER.sub("", title)
    if NOTICE_TITLE.search(numbered):  # the number is the notice's, read apart; the title is its own
        title = numbered
    wrapped = _WRAPPED.match(title)
    if wrapped and NOTICE_TITLE.match(wrapped["title"]):
        title = wrapped["title"]
    outlet = ""
    for _ in range(3):  # prefixes stack: "【专题】原标题：…"
        before = title
        title = _ORIGINAL.sub("", _COLUMN_TAG.sub("", title))
        m = _OUTLET_PREFIX.match(title)
        if m and not _COLUMN_PREFIX.match(title):
            outlet = outlet or m["outlet"]
            title = title[m.end() :]
        title = _COLUMN_PREFIX.sub("", title)
        if title == before:
            break
    return title.strip(), outlet


#: A headline's first line when a notice's title is printed over two lines
#: ("市场监管总局办公厅关于组织开展" / "第十四个“世界认可日”主题活动的通知").
_OPEN_NOTICE = re.compile(r"关于[^。，]{0,30}$")
_DOC_END = re.compile(rf"(?:{DOCUMENT_KINDS}|方案|报告|细则|规划)$")


#: A body's name given relative to its place, alone on a line: 市市场监督管理局, 县人民政府, 省计量院
#: (how a local headline names its subject; a site's banner names the place: 某某市市场监督管理局).
_BODY_NAME = re.compile(
    r"^(?:市|县|区|省|州|旗|自治区)[\u4e00-\u9fff]{1,20}?(?:局|厅|委|委员会|人民政府|政府|院|所|中心|协会|学会|办公室)$"
)
#: A headline that opens with what was done, its subject left out: 开展…活动, 举办…, 召开….
_VERB_FIRST = lazy(lambda w: rf"^(?:{w.event_verbs}|组织|联合|成功|顺利)")


def join_split_title(lines: list[str], t: int) -> str:
    """The headline at ``t``, joined with the line above it when the headline was split: a
    notice's title after its 关于… ("市场监管总局办公厅关于组织开展" / "第十四个…的通知"), or any
    headline after its subject, a body's name ("市市场监督管理局" / "开展“世界认可日”主题宣传
    活动"): a headline that opens with its verb has lost its subject to the line above."""
    line = lines[t]
    above = lines[t - 1] if t > 0 else ""
    if not above or len(above) > 40:
        return line
    notice = _DOC_END.search(line) and "关于" not in line and _OPEN_NOTICE.search(above)
    subject = not notice and _VERB_FIRST.match(line) and _BODY_NAME.match(above) and not _SITE_NAME.search(above)
    # the junk rules last: they are the costly test, and most headlines are whole
    return above + line if (notice or subject) and not is_junk_line(above) else line


#: A breadcrumb's separators: "当前位置：某公司>>公司动态>>标题", "首页 > 新闻 > 标题".
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|»|›|>|→)\s*")


def breadcrumb_title(header: list[str], lead: str) -> str:
    """The headline a page prints only as its breadcrumb's last crumb, when the lead's first
    sentence tells it word for word ("…>>公司动态>>某实验室将落户上海" over "某实验室将落户上海。日前…"):
    the crumb is the page's own headline, not a column name."""
    first = re.split(r"[。！？]", lead, maxsplit=1)[0]
    for line in reversed(header):
        crumbs = _CRUMB_SEPARATOR.split(line)
        if len(crumbs) < 3:
            continue
        last = crumbs[-1].strip()
        if han_count(last) >= 6 and fingerprint(last) == fingerprint(first):
            return last
    return ""


#: An organisation's name standing alone (a company banner), not a headline.
_BARE_ORG = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,30}(有限公司|有限责任公司|股份公司|集团|研究院|研究所|检测中心|认证中心|事务所)$"
)


#: A deck under a headline: "——某中心组织开展实验室开放日活动".
_DECK = re.compile(r"^[—–]{1,2}\s*(?P<text>\S.{5,})$")
#: A deck's headline, so long: the site suffix of a page title, a few characters.
_PAGE_TITLE_SUFFIX = 8


def _deck_printed_twice(lines: list[str], start: int) -> int | None:
    """A deck (——…) the page prints again as its page title (…活动-某资讯): the page's own
    headline, over a slogan printed above it (热爱科学 崇尚科学 / ——某中心开展开放日活动).
    A deck printed once (——记实验室开放日活动) leaves the line above it the headline."""
    for i in range(1, start):
        m = _DECK.match(lines[i])
        if not m or han_count(m["text"]) < 8:
            continue
        key = fingerprint(m["text"])
        for j in range(start):
            other = fingerprint(lines[j])
            if j != i and not _DECK.match(lines[j]) and other.startswith(key) and len(other) - len(key) <= _PAGE_TITLE_SUFFIX:
                return i
    return None


def headline_line(lines: list[str]) -> int | None:
    """Index of the headline line, or ``None`` when the page shows none.

    In order: a heading printed twice (mirrors echo the headline); the last heading with a
    date line right below it (headline, optional subtitle, then 时间/来源); the last heading.
    """
    start = body_start(lines)
    deck = _deck_printed_twice(lines, start)
    if deck is not None:
        return deck
    candidates = [i for i in range(start) if is_heading(lines[i])]
    named = [i for i in candidates if not _BARE_ORG.match(lines[i])]
    if named and named[-1] > candidates[0]:
        candidates = named  # a company banner above the real headline
    if not candidates:
        return None
    if start < len(lines) and SALUTATION.match(lines[start - 1] if start else ""):
        notices = [i for i in candidates if NOTICE_TITLE.search(join_split_title(lines, i))]
        if notices:  # a notice: its own title ("…关于…的通知"), not a banner or column above it
            return notices[-1]
    chosen = _fullest_issuer(
        lines, candidates, _without_glued_keyword(lines, candidates, _pick_headline(lines, candidates, start))
    )
    if chosen + 1 in candidates and join_split_title(lines, chosen + 1) != lines[chosen + 1]:
        return chosen + 1  # the subject of a headline broken after it: the headline is joined at the next line
    return chosen


#: How many characters a title printed twice must share after its issuer's name.
_SHARED_TAIL = 10


def _fullest_issuer(lines: list[str], candidates: list[int], chosen: int) -> int:
    """The same title printed twice, its issuer once in full and once by a short form
    ("宁夏回族自治区市场监督管理厅关于…的通报" over "自治区市场监管厅关于…的通报"): the full one,
    which says whose it is. The short form's characters appear in the full name in order."""
    line = lines[chosen]
    for i in candidates:
        other = lines[i]
        if i == chosen or len(other) <= len(line):
            continue
        shared = _common_tail(line, other)
        if shared >= _SHARED_TAIL and shared < len(line) and _in_order(line[: len(line) - shared], other[: len(other) - shared]):
            return i
    return chosen


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _in_order(short: str, full: str) -> bool:
    """Every character of ``short`` appears in ``full``, in the same order (an abbreviation)."""
    rest = iter(full)
    return all(ch in rest for ch in short)


def _pick_headline(lines: list[str], candidates: list[int], start: int) -> int:
    # a 原标题 line repeats the headline (spaces or not) under a keyword line a mirror printed below it
    prints = [fingerprint(_ORIGINAL.sub("", line)) for line in lines]
    for i in candidates:
        if prints.count(prints[i]) > 1:
            return i
    # printed again over two lines ("2023年“某某日”" / "主题海报发布" under the whole headline)
    for i in candidates:
        if i + 1 in candidates:
            joined = fingerprint(lines[i] + lines[i + 1])
            whole = next((k for k in candidates if k not in (i, i + 1) and prints[k] == joined), None)
            if whole is not None:
                return whole
    # a date line below the headline (not the lead's own "3月31日，…")
    dated = [i for i in candidates if any(_HAS_DATE.search(line) for line in lines[i + 1 : min(i + 3, start)])]
    last = dated[-1] if dated else candidates[-1]
    if last - 1 in candidates and start < len(lines) and not _DOC_END.search(lines[last]):
        # headline and subtitle on consecutive lines ("某学会成立" / "重点围绕…开展工作", or a
        # paper's headline and its deck above the masthead and date): the headline is the line
        # the lead tells again
        lead = lines[start]
        return max((last - 1, last), key=lambda i: (_told_in(lines[i], lead), i))
    return last


#: How many characters a spam keyword glued to a headline may have ("…会议召开地磅").
_GLUED_KEYWORD = 6


def _without_glued_keyword(lines: list[str], candidates: list[int], chosen: int) -> int:
    """The same headline printed again without a keyword glued to its end, when the page shows
    both ("…工作会议召开地磅" above "…工作会议召开"): the clean one."""
    line = lines[chosen]
    for i in candidates:
        other = lines[i]
        if i != chosen and han_count(other) >= 6 and line.startswith(other) and 0 < len(line) - len(other) <= _GLUED_KEYWORD:
            return i
    return chosen


def _told_in(line: str, lead: str) -> float:
    """Share of the line's character pairs that the lead repeats."""
    pairs = {line[k : k + 2] for k in range(len(line) - 1) if han_count(line[k : k + 2]) == 2}
    return sum(p in lead for p in pairs) / len(pairs) if pairs else 0.0


#: How long a notice's title printed as the text's first line may run (NOTICE_TITLE allows 80 in its subject).
_NOTICE_LIMIT = 120
#: A line shaped as a headline, not a lead: short, a ？ or ！ inside it, no comma, colon or full stop.
_HEADLINE_SHAPED = re.compile(r"^[^，,。：:；;]{4,30}[？?！!][^，,。：:；;？?！!]{4,30}$")


def derive_title(lead: str, limit: int = 36) -> str:
    """A headline from the lead: its first event clause, time words and dateline removed.

    Only a stop-gap so the article has a heading; the importer marks it for review.
    """
    if NOTICE_TITLE.match(lead.strip()) and len(lead.strip()) <= _NOTICE_LIMIT:
        # a notice's own title as the text's first line, too long for a heading (the document it
        # is about named in full): 某局关于…《…（征求意见稿）》意见的通知 is the title whole
        return lead.strip()
    if _HEADLINE_SHAPED.match(lead) and is_heading(lead):
        # a headline printed as the first line of text, a question in it ("…成效如何？某局回应"):
        # no comma, no full stop, nothing a lead sentence has; it is the headline whole
        return lead.strip()
    text = strip_dateline(lead)
    text = re.sub(r"（[^）]*）|【[^】]*】", "", text)
    clauses = [c.strip() for c in _split_outside_quotes(text) if c.strip() and not _NOT_NEWS.match(c.strip())]
    if not clauses:
        return lead[:limit]
    events = [c for c in clauses if _EVENT.search(c)]
    timed = [c for c in events if _ON_DAY.search(c) or "在" in c]
    chosen = (timed or events or clauses)[0]
    chosen = _LEADING_TIME.sub("", chosen)
    chosen = _ON_DAY.sub("", chosen).strip()
    cut = _last_outside_quotes(chosen, "的")
    if len(chosen) > limit and cut >= 0:
        verb = _EVENT.match(chosen)
        chosen = (verb.group(0) if verb else "") + chosen[cut + 1 :]
    return _cut_outside_quotes(chosen, limit).strip()


_OPENERS, _CLOSERS = "《“「『（", "》”」』）"
#: A derived headline may run this long to keep a document's name whole (a page headline's limit).
_MAX_DERIVED = 64


def _depths(text: str) -> list[int]:
    """Nesting depth in 《》/“”/「」 before each character (0: outside every quote)."""
    depth, out = 0, []
    for ch in text:
        if ch in _CLOSERS:
            depth = max(depth - 1, 0)
        out.append(depth)
        if ch in _OPENERS:
            depth += 1
    return out


def _split_outside_quotes(text: str) -> list[str]:
    """Clauses split at , ; 。 ! ? that stand outside 《》 and “”."""
    depths, parts, last = _depths(text), [], 0
    for i, ch in enumerate(text):
        if ch in ",，;；。!?！？" and depths[i] == 0:
            parts.append(text[last:i])
            last = i + 1
    parts.append(text[last:])
    return parts


def _last_outside_quotes(text: str, char: str) -> int:
    depths = _depths(text)
    return max((i for i, ch in enumerate(text) if ch == char and depths[i] == 0), default=-1)


def _cut_outside_quotes(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, never inside 《》 or “”: the quote is kept whole
    when it closes within a few characters more, else the cut falls before it opens."""
    if len(text) <= limit:
        return text
    depths = _depths(text)
    if depths[limit] == 0:
        return text[:limit]
    close = next((i for i in range(limit, len(text)) if depths[i] == 0), len(text))
    if close < len(text) and text[close] in _CLOSERS:
        close += 1
    if close <= _MAX_DERIVED:
        return text[:close]
    start = max(i for i in range(limit) if depths[i] == 0 and (i + 1 >= len(text) or depths[i + 1] > 0))
    return text[: start + 1].rstrip("《“「『（")
