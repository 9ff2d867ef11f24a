"""``invoke fix -- FILE…``: fix what is mechanical in article files, and say what changed.

``invoke check`` names each mistake; many of them have exactly one right answer, and an
editor should not have to type it. This module applies those answers to the file as the
editor wrote it, line by line (it never re-renders the file, so the order of the lines,
the editor's own wording and every other line stay as they were):

- the encoding: UTF-16 ("Unicode" in Windows Notepad) and GBK/GB18030 ("ANSI") become
  UTF-8; a byte order mark (BOM) is removed, at the start or anywhere else;
- line ends: Windows' CRLF (and a lone CR) become ``\\n``;
- the metadata block: a full-width colon (``Title：``), blanks before a key, a key with
  spaces (``Source URL``), in other case (``title``) or in Chinese (``标题``) are written as
  ``Key: value``; tabs inside a value become spaces; a missing blank line between the
  metadata and the text is added;
- values with one meaning: dates such as ``2025/9/6``, ``2025.9.6`` or ``2025年9月6日`` (with
  a time, ``9:30``) become ``2025-09-06``; ``Status: 草稿`` becomes ``draft``; a short place
  name the gazetteer knows unambiguously becomes the full one (``浙江`` → ``浙江省``,
  ``杭州`` → ``杭州市``); another name of a tag becomes the tag;
- the text: paragraphs indented by spaces, tabs or full-width spaces are moved back to
  the margin (outside lists, quotes and fenced code), other tabs become spaces, and
  Traditional characters become Simplified (OpenCC, the normaliser's own conversion),
  in the text, the title and the summary.

What needs judgement (a category, an unknown city, a missing field) is left to the
editor: the command ends by running the check on the files and printing what remains.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from scrapers.core.article import (
    FIELD_ALIASES,
    FIELD_ORDER,
    STATUS_ALIASES,
    UTF16_BOMS,
    iter_article_files,
    loose_date,
    split_rows,
)
from scrapers.core.files import atomic_write
from scrapers.core.rules import ARTICLES, check_files, display_path

_LOOSE_META = re.compile(
    r"^(?P<lead>[ \t\u3000]*)(?P<key>[A-Za-z][A-Za-z_ ]*?|[\u4e00-\u9fff]{2,4})[ \t\u3000]*"
    r"(?P<colon>[:：])[ \t\u3000]?(?P<value>.*)$"
)
_KNOWN = {k.lower(): k for k in FIELD_ORDER}
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,9}[.)])\s")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_INDENT = re.compile(r"^[ \t\u3000]+")
#: Fields whose value is text a reader sees: Traditional characters there are converted too.
_TEXT_FIELDS = ("Title", "Summary", "Source", "Authors")


@dataclass(frozen=True)
class Change:
    """One fix: the line it was made on (after the fixes above it) and what was done."""

    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.line}: {self.what}"


def decode(data: bytes) -> tuple[str, list[Change]]:
    """The file's text, read as UTF-8, or converted from UTF-16 or GBK/GB18030 when it is in one of those."""
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16"), [Change(1, "converted the file from UTF-16 to UTF-8")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), [Change(1, "converted the file from GBK/GB18030 to UTF-8")]
    except UnicodeDecodeError as exc:
        raise ValueError(f"neither UTF-8, UTF-16 nor GBK (byte {exc.start}): open it in an editor and save it as UTF-8") from None


def _key(raw: str) -> str | None:
    name = raw.strip()
    return _KNOWN.get(re.sub(r"[ _]+", "_", name).lower()) or FIELD_ALIASES.get(name)


def _place(value: str, level: str) -> str:
    """The full gazetteer name of ``value`` when it is an unambiguous short form of a place of ``level``."""
    from scrapers.core.gazetteer import load_gazetteer
    from scrapers.core.rules import city_problem, region_problem

    if level == "province" and not region_problem(value):
        return value
    if level == "city" and not city_problem(value, ""):
        return value
    place = load_gazetteer().by_key.get(value)
    if place is None or place.name == value:
        return value
    if level == "province" and place.level == "province":
        return place.name
    if level == "city" and place.level in ("city", "county-city"):
        return place.name
    return value


def _tags(value: str) -> str:
    from scrapers.core.rules import tag_aliases

    aliases = tag_aliases()
    parts = [p.strip() for p in re.split("[,，、;；]", value)]
    fixed = [aliases.get(p, p) for p in parts if p]
    return ", ".join(dict.fromkeys(fixed)) if fixed != [p for p in parts if p] else value


def _simplified(text: str) -> tuple[str, list[str]]:
    """``text`` in Simplified Chinese, and the Traditional characters that were converted."""
    from scrapers.normalise.script import to_simplified, traditional_chars

    chars = traditional_chars(text)
    if not chars:
        return text, []
    return to_simplified(text), chars


def _fix_value(key: str, value: str, number: int, say: Callable[[Change], None]) -> str:
    fixed = value.replace("\t", " ").strip() if "\t" in value else value
    if fixed != value:
        say(Change(number, f"{key}: tabs in the value became spaces"))
    new = fixed
    if key == "Date" and (better := loose_date(fixed)):
        new = better
    elif key == "Status" and fixed in STATUS_ALIASES:
        new = STATUS_ALIASES[fixed]
    elif key == "Region" and fixed:
        new = _place(fixed, "province")
    elif key == "City" and fixed:
        new = _place(fixed, "city")
    elif key == "Tags" and fixed:
        new = _tags(fixed)
    if key in _TEXT_FIELDS:
        new, chars = _simplified(new)
        if chars:
            say(Change(number, f"{key}: Traditional → Simplified ({', '.join(chars[:12])})"))
    elif new != fixed:
        say(Change(number, f"{key}: {fixed} → {new}"))
    return new


def _fix_meta(rows: list[str], say: Callable[[Change], None]) -> tuple[list[str], int]:
    """The metadata rows fixed, and the index of the first row after them (the blank line or the text)."""
    out: list[str] = []
    seen = False
    for i, row in enumerate(rows):
        number = i + 1
        if not row.strip():
            if row:
                say(Change(number, "blanks on the empty line after the metadata removed"))
            return out, i
        loose = _LOOSE_META.match(row)
        key = _key(loose.group("key")) if loose else None
        if loose is None or key is None:
            if seen and not (loose and loose.group("key").isascii()):
                # The text starts here: put the blank line the format wants before it.
                say(Change(number, "added the blank line between the metadata and the text"))
                out.append("")
                return out, i
            out.append(row)  # an unknown field or stray line: left for the editor (the check names it)
            continue
        seen = True
        raw_key, lead, colon = loose.group("key"), loose.group("lead"), loose.group("colon")
        if lead:
            say(Change(number, f"removed {_blanks(lead)} before {key}"))
        if raw_key != key:
            say(Change(number, f"field name {raw_key.strip()!r} → {key}"))
        if colon == "：":
            say(Change(number, f"{key}: full-width colon '：' → ':'"))
        value = _fix_value(key, loose.group("value").strip(), number, say)
        out.append(f"{key}: {value}" if value else f"{key}:")
    return out, len(rows)


def _blanks(lead: str) -> str:
    kinds = [name for ch, name in (("\t", "a tab"), (" ", "spaces"), ("\u3000", "full-width spaces")) if ch in lead]
    return " and ".join(kinds)


def _fix_body(rows: list[str], first: int, say: Callable[[Change], None]) -> list[str]:
    """Dedent paragraphs (outside lists, quotes, tables and fences); tabs inside lines become spaces."""
    out: list[str] = []
    fence = ""
    in_list = False  # the block before this one was a list: an indented block may continue an item
    block_start = True
    keep_block = False
    for offset, row in enumerate(rows):
        number = first + offset
        m = _FENCE.match(row)
        if fence:
            out.append(row)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            continue
        if m:
            fence = m.group(1)
            out.append(row)
            block_start, in_list = False, False
            continue
        if not row.strip():
            out.append("" if row.strip(" \t\u3000") == "" else row)
            block_start = True
            continue
        if block_start:
            stripped = row.lstrip(" \t\u3000")
            starts_list = bool(_LIST_ITEM.match(stripped))
            continues_item = in_list and row[:1] in (" ", "\t")
            keep_block = starts_list or continues_item or stripped.startswith((">", "|"))
            in_list = starts_list or continues_item
            block_start = False
        if not keep_block and (lead := _INDENT.match(row)):
            say(
                Change(
                    number,
                    f"removed the indent ({_describe_indent(lead.group())}) before the text"
                    + (": an indented paragraph reads as a code block in Markdown" if _is_code_indent(lead.group()) else ""),
                )
            )
            row = row[lead.end() :]
        if "\t" in row and not keep_block:
            say(Change(number, "tabs inside the line became spaces"))
            row = re.sub(r"[ ]*\t+[ ]*", " ", row)
        out.append(row)
    return out


def _describe_indent(lead: str) -> str:
    parts = []
    for ch, one, many in (
        ("\t", "a tab", "tabs"),
        (" ", "a space", "spaces"),
        ("\u3000", "a full-width space", "full-width spaces"),
    ):
        n = lead.count(ch)
        if n:
            parts.append(one if n == 1 else f"{n} {many}")
    return ", ".join(parts)


def _is_code_indent(lead: str) -> bool:
    return "\t" in lead or lead.count(" ") >= 4


def fix_text(text: str) -> tuple[str, list[Change]]:
    """``text`` with every mechanical mistake fixed, and the list of what was done."""
    changes: list[Change] = []
    say = changes.append
    if text.startswith("\ufeff"):
        text = text[1:]
        say(Change(1, "removed the byte order mark (BOM) at the start of the file"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        say(Change(1, "line ends: Windows CRLF (or CR) → \\n"))
    rows = split_rows(text)
    for i, row in enumerate(rows):
        if "\ufeff" in row:
            rows[i] = row.replace("\ufeff", "")
            say(Change(i + 1, "removed a byte order mark (BOM) inside the file"))
    final_newline = bool(rows) and rows[-1] == ""
    if final_newline:
        rows = rows[:-1]
    meta, end = _fix_meta(rows, say)
    rest = rows[end:]
    if rest and not rest[0].strip():
        head, rest = [""], rest[1:]
    else:
        head = []
    first_body_line = len(meta) + len(head) + 1
    body = _fix_body(rest, first_body_line, say)
    text_part = "\n".join(body)
    converted, chars = _simplified(text_part)
    if chars:
        at = next((first_body_line + i for i, row in enumerate(body) if any(ch in row for ch in chars)), first_body_line)
        say(Change(at, f"Text: Traditional → Simplified ({', '.join(chars[:12])}{'…' if len(chars) > 12 else ''})"))
        body = converted.split("\n")
    fixed = "\n".join([*meta, *head, *body]) + "\n"
    return fixed, sorted(changes, key=lambda c: c.line)


def fix_file(path: Path, write: bool = True) -> list[Change]:
    """Fix one file in place (atomically); returns what was changed (nothing written when nothing was)."""
    data = path.read_bytes()
    text, changes = decode(data)
    fixed, more = fix_text(text)
    changes += more
    if fixed.encode("utf-8") != data and not changes:
        changes.append(Change(len(split_rows(text)), "added the newline at the end of the file"))
    if changes and write:
        atomic_write(path, fixed)
    return changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.editors.fix", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", metavar="FILE", help="articles to fix (default: every article under --root)")
    parser.add_argument("--root", default=str(ARTICLES), help="the articles directory (default content/articles/)")
    parser.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    args = parser.parse_args(argv)
    root = Path(args.root)
    files: Iterable[Path] = [Path(f) for f in args.files] if args.files else iter_article_files(root)
    fixed, failed, total = [], 0, 0
    for path in files:
        shown = display_path(path)
        if path.is_symlink() or not path.is_file():
            print(f"{shown}: not fixed: not a regular file")
            failed += 1
            continue
        try:
            changes = fix_file(path, write=not args.dry_run)
        except (OSError, ValueError) as exc:
            print(f"{shown}: not fixed: {getattr(exc, 'strerror', None) or exc}")
            failed += 1
            continue
        for change in changes:
            print(f"{shown}:{change}")
        if changes:
            fixed.append(path)
            total += len(changes)
    verb = "would fix" if args.dry_run else "fixed"
    print(f"{verb} {total} thing{'s' * (total != 1)} in {len(fixed)} file{'s' * (len(fixed) != 1)}")
    checked = [Path(f) for f in args.files] if args.files else None
    if args.dry_run or (checked is None and not fixed):
        return 1 if failed else 0
    findings = check_files(checked if checked is not None else fixed, root)
    errors = sum(f.error for f in findings)
    if findings:
        print("\nStill to do (the check's findings; these need an editor):")
        for f in findings:
            print(f"  {f}")
    return 1 if errors or failed else 0


if __name__ == "__main__":
    sys.exit(main())
