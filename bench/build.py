"""Cold build of a generated archive: our plugins and theme against stock Pelican, one run.

Usage: ``.venv/bin/python bench/build.py [--n 10000] [--content DIR] [--pagefind]``

Generates N articles with bench/generate.py (unless ``--content`` names an existing
directory), then times, each in a fresh process with an empty output directory:

- ``stock``: Pelican 4.12 with its default settings and theme, no plugins, same articles;
- ``ours``: publishconf.py (our six plugins, our theme, feeds, sitemap, Traditional copies);
- ``ours-no-hant``: the same with ``HANT_ENABLED=false``, so the difference is what the
  Traditional copies (OpenCC at build time) cost;
- with ``--pagefind``: Pagefind indexing of our build, separately.

Prints wall time, files written and peak memory (max RSS of the build process) for each,
and the ours/stock time ratio. Machines here are shared and noisy: compare ratios across
runs of this script, not seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.generate import DEFAULT_OUT, generate  # noqa: E402
from tasks import PAGEFIND_GLOB  # noqa: E402  (one definition of what search indexes)

STOCK_SETTINGS = """\
# Stock Pelican: defaults everywhere; only what tells Pelican where the content is. The two
# pages (about, 404) are left out: the 404 page asks for a template only our theme has.
PATH = {path!r}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = []
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
SITENAME = "stock"
"""


@dataclass
class Run:
    name: str
    seconds: float
    peak_mib: float
    files: int
    returncode: int


def timed(name: str, argv: list[str], out: Path | None, env: dict[str, str] | None = None) -> Run:
    """Run a command in a fresh process; wall time and its own peak RSS (via wait4)."""
    if out is not None and out.exists():
        shutil.rmtree(out)
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(f"{name} failed ({proc.returncode}):\n{err.decode(errors='replace')[-3000:]}", file=sys.stderr)
    files = sum(1 for p in out.rglob("*") if p.is_file()) if out is not None and out.exists() else 0
    return Run(name, seconds, usage.ru_maxrss / 1024, files, proc.returncode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--content", type=Path, help="use this content directory instead of generating")
    parser.add_argument("--pagefind", action="store_true", help="also time Pagefind on our build")
    parser.add_argument("--keep", type=Path, help="leave the builds in this directory")
    args = parser.parse_args()

    content = args.content
    if content is None:
        content = DEFAULT_OUT
        started = time.perf_counter()
        generate(args.n, content)
        print(f"generated {args.n} articles in {time.perf_counter() - started:.1f} s → {content}")
    n = sum(1 for _ in (content / "articles").glob("*.md"))
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    stock_settings = work / "stock_settings.py"
    stock_settings.write_text(STOCK_SETTINGS.format(path=str(content)), encoding="utf-8")
    py = sys.executable
    pelican = [py, "-m", "pelican", str(content)]
    site = "https://example.github.io/tic-news-archive"
    runs = [
        timed("stock", [*pelican, "-o", str(work / "stock"), "-s", str(stock_settings)], work / "stock"),
        timed("ours", [*pelican, "-o", str(work / "ours"), "-s", str(ROOT / "publishconf.py")], work / "ours",
              {"SITEURL": site}),
        timed("ours-no-hant", [*pelican, "-o", str(work / "ours-no-hant"), "-s", str(ROOT / "publishconf.py"),
                               "-e", "HANT_ENABLED=false"], work / "ours-no-hant", {"SITEURL": site}),
    ]
    if args.pagefind:
        argv = [py, "-m", "pagefind", "--site", str(work / "ours"), "--glob", PAGEFIND_GLOB, "--quiet"]
        runs.append(timed("pagefind", argv, None))

    print(f"\narticles: {n}   (cold builds, one process each; Pelican {__import__('pelican').__version__})")
    print(f"{'build':<14}{'seconds':>9}{'files':>9}{'peak MiB':>10}")
    for r in runs:
        flag = "" if r.returncode == 0 else f"  FAILED ({r.returncode})"
        print(f"{r.name:<14}{r.seconds:>9.1f}{r.files:>9}{r.peak_mib:>10.0f}{flag}")
    by = {r.name: r for r in runs}
    stock, ours, plain = by["stock"], by["ours"], by["ours-no-hant"]
    print(f"\nratio ours/stock time: {ours.seconds / stock.seconds:.2f}x   "
          f"peak memory ours/stock: {ours.peak_mib / stock.peak_mib:.2f}x")
    hant = ours.seconds - plain.seconds
    print(f"Traditional copies (OpenCC at build time): +{hant:.1f} s ({hant / ours.seconds:.0%} of our build), "
          f"+{ours.files - plain.files} files")
    print(f"per article: ours {ours.seconds / n * 1000:.1f} ms, stock {stock.seconds / n * 1000:.1f} ms")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if any(r.returncode for r in runs):
        sys.exit(1)


if __name__ == "__main__":
    main()
