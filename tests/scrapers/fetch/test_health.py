"""The sources' health record: what a run notes, the drop check, and the pull request's summary."""

import json
from pathlib import Path

from scrapers.ci.scrape_pr import body, sources_section
from scrapers.fetch.health import Entry, Health, describe, duration


def test_a_run_is_recorded_and_a_failing_streak_remembers_its_start(tmp_path: Path) -> None:
    health = Health()
    health.record("甲", "2024-06-01T22:30:00Z", found=12, new=3, failed=0)
    health.record("甲", "2024-06-02T22:30:00Z", found=0, new=0, failed=0, failure="list x yields no item")
    health.record("甲", "2024-06-03T22:30:00Z", found=0, new=0, failed=0, failure="list x yields no item")
    entry = health.sources["甲"]
    assert (entry.status, entry.last_success, entry.failing_since) == ("failed", "2024-06-01T22:30:00Z", "2024-06-02T22:30:00Z")
    assert entry.history == [12] and entry.first_run == "2024-06-01T22:30:00Z"
    health.save(tmp_path / "health.json")
    again = Health.load(tmp_path / "health.json")
    assert again.sources == health.sources and not again.problem
    data = json.loads((tmp_path / "health.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and list(data["sources"]) == ["甲"]
    health.record("甲", "2024-06-04T22:30:00Z", found=11, new=1, failed=0)
    assert (entry.status, entry.failing_since, entry.history) == ("ok", "", [12, 11])


def test_a_sharp_drop_is_a_warning_once_the_usual_count_is_known() -> None:
    health = Health()
    for day, found in enumerate([20, 18, 22], start=1):
        assert health.drop("甲", 2) == "" or day > 3
        health.record("甲", f"2024-06-0{day}T22:30:00Z", found=found, new=1, failed=0)
    assert health.drop("甲", 2) == "found 2 item links, far fewer than usual (20, the median of its last 3 successful runs)"
    assert health.drop("甲", 6) == ""  # a quarter of the usual or more is ordinary variation
    health.sources["乙"] = Entry(history=[2, 2, 3])
    assert health.drop("乙", 0) == "", "too few items usually to judge"


def test_an_unreadable_or_foreign_record_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "health.json"
    path.write_text("{not json", encoding="utf-8")
    assert Health.load(path).problem.startswith(f"{path}: unreadable health record, starting afresh")
    path.write_text('{"sources": {"甲": {"status": 3, "found": "many", "history": [1, "x"]}, "乙": []}}', encoding="utf-8")
    record = Health.load(path)
    assert list(record.sources) == ["甲"] and record.sources["甲"] == Entry()
    assert Health.load(tmp_path / "missing.json").sources == {}


def test_durations_read_at_a_glance() -> None:
    assert duration("2024-06-01T22:30:00Z", "2024-06-04T23:00:00Z") == "3 days"
    assert duration("2024-06-01T22:30:00Z", "2024-06-02T21:30:00Z") == "23 hours"
    assert duration("2024-06-01T22:30:00Z", "2024-06-01T22:50:00Z") == "less than an hour"
    assert duration("", "2024-06-01T22:50:00Z") == "an unknown time"


def _record(tmp_path: Path) -> Path:
    health = Health()
    health.record("好", "2024-06-10T22:30:00Z", found=5, new=1, failed=0)
    health.record("停[了](http://x)", "2024-06-01T22:30:00Z", found=9, new=1, failed=0)
    health.record("停[了](http://x)", "2024-06-10T22:30:00Z", found=0, new=0, failed=0, failure="list @team yields no item")
    health.record("从未", "2024-06-09T22:30:00Z", found=0, new=0, failed=0, failure="no list page could be read")
    health.record("少", "2024-06-10T22:30:00Z", found=1, new=0, failed=0, warnings=["found 1 item links, far fewer than usual"])
    path = tmp_path / "health.json"
    health.save(path)
    return path


def test_the_pull_request_lists_silent_sources_first_with_how_long(tmp_path: Path) -> None:
    record = Health.load(_record(tmp_path))
    assert [(s.name, s.since) for s in describe(record)] == [
        ("停[了](http://x)", "silent for 9 days (last success 2024-06-01)"),
        ("从未", "never succeeded (first run 2024-06-09)"),
        ("少", "last run 2024-06-10"),
    ]
    lines = sources_section(tmp_path / "health.json")
    text = "\n".join(lines)
    assert "### Sources: 2 failing, 1 with warnings, 1 ok (last run 2024-06-10 22:30 UTC)" in text
    assert (
        "- **停\\[了\\]\\(http:\u2060//x\\)** silent for 9 days \\(last success 2024-06-01\\): list \\@\u2060team yields no item"
        in text
    )
    assert "- warning: **少**: found 1 item links, far fewer than usual" in text
    assert sources_section(tmp_path / "missing.json") == []


def test_the_description_carries_the_section_above_the_articles(tmp_path: Path) -> None:
    import subprocess

    repo = tmp_path / "repo"
    (repo / "content" / "articles").mkdir(parents=True)
    subprocess.run(["git", "init", "--quiet", str(repo)], check=True)
    health = _record(tmp_path)
    text = body(repo, repo / "content" / "articles", health=health)
    blocks = text.split("\n\n")
    assert blocks[1].startswith("**0 new, 0 changed, 0 removed**") and blocks[2].startswith("### Sources: 2 failing")
    assert "sources check --source NAME" in text
    quiet = Health()
    quiet.record("好", "2024-06-10T22:30:00Z", found=5, new=1, failed=0)
    quiet.save(tmp_path / "ok.json")
    assert "Every source's lists gave items in its last run." in body(
        repo, repo / "content" / "articles", health=tmp_path / "ok.json"
    )
