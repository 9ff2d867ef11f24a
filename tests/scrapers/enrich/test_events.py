"""scrapers.enrich.events: an event's date, end and place from the item's own words."""

from __future__ import annotations

import pytest

from scrapers.enrich.events import EventFields, extract


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        (
            ["我局将于6月9日至10日在杭州市民中心举办计量开放日活动，欢迎市民参加。"],
            "2024-06-01",
            EventFields("2024-06-09", "2024-06-10", "杭州市民中心"),
        ),
        (
            ["活动时间：2024年6月9日 9:00-12:00", "活动地点：某某检测院一楼大厅"],
            "2024-05-20",
            EventFields("2024-06-09", "", "某某检测院一楼大厅"),
        ),
        (["6月9日，省认证认可协会在武汉召开第三届会员大会。"], "2024-06-10", EventFields("2024-06-09", "", "武汉")),
        (["12月28日，市检验检测协会在南京召开年会。"], "2025-01-03", EventFields("2024-12-28", "", "南京")),
        (["协会将于1月5日在南京召开会员大会。"], "2024-12-20", EventFields("2025-01-05", "", "南京")),
        (
            ["论坛将于2024年11月28日—12月1日在深圳会展中心举行。"],
            "2024-11-01",
            EventFields("2024-11-28", "2024-12-01", "深圳会展中心"),
        ),
        (
            ["时间：6月9日至6月10日", "地点：广州国际会议中心"],
            "2024-06-01",
            EventFields("2024-06-09", "2024-06-10", "广州国际会议中心"),
        ),
    ],
)
def test_events(body: list[str], published: str, expected: EventFields) -> None:
    assert extract("", body, published) == expected


@pytest.mark.parametrize(
    "body",
    [
        ["2023年全市检验检测机构营业收入增长12%。"],
        ["6月9日，市场监管局发布了抽查结果。"],
        ["本次活动受到广泛好评。"],
    ],
)
def test_no_event_without_an_event_and_a_date(body: list[str]) -> None:
    assert extract("", body, "2024-06-10") is None


def test_a_bad_published_date_gives_nothing() -> None:
    assert extract("", ["将于6月9日举办开放日活动。"], "") is None
