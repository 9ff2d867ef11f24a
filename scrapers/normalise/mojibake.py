"""GBK byte-misalignment mojibake: detect it, repair it where the bytes re-pair cleanly.

When a GBK page is cut or re-encoded one byte off, every two-byte character is read
from the trail byte of one and the lead byte of the next: ``省（市`` becomes
``?。ㄊ?``. The telltales are a ``?`` (a lost byte) next to characters that are rare in
running Chinese text (bopomofo, kana, box-drawing, punctuation in odd places).

Repair re-encodes the run to GBK, shifts it by one byte and decodes again; the missing
bytes at the run's ends are tried over all values and the candidate is kept only when
every resulting character is a common one. Otherwise the run is left as it is and
reported, so the importer can mark it for an editor's review.
"""

from __future__ import annotations

import re

# Characters that almost never occur in mainland news prose but are typical of shifted GBK.
_ODD = "\u3100-\u312f\u3040-\u30ff\u2500-\u257f\u0391-\u03c9\u0401-\u0451\ue000-\uf8ff\ufffd"
_RUN = re.compile(
    f"\\?[^\\s?]{{0,8}}?[{_ODD}][^\\s]{{0,4}}"  # a lost byte, then an odd character
    f"|[^\\s]{{0,2}}[{_ODD}][^\\s]{{0,4}}\\?"  # an odd character, then a lost byte
    "|\\?[a-z\u00e0-\u01dc]{1,6}\\)[A-Za-z]?"  # ?pinyin): an annotation whose character was lost
    "|\\?[^\\s]{0,12}?[\u4e00-\u9fff][a-z][\u4e00-\u9fff]"  # stray Latin letter inside shifted text
)


_TAIL = re.compile("(?:[(（][a-z\u00e0-\u01dc]{1,6}\\s?[)）]|[)）])+")


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans of garbled runs, each stretched over an annotation or bracket glued to its end."""
    spans = []
    for m in _RUN.finditer(text):
        end = m.end()
        tail = _TAIL.match(text, end)
        if tail:
            end = tail.end()
        if spans and m.start() < spans[-1][1]:
            continue
        spans.append((m.start(), end))
    return spans


def find_mojibake(text: str) -> list[str]:
    """Suspected garbled runs, in order of appearance."""
    return [text[a:b] for a, b in _runs(text)]


# A character whose lead byte was lost but whose trail byte survived as ASCII, followed by
# its own pinyin annotation: "表?yè)P(yáng)" is 揚 (GBK 93 50, "P" = 0x50, read yáng).
_TRAIL_ANNOTATED = re.compile(
    "(?P<lost>\\?[a-z\u00e0-\u01dc]{0,6}\\)?)?(?P<pre>[\u3400-\u9fff])?(?P<trail>[\x40-\x7e])"
    "[(（](?P<syl>[a-z\u00e0-\u01dc]{1,6})\\s?[)）]"
)


def _gbk_char(lead: int, trail: int) -> str | None:
    try:
        ch = bytes([lead, trail]).decode("gbk")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 and "\u3400" <= ch <= "\u9fff" else None


def repair_annotated(text: str) -> str:
    """Rebuild characters from a surviving trail byte plus their own pinyin annotation.

    When the character before the trail byte is itself shifted (its second byte is our
    lead byte: ``膽B(tài)`` is ``C4 91 | 42`` and ``91 42`` is 態), that lead is used;
    otherwise the lead is searched over all values and kept only when exactly one
    character with that reading exists.
    """
    from scrapers.normalise.pinyin import is_reading

    def fix(m: re.Match[str]) -> str:
        if not (m["lost"] or m["pre"]) or not m["trail"].isalpha():
            return m.group(0)
        trail, syl = ord(m["trail"]), m["syl"]
        if m["pre"]:
            raw = m["pre"].encode("gbk", "ignore")
            if len(raw) == 2:
                ch = _gbk_char(raw[1], trail)
                if ch and is_reading(ch, syl):
                    return (m["lost"] or "") + ch
        if m["lost"]:
            found = {c for lead in range(0x81, 0xFF) if (c := _gbk_char(lead, trail)) and is_reading(c, syl)}
            if len(found) == 1:
                return (m["pre"] or "") + found.pop()
        return m.group(0)

    return _TRAIL_ANNOTATED.sub(fix, text)


def _common(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fa5" and ch.encode("gb2312", "ignore") != b"") or ch in "（）、，。：；“”"


def repair_run(run: str) -> str | None:
    """Try to re-pair a garbled run; ``None`` when no clean reading exists."""
    core = run.strip("?")
    try:
        raw = core.encode("gbk")
    except UnicodeEncodeError:
        return None
    lead_missing = run.startswith("?")
    trail_missing = run.endswith("?") and len(run) > 1
    best: str | None = None
    leads = range(0x81, 0xFF) if lead_missing else [None]
    for lead in leads:
        head = bytes([lead]) if lead is not None else b""
        for trail in range(0x40, 0xFF) if trail_missing else [None]:
            tail = bytes([trail]) if trail is not None else b""
            try:
                cand = (head + raw + tail).decode("gbk")
            except UnicodeDecodeError:
                continue
            if cand and all(_common(c) for c in cand):
                if best is not None and best != cand:
                    return None  # ambiguous: more than one clean reading
                best = cand
    return best


def repair_mojibake(text: str) -> str:
    """Repair what can be repaired with certainty; leave the rest for :func:`find_mojibake`."""
    text = repair_annotated(text)
    out, last = [], 0
    for a, b in _runs(text):
        fixed = repair_run(text[a:b])
        out.append(text[last:a])
        out.append(fixed if fixed is not None else text[a:b])
        last = b
    out.append(text[last:])
    return "".join(out)
