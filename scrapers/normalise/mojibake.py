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


def find_mojibake(text: str) -> list[str]:
    """Suspected garbled runs, in order of appearance."""
    return [m.group(0) for m in _RUN.finditer(text)]


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
        for trail in (range(0x40, 0xFF) if trail_missing else [None]):
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
    """Replace each garbled run that has exactly one clean reading; leave the rest."""

    def fix(m: re.Match[str]) -> str:
        fixed = repair_run(m.group(0))
        return fixed if fixed is not None else m.group(0)

    return _RUN.sub(fix, text)
