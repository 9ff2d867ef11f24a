"""Drop non-article lines: navigation, widgets, meta lines, footers, spam, related lists.

Rules live in ``scrapers/data/junk.yaml`` so an editor can add a pattern without
touching code. The step works on Simplified, width-normalised lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scrapers.core.datafiles import load_yaml
from scrapers.core.patterns import BYLINE, DATE, YEAR, strip_dateline
from scrapers.normalise.lines import is_paragraph

DATA = Path(__file__).resolve().parent.parent / "data" / "junk.yaml"

# A line carrying a date and little else (a date/meta line or a dated list item).
_DATE = rf"(?:{DATE}\s*日?|\d{{1,2}}-\d{{2}})"
_DATED_ITEM = re.compile(rf"^[-·•\s]*.{{2,60}}?[(（]?{_DATE}[)）]?\s*$")
_DATE_ONLY = re.compile(rf"^{YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日$")


@dataclass(frozen=True)
class JunkRules:
    short_max: int
    short: tuple[re.Pattern[str], ...]
    any: tuple[re.Pattern[str], ...]
    tail: re.Pattern[str]
    inline: tuple[re.Pattern[str], ...]
    end: re.Pattern[str] | None = None
    tokens: tuple[re.Pattern[str], ...] = ()
    captions: tuple[re.Pattern[str], ...] = ()
    trailing: tuple[re.Pattern[str], ...] = ()


@lru_cache(maxsize=4)
def load_rules(path: Path = DATA) -> JunkRules:
    """The junk rules, checked: a bad pattern is reported as ``file:line: key: …``."""
    doc = load_yaml(path)
    for key in ("tail_headings", "end_markers"):
        doc.regexes(key)  # each alone, so a broken one is named with its own line
    tail = "|".join(f"(?:{p})" for p in doc.strings("tail_headings"))
    end = doc.strings("end_markers")
    return JunkRules(
        short_max=int(doc.number("short_line_max", default=80, minimum=1)),
        short=doc.regexes("short_line_patterns", flags=re.IGNORECASE),
        any=doc.regexes("any_line_patterns", flags=re.IGNORECASE),
        tail=re.compile(rf"^[-·•\s【\[]*(?:{tail})[】\]]?\s*[:：]?\s*(更多)?\s*[>»]*[\s|｜]*$"),
        inline=doc.regexes("inline_patterns", flags=re.IGNORECASE),
        end=re.compile("|".join(f"(?:{p})" for p in end)) if end else None,
        tokens=doc.regexes("spam_tokens", flags=re.IGNORECASE),
        captions=doc.regexes("caption_patterns"),
        trailing=doc.regexes("trailing_patterns"),
    )


#: A paragraph this long (characters) that a spam rule matches is cut, not dropped (see spam_tokens).
_PARAGRAPH_MIN = 60


def without_tokens(line: str, rules: JunkRules) -> str | None:
    """A paragraph of text a spam rule matched, without the spam tokens woven into its clause
    openings, when that leaves text no rule matches; ``None`` when it stays spam."""
    if len(line) < _PARAGRAPH_MIN or not is_paragraph(line) or not rules.tokens:
        return None
    cut = line
    for p in rules.tokens:
        cut = p.sub("", cut)
    if cut == line or not is_paragraph(cut) or any(p.search(cut) for p in rules.any):
        return None
    return cut.strip()


def is_short(line: str, rules: JunkRules) -> bool:
    return len(line) <= rules.short_max and "。" not in line


def is_junk_line(line: str, rules: JunkRules | None = None) -> bool:
    """True for a line that is page chrome rather than article text (context-free rules)."""
    rules = rules or load_rules()
    if any(p.search(line) for p in rules.any):
        return True
    if is_short(line, rules):
        if any(p.search(line) for p in rules.short):
            return True
        if BYLINE.match(line) or (_DATED_ITEM.match(line) and not _DATE_ONLY.match(line)):
            return True
        if line.startswith("- ") and not is_paragraph(line):
            return True
    return False


def is_caption(line: str) -> bool:
    """A photo caption: one short sentence standing alone ("市民代表参观计量文化展馆。"). A
    schedule's line (2025年6月29日（星期日）全天。) is as short and as bare, but tells only when: a
    photo shows a scene, never a weekday or an hour."""
    body = line.rstrip("。")
    return (
        line.endswith("。")
        and len(body) <= 22
        and not re.search(r"[,，;；:：、]", body)
        and "。" not in body
        and not _REPORTED.search(body)
        and not _WHEN_ONLY.fullmatch(body)
    )


#: A day, a weekday, a part of the day or a clock time, and a span's 至: a schedule's "when"
#: ("2025年6月29日（星期日）全天", "6月29日上午9:00至12:00", "6月1日至6月30日").
_WHEN = (
    r"(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日|[(（]\s*(?:星期|周)[一二三四五六日天]\s*[)）]"
    r"|(?:星期|周)[一二三四五六日天]|全天|全日|上午|下午|中午|晚上|\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*时|[至到\-－—~～]"
)
_WHEN_ONLY = re.compile(rf"(?:\s*(?:{_WHEN}))+\s*")


#: A photo's credit closing its caption: "中新社记者 杜洋 摄", "某某云/某某日报 记者王某 摄", "（刘通摄）", "通讯员刘娟 摄",
#: "某某学院供图", "某某分局供图 某某网发"; an archive photo's note standing for the credit ("…活动。资料图片");
#: a still's note ("…场边支招。视频截图") and a stock library's archive credit ("共享充电宝。视觉中国 资料").
_PHOTO_CREDIT = re.compile(
    r"(?:[(（]\s*)?(?:[\u4e00-\u9fff]{1,12}[/／]\s*)?(?:[\u4e00-\u9fff]{0,12}?\s?(?:记者|通讯员|摄影师?)\s*)?"
    r"[\u4e00-\u9fff·]{2,4}(?:[、\s]+[\u4e00-\u9fff·]{2,4})*\s*(?:翻摄|摄影|摄)\s*[)）]?$"
    r"|[\u4e00-\u9fff]{2,14}供图(?:\s+\S{2,8})?$"
    r"|[(（]?资料(?:图片?|照片)[)）]?$"
    r"|[(（]?(?:视频|网络|网页|报道|监控|直播)截图[)）]?$"
    r"|(?:视觉中国|东方IC|图虫创意|CFP)\s*(?:资料|供图)$"
)
_CAPTION_MAX = 80
#: Characters at the end of a line a credit can take (organisation, role, names, 摄).
_CREDIT_MAX = 40


#: A line with no mark at all: Chinese and figures only, the length of a caption.
_BARE = re.compile(r"[\u4e00-\u9fff0-9]{8,36}")
#: The same, as short as a caption naming a scene ("活动现场"): only ``caption_patterns`` read it.
_BARE_CAPTION = re.compile(r"[\u4e00-\u9fff0-9]{4,36}")


#: A speaker's caption: the person's titles, apart by 、 or a comma, the name and the act, with no
#: full stop ("某某总局副局长，某某委员会主任张某先生致辞"): a text reports a speech in a sentence.
_SPEAKER_CAPTION = re.compile(r"[\u4e00-\u9fff0-9、，,]{4,46}(先生|女士)?(致辞|讲话|发言)")


def is_unmarked_caption(line: str, rules: JunkRules | None = None) -> bool:
    """A photo caption printed bare (no 图为, no credit, no full stop) that tells who does what
    in the picture: a person by role and a visible act (``caption_patterns``), or a speaker by
    titles and name. A subhead has the same bare form but names a topic, not a person acting."""
    rules = rules or load_rules()
    if _SPEAKER_CAPTION.fullmatch(line):
        return True
    return bool(_BARE_CAPTION.fullmatch(line)) and any(p.search(line) for p in rules.captions)


def is_credited_caption(line: str) -> bool:
    """A photo caption signed by its photographer: a sentence or two describing a picture, then
    the credit ("5月9日，某某学院毕业生双选会现场。某某学院供图"). A paragraph of text is longer
    or carries no credit of its own."""
    tail = max(len(line) - _CREDIT_MAX, 0)
    end = line[tail:]
    if "摄" not in end and "供图" not in end and "资料" not in end and "截图" not in end:
        return False  # most lines: no credit near the end, no search
    if strip_dateline(line) != line:
        return False  # a brief's lead (本报讯…) may close with the credit of its one photo
    m = _PHOTO_CREDIT.search(line, tail)
    if not m or m.start() == 0:
        return False
    text = line[: m.start()].rstrip()
    return (
        0 < len(text) <= _CAPTION_MAX
        and (text.endswith(("。", "！", "？")) or line[len(text)].isspace())
        and text.count("。") <= 2
    )


#: What a news sentence reports and a photo cannot show: a decision, a vote, words said; and
#: what a notice says in one short sentence: its closing formula (特此公告。) and its deadline
#: (意见反馈截止日期为2024年12月15日。).
_REPORTED = re.compile(r"审议|通过了|选举|决定|表决|表示|指出|强调|要求|认为|宣布|同意|批准|特此|此复|截止|期限")


def is_tail_heading(line: str, rules: JunkRules | None = None) -> bool:
    return bool((rules or load_rules()).tail.match(line))


def strip_inline(line: str, rules: JunkRules | None = None) -> str:
    rules = rules or load_rules()
    for p in rules.inline:
        line = p.sub("", line)
    return line.strip()


#: A picture's file name alone on a line ("20210624145020159.png"): the line under it, when bare,
#: is the picture's caption.
_IMAGE_NAME = re.compile(r"^[\w\-\u4e00-\u9fff（）()]{0,40}\.(jpe?g|png|gif|bmp|webp)$", re.IGNORECASE)


def is_trailing(line: str, rules: JunkRules | None = None) -> bool:
    """A line that is chrome when only chrome follows it (``trailing_patterns``): a government
    site's footer names who runs the site (主办单位：某某局); a notice's text names who holds its
    meeting in the same words, with the text going on below."""
    return len(line) <= 60 and any(p.search(line) for p in (rules or load_rules()).trailing)


#: A label that only introduces what follows it ("附件：", "附图"): with nothing after it, the
#: attachments were not captured and the label says nothing.
_LABEL_ALONE = re.compile(r"^(附件|附图|附表|相关附件)\s*[:：]?$")


#: A menu's item: a few characters, no mark, no figure ("会员中心 / 审核员之家 / 电话").
_MENU_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}")


def drop_junk(lines: list[str], rules: JunkRules | None = None) -> list[str]:
    """Keep the article's own lines, in order.

    Context matters in four places: a related-list heading ends the article only once
    article text has started (the same words in a top menu are just dropped); so does an
    end mark (``（完）``, ``新闻结尾``), keeping the text before it on its line; a
    caption is only recognised between paragraphs, never as the last line of text (a bare
    one, with no mark at all, only once text has started, or right under a picture's file
    name); and a footer's line (主办单位：…) is dropped only when no text follows it.
    """
    rules = rules or load_rules()
    kept: list[str] = []
    pending: list[str] = []
    footer: set[int] = set()  # indexes in ``pending`` of footer lines: dropped, not kept, at the end
    started = False
    under_image = False
    after_junk = False  # the line before was chrome
    held = ""  # a menu's item between two chrome lines, or text: the next line decides
    for line in lines:
        below_image, under_image = under_image, bool(_IMAGE_NAME.match(line.strip()))
        was_after_junk, after_junk = after_junk, False
        end = rules.end.search(line) if rules.end else None
        if end and (started or is_paragraph(line[: end.start()])):
            # "……工作成效。（完） 新闻结尾 <spam>": the article ends here, whatever follows.
            last = strip_inline(line[: end.start()], rules)
            if held:
                kept.append(held)
            if last and not is_junk_line(last, rules):
                pending.clear()
                kept.append(last)
            break
        line = strip_inline(line, rules)
        if not line:
            after_junk = was_after_junk  # a blank line between two chrome lines changes nothing
            continue
        if is_tail_heading(line, rules):
            if started:
                break
            continue
        if is_junk_line(line, rules):
            line = without_tokens(line, rules) or ""
            if not line:
                held, after_junk = "", True  # a word between two chrome lines is the menu's
                continue
        if held:
            kept.append(held)
            held = ""
        if started and was_after_junk and not pending and _MENU_ITEM.fullmatch(line):
            held = line
            continue
        if started and is_trailing(line, rules):
            footer.add(len(pending))
            pending.append(line)  # the site's footer unless text follows it
            continue
        bare_under_image = started and below_image and bool(_BARE.fullmatch(line))
        if is_caption(line) or is_credited_caption(line) or bare_under_image or (started and is_unmarked_caption(line, rules)):
            pending.append(line)  # a caption only if text follows it
            continue
        if footer:
            kept += [x for i, x in enumerate(pending) if i in footer]  # text goes on: they were text
            footer.clear()
        pending.clear()
        kept.append(line)
        started = started or is_paragraph(line)
    if held:
        kept.append(held)
    kept += [x for i, x in enumerate(pending) if i not in footer]  # the closing sentence of the text, not a caption
    while kept and _LABEL_ALONE.match(kept[-1]):
        kept.pop()  # "附件：" with no attachment after it: the files were not captured
    return kept
