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
    f = find_date(
        [],
        "",
        ["新华社上海8月26日电（记者某某）26日，签订协议。"],
        [],
        url="https://m.example.net/news/china/202008/10801772.html",
        today=TODAY,
    )
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


def test_unpadded_and_glued_url_dates():
    assert url_date("http://www.example.gov.cn/art/2023/9/27/art_1_2.html") == date(2023, 9, 27)
    assert url_date("https://x.example.cn/a/202105/06/WS1.html") == date(2021, 5, 6)
    assert url_date("http://x.example.com/2023/0926/1.html") == date(2023, 9, 26)


def test_a_cms_file_named_for_its_day_and_an_underscored_year_month_folder():
    """Government CMSs name a page t+its day (t20230327_6150810.html), with or without the
    /202303/ folder; some sites put year_month then the day's folder: both date a page that
    prints no date of its own, ahead of an event day the lead tells."""
    assert url_date("https://x.example.gov.cn/a/b/202303/t20230327_6150810.html") == date(2023, 3, 27)
    assert url_date("https://x.example.com/caijing/t20230531_2767.shtml") == date(2023, 5, 31)
    assert url_date("https://x.example.com/html/news/detail_2022_01/21/3829.html") == date(2022, 1, 21)
    assert url_date("https://x.example.com/t2023_0327.html") is None
    found = find_date([], "", ["3月17日，甲乙两地签订合作协议。"], [], url="https://x.example.gov.cn/202303/t20230327_1.html")
    assert found is not None and found.value == "2023-03-27"


def test_a_notices_signature_date_beats_a_mirrors_timestamp():
    body = ["各有关单位：", "现将有关事项通知如下。", "某某市市场监督管理局", "2021年9月28日"]
    f = find_date(["发布时间：2021-10-08 15:29"], "关于开展某某活动的通知", body, [], today=TODAY)
    assert f.value == "2021-09-28"


def test_a_wire_dateline_beats_a_header_date_that_disagrees():
    lead = ["某某网深圳10月17日电（记者 张明）五省市场监管局17日召开协作会议。"]
    f = find_date(["2025-06-07 15:07:59 来源： 分类：旅游"], "", lead, [], today=TODAY)
    assert f.value == "2024-10-17" and "电头" in f.note
    # the outlet's own date a day later, the page crediting its publisher: kept (a bare clock
    # time a day later, crediting no one, is a repost's: see the test below)
    f = find_date(["2024-10-18 09:00 来源：某某网"], "", lead, [], today=TODAY)
    assert f.value == "2024-10-18 09:00"


def test_an_event_day_never_replaces_the_publication_date():
    f = find_date(["发布时间：2022-10-21"], "", ["10月18日，某某分会召开成立大会。"], [], today=TODAY)
    assert f.value == "2022-10-21"


def test_a_bare_month_day_gets_no_year_from_today():
    assert find_date([], "", ["10月17日，五省召开协作会议。"], [], today=TODAY) is None
    f = find_date([], "", ["10月17日，五省召开协作会议。"], ["另一条新闻2024-12-01"], today=TODAY)
    assert f.value == "2024-10-17" and "请核对" in f.note  # the page's other dates give the year


def test_the_header_keeps_its_time_when_it_agrees_with_the_signature():
    body = ["各有关单位：", "现将有关事项通知如下。", "某某市市场监督管理局", "2024年4月18日"]
    f = find_date(["2024-04-18 10:00 来源：某某司"], "关于开展某某活动的通知", body, [], today=TODAY)
    assert f.value == "2024-04-18 10:00"


def test_a_papers_closing_credit_dates_an_item_that_prints_no_other_date():
    body = ["本报讯 近日，某学院举办计量学术会议。", "（王明）", "《某某科技报》 （2011-3-14 A3 要闻）"]
    found = find_date([], "", body, [], "", date(2024, 1, 1))
    assert found is not None and (found.value, found.how) == ("2011-03-14", "credit")
    tail = find_date([], "", body[:2], [body[2]], "", date(2024, 1, 1))
    assert tail is not None and tail.value == "2011-03-14"


def test_a_year_told_as_closed_is_reported_on_the_year_after():
    body = ["11月14日，某某自律同盟在北京启动。", "2023年全行业营收达四千亿元，截至2023年底共有机构五万家。"]
    found = find_date([], "", body, [], "", date(2026, 1, 1))
    assert found is not None and found.value == "2024-11-14" and found.note


def test_a_wire_datelines_day_beats_the_event_day_the_lead_tells():
    body = ["某某网北京4月3日讯 记者获悉，2023年3月30日，某某学会理事会在北京召开。"]
    found = find_date([], "", body, [], "", date(2024, 1, 1))
    assert found is not None and (found.value, found.how) == ("2023-04-03", "wire")
    # a dateline in January tells of a December event: the year after
    body = ["某某网上海1月2日电 2023年12月29日，某某联盟成立大会在上海举行。"]
    found = find_date([], "", body, [], "", date(2025, 1, 1))
    assert found is not None and found.value == "2024-01-02"


def test_a_labelled_date_with_a_two_digit_year():
    found = find_date(["发布于：23-06-30"], "", ["某某日主题海报正式发布。"], [], "", date(2024, 1, 1))
    assert found is not None and found.value == "2023-06-30"
    # a date of the future is no publication date
    assert find_date(["发布于：25-06-30"], "", ["海报发布。"], [], "", date(2024, 1, 1)) is None


def test_attachments_listed_under_a_notices_signature_do_not_hide_its_date():
    body = [
        "某某局组织起草了某某办法（征求意见稿），现向社会公开征求意见。",
        "某某局",
        "2019年4月8日",
        "附件1.某某办法（征求意见稿）.doc",
        "附件2.某某办法起草说明.doc",
    ]
    found = find_date([], "", body, [], "", date(2024, 1, 1))
    assert found is not None and (found.value, found.how) == ("2019-04-08", "signature")


def test_a_reposts_timestamp_a_day_after_the_wire_gives_way_unless_a_publisher_is_credited():
    lead = ["某某经纬5月30日电 某局网站30日公布了抽查情况的公告。"]
    f = find_date(["作者：某某 时间：2023-05-31 11:22:14阅读："], "", lead, [], today=TODAY)
    assert (f.value, f.how) == ("2023-05-30", "wire") and f.note
    # a site crediting itself publishes on its own day; a paper's edition (no time) is its day
    f = find_date(["2023-05-31 11:22 来源：某某网"], "", lead, [], today=TODAY)
    assert f.value == "2023-05-31 11:22"
    f = find_date(["某某日报 2023年05月31日 星期三"], "", lead, [], today=TODAY)
    assert f.value == "2023-05-31"


def test_a_signature_dated_in_chinese_numerals_or_on_the_issuers_line():
    body = ["各有关单位：", "为推动行业发展，决定组织开展开放日活动，请各单位认真组织实施。", "某某市市场监督管理局"]
    f = find_date([], "", [*body, "二〇二四年五月十日"], [], today=TODAY)
    assert (f.value, f.how) == ("2024-05-10", "signature")
    f = find_date([], "", [*body[:2], "某某市市场监督管理局 2024年5月10日"], [], today=TODAY)
    assert (f.value, f.how) == ("2024-05-10", "signature")


def test_a_year_folder_then_month_and_day_dates_the_url():
    assert url_date("http://mirror.example.com/Content/2021/06-01/123.html") == date(2021, 6, 1)
    assert url_date("http://mirror.example.com/Content/2021/13-01/123.html") is None


def test_a_labelled_publication_date_beats_a_mirrors_bare_timestamp_above_it():
    header = ["2024-11-23 05:05:57", "当前位置：首页 > 要闻", "文章来源：某某网 作者： 发布时间：2019-06-09 17:48"]
    f = find_date(header, "某市举行认可日活动", ["6月8日，某市举行认可日活动。"], [], today=TODAY)
    assert f is not None and f.value == "2019-06-09 17:48"


def test_a_reposting_sites_url_day_gives_way_to_the_wire_dateline_an_outlets_own_does_not():
    """A wire's story on a site that is no outlet is filed under the day it was reposted
    (/2020/1021/ for a 10月20日电 story): the dateline's day is the article's. An outlet's own
    site (outlets.yaml hosts) dates the story itself, and a URL day before the dateline or
    long after it is left alone."""
    body = ["新华社上海10月20日电（记者甲乙）10月20日，某某协作平台在上海启动。", "来源：新华网"]
    found = find_date([], "", body, [], url="http://www.example-univ.org/2020/1021/c1a2/page.htm")
    assert found is not None and (found.value, found.how) == ("2020-10-20", "wire") and found.note
    found = find_date([], "", body, [], url="http://www.example-univ.org/2020/1030/c1a2/page.htm")
    assert found is not None and found.value == "2020-10-30"
    found = find_date([], "", body, [], url="http://www.xinhuanet.com/2020-10/21/c_1.htm")
    assert found is not None and found.value == "2020-10-21"


def test_a_chinese_numeral_signature_with_its_zero_typed_as_a_circle_or_a_letter():
    """Notices type the zero of 二〇一〇年 as a circle (○) or a letter O as often as 〇, and
    space the numerals or print the date after the issuer: each is the signature's date."""
    body = ["各有关单位：", "现将有关事项公告如下，请各单位遵照执行。", "某某委员会"]
    for signed in ("二○一○年十二月二十二日", "二O一O年十二月二十二日", "二〇一〇年 十二月 二十二日"):
        f = find_date([], "", [*body, signed], [], today=TODAY)
        assert (f.value, f.how) == ("2010-12-22", "signature"), signed
    f = find_date([], "", [*body[:2], "某某市市场监督管理局 二〇一〇年十二月二十二日"], [], today=TODAY)
    assert (f.value, f.how) == ("2010-12-22", "signature")
    # a sentence that merely contains a year in numerals is no signature
    assert find_date([], "", [*body[:2], "该制度自二〇一〇年起施行。"], [], today=TODAY) is None


def test_today_banner_is_the_visitors_day_not_the_pages():
    """A CMS prints the visitor's clock above everything (今天是：…星期二); the page's own date is
    in its meta row further down."""
    header = ["今天是：2025年03月18日 星期二", "您现在的位置是：主页 > 新闻动态", "某协会成立", "来源：未知 日期：2015-11-16"]
    f = find_date(header, "某协会成立", ["11月15日下午，某协会召开成立大会。"], [], today=TODAY)
    assert f is not None and f.value.startswith("2015-11-16")


def test_meta_row_dropped_under_a_headline_read_as_text_dates_the_page():
    """A CMS prints its headline as a sentence ("…活动。"), so no header is read; its meta row
    (发布时间：…) is among the first lines dropped, and dates the page, not the lead's day."""
    body = ["某市局组织开展检验机构开放日活动。", "7月21日，某市局在检验中心开展了开放日活动。"]
    tail = ["发布时间:2015-07-23 发布机构:市市场监管局", "体裁分类:其他 主题分类:市场监管"]
    f = find_date([], "", body, tail, today=TODAY)
    assert f is not None and f.value.startswith("2015-07-23")
    # a related list far below the text does not date it
    far = ["相关新闻", "其他新闻一", "其他新闻二", "发布时间:2016-01-05"]
    assert not find_date([], "", body, far, today=TODAY).value.startswith("2016-01-05")


def test_a_day_first_dotted_stamp_is_day_month_year_never_the_import_date():
    # an aggregator's template prints 04.11.2015 under the headline: 4 November, year last
    f = find_date(["某县开展计量宣传活动", "04.11.2015  09:30"], "某县开展计量宣传活动", ["活动现场人头攒动。"], [], today=TODAY)
    assert f.value == "2015-11-04 09:30" and f.how == "header"
    f = find_date(["25.06.2019"], "", ["会议召开。"], [], today=TODAY)
    assert f.value == "2019-06-25"
    # a dotted date inside a sentence, or one month first that no calendar has, is no stamp
    assert find_date([], "", ["版本号为04.11.2015的规范发布。"], [], today=TODAY) is None
    assert find_date(["12.31.2016"], "", ["会议召开。"], [], today=TODAY) is None


def test_a_years_results_given_out_date_a_bare_day_to_the_year_after():
    lead = ["据某局今日（4月16日）消息，近日，八部门通报2023年度检验检测机构监督抽查结果。"]
    assert find_date([], "", lead, [], today=TODAY).value == "2024-04-16"
    # a year's check being planned is not over: its own year stands
    plan = ["4月16日，某局组织开展2023年度检验检测机构监督抽查。"]
    assert find_date([], "", plan, [], today=TODAY).value == "2023-04-16"


def test_a_meta_rows_date_without_its_year_takes_the_year_of_the_urls_month_folder():
    header = ["两院签署合作协议", "日期：06-18"]
    f = find_date(
        header, "两院签署合作协议", ["6月17日上午，签约仪式举行。"], [], url="https://m.x.com/china/202106/5-1.html", today=TODAY
    )
    assert f.value == "2021-06-18"
    # a folder of another month says nothing of this row's year: the lead's day stands
    f = find_date(
        header, "两院签署合作协议", ["6月17日上午，签约仪式举行。"], [], url="https://m.x.com/china/202107/5-1.html", today=TODAY
    )
    assert f.value == "2021-06-17"


def test_url_date_with_unpadded_month_after_a_dash():
    # a mirror CMS files pages under /2024-5/11/: year and month joined by a dash, neither padded
    assert url_date("http://mirror.example/news/2024-5/11/242197.html") == date(2024, 5, 11)
    assert url_date("http://mirror.example/news/2022-9/6/232479.html") == date(2022, 9, 6)
    found = find_date(
        [], "", ["为加强监管，某厅组织开展了抽查，现将结果通报如下："], [], "http://m.example/dfcc/2024-5/11/1.html"
    )
    assert found is not None and found.value == "2024-05-11"


def test_a_date_typed_with_spaces_around_its_numbers():
    # some apps set a space between Han and digits: "3 月 5 日", "（2024 年）"
    lead = "某某 App 3 月 5 日消息，某局发布《某某机构评审要求（2024 年）》，自发布之日起施行。"
    assert find_date([], "", [lead], [], today=TODAY).value == "2024-03-05"
    assert find_date(["发布时间： 2024 年 3 月 6 日"], "", ["近日，会议召开。"], [], today=TODAY).value == "2024-03-06"


def test_a_day_that_comes_back_every_year_dates_no_page():
    lead = "每年的6月9日是世界认可日。2025年，某某认证机构推出了新服务。"
    assert find_date([], "", [lead], [], today=TODAY) is None
    assert find_date([], "", ["每年的 6 月 9 日是世界认可日，2025 年的主题已公布。"], [], today=TODAY) is None


def test_a_mirrors_stamp_over_a_wire_story_under_a_photos_caption():
    caption = "5月17日，某省市场监督管理局在某市举办世界计量日活动启动仪式。"
    lead = "某某网石家庄5月17日电 （王小明）" + caption
    f = find_date(["时间：2025-01-29 01:51:47 出处：某某阅读"], "某省2024年世界计量日活动启动", [caption, lead], [], today=TODAY)
    assert f.value == "2024-05-17"


def test_a_signatures_day_run_into_the_closing_paragraph():
    body = ["5月20日是世界计量日，某县检测所开放实验室。", "开放时间每周五下午。特此公告，某某县市场监督管理局2022年4月29日。"]
    assert find_date([], "", body, [], today=TODAY).value == "2022-04-29"


def test_a_headline_left_above_a_wire_dateline_does_not_hide_its_day():
    # the mirror's URL says the 17th; the dateline below the headline left in the text says the 16th
    lead = "某某新闻网南宁5月16日讯（记者 王小明）当天，联盟成立大会举行。"
    body = ["快讯！某某检测认证联盟在某市成立", lead, "联盟将推动互认。"]
    f = find_date([], "", body, [], "http://mirror.example.cn/hy/2023/0517/1.html", today=TODAY)
    assert f.value == "2023-05-16"


def test_a_days_folder_dashed_unpadded_or_underscored():
    assert url_date("http://mirror.example.cn/news/Html/dongtai/2009-9-16/some-title") == date(2009, 9, 16)
    assert url_date("http://mirror.example.cn/news/2023_05_17/1.html") == date(2023, 5, 17)
    # separators that do not agree, or a day no calendar has, are no date
    assert url_date("http://mirror.example.cn/news/2023-5_17/1.html") is None
    assert url_date("http://mirror.example.cn/news/2023-13-40/1.html") is None
