"""Data files an editor breaks are reported as ``file:line: what is wrong``, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scrapers.core.datafiles import DataFileError
from scrapers.core.gazetteer import DATA as GAZETTEER
from scrapers.core.gazetteer import load_gazetteer
from scrapers.core.vocabulary import DATA as VOCABULARY
from scrapers.core.vocabulary import load_vocabulary
from scrapers.normalise.junk import DATA as JUNK
from scrapers.normalise.junk import load_rules


def _broken(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    target = tmp_path / source.name
    shutil.copy(source, target)
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {source.name}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_shipped_files_load() -> None:
    assert load_rules().any and load_vocabulary().tags and load_gazetteer().places


def test_bad_regex_in_junk_rules_names_its_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, JUNK, '  - "^摘要[:：]"', '  - "^摘要[:：](unclosed"')
    with pytest.raises(DataFileError) as exc:
        load_rules.__wrapped__(path)
    assert str(exc.value).startswith(f"{path}:{_line_of(path, '(unclosed')}: any_line_patterns: ")
    assert "not a valid regular expression" in str(exc.value)


def test_yaml_indentation_slip_names_its_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, VOCABULARY, "categories:\n", "categories:\n   oops: [\n")
    with pytest.raises(DataFileError) as exc:
        load_vocabulary.__wrapped__(path)
    assert str(exc.value).startswith(f"{path}:") and "not valid YAML" in str(exc.value)


def test_unknown_category_and_bad_weight(tmp_path: Path) -> None:
    path = _broken(tmp_path, VOCABULARY, "  开放日:\n", "  开放曰:\n")
    with pytest.raises(DataFileError, match=rf"^{path}:{_line_of(path, '开放曰')}: unknown category '开放曰'"):
        load_vocabulary.__wrapped__(path)
    path = _broken(tmp_path, VOCABULARY, "开放日: 5", "开放日: many")
    with pytest.raises(DataFileError, match=rf"^{path}:\d+: 开放日 must be a number"):
        load_vocabulary.__wrapped__(path)


def test_gazetteer_row_mistakes_name_their_line(tmp_path: Path) -> None:
    path = _broken(tmp_path, GAZETTEER, "天津市,天津,province", "天津市,天津,provnce")
    with pytest.raises(DataFileError, match=rf"^{path}:{_line_of(path, 'provnce')}: level 'provnce' is not one of"):
        load_gazetteer.__wrapped__(path)
    path = _broken(tmp_path, GAZETTEER, "天津市,天津,province,天津市,,", "天津市,天津,province,天津市")
    with pytest.raises(DataFileError, match=rf"^{path}:\d+: expected 6 comma-separated values"):
        load_gazetteer.__wrapped__(path)
