"""Search on a generated archive: precision and recall against ground truth, and the budgets.

Usage::

    .venv/bin/python bench/search.py --n 1000 --n 10000   # one run, both sizes
    .venv/bin/python bench/search.py --dev-corpus          # content/ plus ../shared/corpus/dev imported

For each archive (``--n N`` generates N articles with ``bench/generate.py``; ``--dev-corpus``
copies ``content/`` and imports the shared dev corpus into it; ``--content DIR`` takes a
content directory as it is):

1. **Build** with our settings and plugins (the Traditional copies off: they are not
   searched and only cost build time). The search index is written by the build
   (``plugins.searchindex``); it is then built again on its own in a child process from the
   built article pages, text extraction included, for its time and peak memory. The
   baseline, Pagefind over the same article pages (the search before issue 14), is indexed
   in a child too.
2. **Ground truth.** The text of every article page (title and body, read with lxml, apart
   from the index's own extraction), folded as the issue defines it (Traditional→Simplified,
   full-width, Latin case; invisible characters dropped). Queries are drawn from the archive
   (seeded) in six classes: organisation names, places, 2–6-character words, two words with a
   space, Traditional spellings, and made-up phrases whose characters all occur but which
   occur nowhere. The truth of a query: the articles whose title or text contains each of its
   space-separated parts.
3. **In Chromium** (Debian's), against a local static server that gzips text like GitHub
   Pages: every query typed into the search page; precision and recall of the whole result
   set and of the first page (10), per class; whether an organisation's articles with the
   name in the title come first. The same for the baseline through Pagefind's JS API (the
   whole result set when it has at most ``--baseline-full`` articles, else the first page).
4. **Budgets**: bytes from opening the search page to the first query's results and facet
   counts on screen (促进会; everything transferred, cold cache), keystroke to rendered
   results (median, and 检验检测, in nearly every article), index build time and peak memory,
   the search tab's memory (private memory of its renderer process) after ten queries.

Targets (issue 14): precision and recall >= 0.98 for every class, made-up phrases find
nothing, first query <= 300 KB, keystroke <= 300 ms median and <= 600 ms for 检验检测, index
build <= 20 s and <= 1.5 GB, tab <= 150 MB. The machine is shared: read ratios, and repeat.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import http.server
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plugins.searchfold import table  # noqa: E402
from plugins.searchindex.index import INVISIBLE, folder, read_docs  # noqa: E402
from tasks import PAGEFIND_GLOB  # noqa: E402

DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "manifest.json"
#: Typed into the warm page, one keystroke timed each; 检验检测 is in nearly every article of a
#: TIC archive: the worst case, not the typical one. The first is also the first query.
TYPED = ("促进会", "检验检测", "開放日", "世界认可日", "联盟", "浙江", "杭州", "认证认可协会")
PAGE = 10
CLASSES = ("organisation", "place", "word", "two words", "traditional", "made-up")
ORG_RE = re.compile(
    r"[\u4e00-\u9fff]{2,14}?(?:认证认可协会|检验检测协会|促进会|协会|联盟|委员会|研究院|质检院|检测院|检测中心|"
    r"监督管理局|市场监管局|认可委员会)"
)
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
FOLD = folder(table())
_DROP = re.compile(f"[{re.escape(INVISIBLE)}]")


# ------------------------------------------------------------------ ground truth


@dataclass(frozen=True)
class TruthDoc:
    """One article as the reader sees it, folded: title and text apart (a query never spans them)."""

    url: str
    title: str
    text: str


_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre", "figcaption", "div", "br")


def page_text(markup: str) -> tuple[str, str]:
    """Title and body text of a built article page (lxml; independent of the index's extraction)."""
    import lxml.html

    start = markup.find('<article class="article"')
    end = markup.find("</article>", start)
    if start < 0 or end < 0:
        raise ValueError('no <article class="article"> in the page')
    tree = lxml.html.fromstring(markup[start : end + len("</article>")])
    title = " ".join(tree.xpath('string(.//h1[contains(@class, "article__title")])').split())
    bodies = tree.xpath('.//div[contains(@class, "article__body")]')
    if not bodies:
        return title, ""
    body = bodies[0]
    for el in body.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    return title, body.text_content()


def load_truth(site: Path) -> list[TruthDoc]:
    """Every indexed article, in the index's id order, with its page's folded title and text."""
    out = []
    for d in read_docs(site / "search" / "index"):
        title, text = page_text((site / d.url / "index.html").read_text(encoding="utf-8"))
        out.append(TruthDoc(d.url, FOLD(_DROP.sub("", html.unescape(title))), FOLD(_DROP.sub("", text))))
    return out


def parts_of(query: str) -> list[str]:
    return list(dict.fromkeys(FOLD(_DROP.sub("", query)).split()))


def truth(docs: Sequence[TruthDoc], query: str) -> set[int]:
    parts = parts_of(query)
    return {i for i, d in enumerate(docs) if parts and all(p in d.title or p in d.text for p in parts)}


def in_title(docs: Sequence[TruthDoc], query: str) -> set[int]:
    parts = parts_of(query)
    return {i for i, d in enumerate(docs) if parts and all(p in d.title for p in parts)}


def make_queries(docs: Sequence[TruthDoc], places: Sequence[str], per_class: int = 10, seed: int = 14) -> dict[str, list[str]]:
    """Queries drawn from the archive itself, ``per_class`` of each class (fewer when the
    archive has fewer)."""
    import opencc

    rnd = random.Random(seed)
    texts = [d.title + "\n" + d.text for d in docs]
    queries: dict[str, list[str]] = {c: [] for c in CLASSES}

    orgs: dict[str, int] = {}
    for text in texts:
        for name in set(ORG_RE.findall(text)):
            orgs[name] = orgs.get(name, 0) + 1
    ranked = sorted(orgs, key=lambda n: (-orgs[n], n))
    queries["organisation"] = (
        ranked[: per_class // 2] + rnd.sample(ranked[per_class // 2 :], min(len(ranked) - per_class // 2, per_class // 2))
        if len(ranked) > per_class // 2
        else ranked
    )

    occurring = [p for p in dict.fromkeys(places) if any(p in t for t in texts)]
    queries["place"] = rnd.sample(occurring, min(per_class, len(occurring)))

    def word(lo: int, hi: int) -> str:
        for _ in range(1000):
            runs = CJK_RUN.findall(rnd.choice(texts))
            runs = [r for r in runs if len(r) >= lo]
            if runs:
                run = rnd.choice(runs)
                size = rnd.randint(lo, min(hi, len(run)))
                start = rnd.randrange(len(run) - size + 1)
                return run[start : start + size]
        raise ValueError("no CJK text to draw words from")

    queries["word"] = list(dict.fromkeys(word(2, 6) for _ in range(per_class)))
    pairs = []
    for _ in range(per_class):
        doc = rnd.choice(docs)
        runs = [r for r in CJK_RUN.findall(doc.title + "\n" + doc.text) if len(r) >= 2]
        a, b = rnd.choice(runs), rnd.choice(runs)
        a, b = a[: rnd.randint(2, min(4, len(a)))], b[-rnd.randint(2, min(4, len(b))) :]
        pairs.append(f"{a} {b}" if a != b else a)
    queries["two words"] = pairs
    s2t = opencc.OpenCC("s2t")
    traditional = []
    mixed = [q for trio in zip(queries["organisation"], queries["place"], queries["word"], strict=False) for q in trio]
    for candidate in [*mixed, *(word(2, 6) for _ in range(50 * per_class))]:
        converted = s2t.convert(candidate)
        if converted != candidate and converted not in traditional:
            traditional.append(converted)
        if len(traditional) >= per_class:
            break
    queries["traditional"] = traditional
    alphabet = sorted({ch for t in texts for ch in t if "\u4e00" <= ch <= "\u9fff"})
    made_up = [q for q in ("量子纠缠咖啡", "协会认可检测开放联盟日") if all(ch in alphabet for ch in q)]
    while len(made_up) < per_class:
        w = list(word(4, 6))
        rnd.shuffle(w)
        candidate = "".join(w)
        if not truth(docs, candidate) and candidate not in made_up:
            made_up.append(candidate)
    queries["made-up"] = made_up[:per_class]
    return queries


@dataclass
class Score:
    precision: float
    recall: float
    page_precision: float
    page_recall: float


def score(results: Sequence[int], want: set[int], page: int = PAGE) -> Score:
    """Precision and recall of the whole result list and of its first page. With nothing to
    find, an empty list scores 1 and anything else 0 (precision); recall is then 1."""
    got = set(results)
    first = list(results[:page])
    hit = len(got & want)
    return Score(
        precision=hit / len(got) if got else 1.0,
        recall=hit / len(want) if want else 1.0,
        page_precision=sum(1 for r in first if r in want) / len(first) if first else (1.0 if not want else 0.0),
        page_recall=sum(1 for r in first if r in want) / min(page, len(want)) if want else 1.0,
    )


def title_first(results: Sequence[int], titled: set[int]) -> bool:
    """The articles with the whole query in the title come before every other result."""
    k = len(titled)
    return set(results[:k]) == titled


# ------------------------------------------------------------------ build and index

#: Runs a command in a child and reports that child's own time and peak memory.
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
took = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": took, "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss * 1024,
                  "rc": done.returncode, "err": done.stderr[-800:]}))
"""

#: The search index built again from the built pages (text extraction included), in a child.
REINDEX = """
import re, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from plugins.searchfold import table
from plugins.searchindex.index import folder, html_to_text, read_docs, write_index
site, out = Path(sys.argv[2]), Path(sys.argv[3])
docs = read_docs(site / "search" / "index")
body = re.compile(r'<div class="article__body">(.*?)</div>\\s*<footer', re.S)
for d in docs:
    m = body.search((site / d.url / "index.html").read_text(encoding="utf-8"))
    d.text = html_to_text(m.group(1)) if m else ""
write_index(docs, out, folder(table()))
"""


def measured(argv: list[str]) -> dict:
    out = subprocess.run([sys.executable, "-c", MEASURE, *argv], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        sys.exit(f"{' '.join(argv[:4])}… failed:\n{result['err']}")
    return result


def build_site(content: Path, site: Path, fatal: str) -> dict:
    return measured(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-o",
            str(site),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-e",
            "HANT_ENABLED=false",
            "--fatal",
            fatal,
            "-q",
        ]
    )


def index_ours(site: Path, work: Path) -> dict:
    out = work / "reindex"
    shutil.rmtree(out, ignore_errors=True)
    result = measured([sys.executable, "-c", REINDEX, str(ROOT), str(site), str(out)])
    shutil.rmtree(out, ignore_errors=True)
    return result


def index_pagefind(site: Path) -> dict:
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    return measured([sys.executable, "-m", "pagefind", "--site", str(site), "--glob", PAGEFIND_GLOB, "--quiet"])


# ------------------------------------------------------------------ serving and the browser


class _Static(http.server.SimpleHTTPRequestHandler):
    """Serves like a static host: text gzip-compressed when the browser accepts it (GitHub
    Pages does); binary files as they are (ours and Pagefind's are compressed already)."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", "") and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Static, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

#: A page of the served site without the theme's CSP, from which Pagefind's JS API is driven.
BASELINE_PAGE = """<!DOCTYPE html><meta charset="utf-8"><title>baseline</title><script type="module">
const pf = await import("./pagefind/pagefind.js");
await pf.options({ excerptLength: 30 });
await pf.init();
window.pf = pf;
document.title = "ready";
</script>"""


def renderer_memory(browser: object) -> int:
    """Private memory (USS) of the largest renderer process: the search tab."""
    session = browser.new_browser_cdp_session()  # type: ignore[attr-defined]
    info = session.send("SystemInfo.getProcessInfo")
    best = 0
    for proc in info["processInfo"]:
        if proc.get("type") != "renderer":
            continue
        try:
            rollup = Path(f"/proc/{proc['id']}/smaps_rollup").read_text()
        except OSError:
            continue
        kb = sum(int(m.group(1)) for m in re.finditer(r"^Private_(?:Clean|Dirty):\s+(\d+) kB", rollup, re.M))
        best = max(best, kb * 1024)
    session.detach()
    return best


def _recorder(sizes: list[tuple[str, int]]) -> Callable[[object], None]:
    """A ``requestfinished`` handler adding (URL, bytes transferred) to ``sizes``."""

    def record(request: object) -> None:
        try:
            got = request.sizes()  # type: ignore[attr-defined]
        except Exception:  # the page closed meanwhile: nothing to count
            return
        sizes.append((request.url, got["responseBodySize"] + got["responseHeadersSize"]))  # type: ignore[attr-defined]

    return record


def _settle(page: object, before: str, query: str) -> None:
    page.wait_for_function(  # type: ignore[attr-defined]
        "([b, q]) => { const a = document.querySelector('#search-app');"
        " return (a.dataset.renderedAt || '0') !== b && document.querySelector('.search-status').textContent.includes(q); }",
        arg=[before, query],
        timeout=60_000,
    )


def ours(base: str, groups: dict[str, list[str]]) -> dict:
    """Our search page: first-query bytes, typed latencies, every query's results, memory."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context()
        page = context.new_page()
        sizes: list[tuple[str, int]] = []
        count_bytes = _recorder(sizes)
        page.on("requestfinished", count_bytes)
        started = time.perf_counter()
        page.goto(f"{base}search/?q={quote(TYPED[0])}")
        page.wait_for_selector("#search-app[data-facets]", timeout=60_000)
        page.wait_for_function("document.querySelectorAll('.search-result').length > 0")
        out["first_wall_ms"] = (time.perf_counter() - started) * 1000
        page.wait_for_load_state("networkidle")
        out["first_bytes"] = sum(s for _, s in sizes)
        out["first_requests"] = len(sizes)
        kinds: dict[str, int] = {}
        for url, size in sizes:
            path = url.split("?")[0].split("/", 3)[-1]
            kind = (
                "index shards"
                if "/index/s/" in url
                else "index keys of their own"
                if "/index/k/" in url
                else "result documents"
                if "/index/d/" in url
                else path.rsplit("/", 1)[-1] or "search page"
            )
            kinds[kind] = kinds.get(kind, 0) + size
        out["first_kinds"] = kinds
        page.remove_listener("requestfinished", count_bytes)

        page.evaluate(
            "() => document.querySelector('#search-q').addEventListener("
            "'input', () => { window.__t0 = performance.now(); }, true)"
        )
        box = page.locator("#search-q")
        latencies: list[tuple[str, float, int]] = []
        for rep in range(3):
            for q in TYPED[1:]:
                box.fill(q[:-1])
                page.wait_for_timeout(300)
                before = page.evaluate("document.querySelector('#search-app').dataset.renderedAt || '0'")
                box.press_sequentially(q[-1])
                _settle(page, before, q)
                took = page.evaluate("Number(document.querySelector('#search-app').dataset.renderedAt) - window.__t0")
                count = page.evaluate("document.querySelector('#search-app').searchResultIds().length")
                latencies.append((q, took, count))
            if rep == 0:
                out["memory_after_ten"] = renderer_memory(browser)
                out["queries_before_memory"] = 1 + len(TYPED[1:]) * 2  # each typed query searched its prefix too
        out["latencies"] = latencies

        results: dict[str, list[int]] = {}
        for queries in groups.values():
            for q in queries:
                before = page.evaluate("document.querySelector('#search-app').dataset.renderedAt || '0'")
                box.fill(q)
                box.press("Enter")
                _settle(page, before, q)
                results[q] = page.evaluate("document.querySelector('#search-app').searchResultIds()")
        out["results"] = results
        browser.close()
    return out


def baseline(base: str, groups: dict[str, list[str]], site: Path, full_limit: int) -> dict:
    """Pagefind 1.5.2 as the search before issue 14 used it (query folded to Simplified, newest
    first), through its JS API: bytes, latency, results."""
    from playwright.sync_api import sync_playwright

    (site / "pagefind-baseline.html").write_text(BASELINE_PAGE, encoding="utf-8")
    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_context().new_page()
        recorded: list[tuple[str, int]] = []
        count_bytes = _recorder(recorded)
        page.on("requestfinished", count_bytes)
        page.goto(f"{base}pagefind-baseline.html")
        page.wait_for_function("document.title === 'ready'", timeout=60_000)
        page.evaluate(
            """async (q) => { const s = await pf.search(q, { sort: { date: "desc" } });
            await Promise.all(s.results.slice(0, 10).map((r) => r.data())); await pf.filters(); }""",
            FOLD(TYPED[0]),
        )
        page.wait_for_load_state("networkidle")
        page.remove_listener("requestfinished", count_bytes)
        out["first_bytes"] = sum(size for url, size in recorded if not url.endswith("pagefind-baseline.html"))
        latencies = []
        for rep in range(3):
            for q in TYPED[1:]:
                took, count = page.evaluate(
                    """async ([prefix, q]) => {
                    await pf.search(prefix, { sort: { date: "desc" } });
                    const t0 = performance.now();
                    const s = await pf.search(q, { sort: { date: "desc" } });
                    await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
                    return [performance.now() - t0, s.results.length]; }""",
                    [FOLD(q[:-1]), FOLD(q)],
                )
                latencies.append((q, took, count))
            if rep == 0:
                out["memory_after_ten"] = renderer_memory(browser)
        out["latencies"] = latencies
        results: dict[str, tuple[list[str], int, bool]] = {}
        for queries in groups.values():
            for q in queries:
                urls, count, full = page.evaluate(
                    """async ([q, limit]) => {
                    const s = await pf.search(q, { sort: { date: "desc" } });
                    const full = s.results.length <= limit;
                    const take = full ? s.results : s.results.slice(0, 10);
                    const data = await Promise.all(take.map((r) => r.data()));
                    return [data.map((d) => d.url), s.results.length, full]; }""",
                    [FOLD(q), full_limit],
                )
                results[q] = ([u.lstrip("/") for u in urls], count, full)
        out["results"] = results
        browser.close()
    return out


# ------------------------------------------------------------------ report


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def report_quality(label: str, groups: dict[str, list[str]], scores: dict[str, Score], extra: Callable[[str], str]) -> None:
    print(f"  {label}: precision / recall, mean over the class (worst query in brackets)")
    print(f"    {'class':13} {'n':>3}  {'all results':^27}  {'first page (10)':^27}  notes")
    for cls in CLASSES:
        qs = [q for q in groups[cls] if q in scores]
        if not qs:
            continue
        s = [scores[q] for q in qs]

        def cell(values: list[float]) -> str:
            return f"{_mean(values):.3f} ({min(values):.2f})"

        print(
            f"    {cls:13} {len(qs):3}  {cell([x.precision for x in s]):>13} {cell([x.recall for x in s]):>13}"
            f"  {cell([x.page_precision for x in s]):>13} {cell([x.page_recall for x in s]):>13}  {extra(cls)}"
        )


def run(
    label: str, content: Path | None, n: int, work: Path, fatal: str, baseline_full: int, use_baseline: bool, per_class: int
) -> None:
    print(f"\n=== {label}")
    site = work / "site"
    if content is None:
        from bench.generate import generate

        content = work / "content"
        t = time.perf_counter()
        generate(n, content)
        print(f"generated {n} articles in {time.perf_counter() - t:.1f} s")
    shutil.rmtree(site, ignore_errors=True)
    built = build_site(content, site, fatal)
    print(
        f"Pelican build with the search index: {built['seconds']:.1f} s ({built['cpu']:.1f} s of CPU), "
        f"peak {built['peak'] / 2**20:.0f} MiB"
    )
    gib = 2**30
    mine = index_ours(site, work)
    print(
        f"search index on its own (from the built pages, text extraction included): {mine['seconds']:.1f} s "
        f"({mine['cpu']:.1f} s of CPU), peak {mine['peak'] / gib:.2f} GiB   [budget 20 s, 1.5 GB]"
    )
    index_dir = site / "search" / "index"
    files = [p for p in index_dir.rglob("*") if p.is_file()]
    print(f"  {len(files)} files, {sum(p.stat().st_size for p in files) / 2**20:.1f} MiB on disk")
    if use_baseline:
        pf = index_pagefind(site)
        print(
            f"baseline, Pagefind --glob {PAGEFIND_GLOB}: {pf['seconds']:.1f} s ({pf['cpu']:.1f} s of CPU), "
            f"peak {pf['peak'] / gib:.2f} GiB "
            f"(ratio ours/Pagefind: time {mine['seconds'] / pf['seconds']:.2f}, memory {mine['peak'] / pf['peak']:.2f})"
        )

    t = time.perf_counter()
    docs = load_truth(site)
    places = []
    for d in read_docs(index_dir):
        places += [v for v in (d.region, d.city) if v and v != "全国"]
        places += [v.removesuffix("省").removesuffix("市") for v in (d.region, d.city) if len(v) > 2]
    groups = make_queries(docs, places, per_class)
    truths = {q: truth(docs, q) for qs in groups.values() for q in qs}
    print(f"ground truth: {len(docs)} article pages read, {len(truths)} queries, in {time.perf_counter() - t:.1f} s")

    server, base = serve(site)
    try:
        mine_b = ours(base, groups)
        theirs = baseline(base, groups, site, baseline_full) if use_baseline else None
    finally:
        server.shutdown()

    scores = {q: score(mine_b["results"][q], truths[q]) for q in truths}
    made_up_zero = sum(1 for q in groups["made-up"] if not mine_b["results"][q])
    org_first = [q for q in groups["organisation"] if title_first(mine_b["results"][q], in_title(docs, q))]

    def notes(cls: str) -> str:
        if cls == "made-up":
            return f"{made_up_zero}/{len(groups[cls])} with no result"
        if cls == "organisation":
            return f"title matches first for {len(org_first)}/{len(groups[cls])}"
        return ""

    print("quality")
    report_quality("ours", groups, scores, notes)
    if theirs:
        url_id = {d.url: i for i, d in enumerate(docs)}
        base_scores = {}
        partial = 0
        for q, (urls, count, full) in theirs["results"].items():
            ids = [url_id[u] for u in urls if u in url_id]
            s = score(ids, truths[q])
            if not full:  # first page only: precision of the whole set bounded by |truth| / count
                partial += 1
                s.precision = min(1.0, len(truths[q]) / count) if count else 1.0
                s.recall = float("nan")
            base_scores[q] = s
        zero = sum(1 for q in groups["made-up"] if not theirs["results"][q][1])
        counts = {cls: _mean([theirs["results"][q][1] for q in groups[cls]]) for cls in CLASSES}

        def base_notes(cls: str) -> str:
            text = f"{counts[cls]:.0f} results on average"
            return text + (f"; {zero}/{len(groups[cls])} with no result" if cls == "made-up" else "")

        title = "baseline (Pagefind, newest first)"
        if partial:
            title += (
                f"; {partial} queries with more than {baseline_full} results: first page only, "
                "precision bounded by truth/results, recall not measured (nan)"
            )
        report_quality(title, groups, base_scores, base_notes)

    print("examples (ours): query -> results / articles containing it")
    for cls in CLASSES:
        q = groups[cls][0] if groups[cls] else None
        if q:
            print(f"    {cls:13} {q!r:24} {len(mine_b['results'][q]):6} / {len(truths[q])}")

    kb = mine_b["first_bytes"] / 1024
    print(
        f"first query '{TYPED[0]}' with facet counts: {kb:.0f} KB in {mine_b['first_requests']} requests, "
        f"{mine_b['first_wall_ms']:.0f} ms to results on screen   [budget 300 KB]"
    )
    for kind, size in sorted(mine_b["first_kinds"].items(), key=lambda kv: -kv[1]):
        print(f"    {kind:26} {size / 1024:7.1f} KB")
    if theirs:
        print(
            f"  baseline (Pagefind: script, WebAssembly, index, 10 fragments, filters): "
            f"{theirs['first_bytes'] / 1024:.0f} KB (ratio ours/Pagefind {mine_b['first_bytes'] / theirs['first_bytes']:.2f})"
        )
    lat = [t for _, t, _ in mine_b["latencies"]]
    worst = [t for q, t, _ in mine_b["latencies"] if q == "检验检测"]
    print(
        f"keystroke to rendered results: median {statistics.median(lat):.0f} ms, 检验检测 median "
        f"{statistics.median(worst):.0f} ms, max {max(lat):.0f} ms over {len(lat)}   [budget 300 ms, 600 ms]"
    )
    base_lat = {q: statistics.median(t for qq, t, _ in theirs["latencies"] if qq == q) for q in TYPED[1:]} if theirs else {}
    for q in TYPED[1:]:
        runs = [(t, c) for qq, t, c in mine_b["latencies"] if qq == q]
        line = f"    {q:8} {statistics.median(t for t, _ in runs):6.0f} ms  {runs[-1][1]:6} articles"
        if theirs:
            count = next(c for qq, _, c in theirs["latencies"] if qq == q)
            line += f"   baseline {base_lat[q]:6.0f} ms (search + 10 fragments)  {count:6} results"
        print(line)
    mem = mine_b["memory_after_ten"] / 2**20
    line = f"search tab after {mine_b['queries_before_memory']} searches: {mem:.0f} MiB private memory   [budget 150 MB]"
    if theirs:
        line += f"; baseline page after as many: {theirs['memory_after_ten'] / 2**20:.0f} MiB"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="generate this many articles (repeatable)")
    parser.add_argument("--dev-corpus", action="store_true", help="content/ plus ../shared/corpus/dev imported")
    parser.add_argument("--content", type=Path, help="a content directory as it is")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temp dir)")
    parser.add_argument("--no-baseline", action="store_true", help="skip Pagefind")
    parser.add_argument(
        "--baseline-full",
        type=int,
        default=1500,
        help="fetch every Pagefind result's page when there are at most this many (default 1500)",
    )
    parser.add_argument("--per-class", type=int, default=10, help="queries per class (default 10)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    root.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, Path | None, int, str]] = []
    if args.dev_corpus:
        content = root / "dev" / "content"
        shutil.rmtree(content, ignore_errors=True)
        shutil.copytree(ROOT / "content", content)
        subprocess.run(
            [sys.executable, "-m", "scrapers", "import", "--manifest", str(DEV_CORPUS), "--out", str(content / "articles")],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        jobs.append(("content/ + dev corpus", content, 0, "errors"))
    if args.content:
        jobs.append((str(args.content), args.content, 0, "errors"))
    for n in args.n or ([] if jobs else [1000]):
        jobs.append((f"generated, {n} articles", None, n, "errors"))
    for label, content, n, fatal in jobs:
        work = root / (f"n{n}" if content is None else "dev" if args.dev_corpus and content.parent.name == "dev" else "content")
        work.mkdir(parents=True, exist_ok=True)
        run(label, content, n, work, fatal, args.baseline_full, not args.no_baseline, args.per_class)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
