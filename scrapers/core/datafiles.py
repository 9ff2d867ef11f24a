"""Reading the data files editors extend (junk.yaml, vocabulary.yaml, outlets.yaml, the
gazetteer CSV), with every mistake reported as ``file:line: what is wrong``.

Why: these files are edited by people who do not read Python. A YAML indentation slip, a
regular expression with an unbalanced bracket or a gazetteer row with a typo in its level
used to end the build or the scrape with a bare traceback deep inside ``re`` or ``csv``;
``sources.yaml`` and ``slugs.csv`` already said file and line. Now all of them do, and the
message names the key and the value, so the fix is obvious.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class DataFileError(ValueError):
    """A data file that cannot be used; the message starts with ``file:line:``."""


@dataclass
class YamlData:
    """A parsed YAML file and the line of every key and list item, by path of keys/indexes."""

    path: Path
    data: Any
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def where(self, *keys: Any) -> str:
        """``file:line`` of the deepest of ``keys`` that has a line (the file alone if none)."""
        for end in range(len(keys), 0, -1):
            line = self.lines.get(tuple(keys[:end]))
            if line:
                return f"{self.path}:{line}"
        return str(self.path)

    def error(self, message: str, *keys: Any) -> DataFileError:
        return DataFileError(f"{self.where(*keys)}: {message}")

    def mapping(self, *keys: Any, required: bool = False) -> dict[str, Any]:
        """The mapping at ``keys`` ({} when absent and not required)."""
        value = self.get(*keys)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise self.error(f"{'/'.join(map(str, keys)) or 'the file'} must be a mapping of 'key: value' lines", *keys)
        return value

    def strings(self, *keys: Any) -> list[str]:
        """The list of strings at ``keys`` ([] when absent)."""
        value = self.get(*keys)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(f"{keys[-1]} must be a list ('- item' lines)", *keys)
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.error(f"{keys[-1]}: item {i + 1} must be text, not {item!r} (quote it)", *keys, i)
        return value

    def number(self, *keys: Any, default: float, minimum: float = 0.0) -> float:
        value = self.get(*keys)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value or value < minimum:
            raise self.error(f"{keys[-1]} must be a number of at least {minimum:g}, not {value!r}", *keys)
        return float(value)

    def regexes(self, *keys: Any, flags: int = 0) -> tuple[re.Pattern[str], ...]:
        """Each pattern of the list at ``keys`` compiled; a bad one named with its line."""
        return tuple(self.regex(pattern, *keys, i, flags=flags) for i, pattern in enumerate(self.strings(*keys)))

    def regex(self, pattern: str, *keys: Any, flags: int = 0) -> re.Pattern[str]:
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise self.error(f"{keys[0]}: {pattern!r} is not a valid regular expression ({exc.msg})", *keys) from exc

    def get(self, *keys: Any) -> Any:
        value = self.data
        for key in keys:
            if isinstance(value, dict):
                value = value.get(key)
            elif isinstance(value, list) and isinstance(key, int) and key < len(value):
                value = value[key]
            else:
                return None
        return value


def _node_lines(node: yaml.Node, prefix: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (key_node.value,)
            if prefix + key in lines:
                raise DataFileError(f":{key_node.start_mark.line + 1}: duplicate key {key_node.value!r}")
            lines[prefix + key] = key_node.start_mark.line + 1
            _node_lines(value_node, prefix + key, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[(*prefix, i)] = item.start_mark.line + 1
            _node_lines(item, (*prefix, i), lines)


def load_yaml(path: Path, mapping: bool = True) -> YamlData:
    """Read a YAML data file: safe types only, duplicate keys refused, lines kept."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{path}{where}: not valid YAML: {problem} (check the indentation and quotes)") from exc
    lines: dict[tuple[Any, ...], int] = {}
    if node is not None:
        try:
            _node_lines(node, (), lines)
        except DataFileError as exc:
            raise DataFileError(f"{path}{exc}") from None
    loaded = YamlData(path, data if data is not None else ({} if mapping else []), lines)
    if mapping and not isinstance(loaded.data, dict):
        raise DataFileError(f"{path}: expected 'key: value' lines at the top level")
    return loaded


def read_csv(path: Path, columns: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each data row; a missing column or a short row names the line."""
    wanted = list(columns)
    try:
        fh = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror}") from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = [c for c in wanted if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(f"{path}:1: the header lacks column(s) {', '.join(missing)} (expected {','.join(wanted)})")
        try:
            for row in reader:
                line = reader.line_num
                if None in row or any(row.get(c) is None for c in wanted):
                    raise DataFileError(
                        f"{path}:{line}: expected {len(reader.fieldnames or [])} comma-separated "
                        f"values ({','.join(reader.fieldnames or [])})"
                    )
                yield line, row
        except UnicodeDecodeError as exc:
            raise DataFileError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
        except csv.Error as exc:
            raise DataFileError(f"{path}:{reader.line_num}: {exc}") from exc
