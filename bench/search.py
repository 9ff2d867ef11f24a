"""Search budgets on a generated archive: bytes, keystroke-to-results time, index build cost.

Usage: ``.venv/bin/python bench/search.py [--n 10000] [--keep DIR]``

1. Generates N articles with ``bench/generate.py`` and builds them with our settings and
   plugins (the Traditional copies off: they are not indexed and only cost build time).
2. Indexes the build with Pagefind twice, each in its own process so peak memory is its
   own: the way ``invoke build`` does it (``--glob`` over the article pages only), and the
   baseline of Pagefind over every page of the site. Prints time, peak memory, the ratio.
3. Serves the site on 127.0.0.1 and drives Debian's Chromium: bytes transferred from
   opening the search page to the first query's results on screen (everything: HTML, CSS,
   our script, the fold table, Pagefind's script, worker, WebAssembly, index chunks,
   filters and the result fragments; text gzip-compressed as a static host serves it),
   then the time from a
   keystroke to rendered results for several queries typed into the warm page.

Targets (issue 7): first query <= 300 KB, keystroke to results <= 300 ms, index build
<= 20 s and <= 1.5 GB. The machines are shared: compare ratios and repeat.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from tasks import PAGEFIND_GLOB  # noqa: E402

#: The first is the first query measured; the rest are typed into the warm page. 检验检测 is in
#: nearly every article of a TIC archive: the worst case, not the typical one.
QUERIES = ("促进会", "检验检测", "開放日", "世界认可日", "联盟", "浙江", "杭州")

#: Runs Pagefind in a child and reports that child's own peak memory (a fresh process, so
#: the Pelican build's memory is not counted).
MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"seconds": took, "peak": peak, "rc": done.returncode, "err": done.stderr[-400:]}))
"""


def index(site: Path, glob: str | None) -> dict:
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    argv = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
    if glob:
        argv += ["--glob", glob]
    out = subprocess.run([sys.executable, "-c", MEASURE, *argv], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] != 0:
        sys.exit(f"pagefind failed: {result['err']}")
    return result


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves like a static host: text files gzip-compressed when the browser accepts it
    (GitHub Pages does; Pagefind's own chunks are compressed already)."""

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
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def browser_figures(base: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        # Page-level request events include those of Pagefind's Web Worker (index chunks).
        sizes: list[tuple[str, int]] = []
        page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"]
                                                           + r.sizes()["responseHeadersSize"])))
        page.goto(f"{base}search/?q={quote(QUERIES[0])}")
        page.wait_for_selector("#search-app[data-facets]")
        page.wait_for_load_state("networkidle")
        with_facets = sum(size for _, size in sizes)
        # A query without filters loads no filter chunk: those come only with the facet counts,
        # which the page fetches after the results are on screen.
        first_bytes = sum(size for url, size in sizes if not url.split("?")[0].endswith(".pf_filter"))
        by_kind: dict[str, int] = {}
        for url, size in sizes:
            name = url.rsplit("/", 1)[-1].split("?")[0]
            kind = name.rsplit(".", 1)[-1] if "." in name else "html"
            by_kind[kind] = by_kind.get(kind, 0) + size
        requests = len(sizes)

        page.evaluate("""() => document.querySelector('#search-q').addEventListener(
            'input', () => { window.__t0 = performance.now(); }, true)""")
        latencies: list[tuple[str, float, str]] = []
        box = page.locator("#search-q")
        for q in QUERIES[1:] * 3:
            box.fill(q[:-1])  # the prefix searches and settles first
            page.wait_for_timeout(400)
            before = page.evaluate("document.querySelector('#search-app').dataset.renderedAt || '0'")
            box.press_sequentially(q[-1])  # the keystroke we time (from its input event)
            # the render of the whole query (a late render of the prefix does not count)
            page.wait_for_function(
                "([b, q]) => (document.querySelector('#search-app').dataset.renderedAt || '0') !== b"
                " && Number(document.querySelector('#search-app').dataset.renderedAt) > window.__t0"
                " && document.querySelector('.search-status').textContent.includes(q)",
                arg=[before, q], timeout=20_000)
            took = page.evaluate("Number(document.querySelector('#search-app').dataset.renderedAt) - window.__t0")
            latencies.append((q, took, page.inner_text(".search-status")))
        browser.close()
    return {"first_query_bytes": first_bytes, "with_facets": with_facets, "by_kind": by_kind,
            "latencies": latencies, "requests": requests}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: reuse the site built there (copying in the theme's current static files)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    content, site = work / "content", work / "site"
    if args.reuse and args.keep and (site / "index.html").exists():
        shutil.copytree(ROOT / "theme" / "static", site / "theme", dirs_exist_ok=True)
        print(f"reusing {site}")
    else:
        t = time.perf_counter()
        generate(args.n, content)
        print(f"generated {args.n} articles in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pelican", str(content), "-o", str(site), "-s",
                        str(ROOT / "pelicanconf.py"), "-e", "HANT_ENABLED=false", "--fatal", "errors", "-q"],
                       check=True, cwd=ROOT)
        print(f"built the site in {time.perf_counter() - t:.1f} s")

    every = index(site, None)
    ours = index(site, PAGEFIND_GLOB)
    gib = 1024 ** 3
    print(f"pagefind, every page (baseline): {every['seconds']:6.1f} s  peak {every['peak'] / gib:.2f} GiB")
    print(f"pagefind, --glob {PAGEFIND_GLOB}: {ours['seconds']:6.1f} s  peak {ours['peak'] / gib:.2f} GiB")
    print(f"ratio glob/every: time {ours['seconds'] / every['seconds']:.2f}  memory {ours['peak'] / every['peak']:.2f}")

    server, base = serve(site)
    try:
        figures = browser_figures(base)
    finally:
        server.shutdown()
    kb = figures["first_query_bytes"] / 1024
    print(f"first query '{QUERIES[0]}': {kb:.0f} KB in {figures['requests']} requests "
          "(text gzip-compressed, as a static host serves it)")
    print(f"  then {figures['with_facets'] / 1024:.0f} KB once the facet counts have loaded; all requests by kind:")
    for kind, size in sorted(figures["by_kind"].items(), key=lambda kv: -kv[1]):
        print(f"    {kind:14} {size / 1024:7.1f} KB")
    lat = [took for _, took, _ in figures["latencies"]]
    print(f"keystroke to rendered results: median {statistics.median(lat):.0f} ms, max {max(lat):.0f} ms "
          f"over {len(lat)} queries; by query (median, matches):")
    for q in QUERIES[1:]:
        runs = [(took, status) for query, took, status in figures["latencies"] if query == q]
        matches = re.search(r"找到 (\d+) 篇", runs[-1][1])
        print(f"    {q:6} {statistics.median(t for t, _ in runs):6.0f} ms  {matches.group(1) if matches else 0:>6} articles")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
