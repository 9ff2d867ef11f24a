"""Ours against trafilatura and GNE, per field, on labelled real HTML pages kept outside the repository.

Not a test: a measurement on pages no one here wrote (their text belongs to their
outlets, so neither the pages nor their labels are committed). A manifest is a JSON list
of objects::

    {"file": "pages/x.html", "url": "https://…" or "", "split": "tune" | "check",
     "title": "the headline", "date": "YYYY-MM-DD",
     "keep": ["a fragment of the lead", "a fragment of the last paragraph"],
     "junk": ["a fragment of page chrome that must not reach the body"],
     "source": "the outlet or body named as source" or null}

Ours runs exactly as an editor would: ``python -m scrapers normalise PAGE --url URL``
(in process, through ``scrapers.__main__.main``), and the printed article is parsed
back. trafilatura and GNE are not project dependencies: give ``--others PYTHON``, an
interpreter that has both (a throwaway venv), and they run there in one subprocess::

    python3 -m venv /tmp/xvenv && /tmp/xvenv/bin/pip install trafilatura lxml_html_clean gne
    .venv/bin/python bench/extractors.py ../notes/html-real/manifest.json --others /tmp/xvenv/bin/python

Per field and split: headline (exact, after width and space folding), date (the day),
body complete (every ``keep`` fragment in the text), no boilerplate (no ``junk``
fragment in the text), source (the label found in the extracted source; pages with a
source label only). ``vote`` is ours with trafilatura's date where ours is doubtful and
trafilatura's extra paragraphs where ours lost part of the text (see :func:`vote`); time
per page is measured around each extractor's own call, ratios against ours in the same run.
``--show`` lists each miss.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

#: Run by the other interpreter: one JSON line per page and library.
_OTHERS = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import trafilatura
from gne import GeneralNewsExtractor
for path in sys.argv[1:]:
    html = open(path, encoding="utf-8", errors="replace").read()
    start = time.perf_counter()
    try:
        d = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
        get = (d.get if isinstance(d, dict) else (lambda k: getattr(d, k, None))) if d is not None else (lambda k: None)
        out = {"title": get("title") or "", "date": get("date") or "", "text": get("text") or "",
               "source": get("sitename") or ""}
    except Exception as exc:
        out = {"title": "", "date": "", "text": "", "source": "", "error": repr(exc)}
    out["seconds"] = time.perf_counter() - start
    print(json.dumps(dict(file=path, lib="trafilatura", **out), ensure_ascii=False))
    start = time.perf_counter()
    try:
        g = GeneralNewsExtractor().extract(html, noise_node_list=['//*[@style="display:none"]'])
        out = {"title": g.get("title") or "", "date": g.get("publish_time") or "", "text": g.get("content") or "",
               "source": g.get("author") or ""}
    except Exception as exc:
        out = {"title": "", "date": "", "text": "", "source": "", "error": repr(exc)}
    out["seconds"] = time.perf_counter() - start
    print(json.dumps(dict(file=path, lib="gne", **out), ensure_ascii=False))
"""

FIELDS = ("headline", "date", "body complete", "no boilerplate", "source")
_DAY = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def fold(text: str) -> str:
    """Text as compared: NFKC (full-width to ASCII), quotes unified, no spaces or backslashes."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[“”\"＂]", '"', text).replace("‘", "'").replace("’", "'")
    return re.sub(r"[\s\\]+", "", text)


def core(text: str) -> str:
    """Letters and digits only: body fragments match whatever the punctuation became."""
    return "".join(re.findall(r"[\u4e00-\u9fff0-9A-Za-z]", unicodedata.normalize("NFKC", text)))


def day_of(text: str) -> str:
    m = _DAY.search(text or "")
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else ""


def ours(path: Path, url: str) -> dict[str, str]:
    """The page through ``python -m scrapers normalise PAGE [--url URL]``, parsed back."""
    from scrapers.__main__ import main
    from scrapers.core.article import parse

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["normalise", str(path), *(["--url", url] if url else [])])
    seconds = time.perf_counter() - start
    if code != 0:
        return {"title": "", "date": "", "text": "", "source": "", "error": err.getvalue().strip(), "seconds": seconds}
    article = parse(out.getvalue())
    return {
        "title": article.title,
        "date": article.date,
        "text": article.body,
        "source": article.source,
        "date_doubt": any("日期" in r for r in article.review),
        "seconds": seconds,
    }


def vote(mine: dict, theirs: dict) -> dict:
    """A vote of ours and trafilatura for date and body (headline and source stay ours).

    Date: ours unless ours is doubtful (flagged in Review) or missing, then trafilatura's.
    Body: ours, unless trafilatura's text is half as long again (ours lost a part): then
    ours with trafilatura's paragraphs that ours lacks appended in trafilatura's order.
    """
    date = mine.get("date", "")
    if (not date or mine.get("date_doubt")) and theirs.get("date"):
        date = theirs["date"]
    text = mine.get("text", "")
    if len(core(theirs.get("text", ""))) > 1.5 * len(core(text)):
        have = core(text)
        extra = [p for p in theirs["text"].splitlines() if core(p) and core(p) not in have]
        text = "\n\n".join([text, *extra]) if text else "\n\n".join(extra)
    seconds = mine.get("seconds", 0.0) + theirs.get("seconds", 0.0)
    return {**mine, "date": date, "text": text, "seconds": seconds}


def others(python: str, paths: list[Path]) -> dict[tuple[str, str], dict[str, str]]:
    proc = subprocess.run([python, "-c", _OTHERS, *map(str, paths)], capture_output=True, text=True, check=True)
    found = {}
    for line in proc.stdout.splitlines():
        row = json.loads(line)
        found[(row["file"], row["lib"])] = row
    return found


def judge(gold: dict, got: dict[str, str]) -> dict[str, bool | None]:
    body = core(got.get("text", ""))
    source = gold.get("source")
    return {
        "headline": fold(got.get("title", "")) == fold(gold["title"]),
        "date": day_of(got.get("date", "")) == gold["date"],
        "body complete": bool(body) and all(core(k) in body for k in gold["keep"]),
        "no boilerplate": bool(body) and not any(core(j) in body for j in gold["junk"]),
        "source": None if not source else bool(got.get("source")) and fold(source) in fold(got["source"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("manifest")
    parser.add_argument("--others", metavar="PYTHON", help="an interpreter with trafilatura and gne installed")
    parser.add_argument("--show", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    manifest = Path(args.manifest)
    pages = json.loads(manifest.read_text(encoding="utf-8"))
    paths = [manifest.parent / p["file"] for p in pages]
    results: dict[str, list[tuple[dict, dict[str, bool | None], dict[str, str]]]] = {"ours": []}
    for gold, path in zip(pages, paths, strict=True):
        got = ours(path, gold.get("url") or "")
        results["ours"].append((gold, judge(gold, got), got))
    if args.others:
        rows = others(args.others, paths)
        for lib in ("trafilatura", "gne"):
            results[lib] = []
            for gold, path in zip(pages, paths, strict=True):
                got = rows.get((str(path), lib), {})
                results[lib].append((gold, judge(gold, got), got))
        results["vote"] = []
        for (gold, _, mine), (_, _, theirs) in zip(results["ours"], results["trafilatura"], strict=True):
            got = vote(mine, theirs)
            results["vote"].append((gold, judge(gold, got), got))
    splits = tuple(dict.fromkeys(p["split"] for p in pages))  # as the manifest orders them
    counts = ", ".join(f"{sum(p['split'] == s for p in pages)} {s}" for s in splits)
    print(f"{len(pages)} pages ({counts})")
    head = "field".ljust(16) + "".join(f"{name + ' ' + s:>20}" for name in results for s in splits)
    print(head)
    for field in FIELDS:
        row = field.ljust(16)
        for rows in results.values():
            for s in splits:
                marks = [v[field] for g, v, _ in rows if g["split"] == s and v[field] is not None]
                row += f"{sum(marks)}/{len(marks)} {100 * sum(marks) / max(len(marks), 1):5.1f}%".rjust(20)
        print(row)
    base = sum(got.get("seconds", 0.0) for _, _, got in results["ours"]) / len(pages)
    times = "  ".join(
        f"{name} {1000 * sum(got.get('seconds', 0.0) for _, _, got in rows) / len(pages):.0f} ms"
        f" (×{sum(got.get('seconds', 0.0) for _, _, got in rows) / len(pages) / base:.2f})"
        for name, rows in results.items()
    )
    print(f"time per page, ratio to ours: {times}")
    if args.show:
        for name, rows in results.items():
            for gold, verdict, got in rows:
                misses = [f for f in FIELDS if verdict[f] is False]
                if misses:
                    print(
                        f"{name} {gold['split']} {gold['file']}: {', '.join(misses)}"
                        f" | title={got.get('title', '')[:40]!r} date={got.get('date', '')!r}"
                        f" source={got.get('source', '')!r} {got.get('error', '')}"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
