"""Drop repeated text: a body printed twice, a title echoed, a summary that is the lead.

A line is a repeat when an earlier line has the same fingerprint, or when one of the
two is a long prefix of the other (summary boxes and mirrors truncate paragraphs);
the longer copy is kept, in the earlier position.
"""

from __future__ import annotations

from scrapers.core.patterns import fingerprint

_MIN_PREFIX = 20


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
        fp = fingerprint(line)
        if not fp or fp in used:
            continue
        match = next((i for i, p in enumerate(prints) if _same(fp, p)), None)
        if match is None:
            kept.append(line)
            prints.append(fp)
        elif len(fp) > len(prints[match]):
            kept[match], prints[match] = line, fp
    return kept
