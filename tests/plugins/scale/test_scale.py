"""plugins.scale: Pelican's translation step in linear time, same result as Pelican's own."""

from __future__ import annotations

import logging
import random
from pathlib import Path
from types import SimpleNamespace

from plugins.scale import ORIGINAL, process_translations, reading

from ..conftest import ALL_PLUGINS, SITE, build


def item(slug: str, lang: str = "zh-CN", translation: str | None = None, n: int = 0) -> SimpleNamespace:
    meta = {} if translation is None else {"translation": translation}
    return SimpleNamespace(
        slug=slug,
        lang=lang,
        metadata=meta,
        in_default_lang=lang == "zh-CN",
        source_path=f"{slug}-{lang}-{n}.md",
        translations=None,
    )


def archive(seed: int) -> list[SimpleNamespace]:
    """Slugs alone, with translations, with two originals, and all-translation groups, shuffled."""
    rng = random.Random(seed)
    items = [item(f"s{i:03d}", n=i) for i in range(60)]
    items += [item(f"s{i:03d}", "en", n=i) for i in range(0, 60, 7)]
    items += [item(f"s{i:03d}", "zh-TW", "true", n=i) for i in range(0, 60, 11)]
    items += [item("twice", n=1), item("twice", n=2), item("only-tr", "en", "true", n=3)]
    rng.shuffle(items)
    return items


def outcome(fn, items: list[SimpleNamespace], tid) -> tuple:
    index, translations = fn(items, tid)
    return (
        [x.source_path for x in index],
        [x.source_path for x in translations],
        {x.source_path: [t.source_path for t in x.translations] for x in items},
    )


def test_same_originals_translations_and_order_as_pelicans() -> None:
    for seed in range(5):
        for tid in ("slug", ("slug",), ["slug", "lang"]):
            a, b = archive(seed), archive(seed)
            assert outcome(process_translations, a, tid) == outcome(ORIGINAL, b, tid)


def test_no_translation_id_keeps_the_list() -> None:
    items = archive(1)
    index, translations = process_translations(items, None)
    assert index is items and translations == []


class Counted(SimpleNamespace):
    """An item that counts how often it is compared: a list scan compares, a set of ids does not."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Counted.compared += 1
        return self is other

    __hash__ = object.__hash__


def test_no_item_is_compared_with_the_others() -> None:
    def items() -> list[Counted]:
        return [Counted(**vars(item(f"s{i:04d}", n=i))) for i in range(300)]

    Counted.compared = 0
    process_translations(items(), "slug")
    assert Counted.compared == 0
    ORIGINAL(items(), "slug")
    assert Counted.compared >= 300 * 299 // 2  # Pelican's own scans the list of originals: n²/2


def test_site_built_with_and_without_it_is_the_same(tmp_path: Path) -> None:
    without = tuple(p for p in ALL_PLUGINS if p != "scale")
    a = build(tmp_path / "with" / "out").ok().out
    b = build(tmp_path / "without" / "out", plugins=without).ok().out
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert len(files) > 50
    assert [f for f in files if (a / f).read_bytes() != (b / f).read_bytes()] == []


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_reading_in_two_processes_builds_the_same_site(tmp_path: Path) -> None:
    parallel = build(tmp_path / "two" / "out", extra={"READ_PARALLEL_MIN": 0, "READ_WORKERS": 2}, verbose=True).ok()
    articles = len(list((SITE / "content" / "articles").glob("*.md")))
    assert f"scale: {articles} of {articles} article files rendered by 2 processes" in parallel.output
    single = build(tmp_path / "one" / "out", extra={"READ_WORKERS": 1}).ok()
    assert "rendered by" not in single.output
    a, b = tree(parallel.out), tree(single.out)
    assert sorted(a) == sorted(b)
    assert [f for f in a if a[f] != b[f]] == []


class _Reader:
    """Stands in for the Markdown reader: logs a warning for one file, fails on another."""

    def read(self, path: str) -> tuple[str, dict]:
        if path.endswith("warn.md"):
            logging.getLogger("plugins.reader").warning("%s: a field is not allowed here", path)
        if path.endswith("fail.md"):
            raise ValueError("unreadable")
        return "<p>正文</p>", {"title": "标题"}


def test_a_file_whose_rendering_says_anything_is_left_to_the_main_process(tmp_path: Path) -> None:
    readers = SimpleNamespace(_cache={}, readers={"md": _Reader()}, _get_file_stamp=lambda p: b"stamp-" + p.encode())
    render = reading._renderer(readers)
    saved = logging.getLogger().handlers[:]
    try:
        assert render(str(tmp_path / "ok.md")) == (
            b"stamp-" + str(tmp_path / "ok.md").encode(),
            ("<p>正文</p>", {"title": "标题"}),
        )
        assert render(str(tmp_path / "warn.md")) is None
        assert render(str(tmp_path / "fail.md")) is None
        readers._cache[str(tmp_path / "ok.md")] = (b"stamp-" + str(tmp_path / "ok.md").encode(), ("x", {}))
        assert render(str(tmp_path / "ok.md")) is None  # already cached with the same stamp
    finally:
        logging.getLogger().handlers[:] = saved
        reading._HEARD = None
