"""One result type for import, fetch and store (scrapers/core/results.py)."""

from __future__ import annotations

from pathlib import Path

from scrapers.core.results import Result, Status, summary
from scrapers.fetch.client import Disallowed, FetchError, NotHTML


def test_a_refusal_gives_its_reason_after_a_colon_and_the_status_carries_none() -> None:
    assert Result("a.txt", Status.REJECTED, "empty page").line() == "a.txt: rejected: empty page"
    assert Result("https://x.example/1", Status.DISALLOWED, "/1 is disallowed").line() == (
        "https://x.example/1: skipped by robots: /1 is disallowed"
    )
    done = Result("a.txt", Status.NEW, "out/2024-01-02-abcdef12.md", Path("out/2024-01-02-abcdef12.md"))
    assert done.line() == "a.txt: new out/2024-01-02-abcdef12.md"
    assert all(":" not in s.value for s in Status)


def test_fetch_errors_name_their_status() -> None:
    assert (FetchError("x").kind, Disallowed("x").kind, NotHTML("x").kind) == (
        Status.FAILED,
        Status.DISALLOWED,
        Status.SKIPPED,
    )


def test_summary_counts_in_one_order() -> None:
    results = [Result("a", Status.FAILED, "x"), Result("b", Status.NEW), Result("c", Status.NEW), Result("d", Status.DUPLICATE)]
    assert summary(results) == "2 new, 1 duplicate, 1 failed"
    assert summary([]) == "no items"
