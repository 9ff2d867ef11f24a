"""Source outlet and authors from datelines, bylines and source lines.

Chinese press items name their outlet and reporters in a dateline at the head of the
text (``中新网深圳10月17日电（记者 孙秋霞）``, ``本报讯（记者岳倩）``), in meta lines
(``来源：…``, ``作者：…``), in a byline (``自贡融媒记者 池莉``) or in a trailing
``（央视新闻）``. ``本报`` ("this paper") is resolved from a newspaper masthead when
the page shows one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from scrapers.core.patterns import BYLINE, DATE_TIME, DATELINE, DATELINE_CREDIT, DOCUMENT_KINDS, SALUTATION, lazy
from scrapers.enrich.dates import lead_line, unglued_signature, unspaced_latin
from scrapers.enrich.outlets import is_label, is_outlet_shaped, issuer_of_number, name_shapes, restore_glossed
from scrapers.normalise.junk import is_junk_line, is_tail_heading, load_rules

#: Outlets and bodies that put their name before 讯: papers, sites, and issuing organisations.
_OUTLET_WORD = lazy(lambda w: rf"{w.outlet_suffixes}|电视|(局|委|厅|院|协会|学会|中心)$")
#: A place (and a channel word) inside an outlet's dateline: 中新网四川新闻 → 中新网.
_CHANNEL = re.compile(r"(新闻|频道|分社|记者站|站)$")
# A dateline whose middle is garbled: keep the outlet named before the bracket.
_OUTLET_ONLY = lazy(lambda w: rf"^(?P<outlet>[\u4e00-\u9fff]{{2,10}}?(?:{w.outlet_suffixes}))[（(].{{0,60}}?(?:讯|电)")
_ROLES = re.compile(r"^(本报|本台|本网)?(特约|见习|实习|融媒|首席)?(记者|通讯员|实习生|摄影|编辑)[:：]?")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
#: A dateline's credit left open, the name running into the lead's day: "（李彦涛1月22日，…".
_UNCLOSED_CREDIT = re.compile(r"^\s*[（(]\s*(?:记者|通讯员)?\s*(?P<who>[\u4e00-\u9fff]{2,3})(?=\d{1,2}月\d{1,2}日)")
_META = r"(?:来源|稿源|出处|作者|撰稿|浏览|阅读|点击|发布|时间|日期|编辑|责任编辑|字号|字体|分类|栏目|标签)"
_SOURCE_LINE = re.compile(
    # a reprint's credit (转自：) and a government site's publisher (发布机构：) name the source too
    # and so do an item's own credit (本文来源：, 来源于：, 【来源：…】) and a body's (发布单位：, 供稿单位：)
    rf"(?:^|[\s|｜(（【\[]|\d)(?:信息来源|文章来源|新闻来源|稿件来源|本文来源|消息来源|来源于|来源|稿源|出处|转自|转载自"
    r"|发布机构|发布单位|来源单位|供稿单位|发文机关|发布部门)\s*[:：]\s*"
    rf"(?!{_META}\S{{0,2}}[:：\d])"
    r"(?P<src>[^\s|｜，,()（）】\]]{2,30})"
)
_AUTHOR_LINE = re.compile(
    rf"(?:^|[\s|｜])(?:作者|撰稿|撰文|文字|采写)[:：]\s*(?!{_META}\S{{0,2}}[:：\d])(?P<who>[^\s|｜]{{2,30}})"
)
#: The whole of an author field: its names up to the next field ("作者：记者 张三 李四 来源：…").
_AUTHOR_FIELD = re.compile(rf"(?:作者|撰稿|撰文|文字|采写)[:：]\s*(?P<who>(?:(?!{_META}\S{{0,2}}[:：])[^|｜:：\d]){{2,40}})")
#: What follows an outlet's name in a source line: another channel of it, a view count.
_SOURCE_TAIL = re.compile(
    r"\s*(?:[-—_|｜/•·・]|\s).*$|(浏览|阅读|点击)(量|次数|数)?[:：]?\d*$"
    # the next meta field glued on: "来源:某某中心发布时间:2018/11/05"
    r"|(?:(?:发布|更新|发表)?(?:时间|日期)|作者|(?:责任|收集|网络|值班|文字|图片|审核)?编辑)[:：].*$"
    # the page's date glued on: "来源：某某中心2024-08-02", "来源：某某研究院2024年8月2日"
    r"|(?<=[\u4e00-\u9fff])(?:19|20)\d{2}(?:[-./年]\d{1,2}.*)?$"
)
#: A font-size widget printed on the meta line, glued to the credit before it:
#: "来源:某某研究所放大 缩小", "放大字体  缩小字体".
_FONT_WIDGET = re.compile(r"放大(?:字[体體号號])?\s*[缩縮]小(?:字[体體号號])?")
#: A site credited with the paper it carries: "北青网-北京青年报", "光明网-《光明日报》" (both
#: names are the source's full name; "人民网-文化频道" is a site and its channel).
_SITE_AND_PAPER = re.compile(r"^(?P<site>[\u4e00-\u9fff]{2,10}网)[-—]+《?(?P<paper>[\u4e00-\u9fff]{2,12}报)》?")
#: A credit naming a channel of an outlet (an app, an account), not the outlet: the dateline
#: names the outlet ("央视网消息" over "来源：央视新闻客户端").
_CHANNEL_CREDIT = re.compile(r"(客户端|APP|App|app|公众号|微信|微博|抖音|头条号)$")
_ORG_END = re.compile(r"(局|委|厅|部|院|所|办|中心|协会|学会|商会|促进会|联盟|委员会|政府|公司|集团|网|报|社|台)$")
#: A page header line that is only a date (and time) and an outlet: "2018-03-22 10:59 某某新闻网",
#: "某某日报 | 2024-05-20".
_DATE_OUTLET = lazy(
    lambda w: (
        # a bar may part them: "某某日报 | 2024-05-20 10:30", "2024-05-20 | 某某新闻网"
        rf"^(?:(?P<a>[\u4e00-\u9fff]{{2,12}}(?:{w.outlet_suffixes}))\s*[|｜]?\s*)?{DATE_TIME.pattern}"
        rf"(?:\s*[|｜]?\s*(?P<b>[\u4e00-\u9fff]{{2,12}}(?:{w.outlet_suffixes})))?\d*$"  # a view count glued on
    )
)
#: An outlet's name and the date with a font widget or two after it: "某某日报 2020-09-17 07:07 大字".
_OUTLET_DATE_WIDGETS = re.compile(
    rf"^(?P<a>[\u4e00-\u9fff]{{2,12}})\s+{DATE_TIME.pattern}(?:\s+[\u4e00-\u9fffA-Za-z+\-]{{1,4}}){{1,3}}$"
)
#: The date and then an outlet's name, with a widget or two after it: "2024-05-20 09:30 某某经济周刊".
_DATE_THEN_OUTLET = re.compile(
    rf"^{DATE_TIME.pattern}\s+(?P<b>[\u4e00-\u9fff]{{2,12}})(?:\s+[\u4e00-\u9fffA-Za-z+\-]{{1,4}}){{0,3}}$"
)
#: A byline's outlet before its reporters: "某某商报记者 张三 报道", "某某日报 记者 李四".
_BYLINE_OUTLET = re.compile(r"^[（(]?(?P<outlet>[\u4e00-\u9fff]{2,12}?)\s?(?:特约|见习|实习|首席)?(?:记者|通讯员)")
#: The outlet a lead says it reports from: "据某某日报报道，…", "据某某局消息，…", with the day
#: it told it between: "据某某局今日（4月16日）消息，…", "据某某报昨日报道，…".
_REPORTED_BY = re.compile(
    r"^据(?P<src>[\u4e00-\u9fff]{2,16}?)(?:今日|今天|昨日|昨天|近日|日前)?(?:[（(][^（）()]{1,12}[）)])?"
    r"(?:报道|消息)[，,：:\s]"
)
#: Names in brackets closing the text: "（张三 李四）" (reporters), not "（完）"; a channel's
#: reporters too: "（某某新闻频道记者张三 李四）".
_TRAILING_NAMES = re.compile(
    # the writer's unit may come first, spaced from the name: "（分析检测中心 张三）"
    r"[（(](?:[\u4e00-\u9fff]{0,12}?(?:记者|通讯员)\s*|[\u4e00-\u9fff]{2,12}(?:中心|办公室|[科处部所院室站队组])\s+"
    # or what the writer did, before the name: "（文/张三）", "（撰文：张三）"
    # ("（文、图/张三）": one person wrote it and took its pictures)
    r"|(?:文|文图|图文|文、图|图、文|文[/／]图|图[/／]文|撰文|撰稿)\s*[/／:：]\s*)?"
    # a name may be spaced out character by character ("郭 炜"), joined again by _names, and a
    # two-character name padded to a three-character one's width ("张  勇", "李　明": the typesetter's
    # padding, however many spaces) may stand first or alone
    r"(?P<who>[\u4e00-\u9fff]{1,3}(?:(?:[\s、]|[ \u3000]{2,3})[\u4e00-\u9fff]{1,3})*)[）)]$"
)
#: A line that is one bracket and nothing else: "（分析检测中心 张三）".
_BRACKET_LINE = re.compile(r"^\s*[（(][^（）()]{2,30}[）)]\s*$")
_NOT_NAMES = {"完", "终", "待续", "记者", "编辑", "通讯员"}
#: A unit's name in a credit, not a person's: "（办公室 供稿）", "（质量科）", and a regulator's short
#: name (粤市监, 苏市监: the prefix its document numbers carry; 某某市场监管, an account's name).
_UNIT_END = re.compile(r"(?:办公室|科室|[处局部委厅组队站]|市监|监管)$")
#: An outlet's word in a credit token, not a person's name: 全媒体, 融媒体, 频道.
_MEDIA_WORD = re.compile(r"媒体|频道|新闻|[报网台社]$")
#: What a credit says its people did, spaced like a name: "记者 张三 李四 报道", "王五 摄影".
_CREDIT_VERBS = {"报道", "摄影", "采写", "整理", "供稿", "综合", "编辑", "实习生", "特约", "图文", "文图"}
_TRAILING_SOURCE = re.compile(
    r"(?:（(?P<src>[^（）]{2,12}(?:新闻|日报|晚报|报|网|社|电视台|广播|客户端))）"
    r"|[（(](?:来源|稿源|信息来源)[:：]\s*(?P<credit>[^（）()]{2,30})[）)])$"
)
#: A document's name in 《》 (a reposted notice's title: 《某委关于…的公告》), not a paper's.
_DOCUMENT_NAME = re.compile(rf"关于|{DOCUMENT_KINDS}$")
_MASTHEAD = re.compile(r"^《\s*(?P<paper>[^》]{2,20}?)\s*》|^(?P<paper2>[\u4e00-\u9fff]{2,12}报[\u4e00-\u9fff]{0,4})\s+\d{4}年")
#: A paper's name alone on a line under the headline ("桂林日报", then the edition's date).
_PAPER_LINE = re.compile(r"^(?P<paper>[\u4e00-\u9fff]{2,10}(?:报|周刊|杂志))$")
#: A paper's credit closing the text: "《科学时报》 （2010-9-28 B2 校园）" (also the edition's date).
#: A paper's name alone in 《》 on the line closing the text: "《某某质量报》" (its edition not printed).
_CLOSING_PAPER = re.compile(r"^\s*《\s*(?P<paper>[\u4e00-\u9fff]{2,12}(?:报|周刊|杂志))\s*》\s*$")
_CLOSING_MASTHEAD = re.compile(r"^《\s*(?P<paper>[^》]{2,20}?)\s*》\s*[(（]\s*(?:19|20)\d{2}[-./年]")
#: A byline closing the text with its paper and the paper's site: "山东商报·速豹新闻网记者 冯云云 张月".
_CLOSING_BYLINE = lazy(
    lambda w: (
        rf"^(?P<outlet>[\u4e00-\u9fff]{{2,10}}?(?:{w.outlet_suffixes}))[·・][\u4e00-\u9fff]{{2,12}}?(?:记者|通讯员)\s*"
        r"(?P<who>[\u4e00-\u9fff]{2,3}(?:[\s、][\u4e00-\u9fff]{2,3})*)$"
    )
)
#: A picture-and-text credit: "图文/王星月" (one person took the photos and wrote the text).
_PICTURE_AND_TEXT = re.compile(
    r"^(?:图文|文图|文[/／]摄|摄[/／]文|图[/／]文)\s*[/／:：|｜]?\s*(?P<who>[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4})*)$"
)
_POLICY_ISSUER = re.compile(r"^(?P<org>[\u4e00-\u9fff（）、]{3,40}?)关于\s*\S")
#: A credit or author field holding a code, not a name: "来源: sp20241128", "作者:YD1662024-03-22"
#: (a user id or a date glued on); a name has no digits.
_CODE = re.compile(r"\d")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _is_code(src: str) -> bool:
    """A credit of letters and digits only ("sp20241128") names no one."""
    return bool(_CODE.search(src)) and not _HAN_CHAR.search(src)


_NOT_A_SOURCE = {"供稿", "本站", "原创", "本站原创", "本网原创", "网络", "网友", "互联网", "未知", "本网", "综合"}
#: Credits saying the text was sent in (来源：供稿): its author field names who sent it.
_CONTRIBUTED_WORDS = {"供稿", "投稿", "来稿"}
_HOUSE = {"本报", "本台", "本网", "本刊"}
#: First characters of a column name ending in 讯 (资讯, 快讯, 简讯, 通讯) printed after an outlet.
_COLUMN_FIRST = set("资快简通")


#: An organisation's name as a signature prints it (an institute's too: 某市质检所, not 场所).
_ORG_TOKEN = re.compile(r"^[\u4e00-\u9fff]{2,30}(局|委|厅|部|院|司|处|办|办公室|中心|协会|学会|委员会|政府|(?<![场住处厕])所)$")


_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


#: A site's own name in its header ("学会新闻-某市计量测试学会"): an organisation publishing its news.
_SITE_OWNER = re.compile(
    r"^(?:[^-—_|｜]{2,10}\s*[-—_|｜]\s*)?(?P<org>[\u4e00-\u9fff]{4,24}"
    r"(?:学会|协会|商会|促进会|联合会|联盟|研究院|委员会|市场监督管理局|市场监管局))$"
)


#: A clause's opening words that are no part of a name: 在, 未经, 由, 对, 根据…
_CLAUSE_OPENING = re.compile(r"^(?:在|未经|经过|由|对|向|将|被|从|据|按照|根据|依据)")


def _signatories(body: list[str]) -> str:
    """Issuers from a notice's signature line ("北京市质监局 河北省质监局"), named as in the text.

    Signature lines abbreviate ("市市场监管委"); each token is resolved to the longest
    name in the text that ends with it, and the names are listed in the text's order.
    """
    text = "\n".join(body[:-1])
    signed = _signature_block(body)
    for line in [*reversed(body[-3:]), *([signed] if signed else [])]:
        line = _SIGNED_ON.sub("", line)  # the date on the signature's own line: "某某局 2024年5月10日"
        tokens = line.split()
        if not tokens or not all(_ORG_TOKEN.match(t) for t in tokens) or len(line) > 60:
            continue
        named: list[tuple[int, str]] = []
        for n, token in enumerate(tokens):
            # the first name ending with the token that starts at a list boundary, not a clause
            # that opens with a preposition before it ("，在未经认监委批准"): 认监委 itself
            hits = re.finditer(rf"(?:^|(?<=[、，,和与及（\s]))[\u4e00-\u9fff]{{0,6}}?{re.escape(token)}", text, re.M)
            hit = next((h for h in hits if not _CLAUSE_OPENING.match(h.group(0)[: -len(token)])), None)
            named.append((hit.start(), hit.group(0)) if hit else (len(text) + n, token))
        return "、".join(name for _, name in sorted(named))
    return ""


#: A signature's date after the issuer on one line.
_SIGNED_ON = re.compile(r"\s+(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
#: A signature's date on its own line: "2014年2月21日", "2021年9月".
_SIGNATURE_DATE = re.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")


def _signature_block(body: list[str]) -> str:
    """The issuer of a signature printed before the end of the text: an organisation's name on
    its own line with a date line below it (a notice that forwards a document, or a cover
    notice with its attachment printed after it: "国务院办公厅" / "2014年2月21日" / 附件…)."""
    for line, below in pairwise(body):
        if _SIGNATURE_DATE.match(below) and _ORG_TOKEN.match(line) and len(line) <= 30:
            return line
    return ""


@dataclass(frozen=True)
class Attribution:
    source: str = ""
    authors: tuple[str, ...] = ()
    #: how the source was found (dateline, source-line, masthead, …), for reports.
    how: str = ""
    #: place named in the dateline ("沈阳" in 中国消费者报沈阳讯), a location hint.
    place: str = ""


#: Inside a credit, what is no part of a name: a role (记者, 通讯员) between two names, a
#: picture mark (文/摄, 文/图), "报道" closing it. Each separates the names around it.
_CREDIT_WORDS = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:文[/／](?:摄|图)|图[/／]文)"
    r"|(?:本报|本台|本网)?(?:特约|见习|实习|融媒|首席)?(?:记者|通讯员|实习生)(?=[\u4e00-\u9fff\s])"
    r"|(?<=[\u4e00-\u9fff]{2})报道$"
)
#: What a glued run of names never holds: an outlet's or a body's word (郑报全媒体).
_NOT_IN_NAMES = re.compile(r"[报网台社站媒局委院所部厅会]|频道|中心|融媒")


def _has_surname(name: str) -> bool:
    """``name`` opens with a family name of ``outlets.yaml`` (one character, or two: 上官)."""
    surnames = name_shapes().surnames
    return name[:1] in surnames or name[:2] in surnames


def _looks_like_name(name: str) -> bool:
    """A family name and one or two characters (a four-character name only with a compound
    family name: 欧阳小明, not 查看更多)."""
    return _has_surname(name) and (len(name) <= 3 or name[:2] in name_shapes().surnames)


def _split_glued(token: str) -> list[str]:
    """Two names printed without a separator ("李佩冬黄博"): the one cut into two- and
    three-character names that starts each with a family name; no cut, or two, leaves it whole."""
    if not 4 <= len(token) <= 6 or _NOT_IN_NAMES.search(token):
        return [token]
    surnames = name_shapes().surnames
    cuts = [k for k in (2, 3) if 2 <= len(token) - k <= 3 and token[0] in surnames and token[k] in surnames]
    return [token[: cuts[0]], token[cuts[0] :]] if len(cuts) == 1 else [token]


def _unglued(who: str) -> list[str]:
    """The credit's tokens, cut at roles and picture marks; one word glued before a role (南都记者,
    职工通讯员, 郑报全媒体记者) is a qualifier of the role, not a name; names glued together there
    (李佩冬黄博记者…) are names."""
    tokens: list[str] = []
    at = 0
    for role in [*_CREDIT_WORDS.finditer(who), None]:
        piece = who[at : role.start() if role else len(who)]
        parts = [t for t in re.split(r"[\s、,，/]+", piece) if t]
        glued = role is not None and parts and not piece[-1:].isspace() and _ROLE_WORD.search(role.group(0))
        if glued and len(_split_glued(parts[-1])) < 2:
            parts.pop()  # 南都见习记者, 职工通讯员: one word glued before a role qualifies it
        tokens += [part for t in parts for part in _split_glued(t)]
        at = role.end() if role else len(who)
    return tokens


def _names(who: str) -> tuple[str, ...]:
    names: list[str] = []
    tokens = _unglued(who)
    joined: list[str] = []
    for token in tokens:  # "鞠 雯", "夏 静 励 彤": a name spaced out character by character
        if len(token) == 1 and joined and len(joined[-1]) == 1:
            joined[-1] += token
        else:
            joined.append(token)
    for token in joined:
        token = _ROLES.sub("", token.strip())
        if (
            _NAME.match(token)
            and token not in names
            and token not in _CREDIT_VERBS
            and not _UNIT_END.search(token)
            and not _MEDIA_WORD.search(token)
        ):
            names.append(token)
    return tuple(names)


def _is_spam(text: str) -> bool:
    return any(p.search(text) for p in load_rules().any)


def parse_dateline(lead: str, place_names: Iterable[str] | None = None) -> Attribution:
    """Outlet, authors and place from a dateline at the head of ``lead``."""
    if place_names is None:
        from scrapers.core.gazetteer import load_gazetteer

        place_names = load_gazetteer().names
    lead = unspaced_latin(lead)  # "某某 App 12 月 23 日消息": a typesetter's spaces around Latin and digits
    # a credit in half-width brackets after the dateline (本报讯 (记者 张三)) reads as a full-width one
    lead = _HALF_WIDTH_CREDIT.sub(r"\1（\2）", lead, count=1)
    column = _COLUMN_IN_NAME.match(lead)
    # 讯 of a column word inside a name (中国质量资讯网讯) is no dateline's end: read past it
    m = DATELINE.match(lead[: column.end(1)] + _MASK + lead[column.end(1) + 1 :]) if column else DATELINE.match(lead)
    if m and lead[m.end("outlet") : m.end("outlet") + 2] == "讯员":
        m = None  # the 讯 of 通讯员 in a byline ("本报记者 张三 通讯员 李四") ends no dateline
    if not m or not (m["md"] or m["who"] or _OUTLET_WORD.search(m["outlet"])):
        o = _OUTLET_ONLY.match(lead)
        if not o:
            other = _other_dateline(lead)
            credit = DATELINE_CREDIT.match(lead) if not other.source and not other.authors else None
            if credit and _ROLE_WORD.match(credit["who"].strip()):
                # an outlet garbled past reading (某某日【乱码】讯 （记者张三）): its reporters still read
                return Attribution("", _names(credit["who"]), "dateline")
            return other
        who = DATELINE_CREDIT.match(lead)
        return Attribution(o["outlet"], _names(who["who"]) if who else (), "dateline")
    outlet = m["outlet"].replace(_MASK, "讯").strip().lstrip("【[")  # 【某某报讯】
    place = ""
    names = place_names if isinstance(place_names, (set, frozenset)) else set(place_names)
    channel = _CHANNEL.search(outlet)
    for bare in (outlet, outlet[: channel.start()] if channel else ""):
        # the longest place name ending the outlet part: 中新网深圳, 中新网四川(新闻)
        size = next((k for k in range(min(len(bare) - 2, 12), 1, -1) if bare[-k:] in names), 0)
        if size and (bare == outlet or _OUTLET_WORD.search(bare[:-size])):
            outlet, place = bare[:-size], bare[-size:]
            break
    outlet = re.sub(r"[（(][^（）()]*[）)]$", "", outlet).strip()  # 某某网（某某日报网）, brackets mixed or not
    app = _APP_DATELINE.match(outlet)
    if app:  # 某某App讯, 某某客户端消息: the outlet's app files for the outlet
        outlet = app["outlet"]
    if outlet[-1:] in _COLUMN_FIRST and lead[m.end("outlet") :].startswith(("讯：", "讯:")):
        outlet = outlet[:-1]  # a column, not a dateline: 百检网资讯：… (the outlet is 百检网)
    if outlet in _HOUSE:
        outlet = ""
    if len(outlet) > 16:  # not an outlet: an ordinary sentence that happens to contain 讯/电
        return Attribution()
    who = m["who"] or m["open"] or ""
    if not who:  # a credit whose bracket never closed: "本报讯 （李彦涛1月22日，…" (the name runs into the day)
        cut = _UNCLOSED_CREDIT.match(lead[m.end() :])
        bare = _BARE_CREDIT.match(lead[m.end() :]) if not cut else None
        if bare:  # names set apart by spaces only: each must open with a family name (not 近日)
            return Attribution(outlet, tuple(n for n in _names(bare["who"]) if _looks_like_name(n)), "dateline", place)
        glued = _GLUED_LEAD_CREDIT.match(lead[m.end() :]) if not cut else None
        if glued and _looks_like_name(glued["who"]):  # "本报讯 记者张三截至目前，…"
            return Attribution(outlet, (glued["who"],), "dateline", place)
        who = cut["who"] if cut else ""
    return Attribution(outlet, _names(who), "dateline", place)


#: A dateline's credit with no bracket, its names set apart: "本报讯 记者 张三 李四 报道：…".
_BARE_CREDIT = re.compile(
    r"^\s*(?:本报|本台|本网)?(?:特约|见习|实习|首席)?(?:记者|通讯员)\s*(?P<who>[\u4e00-\u9fff]{2,3}(?:[\s、]+[\u4e00-\u9fff]{2,3}){0,4})"
    r"\s*(?:报道)?(?:[：:，,]|\s+)"
)
#: A dateline's credit in half-width brackets: "本报讯 (记者 张三)", "某某社北京5月9日电(李四)".
_HALF_WIDTH_CREDIT = re.compile(r"^([^，。：:,()（）]{2,30}?(?:讯|电))\s*\(([^()（）]{2,40})\)")
#: A paper's byline in brackets closing the last paragraph: "…食用。 （某某晚报 记者 张三）".
_CLOSING_BRACKET_BYLINE = re.compile(
    r"[（(]\s*(?P<outlet>[\u4e00-\u9fff]{2,12}?)\s*(?:特约|见习|实习|首席)?(?:记者|通讯员)\s*"
    r"(?P<who>[\u4e00-\u9fff]{2,3}(?:[\s、，,]+[\u4e00-\u9fff]{2,3}){0,4}?)\s*[）)]$"
)
#: The outlet a text says it was told by, closing it, set apart from the last sentence:
#: "…位居世界前列。 据某某新闻", "（据某某社报道）"; glued on ("。据某某社消息") it is the start of a
#: sentence the copy cut off.
_CLOSING_REPORTED = re.compile(
    r"(?:^|[。！？!?”」]\s+)据(?P<src>[\u4e00-\u9fff]{2,12})$|[（(]据(?P<src2>[\u4e00-\u9fff]{2,12}?)(?:报道|消息)?[）)]$"
)
#: A byline closing the text with its verb glued to the name: "全媒体通讯员 张三报道".
_GLUED_BYLINE_VERB = re.compile(r"^(.{0,16}?(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,3})(?:报道|采写)$")
#: Who sent the text in, closing it: "供稿：某某院张三" on its own or after the last sentence
#: (the unit, when printed, ends as a body does; the person is the last two or three characters).
_CONTRIBUTOR = re.compile(
    r"(?:^|(?<=[。！？!?”）)]))\s*供稿\s*[:：]\s*(?:[\u4e00-\u9fff]{2,20}?(?:院|局|中心|所|站|办|委|厅|处|科|室|部)\s*)?"
    r"(?P<who>[\u4e00-\u9fff]{2,3})$"
)
#: A reporter's name glued to the lead it files: "本报讯 记者张三截至目前，…", "记者李四5月9日，…";
#: the name ends where the lead's opening (a day, a time word) begins.
_GLUED_LEAD_CREDIT = re.compile(
    r"^\s*(?:本报|本台|本网)?(?:特约|见习|实习|首席)?(?:记者|通讯员)\s*(?P<who>[\u4e00-\u9fff]{2,3}?)"
    r"(?=\d{1,4}\s*[年月]|截至|近日|日前|目前|今年|今天|今日|昨天|昨日|当天|本周|上周|记者从)"
)
#: A byline with its outlet, closing or heading the text: "某某报记者 张三 摄", "某某报/记者 张三",
#: "（某某报记者 张三 李四 报道）".
_OUTLET_BYLINE = re.compile(
    r"^[（(]?(?P<outlet>[\u4e00-\u9fff]{2,12}?)\s*[/／|｜·]?\s*(?:特约|见习|实习|首席)?(?:记者|通讯员)\s*[/／|｜:：]?\s*"
    r"(?P<who>[\u4e00-\u9fff]{2,3}(?:[\s、，,]+[\u4e00-\u9fff]{2,3}){0,4}?)\s*(?:摄影|摄|报道|采写)?[）)]?$"
)
#: A body's contribution closing the text: "（某某市计量测试所供稿）".
_CONTRIBUTED = re.compile(r"[（(](?P<src>[\u4e00-\u9fff]{4,30}?)\s*供稿[）)]$")
#: An outlet's name in brackets opening the lead: "【某某日报】…", "（某某新闻网）…".
_BRACKETED_OUTLET = re.compile(r"^[【\[（(](?P<outlet>[\u4e00-\u9fff]{2,12})[】\]）)]")
#: Stands for the 讯 of a column word inside an outlet's name while its dateline is read.
_MASK = "\ue000"
#: A column word inside a name that goes on to an outlet's end: 中国质量资讯网讯 (not 百检网资讯：).
_COLUMN_IN_NAME = lazy(lambda w: rf"^[\u4e00-\u9fff]{{1,12}}?([资快简通])讯(?=[\u4e00-\u9fff]{{0,8}}?(?:{w.outlet_suffixes})讯)")
#: A wire's dateline: "广州2023年7月20日 /美通社/ --" (the place, the day, the wire between slashes).
_WIRE_DATELINE = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{2,8})\s*(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*"
    r"[/／]\s*(?P<outlet>[^/／\s]{2,20})\s*[/／]\s*(?:-{1,2}|—{1,2}|－)"
)
#: An outlet's name and its reporters' credit opening the lead, with no 讯 or 电:
#: "某某新闻网（记者 张三）5月19日报道 …" (the name must end as an outlet's does).
_OUTLET_CREDIT = re.compile(
    r"^(?P<outlet>[\u4e00-\u9fff]{2,16}?)\s*[（(]\s*"
    r"(?P<who>(?:本报|本台|本网)?(?:特约|见习|实习|融媒|首席)?(?:记者|通讯员)[^（）()]{2,40})[）)]"
)
#: Reporters' credit alone in brackets opening the lead: "（记者张三文/摄 通讯员李四）…".
_LEAD_CREDIT = re.compile(
    r"^[（(]\s*(?P<outlet>[\u4e00-\u9fff]{2,12}?)?\s*(?P<who>(?:本报|本台|本网)?(?:特约|见习|实习|融媒|首席)?(?:记者|通讯员)[^（）()]{2,40})[）)]"
)


#: An outlet and its channel opening the lead, set apart from the text by a space, whatever
#: ends them (讯, or a garble of it): "某某新闻网·某某客户端讯 近日，…" (a site and its app: the site).
_OUTLET_AND_CHANNEL = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,10}?(?:网|报|台|社))[·•][^\s，。,]{1,12}[ \u3000]+(?=\S)")
#: An outlet's "news" opening the lead with no bracket: "某某网消息 …", "某某台消息：…" (not 据…消息).
_OUTLET_NEWS = re.compile(r"^(?!据)(?P<head>[^，。：:,（(\s]{2,30}?)消息(?=\s*[:：，,\s])")
#: An outlet's app named in its dateline: 某某App, 某某客户端 (the outlet is 某某).
_APP_DATELINE = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,12}?)\s*(?:APP|App|app|客户端)$")


def _other_dateline(lead: str) -> Attribution:
    """Datelines without an outlet's 讯 or 电: a wire's (广州2023年7月20日 /美通社/ --), an outlet
    with its reporters (某某新闻网（记者 张三）), reporters alone (（记者 张三）) or a dateline a
    mirror cut from its outlet (讯（记者 宋宁华）): each names what it names, nothing more."""
    wire = _WIRE_DATELINE.match(lead)
    if wire and is_outlet_shaped(wire["outlet"], media_only=True):
        return Attribution(wire["outlet"], (), "dateline", wire["place"])
    credit = _OUTLET_CREDIT.match(lead)
    if credit and credit["outlet"] not in _HOUSE and is_outlet_shaped(credit["outlet"], media_only=True):
        return Attribution(credit["outlet"], _names(credit["who"]), "dateline")
    alone = _LEAD_CREDIT.match(lead)
    if alone and alone["outlet"] and is_outlet_shaped(alone["outlet"], media_only=True):
        return Attribution(alone["outlet"], _names(alone["who"]), "dateline")  # （某某报记者 张三）
    if alone and not alone["outlet"]:
        return Attribution("", _names(alone["who"]), "dateline")
    dotted = _OUTLET_AND_CHANNEL.match(lead)
    if dotted and is_outlet_shaped(dotted["outlet"], media_only=True):
        return Attribution(dotted["outlet"], (), "dateline")
    news = _OUTLET_NEWS.match(lead)
    if news:  # 消息 stands where 讯 does: read it as a dateline (某某网杭州5月20日消息 …)
        read = parse_dateline(news["head"] + "讯" + lead[news.end() :])
        if read.source and is_outlet_shaped(read.source, media_only=True):
            return read
    cut = DATELINE_CREDIT.match(lead) if lead.startswith("讯") else None
    return Attribution("", _names(cut["who"]), "dateline") if cut else Attribution()


def find_attribution(
    header: list[str], body: list[str], tail: list[str], title: str, place_names: Iterable[str] | None = None
) -> Attribution:
    """Combine every signal on the page; the page's own credit line (来源：…) wins over the
    dateline's outlet (a wire story reprinted: 新华社…电 under 来源：人民网), unless it names a
    channel (…客户端); the dateline wins over the other meta lines.

    In order: the dateline; source, author, date-and-outlet and byline lines (header, tail,
    last paragraphs); names in brackets closing the text; then, for the source only, the
    fallbacks of :func:`_fallback_source`.
    """
    if place_names is None:
        from scrapers.core.gazetteer import load_gazetteer

        place_names = load_gazetteer().names
    # a credit's outlet a bad decode garbled, its last character's gloss kept (新疆日【…bào)】讯)
    header, tail = [restore_glossed(x) for x in header], [restore_glossed(x) for x in tail]
    body = [restore_glossed(x) for x in body[:2]] + body[2:]
    body = unglued_signature(body)  # …特此公告，某局2022年4月29日。: the issuer signs
    row = body[0] if len(body) > 1 and _META_ROW.match(body[0]) and len(body[0]) <= 80 and "。" not in body[0] else ""
    if row:  # the page's meta row (2025-11-20 20:34 来源：某某网) left above the lead: the lead is below it
        header, body = [*header, row], body[1:]
    dl = parse_dateline(lead_line(body), place_names)
    if not dl.source and not dl.authors and header and not row:
        # a lead cut short, left above the text with the header ("本报讯 （李彦涛1月22日，…揭牌仪式在")
        dl = parse_dateline(header[-1], place_names)
    meta = _MetaLines(dl.source, dl.how if dl.source else "", list(dl.authors))
    for line in [*header, *tail, *body[-2:]]:
        meta.read(line, line in header)
    closing = _CLOSING_BRACKET_BYLINE.search(body[-1]) if body else None
    if closing and closing["outlet"] in _HOUSE:  # "（本报记者 张三）": this paper's reporter, no outlet named
        meta.authors = meta.authors or list(_names(closing["who"]))
    elif closing and is_outlet_shaped(closing["outlet"], media_only=True):
        # "…食用。 （某某晚报 记者 张三）": the paper and its reporter, closing the text
        meta.byline_outlet = meta.byline_outlet or closing["outlet"]
        meta.authors = meta.authors or list(_names(closing["who"]))
    if not meta.authors and body:
        meta.authors = _trailing_names(body[-1])
        if not meta.authors and len(body) > 1 and _BRACKET_LINE.match(body[-2]):
            # the credit on a line of its own, a scrap of chrome left below it (面包屑)
            meta.authors = _trailing_names(body[-2])
        if not meta.authors:
            meta.authors = _names_split_over_lines(body[-4:])
        if not meta.authors:
            meta.authors = _trailing_names(_last_paragraph(body))
        if not meta.authors:
            spaced = _SPACED_NAME.search(body[-1])
            meta.authors = [spaced["who"]] if spaced and _spaced_name_is_a_name(spaced["who"], place_names) else []
    rows_authors, rows_outlet = _credit_rows([*body[-6:], *tail[:8]])
    meta.authors = meta.authors or rows_authors
    source, how = meta.source, meta.how
    if not source and rows_outlet:
        source, how = rows_outlet, "credit-rows"
    signed = _CLOSING_UNIT_CREDIT.search(body[-1]) if body and not source else None
    if signed and _ORG_TOKEN.match(signed["org"]) and all(map(_looks_like_name, _names(signed["who"]) or ["-"])):
        # "…观看。（某省计量科学研究院 张三）": the unit that wrote it in and its writer
        source, how = signed["org"], "closing-unit"
    if not source:
        source, how = _fallback_source(header, body, tail, title, meta, set(place_names or ()))
    desk = _NEWS_DESK.match(source)
    if desk:  # 某某晚报全媒体讯: the paper's newsroom, credited as the paper
        source = desk["outlet"]
    return Attribution(_placed_body(source, title), tuple(meta.authors), how, dl.place)


def _last_paragraph(body: list[str]) -> str:
    """The text's last paragraph when a list of short lines (an e-paper's 标题导航 and its
    headlines, a related list) was left below it: the last line that ends a sentence, if every
    line after it is short and ends none; "" when the text ends with a paragraph."""
    for k in range(len(body) - 1, max(len(body) - 14, 0) - 1, -1):
        line = body[k]
        if "。" in line or len(line) > 30:
            return line if k < len(body) - 1 and "。" in line else ""
    return ""


#: A page's meta row: its date and time, or a field's label, first (发布时间：…, 来源：…).
_META_ROW = re.compile(rf"^\s*(?:{DATE_TIME.pattern}|{_META}\s*[:：])")
#: A writer's name set apart by spaces after the last sentence, with no bracket or role: "…现场解答
#: 相关问题。 张三" (a name glued on, "。张三", may be the start of a sentence the copy cut off).
_SPACED_NAME = re.compile(r"(?<=[。！？!?”])[ \t\u3000]+(?P<who>[\u4e00-\u9fff]{2,3})$")
#: Words a page's chrome leaves after the text that have a family name's first character.
_CHROME_WORDS = {"相关", "来源", "原文", "全文", "返回", "附件", "关闭", "责编"}


def _spaced_name_is_a_name(who: str, place_names: Iterable[str] | None) -> bool:
    """A name set apart after the last sentence: a family name first, and no chrome word, no
    outlet's or unit's character and no place (…。 江西) that happens to open with one."""
    if not _looks_like_name(who) or who in _CHROME_WORDS or _NOT_IN_NAMES.search(who):
        return False
    return who not in set(place_names or ()) and not is_junk_line(who) and not is_tail_heading(who)


#: A unit and its writer in brackets closing the text: "（某省计量科学研究院 张三）", "（某市质检所 李四 王五）".
_CLOSING_UNIT_CREDIT = re.compile(
    r"[（(]\s*(?P<org>[\u4e00-\u9fff]{4,30})\s+(?P<who>[\u4e00-\u9fff]{2,3}(?:[\s、]+[\u4e00-\u9fff]{2,3}){0,4})\s*[）)]$"
)
#: A paper's or a station's newsroom named after it: 某某晚报全媒体, 某某日报融媒体 (the outlet is the paper).
_NEWS_DESK = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,12}(?:报|台|网|社))(?:全媒体|融媒体|新媒体|融媒)$")
#: A credit row closing a text, its role in square brackets: "【记者】张三", "【通讯员】李四", and
#: "【】 张三" or "【感谢】张三" where a copy emptied or reworded the role; "【】 某某集团某某客户端".
_CREDIT_ROW = re.compile(r"^\s*【(?P<role>[\u4e00-\u9fff]{0,4})】\s*(?P<who>[^【】\s][^【】]{0,30}?)\s*$")
#: The outlet an app credit names: 某某报业传媒集团某某+客户端 → 某某+ (the group owning it dropped).
_APP_CREDIT = re.compile(r"^(?:[\u4e00-\u9fff]{2,16}集团)?(?P<outlet>[\u4e00-\u9fffA-Za-z+＋]{2,12}?)客户端$")


def _credit_rows(lines: list[str]) -> tuple[list[str], str]:
    """Reporters and the app a run of bracketed credit rows names (two rows at least, or one
    with a reporter's role): "【记者】张三 / 【通讯员】李四 / 【】 某某集团某某客户端". The row's
    shape says it is a credit, whatever a copy did to the role inside the brackets."""
    rows = [m for m in map(_CREDIT_ROW.match, lines) if m]
    if not rows or (len(rows) < 2 and not _ROLE_WORD.search(rows[0]["role"])):
        return [], ""
    names: list[str] = []
    outlet = ""
    for row in rows:
        who = row["who"].strip()
        app = _APP_CREDIT.match(who)
        if app:
            outlet = outlet or app["outlet"]
        elif _NAME.match(who) and _looks_like_name(who) and who not in names:
            names.append(who)
    return names, outlet


#: A government body credited by its kind alone, with no place: "来源：市场监督管理局".
_BARE_BODY = re.compile(
    r"^(?:市场监督管理|市场监管|质量技术监督|质监|人民政府|政府)[\u4e00-\u9fff]{0,6}(?:局|委|厅|办|办公室|政府)?$"
)


def _placed_body(source: str, title: str) -> str:
    """A body credited by its kind alone (来源：市场监督管理局) named in full with the place the
    headline opens with (临夏州、市市场监管局联合开展… → 临夏州市场监督管理局): a local site credits
    its own office without saying whose; the headline's subject is that place. A regulator's
    account name (来源：梧州市场监管) is named as the office it speaks for."""
    from scrapers.core.gazetteer import load_gazetteer

    account = _ACCOUNT_NAME.match(source)
    place = load_gazetteer().by_key.get(account["place"]) if account else None
    if place is not None:
        return place.name + "市场监督管理局"
    if not _BARE_BODY.match(source) or not title:
        return source
    m = load_gazetteer().pattern.match(title)
    return m.group(0) + source if m else source


#: A market regulator's account name (WeChat, Weibo, app): its place's short name and 市场监管,
#: "梧州市场监管", "广西市场监管": the name every local 市场监督管理局 publishes under.
_ACCOUNT_NAME = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,10}?)市场监管$")


@dataclass
class _MetaLines:
    """What the page's meta lines say, read one line at a time (the first finding of each kind wins)."""

    source: str = ""
    how: str = ""
    authors: list[str] = field(default_factory=list)
    #: a source line credits the site itself (来源：本站): the site's name is the source
    site_credit: bool = False
    #: the credit says the text was contributed (来源：供稿): by whoever the author field names
    contributed: bool = False
    #: an organisation named as author (作者：某某市市场监督管理局): who published it
    author_org: str = ""
    #: the outlet a byline names before its reporters (某某商报记者 张三 报道)
    byline_outlet: str = ""

    def read(self, line: str, in_header: bool) -> None:
        line = _BULLET.sub("", _FONT_WIDGET.sub(" ", line))
        line = _GLUED_BYLINE_VERB.sub(r"\1", line)  # "全媒体通讯员 张三报道": the name, not 张三报道
        # a byline's paper in 《》 (《某某日报》记者 张三), and what its reporter did beside the role
        # (文/图 本报记者 张三, 记者 张三 文/图): the byline is read as the bare one it is
        line = _QUOTED_BYLINE_PAPER.sub(r"\1", _ROLE_BESIDE_BYLINE.sub("", line))
        credits = not self.authors and len(line) <= _CREDIT_LINE_LIMIT and _ROLE_WORD.search(line)
        credited = _SOURCE_LINE.search(line) if credits else None
        if credited:  # "来源：某某报 记者 张三": the credits after the source's name
            rest = _CREDIT_LINE.match(line[credited.end() :].strip())
            if rest and not rest["outlet"]:
                self.authors = list(_names(_CITY_REPORT.sub("", rest["credits"])))
        whole = _CREDIT_LINE.match(line) if credits and not self.authors else None
        if whole:  # a line that is only credits: 本报记者 张三 本报通讯员 李四, 记者 张三、李四
            self.authors = list(_names(_CITY_REPORT.sub("", whole["credits"])))
            outlet = _NEWS_DESK.sub(r"\g<outlet>", _CHANNEL_AFTER_DOT.sub("", whole["outlet"] or ""))
            if outlet and outlet not in _HOUSE and is_outlet_shaped(outlet, media_only=True):
                self.byline_outlet = self.byline_outlet or outlet
        n = _NAME_THEN_ROLE.match(line)
        if n and not self.authors:  # "王小明/文", "（王小明/文 李丽丽/图）": the writer
            self.authors = [n["who"]] if _looks_like_name(n["who"]) else []
        n = _BRACKETED_AUTHOR.search(line)
        if n and not self.authors:  # "…。（作者：王小明）", "（撰稿：王小明 李丽丽）"
            self.authors = [x for x in _names(n["who"]) if _looks_like_name(x)]
        n = _CONTRIBUTED_BY.search(line)
        if n and not self.author_org and _ORG_TOKEN.match(n["org"]):  # "（供稿：某某市计量所）"
            self.author_org, self.contributed = n["org"], True
        m = _SOURCE_LINE.search(line)
        if m and self.how == "dateline" and self.source:
            # the page's own credit names who published it: 来源：人民网 over a wire story's
            # 新华社上海…电, 来源：滨海时报 over 时报讯; a channel credit (…客户端) does not
            src = _credit_name(m["src"])
            # and a credit must be shaped as a name to override it (来源：产品 is a column label)
            if (
                not _is_code(src)
                and src != self.source
                and len(src) >= 2
                and src not in _NOT_A_SOURCE
                and not _CHANNEL_CREDIT.search(src)
                and not _is_spam(src)
                and (is_outlet_shaped(src) or not _HAN_ONLY.match(src))
            ):
                self.source, self.how = src, "source-line"
        elif m and not self.source:
            src = _credit_name(m["src"])
            if src in _NOT_A_SOURCE:
                self.site_credit = True
                self.contributed = self.contributed or src in _CONTRIBUTED_WORDS
            elif is_label(src):
                pass  # 来源：产品: a column label, no credit (neither a source nor the site's own)
            elif len(src) >= 2 and not _is_spam(src) and not _is_code(src):
                self.source, self.how = src, "source-line"
        a = _AUTHOR_LINE.search(line)
        if (
            a
            and not self.authors
            and not _is_spam(a["who"])
            and not _CODE.search(a["who"])
            and a["who"] not in {"佚名", "未知", "本站", "admin"}
        ):
            who = a["who"].strip()
            whole = _AUTHOR_FIELD.search(line)
            several = _names(whole["who"]) if whole else ()
            if _ORG_END.search(who) and len(who) >= 4:
                self.author_org = self.author_org or who
            elif several and (len(several) > 1 or several[0] != who):  # 作者：王小明 张华, 作者：记者 王小明
                # the names after the first must look like names: not a link's words (查看更多)
                self.authors = [n for k, n in enumerate(several) if k == 0 or _looks_like_name(n)]
            else:
                self.authors = [who]
        d = _DATE_OUTLET.match(line)
        if d and not self.source and in_header and (d["a"] or d["b"]):
            self.source, self.how = d["a"] or d["b"], "date-line"
        w = _OUTLET_DATE_WIDGETS.match(line) if in_header and not self.source else None
        if w and is_outlet_shaped(w["a"], media_only=True):  # "某某日报 2020-09-17 07:07 大字"
            self.source, self.how = w["a"], "date-line"
        t = _TEXT_THEN_PICTURES.match(line)
        if t and not self.authors:  # "文/张三 图/李四": the writer is the author, not the photographer
            self.authors = [n for n in _names(t["who"]) if _looks_like_name(n)]
        # a column heading is no byline: 图片新闻 is not "图 片新闻"
        b = BYLINE.match(line) if not is_tail_heading(line) else None
        if b and not self.authors:
            self.authors = list(_names(b["who"]))
        o = _BYLINE_OUTLET.match(line) if b else _OUTLET_BYLINE.match(line)
        if o and o["outlet"] not in _HOUSE and is_outlet_shaped(o["outlet"], media_only=True):
            self.byline_outlet = self.byline_outlet or o["outlet"]
            if not b and not self.authors:
                self.authors = list(_names(o["who"]))
        w = _DATE_THEN_OUTLET.match(line) if in_header and not self.source else None
        if w and is_outlet_shaped(w["b"], media_only=True):  # "2024-05-20 09:30 某某经济周刊"
            self.source, self.how = w["b"], "date-line"
        p = _PICTURE_AND_TEXT.match(line)
        if p and not self.authors:
            self.authors = list(_names(p["who"]))
        g = _CONTRIBUTOR.search(line)
        if g and not self.authors and _looks_like_name(g["who"]):  # "…。供稿：某某院张三"
            self.authors = [g["who"]]
        c = _CLOSING_BYLINE.match(line)
        if c:  # "山东商报·速豹新闻网记者 冯云云 张月" closing the text: the paper and its reporters
            self.authors = self.authors or list(_names(c["who"]))
            # and its full name over a dateline's short form of it (商报济南消息 … 山东商报·…记者)
            shortened = self.how == "dateline" and c["outlet"] != self.source and c["outlet"].endswith(self.source)
            if not self.source or shortened:
                self.source, self.how = c["outlet"], "byline"


#: A writer's and a photographer's credit on one line: "文/张三 图/李四", "（文：张三 摄影：李四）".
_TEXT_THEN_PICTURES = re.compile(
    r"^[（(]?(?:文|文字)\s*[/／|｜:：]\s*(?P<who>[\u4e00-\u9fff·]{2,4}(?:[\s、]+[\u4e00-\u9fff·]{2,4}){0,3}?)"
    r"\s+(?:图|图片|摄影|摄)\s*[/／|｜:：]\s*[\u4e00-\u9fff·\s、]{2,20}[）)]?$"
)
#: A line that is only credits, each a role and its names, its outlet (and a channel after a dot)
#: first, a city it reports from or what was done last: "本报记者 张三 本报通讯员 李四", "记者 张三、李四",
#: "记者/张三 通讯员/李四", "某某网·某某新闻记者 张三 济南报道", "某某日报全媒体记者 张三 通讯员 李四".
_CREDIT_ROLE = r"(?:本报|本台|本网|本刊)?(?:全媒体|融媒体|融媒)?(?:特约|见习|实习|首席)?(?:记者|通讯员|实习生)"
_CREDIT_NAMES = r"[\u4e00-\u9fff·]{2,4}(?:\s*[、，,\s]\s*[\u4e00-\u9fff·]{2,4}){0,4}"
_CREDIT_LINE = re.compile(
    # not a photo's credit (…图片记者 张三、李四摄): who took the pictures wrote nothing
    r"^(?!.*(?:图片|摄影|摄像)记者)(?!.*摄影?[）)]?$)"
    rf"[（(]?(?P<outlet>[\u4e00-\u9fff]{{2,12}}?(?:[·•][\u4e00-\u9fff]{{2,10}}?)?)?\s*"
    rf"(?P<credits>(?:{_CREDIT_ROLE}\s*[/／|｜:：]?\s*{_CREDIT_NAMES}\s*)+"
    r"(?:[\u4e00-\u9fff]{2,4}报道|报道|文[/／]图)?)[）)]?$"
)
#: How long a line of credits runs at most (a paragraph is never one).
_CREDIT_LINE_LIMIT = 80
#: The city a byline reports from, closing it: "… 济南报道".
_CITY_REPORT = re.compile(r"\s+[\u4e00-\u9fff]{2,4}报道$|报道$")
#: A channel after an outlet's dot: 某某网·某某新闻 → 某某网.
_CHANNEL_AFTER_DOT = re.compile(r"[·•][\u4e00-\u9fff]{2,10}$")
#: A byline's paper printed in 《》 before its reporter: "《某某日报》记者 张三".
_QUOTED_BYLINE_PAPER = re.compile(r"^《([\u4e00-\u9fff]{2,12})》(?=\s*(?:特约|见习|实习|首席)?(?:记者|通讯员))")
#: What a byline's reporter did printed beside the role: "文/图 本报记者 张三", "记者 张三 文/图".
_ROLE_BESIDE_BYLINE = re.compile(
    r"^(?:文|图)\s*[/／]\s*(?:图|文|摄)\s*(?=(?:本报|本台|本网)?(?:特约|见习|实习|首席)?(?:记者|通讯员))"
    r"|(?<=[\u4e00-\u9fff])\s+(?:文|图)\s*[/／]\s*(?:图|文|摄)$"
)
#: A writer's name before what they did: "王小明/文", "（王小明/文 李丽丽/图）", "王小明 文/图".
_NAME_THEN_ROLE = re.compile(
    r"^[（(]?\s*(?P<who>[\u4e00-\u9fff·]{2,4})\s*(?:[/／]\s*文|\s文\s*[/／]\s*[图摄])"
    r"(?:\s+[\u4e00-\u9fff·]{2,4}\s*[/／]\s*(?:图|摄影?))?\s*[）)]?$"
)
#: An author field in brackets closing the text: "…。（作者：王小明）", "（撰稿：王小明 李丽丽）".
_BRACKETED_AUTHOR = re.compile(
    r"[（(]\s*(?:作者|撰稿|撰文|采写)\s*[:：]\s*(?P<who>[\u4e00-\u9fff·]{2,4}(?:[\s、]+[\u4e00-\u9fff·]{2,4}){0,4})\s*[）)]$"
)
#: A body named as the text's contributor, its label first: "供稿：某某市市场监管局", "（供稿：某某所）"
#: (the order "（某某所供稿）" reads the same).
_CONTRIBUTED_BY = re.compile(r"(?:^|[（(])\s*供稿(?:单位)?\s*[:：]\s*(?P<org>[\u4e00-\u9fff]{4,30})\s*[）)]?$")
#: A bullet a paper's layout sets before a byline: "□ 本报记者 张三", "■ 记者 张三 通讯员 李四".
_BULLET = re.compile(r"^\s*[□■◆◇●○▲△★☆◎▶►]+\s*")


def _credit_name(src: str) -> str:
    """The name a source line credits: its first name, without a channel or a count glued on,
    but a site credited with its paper in full (北青网-北京青年报)."""
    src = src.strip()
    both = _SITE_AND_PAPER.match(src)
    if both:
        return f"{both['site']}-{both['paper']}"
    return _SOURCE_TAIL.sub("", src)


#: A closing credit's bracket opened at the end of a paragraph ("…宣传计量工作。（庞") and closed
#: on the next line ("博、郭 炜、李文贵）"): a copy broke the line inside the credit.
_OPEN_CREDIT = re.compile(r"[。！？”][（(](?P<start>[\u4e00-\u9fff]{1,3})$")
_CLOSE_CREDIT = re.compile(r"^[\u4e00-\u9fff]{0,3}(?:[\s、][\u4e00-\u9fff]{1,3})+[）)]$")


def _names_split_over_lines(last: list[str]) -> list[str]:
    """Reporters of a closing credit broken over two lines, joined again; captions may follow."""
    for above, below in pairwise(last):
        m = _OPEN_CREDIT.search(above)
        if m and _CLOSE_CREDIT.match(below.strip()):
            return _trailing_names("（" + m["start"] + below.strip())
    return []


def _trailing_names(last: str) -> list[str]:
    """Reporters named in brackets closing the text: "（张三 李四）", "（张三 李四 文/图）",
    "（通讯员 张三 记者 李四）", not "（完）", an editor nor an organisation."""
    last = _TRAILING_VERB.sub(r"\1", last)
    last = _ROLE_MARK.sub(r"\1 ", last)  # "（记者/张三 实习生/李四）": a role and its names, marked off
    t = _TRAILING_NAMES.search(last)
    if not t or _ORG_END.search(t["who"]):
        return []
    tokens = set(re.split(r"[\s、]", t["who"]))
    if tokens & (_NOT_NAMES - _ROLE_WORDS):  # 完, 编辑: not reporters (记者 and 通讯员 are roles)
        return []
    names = list(_names(t["who"]))
    if len(re.split(r"[\s、]", t["who"])[0]) == 1 and not all(map(_looks_like_name, names)):
        return []  # single characters spaced apart ("（图 文）") are a name only when they join into one
    return names


#: What the people of a closing credit did, inside its bracket: "（张三 文/图）" (not a photo's
#: credit alone: "新华社发（李四摄）" names who took the picture).
_TRAILING_VERB = re.compile(r"\s*(?:文[/／][图摄]|图[/／]文|报道)\s*([）)])$")
_ROLE_WORDS = {"记者", "通讯员"}
#: A role marked off from its names by a slash or a colon inside a closing credit: "记者/张三",
#: "通讯员：李四" (the slash a Traditional copy keeps where the other prints a space).
_ROLE_MARK = re.compile(r"(记者|通讯员|实习生)\s*[/／:：]\s*(?=[\u4e00-\u9fff])")
_ROLE_WORD = re.compile(r"记者|通讯员|实习生")


#: A paper's or a site's name closing the text, glued after its last sentence ("…深受欢迎。某某日报")
#: or alone on the last line; not a phrase that reports (据…, 转自…).
_GLUED_CREDIT = re.compile(r"(?<=[。！？!?”」）)])\s*(?P<src>[\u4e00-\u9fff]{2,12})$")
#: A list's heading ending as an outlet's name does: 相关新闻, 图片新闻, 今日报.
_HEADING_WORD = re.compile(r"^(?:相关|热点|热门|图片|推荐|今日|最新|更多|精彩|视频|要闻|头条|本地|国内|国际|社会|财经|专题)")
_REPORTING = re.compile(r"^(?:据|转自|来自|来源|本|记者|通讯员|编辑)|消息$")


def _closing_credit(body: list[str], tail: list[str]) -> str:
    """An outlet's name closing the text with no bracket or label: glued after the last
    sentence of the last paragraph, or a short line of its own ending the text. Its shape
    (…日报, …新闻网) is what tells it from the words of a sentence."""
    found = [_GLUED_CREDIT.search(body[-1])] if body else []
    candidates = [m["src"] for m in found if m]
    candidates += [line.strip() for line in [*body[-2:], *tail[:2]] if 2 <= len(line.strip()) <= 12]
    for name in candidates:
        if (
            _HAN_ONLY.match(name)
            and not _REPORTING.search(name)
            and not _HEADING_WORD.match(name)
            and not is_tail_heading(name)
            and is_outlet_shaped(name, media_only=True)
        ):
            return name
    return ""


#: A site's own name heading its page ("某某网 ——"), the source when a line credits 本站.
_SITE_NAME = re.compile(r"^([\u4e00-\u9fff]{2,10}网)(?:\s|$|——|-)")
#: A site's masthead above its pages: its name and its slogan (某某网——某某行业门户网站) or its
#: name and its address (某某网 http://www.example.com/).
_SITE_MASTHEAD = re.compile(
    r"^(?P<site>[\u4e00-\u9fff]{2,10}网)\s*(?:[—-]{1,2}\s*[\u4e00-\u9fff]{2,16}(?:门户网站|门户|网站|平台)$"
    r"|\s+(?:https?://|www\.)\S+$)"
)


#: The property comment an e-paper CMS writes into each article page, its tags stripped and left
#: as text: "--> 2023-03-01 1 1 某某日报 content_60033.html 1 标题 /enpproperty-->" (the day, the
#: site and node ids, the paper's name, the page's file): the paper that printed it.
_EPAPER_PROPERTIES = re.compile(
    r"(?:19|20)\d{2}-\d{2}-\d{2}(?:\s+\d+)*\s+(?P<paper>[\u4e00-\u9fff]{2,12}?)\s+content_\d+\.html?\b.*enpproperty"
)


def _fallback_source(
    header: list[str], body: list[str], tail: list[str], title: str, meta: _MetaLines, places: set[str]
) -> tuple[str, str]:
    """The source when no dateline or meta line names one, and how it was found, most trusted
    first: a trailing credit, a masthead, the site (when a line credits 本站), an organisation
    named as author, the site's owner, the signatories of a notice, the issuer in its title."""
    for line in reversed(body[-3:]):
        m = _TRAILING_SOURCE.search(line)
        if m and (m["src"] or m["credit"] not in _NOT_A_SOURCE):
            # "（据新华社）": who told it, not 据新华社
            return _SOURCE_TAIL.sub("", m["src"] or m["credit"]).removeprefix("据"), "trailing"
    credit = _closing_credit(body, tail)
    if credit:
        return credit, "trailing"
    for line in header:
        paper = _PAPER_LINE.match(line)  # any paper's name by its shape (…报, …周刊), not 海报 or 简报
        m = _MASTHEAD.match(line) or (paper if paper and is_outlet_shaped(paper["paper"], media_only=True) else None)
        if m and not _DOCUMENT_NAME.search(m["paper"] or m["paper2"]):
            return (m["paper"] or m["paper2"]).strip(), "masthead"
    for line in [*reversed(body[-3:]), *tail]:
        m = _CLOSING_MASTHEAD.match(line)
        if m:
            return m["paper"].strip(), "masthead"
    for line in [*reversed(body[-2:]), *tail[:2]]:
        m = _CLOSING_PAPER.match(line)
        if m and is_outlet_shaped(m["paper"], media_only=True):
            return m["paper"], "masthead"
    for line in [*header, *tail]:
        m = _EPAPER_PROPERTIES.search(line)
        if m and is_outlet_shaped(m["paper"], media_only=True):
            return m["paper"], "masthead"
    if meta.contributed and meta.author_org:
        # 作者：某某促进会 来源：供稿: the organisation sent the text in; the site only carries it
        return meta.author_org, "author-org"
    if meta.site_credit:
        for line in header:
            m = _SITE_NAME.match(line)
            if m:
                return m[1], "site"
    if meta.byline_outlet:
        return meta.byline_outlet, "byline"
    given = _CONTRIBUTED.search(body[-1]) if body else None
    if given and is_outlet_shaped(given["src"]):
        return given["src"], "contributed"
    opening = _BRACKETED_OUTLET.match(body[0]) if body else None
    if opening and is_outlet_shaped(opening["outlet"], media_only=True):
        return opening["outlet"], "dateline"
    reported = _REPORTED_BY.match(body[0]) if body else None
    if reported and is_outlet_shaped(reported["src"]):
        return reported["src"], "reported"
    reported = _CLOSING_REPORTED.search(body[-1]) if body else None
    told = (reported["src"] or reported["src2"]) if reported else ""
    if told and is_outlet_shaped(told, media_only=True):
        return told, "reported"
    if meta.author_org:
        return meta.author_org, "author-org"
    for line in header:
        m = _SITE_OWNER.match(line)
        if m and any(m["org"].startswith(n) for n in places if len(n) >= 2):
            return m["org"], "site-owner"
    signed = _signatories(body)
    if not signed and tail and _SIGNED_ON.search(tail[0]):
        # a signature with its date on one line, left below the text as a meta line
        signed = _signatories([*body, tail[0]])
    if signed:
        return signed, "signature"
    m = _POLICY_ISSUER.match(title) if title else None
    if m:
        return m["org"], "issuer"
    headed = _headed_issuer(header)
    if headed:
        return headed, "issuer"
    writer = _letter_writer(body) or _members_writer(title, body)
    if writer:
        return writer, "letter"
    numbered = next((n for n in map(issuer_of_number, [*header, *body[:3]]) if n), "")
    if numbered:  # a notice printed with its 文号 and no signature (国质检科〔2017〕325号)
        return numbered, "issuer"
    site = next((m["site"] for m in map(_SITE_MASTHEAD.match, header) if m), "")
    if site:  # the site's masthead (某某网——某某行业门户网站), a mirror's copy of it too: the site publishes
        return site, "masthead"
    owner = _footer_owner([*body[-8:], *tail])
    return (owner, "site-owner") if owner else ("", "")


#: A site's footer naming who runs it: "主办单位：某市市场监督管理局", "版权所有：某省某某研究院 某ICP备…".
_FOOTER_OWNER = re.compile(
    # the field's colon, or a space where the footer prints none (版权所有 某某学会)
    r"^(?:主办单位|主办|版权所有)(?:\s*[:：]\s*|\s+)(?:©|Copyright)?\s*"
    r"(?P<org>[\u4e00-\u9fff（）()]{2,30}?(?:局|院|所|中心|协会|学会|委员会|人民政府))(?:\s|$)"
)


def _footer_owner(lines: list[str]) -> str:
    """The body that runs a government or institute site, from its footer, when nothing on the
    page credits a source: an agency's or institute's own news page is its own publication
    (the blind8 s17 convention). Only a footer line's whole first field counts."""
    for line in lines:
        m = _FOOTER_OWNER.match(line.strip())
        if m:
            return m["org"]
    return ""


def _headed_issuer(header: list[str]) -> str:
    """The issuer of a notice printed as a document is: its name alone on a line, right above
    the title that opens with 关于 (陕市监发〔2023〕441号 / 某省市场监督管理局 / 关于…的通知, the
    title often split over two lines); a body's name alone anywhere else is a banner."""
    lines = [line.strip() for line in header if line.strip()]
    for above, line in pairwise(lines):
        if line.startswith("关于") and _ORG_TOKEN.match(above) and len(above) <= 30:
            return above
    return ""


#: An organisation opening a letter's first paragraph by speaking of itself: "中国某某协会是…",
#: "某某学会定于…", "某某中心拟…".
_WRITER = re.compile(
    r"^(?P<org>[\u4e00-\u9fff]{4,30}?(?:协会|学会|商会|促进会|联合会|联盟|委员会|研究院|中心|局|委))"
    r"(?:是|于|定于|拟|将|决定|现|经)"
)


#: A letter to an association's members ("各会员单位：", "各位会员："): only the association writes so.
_TO_MEMBERS = re.compile(r"^各(?:位)?会员(?:单位|企业)?\s*[:：]")
#: An association's name: 中国某某协会, 某省某某学会 (the last of several bodies' words in it).
_ASSOCIATION = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,20}?(?:协会|学会|商会|促进会|联合会))")


def _members_writer(title: str, body: list[str]) -> str:
    """Who writes an unsigned notice to its members (各会员单位：) about its own affairs: the
    association its title names (关于某某协会…的通告); a regulator's notice is addressed to bodies,
    not members, and an association only named in the text may be another's (see _letter_writer)."""
    if not body or not _TO_MEMBERS.match(body[0]) or not title:
        return ""
    m = _ASSOCIATION.search(title.removeprefix("关于"))
    return m["org"] if m else ""


def _letter_writer(body: list[str]) -> str:
    """Who writes a letter that is not signed: a text opening with a salutation (各相关单位：)
    whose first paragraph opens with an organisation speaking of itself, named again later
    (…拟成立…分会): the writer introduces itself to the readers it addresses."""
    if len(body) < 3 or not SALUTATION.match(body[0]):
        return ""
    m = _WRITER.match(body[1])
    if m and any(m["org"] in line for line in body[2:]):
        return m["org"]
    return ""
