"""The health record of the sources: when each last ran, last succeeded, and what it found.

``fetch`` (not ``--dry-run``) writes it after every run, beside the registry
(``scrapers/health.json`` for ``scrapers/sources.yaml``); the scheduled scrape carries it
into its pull request, whose description lists every failing or silent source at the top,
with how long it has been silent (:func:`describe`). It is also the memory the run needs
to notice a source that still works but brings far fewer items than it used to
(:meth:`Health.drop`). Times are UTC, ISO 8601, to the second.

The file is data a run wrote, read back by the next run: anything malformed in it is
reported and ignored (the record starts afresh for that source), never an error that
stops a fetch.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import tempfile
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

VERSION = 1
#: item-link counts kept per source for the drop check
HISTORY = 14
#: a run finding fewer than this share of the usual count is a warning...
DROP_SHARE = 0.25
#: ...once the usual count (median of the successful runs kept) is at least this
DROP_FLOOR = 4
#: runs needed before a drop can be judged
DROP_RUNS = 3


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_time(text: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


@dataclass
class Entry:
    """One source's record."""

    #: "ok", "warning" (works, but something is off) or "failed" (silent)
    status: str = ""
    #: why it failed or warned ("" when ok)
    reason: str = ""
    first_run: str = ""
    last_run: str = ""
    #: the last run that did not fail ("" if none did)
    last_success: str = ""
    #: the first run of the current failing streak ("" while it works)
    failing_since: str = ""
    #: item links found on its lists, items stored as new, items that failed, in the last run
    found: int = 0
    new: int = 0
    failed: int = 0
    #: item links found by recent successful runs, oldest first (the drop check's memory)
    history: list[int] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: Any) -> Entry | None:
        if not isinstance(data, dict):
            return None
        entry = cls()
        for f in fields(cls):
            value = data.get(f.name)
            if f.name == "history":
                if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
                    entry.history = value[-HISTORY:]
            elif isinstance(value, type(getattr(entry, f.name))) and not isinstance(value, bool):
                setattr(entry, f.name, value)
        return entry


@dataclass
class Health:
    """The record of every source that ever ran, by name."""

    sources: dict[str, Entry] = field(default_factory=dict)
    #: what was wrong with the file when it was read ("" when nothing)
    problem: str = ""

    @classmethod
    def load(cls, path: Path) -> Health:
        """The record in ``path``; an empty one when the file is missing or unreadable (said in ``problem``)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return cls(problem=f"{path}: unreadable health record, starting afresh ({exc})")
        record = cls()
        if not isinstance(data, dict) or not isinstance(data.get("sources"), dict):
            record.problem = f"{path}: not a health record (no 'sources' mapping), starting afresh"
            return record
        for name, raw in data["sources"].items():
            entry = Entry.from_json(raw)
            if isinstance(name, str) and entry is not None:
                record.sources[name] = entry
        return record

    def save(self, path: Path) -> None:
        """Write atomically (temp file + rename), sorted, one key per line: diffs stay readable."""
        data = {"version": VERSION, "sources": {n: asdict(e) for n, e in sorted(self.sources.items())}}
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def usual(self, name: str) -> float | None:
        """The usual number of item links of a source (median of its recent successful runs), if known."""
        entry = self.sources.get(name)
        if entry is None or len(entry.history) < DROP_RUNS:
            return None
        return statistics.median(entry.history)

    def drop(self, name: str, found: int) -> str:
        """A warning when ``found`` is far below what the source usually yields, else ""."""
        usual = self.usual(name)
        if usual is None or usual < DROP_FLOOR or found >= usual * DROP_SHARE:
            return ""
        runs = len(self.sources[name].history)
        return f"found {found} item links, far fewer than usual ({usual:g}, the median of its last {runs} successful runs)"

    def record(
        self, name: str, when: str, *, found: int, new: int, failed: int, failure: str = "", warnings: list[str] | None = None
    ) -> Entry:
        """Note one run of a source."""
        entry = self.sources.setdefault(name, Entry())
        entry.first_run = entry.first_run or when
        entry.last_run = when
        entry.found, entry.new, entry.failed = found, new, failed
        if failure:
            entry.status, entry.reason = "failed", failure
            entry.failing_since = entry.failing_since or when
        else:
            entry.status = "warning" if warnings else "ok"
            entry.reason = "; ".join(warnings or [])
            entry.last_success = when
            entry.failing_since = ""
            entry.history = [*entry.history, found][-HISTORY:]
        return entry

    def latest(self) -> str:
        """The time of the most recent run recorded (the "now" a description is written for)."""
        times = [e.last_run for e in self.sources.values() if parse_time(e.last_run)]
        return max(times, key=lambda t: parse_time(t) or datetime.min.replace(tzinfo=UTC), default="")


def duration(start: str, end: str) -> str:
    """How long from ``start`` to ``end``, in words a reviewer reads at a glance ("3 days", "5 hours")."""
    a, b = parse_time(start), parse_time(end)
    if a is None or b is None:
        return "an unknown time"
    seconds = max(0.0, (b - a).total_seconds())
    days, hours = int(seconds // 86400), int(seconds // 3600)
    if days >= 1:
        return f"{days} day{'s' * (days != 1)}"
    if hours >= 1:
        return f"{hours} hour{'s' * (hours != 1)}"
    return "less than an hour"


@dataclass(frozen=True)
class Silence:
    """A failing or warning source, as the pull request description lists it."""

    name: str
    status: str
    reason: str
    #: "silent for 3 days (last success 2025-01-02)", or "never succeeded (first run …)"
    since: str


def describe(health: Health, at: str = "") -> list[Silence]:
    """Failing sources first (longest silent first), then warnings; ``at`` defaults to the latest run."""
    at = at or health.latest()
    failing: list[tuple[str, Silence]] = []
    warning: list[Silence] = []
    for name, entry in sorted(health.sources.items()):
        if entry.status == "failed":
            if entry.last_success:
                since = f"silent for {duration(entry.last_success, at)} (last success {entry.last_success[:10]})"
                key = entry.last_success
            else:
                since = f"never succeeded (first run {entry.first_run[:10]})"
                key = entry.first_run
            failing.append((key, Silence(name, "failed", entry.reason, since)))
        elif entry.status == "warning":
            warning.append(Silence(name, "warning", entry.reason, f"last run {entry.last_run[:10]}"))
    failing.sort(key=lambda pair: pair[0])
    return [s for _, s in failing] + warning
