"""The pieces of the incremental plugin that need no build: fingerprints, reads, caches."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import DictLoader, Environment

from plugins.incremental import write_if_changed
from plugins.incremental.jinja_cache import EnvironmentBytecodeCache
from plugins.incremental.trace import RECORDER, VOLATILE, Fingerprinter, TrackedList, instrument


def test_fingerprints_are_stable_and_tell_values_apart() -> None:
    fp = Fingerprinter()
    value = {"a": [1, "二", (3.0, None)], "b": {"c"}}
    assert fp.digest(value) == Fingerprinter().digest({"b": {"c"}, "a": [1, "二", (3.0, None)]})
    assert fp.digest([1, 2]) != fp.digest([2, 1])
    assert fp.digest("1") != fp.digest(1)
    assert fp.digest(object()) == VOLATILE, "an object with no known form must never count as unchanged"


def test_tracked_list_records_what_a_template_used() -> None:
    env = Environment(loader=DictLoader({"t": "{{ items|length }} {% for i in items[:2] %}{{ i }}{% endfor %}"}))
    instrument(env)
    items = TrackedList(["a", "b", "c"], "list:test")
    RECORDER.reads, RECORDER.roots = {}, set()
    try:
        assert env.get_template("t").render(items=items) == "3 ab"
        ops = {op for _, op in RECORDER.reads.values()}
        roots = set(RECORDER.roots)
    finally:
        RECORDER.reads = RECORDER.roots = None
    assert "__len__" in ops and ("[]", ("\x00slice", None, 2, None)) in ops
    assert "__iter__" not in ops, "a slice depends on its items, not on the whole list"
    assert roots == {"items"}
    assert "b" in items and "z" not in items


def test_bytecode_cache_keeps_environments_apart(tmp_path: Path) -> None:
    """A template compiled where a filter is missing is not reused where it exists."""
    source = {"t": "{% if 'shout' is filter %}{{ 'x'|shout }}{% else %}plain{% endif %}"}
    without = Environment(loader=DictLoader(source), bytecode_cache=EnvironmentBytecodeCache(str(tmp_path)))
    assert without.get_template("t").render() == "plain"
    with_filter = Environment(loader=DictLoader(source), bytecode_cache=EnvironmentBytecodeCache(str(tmp_path)))
    with_filter.filters["shout"] = str.upper
    assert with_filter.get_template("t").render() == "X"
    again = Environment(loader=DictLoader(source), bytecode_cache=EnvironmentBytecodeCache(str(tmp_path)))
    again.filters["shout"] = str.upper
    assert again.get_template("t").render() == "X"
    assert len(list(tmp_path.iterdir())) == 2


def test_write_if_changed_keeps_identical_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.html"
    assert write_if_changed(path, "一")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert not write_if_changed(path, "一")
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert write_if_changed(path, "二")
    assert path.read_text(encoding="utf-8") == "二"
