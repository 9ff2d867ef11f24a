"""Publication date from meta lines, the URL, datelines and the lead, with honest guesses.

Order of trust: a date printed next to the headline (``发布时间``, a date/time line,
a newspaper masthead) or in the URL; then a full date in the lead; then a month/day
(``7月29日``, ``12月13日讯``) whose year comes from the strongest evidence on the page
(the title, the URL, years the text mentions, dated lists), reported as a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scrapers.core.patterns import MONTH_DAY, URL_DATES, URL_MONTH, YEAR, dates_in
from scrapers.enrich.outlets import outlet_of_url

#: (not a day that comes back every year: "每年6月9日", "每年的6月9日" is a festival's, not the news's)
_MONTH_DAY = re.compile(rf"(?<![\d年])(?<!每年的){MONTH_DAY}")
#: A date typed with a space on each side of its numbers ("12 月 23 日", "2025 年"): the spacing some
#: editors and apps put between Han and Latin or digits, which no date pattern allows.
_SPACED_DATE = re.compile(r"\d\s+[年月日]|[年月]\s+\d")
_LATIN_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff])[ \u00a0](?=[0-9A-Za-z])|(?<=[0-9A-Za-z])[ \u00a0](?=[\u4e00-\u9fff])|(?<=[A-Za-z])[ \u00a0](?=\d)"
)


def unspaced_latin(text: str) -> str:
    """``text`` without the spaces set between Han and Latin or digits, when its dates are typed
    so ("钛媒体 App 12 月 23 日消息" → "钛媒体App12月23日消息"); a text whose dates are typed
    tight keeps every space (an English name, "CNAS 认可", is spaced by its writer)."""
    return _LATIN_SPACE.sub("", text) if _SPACED_DATE.search(text) else text


# "2024年", or a year glued to a name ("2019全国…") but not a count ("2000家", "1990人").
_YEAR = re.compile(r"(?<![\d.])((?:199|20[0-9])\d)(?:\s*年|(?=[\u4e00-\u9fff])(?![家人万余多个项份元件台次名批场亿千百届期号]))")
_SIGNATURE_DATE = re.compile(rf"^{YEAR}年\d{{1,2}}月\d{{1,2}}日$")
#: A notice's attachment line: "附件1.某某办法.doc", "附件：…", or a file's name alone.
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：.、]?|\.(?:pdf|docx?|xlsx?|wps|zip|rar|ofd)$", re.IGNORECASE)
#: A year whose figures are told whole: "2024年全行业营收达…", "截至2021年底", "2023年全年".
#: So is a year whose results or report are given out: "通报2024年度…监督抽查结果", "2021年度报告出炉"
#: (a year's results are told once it is over; "组织开展2022年度…抽查" plans one and is not closed).
_CLOSED_YEAR = re.compile(
    r"(?<![\d.])((?:199|20[0-9])\d)\s*年(?:底|末|全年|全行业|度全国"
    r"|度[^，。；,;：:]{0,30}?(?:结果|总结|工作报告|年报|报告出炉))"
)
#: A wire dateline's own day: 中新网深圳10月17日电, 人民网北京3月2日讯.
_WIRE_DAY = re.compile(rf"^[^，。]{{2,30}}?{MONTH_DAY}(?:电|讯)")
#: A photo's caption closing with its credit (…仪式。某某网 张三摄, …现场。某某供图): printed above
#: the lead, it is no dateline; the lead is the line below it.
#: A headline's longest print (enrich.title's limit for a heading), and a sentence's end.
_HEADLINE_LIMIT = 64
_SENTENCE_END = re.compile(r"[。；;]")
_CAPTION_CREDIT = re.compile(r"[。！”]\s*(?:[\u4e00-\u9fff]{2,10}\s+)?[\u4e00-\u9fff]{2,4}\s*(?:摄|摄影|供图)$")


#: A notice's signature run into its closing paragraph: "…特此公告，某某县市场监督管理局2022年4月29日。"
_GLUED_SIGNATURE = re.compile(
    r"^(?P<text>.*特此(?:公告|通知|通告|函告)[。，,]?)\s*"
    r"(?P<org>[\u4e00-\u9fff]{4,30}?(?:局|委|厅|院|所|中心|协会|学会|政府|办公室))\s*"
    r"(?P<day>(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[。.]?$"
)


def unglued_signature(body: list[str]) -> list[str]:
    """``body`` with a signature a copy ran into the closing paragraph (…特此公告，某局2022年4月29日。)
    set on its own lines again, as the notice prints it: the issuer, then the day."""
    m = _GLUED_SIGNATURE.match(body[-1]) if body else None
    return [*body[:-1], m["text"], m["org"], m["day"]] if m else body


def lead_line(body: list[str]) -> str:
    """The text's lead: its first paragraph, or the second when the first is a photo's caption
    (ending with 某某摄, or its credit cut off and its words the lead's own) and the second opens
    with a dateline (某某网某地5月17日电 （张三）5月17日，…); so is a headline left in the text
    above it (a short line with no full stop: a lead that runs into a dateline never is one)."""
    if len(body) > 1 and _WIRE_DAY.match(body[1]):
        caption = body[0].strip().rstrip("。")
        if _CAPTION_CREDIT.search(body[0]) or (len(caption) >= 10 and caption in body[1]):
            return body[1]
        if len(body[0]) <= _HEADLINE_LIMIT and not _SENTENCE_END.search(body[0]) and not _WIRE_DAY.match(body[0]):
            return body[1]
    return body[0] if body else ""


_TITLE_YEAR = re.compile(rf"^({YEAR})")
#: A publication date's label on a meta row: "发布时间：", "发布日期:", "发表于".
_PUB_LABEL = re.compile(r"(?:发布|发表|刊发|刊登)(?:时间|日期|于)\s*[:：]?\s*(?=(?:19|20)\d{2})")


@dataclass(frozen=True)
class DateFinding:
    """A date with how it was found; ``note`` is set when an editor should check it."""

    value: str
    how: str
    note: str = ""


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def full_dates(text: str) -> list[tuple[date, str]]:
    """Every ``YYYY-MM-DD``-like date in ``text``, with its time when printed (``HH:MM``)."""
    return [(found.day, found.clock) for found in dates_in(text)]


#: A year folder, then month and day joined by a dash: a mirror's ``/Content/2021/06-01/``.
_URL_YEAR_MONTH_DAY = re.compile(rf"/({YEAR})/(\d{{2}})-(\d{{2}})/")
#: The file name a government CMS gives a page from its publication day: ``/202303/t20230327_6150810.html``.
_URL_T_NAME = re.compile(rf"/t({YEAR})(\d{{2}})(\d{{2}})_\d+\.\w+$")
#: Year and month joined by an underscore, then the day's folder: ``/detail_2022_01/21/3829.html``.
_URL_YEAR_UNDERSCORE = re.compile(rf"[/_]({YEAR})_(\d{{2}})/(\d{{2}})/")
#: Year and unpadded month joined by a dash, then the unpadded day's folder: a mirror CMS's
#: ``/zjkx/2024-5/21/242406.html`` (seven pages of four mirror hosts across fresh4, fresh6, blind11).
_URL_YEAR_DASH_UNPADDED = re.compile(rf"/({YEAR})-(\d{{1,2}})/(\d{{1,2}})/")
#: The whole day in one folder, dashed and unpadded (``/news/2009-9-16/…``), or dashed all through
#: with underscores (``/news/2023_05_17/…``): the padded ``/2023-05-17/`` folder's siblings.
_URL_DAY_FOLDER = re.compile(rf"/({YEAR})([-_])(\d{{1,2}})\2(\d{{1,2}})/")


def url_date(url: str) -> date | None:
    """The day a URL's folders or file name give (``/2024-05/21/``, ``/2021/06-01/``,
    ``/t20230327_6150810.html``…), or ``None``."""
    for pattern in (*URL_DATES, _URL_YEAR_MONTH_DAY, _URL_T_NAME, _URL_YEAR_UNDERSCORE, _URL_YEAR_DASH_UNPADDED):
        m = pattern.search(url or "")
        if m:
            day = _valid(int(m[1]), int(m[2]), int(m[3]))
            if day:
                return day
    m = _URL_DAY_FOLDER.search(url or "")
    return _valid(int(m[1]), int(m[3]), int(m[4])) if m else None


def url_year(url: str) -> int | None:
    day = url_date(url)
    if day:
        return day.year
    m = URL_MONTH.search(url or "")
    return int(m[1]) if m and 1 <= int(m[2]) <= 12 else None


#: A page's clock, printed above everything: "今天是：2025年03月18日 星期二" (the visitor's day, never the page's).
_TODAY_BANNER = re.compile(r"^\s*(?:今天是|今日是|今天|今日|当前日期|当前时间|现在时间)\s*[:：]?\s*(?:19|20)\d{2}\s*[-/.年]")


#: How many dropped lines a page's meta row may be among, when no header was read.
_META_ROWS = 3


def find_date(
    header: list[str],
    title: str,
    body: list[str],
    tail: list[str],
    url: str = "",
    today: date | None = None,
) -> DateFinding | None:
    """The publication date. ``header``: lines above the text (meta lines included);
    ``body``: article paragraphs; ``tail``: dropped lines after the text (related lists).
    """
    today = today or date.today()
    header = [unspaced_latin(line) for line in header if not _TODAY_BANNER.match(line)]
    body, tail, title = [unspaced_latin(b) for b in body], [unspaced_latin(t) for t in tail], unspaced_latin(title)
    body = unglued_signature(body)
    # a date under its label (发布时间：2019-06-09) is the page's own; a bare timestamp above it
    # (2024-11-23 05:05:57 on a mirror's top line) is when the copy was made
    labelled = (d for line in header for m in _PUB_LABEL.finditer(line) for d in full_dates(line[m.end() :])[:1])
    header_day = next((d for d in labelled if d[0] <= today), None)
    header_day = header_day or next((d for line in header for d in full_dates(line) if d[0] <= today), None)
    header_day = header_day or next((d for line in header for d in _short_year_dates(line) if d[0] <= today), None)
    header_day = header_day or next((d for line in header for d in _day_first_dates(line) if d[0] <= today), None)
    header_day = header_day or next((d for line in header for d in _yearless_meta(line, url) if d[0] <= today), None)
    if header_day is None and not header:
        # a headline printed as a sentence ("…活动。") was read as the text, and its meta row
        # (发布时间：2015-07-23 发布机构：…) dropped below it: the first dropped lines are that row
        dropped = (d for line in tail[:_META_ROWS] for m in _PUB_LABEL.finditer(line) for d in full_dates(line[m.end() :])[:1])
        header_day = next((d for d in dropped if d[0] <= today), None)
    found = _signed(body, header_day, today) or _from_header(body, header_day, header) or _from_url_or_lead(url, body, today)
    if found is not None:
        return found
    credit = _credited(body, tail, today)
    if credit is not None:
        return credit
    md = _MONTH_DAY.search(" ".join(body[:2])[:200])
    if md:  # a day with no year anywhere is None: never the year of the import date
        return _with_year(int(md["m"]), int(md["d"]), _evidence_years(title, body, url, tail, today), today)
    dated = sorted((d for line in tail for d, _ in full_dates(line) if d <= today), reverse=True)
    if dated:
        return DateFinding(dated[0].isoformat(), "tail", "页面未给出发布日期，暂用页面相关列表中最近的日期，请核对")
    return None


#: A paper's credit closing the text with its edition's date: "《某某时报》 （2010-9-28 B2 校园）".
_CREDIT_LINE = re.compile(r"^《[^》]{2,20}》\s*[(（]\s*(?:19|20)\d{2}[-./年]")


def _credited(body: list[str], tail: list[str], today: date) -> DateFinding | None:
    """The edition's date of a paper credited at the end of the text (the text printed no
    other date): the day the paper carried it."""
    for line in [*body[-3:], *tail]:
        if _CREDIT_LINE.match(line):
            days = [d for d, _ in full_dates(line) if d <= today]
            if days:
                return DateFinding(days[0].isoformat(), "credit")
    return None


#: A signature's date in Chinese numerals: "二〇二四年五月十日"; the zero typed as a circle or a
#: letter O as often as 〇 (二○一○年, 二O一O年).
_HAN_ZEROS = "〇零○◯OoＯ0０"
_HAN_DATE = re.compile(
    rf"^(?P<y>[{_HAN_ZEROS}一二三四五六七八九]{{4}})\s*年\s*(?P<m>[一二三四五六七八九十]{{1,2}})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日$"
)
_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | dict.fromkeys(_HAN_ZEROS, 0)
#: A signature's date after the issuer on the same line: "某某局 2024年5月10日".
_SIGNED_ON = re.compile(rf"^[\u4e00-\u9fff（）()、\s]{{4,60}}\s+({YEAR}年\d{{1,2}}月\d{{1,2}}日)$")


#: An issuer's name, then (after a space) what may be its date.
_ISSUER_THEN_DATE = re.compile(r"^[\u4e00-\u9fff（）()、]{4,60}\s+(?P<date>[^\s].{5,20})$")


def _han_number(text: str) -> int:
    """一 … 九十九 as a number: 十 → 10, 二十三 → 23."""
    if "十" not in text:
        return _HAN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[units] if units else 0)


def _signature_day(line: str) -> date | None:
    """The date of a signature line: "2015年6月17日", "二〇一五年六月十七日", or after the issuer
    on the same line ("某某局 2015年6月17日")."""
    line = line.strip()
    on = _SIGNED_ON.match(line)
    if _SIGNATURE_DATE.match(line) or on:
        return full_dates(on[1] if on else line)[0][0]
    issuer = _ISSUER_THEN_DATE.match(line)  # "某某局 二〇一五年六月十七日"
    han = _HAN_DATE.match(line) or (_HAN_DATE.match(issuer["date"]) if issuer else None)
    if han:
        year = int("".join(str(_HAN_DIGITS[c]) for c in han["y"]))
        return _valid(year, _han_number(han["m"]), _han_number(han["d"]))
    return None


def _signed(body: list[str], header_day: tuple[date, str] | None, today: date) -> DateFinding | None:
    """A notice's own date under its signature ("2015年6月17日"), unless the header prints the
    same day: it beats whatever date a mirror printed above it."""
    signed = None
    end = len(body)
    while end and _ATTACHMENT.search(body[end - 1]):
        end -= 1  # the attachments listed under the signature (附件1.某某办法.doc) do not hide it
    for line in body[max(end - 3, 0) : end]:
        day = _signature_day(line)
        if day and day <= today:
            signed = day
    if signed and not (header_day and header_day[0] == signed):
        return DateFinding(signed.isoformat(), "signature")
    return None


#: A line crediting a publisher: 来源：…, 稿源：….
_CREDIT = re.compile(r"(?:来源|稿源|出处|转自)\s*[:：]\s*[^\s:：]")


def _from_header(body: list[str], header_day: tuple[date, str] | None, header: list[str]) -> DateFinding | None:
    """The date printed next to the headline, unless the wire dateline gives the item's own day
    and the header's is more than two days later (a mirror's timestamp)."""
    if header_day is None:
        return None
    wire = _WIRE_DAY.match(lead_line(body))
    if wire:
        day = _latest(int(wire["m"]), int(wire["d"]), header_day[0])
        late = (header_day[0] - day).days if day else 0
        # a page's clock time a day or two after the wire's day, with no publisher of its own
        # credited, is a repost's timestamp; a paper's edition (no time) or a credited site's
        # (来源：人民网) is that publisher's own day
        if day and (late > 2 or (late > 0 and header_day[1] and not any(_CREDIT.search(x) for x in header))):
            return DateFinding(
                day.isoformat(),
                "wire",
                f"页面标注的日期{header_day[0].isoformat()}与电头日期不符，已取电头的{day.month}月{day.day}日，请核对",
            )
    day, hm = header_day
    return DateFinding(f"{day.isoformat()} {hm}".strip(), "header")


#: A stamp printed day first with dots, the year last, on a line of its own: "30.09.2016  13:35"
#: (the European order an aggregator's template prints; a year-last dotted date is never
#: month first in Chinese or European use, so 09.10.2014 is 9 October).
_DAY_FIRST = re.compile(rf"^\s*(\d{{1,2}})\.(\d{{1,2}})\.({YEAR})(?:\s+(\d{{1,2}}):([0-5]\d)(?::\d{{2}})?)?\s*$")


def _day_first_dates(line: str) -> list[tuple[date, str]]:
    """A day-first dotted stamp standing alone on a header line, as ``full_dates``."""
    m = _DAY_FIRST.match(line)
    day = _valid(int(m[3]), int(m[2]), int(m[1])) if m else None
    clock = f"{int(m[4]):02d}:{m[5]}" if m and m[4] and int(m[4]) < 24 else ""
    return [(day, clock)] if m and day else []


#: A meta row's date printed without its year: "日期：04-24", "发布时间：04-24 10:30".
_YEARLESS_META = re.compile(r"(?:发布|日期|时间)[^:：\d]{0,4}[:：]\s*(\d{1,2})-(\d{1,2})(?:\s+(\d{1,2}):([0-5]\d))?\s*$")


def _yearless_meta(line: str, url: str) -> list[tuple[date, str]]:
    """A meta row's month and day with the year of the URL's folder for that month
    (``/201904/`` under 日期：04-24), as ``full_dates``; no such folder, no date."""
    m = _YEARLESS_META.search(line)
    folder = URL_MONTH.search(url or "") if m else None
    if not m or not folder or int(folder[2]) != int(m[1]):
        return []
    day = _valid(int(folder[1]), int(m[1]), int(m[2]))
    clock = f"{int(m[3]):02d}:{m[4]}" if m[3] and int(m[3]) < 24 else ""
    return [(day, clock)] if day else []


#: A publication date printed with a two-digit year after its label: "发布于：23-06-30".
_SHORT_YEAR = re.compile(r"(?:发布|发表|更新)(?:于|时间|日期)[:：]?\s*(\d{2})-(\d{1,2})-(\d{1,2})(?![\d-])")


def _short_year_dates(line: str) -> list[tuple[date, str]]:
    """A labelled publication date with a two-digit year (this century's), as ``full_dates``."""
    m = _SHORT_YEAR.search(line)
    day = _valid(2000 + int(m[1]), int(m[2]), int(m[3])) if m else None
    return [(day, "")] if day else []


def _from_url_or_lead(url: str, body: list[str], today: date) -> DateFinding | None:
    """A date in the URL, else a full date in the lead's first 80 characters; a wire dateline's
    own day (…北京4月2日讯) beats the event day the lead then tells (2022年3月31日, …召开),
    with that date's year (the year after when the dateline's month comes earlier)."""
    day = url_date(url)
    lead = lead_line(body)
    wire = _WIRE_DAY.match(lead)
    if day and day <= today:
        told = _latest(int(wire["m"]), int(wire["d"]), day) if wire else None
        # a wire's story reposted by a site that is no outlet (a university's, a society's) is
        # filed under the day it was reposted: the dateline's day a few days before is its own
        if told and 0 < (day - told).days <= 3 and not outlet_of_url(url, mirrors=False):
            note = f"网址中的日期{day.isoformat()}晚于电头日期，已取电头的{told.month}月{told.day}日，请核对"
            return DateFinding(told.isoformat(), "wire", note)
        return DateFinding(day.isoformat(), "url")
    for day, _ in full_dates(lead[:80]):
        if day <= today:
            if wire:
                told = _valid(day.year, int(wire["m"]), int(wire["d"]))
                told = told if told is None or told >= day else _valid(day.year + 1, int(wire["m"]), int(wire["d"]))
                if told and told <= today and (told - day).days <= 31:
                    return DateFinding(told.isoformat(), "wire")
            return DateFinding(day.isoformat(), "lead")
    return None


def _with_year(month: int, dom: int, years: list[tuple[int, str]], today: date) -> DateFinding | None:
    """A month and day with the year of the strongest evidence (not in the future); a guess
    from the text or a list is flagged for the editor, the page's own title or URL is not."""
    for year, how in years:
        day = _valid(year, month, dom)
        while day and day > today:
            day = _valid(day.year - 1, month, dom)
        if day:
            if how in {"url", "title"}:  # the page itself dates it
                return DateFinding(day.isoformat(), f"lead+{how}")
            return DateFinding(day.isoformat(), f"lead+{how}", f"发布日期的年份由{_HOW[how]}推断为{day.year}年，请核对")
    return None


def bare_month_day(body: list[str]) -> str:
    """A month and day the lead gives without any year on the page ("9月15日"), for a note."""
    md = _MONTH_DAY.search(" ".join(body[:2])[:200])
    return f"{int(md['m'])}月{int(md['d'])}日" if md else ""


def _latest(month: int, dom: int, limit: date) -> date | None:
    """The latest ``month``/``dom`` on or before ``limit``."""
    day = _valid(limit.year, month, dom)
    if day is None or day > limit:
        day = _valid(limit.year - 1, month, dom)
    return day


_HOW = {"title": "标题中的年份", "url": "网址", "text": "正文提到的年份", "tail": "页面列表中的日期"}


def _evidence_years(title: str, body: list[str], url: str, tail: list[str], today: date) -> list[tuple[int, str]]:
    """Candidate years, strongest first."""
    out: list[tuple[int, str]] = []
    m = _TITLE_YEAR.match(title) or _YEAR.search(title)
    if m:
        out.append((int(m[1]), "title"))
    y = url_year(url)
    if y:
        out.append((y, "url"))
    text = " ".join(body)
    # a year told as closed (2024年全行业营收…, 截至2021年底) is reported on the year after
    closed = [int(y) + 1 for y in _CLOSED_YEAR.findall(text)]
    text_years = [y for y in [*map(int, _YEAR.findall(text)), *closed] if y <= today.year]
    if text_years:
        out.append((max(text_years), "text"))
    tail_years = [d.year for line in tail for d, _ in full_dates(line) if d <= today]
    if tail_years:
        out.append((max(tail_years), "tail"))
    return out
