"""The scheduled scrape's pull request: carry unmerged items forward, describe what changed.

The scrape workflow (``.github/workflows/scrape.yml``) runs on a fresh checkout of
``main`` every morning, fetches, and then opens or updates one pull request. Two steps of
that need git and judgement, so they live here, where the tests can run them:

``python -m scrapers.scrape_pr carry [--branch scrape/daily]``
    Before fetching, copy into the working tree the articles that the open pull request's
    branch added or changed and ``main`` has not touched since. The pull request is
    re-made from ``main`` each run, so without this, items fetched yesterday (and an
    editor's fixes to them on the branch) would drop out of it when a source stops
    listing them. An article changed on both sides keeps ``main``'s version.

``python -m scrapers.scrape_pr body [--log fetch.log] [--out pr-body.md]``
    After fetching, describe every new and changed article (title, source, category,
    region and city, its ``Review`` flags and what ``invoke check`` says about it), so an
    editor reviews the whole batch in one place. Changes are read from ``git status``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .article import ArticleFormatError, parse
from .check import ARTICLES, ROOT, Finding, check_files, display_path

BRANCH = "scrape/daily"
#: GitHub refuses pull request descriptions longer than 65,536 characters.
BODY_LIMIT = 60_000


def _git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


def carry(repo: Path = ROOT, root: Path = ARTICLES, branch: str = BRANCH, remote: str = "origin") -> list[str]:
    """Bring the open scrape branch's unmerged articles into the working tree; returns their paths."""
    if _git("ls-remote", "--exit-code", "--heads", remote, branch, cwd=repo, check=False).returncode != 0:
        return []
    tracking = f"refs/remotes/{remote}/{branch}"
    _git("fetch", "--no-tags", "--quiet", remote, f"+refs/heads/{branch}:{tracking}", cwd=repo)
    base = _git("merge-base", "HEAD", tracking, cwd=repo).stdout.strip()
    rel = str(root.resolve().relative_to(repo.resolve()))
    theirs = _git("diff", "--name-only", "--diff-filter=AM", base, tracking, "--", rel, cwd=repo).stdout.split()
    ours = set(_git("diff", "--name-only", base, "HEAD", "--", rel, cwd=repo).stdout.split())
    carried = []
    for path in theirs:
        if path in ours:
            print(f"kept main's version of {path} (changed on main and on {branch})")
            continue
        text = _git("show", f"{tracking}:{path}", cwd=repo).stdout
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
        carried.append(path)
    print(f"carried {len(carried)} article{'s' * (len(carried) != 1)} forward from {branch}")
    return carried


@dataclass(frozen=True)
class Changes:
    new: list[Path]
    changed: list[Path]
    removed: list[Path]


def changes(repo: Path = ROOT, root: Path = ARTICLES) -> Changes:
    """New, changed and removed article files in the working tree, compared with ``HEAD``."""
    rel = str(root.resolve().relative_to(repo.resolve()))
    out = _git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", rel, cwd=repo).stdout
    new, changed, removed = [], [], []
    for entry in filter(None, out.split("\0")):
        status, path = entry[:2], repo / entry[3:]
        if path.suffix != ".md":
            continue
        if status in ("??", "A ", "AM"):
            new.append(path)
        elif "D" in status:
            removed.append(path)
        elif "M" in status:
            changed.append(path)
    return Changes(sorted(new), sorted(changed), sorted(removed))


def _item(path: Path, repo: Path, findings: list[Finding]) -> str:
    rel = path.relative_to(repo).as_posix()
    try:
        a = parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ArticleFormatError) as exc:
        return f"- `{rel}`: cannot be read ({exc})"
    title = a.title or "（无标题）"
    link = f"[{title}]({a.source_url})" if a.source_url else title
    place = " ".join(p for p in (a.region, a.city) if p) or "—"
    lines = [f"- **{link}**  ", f"  {a.source or '来源未知'} · {a.category or '—'} · {place} · {a.date} · `{rel}`"]
    if a.review:
        lines += [f"  - Review: {flag}" for flag in a.review.split("；") if flag]
    for f in findings:
        kind = "error" if f.error else "warning"
        lines.append(f"  - {kind}: line {f.line}, {f.field}: {f.message}")
    return "\n".join(lines)


def body(repo: Path = ROOT, root: Path = ARTICLES, log: Path | None = None) -> str:
    """The pull request description (Markdown) for the current working-tree changes."""
    found = changes(repo, root)
    checked = [*found.new, *found.changed]
    # Review lines are listed as such, not repeated as check warnings.
    findings = [f for f in check_files(checked, root) if f.field != "Review"] if checked else []
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    errors = sum(f.error for f in findings)
    reviews = sum(1 for p in checked if _has_review(p))
    parts = [
        "Articles fetched by the scheduled scrape. Review each item below: fix what the check or a "
        "Review flag points at directly on this branch (edit the file on GitHub, or check the branch "
        "out), delete the Review line once checked, then merge to publish.",
        "",
        f"**{len(found.new)} new, {len(found.changed)} changed, {len(found.removed)} removed** · "
        f"{reviews} with Review flags · content check: {errors} error{'s' * (errors != 1)}, "
        f"{len(findings) - errors} warning{'s' * (len(findings) - errors != 1)}"
        + (" (the checks fail until the errors are fixed)" if errors else ""),
    ]
    for heading, paths in (("New articles", found.new), ("Changed articles", found.changed)):
        if paths:
            parts += ["", f"### {heading} ({len(paths)})", ""]
            parts += [_item(p, repo, by_file.get(display_path(p), [])) for p in paths]
    if found.removed:
        parts += ["", f"### Removed ({len(found.removed)})", ""]
        parts += [f"- `{p.relative_to(repo).as_posix()}`" for p in found.removed]
    if log is not None and log.is_file():
        text = log.read_text(encoding="utf-8", errors="replace").strip()
        summary = text.splitlines()[-1] if text else "(empty)"
        parts += ["", f"Fetch: {summary}", "", "<details><summary>Fetch log</summary>", "", "```",
                  text[-20_000:], "```", "", "</details>"]
    out = "\n".join(parts) + "\n"
    if len(out) > BODY_LIMIT:
        cut = out.rfind("\n- ", 0, BODY_LIMIT - 200)
        out = out[:cut] + "\n\n… the list is cut here (GitHub's limit); see the Files changed tab for the rest.\n"
    return out


def _has_review(path: Path) -> bool:
    try:
        return bool(parse(path.read_text(encoding="utf-8")).review)
    except (OSError, UnicodeDecodeError, ArticleFormatError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.scrape_pr", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", default=str(ROOT), help="the git checkout (default: this repository)")
    parser.add_argument("--root", default=str(ARTICLES), help="the articles directory (default content/articles/)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("carry", help="copy the open scrape branch's unmerged articles into the working tree")
    p.add_argument("--branch", default=BRANCH)
    p.add_argument("--remote", default="origin")
    p = sub.add_parser("body", help="write the pull request description for the working-tree changes")
    p.add_argument("--log", help="the fetch command's output, summarised and attached")
    p.add_argument("--out", help="write here instead of printing")
    args = parser.parse_args(argv)
    repo, root = Path(args.repo), Path(args.root)
    if args.command == "carry":
        carry(repo, root, args.branch, args.remote)
        return 0
    text = body(repo, root, Path(args.log) if args.log else None)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(text.split("\n\n")[1])
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
