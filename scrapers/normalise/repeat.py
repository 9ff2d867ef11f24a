"""Drop repeated text: a body printed twice, a title echoed, a summary that is the lead.

A line is a repeat when an earlier line has the same fingerprint, or when one of the
two is a long prefix of the other (summary boxes and mirrors truncate paragraphs);
the longer copy is kept, in the earlier position. A summary box's label (导语：, 摘要：,
核心提示：) is no part of what it repeats: "导语：某某会议召开…" is the lead told again.
"""

from __future__ import annotations

import re

from scrapers.core.patterns import fingerprint

_MIN_PREFIX = 20
#: The label of a summary box printed above the text (its words are the lead's, cut short).
_LABELS = "导语|导读|摘要|内容摘要|内容提要|核心提示|提要"
_SUMMARY_LABEL = re.compile(rf"^(?:[【\[](?:{_LABELS})[】\]]\s*[:：]?|(?:{_LABELS})\s*[:：])\s*")


def _print(line: str) -> str:
    """The fingerprint of a line without its summary label; a label alone stays itself."""
    m = _SUMMARY_LABEL.match(line)
    return fingerprint(line[m.end() :] if m and m.end() < len(line) else line)


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= _MIN_PREFIX and long_.startswith(short)


def drop_repeats(lines: list[str], seen: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Lines in order, each once. ``seen``: text already used elsewhere (e.g. the title)."""
    used = [fingerprint(s) for s in seen]
    kept: list[str] = []
    prints: list[str] = []
    for line in lines:
        fp = _print(line)
        if not fp or fp in used:
            continue
        match = next((i for i, p in enumerate(prints) if _same(fp, p)), None)
        if match is None:
            kept.append(line)
            prints.append(fp)
        elif len(fp) > len(prints[match]) or (len(fp) == len(prints[match]) and _SUMMARY_LABEL.match(kept[match])):
            kept[match], prints[match] = line, fp  # the longer copy, or the one without a box's label
    return kept
