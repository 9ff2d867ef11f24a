"""Fuzz the page → article path: generated hostile pages through normalise → render → parse.

Usage: ``.venv/bin/python bench/fuzz.py [--count 10000] [--seed 11]``

Each input is a random mix of Chinese text (our own fixture words), noise (any Unicode
character, lone surrogates included), control and invisible characters, Markdown/HTML
and lines that look like metadata (``Title: x``, ``Slug: ../../x``…), joined by every kind
of line break. Each one must:

- build into an article without raising (``build_article``), or be refused with a reason;
- render to text without control or invisible characters;
- parse back to the same article (so no body line became metadata, and no value changed);
- render identically from what was parsed (the ``Scraper_Hash`` of its own file matches);
- be a fixed point of the normaliser (``renormalise`` of its own output changes nothing).

Printed: inputs, failures by kind (target 0, with the first example of each), and
throughput against a baseline measured in the same run (OpenCC ``t2s`` alone on the same
inputs), because machines here are shared and noisy: compare ratios, not seconds.
Exit status 1 when any input failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import opencc  # noqa: E402

from scrapers.assemble import build_article, renormalise  # noqa: E402
from scrapers.core.article import parse  # noqa: E402
from scrapers.core.controls import LINE_BREAKS, find_controls  # noqa: E402
from scrapers.importer import refusal  # noqa: E402

TODAY = date(2026, 11, 23)
HAN = "检验检测认证机构开放日活动市场监管总局浙江省杭州市会员大会质量发展标准计量实验室报告日报新闻网记者讯年月日"
PUNCT = "，。：；“”（）【】、！？ "
CONTROLS = (
    LINE_BREAKS + "\x00\x07\x1b\x1f\x7f\x9b\u00ad\u200b\u200c\u200d\u200e\u202a\u202e\u2060\u2066\u2069"
    "\ufeff\U000e0041\r\t\u3000\u00a0"
)
MARKUP = "<>&[]()*_`#|\\:=-+.!{}\"'"
META = [
    "Title: x",
    "Slug: ../../x",
    "Slug: /etc/passwd",
    "Scraper_Hash: 0000",
    "Date: 2020-01-01",
    "Source_URL: javascript:alert(1)",
    "title:大写",
    "Review:",
    ": 定义",
    "# 标题",
    "1. 列表",
    "- 项",
    "---",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "来源：浙江\u200d日报",
    "2024年5月20日",
    "记者 张三 报道",
    "来源：中国质量新闻网",
    "责任编辑：李四",
]
BREAKS = ["\n", "\n", "\n", "\n\n", "\r\n", "\r", *LINE_BREAKS]
URLS = ["", "", "https://example.cn/news/2024/a.html", "http://mirror.example.com/x,y;z.html"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(HAN) for _ in range(rng.randint(4, 40))]
    for _ in range(rng.randint(0, 4)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(PUNCT))
    return "".join(words) + rng.choice("。；！？")


def _noise(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        if kind < 0.4:
            out.append(chr(rng.randint(0x20, 0x2FFFF)))
        elif kind < 0.45:
            out.append(chr(rng.randint(0xD800, 0xDFFF)))
        else:
            out.append(chr(rng.randint(0x20, 0x7E)))
    return "".join(out)


def generate(rng: random.Random) -> str:
    """One page: lines made of sentences, noise, controls, markup and metadata-looking pieces."""
    lines = []
    for _ in range(rng.randint(0, 14)):
        pieces = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.45:
                pieces.append(_sentence(rng))
            elif kind < 0.6:
                pieces.append(rng.choice(META))
            elif kind < 0.75:
                pieces.append("".join(rng.choice(CONTROLS) for _ in range(rng.randint(1, 3))))
            elif kind < 0.88:
                pieces.append("".join(rng.choice(MARKUP + "ab1 ") for _ in range(rng.randint(1, 10))))
            else:
                pieces.append(_noise(rng))
        lines.append("".join(pieces))
    return "".join(line + rng.choice(BREAKS) for line in lines)


def check(raw: str, url: str) -> str | None:
    """The kind of failure for one input, or ``None`` when every property holds."""
    try:
        article = build_article(raw, url, TODAY)
    except Exception as exc:
        return f"build raised {type(exc).__name__}"
    if refusal(raw, article):
        return None  # refused with a reason: what an empty or chrome-only page should get
    text = article.render()
    if find_controls(text):
        return "control characters written"
    try:
        back = parse(text)
    except Exception as exc:
        return f"parse raised {type(exc).__name__}"
    if back != article:
        return "parse(render(a)) != a (a value changed or body became metadata)"
    if back.render() != text or back.with_scraper_hash().content_hash() != article.content_hash():
        return "render not stable (Scraper_Hash would not match)"
    try:
        if renormalise(back).render() != text:
            return "renormalise changed its own output"
    except Exception as exc:
        return f"renormalise raised {type(exc).__name__}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    inputs = [(generate(rng), rng.choice(URLS)) for _ in range(args.count)]
    build_article("预热。" * 20, "", TODAY)  # load dictionaries and data files outside the timing

    failures: Counter[str] = Counter()
    first: dict[str, str] = {}
    refused = 0
    start = time.perf_counter()
    for raw, url in inputs:
        kind = check(raw, url)
        if kind is None:
            refused += refusal(raw) is not None
            continue
        failures[kind] += 1
        first.setdefault(kind, raw)
    elapsed = time.perf_counter() - start

    t2s = opencc.OpenCC("t2s")
    start = time.perf_counter()
    for raw, _ in inputs:
        t2s.convert(raw.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    baseline = time.perf_counter() - start

    total = sum(failures.values())
    print(f"inputs: {args.count} (seed {args.seed}); empty pages refused: {refused}")
    print(f"failures: {total}")
    for kind, n in failures.most_common():
        print(f"  {n:5d}  {kind}   first: {first[kind][:120]!r}")
    print(f"throughput: {args.count / elapsed:,.0f} inputs/s through normalise → render → parse → renormalise")
    print(
        f"baseline:   {args.count / baseline:,.0f} inputs/s through OpenCC t2s alone "
        f"(the full path costs {elapsed / baseline:,.0f}× the baseline)"
    )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
