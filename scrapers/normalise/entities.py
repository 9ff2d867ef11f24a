"""HTML entities whose letters a Chinese CMS turned into Chinese characters: restore them.

Some government CMSs emit ``&ldquo;`` as ``&濒诲辩耻辞;``: every ASCII letter of the entity
name became one fixed character (the letter read as the trail byte of a GBK character, then
converted to Simplified). Dropping the run would lose a quotation mark or a dash the sentence
needs, so each such entity is read back letter by letter (the table is data:
``entity_letters`` in ``scrapers/data/junk.yaml``) and replaced by the character it names.
An entity spelled with plain letters that was left in the text (``&mdash;``) is restored too.
A run whose characters are not all in the table, or whose letters name no HTML entity, is
left as it is: it is text, not an entity.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from scrapers.core.datafiles import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "junk.yaml"

_ENTITY = re.compile(r"&([a-zA-Z]{2,8}|[\u4e00-\u9fff]{2,8});")


@lru_cache(maxsize=4)
def load_letters(path: Path = DATA) -> dict[str, str]:
    """Character → letter, checked: a bad entry is reported as ``file:line: entity_letters: …``."""
    doc = load_yaml(path)
    table = doc.mapping("entity_letters")
    seen: dict[str, str] = {}
    for char, letter in table.items():
        if not (isinstance(char, str) and len(char) == 1 and "\u4e00" <= char <= "\u9fff"):
            raise doc.error(f"entity_letters: {char!r} must be one Chinese character", "entity_letters", char)
        if not (isinstance(letter, str) and len(letter) == 1 and letter.isascii() and letter.isalpha()):
            raise doc.error(f"entity_letters: {char}: {letter!r} must be one ASCII letter (quote it)", "entity_letters", char)
        if letter in seen:
            raise doc.error(f"entity_letters: {letter!r} is given for both {seen[letter]} and {char}", "entity_letters", char)
        seen[letter] = char
    return {char: letter.lower() for char, letter in table.items()}


def restore_entities(text: str) -> str:
    """``text`` with each entity (plain or mis-decoded) replaced by the character it names."""
    if "&" not in text:
        return text
    table = load_letters()

    def restore(m: re.Match[str]) -> str:
        name = m.group(1)
        if not name.isascii():
            if any(c not in table for c in name):
                return m.group(0)
            name = "".join(table[c] for c in name)
        entity = f"&{name};"
        char = html.unescape(entity)
        if char == entity:
            return m.group(0)  # no such entity: text that looks like one
        return " " if char == "\xa0" else char

    return _ENTITY.sub(restore, text)
