from datetime import date

from scrapers.enrich.dates import find_date, url_date

TODAY = date(2026, 11, 23)


def test_header_date_line_wins():
    f = find_date(["发布时间：2023-01-18 作者：某"], "标题", ["1月15日下午，会议举行。"], [], today=TODAY)
    assert f.value == "2023-01-18" and not f.note


def test_date_with_time_and_slashes():
    f = find_date(["质检资讯网 (2024/3/5 9:12:30) 浏览：17"], "", ["近日，会议召开。"], [], today=TODAY)
    assert f.value == "2024-03-05 09:12"


def test_url_dates():
    assert url_date("http://x.cn/content/2021-12/10/content_1.htm") == date(2021, 12, 10)
    assert url_date("http://x.cn/n2/2025/0911/c1-2.html") == date(2025, 9, 11)
    assert url_date("http://x.cn/html/2022-03-15/1.html") == date(2022, 3, 15)
    assert url_date("http://x.cn/news/china/202008/1.html") is None


def test_month_day_takes_year_from_url_month():
    f = find_date([], "", ["新华社上海8月26日电（记者某某）26日，签订协议。"], [],
                  url="https://m.example.net/news/china/202008/10801772.html", today=TODAY)
    assert f.value == "2020-08-26" and not f.note


def test_month_day_year_guess_is_flagged():
    f = find_date([], "", ["7月29日，记者了解到，联盟成立。"], ["某新闻2024-04-08", "另一条2023-11-23"], today=TODAY)
    assert f.value == "2024-07-29"
    assert "2024" in f.note and "请核对" in f.note


def test_year_from_the_text_not_from_related_lists():
    f = find_date([], "", ["9月6日，2019全国检验检测机构开放日启动仪式举行。"], ["【上海】2024年评价结果"], today=TODAY)
    assert f.value == "2019-09-06"


def test_never_in_the_future():
    f = find_date([], "", ["12月20日，会议召开。2026年工作部署。"], [], today=TODAY)
    assert f.value == "2025-12-20"


def test_wrong_confident_year_is_not_invented():
    # trafilatura/htmldate were seen returning 2024-01-01 for these; we keep the page's own date.
    f = find_date(["发布时间：2023年1月18日"], "", ["1月15日下午，会议举行。"], [], today=TODAY)
    assert f.value == "2023-01-18"


def test_no_date_at_all():
    assert find_date([], "", ["记者今天了解到，统计制度继续执行。"], [], today=TODAY) is None
