"""Our build against Hugo on the same generated archive: cold, then after small changes.

Usage::

    .venv/bin/python bench/build.py [--n 10000] [--content DIR] [--keep DIR] [--scenarios cold,edit]
        [--no-hugo] [--hugo-no-related] [--variants] [--profile] [--pagefind]

Generates N articles with bench/generate.py (unless ``--content`` names an existing
directory), copies them into the work directory (a temp dir unless ``--keep``; the
generated archive and the repository are never edited), converts them for Hugo (JSON front matter, the same Markdown) and runs,
each build in a fresh process, one after the other on the same trees:

1. ``cold``: empty output and no caches (ours: ``publishconf.py``; Hugo: ``bench/hugo``);
2. ``unchanged``: the same again, nothing changed;
3. ``edit``: one article's title and text edited;
4. ``add``: one new article (dated yesterday);
5. ``delete``: one article removed;
6. ``theme``: the footer of the base template changed (every page changes).

For each build it prints wall time, CPU time (user + system of the build process and its
children), peak memory (max RSS of the largest process, and the peak of the summed PSS of
the build's processes, sampled twice a second: our build renders in two processes, which
share most of their pages), the one-minute load average before and after, HTML pages in
the output, files written (new or with a new mtime) and files changed (new, removed or
different bytes), and each of ours as a ratio of Hugo's cold build in the same run. Hugo is Debian's ``hugo`` (0.111); without it
the Hugo columns are skipped with a message. ``--no-hugo`` skips it on purpose.

``--variants`` adds cold builds of ours in one process, without the Traditional copies
and without the search index, so what each costs is a difference
measured in the same run. ``--profile`` runs our cold build once more under cProfile (in
one process) and prints where the time goes. ``--pagefind`` times Pagefind over our cold build's article pages.

The machine these figures come from is shared and noisy: compare ratios within one run
of this script, and repeat it; seconds move with the load.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.generate import generate  # noqa: E402
from scrapers.core.article import Article, make_slug, parse  # noqa: E402
from tasks import PAGEFIND_GLOB  # noqa: E402  (one definition of what Pagefind indexes)

SITEURL = "https://example.github.io/tic-news-archive"
HUGO_DIR = ROOT / "bench" / "hugo"
SCENARIOS = ("cold", "unchanged", "edit", "add", "delete", "theme")
#: Where each side's base template says who made the site: the theme change edits it.
RELATED_BLOCK = "{{ with .Site.RegularPages.Related . | first 5 }}"
FOOTER = {"ours": "新闻内容版权归原作者及原发布单位所有", "hugo": "新闻内容版权归原作者及原发布单位所有"}


@dataclass
class Run:
    """One build: what it cost and what it did to the output tree."""

    side: str
    scenario: str
    seconds: float
    cpu: float
    peak_mib: float
    pages: int
    written: int
    changed: int
    pages_written: int
    returncode: int
    note: str = ""
    #: Peak of the summed proportional set size of the build and its child processes (our
    #: build forks a rendering worker: max RSS alone would count one process only).
    pss_mib: float = 0.0
    #: One-minute load average of the machine before and after the build.
    load: tuple[float, float] = (0.0, 0.0)


@dataclass
class Tree:
    """A snapshot of an output directory: path → (mtime_ns, size, digest)."""

    files: dict[str, tuple[int, int, str]] = field(default_factory=dict)

    @classmethod
    def scan(cls, root: Path) -> Tree:
        files = {}
        if root.exists():
            for p in root.rglob("*"):
                if p.is_file():
                    st = p.stat()
                    files[p.relative_to(root).as_posix()] = (
                        st.st_mtime_ns,
                        st.st_size,
                        hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest(),
                    )
        return cls(files)

    def pages(self) -> int:
        return sum(1 for k in self.files if k.endswith(".html"))

    def diff(self, before: Tree) -> tuple[int, int, int]:
        """(written: new or re-stamped files, changed: new, removed or different bytes, pages written)."""
        written = changed = pages = 0
        for k, (mtime, _, digest) in self.files.items():
            old = before.files.get(k)
            if old is None or old[0] != mtime:
                written += 1
                pages += k.endswith(".html")
            if old is None or old[2] != digest:
                changed += 1
        changed += sum(1 for k in before.files if k not in self.files)
        return written, changed, pages


def _tree_pss_kib(pid: int) -> int:
    """Proportional set size of a process and its descendants (shared pages counted once)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


class PssSampler(threading.Thread):
    """Samples the summed PSS of a process tree twice a second; ``peak_mib`` at the end."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.peak_kib = max(self.peak_kib, _tree_pss_kib(self.pid))

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024


#: The last run's peak summed PSS and load averages (read by the callers of :func:`run`).
LAST: dict[str, object] = {}


def run(argv: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> tuple[float, float, float, int, str]:
    """Run a command in a fresh process: wall seconds, CPU seconds, peak MiB, exit code, stderr tail.

    Peak MiB is the largest max RSS of the process or any of its children; the summed PSS
    of the whole tree and the load averages before and after go to :data:`LAST`.
    """
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    sampler = PssSampler(proc.pid)
    sampler.start()
    assert proc.stderr is not None
    err = proc.stderr.read()
    sampler.done.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    LAST.update(pss_mib=sampler.peak_mib, load=(load_before, os.getloadavg()[0]))
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, err.decode(errors="replace")[-3000:]


def _measured(r: Run) -> Run:
    """``r`` with the tree's peak PSS and the load averages of the run that made it."""
    return replace(r, pss_mib=float(LAST.get("pss_mib", 0.0)), load=LAST.get("load", (0.0, 0.0)))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- the two sides


class Ours:
    """Our build: ``publishconf.py`` on a copy of the content and of the theme."""

    side = "ours"

    def __init__(self, work: Path, content: Path, extra: list[str] | None = None, name: str = "ours") -> None:
        self.work = work
        self.content = content
        self.out = work / f"{name}-out"
        self.cache = work / f"{name}-cache"
        self.theme = work / "theme"
        self.extra = extra or []
        self.side = name

    def argv(self, *more: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "pelican",
            str(self.content),
            "-o",
            str(self.out),
            "-s",
            str(ROOT / "publishconf.py"),
            "--cache-path",
            str(self.cache),
            "-e",  # one -e with every setting: a second -e would replace the first
            f"THEME={json.dumps(str(self.theme))}",
            *self.extra,
            *more,
        ]

    def clean(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)

    def build(self, scenario: str) -> Run:
        if scenario == "cold":
            self.clean()
        before = Tree.scan(self.out)
        seconds, cpu, peak, code, err = run(self.argv(), {"SITEURL": SITEURL})
        after = Tree.scan(self.out)
        if code:
            print(f"{self.side} {scenario} failed ({code}):\n{err}", file=sys.stderr)
        return _measured(Run(self.side, scenario, seconds, cpu, peak, after.pages(), *after.diff(before), code))


class Hugo:
    """Hugo on the same articles with the minimal templates in bench/hugo/."""

    side = "hugo"

    def __init__(self, work: Path, binary: str, name: str = "hugo") -> None:
        self.binary = binary
        self.side = name
        self.site = work / f"{name}-site"
        self.out = work / f"{name}-out"
        self.cache = work / f"{name}-cache"

    def without_related(self, work: Path) -> Hugo:
        """The same site without the related lists (Hugo's ``.Related`` grows faster than the archive)."""
        other = Hugo(work, self.binary, "hugo-no-related")
        shutil.rmtree(other.site, ignore_errors=True)
        shutil.copytree(self.site, other.site, ignore=shutil.ignore_patterns("resources"))
        single = other.site / "layouts" / "_default" / "single.html"
        text = single.read_text(encoding="utf-8")
        assert RELATED_BLOCK in text, f"{single}: related block not found; update RELATED_BLOCK"
        single.write_text(text.replace(RELATED_BLOCK, "{{ with slice }}"), encoding="utf-8")
        return other

    def build(self, scenario: str) -> Run:
        if scenario == "cold":
            shutil.rmtree(self.out, ignore_errors=True)
            shutil.rmtree(self.cache, ignore_errors=True)
            shutil.rmtree(self.site / "resources", ignore_errors=True)
        before = Tree.scan(self.out)
        argv = [
            self.binary,
            "--source",
            str(self.site),
            "--destination",
            str(self.out),
            "--cacheDir",
            str(self.cache),
            "--cleanDestinationDir",
            "--quiet",
        ]
        seconds, cpu, peak, code, err = run(argv)
        after = Tree.scan(self.out)
        if code:
            print(f"{self.side} {scenario} failed ({code}):\n{err}", file=sys.stderr)
        return _measured(Run(self.side, scenario, seconds, cpu, peak, after.pages(), *after.diff(before), code))


def hugo_page(article: Article) -> str:
    """One of our articles as a Hugo content file: JSON front matter, the same Markdown body."""
    front = {
        "title": article.title,
        "date": article.date[:10],
        "slug": article.slug,
        "categories": [article.category],
        "tags": list(article.tags),
        "regions": [article.region],
        "cities": [article.city] if article.city else [],
        "sources": [article.source] if article.source else [],
        "years": [article.date[:4]],
        "months": [article.date[:7]],
        "summary": article.summary,
        "source_url": article.source_url,
    }
    return json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + article.body + "\n"


def write_hugo_article(site: Path, article: Article) -> None:
    (site / "content" / "articles" / f"{article.slug}.md").write_text(hugo_page(article), encoding="utf-8")


def prepare(work: Path, content: Path, hugo: bool) -> tuple[Path, list[Path]]:
    """Copies of the content, our theme and the Hugo site in ``work``; the article files."""
    ours_content = work / "content"
    shutil.copytree(content, ours_content)
    shutil.copytree(ROOT / "theme", work / "theme")
    files = sorted((ours_content / "articles").glob("*.md"))
    if hugo:
        site = work / "hugo-site"
        shutil.copytree(HUGO_DIR, site)
        (site / "content" / "articles").mkdir(parents=True)
        css = ROOT / "theme" / "static" / "css" / "style.css"
        (site / "static" / "css").mkdir(parents=True)
        shutil.copy2(css, site / "static" / "css" / "style.css")
        for f in files:
            write_hugo_article(site, parse(f.read_text(encoding="utf-8")))
    return ours_content, files


def change(scenario: str, work: Path, files: list[Path], hugo_site: Path | None) -> str:
    """Apply one scenario's change to both trees; say what was changed."""
    hugo = hugo_site is not None
    site = hugo_site or work / "hugo-site"
    if scenario == "edit":
        path = files[len(files) // 2]
        article = parse(path.read_text(encoding="utf-8"))
        edited = replace(article, title=article.title + "（更正）", body=article.body + "\n\n本文已根据原发布单位的更正修改。")
        path.write_text(edited.render(), encoding="utf-8")
        if hugo:
            write_hugo_article(site, edited)
        return f"edited {path.name}"
    if scenario == "add":
        template = parse(files[0].read_text(encoding="utf-8"))
        day = (date.today() - timedelta(days=1)).isoformat()
        slug = make_slug(day, "bench:added")
        added = replace(
            template,
            date=day,
            slug=slug,
            title="新增：" + template.title,
            source_url=f"https://news.example.cn/added/{slug[-8:]}.html",
        )
        path = files[0].parent / f"{slug}.md"
        path.write_text(added.render(), encoding="utf-8")
        if hugo:
            write_hugo_article(site, added)
        return f"added {path.name}"
    if scenario == "delete":
        path = files[len(files) // 3]
        slug = parse(path.read_text(encoding="utf-8")).slug
        path.unlink()
        if hugo:
            (site / "content" / "articles" / f"{slug}.md").unlink()
        return f"deleted {path.name}"
    if scenario == "theme":
        base = work / "theme" / "templates" / "base.html"
        text = base.read_text(encoding="utf-8")
        assert FOOTER["ours"] in text, f"{base}: footer text not found; update FOOTER in bench/build.py"
        base.write_text(text.replace(FOOTER["ours"], FOOTER["ours"] + "（测试）", 1), encoding="utf-8")
        if hugo:
            hbase = site / "layouts" / "_default" / "baseof.html"
            htext = hbase.read_text(encoding="utf-8")
            hbase.write_text(htext.replace(FOOTER["hugo"], FOOTER["hugo"] + "（测试）", 1), encoding="utf-8")
        return "footer of the base template"
    return ""


# ----------------------------------------------------------------------------- profile

#: Non-overlapping parts of our build, by the function that does each (cumulative time).
PROFILE_PARTS = (
    ("read Markdown (plugins.reader: markdown-it-py + nh3)", "plugins/reader/__init__.py", "read"),
    ("validate every article file", "plugins/validate/__init__.py", "validate"),
    ("related articles", "plugins/related/__init__.py", "attach"),
    ("share links (plugins.share)", "plugins/share/__init__.py", "attach"),
    ("search index: collect text", "plugins/searchindex/__init__.py", "collect"),
    ("search index: write", "plugins/searchindex/__init__.py", "write"),
    ("taxonomy: group terms", "plugins/taxonomy/__init__.py", "generate_context"),
    ("article pages (Pelican writer)", "pelican/generators.py", "generate_articles"),
    ("tag pages (Pelican)", "pelican/generators.py", "generate_tags"),
    ("category pages (Pelican)", "pelican/generators.py", "generate_categories"),
    ("home, archives, tags, categories, search (Pelican)", "pelican/generators.py", "generate_direct_templates"),
    ("Traditional copies (plugins.hant, from written pages)", "plugins/hant/__init__.py", "written"),
    ("  of which OpenCC", "opencc/__init__.py", "convert"),
    ("term pages (plugins.taxonomy)", "plugins/taxonomy/__init__.py", "generate_output"),
    ("feeds", "pelican/generators.py", "generate_feeds"),
    ("sitemap (plugins.seo)", "plugins/seo/__init__.py", "on_finalized"),
    ("  Jinja render, all pages", "jinja2/environment.py", "render"),
    ("  recording reads (plugins.incremental.trace)", "plugins/incremental/trace.py", "getattr_"),
    ("incremental: check and save the record", "plugins/incremental/__init__.py", "finish"),
    ("  markupsafe escape (autoescape)", "markupsafe/__init__.py", "escape"),
)


def profile(ours: Ours, n: int) -> None:
    """Our cold build under cProfile, in one process (cProfile sees only its own): where the time goes."""
    ours = Ours(ours.work, ours.content, [*ours.extra, "INCREMENTAL_WORKERS=1"], "ours-profile")
    ours.clean()
    out = ours.work / "profile.pstats"
    code = (
        "import sys, pelican\n"
        f"sys.argv = ['pelican'] + {ours.argv()[3:]!r}\n"
        "try:\n    pelican.main()\nexcept SystemExit:\n    pass\n"
    )
    argv = [sys.executable, "-c", f"import cProfile; cProfile.run({code!r}, {str(out)!r})"]
    seconds, _, _, rc, err = run(argv, {"SITEURL": SITEURL})
    if rc or not out.exists():
        print(f"profile failed ({rc}):\n{err}", file=sys.stderr)
        return
    stats = pstats.Stats(str(out))
    total = max(v[3] for v in stats.stats.values())  # the outermost call's cumulative time
    print(
        f"\nprofile of our cold build, {n} articles (cProfile: {seconds:.1f} s wall, roughly 2x slower"
        " than without it; shares are what to read)"
    )
    print(f"{'part':<52}{'seconds':>9}{'share':>8}")
    for label, file_part, func in PROFILE_PARTS:
        cum = sum(v[3] for (f, _, name), v in stats.stats.items() if name == func and file_part in f)
        print(f"{label:<52}{cum:>9.1f}{cum / total:>8.0%}")
    out.unlink()
    ours.clean()


# ----------------------------------------------------------------------------- main


def progress(r: Run) -> Run:
    """Say each build as it ends (a long run interrupted still leaves its figures)."""
    print(
        f"  {r.side} {r.scenario}: {r.seconds:.1f} s wall, {r.cpu:.1f} s cpu, {r.peak_mib:.0f} MiB max RSS, "
        f"{r.pss_mib:.0f} MiB PSS, load {r.load[0]:.1f}→{r.load[1]:.1f}, {r.pages} pages, "
        f"{r.written} written, {r.changed} changed",
        flush=True,
    )
    return r


def table(runs: list[Run], hugo_cold: Run | None) -> None:
    head = (
        f"{'build':<22}{'wall s':>8}{'cpu s':>8}{'peak MiB':>10}{'PSS MiB':>9}{'load':>11}"
        f"{'pages':>8}{'written':>9}{'changed':>9}"
    )
    print(head + ("   ours/hugo-cold  ours/hugo-same" if hugo_cold else ""))
    by = {(r.side, r.scenario): r for r in runs}
    for r in runs:
        flag = "" if r.returncode == 0 else f"  FAILED ({r.returncode})"
        line = (
            f"{r.side + ' ' + r.scenario:<22}{r.seconds:>8.1f}{r.cpu:>8.1f}{r.peak_mib:>10.0f}{r.pss_mib:>9.0f}"
            f"{f'{r.load[0]:.1f}→{r.load[1]:.1f}':>11}{r.pages:>8}{r.written:>9}{r.changed:>9}"
        )
        if hugo_cold and not r.side.startswith("hugo"):
            same = by.get((hugo_cold.side, r.scenario))
            line += f"{r.seconds / hugo_cold.seconds:>14.2f}x"
            line += f"{r.seconds / same.seconds:>15.2f}x" if same else ""
        print(line + flag)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--content", type=Path, help="use this content directory instead of generating")
    parser.add_argument("--keep", type=Path, help="work in this directory and leave it (default: a temp dir)")
    parser.add_argument("--no-hugo", action="store_true", help="do not run Hugo")
    parser.add_argument(
        "--hugo-no-related", action="store_true", help="Hugo without related lists in every scenario (for large archives)"
    )
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help=f"comma-separated subset of {SCENARIOS}")
    parser.add_argument("--variants", action="store_true", help="also cold builds: one process, no hant, no searchindex")
    parser.add_argument("--profile", action="store_true", help="also profile our cold build (cProfile)")
    parser.add_argument("--pagefind", action="store_true", help="also time Pagefind on our cold build")
    args = parser.parse_args()

    hugo_bin = None if args.no_hugo else shutil.which("hugo")
    if not args.no_hugo and hugo_bin is None:
        print("hugo not found (Debian: apt-get install hugo): Hugo columns skipped", file=sys.stderr)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    content = args.content
    if content is None:
        content = work / "generated"  # in the work directory (a temp dir unless --keep): removed with it
        started = time.perf_counter()
        generate(args.n, content)
        print(f"generated {args.n} articles in {time.perf_counter() - started:.1f} s → {content}")
    ours_content, files = prepare(work, content, hugo_bin is not None)
    n = len(files)
    ours = Ours(work, ours_content)
    hugo = Hugo(work, hugo_bin) if hugo_bin else None
    if hugo is not None and args.hugo_no_related:
        hugo = hugo.without_related(work)
    scenarios = [s for s in args.scenarios.split(",") if s]
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        sys.exit(f"unknown scenarios: {', '.join(sorted(unknown))}")

    runs: list[Run] = []
    notes: list[str] = []
    for scenario in scenarios:
        note = change(scenario, work, files, hugo.site if hugo is not None else None)
        if note:
            notes.append(f"{scenario}: {note}")
        if scenario == "delete":
            files = sorted((ours_content / "articles").glob("*.md"))
        # Alternate which side goes first, so neither always runs on a warmer page cache.
        sides = [ours, hugo] if len(runs) % 4 == 0 else [hugo, ours]
        for side in sides:
            if side is not None:
                runs.append(progress(side.build(scenario)))
        if scenario == "cold" and args.pagefind:
            argv = [sys.executable, "-m", "pagefind", "--site", str(ours.out), "--glob", PAGEFIND_GLOB, "--quiet"]
            seconds, cpu, peak, code, _ = run(argv)
            runs.append(Run("pagefind", "articles", seconds, cpu, peak, 0, 0, 0, 0, code))
    if args.variants:
        for name, extra in (
            ("ours-one-process", ["INCREMENTAL_WORKERS=1"]),
            ("ours-no-hant", ["HANT_ENABLED=false"]),
            ("ours-no-search", ["PLUGINS=" + json.dumps(_plugins_without("plugins.searchindex"))]),
        ):
            runs.append(progress(Ours(work, ours_content, extra, name).build("cold")))
        if hugo is not None and not args.hugo_no_related:
            runs.append(progress(hugo.without_related(work).build("cold")))

    hugo_cold = next((r for r in runs if r.side.startswith("hugo") and r.scenario == "cold"), None)
    print(
        f"\narticles: {n}   Pelican {__import__('pelican').__version__}"
        + (f", {subprocess.run([hugo_bin, 'version'], capture_output=True, text=True).stdout.split()[1]}" if hugo_bin else "")
        + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    for note in notes:
        print(f"  {note}")
    table(runs, hugo_cold)
    by = {(r.side, r.scenario): r for r in runs}
    cold = by.get(("ours", "cold"))
    if cold:
        for variant, what in (
            ("ours-one-process", "a second rendering process (negative: it saves time)"),
            ("ours-no-hant", "Traditional copies"),
            ("ours-no-search", "search index"),
        ):
            v = by.get((variant, "cold"))
            if v:
                print(
                    f"{what}: {cold.seconds - v.seconds:+.1f} s wall, {cold.cpu - v.cpu:+.1f} s cpu "
                    f"({(cold.cpu - v.cpu) / cold.cpu:.0%} of our cold build's cpu)"
                )
        targets(by, n)
        print(
            f"per article, cold: ours {cold.seconds / n * 1000:.2f} ms"
            + (f", hugo {hugo_cold.seconds / n * 1000:.2f} ms" if hugo_cold else "")
        )
    if args.profile:
        profile(ours, n)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if any(r.returncode for r in runs):
        sys.exit(1)


def targets(by: dict[tuple[str, str], Run], n: int) -> None:
    """The issue's targets, as ratios of this run's own measurements (wall and CPU)."""
    cold = by.get(("ours", "cold"))
    for base_name in ("hugo", "hugo-no-related"):
        base = by.get((base_name, "cold"))
        if cold is None or base is None:
            continue
        print(f"\nagainst {base_name} cold ({base.seconds:.1f} s wall, {base.cpu:.1f} s cpu):")
        for scenario, goal in (("cold", 2.0), ("edit", 0.5), ("add", 0.5)):
            r = by.get(("ours", scenario))
            if r is None:
                continue
            wall, cpu = r.seconds / base.seconds, r.cpu / base.cpu
            verdict = "met" if wall <= goal else "not met"
            print(f"  ours {scenario:<6} {wall:5.2f}x wall, {cpu:5.2f}x cpu   (goal <= {goal}x: {verdict})")
    if cold is not None:
        print(
            f"  ours cold: {cold.seconds / 60:.1f} min wall, peak {cold.pss_mib:.0f} MiB summed PSS of its processes "
            f"({cold.peak_mib:.0f} MiB max RSS of one); the 100,000-article goals are <= 10 min and <= 4096 MiB"
        )
    edit = by.get(("ours", "edit"))
    if edit is not None and edit.pages:
        print(
            f"  one edit: {edit.pages_written} pages written ({edit.pages_written / edit.pages:.2%} of {edit.pages}), "
            f"{edit.written} files written, {edit.changed} changed"
        )
    print()


def _plugins_without(name: str) -> list[str]:
    """Our PLUGINS setting minus one plugin (to measure what it costs)."""
    import pelicanconf

    return [p for p in pelicanconf.PLUGINS if p != name]


if __name__ == "__main__":
    main()
