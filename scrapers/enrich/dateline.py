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
from dataclasses import dataclass

from ..normalise.junk import load_rules

_DATELINE = re.compile(
    r"^(?P<outlet>[^，。：:,]{2,30}?)(?P<md>\d{1,2}月\d{1,2}日)?(?:讯|电|消息(?=\s*（))\s*"
    r"(?:（(?P<who>[^）]{2,40})）)?"
)
# A dateline whose middle is garbled: keep the outlet named before the bracket.
_OUTLET_ONLY = re.compile(r"^(?P<outlet>[\u4e00-\u9fff]{2,10}?(?:网|报|社|台|新闻))[（(].{0,60}?(?:讯|电)")
_ROLES = re.compile(r"^(本报|本台|本网)?(特约|见习|实习|融媒|首席)?(记者|通讯员|实习生|摄影|编辑)[:：]?")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_SOURCE_LINE = re.compile(r"(?:^|\s)(?:来源|稿源|出处)[:：]\s*(?P<src>[^\s|，,]{2,30})")
_AUTHOR_LINE = re.compile(r"(?:^|\s)(?:作者|撰稿)[:：]\s*(?P<who>[^\s|]{2,30})")
#: A byline on its own line: "自贡融媒记者 池莉", "记者：张伟 刘芳", "（记者 陈静）", "文/图 周敏".
BYLINE = re.compile(
    r"^[（(]?(?:[\u4e00-\u9fff]{0,8})(?:记者|通讯员|文/图|文／图|文|图|摄影)\s*[/／|｜:：]?\s*"
    r"(?P<who>[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3})*)(?:\s+[\u4e00-\u9fff]{2,6}报道)?[）)]?$"
)
_TRAILING_SOURCE = re.compile(r"（(?P<src>[^（）]{2,12}(?:新闻|日报|晚报|报|网|社|电视台|广播|客户端))）$")
_MASTHEAD = re.compile(r"^《\s*(?P<paper>[^》]{2,20}?)\s*》|^(?P<paper2>[\u4e00-\u9fff]{2,12}报[\u4e00-\u9fff]{0,4})\s+\d{4}年")
_POLICY_ISSUER = re.compile(r"^(?P<org>[\u4e00-\u9fff（）、]{3,40}?)关于\s*\S")
_NOT_A_SOURCE = {"供稿", "本站", "原创", "网络", "网友", "互联网", "未知", "本网", "综合"}
_HOUSE = {"本报", "本台", "本网", "本刊"}


_ORG_TOKEN = re.compile(r"^[\u4e00-\u9fff]{2,30}(局|委|厅|部|院|司|处|办|办公室|中心|协会|学会|委员会|政府)$")


def _signatories(body: list[str]) -> str:
    """Issuers from a notice's signature line ("北京市质监局 河北省质监局"), named as in the text.

    Signature lines abbreviate ("市市场监管委"); each token is resolved to the longest
    name in the text that ends with it, and the names are listed in the text's order.
    """
    text = "\n".join(body[:-1])
    for line in reversed(body[-3:]):
        tokens = line.split()
        if not tokens or not all(_ORG_TOKEN.match(t) for t in tokens) or len(line) > 60:
            continue
        named: list[tuple[int, str]] = []
        for n, token in enumerate(tokens):
            # the shortest name ending with the token that starts at a list boundary
            hit = re.search(rf"(?:^|(?<=[、，,和与及（\s]))[\u4e00-\u9fff]{{0,6}}?{re.escape(token)}", text, re.M)
            named.append((hit.start(), hit.group(0)) if hit else (len(text) + n, token))
        return "、".join(name for _, name in sorted(named))
    return ""


@dataclass(frozen=True)
class Attribution:
    source: str = ""
    authors: tuple[str, ...] = ()
    #: how the source was found (dateline, source-line, masthead, …), for reports.
    how: str = ""
    #: place named in the dateline ("沈阳" in 中国消费者报沈阳讯), a location hint.
    place: str = ""


def _names(who: str) -> tuple[str, ...]:
    names: list[str] = []
    for token in re.split(r"[\s、,，/]+", who):
        token = _ROLES.sub("", token.strip())
        if _NAME.match(token) and token not in names:
            names.append(token)
    return tuple(names)


def _is_spam(text: str) -> bool:
    return any(p.search(text) for p in load_rules().any)


def parse_dateline(lead: str, place_names: Iterable[str] | None = None) -> Attribution:
    """Outlet, authors and place from a dateline at the head of ``lead``."""
    if place_names is None:
        from .places import load_gazetteer

        place_names = load_gazetteer().names
    m = _DATELINE.match(lead)
    if not m or not (m["md"] or m["who"] or re.search(r"报|网|社|台|新闻|电视", m["outlet"])):
        o = _OUTLET_ONLY.match(lead)
        if not o:
            return Attribution()
        who = re.search(r"(?:讯|电)\s*（(?P<who>[^）]{2,40})）", lead[:100])
        return Attribution(o["outlet"], _names(who["who"]) if who else (), "dateline")
    outlet = m["outlet"].strip()
    place = ""
    for name in sorted(place_names, key=len, reverse=True):
        if len(outlet) > len(name) + 1 and outlet.endswith(name):
            outlet, place = outlet[: -len(name)], name
            break
    outlet = re.sub(r"（[^）]*）$", "", outlet).strip()
    if outlet in _HOUSE:
        outlet = ""
    if len(outlet) > 16:  # not an outlet: an ordinary sentence that happens to contain 讯/电
        return Attribution()
    return Attribution(outlet, _names(m["who"] or ""), "dateline", place)


def find_attribution(
    header: list[str], body: list[str], tail: list[str], title: str, place_names: Iterable[str] | None = None
) -> Attribution:
    """Combine every signal on the page; the dateline's outlet wins over meta lines."""
    lead = body[0] if body else ""
    dl = parse_dateline(lead, place_names)
    source, how, authors = dl.source, dl.how if dl.source else "", list(dl.authors)
    site_credit = False
    for line in [*header, *tail, *body[-2:]]:
        m = _SOURCE_LINE.search(line)
        if m and not source:
            src = m["src"].strip()
            if src in _NOT_A_SOURCE:
                site_credit = True
            elif not _is_spam(src):
                source, how = src, "source-line"
        a = _AUTHOR_LINE.search(line)
        if a and not authors and not _is_spam(a["who"]):
            authors = [a["who"].strip()]
        b = BYLINE.match(line)
        if b and not authors:
            authors = list(_names(b["who"]))
    if not source:
        for line in reversed(body[-3:]):
            m = _TRAILING_SOURCE.search(line)
            if m:
                source, how = m["src"], "trailing"
                break
    if not source:
        for line in header:
            m = _MASTHEAD.match(line)
            if m:
                source, how = (m["paper"] or m["paper2"]).strip(), "masthead"
                break
    if not source and site_credit:
        for line in header:
            m = re.match(r"^([\u4e00-\u9fff]{2,10}网)(?:\s|$|——|-)", line)
            if m:
                source, how = m[1], "site"
                break
    if not source:
        source = _signatories(body)
        how = "signature" if source else how
    if not source and title:
        m = _POLICY_ISSUER.match(title)
        if m:
            source, how = m["org"], "issuer"
    return Attribution(source, tuple(authors), how, dl.place)
