"""What became of one item: one result type and one word per outcome, for import, fetch and store.

Why: the store said ``WRITTEN``, the importer ``written``, the fetcher ``new`` for the same
outcome, a refusal carried its own colon in the status string (``"rejected:"``), and four
result types told one story. Now every way in reports a :class:`Result` whose
:class:`Status` is one of these words; the report line is made in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Status(StrEnum):
    """The outcome of one item, as the report lines and summaries name it."""

    #: a new article file (or, in a dry run, one that would be written)
    NEW = "new"
    #: the article's file was rewritten with what the page says now
    UPDATED = "updated"
    #: the file already says exactly this
    UNCHANGED = "unchanged"
    #: a copy of another article of the batch or of the directory: recorded in its ``Mirrors``
    DUPLICATE = "duplicate"
    #: an editor changed the file: not overwritten
    KEPT = "kept"
    #: not fetched: an attachment, not HTML, before ``--since``, the source's time ran out
    SKIPPED = "skipped"
    #: robots.txt does not allow it
    DISALLOWED = "skipped by robots"
    #: not usable as an article (no text, only chrome, not an http(s) URL, unreadable file)
    REJECTED = "rejected"
    #: it went wrong (HTTP error, timeout, a write that failed)
    FAILED = "failed"

    @property
    def refusal(self) -> bool:
        """Whether the item did not become an article: its detail is the reason, after a colon."""
        return self in (Status.SKIPPED, Status.DISALLOWED, Status.REJECTED, Status.FAILED)


#: The order summaries list the statuses in.
ORDER = tuple(Status)


@dataclass(frozen=True)
class Result:
    """One item's outcome. ``subject``: the input file or URL; ``detail``: the file it went to
    (or joined), or the reason; ``path``: the article file, when there is one; ``source``: the
    registry source it came from (fetch)."""

    subject: str
    status: Status
    detail: str = ""
    path: Path | None = None
    source: str = ""

    def line(self) -> str:
        """The report line: ``x.txt: new content/articles/….md``, ``URL: failed: HTTP 404``."""
        if self.status.refusal:
            return f"{self.subject}: {self.status}: {self.detail}"
        return f"{self.subject}: {self.status} {self.detail}".rstrip()


def summary(results: list[Result]) -> str:
    """``3 new, 1 duplicate, 1 failed`` (statuses in :data:`ORDER`), or ``no items``."""
    counts = {s: sum(1 for r in results if r.status is s) for s in ORDER}
    return ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no items"
