"""The scheduled scrape's pull request: carry unmerged items forward, describe what changed.

The scrape workflow (``.github/workflows/scrape.yml``) runs on a fresh checkout of
``main`` every morning, fetches, and then opens or updates one pull request. The steps of
that need git and judgement, so they live here, where the tests can run them:

``python -m scrapers.ci.scrape_pr carry [--branch scrape/daily]``
    Before fetching, copy into the working tree the articles that the open pull request's
    branch added or changed and ``main`` has not touched since. The pull request is
    re-made from ``main`` each run, so without this, items fetched yesterday (and an
    editor's fixes to them on the branch) would drop out of it when a source stops
    listing them. An article changed on both sides keeps ``main``'s version.

    Articles the branch added and an editor has deleted there since are recorded as
    rejected (:mod:`scrapers.rejected`), and the record on the branch is merged into the
    working tree's, so the next fetch does not offer them again.

``python -m scrapers.ci.scrape_pr reject --ref REF [--reason …]``
    When the last scrape pull request was closed without merging (the workflow fetches its
    head as ``REF``), record every article it added as rejected, and keep its record.

``python -m scrapers.ci.scrape_pr prune [--report skipped.json]``
    After fetching, remove the new articles that repeat a rejected item (same URL, same or
    nearly the same text; see :mod:`scrapers.rejected`) and say which (the description
    counts them).

``python -m scrapers.ci.scrape_pr body [--log fetch.log] [--skipped skipped.json] [--out pr-body.md]``
    After fetching, describe every new and changed article (title, source, category,
    region and city, its ``Review`` flags and what ``invoke check`` says about it), so an
    editor reviews the whole batch in one place. Changes are read from ``git status``.
    Above the articles, the sources that failed (went silent) or warned in the last run,
    from the health record ``fetch`` writes, with how long each has been silent.

``python -m scrapers.ci.scrape_pr export DIR [--record FILE]``
    Copy the new and changed articles (regular ``*.md`` files directly in the articles
    directory, nothing else) into ``DIR``, and the rejection record into ``FILE`` when it
    changed. The workflow's fetch job, which parses hostile
    pages, has a read-only token; it hands ``DIR`` and the description to a second job as
    an artifact, and only that job, which runs none of this code, holds a token that can
    push and open the pull request.

Everything in the description that came from a scraped page (titles, URLs, sources,
places, Review flags, check messages, the fetch log) is rendered as inert text: a
headline must not be able to mention people, reference issues, show images, add links
or raw HTML to the pull request, or break out of its list item (see :func:`md_text`).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from scrapers.core.article import ArticleFormatError, parse
from scrapers.core.rules import ARTICLES, ROOT, TIMEZONE, Finding, check_files, display_path
from scrapers.rejected import RECORD, Record, RecordError, Rejection, rejection

BRANCH = "scrape/daily"
#: GitHub refuses pull request descriptions longer than 65,536 characters.
BODY_LIMIT = 60_000
#: Longest run of characters one scraped value may take in the description.
FIELD_LIMIT = 300
#: Tail of the fetch log attached to the description.
LOG_LIMIT = 20_000
#: The file names ``export`` hands on (the writer's ``YYYY-MM-DD-hash.md`` and hand-made slugs).
ARTICLE_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*\.md")

# --- Markdown that stays text ------------------------------------------------------------
#
# GitHub renders a pull request description with CommonMark + GFM, then post-processes
# the text: ``@name`` becomes a mention (and a notification), ``#12`` / ``GH-12`` an issue
# reference, ``www.x`` / ``http://x`` / ``a@b.c`` links. Backslash escapes stop the first
# stage only (``\@x`` is still the text ``@x`` afterwards), so those characters also get an
# invisible WORD JOINER after them, which no reference or autolink pattern accepts.

#: ASCII punctuation that means something anywhere in a line to CommonMark, GFM or GitHub
#: ($ math, ^ footnotes, ~ strikethrough, & entities). ``-+=.:`` mean nothing mid-line
#: (only as block markers at the start of a line, see ``_MD_LEADING``, and in autolinks,
#: which ``_NO_REFS`` breaks); ``,;?'"/%`` mean nothing outside link syntax, which the
#: escaped brackets already rule out. So dates and sentences stay readable in the source.
_MD_PUNCT = re.compile(r"""([\\`*_{}\[\]()<>#!|~&$@^])""")
#: A value may start a line (the source line of an item): list items, ordered lists
#: (``1.``), setext underlines and thematic breaks (``-``, ``+``, ``=``) start there.
_MD_LEADING = re.compile(r"^([-+=]|\d{1,9}(?=\.))")
_WJ = "\u2060"
_NO_REFS = (
    (re.compile(r"\\([@#])"), "\\\\\\1" + _WJ),  # mentions, e-mail autolinks, issue references
    (re.compile(r":(?=//)"), ":" + _WJ),  # scheme:// autolinks
    (re.compile(r"(?i)(?<![0-9a-z])(www)(?=\.)"), "\\1" + _WJ),  # www. autolinks
    (re.compile(r"(?i)(?<![0-9a-z])(gh-)(?=\d)"), "\\1" + _WJ),  # GH-123 references
)
_URL_SAFE = "/:@!$&+,;=-._~%"
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"[0-9a-z_]([0-9a-z_-]*[0-9a-z_])?(\.[0-9a-z_]([0-9a-z_-]*[0-9a-z_])?)*\.?")
#: Characters a reviewer must see rather than be misled by: controls (NUL, ESC, the
#: line breaks CommonMark ignores), bidi overrides, zero-width joiners, private use.
_HIDDEN = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")


def _shown(ch: str) -> str:
    return f"⟨U+{ord(ch):04X}⟩" if unicodedata.category(ch) in _HIDDEN else ch


def _one_line(value: object, limit: int) -> str:
    """``value`` on one line: whitespace (line breaks included) becomes single spaces, the
    other hidden characters are shown as ``⟨U+202E⟩``, and it is cut at ``limit``."""
    text = re.sub(r"[\t\n\r\v\f\u0085\u2028\u2029]", " ", str(value))
    text = " ".join("".join(map(_shown, text)).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def md_text(value: object, limit: int = FIELD_LIMIT, empty: str = "—") -> str:
    """``value`` as inert Markdown inline text: it renders as exactly those characters.

    Every Markdown/HTML metacharacter is backslash-escaped (no emphasis, links, images,
    raw HTML, entities, tables, math, footnotes), mentions, issue references and
    autolinks are broken with an invisible word joiner, line breaks are removed (a value
    cannot start a list item or a heading of its own), and the value is cut at ``limit``.
    """
    text = _one_line(value, limit)
    if not text:
        return empty
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _MD_LEADING.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), text)
    for pattern, repl in _NO_REFS:
        text = pattern.sub(repl, text)
    return text


def md_code(value: object, limit: int = FIELD_LIMIT) -> str:
    """``value`` as a Markdown code span (literal; GitHub makes no mentions or links in code)."""
    text = _one_line(value, limit) or "—"
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def safe_url(url: str) -> str | None:
    """An ``http(s)`` URL made safe to use as a Markdown link destination, else ``None``.

    The user-info part is dropped, the host must be a plain (IDNA-encoded) host name or an
    IP address, and everything that could end the destination or mean something to
    Markdown (spaces, ``()<>``, quotes, backslashes, backticks, brackets, non-ASCII) is
    percent-encoded.
    """
    text = url.strip()
    if not text or any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text):
        return None
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    if ":" in host:  # IPv6 literal
        if not re.fullmatch(r"[0-9a-f:.]+", host):
            return None
        host = f"[{host}]"
    else:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return None
        if not _HOST.fullmatch(host):
            return None
    netloc = host + (f":{port}" if port is not None else "")

    def enc(part: str, extra: str = "") -> str:
        return quote(_BAD_PERCENT.sub("%25", part), safe=_URL_SAFE + extra)

    out = f"{parts.scheme.lower()}://{netloc}{enc(parts.path) or '/'}"
    if parts.query:
        out += "?" + enc(parts.query, "?")
    if parts.fragment:
        out += "#" + enc(parts.fragment, "?")
    return out


def md_link(label: object, url: str) -> str:
    """``label`` linked to ``url`` when that is a safe http(s) URL; plain text otherwise."""
    text = md_text(label)
    target = safe_url(url) if url else None
    return f"[{text}]({target})" if target else text


def md_fenced(text: str) -> str:
    """``text`` in a fenced code block that no line of it can close (the fence is longer
    than any run of backticks in it; a lone CR, a line break to CommonMark, is shown)."""
    lines = ["".join(ch if ch == "\t" else _shown(ch) for ch in line) for line in text.replace("\r\n", "\n").split("\n")]
    fence = "`" * max(3, 1 + max((len(m) for line in lines for m in re.findall(r"`+", line)), default=0))
    return "\n".join([fence, *lines, fence])


def _git(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


def _today() -> str:
    return datetime.now(TIMEZONE).date().isoformat()


def _record(repo: Path, record_file: Path | None) -> Path:
    """The rejection record: the one given, else ``scrapers/data/rejected.csv`` of ``repo``."""
    return record_file if record_file is not None else repo / RECORD.relative_to(ROOT)


def _rel(path: Path, repo: Path) -> str:
    return path.resolve().relative_to(repo.resolve()).as_posix()


def _exists(repo: Path, ref: str, path: str) -> bool:
    return _git("cat-file", "-e", f"{ref}:{path}", cwd=repo, check=False).returncode == 0


def _as_added(repo: Path, base: str, ref: str, path: str) -> Rejection | None:
    """The article at ``path`` as the scraper first committed it between ``base`` and ``ref`` (before any edit)."""
    commits = _git("log", "--format=%H", "--diff-filter=A", f"{base}..{ref}", "--", path, cwd=repo).stdout.split()
    if not commits:
        return None
    shown = _git("show", f"{commits[-1]}:{path}", cwd=repo, check=False)
    try:
        article = parse(shown.stdout)
    except ArticleFormatError:
        return None
    return rejection(article, _today(), "") if shown.returncode == 0 and article.source_url else None


def _merge_record(repo: Path, ref: str, record_file: Path, found: list[Rejection], reason: str) -> int:
    """Merge the record on ``ref`` and the ``found`` rejections into ``record_file``; returns the rows added."""
    record = Record.load(record_file)
    before = len(record.rows)
    shown = _git("show", f"{ref}:{_rel(record_file, repo)}", cwd=repo, check=False)
    if shown.returncode == 0:
        try:
            record.merge(Record.parse(shown.stdout, f"{ref}:{_rel(record_file, repo)}"))
        except RecordError as exc:
            print(f"warning: not merged: {exc}", file=sys.stderr)
    for row in found:
        if record.add(Rejection(**{**asdict(row), "reason": reason})):
            print(f"recorded as rejected ({reason}): {row.url}")
    if len(record.rows) != before:
        record.save(record_file)
    return len(record.rows) - before


def _deleted_on(repo: Path, base: str, ref: str, rel: str) -> list[str]:
    """Article files added between ``base`` and ``ref`` and no longer there at ``ref``, not on main either."""
    out = _git("log", "--format=", "--name-only", "--diff-filter=D", f"{base}..{ref}", "--", rel, cwd=repo).stdout
    return sorted(path for path in set(out.split()) if path.endswith(".md") and not _exists(repo, ref, path)
                  and not _exists(repo, "HEAD", path))


def carry(repo: Path = ROOT, root: Path = ARTICLES, branch: str = BRANCH, remote: str = "origin",
          record_file: Path | None = None) -> list[str]:
    """Bring the open scrape branch's unmerged articles into the working tree; returns their paths.

    Articles the branch added and an editor deleted there are recorded as rejected, and the
    branch's record is merged into ``record_file``, so the next fetch does not offer them again.
    """
    if _git("ls-remote", "--exit-code", "--heads", remote, branch, cwd=repo, check=False).returncode != 0:
        return []
    tracking = f"refs/remotes/{remote}/{branch}"
    _git("fetch", "--no-tags", "--quiet", remote, f"+refs/heads/{branch}:{tracking}", cwd=repo)
    base = _git("merge-base", "HEAD", tracking, cwd=repo).stdout.strip()
    rel = _rel(root, repo)
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
        _carry_attachments(repo, tracking, root.parent / "attachments" / Path(path).stem)
    print(f"carried {len(carried)} article{'s' * (len(carried) != 1)} forward from {branch}")
    deleted = [row for path in _deleted_on(repo, base, tracking, rel) if (row := _as_added(repo, base, tracking, path))]
    _merge_record(repo, tracking, _record(repo, record_file), deleted, f"deleted on {branch}")
    return carried


def _carry_attachments(repo: Path, ref: str, folder: Path) -> None:
    """The article's attachment files as ``ref`` has them (binary: read as bytes, not text)."""
    rel = _rel(folder, repo)
    for name in _git("ls-tree", "-r", "--name-only", ref, "--", rel, cwd=repo).stdout.splitlines():
        if not ATTACHMENT_NAME.fullmatch(Path(name).name) or Path(name).parent.as_posix() != rel:
            continue
        data = subprocess.run(["git", "show", f"{ref}:{name}"], cwd=repo, capture_output=True, check=True).stdout
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_bytes(data)


def reject(ref: str, repo: Path = ROOT, root: Path = ARTICLES, reason: str = "pull request closed without merging",
           record_file: Path | None = None) -> list[Rejection]:
    """Record every article the closed pull request's head ``ref`` added (and keep its record); returns them."""
    base = _git("merge-base", "HEAD", ref, cwd=repo).stdout.strip()
    rel = _rel(root, repo)
    added = _git("diff", "--name-only", "--diff-filter=A", base, ref, "--", rel, cwd=repo).stdout.split()
    paths = sorted({p for p in added if p.endswith(".md") and not _exists(repo, "HEAD", p)}
                   | set(_deleted_on(repo, base, ref, rel)))
    found = [row for path in paths if (row := _as_added(repo, base, ref, path))]
    added_rows = _merge_record(repo, ref, _record(repo, record_file), found, reason)
    print(f"recorded {added_rows} rejected item{'s' * (added_rows != 1)} from {ref} ({reason})")
    return found


@dataclass(frozen=True)
class Skipped:
    """A fetched article left out because an editor rejected the same item before."""

    path: str
    url: str
    title: str
    rejected_on: str
    reason: str


def prune(repo: Path = ROOT, root: Path = ARTICLES, record_file: Path | None = None) -> list[Skipped]:
    """Remove the new articles (and their attachments) that repeat a rejected item; returns what was removed."""
    record = Record.load(_record(repo, record_file))
    skipped: list[Skipped] = []
    if not record.rows:
        return skipped
    for path in changes(repo, root).new:
        try:
            article = parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ArticleFormatError):
            continue
        row = record.match(article)
        if row is None:
            continue
        path.unlink()
        folder = root.parent / "attachments" / path.stem
        if folder.is_dir() and not _git("ls-files", "--", _rel(folder, repo), cwd=repo).stdout.strip():
            shutil.rmtree(folder)  # downloaded with it this run, never committed
        skipped.append(Skipped(_rel(path, repo), article.source_url, article.title, row.rejected_on, row.reason))
        print(f"skipped as rejected on {row.rejected_on} ({row.reason}): {article.source_url}")
    print(f"skipped {len(skipped)} item{'s' * (len(skipped) != 1)} rejected earlier")
    return skipped


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
    """One list item; every value in it that a scraped page decided goes through ``md_*``."""
    rel = md_code(path.relative_to(repo).as_posix())
    try:
        a = parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ArticleFormatError) as exc:
        return f"- {rel}: cannot be read ({md_text(exc)})"
    title = md_link(a.title or "（无标题）", a.source_url)
    place = md_text(" ".join(p for p in (a.region, a.city) if p))
    lines = [
        f"- **{title}**  ",
        f"  {md_text(a.source, empty='来源未知')} · {md_text(a.category)} · {place} · {md_text(a.date)} · {rel}",
    ]
    if a.source_url and safe_url(a.source_url) is None:
        lines.append(f"  - Source_URL is not an http(s) address, not linked: {md_text(a.source_url)}")
    if a.review:
        lines += [f"  - Review: {md_text(flag)}" for flag in a.review]
    for f in findings:
        kind = "error" if f.error else "warning"
        lines.append(f"  - {kind}: line {int(f.line)}, {md_text(f.field)}: {md_text(f.message)}")
    return "\n".join(lines)


def sources_section(path: Path) -> list[str]:
    """The sources' health, for the top of the description: every failing (silent) source with
    how long it has been silent and why, then the warnings (a sharp drop, an unreadable list).

    Read from the health record ``fetch`` wrote (``scrapers/health.json``); source names and
    reasons come from the registry and from pages, so they are escaped like every other value.
    Nothing when there is no record.
    """
    from scrapers.fetch.health import Health, describe

    record = Health.load(path)
    if not record.sources:
        return []
    silences = describe(record)
    failing = [s for s in silences if s.status == "failed"]
    warned = [s for s in silences if s.status == "warning"]
    ok = len(record.sources) - len(failing) - len(warned)
    lines = [
        "",
        f"### Sources: {len(failing)} failing, {len(warned)} with warnings, {ok} ok"
        + (f" (last run {md_text(record.latest()[:16].replace('T', ' '))} UTC)" if record.latest() else ""),
        "",
    ]
    if not silences:
        return [*lines, "Every source's lists gave items in its last run."]
    lines += [f"- **{md_text(s.name)}** {md_text(s.since)}: {md_text(s.reason)}" for s in failing]
    lines += [f"- warning: **{md_text(s.name)}**: {md_text(s.reason)}" for s in warned]
    lines += ["", "What a source's lists show now: `python -m scrapers sources check --source NAME`."]
    return lines


def _recorded_since_head(repo: Path, record_file: Path) -> list[Rejection]:
    """Rows of the working tree's rejection record that ``HEAD``'s does not have."""
    now = Record.load(record_file)
    shown = _git("show", f"HEAD:{_rel(record_file, repo)}", cwd=repo, check=False)
    try:
        before = Record.parse(shown.stdout) if shown.returncode == 0 else Record()
    except RecordError:
        before = Record()
    return [row for row in now.rows if before.add(row)]


def body(repo: Path = ROOT, root: Path = ARTICLES, log: Path | None = None, health: Path | None = None,
         skipped: Path | None = None, record_file: Path | None = None) -> str:
    """The pull request description (Markdown) for the current working-tree changes.

    ``health`` is the sources' health record (default ``scrapers/health.json`` in ``repo``);
    ``skipped`` the report of :func:`prune`; ``record_file`` the rejection record (default
    ``scrapers/data/rejected.csv`` in ``repo``), whose rows new since ``HEAD`` are listed.
    """
    record_file = _record(repo, record_file)
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
    gone = [Skipped(**item) for item in json.loads(skipped.read_text(encoding="utf-8"))] \
        if skipped is not None and skipped.is_file() else []
    recorded = _recorded_since_head(repo, record_file) if record_file.exists() else []
    parts[-1] += (f" · {len(gone)} skipped as rejected earlier" if gone else "")
    if recorded:
        parts += ["", f"**{len(recorded)} rejected item{'s' * (len(recorded) != 1)} recorded** in "
                      f"{md_code(_rel(record_file, repo))} (deleted on the branch, or a closed pull request): they "
                      "are not offered again unless their page changes substantially. Merge this pull request to "
                      "keep the record."]
    parts += sources_section(health if health is not None else repo / "scrapers" / "health.json")
    for heading, paths in (("New articles", found.new), ("Changed articles", found.changed)):
        if paths:
            parts += ["", f"### {heading} ({len(paths)})", ""]
            parts += [_item(p, repo, by_file.get(display_path(p), [])) for p in paths]
    parts += _rejection_lists(found.removed, gone, recorded, repo)
    tail = _log_tail(log)
    out = "\n".join(parts) + "\n"
    if len(out) + len(tail) > BODY_LIMIT:
        # Items are single-line-per-value, so "\n- " only ever starts one of ours.
        cut = out.rfind("\n- ", 0, BODY_LIMIT - len(tail) - 200)
        out = out[:cut] + "\n\n… the list is cut here (GitHub's limit); see the Files changed tab for the rest.\n"
    return out + tail


def _rejection_lists(removed: list[Path], gone: list[Skipped], recorded: list[Rejection], repo: Path) -> list[str]:
    """The description's lists of removed files, items skipped as rejected, and rejections recorded."""
    parts: list[str] = []
    if removed:
        parts += ["", f"### Removed ({len(removed)})", ""]
        parts += [f"- {md_code(p.relative_to(repo).as_posix())}" for p in removed]
    if gone:
        parts += ["", f"### Skipped as rejected earlier ({len(gone)})", ""]
        parts += [
            f"- {md_link(item.title or '（无标题）', item.url)} · rejected {md_text(item.rejected_on)} ({md_text(item.reason)})"
            for item in gone
        ]
    if recorded:
        parts += ["", f"### Recorded as rejected ({len(recorded)})", ""]
        parts += [f"- {md_link(row.title or '（无标题）', row.url)} ({md_text(row.reason)})" for row in recorded]
    return parts


def _log_tail(log: Path | None) -> str:
    """The fetch log's summary line and the log itself, folded (its last :data:`LOG_LIMIT` characters)."""
    if log is None or not log.is_file():
        return ""
    text = log.read_text(encoding="utf-8", errors="replace").strip()
    summary = text.splitlines()[-1] if text else "(empty)"
    lines = ["", f"Fetch: {md_text(summary)}", "", "<details><summary>Fetch log</summary>", "", md_fenced(text[-LOG_LIMIT:])]
    return "\n".join([*lines, "", "</details>"]) + "\n"


def export_record(dest: Path, repo: Path = ROOT, record_file: Path | None = None) -> bool:
    """Copy the rejection record to ``dest`` when it differs from ``HEAD``'s; True when copied."""
    record_file = _record(repo, record_file)
    if not record_file.is_file() or record_file.is_symlink():
        return False
    shown = _git("show", f"HEAD:{_rel(record_file, repo)}", cwd=repo, check=False)
    if shown.returncode == 0 and shown.stdout == record_file.read_text(encoding="utf-8"):
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(record_file, dest)
    print(f"exported the rejection record to {dest}")
    return True


def export(dest: Path, repo: Path = ROOT, root: Path = ARTICLES) -> list[Path]:
    """Copy the new and changed articles into ``dest`` (created); returns the copies.

    Only regular files named like an article directly in ``root`` are copied: the pull
    request job commits what it is handed, so a symlink, a leftover ``*.tmp`` or a file in
    a subdirectory is reported here and left out, not committed.
    """
    dest.mkdir(parents=True, exist_ok=True)
    found = changes(repo, root)
    copied = []
    for path in [*found.new, *found.changed]:
        shown = path.relative_to(repo).as_posix()
        if path.parent.resolve() != root.resolve() or not ARTICLE_NAME.fullmatch(path.name):
            print(f"not exported: {shown}: not an article file name directly in {root.name}/", file=sys.stderr)
        elif path.is_symlink() or not path.is_file():
            print(f"not exported: {shown}: not a regular file", file=sys.stderr)
        else:
            shutil.copyfile(path, dest / path.name)
            copied.append(dest / path.name)
            copied += _export_attachments(root.parent / "attachments" / path.stem, dest.parent / "attachments")
    articles = sum(1 for c in copied if c.parent == dest)
    files = len(copied) - articles
    print(f"exported {articles} article{'s' * (articles != 1)} to {dest}"
          + (f" and {files} attachment{'s' * (files != 1)} to {dest.parent / 'attachments'}" if files else ""))
    return copied


#: An attachment file the pull request job accepts (scrapers/fetch/attachments.py names them so).
ATTACHMENT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.(pdf|doc|docx|xls|xlsx)")


def _export_attachments(folder: Path, dest: Path) -> list[Path]:
    """The article's attachment folder (``content/attachments/<slug>/``): its plain files, copied to ``dest/<slug>/``."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    copied = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink() or not path.is_file() or not ATTACHMENT_NAME.fullmatch(path.name):
            print(f"not exported: attachments/{folder.name}/{path.name}: not a plain attachment file", file=sys.stderr)
            continue
        (dest / folder.name).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest / folder.name / path.name)
        copied.append(dest / folder.name / path.name)
    return copied


def _has_review(path: Path) -> bool:
    try:
        return bool(parse(path.read_text(encoding="utf-8")).review)
    except (OSError, UnicodeDecodeError, ArticleFormatError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scrapers.ci.scrape_pr", description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", default=str(ROOT), help="the git checkout (default: this repository)")
    parser.add_argument("--root", default=str(ARTICLES), help="the articles directory (default content/articles/)")
    parser.add_argument("--record", default="", help="the rejection record (default scrapers/data/rejected.csv "
                                                     "in --repo)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("carry", help="copy the open scrape branch's unmerged articles into the working tree")
    p.add_argument("--branch", default=BRANCH)
    p.add_argument("--remote", default="origin")
    p = sub.add_parser("reject", help="record the articles of a closed, unmerged scrape pull request as rejected")
    p.add_argument("--ref", required=True, help="its head (the workflow fetches refs/pull/N/head)")
    p.add_argument("--reason", default="pull request closed without merging")
    p = sub.add_parser("prune", help="remove new articles that repeat a rejected item")
    p.add_argument("--report", help="write the skipped items here (JSON), for `body --skipped`")
    p = sub.add_parser("body", help="write the pull request description for the working-tree changes")
    p.add_argument("--log", help="the fetch command's output, summarised and attached")
    p.add_argument("--out", help="write here instead of printing")
    p.add_argument("--health", help="the sources' health record (default scrapers/health.json)")
    p.add_argument("--skipped", help="the report of `prune`")
    p = sub.add_parser("export", help="copy the new and changed articles into DIR (for the pull request job)")
    p.add_argument("dest", metavar="DIR")
    p.add_argument("--record-out", help="copy the rejection record here when it changed")
    args = parser.parse_args(argv)
    repo, root = Path(args.repo), Path(args.root)
    record = _record(repo, Path(args.record) if args.record else None)
    try:
        if args.command == "carry":
            carry(repo, root, args.branch, args.remote, record)
            return 0
        if args.command == "reject":
            reject(args.ref, repo, root, args.reason, record)
            return 0
        if args.command == "prune":
            gone = prune(repo, root, record)
            if args.report:
                Path(args.report).write_text(json.dumps([asdict(g) for g in gone], ensure_ascii=False), encoding="utf-8")
            return 0
    except RecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "export":
        export(Path(args.dest), repo, root)
        if args.record_out:
            export_record(Path(args.record_out), repo, record)
        return 0
    text = body(repo, root, Path(args.log) if args.log else None, Path(args.health) if args.health else None,
                Path(args.skipped) if args.skipped else None, record)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(text.split("\n\n")[1])
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
