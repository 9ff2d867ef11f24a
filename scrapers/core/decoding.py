"""Bytes to text: the one decoder of pages and files, and telling an HTML page by its content.

Why one: the fetcher and the importer both turn bytes from strangers into text, and the
importer's own decoder was weaker (no ``<meta charset>``, no GBK/Big5 weighing), so a page
saved to disk and imported read differently from the same page fetched. Now both call
:func:`decode`: an editor's override, a BOM, valid UTF-8, the declared charsets weighed
against what charset-normalizer finds, GB18030 and Big5-HKSCS tried strictly.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


class UnknownEncoding(ValueError):
    """Bytes that no encoding reads cleanly (``decode(..., fallback=False)``)."""


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
#: Western single-byte charsets: a server's default, not a statement about a Chinese page.
_WESTERN = {
    "iso8859-1",
    "latin-1",
    "iso-8859-1",
    "cp1252",
    "windows-1252",
    "ascii",
    "us-ascii",
    "latin1",
    "l1",
    "iso8859_1",
    "iso-8859-15",
}
#: Declared Chinese charsets, widened to the superset real sites use.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "big-5": "big5hkscs",
    "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "big5hkscs": "big5hkscs",
}


def _canonical(name: str) -> str:
    """A decoder name for a declared charset, widened to the superset real sites use (GB2312 → GB18030)."""
    name = name.strip().strip("\"'").lower()
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def meta_charset(body: bytes) -> str:
    """The charset a page declares in its ``<meta>`` tags or XML declaration (first 4 KB), or ""."""
    m = _META_CHARSET.search(body[:4096])
    return (m.group(1) or m.group(2)).decode("ascii", "replace") if m else ""


def decode(
    body: bytes, header_charset: str = "", override: str = "", script: str = "simplified", *, fallback: bool = True
) -> tuple[str, str]:
    """Text and encoding name of a page or text file whose declarations may be wrong or missing.

    The one decoder of the scrapers: the fetcher reads every answer with it and the importer
    every file, so a saved GBK page imports as it would have been fetched.

    Why this order: a source's ``encoding`` override is an editor's finding and wins; a BOM
    is certain; bytes that are valid UTF-8 are UTF-8 (GBK or Big5 text almost never is);
    a declared CJK charset is believed only when charset-normalizer does not find a clearly
    better one (GBK servers often say gb2312, or Big5 pages say gb2312, and Big5 bytes
    decode "cleanly" as GB18030 into nonsense); Western single-byte declarations on pages
    with high bytes are the server's default, not a statement, and are ignored. Bytes no
    encoding reads cleanly are decoded with replacement characters, or, with
    ``fallback=False``, refused with :class:`UnknownEncoding`.
    """
    if override:
        return body.decode(override, errors="replace"), codecs.lookup(override).name
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(name, errors="replace").lstrip("\ufeff"), name
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared(header_charset, meta_charset(body))
    hint = "big5hkscs" if script == "traditional" else "gb18030"
    candidates = list(dict.fromkeys([*declared, hint, "gb18030", "big5hkscs"]))
    strict = {}
    for name in candidates:
        try:
            strict[name] = body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    if strict:
        best = _cleanest(body, strict, candidates, declared)
        return strict[best], best
    guess = from_bytes(body).best()
    if guess is not None and guess.encoding:
        return str(guess), guess.encoding
    if not fallback:
        raise UnknownEncoding("cannot tell the text encoding")
    name = declared[0] if declared else hint
    return body.decode(name, errors="replace"), name


def _declared(*charsets: str) -> list[str]:
    """The declared charsets worth believing, as decoder names: not a Western default, not UTF-8
    (the bytes were not valid UTF-8), each once."""
    declared: list[str] = []
    for raw in charsets:
        name = _canonical(raw) if raw else ""
        if name and name not in _WESTERN and name.replace("_", "-") not in ("utf-8", "utf8") and name not in declared:
            declared.append(name)
    return declared


def _cleanest(body: bytes, strict: dict[str, str], candidates: list[str], declared: list[str]) -> str:
    """Of the encodings that decode ``body`` without error, the one charset-normalizer finds least
    chaotic; a declaration decoding as cleanly as that (within 0.02) is believed."""
    if len(strict) == 1:
        return next(iter(strict))
    chaos = {m.encoding: m.chaos for m in from_bytes(body, cp_isolation=list(strict))}
    chaos = {_canonical(k) or k: v for k, v in chaos.items()}
    best = min(strict, key=lambda n: (chaos.get(n, 1.0), candidates.index(n)))
    for name in declared:
        if name in strict and chaos.get(name, 1.0) <= chaos.get(best, 1.0) + 0.02:
            return name
    return best


def charset_of(content_type: str) -> str:
    """The ``charset`` parameter of a Content-Type header ("" when it has none)."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else ""


#: How an HTML document starts (after a BOM, blanks, comments or an XML declaration).
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(rb"</?(?:html|head|body|div|p|span|a|meta|title|script|table|td|li|ul|br|h[1-6])\b[^>]*>", re.IGNORECASE)


def looks_like_html(data: bytes | str) -> bool:
    """An HTML page, by its content (never its file name): it opens like a document, or its
    markup is a large part of it. A text with a stray ``<p>`` or an ``a<b`` stays text."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    head = raw[:65536]
    if _HTML_START.match(head):
        return True
    tags = _TAG.findall(head)
    return len(tags) >= 8 and sum(map(len, tags)) >= 0.2 * len(head.strip())
