"""Region (province level, or 全国) and city from a gazetteer kept as data.

Mentions are weighted by where they stand: a venue phrase (``在武汉举行``) counts most,
then the title, then the lead, then the rest; a dateline place breaks ties. A city
mention counts for its province too. National bodies and nationwide campaigns
(``全国``, ``市场监管总局``) compete as the region 全国; the city is then the venue.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from scrapers.core.article import NATIONAL
from scrapers.core.datafiles import DataFileError, load_yaml, read_csv
from scrapers.core.gazetteer import Gazetteer, Place, load_gazetteer
from scrapers.core.patterns import (
    DAYPART,
    MONTH_DAY_PLAIN,
    NATIONAL_BODIES,
    NOTICE_TITLE,
    SALUTATION,
    lazy,
    strip_dateline,
)
from scrapers.enrich.outlets import OUTLETS

#: National bodies (``national_bodies`` of scrapers/data/lexicon.yaml): a mention is national scope.
NATIONAL_MARKERS = NATIONAL_BODIES
# One-character abbreviations, trusted only right after a venue word: 在京举办, 赴沪.
ABBREVIATIONS = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市"}
#: The one-character names the press gives cities after a venue word: 在蓉召开 (成都), 在邕成立 (南宁),
#: 在穗举办 (广州); only those no province or other city shares (not 宁, 苏, 青).
ABBREVIATIONS |= {
    "蓉": "成都市",
    "穗": "广州市",
    "邕": "南宁市",
    "榕": "福州市",
    "筑": "贵阳市",
    "甬": "宁波市",
    "杭": "杭州市",
    "汉": "武汉市",
    "昆": "昆明市",
    "锡": "无锡市",
    "郑": "郑州市",
    "兰": "兰州市",
    "沈": "沈阳市",
    "厦": "厦门市",
}
#: The one-character names of provinces, after a venue word: 在川召开, 赴粤调研 (the province, no city;
#: not 吉, 黑, 苏, 青, 宁, 新, 蒙: a city's or a word's first character too).
PROVINCE_ABBREVIATIONS = {
    "冀": "河北省",
    "晋": "山西省",
    "辽": "辽宁省",
    "浙": "浙江省",
    "皖": "安徽省",
    "闽": "福建省",
    "赣": "江西省",
    "鲁": "山东省",
    "豫": "河南省",
    "鄂": "湖北省",
    "湘": "湖南省",
    "粤": "广东省",
    "桂": "广西壮族自治区",
    "琼": "海南省",
    "川": "四川省",
    "黔": "贵州省",
    "滇": "云南省",
    "陇": "甘肃省",
    "陕": "陕西省",
}
_PROVINCE_ABBR = lazy(
    lambda w: rf"(?:在|于|赴|来|进)(?P<abbr>[{''.join(PROVINCE_ABBREVIATIONS)}])(?:{w.venue_adverbs})?(?:{w.venue_verbs})"
)
#: A venue by its one-character name: 在京成功举办, 赴沪召开 (verbs and adverbs: lexicon.yaml).
_VENUE_ABBR = lazy(lambda w: rf"(?:在|于|赴|来|进)(?P<abbr>[{''.join(ABBREVIATIONS)}])(?:{w.venue_adverbs})?(?:{w.venue_verbs})")
# A national body as the subject of the lead's first sentence: it organised the event.
_ORGANISER = lazy(
    lambda w: (
        rf"^[^。，]{{0,20}}?(?:{w.national_organisers}|"
        r"中国(?:[\u4e00-\u9fff]{1,8})(?:协会|学会|联合会|研究院)|(?:全国|国家)[\u4e00-\u9fff]{2,16}?(?:委员会|协会|学会|联盟))"
        # not a national body approving a place (发函同意某市…): that is the place's news
        rf"(?!\S{{0,4}}(?:{w.approval_verbs}|表彰|公布))"
    )
)
#: The issuing body of a notice in its title: "重庆市人民政府办公厅关于印发…的通知".
_ISSUER = NOTICE_TITLE
#: A national body hosting: "由中国计量测试学会、中国计量协会主办", "由中国合格评定国家认可委员会
#: (CNAS)举办的", "由中国A学会、中国B学会、某大学、某省研究院共同举办" (co-hosts listed first); a
#: national centre or institute too ("由中国某某监测中心主办、某市某所承办": only national bodies
#: carry 中国 first).
_HOSTED = lazy(
    lambda w: (
        rf"由(?:{w.national_organisers}|中国[\u4e00-\u9fff]{{2,14}}?(?:协会|学会|联合会|委员会)"
        # a centre or an institute named whole, no place inside (中国某银行某市中心支行 is a
        # branch, 中国（某市）科技城某研究院 a city's)
        r"|中国[^\s省市县区州、，。（）()]{2,14}?(?:中心|研究院)(?=[、和与及]|主办|牵头|发起|举办|组织|共同|联合))"
        r"[^。，]{0,60}?(?:主办|牵头|发起|举办|组织)"
    )
)
#: How many opening paragraphs may name a national host (由…牵头筹建 after two paragraphs of scene).
_HOST_PARAGRAPHS = 3
#: A nationwide event as the subject of the headline or the lead: "全国合格评定机构认可工作会议在杭州
#: 召开", "2020年全国检验检测机构开放日活动正式启动" (national news, held in one city).
#: Named for the country (中国认可与检验检测国际论坛在苏举办, 首届中国…论坛) or, with its year, for a
#: world day (2019年世界认可日主题活动在宁波举行: the country's main event of the day) likewise; a place
#: before the name (某州开展第十八个世界认可日活动) is that place's own event.
_NATIONAL_EVENT = re.compile(
    r"^(?:\d{4}年度?)?(?:第[一二三四五六七八九十百\d]+[届个次])?(?:首届)?"
    r"(?:(?:全国|中国(?:首届)?)|(?<=年)世界[\u4e00-\u9fff]{2,6}日)[\u4e00-\u9fff“”]{2,24}?"
    r"(?:会议|大会|论坛|活动|开放日|峰会|研讨会|竞赛|大赛|仪式|年会)"
)
#: A place's own part of a nationwide event ("重庆作为全国七个分会场之一"): that place's news.
_BRANCH = re.compile(r"分会场|分站|分赛区")
#: A venue given as the seat of a meeting: "主会场设在赣州市综检院".
_SEAT = re.compile(r"(?:主会场|分会场|会场|会议地点)(?:设在|设于|位于)(?P<place>[\u4e00-\u9fff]{2,12})")
#: A place's government co-hosting: "某学会与北京平谷区人民政府联合举办", "…与平谷区举办" (the event is
#: held there: the City of a national body's event; never the region).
_COHOST = re.compile(
    r"与(?P<place>[\u4e00-\u9fff]{2,10}?(?:省|市|区|县|州|盟|旗))(?:人民政府|政府)?(?:联合|共同)?(?:举办|主办|召开|开展)"
)
#: Where the news came from, not who made it: "从市场监管总局获悉，", "据国家认监委消息，".
_HEARSAY = re.compile(r"^(?:记者)?(?:\d{1,2}日)?(?:从|据)[^。，]{2,30}?(?:获悉|了解到|消息|网站消息)[，,]?")
_ALL_PROVINCES = re.compile(r"^各省、自治区、直辖市")
#: When the lead opens with its time: "3月2日上午，", "2024年3月2日，", "近日，".
_WHEN = re.compile(rf"^(?:\d{{4}}年)?{MONTH_DAY_PLAIN}{DAYPART}?[，,]?|^(?:近日|日前)[，,]?")
#: A delegation's destination counts as a venue too: "某院一行来某省某院开展交流", "前往某市开展调研"
#: (来 and 到 only after 一行: 后来, 得到, 受到 say nothing of a place).
_VENUE = lazy(
    lambda w: (
        r"(?:在|于|赴|来到|走进|前来|前往|(?<=一行)(?:来|到))"
        rf"(?P<place>[\u4e00-\u9fff]{{2,12}}?)(?:{w.venue_adverbs})?(?:{w.venue_verbs})"
    )
)


@dataclass(frozen=True)
class PlaceFinding:
    region: str
    city: str
    scores: dict[str, float]

    @property
    def evidence(self) -> bool:
        """False when the text names no place and no national body (全国 by default only)."""
        return any(self.scores.values())


MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
#: National events are held in the capital: a venue there names the city, not whose news it is.
CAPITAL = "北京市"


def _city_of(p: Place) -> str:
    if p.level == "province":
        return p.name if p.name in MUNICIPALITIES else ""
    if p.level == "district":
        return p.city
    return p.name


def find_place(title: str, body: list[str], dateline_place: str = "", publisher: str = "") -> PlaceFinding:
    """Region and city of an item: places named in the title (×3), the lead without its dateline
    (×2) and the rest (×1); venues (在武汉举行) count most; the dateline place, then the place of a
    government body publishing it (``publisher``: 来源：天津市市场监管委), break ties; national
    bodies, or one organising the event, make it 全国 news, with the venue as its city."""
    gaz = load_gazetteer()
    lead = body[0] if body else ""
    rest = " ".join(body[1:])
    whole = " ".join([title, lead, rest])
    tally = _Tally(gaz)
    # the capital as a venue (在北京举办) names the city, not whose news it is: not a mention
    tally.mention(_without_capital_venues(title, gaz), 3)
    issuer = _ISSUER.match(title)
    if issuer:  # a notice's issuing body decides whose notice it is, whatever documents it cites
        # printed above a title with none (…局 / 关于…的通知), the publisher is its issuer
        org = issuer["org"] or (publisher if _GOVERNMENT_BODY.search(publisher) else "")
        tally.mention(org, 10)
    # 中新网北京…电: where the reporter files from, not the news; a notice's salutation (各设区市、
    # 韩城市市场监管局：) names whom it is sent to, not where the news is
    if not SALUTATION.match(lead):
        tally.mention(_without_capital_venues(strip_dateline(lead), gaz), 2)
    tally.mention(_without_capital_venues(rest, gaz), 1)
    tally.venues(whole)
    opening_venue = _OPENING_VENUE.match(_WHEN.sub("", strip_dateline(lead)))
    if opening_venue:  # "在某省某市，某协会大会召开": the clause before the subject is the venue
        tally.venue_at(opening_venue["place"])
    tally.dateline(dateline_place)
    tally.publisher(publisher, own=bool(_FIRST_PERSON.search(whole)))
    # A national body named inside 《》 is a document cited, not who acts: 根据《市场监管总局关于…》.
    # A place's branch of a nationwide event (分会场): "全国" there names the event, not the news.
    branch = bool(_BRANCH.search(title + lead))
    national = sum(w * _national_mentions(_uncited(t), branch) for t, w in ((title, 3), (lead, 2), (rest, 1)))
    scores = {**tally.region, NATIONAL: float(national)}
    best_region = max(tally.region, key=lambda r: (tally.region[r], r), default="")
    first = " ".join(body[:_HOST_PARAGRAPHS])
    if not best_region or _organised_nationally(title, lead, first, issuer) or national >= tally.region[best_region]:
        return PlaceFinding(NATIONAL, tally.venue_city(), scores)
    return PlaceFinding(best_region, tally.city_in(best_region, whole), scores)


#: The country as a yardstick, not a scope: "居全国前列", "全国首个", "打造“西部领先、全国一流”".
_RANKED_NATIONALLY = re.compile(r"一流|领先|首[个家批台例次]|第[一二三]|前列|前[三五十]|同行|同类|之最|唯一")


def _national_mentions(text: str, branch: bool) -> int:
    """National bodies and 全国 in ``text``; 全国 neither where a place's branch of a nationwide
    event is told (分会场) nor where it ranks the place against the country (全国一流, 全国首个)."""
    return sum(
        m.group(0) != "全国" or not (branch or _RANKED_NATIONALLY.match(text, m.end())) for m in NATIONAL_MARKERS.finditer(text)
    )


#: A partner named right after a national body, as the subject's second half: "某研究院与青海省…".
_PARTNER = re.compile(r"\s*(?:与|和|同|及|、)\s*")


def _alone(m: re.Match[str] | None) -> bool:
    """A national body opening the sentence alone, not with a place's body as its partner
    ("中国某研究院与青海省市场监督管理局签署合作协议": the province's agreement, the national
    body's visit to it)."""
    if m is None:
        return False
    joined = _PARTNER.match(m.string, m.end())
    return not (joined and load_gazetteer().pattern.match(m.string, joined.end()))


#: A text speaking as the body that publishes it: 我院, 我所, 我中心, 我局.
_FIRST_PERSON = re.compile(r"我(?:院|所|中心|局|委|厅|站|会)")
#: A venue clause opening the lead before its subject: "在气候宜人的江西省某某市，中国某某协会…召开".
_OPENING_VENUE = re.compile(r"^在(?P<place>[^。，,]{2,24})[，,]")


def _organised_nationally(title: str, lead: str, first: str, issuer: re.Match[str] | None) -> bool:
    """A national body organising (the lead's subject), hosting (由…主办/牵头, in the first
    paragraphs, ``first``) or issuing (the title's), or a notice addressed to every
    province: national news wherever it mentions."""
    opening = _WHEN.sub("", _uncited(_HEARSAY.sub("", _WHEN.sub("", strip_dateline(lead)))))
    opening = _OPENING_VENUE.sub("", opening)
    return bool(
        _alone(_ORGANISER.match(opening))
        or _alone(_ORGANISER.match(_uncited(title)))
        or (issuer and NATIONAL_MARKERS.search(issuer["org"]))
        or _ALL_PROVINCES.search(lead)
        or _addressed_to_provinces(first)
        or _HOSTED.search(_uncited(first))
        or ((_NATIONAL_EVENT.match(opening) or _NATIONAL_EVENT.match(_uncited(title))) and not _BRANCH.search(title + lead))
    )


@dataclass
class _Tally:
    """Scores of the regions and cities a text names, and of the cities named as a venue."""

    gaz: Gazetteer
    region: Counter[str] = field(default_factory=Counter)
    city: Counter[str] = field(default_factory=Counter)
    venue: Counter[str] = field(default_factory=Counter)

    def mention(self, text: str, weight: float) -> None:
        """Places named in ``text``; a unique district (崂山区, 锡山区), or one by a former name
        (塘沽 of today's 滨海新区), counts half for its city."""
        matches = list(self.gaz.pattern.finditer(text))
        listed = _listed(matches, text)
        for m in matches:
            p = self.gaz.by_key[m.group(0)]
            w = weight / 2 if m.start() in listed else weight
            self.region[p.province] += w
            if _city_of(p):
                self.city[_city_of(p)] += w
        former = former_places()
        named = [former.by_name[m.group(0)] for m in former.pattern.finditer(text)]
        for p in [*_districts_in(text, self.gaz), *named]:
            self.region[p.province] += weight / 2
            if _city_of(p):
                self.city[_city_of(p)] += weight / 2

    def venues(self, whole: str) -> None:
        """Where events are held: 在京举办, 在湖南省长沙市召开, 在山西大同召开 (a venue in the
        capital names the city, not whose news it is)."""
        gaz = self.gaz
        for m in _VENUE_ABBR.finditer(whole):
            p = gaz.by_key[ABBREVIATIONS[m["abbr"]]]
            self.region[p.province] += 0 if p.province == CAPITAL else 4
            self.city[p.name] += 4
            self.venue[p.name] += 1
        for m in _PROVINCE_ABBR.finditer(whole):
            self.region[PROVINCE_ABBREVIATIONS[m["abbr"]]] += 4
        for m in _COHOST.finditer(whole):  # a co-host's place is where a national body held it
            for p in _venue_places(m["place"], gaz):
                if _city_of(p):
                    self.venue[_city_of(p)] += 1
        for m in [*_VENUE.finditer(whole), *_SEAT.finditer(whole)]:
            self.venue_at(m["place"])

    def venue_at(self, place: str) -> None:
        """One venue phrase's places (湖南省长沙市: one venue, its province counted once)."""
        named = _venue_places(place, self.gaz)
        for province in dict.fromkeys(p.province for p in named):
            self.region[province] += 0 if province == CAPITAL else 4
        for p in named:
            if _city_of(p):
                self.city[_city_of(p)] += 4
                self.venue[_city_of(p)] += 1

    def dateline(self, place: str) -> None:
        """The dateline's place (already scored as a lead mention): it only breaks ties."""
        p = self.gaz.by_key.get(place) if place else None
        if p is None or p.province == CAPITAL:
            return
        self.region[p.province] += 1
        if _city_of(p):
            self.city[_city_of(p)] += 1
            self.venue[_city_of(p)] += 1

    def publisher(self, name: str, own: bool = False) -> None:
        """The place of a government body that publishes the item (天津市市场监管委 of three cities'
        meeting it reports): half a mention, so it only breaks a tie; an outlet's place (北京青年报)
        says where the paper is, not the news. ``own``: the text speaks as its publisher (我院, 我所),
        so any body's place counts likewise (某省计量院 signing its own open day)."""
        # one body: the signatories of a joint notice (北京市质监局、天津市市场监管委…) name no one place
        ruled = own or _GOVERNMENT_BODY.search(name)
        m = self.gaz.pattern.match(name) if ruled and "、" not in name else None
        if m is None:
            return
        p = self.gaz.by_key[m.group(0)]
        self.region[p.province] += 0.5
        if _city_of(p):
            self.city[_city_of(p)] += 0.5

    def venue_city(self) -> str:
        return max(self.venue, key=lambda c: (self.venue[c], self.city[c]), default="")

    def city_in(self, region: str, whole: str) -> str:
        """The best city of ``region``; a short form too ambiguous nationwide counts here (山西大同 → 大同市)."""
        for short, p in self.gaz.ambiguous_by_province.get(region, {}).items():
            n = whole.count(short) - whole.count(p.name)
            if n > 0:
                self.city[p.name] += n
        in_region = {c: s for c, s in self.city.items() if self.gaz.by_key[c].province == region}
        return max(in_region, key=lambda c: (in_region[c], c), default="")


#: A notice's address line: whom it is sent to, ending with a colon ("某省、某自治区…质量技术监督局：").
_ADDRESS_LINE = re.compile(r"(?:^|\s)(?P<to>[^。！？\s]{6,200}?(?:局|委|厅|办|政府|院|所|中心|单位|部门)[：:])")
#: How many provinces a notice must be addressed to for a national body to be its sender.
_ADDRESSED_PROVINCES = 3


def _addressed_to_provinces(first: str) -> bool:
    """A notice addressed to the bodies of three provinces or more (山西省、内蒙古自治区、吉林省…
    质量技术监督局：) is sent by a national body, whichever province the list opens with: only a
    national body writes to several provinces at once."""
    gaz = load_gazetteer()
    for m in _ADDRESS_LINE.finditer(first):
        named = {gaz.by_key[k.group(0)].province for k in gaz.pattern.finditer(m["to"])}
        provinces = {p for p in named if gaz.by_key[p].level == "province"}
        if len(provinces) >= _ADDRESSED_PROVINCES and "、" in m["to"]:
            return True
    return False


#: What joins the places of a list: 南京市、宁波市 (and nothing between a province and its city).
_LIST_JOIN = re.compile(r"[、，,和及与]?")
#: How many places make a list of participants.
_LIST_SIZE = 3


def _listed(matches: list[re.Match[str]], text: str) -> set[int]:
    """Starts of the place names standing in a list of three or more (南京市、宁波市、苏州市): a
    list names the cities taking part, not where the news is, so each counts half (five partner
    cities must not outweigh the one venue the lead gives)."""
    listed: set[int] = set()
    run: list[re.Match[str]] = []
    items = 0
    for m in [*matches, None]:
        if m is not None and run and _LIST_JOIN.fullmatch(text[run[-1].end() : m.start()]):
            items += text[run[-1].end() : m.start()] != ""
            run.append(m)
            continue
        if items + 1 >= _LIST_SIZE:
            listed.update(r.start() for r in run)
        run, items = ([m], 0) if m is not None else ([], 0)
    return listed


#: A government body's name: 某市市场监管委, 某省市场监督管理局, 某区人民政府.
_GOVERNMENT_BODY = re.compile(r"(局|委|委员会|厅|政府|管委会)$")


def _without_capital_venues(text: str, gaz: Gazetteer) -> str:
    """``text`` with the capital taken out of the venue phrases that name only it (在北京举办):
    a national event is held there, so the venue alone does not make the item Beijing's."""
    if "北京" not in text:
        return text

    def blank(m: re.Match[str]) -> str:
        named = _venue_places(m["place"], gaz)
        if named and all(p.province == CAPITAL and p.level == "province" for p in named):
            return m.group(0).replace(m["place"], "", 1)
        return m.group(0)

    return _VENUE.sub(blank, text)


def _venue_places(place: str, gaz: Gazetteer) -> list[Place]:
    """The places a venue phrase names: its gazetteer names, a short form trusted after its
    province (山西大同), else its unique districts."""
    named = [gaz.by_key[pm.group(0)] for pm in gaz.pattern.finditer(place)]
    for p in list(named):
        after = place.split(p.short or p.name, 1)[-1] if p.level == "province" else ""
        named += [c for short, c in gaz.ambiguous_by_province.get(p.province, {}).items() if after.startswith(short)]
    if not named:
        named = [gaz.districts[pm.group(0)] for pm in gaz.district_pattern.finditer(place)]
    return named


_DISTRICT_END = re.compile("[区县旗]")


def _districts_in(text: str, gaz: Gazetteer) -> list[Place]:
    """Districts named in ``text``, found from their last character (区, 县, 旗) with a dict
    look-up: a regular expression alternating two thousand names is ten times slower."""
    found = []
    longest = gaz.district_longest
    for m in _DISTRICT_END.finditer(text):
        end = m.end()
        for size in range(longest, 2, -1):
            p = gaz.districts.get(text[max(end - size, 0) : end]) if end - size >= 0 else None
            if p is not None:
                found.append(p)
                break
    return found


def _uncited(text: str) -> str:
    """``text`` without what names a national body that is not acting: a document cited in
    《》 and the bodies named as its authors (根据市场监管总局、公安部《关于…的通知》: a local
    notice acting on them; 贯彻落实…规划, without 《》, too), a body approving a place (…发函同意某市创建)."""
    return _APPROVAL.sub("", re.sub(r"《[^》]{0,80}》", "", _CITED_AUTHORS.sub("", text)))


#: The authors of a document a text acts on: "根据国家市场监管总局、公安部…《关于…的通知》", or
#: one it carries out, named without 《》: "贯彻落实国务院计量发展规划和市场监管总局…指导意见".
_CITED_AUTHORS = re.compile(
    r"(?:根据|按照|依据|依照)[^。；;《]{2,120}?《[^》]{0,80}》"
    r"|(?:贯彻落实|贯彻|落实)[^。；;《，,]{2,80}?(?:规划|意见|通知|决定|纲要|部署|精神)"
    # a body whose call a local one answers: "积极配合国家质检总局、国家认监委的部署", "响应…号召"
    r"|(?:配合|按照|响应)[^。；;《，,]{2,60}?(?:的)?(?:部署|要求|安排|号召)"
)


_APPROVAL = lazy(lambda w: rf"(?:{w.national_bodies})(?=\S{{0,4}}(?:{w.approval_verbs}))")


@lru_cache(maxsize=1)
def _places_by_pinyin() -> dict[str, Place | None]:
    """Cities, county-level cities and unique districts by the pinyin of their short name
    (乌兰察布市 → wulanchabu); ``None`` where two places share it (泰州, 台州: taizhou)."""
    from pypinyin import Style, lazy_pinyin  # loading its dictionaries costs ~0.3 s: only when needed

    gaz = load_gazetteer()
    found: dict[str, Place | None] = {}
    for p in gaz.places:
        if p.level not in ("city", "county-city", "district"):
            continue
        short = p.short or re.sub(r"(区|县|旗|市)$", "", p.name)
        if len(short) < 2:
            continue
        key = "".join(lazy_pinyin(short, style=Style.NORMAL))
        found[key] = None if key in found and found[key] != p else p
    return found


def place_of_host(url: str) -> Place | None:
    """The city a local government site is named after (www.yingtan.gov.cn → 鹰潭市), if any.

    Local government hosts spell their place in pinyin. Only ``gov.cn`` hosts count (a
    company's host is its brand, not its place), and only a name no other place shares.
    """
    host = (urlsplit(url or "").hostname or "").lower()
    if not host.endswith(".gov.cn"):
        return None
    labels = host.removesuffix(".gov.cn").split(".")
    for label in reversed(labels):
        p = _places_by_pinyin().get(label)
        if p is not None:
            return p
    return None


def city_of_place(p: Place) -> str:
    return _city_of(p)


FORMER = Path(__file__).resolve().parent.parent / "data" / "former_places.csv"


@dataclass(frozen=True)
class FormerPlaces:
    """Places by names no longer on the map (塘沽区, now part of 滨海新区; 襄樊, now 襄阳):
    older pages and the institutions that kept the old name (塘沽质检所) still use them."""

    by_name: dict[str, Place]
    pattern: re.Pattern[str]


@lru_cache(maxsize=2)
def former_places(path: Path = FORMER) -> FormerPlaces:
    """``former_places.csv`` read and checked: each row's ``now`` must be a place of the
    gazetteer in its ``province`` (reported as ``file:line`` when it is not)."""
    gaz = load_gazetteer()
    by_name: dict[str, Place] = {}
    for line, row in read_csv(path, ("name", "short", "now", "province")):
        now = next((p for p in gaz.places if p.name == row["now"] and p.province == row["province"]), None)
        if not row["name"].strip() or now is None:
            raise DataFileError(f"{path}:{line}: {row['now']!r} is not a place of {row['province']!r} in the gazetteer")
        for key in (row["name"].strip(), row["short"].strip()):
            if key:
                by_name[key] = now
    keys = sorted(by_name, key=len, reverse=True)
    return FormerPlaces(by_name, re.compile("|".join(map(re.escape, keys)) if keys else r"(?!)"))


@lru_cache(maxsize=2)
def _outlet_regions(path: Path = OUTLETS) -> dict[str, str]:
    """``outlets.yaml``'s ``regions``: provincial news sites by host, checked against the gazetteer."""
    doc = load_yaml(path)
    regions = doc.mapping("regions")
    provinces = {p.name for p in load_gazetteer().places if p.level == "province"}
    for host, name in regions.items():
        if name not in provinces:
            raise doc.error(f"regions: {host}: {name!r} is not a province-level name of the gazetteer", "regions", host)
    return {str(k).lower(): v for k, v in regions.items()}


def region_of_host(url: str) -> str:
    """The province of a provincial news site ``url`` is on (epaper.jxxw.com.cn → 江西省), or ""."""
    host = (urlsplit(url or "").hostname or "").lower()
    for site, region in _outlet_regions().items():
        if host == site or host.endswith("." + site):
            return region
    return ""
