"""Consistent width and punctuation.

Chinese text uses full-width punctuation; pages captured through some tools (and
some mirrors) turn it into ASCII. Next to Chinese characters, ASCII ``, : ; ! ?``
and parentheses around Chinese text become their full-width forms; full-width
letters, digits and spaces become ASCII (``ＣＮＡＳ`` → ``CNAS``); runs of spaces
collapse. ``1,000``, ``ISO 9001:2015``, ``10:50`` and ``(CNAS)`` stay as they are.
"""

from __future__ import annotations

import re

_HAN = "\u3400-\u9fff"
#: Chinese characters and Chinese punctuation: the context that makes ASCII punctuation wrong.
_CJK = f"[{_HAN}\u3001\u3002\u201c\u201d\u2018\u2019\u300a\u300b\u3010\u3011\uff08\uff09\uff0c\uff1a\uff1b]"
_FULL = {",": "\uff0c", ":": "\uff1a", ";": "\uff1b", "!": "\uff01", "?": "\uff1f"}

_WIDTH = {chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_WIDTH.update({"\u3000": " ", "\u00a0": " ", "\u200b": "", "\ufeff": "", "\u2028": "\n"})
_TABLE = str.maketrans(_WIDTH)

# ASCII punctuation after a Chinese character (unless a digit follows: "10:50" is a time
# only between digits, so "时间:2023" still becomes "时间：2023"), or before one.
_AFTER_CJK = re.compile(f"(?<={_CJK})[ \t]*([,:;!?])")
_BEFORE_CJK = re.compile(f"(?<![0-9A-Za-z])([,;!?])[ \t]*(?={_CJK})")


def normalise_punctuation(text: str) -> str:
    """Full-width punctuation in Chinese context, ASCII for Latin letters and digits.

    Repeated until nothing changes (at most a few passes): one pass can make the context
    for another change (``“::`` → ``“：:`` → ``“：：``, ``((会))`` → ``(（会）)`` → ``（（会））``),
    and the step must be idempotent.
    """
    for _ in range(8):
        changed = _normalise_once(text)
        if changed == text:
            break
        text = changed
    return text


#: Question marks standing for characters a mirror could not encode, after a time or a date
#: ("14:44????信息来源：", "23-06-30 ??"): a gap between two fields, not a question.
_LOST_CHARS = re.compile(r"(?<=\d)[ \t]*\?{2,}[ \t]*")


def _normalise_once(text: str) -> str:
    text = text.translate(_TABLE)
    text = _LOST_CHARS.sub(lambda m: "" if text[m.end() : m.end() + 1] in ("", "\n") else " ", text)
    text = _AFTER_CJK.sub(lambda m: _FULL[m.group(1)], text)
    text = _BEFORE_CJK.sub(lambda m: _FULL[m.group(1)], text)
    text = _parentheses(text)
    if '"' in text:
        text = "\n".join(_quotes(line) for line in text.split("\n"))
    text = _DOUBLED.sub(r"\1", text)
    return re.sub(r"[ \t]{2,}", " ", text)


#: A run of clause punctuation left by a mirror ("监测司，、大气环境司", "工作，，", "17.8%,。"):
#: the last mark is the one the sentence means. "……" and "——" are not in the set.
_DOUBLED = re.compile(r"[,;，、；]+([，、；。])")


_HAN_RE = re.compile(f"[{_HAN}]")


def _quotes(line: str) -> str:
    """ASCII double quotes around Chinese text, paired in order, become “…” ("国家队" → “国家队”)."""
    marks = [i for i, ch in enumerate(line) if ch == '"']
    if not marks or len(marks) % 2:
        return line
    chars = list(line)
    for a, b in zip(marks[::2], marks[1::2], strict=True):
        if _HAN_RE.search(line, a, b):
            chars[a], chars[b] = "\u201c", "\u201d"
    return "".join(chars)


def _parentheses(text: str) -> str:
    """ASCII parentheses whose content holds Chinese become （…）; ``(CNAS)`` stays."""
    return re.sub(f"\\(([^()\n]*[{_HAN}][^()\n]*)\\)", "\uff08\\1\uff09", text)
