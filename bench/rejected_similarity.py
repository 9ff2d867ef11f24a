"""How far apart (SimHash bits of 64) the texts of a rejected item and its page a day later are.

``scrapers/rejected.py`` skips a scraped item as already rejected when its URL is recorded
and its text's SimHash differs in at most ``MAX_DISTANCE`` bits. This prints, on the dev
corpus's texts (read at run time, never stored), the distance for small edits a page gets
without becoming another item (a date line, an added sentence), for substantial ones (a
paragraph replaced, half the text cut) and between different texts, so the threshold can be
checked against figures:

    .venv/bin/python bench/rejected_similarity.py [--corpus ../shared/corpus/dev]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrapers.rejected import MAX_DISTANCE, distance, simhash


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"))
    args = parser.parse_args()
    texts = []
    for path in sorted(Path(args.corpus).glob("*.txt")):
        paras = [
            line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if len(line.strip()) > 30
        ]
        if len(paras) >= 3:
            texts.append(paras)
    if not texts:
        print(f"no texts in {args.corpus}", file=sys.stderr)
        return 1
    rnd = random.Random(1)
    cases: dict[str, list[int]] = {
        k: [] for k in ("date line changed", "sentence added", "one paragraph replaced", "first half only", "different texts")
    }
    for paras in texts:
        base = "\n\n".join(paras)
        h = simhash(base)
        cases["date line changed"].append(distance(h, simhash(base.replace("20", "19", 1) + "\n\n发布时间：2025-01-01")))
        cases["sentence added"].append(distance(h, simhash(base + "\n\n附件：关于开展工作的通知。")))
        changed = list(paras)
        changed[rnd.randrange(len(changed))] = "本段内容已由发布机构更新为新的说明文字，与原文不同。" * 2
        cases["one paragraph replaced"].append(distance(h, simhash("\n\n".join(changed))))
        cases["first half only"].append(distance(h, simhash("\n\n".join(paras[: max(1, len(paras) // 2)]))))
    for i in range(len(texts)):
        for j in range(i + 1, min(i + 6, len(texts))):
            cases["different texts"].append(distance(simhash("\n\n".join(texts[i])), simhash("\n\n".join(texts[j]))))
    print(f"{len(texts)} texts; skipped as the same item at <= {MAX_DISTANCE} bits")
    print(f"{'case':24} {'n':>4} {'min':>4} {'median':>7} {'p90':>4} {'max':>4} {'same item':>10}")
    for name, values in cases.items():
        xs = sorted(values)
        same = sum(x <= MAX_DISTANCE for x in xs) / len(xs)
        print(f"{name:24} {len(xs):4} {xs[0]:4} {statistics.median(xs):7.1f} {xs[int(len(xs) * 0.9)]:4} {xs[-1]:4} {same:10.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
