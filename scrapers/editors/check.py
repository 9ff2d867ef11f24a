"""``invoke check`` / ``python -m scrapers.editors.check [FILE...]``: the content rules, for editors.

Prints one finding per line as ``file:line: field: message`` and exits 1 when any is an
error. Warnings (``warning:`` before the message) are shown but do not fail: an unknown
tag or a stray Traditional character is worth a look, never worth blocking a publication.
The rules themselves, and which are errors, live in :mod:`scrapers.core.rules`, the one
engine the site build and the normaliser use too; this module only reads the command
line and prints (``--format github`` also pins each finding to its line on a pull request).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from scrapers.core.article import iter_article_files
from scrapers.core.rules import ARTICLES, RULES, Finding, Stage, check_files


def rules_table() -> str:
    """The one severity table as editors read it: one line per rule."""
    width = max(map(len, RULES))
    lines = [f"{'rule':<{width}}  {'severity':<8}  {'runs in':<24}  asks"]
    for rule in RULES.values():
        stages = ", ".join(stage for stage in Stage if stage in rule.stages)
        lines.append(f"{rule.name:<{width}}  {rule.severity:<8}  {stages:<24}  {rule.asks}")
    return "\n".join(lines)


def github_annotation(f: Finding) -> str:
    """A GitHub Actions workflow command that pins the finding to its line in the diff."""
    def esc(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    kind = "error" if f.error else "warning"
    return f"::{kind} file={esc(f.path, True)},line={max(f.line, 1)},title={esc(f.field, True)}::{esc(f.message)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.editors.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", metavar="FILE", help="articles to check (default: all under --root)")
    parser.add_argument("--root", default=str(ARTICLES),
                        help="the articles directory the files are compared with (default content/articles/)")
    parser.add_argument("--today", type=date.fromisoformat, help="check dates against this day (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: also emit workflow commands, so findings show on the pull request's files")
    parser.add_argument("--rules", action="store_true",
                        help="print the table of rules (severity, where each runs, what it asks) and exit")
    args = parser.parse_args(argv)
    if args.rules:
        print(rules_table())
        return 0
    root = Path(args.root)
    files = [Path(f) for f in args.files] if args.files else None
    findings = check_files(files, root, args.today)
    for f in findings:
        print(f)
        if args.format == "github":
            print(github_annotation(f))
    errors = sum(f.error for f in findings)
    count = len({os.path.abspath(f) for f in files}) if files is not None else len(iter_article_files(root))
    print(f"checked {count} article{'s' * (count != 1)}: {errors} error{'s' * (errors != 1)}, "
          f"{len(findings) - errors} warning{'s' * (len(findings) - errors != 1)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
