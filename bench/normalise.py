"""Normaliser throughput on one core, as a ratio against a baseline measured in the same run.

Usage: ``.venv/bin/python bench/normalise.py [--rounds N]``

Pages: the seeds and noise fixtures in tests/fixtures, plus the shared dev corpus when it
is beside the checkout. Figures printed:

- ``normalise``: ``build_article`` (the whole page → article path: cleaning, metadata,
  category, tags) on every page;
- ``baseline``: what a minimal off-the-shelf chain does per page (OpenCC t2s and a pinyin
  regex), so the ratio says how much our extra work costs on this machine today.

Machines here are shared and noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from scrapers.assemble import build_article  # noqa: E402

_PINYIN = re.compile(r"[(（][a-zA-Z\u00e0-\u01dc]{1,7}\s?[)）]")


def pages() -> list[str]:
    dirs = [ROOT / "tests" / "fixtures" / "seeds", ROOT / "tests" / "fixtures" / "noise",
            ROOT.parent / "shared" / "corpus" / "dev"]
    return [p.read_text(encoding="utf-8") for d in dirs if d.exists() for p in sorted(d.glob("*.txt"))]


def baseline(raw: str, conv: opencc.OpenCC) -> str:
    return conv.convert(_PINYIN.sub("", raw))


def timed(fn, items: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for raw in items:
            fn(raw)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    items = pages()
    conv = opencc.OpenCC("t2s")
    build_article(items[0])  # warm caches: gazetteer, vocabulary, OpenCC, pypinyin
    ours = timed(build_article, items, args.rounds)
    base = timed(lambda raw: baseline(raw, conv), items, args.rounds)
    chars = sum(len(p) for p in items)
    print(f"pages: {len(items)} ({chars} characters), best of {args.rounds} rounds, one core")
    print(f"normalise: {len(items) / ours:8.1f} items/s  ({ours * 1000 / len(items):.2f} ms/item)")
    print(f"baseline:  {len(items) / base:8.1f} items/s  ({base * 1000 / len(items):.2f} ms/item)")
    print(f"ratio normalise/baseline time: {ours / base:.1f}x")


if __name__ == "__main__":
    main()
