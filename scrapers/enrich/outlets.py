"""What an outlet's or an issuing body's name looks like: ``scrapers/data/outlets.yaml``.

Known outlets by their sites (``hosts``) and, for the many names no list knows, the shapes
names share: how they end (…日报, …新闻网, 美通社; …市场监督管理局, …协会), brands with no such
end, credits that name no one (来源：产品, 网络转载) and family names for reading bylines. The
dateline and source readers ask these questions; the data lives in one file, checked with
``file:line`` errors when it is broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from scrapers.core.datafiles import load_yaml

OUTLETS = Path(__file__).resolve().parent.parent / "data" / "outlets.yaml"


@lru_cache(maxsize=2)
def outlet_hosts(path: Path = OUTLETS) -> dict[str, str]:
    """``outlets.yaml``'s hosts, checked: a value that is not a name is reported as ``file:line``."""
    doc = load_yaml(path)
    hosts = doc.mapping("hosts")
    for host, name in hosts.items():
        if not isinstance(name, str) or not name.strip():
            raise doc.error(f"hosts: {host}: the outlet must be a name (text), not {name!r}", "hosts", host)
    return {str(k): v.strip() for k, v in hosts.items()}


@lru_cache(maxsize=2)
def mirrored_paths(path: Path = OUTLETS) -> dict[str, str]:
    """``outlets.yaml``'s mirrored_paths, checked: a key is a path of folders ending in ``/``
    (no host, no leading ``/``) and a value a name, else ``file:line``."""
    doc = load_yaml(path)
    table = doc.mapping("mirrored_paths")
    for key, name in table.items():
        if not isinstance(key, str) or not _PATH_KEY.match(key):
            raise doc.error(
                f"mirrored_paths: {key!r}: the key must be folders ending in '/' (zgzlb/content/)", "mirrored_paths", key
            )
        if not isinstance(name, str) or not name.strip():
            raise doc.error(f"mirrored_paths: {key}: the outlet must be a name (text), not {name!r}", "mirrored_paths", key)
    return {str(k): v.strip() for k, v in table.items()}


_PATH_KEY = re.compile(r"^(?:[A-Za-z0-9_-]+/)+$")


def outlet_of_url(url: str, mirrors: bool = True) -> str:
    """The outlet whose own site ``url`` is on (``scrapers/data/outlets.yaml``), or ""; on
    another host (with ``mirrors``), the outlet whose own path shape it keeps: a mirror's copy
    of its page names the outlet, yet is no outlet's site (its stamp is the mirror's)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    where = host + parts.path
    best = ""
    for key in outlet_hosts():
        site, _, path = key.partition("/")
        if (host == site or host.endswith("." + site)) and (not path or where[len(host) :].startswith("/" + path)):
            if len(key) > len(best):
                best = key
    if best or not mirrors:
        return outlet_hosts()[best] if best else ""
    return next((name for key, name in mirrored_paths().items() if "/" + key in parts.path), "")


@lru_cache(maxsize=2)
def glossed_endings(path: Path = OUTLETS) -> dict[str, str]:
    """``outlets.yaml``'s glossed_endings, checked: each value one Han character (``file:line`` otherwise)."""
    doc = load_yaml(path)
    table = doc.mapping("glossed_endings")
    for gloss, char in table.items():
        if not isinstance(char, str) or not _HAN_ONLY.match(char) or len(char) != 1:
            raise doc.error(
                f"glossed_endings: {gloss}: the value must be one Han character, not {char!r}", "glossed_endings", gloss
            )
    return {str(k): v for k, v in table.items()}


#: A run of the normaliser's marks over garbled text, right after a name's first characters.
_MARKED_RUN = re.compile(r"(?<=[\u4e00-\u9fff])(?:【疑似乱码：[^】]*】)+")
_GLOSS = re.compile(r"([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)")


def restore_glossed(line: str) -> str:
    """``line`` with each marked garble whose pinyin gloss names an outlet's last character
    (日【疑似乱码：？qǐng)】【疑似乱码：？bào)】讯 → 日报讯) put back as that character; other marks stay."""
    if "疑似乱码" not in line:
        return line

    def put_back(m: re.Match[str]) -> str:
        table = glossed_endings()
        chars = [table[g] for g in _GLOSS.findall(m.group(0)) if g in table]
        return chars[-1] if chars else m.group(0)

    return _MARKED_RUN.sub(put_back, line)


@lru_cache(maxsize=2)
def document_issuers(path: Path = OUTLETS) -> dict[str, str]:
    """``outlets.yaml``'s ``document_issuers`` (文号 prefix → issuing body), checked: a prefix
    must be Chinese characters and the body a name, else ``file:line``."""
    doc = load_yaml(path)
    issuers = doc.mapping("document_issuers")
    for prefix, name in issuers.items():
        if not _HAN_ONLY.match(str(prefix)):
            raise doc.error(f"document_issuers: {prefix!r}: the prefix must be Chinese characters", "document_issuers", prefix)
        if not isinstance(name, str) or not name.strip():
            raise doc.error(
                f"document_issuers: {prefix}: the issuer must be a name (text), not {name!r}", "document_issuers", prefix
            )
    return {str(k): v.strip() for k, v in issuers.items()}


#: A notice's own document number on a line of its own: "国质检科〔2017〕325号".
_DOC_NUMBER_LINE = re.compile(r"^\s*(?P<prefix>[\u4e00-\u9fff]{2,10})\s*[〔\[［]\s*(?:19|20)\d{2}\s*[〕\]］]\s*\d+\s*号\s*$")


def issuer_of_number(line: str) -> str:
    """The national body a document number alone on ``line`` names by its prefix, or ""."""
    m = _DOC_NUMBER_LINE.match(line)
    if not m:
        return ""
    keys = [k for k in document_issuers() if m["prefix"].startswith(k)]
    return document_issuers()[max(keys, key=len)] if keys else ""


@dataclass(frozen=True)
class NameShapes:
    """``outlets.yaml``'s ``shapes``, ``names``, ``not_sources`` and ``surnames``, compiled."""

    #: a name ending as a paper, a site, a station or a wire does (…日报, …新闻网, 美通社)
    media: re.Pattern[str]
    #: a name ending as a public body or an organisation does (…市场监督管理局, …协会)
    body: re.Pattern[str]
    names: frozenset[str]
    not_sources: frozenset[str]
    surnames: frozenset[str]
    #: ends of common words that only look like an outlet's or a body's (海报, 电网, 平台)
    not_endings: re.Pattern[str]


@lru_cache(maxsize=2)
def name_shapes(path: Path = OUTLETS) -> NameShapes:
    """The shapes of names, checked: each list must hold text only (``file:line`` otherwise)."""
    doc = load_yaml(path)
    doc.mapping("shapes", required=True)

    def words(*keys: str) -> list[str]:
        found = doc.strings(*keys)
        if not found:
            raise doc.error(f"{'/'.join(keys)} must be a list of at least one word ('- word' lines)", *keys)
        for i, word in enumerate(found):
            if not word.strip():
                raise doc.error(f"{keys[-1]}: item {i + 1} is empty", *keys, i)
        return [w.strip() for w in found]

    def ending(items: list[str]) -> re.Pattern[str]:
        alternation = "|".join(re.escape(w) for w in sorted(set(items), key=len, reverse=True))
        return re.compile(rf"^[\u4e00-\u9fff\w·（）()]{{1,30}}?(?:{alternation})$")

    surnames = words("surnames")
    for i, name in enumerate(surnames):
        if len(name) not in (1, 2):
            raise doc.error(f"surnames: item {i + 1} must be one or two characters, not {name!r}", "surnames", i)
    return NameShapes(
        ending(words("shapes", "media")),
        ending(words("shapes", "bodies")),
        frozenset(words("names")),
        frozenset(words("not_sources")),
        frozenset(surnames),
        re.compile("(?:" + "|".join(re.escape(w) for w in words("shapes", "not_endings")) + ")$"),
    )


def is_outlet_shaped(name: str, media_only: bool = False) -> bool:
    """``name`` is a known outlet, or ends as an outlet's name does (…日报, …新闻网, 美通社), or,
    unless ``media_only``, as a public body's or an organisation's (…市场监督管理局, …协会).

    Names no list knows are most of the sources on unseen pages; their ends are what they share.
    """
    shapes = name_shapes()
    if "-" in name:  # a site credited with its paper: 北青网-北京青年报
        return all(is_outlet_shaped(part, media_only) for part in name.split("-"))
    if name in shapes.names or name in outlet_hosts().values():
        return True
    if shapes.not_endings.search(name):
        return False
    return bool(shapes.media.match(name) or (not media_only and shapes.body.match(name)))


def is_label(src: str) -> bool:
    """A credit that names no one: a column or category label (来源：产品, 网络转载), or two
    characters with no outlet or body end that no list knows (来源：资讯)."""
    if src in name_shapes().not_sources:
        return True
    return len(src) == 2 and bool(_HAN_ONLY.match(src)) and not is_outlet_shaped(src)


_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
