from scrapers.enrich.title import breadcrumb_title, clean_title, derive_title, headline_line, join_split_title

BODY = "1月15日下午，杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行，175家会员单位参加了大会。"


def test_headline_below_site_chrome():
    lines = [
        "中国计量网——计量行业门户网站",
        "计量资讯速递",
        "您当前的位置：首页 > 新闻",
        "杭州市检验检测认证促进会正式成立",
        "发布时间：2023-01-18",
        BODY,
    ]
    assert headline_line(lines) == 3


def test_echoed_headline_wins_over_subtitle():
    lines = [
        "2019全国检验检测机构开放日活动正式启动",
        "以人民为中心着力提升行业公信力和服务质量",
        "2019全国检验检测机构开放日活动正式启动",
        BODY,
    ]
    assert headline_line(lines) == 0


def test_no_headline():
    assert headline_line(["市民代表参观计量文化展馆。", BODY]) is None


def test_derived_title_from_the_lead():
    lead = "荆楚网讯（通讯员某某）认证认可是质量基础设施。省市场监督管理局于6月7日上午在武汉举行湖北2024年“世界认可日”宣传活动。"
    assert derive_title(lead) == "省市场监督管理局在武汉举行湖北2024年“世界认可日”宣传活动"


def test_prefixes_and_glued_site_names_are_not_headline():
    from scrapers.enrich.title import clean_title

    assert clean_title("某某网：我市检测认证联盟正式成立") == ("我市检测认证联盟正式成立", "某某网")
    assert clean_title("工作动态：检验检测机构开放日活动启动") == ("检验检测机构开放日活动启动", "")
    assert clean_title("[行业新闻] 全省计量测试学会召开年会") == ("全省计量测试学会召开年会", "")
    assert clean_title("原标题：全省计量测试学会召开年会") == ("全省计量测试学会召开年会", "")
    assert clean_title("某市检测联盟在京启动|在线精品视频导航福利") == ("某市检测联盟在京启动", "")
    assert clean_title("某某网 | 某市检验检测认证联盟在京启动") == ("某市检验检测认证联盟在京启动", "")


def test_forum_chrome_widgets_and_company_banners_are_not_headlines():
    lines = [
        "某某检测技术有限公司",
        "关闭 [复制链接]",
        "小字体大字体",
        "某市检验检测认证协会正式成立",
        "2023-01-18 来源：某某网",
        BODY,
    ]
    assert headline_line(lines) == 3


def test_a_notice_title_over_two_lines_is_joined():
    from scrapers.enrich.title import join_split_title

    lines = ["某市市场监管局关于组织开展", "2024年检验检测机构开放日活动的通知", "各有关单位："]
    assert headline_line(lines) == 1
    assert join_split_title(lines, 1) == "某市市场监管局关于组织开展2024年检验检测机构开放日活动的通知"


def test_derived_title_is_never_cut_inside_quotes():
    lead = "某省市场监督管理局日前印发《关于进一步加强检验检测机构监督管理工作的实施意见》，全文共五部分。"
    assert derive_title(lead).endswith("》")
    lead = "据某某网消息，近日，某市市场监管局同意某区创建“检验检测认证公共服务平台示范区”，成为全省首个。"
    assert derive_title(lead) == "某市市场监管局同意某区创建“检验检测认证公共服务平台示范区”"
    assert derive_title("2023年第四季度，某省市场监管局对全省电线电缆进行了监督抽查，共抽查30批次。") == (
        "某省市场监管局对全省电线电缆进行了监督抽查"
    )


def test_a_notice_keeps_its_own_title_over_lines_between_it_and_the_salutation():
    lines = [
        "某某检测公司新闻",
        "关于开展2023年能力验证工作的通知",
        "发布时间：2023-01-01",
        "某某公司承接各类检测业务",
        "各有关单位：",
        "为提升检验检测机构技术能力，现将有关事项通知如下。各单位要高度重视，认真组织。",
    ]
    assert headline_line(lines) == 1


def test_a_date_line_glued_to_the_headline_is_split_off():
    from scrapers.enrich.title import split_glued_meta

    lines = split_glued_meta(["某省市场监管局关于开展某某检查的通知发布时间：2022-03-04 10:20", BODY])
    assert lines[:2] == ["某省市场监管局关于开展某某检查的通知", "发布时间：2022-03-04 10:20"]
    assert headline_line(lines) == 0
    # widgets before a glued date line are not a headline
    assert split_glued_meta(["放大字体 缩小字体 发布日期：2022-03-04"]) == ["放大字体 缩小字体 发布日期：2022-03-04"]


def test_the_document_number_after_a_notice_title_is_not_part_of_the_headline():
    from scrapers.enrich.title import clean_title

    assert clean_title("某市人民政府办公厅关于印发某某规划的通知 （某府办发〔2023〕12号）")[0] == (
        "某市人民政府办公厅关于印发某某规划的通知"
    )


def test_of_headline_and_subtitle_the_one_the_lead_tells_again_wins():
    lead = "4月2日，某某省计量测试学会第一届会员大会在某某市召开，标志着某某省计量测试学会正式成立。大会选举了理事会。"
    assert headline_line(["某某省计量测试学会成立", "围绕五个方面开展下一步工作", lead]) == 0
    # the lead's own date is not a date line under the subtitle
    assert headline_line(["提升服务能力", "某某省计量测试学会正式成立", lead]) == 1


def test_a_headline_printed_again_without_a_glued_keyword_wins():
    lines = [
        "某某网 >> 刮刀",
        "2019年某地区计量工作会议召开电子秤",
        "2022-09-09",
        "2019年某地区计量工作会议召开",
        lead := "10月10日，2019年某地区计量工作会议在合肥召开，会议总结了全年工作。",
    ]
    assert headline_line(lines) == 3
    assert lead  # the lead is text, not a heading


def test_the_headline_and_its_deck_above_a_masthead_the_lead_tells_the_headline():
    lines = [
        "我市举办计量开放日活动",
        "市民近距离感受“精准”",
        "某某日报",
        "2025年10月05日",
        "本报讯 近日，我市举办计量开放日活动，市民走进实验室参观。",
    ]
    assert headline_line(lines) == 0


def test_meta_fields_glued_to_the_start_of_the_text_go_on_their_own_line():
    from scrapers.enrich.title import split_glued_meta

    line = "阅读量： 发布时间：2021-06-30 受某某学会委托，某促进会于5月14日在深圳召开检验检测机构座谈会。"
    assert split_glued_meta([line]) == [
        "阅读量： 发布时间：2021-06-30",
        "受某某学会委托，某促进会于5月14日在深圳召开检验检测机构座谈会。",
    ]


def test_a_headline_printed_again_over_two_lines_is_the_whole_headline():
    lines = [
        "2023年“某某认可日”主题宣传海报正式发布",
        "浏览：12",
        "2023年“某某认可日”",
        "主题宣传海报正式发布",
        "今年6月9日是第十六个“某某认可日”。日前，2023年“某某认可日”国际版、国内版海报正式发布。",
    ]
    assert headline_line(lines) == 0


def test_an_announcements_number_is_no_part_of_its_title():
    assert clean_title("2021年第9号 某某总局关于三家机构被撤销资质的公告")[0] == "某某总局关于三家机构被撤销资质的公告"
    title = "《某某委关于两家机构违规从事认证活动的公告》（某某委员会公告2022年第5号）"
    assert clean_title(title)[0] == "某某委关于两家机构违规从事认证活动的公告"
    # a headline that only opens with a year, or names a document, stays as printed
    assert clean_title("2021年第9号台风过境 某某检测站连夜抢修")[0] == "2021年第9号台风过境 某某检测站连夜抢修"
    assert clean_title("《某某机构认可规则》发布实施")[0] == "《某某机构认可规则》发布实施"


def test_a_headline_may_tell_its_day_but_a_date_line_is_no_headline():
    lines = [
        "某某精品视频_一区二区_在线观看免费",
        "《某某机构认可规则》7月1日起发布实施",
        "某某规则将于2022年7月1日起正式发布并实施。",
    ]
    assert headline_line(lines) == 1
    for line in ("5月20日 星期五", "时间：5月20日 地点：某某市会展中心", "更新于5月20日"):
        assert headline_line([line, "某某协会召开年会，会员代表参加会议并审议了工作报告。"]) is None, line


def test_a_breadcrumbs_last_crumb_that_the_lead_tells_is_the_headline():
    header = ["当前位置：某某仪器有限公司>>公司动态>>某某检测重点实验室将落户某新区"]
    lead = "某某检测重点实验室将落户某新区。日前，三方签订战略合作协议。"
    assert breadcrumb_title(header, lead) == "某某检测重点实验室将落户某新区"
    # a column's name at the end of the crumbs is no headline
    assert breadcrumb_title(["首页 > 新闻中心 > 行业动态"], "近日，某某协会召开年会。") == ""


def test_a_headline_ending_as_a_sentence_may_is_a_headline_above_the_meta_line():
    from scrapers.enrich.title import body_start

    lines = [
        "某某产品共检出十个批次不合格！（附名单）",
        "来源： 来源： 某某管理局 发布时间：2021年03月02日",
        "1月28日，某某管理局通报了某某产品质量监督抽查情况，其中十批次产品不合格。",
    ]
    assert body_start(lines) == 2 and headline_line(lines) == 0
    # a first paragraph is text whatever follows it
    lines = ["1月28日，某某管理局通报了抽查情况，其中十批次产品不合格。", "发布时间：2021年03月02日"]
    assert body_start(lines) == 0


def test_a_headline_asking_a_question_above_a_date_first_meta_line_and_a_dated_headline():
    from scrapers.enrich.title import body_start

    lead = "活动现场，工作人员向市民介绍了检测设备和检测方法，并解答了群众关心的问题。"
    for meta in ("2024-05-20 来源：东南某某报", "2024-05-20 09:30"):
        assert body_start(["检验检测机构开放日怎么玩？", meta, lead]) == 2
    # the page's day in brackets after the headline is no part of it
    lines = ["某市开展检验检测机构开放日活动（2024-05-20）", lead]
    assert headline_line(lines) == 0
    assert clean_title(lines[0]) == ("某市开展检验检测机构开放日活动", "")


def test_a_forums_navigation_control_is_no_headline():
    # a forum prints its jump control between the thread's title and the post's date line
    lines = [
        "某市计量所举办仪器校准技术交流会",
        "跳转到指定楼层",
        "楼主",
        "发表于 2022-04-11 09:30:00",
        "本报讯 昨天，某市计量所举办仪器校准技术交流会，四十多家企业的技术人员参加。",
    ]
    assert headline_line(lines) == 0
    assert headline_line(["返回顶部", "某县质检站开放实验室迎接学生参观", BODY]) == 1


def test_a_headline_with_a_question_in_it_printed_as_the_first_line_is_kept_whole():
    """A page that shows its headline only as the first line of text ("…成效如何？某局回应")
    gives a derived headline cut at the ？; a line with no comma or full stop and a question
    between two phrases is a headline's shape, not a lead's, and stays whole."""
    assert derive_title("区域协同标准化建设成效如何？某某总局回应") == "区域协同标准化建设成效如何？某某总局回应"
    # a lead opening with a question goes on as a sentence: its event clause is the headline
    assert derive_title("你知道吗？今天是世界计量日，某某局举办开放日活动。") == "某某局举办开放日活动"


def test_portal_breadcrumb_is_no_headline_and_a_two_part_headline_is():
    """A portal's breadcrumb with its 申请入驻 button sits above the headline; a headline in two
    halves around ``|`` is the story's own, not a page title with its site glued on."""
    lines = [
        "某某首页 > 某某号 > 正文 申请入驻",
        "【科普】计量日 | 走进身边的计量",
        "每年5月20日是世界计量日，各地计量院所向公众开放实验室，市民可以预约参观。",
    ]
    assert headline_line(lines) == 1
    assert clean_title(lines[1])[0] == "计量日 | 走进身边的计量"


def test_menu_with_bars_is_no_headline():
    lines = ["网站首页 | 机构概况 | 新闻中心 | 联系我们", "检验检测机构开放日活动在我市举行", BODY]
    assert headline_line(lines) == 1


def test_headline_with_a_table_cells_bar_after_it():
    """A government CMS prints the headline in a table cell, and the text keeps the cell's bar."""
    lines = ["检验中心开展暑期实验室开放日活动 |", "发布日期：2023-08-08 |", BODY]
    assert headline_line(lines) == 0
    assert clean_title(lines[0])[0] == "检验中心开展暑期实验室开放日活动"


def test_portals_original_badge_is_no_part_of_the_headline():
    assert clean_title("原创 三地共同开发认证项目四十项")[0] == "三地共同开发认证项目四十项"
    assert clean_title("原创性成果在我市发布")[0] == "原创性成果在我市发布"  # a word, not a badge


def test_a_headline_its_original_title_line_repeats_beats_a_keyword_line_below_it():
    # a mirror prints the long two-part headline, its date, a keyword line and 原标题 without spaces
    lines = [
        "某省计量院与某市检测中心签署合作协议 高原计量实验室在某地揭牌",
        "日期：05-12",
        "高原计量揭牌",
        "原标题：某省计量院与某市检测中心签署合作协议高原计量实验室在某地揭牌",
        "5月11日上午，某省计量院与某市检测中心签署合作协议，双方共建的高原计量实验室同日揭牌。",
    ]
    assert headline_line(lines) == 0


def test_a_deck_the_page_title_repeats_is_the_headline_over_a_slogan():
    lines = [
        "首页 > 新闻 > 正文",
        "某市质检中心组织开展科技周实验室开放日活动-某某快讯",
        "时间：2023-06-01 来源：某某质量网",
        "走近科学 体验检测",
        "——某市质检中心组织开展科技周实验室开放日活动",
        "5月26日，某市质检中心举办科技周实验室开放日活动，市民走进实验室参观。",
    ]
    t = headline_line(lines)
    assert t == 4 and clean_title(lines[t])[0] == "某市质检中心组织开展科技周实验室开放日活动"
    # a deck printed once leaves the slogan above it the headline
    once = ["七彩童年 快乐暑假", "——记实验室开放日活动", "7月23日下午，某所联合社区开展开放日活动。"]
    assert headline_line(once) == 0


def test_title_printed_with_its_issuer_in_full_and_in_short_takes_the_full_one():
    # the same notice title twice: once naming the region's body in full, once as the body calls itself
    lines = [
        "青海省市场监督管理局关于2025年秋季化肥产品质量监督抽查情况的通报",
        "省市场监管局关于2025年秋季化肥产品质量监督抽查情况的通报",
        "为保障秋冬种生产，省市场监管局组织开展了化肥产品质量监督抽查，现将有关情况通报如下：",
    ]
    assert headline_line(lines) == 0


def test_headline_broken_after_its_subject_is_joined():
    # the body's name alone on the line above, the headline opening with what it did
    lines = ["县市场监督管理局", "举办计量惠民志愿服务活动", "本报讯（记者 吴晓燕）5月20日，县市场监督管理局在广场举办活动。"]
    t = headline_line(lines)
    assert t is not None and join_split_title(lines, t) == "县市场监督管理局举办计量惠民志愿服务活动"
    # a headline with its subject is never joined to the line above, nor one under a site's banner
    lines = ["县市场监督管理局", "某某县举办计量惠民志愿服务活动", "5月20日，某某县在广场举办活动。"]
    assert join_split_title(lines, 1) == "某某县举办计量惠民志愿服务活动"
    lines = ["云溪市市场监督管理局", "举办计量惠民志愿服务活动", "5月20日，云溪市市场监督管理局在广场举办活动。"]
    assert join_split_title(lines, 1) == "举办计量惠民志愿服务活动"


def test_a_reposts_mark_is_no_part_of_the_headline():
    # a site carrying another's item marks it 转发：/转载：/转： before the headline
    assert clean_title("转发：计量服务助力县域产业升级")[0] == "计量服务助力县域产业升级"
    assert clean_title("转载： 全市检验检测机构能力验证结果公布")[0] == "全市检验检测机构能力验证结果公布"
    assert clean_title("转：某省认证认可协会召开理事会")[0] == "某省认证认可协会召开理事会"
    # a notice forwarding another body's document names it so in its own title, with no colon
    assert clean_title("关于转发某某办法的通知")[0] == "关于转发某某办法的通知"
    assert clean_title("转发某局关于开展计量检查的通知")[0] == "转发某局关于开展计量检查的通知"


def test_an_observation_columns_name_before_the_headline():
    assert clean_title("当前观察：某局发布年度产品质量抽查情况")[0] == "某局发布年度产品质量抽查情况"
    assert clean_title("宁夏：组织专项抽查 强化农资监管")[0] == "宁夏：组织专项抽查 强化农资监管"  # a place, no column


def test_a_long_notice_title_opening_the_text_is_the_title_whole():
    # the document it consults on is named in full: too long for a heading, still the notice's title
    doc = "《某某省人民政府关于设立电子计价秤和加油机等计量器具制造修理行政许可的决定（代拟稿）（征求意见稿）》"
    line = f"某某省市场监督管理局关于公开征求{doc}意见的通知"
    assert len(line) > 64
    assert derive_title(line) == line
    # a lead sentence that names a notice is not one: its time word is cut as before
    assert derive_title("近日，某某监管局印发了关于开展计量器具检查的通知。") == "某某监管局印发了关于开展计量器具检查的通知"
