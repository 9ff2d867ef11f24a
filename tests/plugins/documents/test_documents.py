"""plugins/documents on a real build: the document block, /policy/, replaced-by, /events/, iCalendar.

The fixture site is the plugin tests' site plus two notices (the newer replaces the older,
written in another bracket spelling) and two events (one upcoming with hostile text in its
title and place, one past with a time), built with the site's full plugin set.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.plugins.conftest import ALL_PLUGINS, SITE, SITEURL, Build, build

HERE = Path(__file__).resolve().parent
OLD, NEW = "2019-04-02-0a1b2c3d", "2024-03-05-1e2f3a4b"
OPEN_DAY, ACCREDITATION_DAY = "2024-05-20-2c3d4e5f", "2023-06-09-3d4e5f6a"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    tmp = tmp_path_factory.mktemp("documents")
    content = tmp / "content"
    shutil.copytree(SITE / "content", content)
    for path in (HERE / "content").glob("*.md"):
        shutil.copy(path, content / "articles" / path.name)
    plugins = ALL_PLUGINS if "documents" in ALL_PLUGINS else (*ALL_PLUGINS, "documents")
    return build(tmp / "out", plugins=plugins, siteurl=SITEURL, content=content, extra={"EVENTS_TODAY": "2024-06-01"}).ok()


def test_the_site_uses_the_plugin() -> None:
    assert "documents" in ALL_PLUGINS


def test_notice_shows_its_document_block(site: Build) -> None:
    page = site.soup(f"articles/{NEW}/index.html")
    block = page.select_one("article[data-pagefind-body] .doc-info")
    assert block is not None, "the block is inside the indexed part of the article"
    rows = {tr.th.get_text(strip=True): tr.td for tr in block.select("tr")}
    assert rows["发文机关"].get_text(strip=True) == "国家认监委"
    assert rows["文号"].get_text(strip=True) == "国认实〔2024〕12号"
    assert rows["成文日期"].get_text(strip=True) == "2024-03-01"
    assert rows["实施日期"].get_text(strip=True) == "2024-05-01"
    items = rows["附件"].select("li")
    assert [li.get_text(strip=True) for li in items] == ["能力验证计划表", "报名表<script>"]
    assert items[0].a["href"] == "https://example.org/plan.pdf", "an attachment the text links is linked"
    assert items[1].a is None and page.select("li script") == [], "hostile text stays text"
    assert rows["替代"].a["href"].endswith(f"articles/{OLD}/")


def test_older_notice_is_marked_replaced(site: Build) -> None:
    page = site.soup(f"articles/{OLD}/index.html")
    note = page.select_one(".notice--replaced")
    assert note is not None and "已被" in note.get_text()
    assert note.a["href"].endswith(f"articles/{NEW}/")
    cell = page.select_one(".doc-info__replaced-by")
    assert cell is not None and "国认实〔2024〕12号" in cell.get_text()


def test_plain_article_has_no_block(site: Build) -> None:
    page = site.soup("articles/2021-03-15-6efc2bf0/index.html")
    assert page.select(".doc-info, .event-info, .notice--replaced") == []


def test_policy_index_is_a_sortable_table(site: Build) -> None:
    page = site.soup("policy/index.html")
    table = page.select_one("table.policy-table[data-sortable]")
    rows = table.select("tbody tr")
    numbers = [r.select_one(".doc-number").get_text(strip=True) for r in rows]
    assert numbers[:2] == ["国认实〔2024〕12号", "国认实〔2019〕5号"], "newest first without script"
    assert {b["data-sort-key"] for b in table.select("th button")} == {"issuer", "year", "issued", "effective"}
    assert rows[0]["data-year"] == "2024" and rows[0]["data-effective"] == "2024-05-01"
    assert "已替代" in rows[1].get_text()
    scripts = page.select("script")
    assert all(s.get("src") for s in scripts if s.get("type") != "application/ld+json"), "no inline script"
    assert any(s["src"].endswith("/js/sort-table.js") for s in scripts if s.get("src"))
    assert (site.out / "theme/js/sort-table.js").is_file()


def test_events_page_upcoming_then_past_by_year(site: Build) -> None:
    page = site.soup("events/index.html")
    upcoming = page.select(".events-upcoming .entry__title a")
    assert [a.get_text() for a in upcoming] == ["计量开放日, 邀请您走进实验室; 第二期"]
    past = page.select(".events-past")
    assert [s.h2.get_text() for s in past] == ["2023年已举行"]
    assert past[0].select_one(".event__place").get_text() == "广州国际会议中心"
    regions = {a.get_text(): a["href"] for a in page.select(".event-regions a")}
    assert regions["浙江省（1）"].endswith("/events/zhejiang/")
    zhejiang = site.soup("events/zhejiang/index.html")
    assert [a.get_text() for a in zhejiang.select(".entry__title a")] == ["计量开放日, 邀请您走进实验室; 第二期"]
    assert zhejiang.select_one('link[type="text/calendar"]')["href"].endswith("/events/zhejiang.ics")


def test_event_article_shows_its_event(site: Build) -> None:
    page = site.soup(f"articles/{OPEN_DAY}/index.html")
    block = page.select_one(".event-info")
    assert "2024-06-09" in block.get_text() and "2024-06-10" in block.get_text()
    assert block.select_one(".event-info__place").get_text() == "杭州市民中心, A座; 三楼\\报告厅"


def _calendar(path: Path) -> Calendar:
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines), "CRLF line ends only"
    assert max(len(line) for line in lines) <= 75, "folded at 75 octets"
    for line in lines:
        line.decode("utf-8")  # never folded inside a character
    return Calendar.from_ical(data)


def test_ics_is_valid_and_escapes_hostile_text(site: Build) -> None:
    cal = _calendar(site.out / "events.ics")
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == {OPEN_DAY, ACCREDITATION_DAY}
    open_day = events[OPEN_DAY]
    assert open_day["SUMMARY"] == "计量开放日, 邀请您走进实验室; 第二期"
    assert open_day["LOCATION"] == "杭州市民中心, A座; 三楼\\报告厅"
    assert open_day.decoded("DTSTART") == date(2024, 6, 9)
    assert open_day.decoded("DTEND") == date(2024, 6, 11), "all-day DTEND is the day after the last"
    assert str(open_day["URL"]) == f"{SITEURL}/articles/{OPEN_DAY}/"
    raw = (site.out / "events.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "SUMMARY:计量开放日\\, 邀请您走进实验室\\; 第二期" in raw
    timed = events[ACCREDITATION_DAY].decoded("DTSTART")
    assert isinstance(timed, datetime) and timed.utcoffset() == timedelta(0)
    assert (timed.hour, timed.minute) == (1, 30), "09:30 in China is 01:30 UTC"


def test_region_ics_lists_the_region_only(site: Build) -> None:
    cal = _calendar(site.out / "events/zhejiang.ics")
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["计量开放日, 邀请您走进实验室; 第二期"]
