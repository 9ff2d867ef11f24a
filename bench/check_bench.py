"""How long the content check takes on a large archive (not part of ``make test``).

Usage: ``.venv/bin/python bench/check_bench.py [--count 10000] [--keep DIR]``

Writes ``--count`` articles made from the ones in ``content/articles`` into a temporary
directory, then times, each in a fresh process as an editor would run them:

- ``invoke check`` on one file of that archive (cross-file checks still read all of it);
- ``invoke check`` on the whole archive;
- ``python -m scrapers.editors.check`` on one file of the real ``content/articles``.

The generated articles differ in slug, date, source URL and in roughly a third of their
characters (drawn from the seeds' own characters, so the text stays Simplified and
the near-duplicate index sees distinct bodies); about one in a hundred is a deliberate
near-duplicate of another, so that path is exercised too. Separate from
``bench/generate.py`` (the site-size generator), which serves other purposes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fixtures.archive import SEEDS, generate  # noqa: E402


def _time(argv: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done.returncode, done.stdout + done.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keep", help="write the articles here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp) / "articles"
        start = time.perf_counter()
        files = generate(args.count, out)
        print(f"generated {len(files)} articles in {time.perf_counter() - start:.1f}s ({out})")
        invoke = str(Path(sys.executable).with_name("invoke"))
        runs = {
            "invoke check, 1 file of the real content/articles":
                [invoke, "check", "--", str(sorted(SEEDS.glob("*.md"))[0])],
            f"invoke check, 1 file of {len(files)}": [invoke, "check", "--root", str(out), "--", str(files[0])],
            f"invoke check, all {len(files)}": [invoke, "check", "--root", str(out)],
        }
        for label, cmd in runs.items():
            seconds, code, output = _time(cmd)
            last = output.strip().splitlines()[-1] if output.strip() else ""
            print(f"{label}: {seconds:.2f}s (exit {code}; {last})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
