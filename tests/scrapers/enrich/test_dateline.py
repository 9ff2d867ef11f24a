"""scrapers.enrich.dateline: outlets and reporters from datelines, bylines, credits and signatures."""

from scrapers.core.gazetteer import load_gazetteer
from scrapers.enrich.dateline import find_attribution, parse_dateline

PLACES = load_gazetteer().names


def test_outlet_place_and_reporter():
    a = parse_dateline("中新网深圳10月17日电（记者 孙秋霞）日前，某活动举行。", PLACES)
    assert (a.source, a.authors, a.place) == ("中新网", ("孙秋霞",), "深圳")


def test_several_authors_and_roles():
    a = parse_dateline("中国质量新闻网讯（记者傅江平 通讯员范伟）12月8日，联盟成立。", PLACES)
    assert a.source == "中国质量新闻网" and a.authors == ("傅江平", "范伟")


def test_house_dateline_has_no_outlet():
    a = parse_dateline("本报讯（记者岳倩）近日，会议召开。", PLACES)
    assert a.source == "" and a.authors == ("岳倩",)


def test_masthead_resolves_this_paper():
    a = find_attribution(["华东日报海外版 2022年03月15日 星期二"], ["本报北京3月14日电 （记者张明）启动仪式举办。"], [], "")
    assert a.source == "华东日报海外版" and a.authors == ("张明",)


def test_source_line_and_spam_source():
    assert find_attribution([], ["正文。"], ["来源：自贡网"], "").source == "自贡网"
    assert find_attribution(["来源：某某电竞登录入口官网网址"], ["正文。"], [], "").source == ""


def test_trailing_outlet_and_byline():
    a = find_attribution(["自贡融媒记者 池莉"], ["统计结果显示，机构数量增加。（央视新闻）"], [], "")
    assert a.source == "央视新闻" and a.authors == ("池莉",)


def test_issuer_of_a_notice():
    a = find_attribution([], ["各省、自治区市场监管局："], [], "市场监管总局办公厅关于开展第十八个“世界认可日”活动的通知")
    assert a.source == "市场监管总局办公厅"


def test_issuing_bodies_channels_and_broken_brackets_in_datelines():
    a = parse_dateline("临夏州市场监督管理局讯 近日，全州开展计量宣传活动。", PLACES)
    assert a.source == "临夏州市场监督管理局"
    a = parse_dateline("某某网四川新闻3月2日电（张明）2日上午，成都市某协会成立。", PLACES)
    assert (a.source, a.authors, a.place) == ("某某网", ("张明",), "四川")
    a = parse_dateline("某某消费报广州讯王小红 记者李大明）10月8日，会议召开。", PLACES)
    assert (a.source, a.authors) == ("某某消费报", ("王小红", "李大明"))
    a = parse_dateline("本报讯（鞠 红 夏 静）近日，联盟成立。", PLACES)
    assert a.authors == ("鞠红", "夏静")


def test_meta_lines_name_the_outlet_not_their_neighbours():
    body = ["正文第一段，会议召开。"]
    a = find_attribution(["2015-03-18 作者： 浏览数：1033"], body, [], "", PLACES)
    assert (a.source, a.authors) == ("", ())
    a = find_attribution(["2017-11-24 08:55 来源： 某某网-某某客户端 手机看新闻"], body, [], "", PLACES)
    assert a.source == "某某网"
    a = find_attribution(["发布时间：2022-10-21 信息来源：某某日报 浏览：980"], body, [], "", PLACES)
    assert a.source == "某某日报"
    a = find_attribution(["某某通讯社 2023-09-26 10:32"], body, [], "", PLACES)
    assert a.source == "某某通讯社"
    a = find_attribution(["时间：2023-01-02 作者：杭州市某某协会"], body, [], "", PLACES)
    assert (a.source, a.authors) == ("杭州市某某协会", ())
    a = find_attribution(["学会新闻-宁波市某某学会"], body, [], "", PLACES)
    assert a.source == "宁波市某某学会"


def test_names_in_brackets_closing_the_text_are_reporters():
    a = find_attribution([], ["正文第一段，会议召开。", "各方将加强合作。（张明 李红）"], [], "", PLACES)
    assert a.authors == ("张明", "李红")
    a = find_attribution([], ["正文第一段，会议召开。", "各方将加强合作。（完）"], [], "", PLACES)
    assert a.authors == ()


def test_a_trailing_credit_names_the_source():
    a = find_attribution([], ["正文第一段，会议召开。", "各方将加强合作。（来源：某某县市场监管局）"], [], "", PLACES)
    assert a.source == "某某县市场监管局"


def test_a_column_ending_in_xun_after_the_outlet_is_not_part_of_its_name():
    a = parse_dateline("某某检测网资讯：为落实联席会议精神，某某工作启动会在合肥召开。", PLACES)
    assert a.source == "某某检测网"
    assert parse_dateline("某某检测网快讯：某某工作启动会在合肥召开。", PLACES).source == "某某检测网"


def test_a_signature_before_an_attachment_names_the_issuer():
    body = [
        "各会员单位：",
        "《某某行业发展报告》已编写完成，现予发布。",
        "附件：某某行业发展报告",
        "某某省检验检测学会",
        "2022年3月",
        "前言",
        "过去一年，全省检验检测行业稳步发展，机构数量和营业收入都有增长，服务能力不断提升。",
        "一、基本情况",
        "全省共有检验检测机构两千余家，从业人员五万余人，服务领域覆盖各个行业。",
    ]
    assert find_attribution([], body, [], "关于发布某某行业发展报告的通知", PLACES).source == "某某省检验检测学会"


def test_source_lines_with_the_next_field_glued_on_and_the_full_name_of_a_short_dateline():
    body = ["某某站讯 近日，某市质检中心举办开放日活动，市民代表参观了实验室。"]
    header = ["来源:某市食品检验检测中心发布时间:2018/11/05浏览次数:76"]
    assert find_attribution(header, body, [], "", PLACES).source == "某市食品检验检测中心"
    lead = ["时报讯(记者 张三)记者昨日获悉，新区质监部门近日举办实验室开放日活动。"]
    header = ["- 发布时间:2014-09-22 11:35:30 来源:某某滨海时报 责任编辑:某某"]
    assert find_attribution(header, lead, [], "", PLACES).source == "某某滨海时报"
    assert find_attribution(["2017-09-29 某某质量报804"], ["近日，某联盟成立。"], [], "", PLACES).source == ("某某质量报")


def test_the_pages_own_credit_wins_over_a_wire_dateline_but_not_a_channel_credit():
    lead = ["某通社某市6月3日电（记者 张三）某市今天启动检验检测机构开放日活动，二十家机构向市民开放实验室。"]
    header = ["2024-06-03 10:20 来源：某某日报网"]
    assert find_attribution(header, lead, [], "", PLACES).source == "某某日报网"
    # an app or an account is a channel of the outlet the dateline names
    lead = ["某视网消息（记者 张三）：记者从市场监管部门获悉，全市检验检测机构数量稳步增长。"]
    assert find_attribution([], lead, ["来源：某视新闻客户端"], "", PLACES).source == "某视网"
    # a credit line that names no one (来源：分类：…) leaves the dateline as it is
    lead = ["某某消费报沈阳讯（记者 李四）9月26日，某市检验检测行业协会召开年会。"]
    header = ["2024-09-26 15:07:59来源:分类:行业资讯"]
    assert find_attribution(header, lead, [], "", PLACES).source == "某某消费报"


def test_a_site_credited_with_its_paper_keeps_both_names():
    header = ["2024-05-13 09:16 来源: 某青网-某某青年报"]
    body = ["近日，某区市场监管局开展电子秤专项检查，检定电子秤三百余台。"]
    assert find_attribution(header, body, [], "", PLACES).source == "某青网-某某青年报"
    header = ["2024-05-20 06:15 来源： 某明网-《某明日报》"]
    assert find_attribution(header, body, [], "", PLACES).source == "某明网-某明日报"
    header = ["2024-05-20 来源： 某民网-文化频道"]
    assert find_attribution(header, body, [], "", PLACES).source == "某民网"


def _attribution(header: list[str], body: list[str], tail: list[str] = [], title: str = ""):  # noqa: B006
    return find_attribution(header, body, tail, title, load_gazetteer().names)


def test_a_picture_and_text_credit_names_the_author_and_a_picture_column_does_not():
    a = _attribution(["图片新闻"], ["近日，某省检验检测院开展开放日活动，市民参观了实验室和检测设备。"], ["图文/李小明"])
    assert a.authors == ("李小明",)
    assert _attribution(["图片新闻"], ["近日，某省检验检测院开展开放日活动，市民参观了实验室。"]).authors == ()


def test_a_paper_named_under_the_headline_or_credited_at_the_end_is_the_source():
    body = ["本报讯（记者李明）近日，我市举办计量开放日活动，市民参观了实验室。"]
    assert _attribution(["我市举办计量开放日活动", "某某日报", "2024年3月2日"], body).source == "某某日报"
    closing = ["本报讯 近日，某学院举办计量学术会议，专家学者参加。", "（王明）", "《某某科技报》 （2011-3-14 A3 要闻）"]
    assert _attribution([], closing).source == "某某科技报"


def test_an_unsigned_letter_is_the_source_of_the_organisation_introducing_itself():
    body = [
        "各会员单位：",
        "某某计量协会是本省计量机构自愿组成的行业组织，现有会员单位三百余家。",
        "根据工作需要，某某计量协会拟成立检测设备分会，现将有关事项通知如下。",
    ]
    a = _attribution([], body)
    assert (a.source, a.how) == ("某某计量协会", "letter")
    # not a letter (no salutation), or the organisation is not named again: no source from it
    assert _attribution([], body[1:]).source == ""
    assert _attribution([], [body[0], body[1], "请各单位于月底前报名。"]).source == ""


def test_a_code_in_a_credit_or_author_field_names_no_one():
    header = ["发布时间：2024-03-02 08:00 来源： ab20240302", "作者：XY123 2024-03-02"]
    a = _attribution(header, ["某某网北京3月1日电 （记者王小明）某某学会年会在京召开。", "正文。"])
    assert a.source == "某某网"
    assert a.authors == ("王小明",)
    # without a dateline, the code is still no source
    assert _attribution(["来源： ab20240302"], ["某某学会年会召开，代表们参加了会议。"]).source == ""


def test_a_channels_reporters_closing_the_text_are_its_authors():
    body = ["近日，某某检测集团与某大学签署合作协议。", "双方将共建实验室。（某某公共新闻频道记者张小红 李大明）"]
    assert _attribution([], body).authors == ("张小红", "李大明")


def test_a_reprints_credit_and_a_government_sites_publisher_name_the_source():
    body = ["近日，某某总局联合多部门发布年度检验检测机构监督抽查工作的通知。"]
    assert _attribution([], body, ["转自：某某总局网站"]).source == "某某总局网站"
    header = ["发布机构: 某某市市场监管局 发布时间: 2021-06-21 字体: [ ]"]
    assert _attribution(header, body).source == "某某市市场监管局"


def test_a_dateline_cut_from_its_outlet_still_names_the_reporter():
    a = _attribution([], ["讯 （记者 王小红）长三角五市一区检验检测认证资源实现统一查询。"])
    assert (a.source, a.authors) == ("", ("王小红",))


def test_a_closing_byline_with_its_paper_names_the_source_and_the_reporters():
    body = ["某某消息 为庆祝世界计量日，某省计量院开展免费检测活动。", "某某商报·某某新闻网记者 王小明 李小红"]
    a = _attribution([], body)
    assert (a.source, a.authors) == ("某某商报", ("王小明", "李小红"))


def test_a_reposted_notices_title_in_book_marks_is_no_masthead():
    header = ["《某某委关于两家机构违规从事认证活动的公告》（某某委员会公告2022年第5号）"]
    body = [
        "经查证，两家机构在未经某某委批准的情况下擅自开展认证活动。",
        "某某委提醒社会各界选择合法机构。",
        "特此公告。",
        "某某委",
        "2022年3月4日",
    ]
    assert _attribution(header, body).source == "某某委"


def test_a_credit_left_open_names_the_reporter_before_the_day():
    assert parse_dateline("本报讯 （王小明1月22日，某某协会检测分会揭牌仪式在", PLACES).authors == ("王小明",)
    # the lead cut short and left above the text with the header still credits its reporter
    header = ["某某协会检测分会揭牌", "本报讯 (王小明1月22日，某某协会检测分会揭牌仪式在"]
    a = _attribution(header, ["王小红指出，检测分会的成立可以帮助成员应对竞争。", "李大明在致辞中强调了行业自律。"])
    assert a.authors == ("王小明",)


def test_a_column_label_after_laiyuan_is_no_source_and_leaves_the_dateline():
    lead = ["某某消费报广州讯（王小红 记者李大明）为提升计量能力，某中心获批筹建。"]
    a = find_attribution(["来源：产品 发布时间：2025-10-07 19:05:47 浏览次数："], lead, [], "", PLACES)
    assert (a.source, a.authors) == ("某某消费报", ("王小红", "李大明"))
    assert find_attribution(["来源：资讯 发布时间：2025-10-07"], ["近日，某联盟成立。"], [], "", PLACES).source == ""
    # a known brand with no outlet's end, a site credited with its paper, a Latin name: credits
    assert find_attribution(["来源：财新"], lead, [], "", PLACES).source == "财新"
    assert find_attribution(["来源：某某网-某某日报"], lead, [], "", PLACES).source == "某某网-某某日报"
    assert find_attribution(["来源：ABCD"], lead, [], "", PLACES).source == "ABCD"
    # 本站-like words still credit the site itself
    header = ["某某计量网 http://example.com/", "发布时间：2024-05-21 作者：张三 来源：供稿 浏览：741"]
    assert find_attribution(header, ["近日，某联盟成立。"], [], "", PLACES).source == "某某计量网"


def test_outlets_no_list_knows_are_read_by_their_shape_in_new_positions():
    # a column word inside the name: 资讯网讯 is the dateline, not 资讯
    assert parse_dateline("某某质量资讯网讯 为提高计量能力，某中心获批筹建。", PLACES).source == "某某质量资讯网"
    # a wire's dateline between slashes
    a = parse_dateline("广州2023年7月20日 /某某通社/ -- 日前，某中心理事会在广州召开。", PLACES)
    assert (a.source, a.place) == ("某某通社", "广州")
    # an outlet and its reporter with no 讯, then the day it reports
    a = parse_dateline("某某全搜索新闻网（记者 张小晓）5月19日报道 今天上午，某局举办了活动。", PLACES)
    assert (a.source, a.authors) == ("某某全搜索新闻网", ("张小晓",))
    # not an outlet's name: a sentence with reporters in brackets
    assert parse_dateline("今天上午举行活动（记者 张小晓）。", PLACES).source == ""
    # a paper's name and its date with a font widget after it
    header = ["某某日报 2020-09-17 07:07 大字"]
    assert find_attribution(header, ["本报讯（记者张三）近日，某活动举行。"], [], "", PLACES).source == "某某日报"


def test_a_papers_name_closing_the_text_is_its_source_but_not_a_list_heading():
    body = ["（记者王晓婷文/摄 通讯员胡小明）昨日，某所举行开放日活动。", "活动深受群众欢迎。某某日报"]
    a = find_attribution([], body, [], "", PLACES)
    assert (a.source, a.authors) == ("某某日报", ("王晓婷", "胡小明"))
    assert find_attribution([], ["正文第一段，会议召开。", "各方将加强合作。", "某某晚报"], [], "", PLACES).source == "某某晚报"
    for closing in ("相关新闻", "图片新闻", "据某某社消息"):
        assert find_attribution([], ["正文第一段，会议召开。", f"各方将加强合作。{closing}"], [], "", PLACES).source == ""


def test_reporters_printed_without_a_separator_are_split_at_their_family_names():
    a = parse_dateline("本报讯（李小冬黄博记者王桥臻）9月15日，某活动在某市举行。", PLACES)
    assert a.authors == ("李小冬", "黄博", "王桥臻")
    # an outlet's words glued to a role are no names; a two-way cut stays whole (and is dropped)
    assert parse_dateline("某某网讯（郑报全媒体记者 李爱琴）5月20日，某活动举行。", PLACES).authors == ("李爱琴",)
    assert parse_dateline("本报讯（记者 张三 李四报道）近日，某活动举行。", PLACES).authors == ("张三", "李四")


def test_a_word_glued_before_a_role_qualifies_it_and_words_ending_as_names_do_not_name():
    assert parse_dateline("本站讯（职工通讯员 李小雯 刘会）10月30日，某科举办了技能大赛。", PLACES).authors == ("李小雯", "刘会")
    assert find_attribution([], ["正文第一段，会议召开。", "各方将加强合作。", "宣传海报"], [], "", PLACES).source == ""


def test_more_positions_of_a_credit_and_a_byline_by_their_shape():
    body = ["为推动行业发展，某市组织开展了开放日活动，市民代表走进实验室参观。", "活动现场气氛热烈。"]

    def source(header: list[str], text: list[str] = body, tail: list[str] | None = None) -> str:
        return find_attribution(header, text, tail or [], "", PLACES).source

    # an item's own credit and a body's: 本文来源：, 【来源：…】, 来源于：, 发布单位：, 供稿单位：
    assert source([], tail=["本文来源：东南某某报"]) == "东南某某报"
    assert source(["【来源：东南某某报】"]) == "东南某某报"
    assert source(["发布单位：某某市市场监督管理局  发布时间：2024-05-20"]) == "某某市市场监督管理局"
    assert source(["供稿单位：某某市计量测试所"]) == "某某市计量测试所"
    # a picture's or a figure's source is no credit
    assert source([], tail=["图片来源：某某图库", "数据来源：某某统计局"]) == ""
    # a paper and its site joined by a dot: the paper (the dateline's outlet stands)
    lead = ["某某消费报北京讯 近日，某活动举行。"]
    assert source(["2024-04-19 15:16 本文来源：某某消费报•某某消费网 作者：张闻"], lead) == "某某消费报"
    # the date, then an outlet no lexicon word ends (…周刊)
    assert source(["2024-05-20 09:30 东南某某周刊"]) == "东南某某周刊"
    # an outlet's news with no bracket, in brackets opening the lead, reported by
    assert parse_dateline("华东某某网消息 近日，某活动举行。", PLACES).source == "华东某某网"
    assert source([], ["【东南某某报】近日，某活动举行。", "活动现场气氛热烈。"]) == "东南某某报"
    assert source([], ["据东南某某报报道，近日，某活动举行。", "活动现场气氛热烈。"]) == "东南某某报"
    assert source([], ["近日，某活动举行。", "活动现场气氛热烈。（某某市计量测试所供稿）"]) == "某某市计量测试所"


def test_bylines_with_their_outlet_and_author_fields_with_several_names():
    body = ["为推动行业发展，某市组织开展了开放日活动。", "活动现场气氛热烈。"]
    for line in ("东南某某报记者 王小明 摄", "东南某某报/记者 王小明", "东南某某报记者 王小明 报道"):
        a = find_attribution([], body, [line], "", PLACES)
        assert (a.source, a.authors) == ("东南某某报", ("王小明",)), line
    # a dateline's outlet or a trailing credit comes first; 本报 is no outlet
    a = find_attribution(["本报记者 王小明"], ["近日，某活动举行。（某某新闻）"], [], "", PLACES)
    assert (a.source, a.authors) == ("某某新闻", ("王小明",))
    a = find_attribution(["时间：2024-05-20 作者：王小明 张华"], body, [], "", PLACES)
    assert a.authors == ("王小明", "张华")
    assert find_attribution(["作者：记者 王小明"], body, [], "", PLACES).authors == ("王小明",)
    assert find_attribution(["作者：上官云 宋小晟"], body, [], "", PLACES).authors == ("上官云", "宋小晟")
    assert find_attribution(["作者：余小菁 返回首页，查看更多"], body, [], "", PLACES).authors == ("余小菁",)
    # names set apart with no bracket after 讯, each opening with a family name
    assert parse_dateline("本报讯 记者 王小明 张华 报道：近日，某活动举行。", PLACES).authors == ("王小明", "张华")
    assert parse_dateline("某某报讯 记者 王小明 近日 某活动举行。", PLACES).authors == ("王小明",)
    # a unit is no reporter
    assert find_attribution([], ["近日，某活动举行。", "活动现场气氛热烈。（办公室 供稿）"], [], "", PLACES).authors == ()
    assert parse_dateline("某某报讯 文/摄 王小明 近日，某活动举行。", PLACES).source == "某某报"


def test_credits_inside_closing_brackets_and_the_xun_of_a_correspondent():
    body = ["为推动行业发展，某市组织开展了开放日活动。"]
    # 通讯员's 讯 ends no dateline: the byline is no outlet
    a = find_attribution(["本报记者 王小明 通讯员 张华"], body, [], "", PLACES)
    assert (a.source, a.authors) == ("", ("王小明", "张华"))
    for closing in ("活动现场气氛热烈。（王小明 张华 文/图）", "活动现场气氛热烈。（通讯员 王小明 记者 张华）"):
        assert find_attribution([], [*body, closing], [], "", PLACES).authors == ("王小明", "张华")
    assert find_attribution([], [*body, "活动现场气氛热烈。（编辑 王小明）"], [], "", PLACES).authors == ()
    assert parse_dateline("本报讯（全媒体记者 王小明）近日，某活动举行。", PLACES).authors == ("王小明",)
    assert parse_dateline("本报讯 本报记者王小明 近日，某活动举行。", PLACES).authors == ("王小明",)
    assert find_attribution(["撰文：王小明"], body, [], "", PLACES).authors == ("王小明",)


def test_one_word_glued_before_a_role_qualifies_it_and_a_photo_credit_names_no_author():
    body = ["为推动行业发展，某市组织开展了开放日活动。"]
    assert find_attribution([], body, ["采写：南某见习记者 林小沛"], "", PLACES).authors == ("林小沛",)
    assert find_attribution([], [*body, "某某社发（刘小仓摄）"], [], "", PLACES).authors == ()


def test_xiaoxi_stands_where_xun_does_and_brackets_around_a_dateline_or_a_credit():
    a = parse_dateline("华东某某网杭州5月20日消息 近日，某活动举行。", PLACES)
    assert (a.source, a.place) == ("华东某某网", "杭州")
    assert parse_dateline("【东南某某报讯】近日，某活动举行。", PLACES).source == "东南某某报"
    assert find_attribution(["来源：东南某某报（记者 王小明）"], ["近日，某活动举行。"], [], "", PLACES).source == "东南某某报"


def test_a_closing_byline_gives_the_full_name_of_a_datelines_short_form():
    body = ["商报济南消息 5月19日，某院开展免费检测活动。", "活动现场气氛热烈。", "东山商报·某某新闻网记者 冯小云 张月"]
    assert find_attribution([], body, [], "", PLACES).source == "东山商报"


def test_a_signature_with_its_date_on_the_same_line_names_the_issuer():
    body = ["各有关单位：", "为推动行业发展，决定组织开展开放日活动，请各单位认真组织实施。"]
    a = find_attribution([], body, ["某某市市场监督管理局 2024年5月10日"], "关于开展开放日活动的通知", PLACES)
    assert a.source == "某某市市场监督管理局"


def test_any_papers_name_alone_under_the_headline_is_its_masthead_but_not_a_widget():
    body = ["近日，某活动举行。"]
    assert find_attribution(["某市开展开放日活动", "东南都市报"], body, [], "", PLACES).source == "东南都市报"
    assert find_attribution(["某市开展开放日活动", "东南经济周刊"], body, [], "", PLACES).source == "东南经济周刊"
    for widget in ("语音播报", "宣传简报", "工作通报"):
        assert find_attribution(["某市开展开放日活动", widget], body, [], "", PLACES).source == ""


def test_a_brand_with_no_outlets_end_is_a_name_where_it_is_listed():
    body = ["近日，某活动举行。"]
    assert find_attribution(["来源：央视"], body, [], "", PLACES).source == "央视"
    assert find_attribution(["来源：第一财经"], ["某某报讯 近日，某活动举行。"], [], "", PLACES).source == "第一财经"


def test_a_unit_and_its_writer_in_brackets_on_the_last_line_name_the_author():
    body = ["正文第一段，会议召开。", "各方将加强合作。", "（质量检测中心 王晓丽）", "面包屑"]
    assert find_attribution([], body, [], "", PLACES).authors == ("王晓丽",)


def test_a_contributed_text_is_sourced_to_the_organisation_named_as_author():
    header = ["某某计量网——计量门户", "发布时间：2023-02-10 作者：宁波市计量测试学会 来源：供稿 浏览：88"]
    a = find_attribution(header, ["2月8日，学会召开理事会。"], [], "", PLACES)
    assert a.source == "宁波市计量测试学会"


def test_a_credit_glued_to_its_editor_field_names_the_outlet():
    header = ["来源:某某网收集编辑:某某网"]
    a = find_attribution(header, ["某某网/某某日报讯（记者 赵强报道）9月14日，活动启动。"], [], "", PLACES)
    assert a.source == "某某网"


def test_a_notices_issuer_printed_alone_above_its_title_is_the_source():
    header = ["发布时间:2022-03-01", "某省市监发〔2022〕12号", "江西省市场监督管理局", "关于开展计量培训的", "通知"]
    a = find_attribution(header, ["各设区市市场监管局：", "现将有关事项通知如下。"], [], "关于开展计量培训的通知", PLACES)
    assert a.source == "江西省市场监督管理局"


def test_a_body_credited_by_its_kind_alone_takes_the_place_its_headline_opens_with():
    header = ["来源:市场监督管理局 浏览次数: 发布时间:2025-03-12 10:00"]
    title = "定西市市场监管局开展计量器具专项检查"
    a = find_attribution(header, ["3月11日，定西市市场监管局开展检查。"], [], title, PLACES)
    assert a.source == "定西市市场监督管理局"
    # a headline opening with no place leaves the credit as printed
    a = find_attribution(header, ["3月11日，局里开展检查。"], [], "开展计量器具专项检查", PLACES)
    assert a.source == "市场监督管理局"


def test_a_credit_with_the_pages_date_or_a_font_widget_glued_on_keeps_only_the_name():
    """Meta rows run fields together with no space: the date after the credit, the font
    widget (放大 缩小) after it; neither is part of the name, and a year alone is not either."""
    body = ["正文第一段，会议召开。"]
    assert find_attribution(["来源 :某某汽研2024-08-02"], body, [], "", PLACES).source == "某某汽研"
    assert find_attribution(["来源：某某检测研究院2024年8月2日 10:30"], body, [], "", PLACES).source == "某某检测研究院"
    header = ["发表日期:2020-11-30来源:某某化学研究所放大 缩小"]
    assert find_attribution(header, body, [], "", PLACES).source == "某某化学研究所"
    header = ["来源：某某日报  放大字体  缩小字体 发布时间：2021-05-06"]
    assert find_attribution(header, body, [], "", PLACES).source == "某某日报"
    assert find_attribution(["来源：某某大学出版社"], body, [], "", PLACES).source == "某某大学出版社"


def test_reporters_glued_to_the_lead_to_their_verb_or_to_a_contribution_line():
    """A byline printed with no separator still names its people by shape: the name runs into
    the lead until the lead's opening (a day, a time word); 报道 glued after a closing byline
    is the verb; 供稿：unit+person closing the text names the person after the unit."""
    lead = "本报讯 记者张晓雯截至目前，三地已实现一千项标准共享。"
    assert parse_dateline(lead, PLACES).authors == ("张晓雯",)
    assert parse_dateline("本报讯 记者王明5月9日，某某会议在本市召开。", PLACES).authors == ("王明",)
    assert parse_dateline("本报讯 记者近日从某某局获悉，检测机构增加。", PLACES).authors == ()
    assert parse_dateline("本报讯 (记者 何 可)5月9日，某某会议召开。", PLACES).authors == ("何可",)
    body = ["正文第一段，会议召开。", "全媒体通讯员 李小晗报道"]
    assert find_attribution([], body, [], "", PLACES).authors == ("李小晗",)
    body = ["正文第一段，会议召开。", "下一步将常态化开展开放日活动。供稿:省质检院王蓉"]
    assert find_attribution([], body, [], "", PLACES).authors == ("王蓉",)
    body = ["正文第一段，会议召开。", "下一步将常态化开展开放日活动。供稿:省质检院"]
    assert find_attribution([], body, [], "", PLACES).authors == ()


def test_a_paper_and_its_reporter_or_who_told_it_closing_the_last_paragraph():
    """Papers close a reprinted item with their byline in brackets after the last sentence
    ("…。 （某某晚报 记者 张三）") or with who told it ("据某某新闻", "（据某某社）"): the outlet is
    the source by its shape (…晚报, …新闻), the bracket's names its reporters; "据了解" names no one."""
    a = find_attribution([], ["正文第一段。", "月饼要适量食用。 （某某晚报 记者 王小宇）"], [], "", PLACES)
    assert (a.source, a.authors) == ("某某晚报", ("王小宇",))
    assert find_attribution([], ["正文第一段。", "位居世界前列。 据某某新闻"], [], "", PLACES).source == "某某新闻"
    assert find_attribution([], ["正文第一段。", "位居世界前列。（据某某社）"], [], "", PLACES).source == "某某社"
    assert find_attribution([], ["正文第一段。", "共有多家机构参加。据了解"], [], "", PLACES).source == ""


def test_reporters_of_a_dateline_whose_outlet_is_garbled_past_reading():
    """A dateline whose outlet a bad decode broke (marked 【疑似乱码…】) still credits its
    reporters in the bracket after 讯; a bracket that names no reporter's role credits no one."""
    lead = "某某日【疑似乱码：？bào)】讯 （记者王莉君）作为高技术服务业，检验检测行业备受关注。"
    assert parse_dateline(lead, PLACES).authors == ("王莉君",)
    assert parse_dateline("某某日【疑似乱码：？bào)】讯 （完）作为高技术服务业，检验检测行业备受关注。", PLACES).authors == ()


def test_footer_owner_is_the_source_of_an_uncredited_agency_page():
    """An agency's or institute's own news page credits no source: its footer's 主办单位 or
    版权所有 names who publishes it. A credit anywhere on the page still wins."""
    body = ["8月5日，市检验中心向学生开放实验室。", "主办单位：某州市市场监督管理局", "地址：某州市某路1号"]
    assert find_attribution([], body, [], "").source == "某州市市场监督管理局"
    tail = ["地址：某安市某路30号 电话：000-1234567", "版权所有：某西省特种设备检验检测研究院 某ICP备2021016107号-1"]
    assert find_attribution([], ["近日，我院开展开放日活动。"], tail, "").source == "某西省特种设备检验检测研究院"
    assert find_attribution([], ["正文。", "主办单位：某州市市场监督管理局"], ["来源：某某日报"], "").source == "某某日报"
    assert find_attribution([], ["主办单位和协办单位的领导出席。"], [], "").source == ""


def test_notice_printed_with_only_its_document_number_is_the_issuers():
    """A notice reposted with its 文号 and no signature: a national body's number prefix says
    who issued it; a province's own prefix (陕市监发) names no national body; a signature wins."""
    body = ["国质检科〔2019〕12号", "各省、自治区、直辖市质量技术监督局：", "现将有关事项通知如下。"]
    assert find_attribution([], body, [], "").source == "国家质检总局"
    assert find_attribution(["市监检测函〔2021〕88号"], body[1:], [], "").source == "国家市场监督管理总局"
    assert find_attribution([], ["某市监发〔2023〕4号", *body[1:]], [], "").source == ""


def test_closing_credit_broken_over_two_lines_with_spaced_names():
    """A copy broke the line inside the closing credit and spaced a name out ("郭 炜"); photo
    captions follow it. The three reporters are read joined again."""
    body = [
        "据悉，今年世界计量日的主题已经发布，省局组织了广场宣传活动。（唐",
        "明、宋 丽、钱文华）",
        "参观人员认真观看电磁兼容试验演示。",
    ]
    assert find_attribution([], body, [], "").authors == ("唐明", "宋丽", "钱文华")
    # a bracket that never closes is no credit
    assert find_attribution([], ["省局组织了广场宣传活动。（唐", "参观人员观看演示。"], [], "").authors == ()


def test_institute_signing_its_own_news_is_the_source():
    """An institute signs its report under the text (某市质检所 / 2024年7月23日), by the short
    name it uses for itself: that signature, as printed, is the source."""
    body = [
        "7月23日下午，某市产品质量监督检验所联合社区开展开放日活动。",
        "活动拉近了检测机构与公众的距离。",
        "某市质检所",
        "2024年7月23日",
    ]
    assert find_attribution([], body, [], "").source == "某市质检所"
    # a place (场所) closing the text is no signature
    assert find_attribution([], ["活动在社区举行。", "公共场所"], [], "").source == ""


def test_bracketed_credit_rows_name_reporters_and_the_app_whatever_the_role_reads():
    # a spinner rewrote 【记者】 as 【感谢】 and emptied another row's brackets: the rows' shape is the credit
    body = [
        "市计量所举办开放日活动，市民走进实验室。",
        "【感谢】王晓明",
        "【通讯员】李青",
        "【】 王晓明",
        "【】 某某报业传媒集团某某+客户端",
    ]
    a = find_attribution([], body, [], "")
    assert a.authors == ("王晓明", "李青") and a.source == "某某+"
    one = find_attribution([], ["检测中心开放实验室。", "【记者】赵一鸣"], [], "")
    assert one.authors == ("赵一鸣",)
    # one bracketed tag with no reporter's role is a column tag, not a credit
    assert find_attribution([], ["【热点】张家港", "检测中心开放实验室。"], [], "").authors == ()


def test_a_papers_newsroom_is_credited_as_the_paper():
    a = find_attribution([], ["某某晚报全媒体讯（记者周林）日前，两家检验机构签署合作协议。"], [], "", PLACES)
    assert a.source == "某某晚报" and a.authors == ("周林",)


def test_reported_by_a_body_on_a_given_day():
    lead = "据某省市场监管局今日（3月2日）消息，近日，该局通报了检验检测机构抽查结果。"
    assert find_attribution([], [lead], [], "").source == "某省市场监管局"


def test_a_unit_and_its_writer_closing_the_text_credit_the_unit():
    body = ["本次开放日采取线上方式开展。", "市民可登录官方网站观看。（某省计量科学研究院 周晓岚）"]
    a = find_attribution([], body, [], "", PLACES)
    assert a.source == "某省计量科学研究院" and a.authors == ("周晓岚",)
    # two reporters in brackets name no unit
    assert find_attribution([], ["活动圆满结束。（周晓岚 李青）"], [], "", PLACES).source == ""


def test_a_papers_name_alone_in_title_marks_closing_the_text_is_the_source():
    body = ["本报讯 （记者 周林）5月9日，两地召开标准化工作会议。", "会议强调，要持续深化合作。"]
    a = find_attribution([], body, ["《某某质量报》", "相关新闻"], "", PLACES)
    assert a.source == "某某质量报" and a.authors == ("周林",)
    # a document's name in 《》 is no paper
    assert find_attribution([], ["会议审议了文件。"], ["《某某管理办法》"], "", PLACES).source == ""


def test_a_regulators_account_name_is_the_office_it_speaks_for():
    # WeChat-style account names: the place's short name and 市场监管
    a = find_attribution(["发布时间：2024-08-09 来源：柳州市场监管"], ["8月1日，某中心评审会召开。"], [], "某中心获批筹建")
    assert a.source == "柳州市市场监督管理局"
    a = find_attribution(["来源：广西市场监管"], ["8月1日，某中心评审会召开。"], [], "")
    assert a.source == "广西壮族自治区市场监督管理局"


def test_a_name_set_apart_after_the_last_sentence_is_the_author():
    a = find_attribution([], ["某所举办实验室开放日活动。", "下一步将邀请市民走进实验室。 李文博"], [], "")
    assert a.authors == ("李文博",)
    # a word glued after the stop is not a credit, nor a name without a family name
    assert find_attribution([], ["某所举办开放日活动。", "活动取得成效。 更多"], [], "").authors == ()
    # chrome words and places that open with a family name's character are no names either
    for word in ("相关", "原文", "江西", "石家庄"):
        assert find_attribution([], ["某所举办开放日活动。", f"活动取得成效。 {word}"], [], "").authors == ()


def test_an_epaper_cms_property_line_names_the_paper():
    tail = ["--> 2023-03-01 1 1 西江日报 content_12345.html 1 我市抽查燃煤质量 /enpproperty-->"]
    a = find_attribution(["我市抽查燃煤质量"], ["本报讯 （记者 周航）2月28日，记者从市市场监管局了解到抽查结果。"], tail, "")
    assert a.source == "西江日报" and a.authors == ("周航",)


def test_an_outlet_and_its_channel_opening_the_lead_whatever_ends_them():
    # the 讯 after "…客户端" garbled in the copy: the site's name before the dot is the outlet
    a = parse_dateline("甘肃新闻网·某某客户?蛻 近日，两省市场监督管理局签订合作协议。", PLACES)
    assert a.source == "甘肃新闻网"


def test_a_byline_behind_a_papers_bullet():
    body = ["5月20日，某市计量所举办开放日活动。", "活动取得良好效果。"]
    assert find_attribution(["□ 本报记者 郑佳宁"], body, [], "").authors == ("郑佳宁",)
    assert find_attribution(["■ 记者 郑佳宁 通讯员 高子涵"], body, [], "").authors == ("郑佳宁", "高子涵")
    assert find_attribution(["★ 要闻速递"], body, [], "").authors == ()


def test_a_writers_credit_in_brackets_closing_the_text():
    assert find_attribution([], ["某所举办开放日活动。", "活动取得良好效果。（文/郑佳宁）"], [], "").authors == ("郑佳宁",)
    # a photographer's credit alone names no writer
    assert find_attribution([], ["某所举办开放日活动。", "活动取得良好效果。（图/郑佳宁）"], [], "").authors == ()


def test_a_two_character_name_padded_to_three_in_a_closing_credit():
    # a paper pads a two-character name to a three-character one's width: "（张  勇）"
    last = "检测机构在现场讲解了气瓶的安全使用要点。（张  勇）"
    assert find_attribution([], ["本报讯 某日，演练在某县举行。", last], [], "").authors == ("张勇",)
    assert find_attribution([], ["本报讯 演练举行。", "讲解了要点。（李　明 王  强）"], [], "").authors == ("李明", "王强")
    # single characters that join into no name are no credit
    assert find_attribution([], ["本报讯 演练举行。", "讲解了要点。（图 文）"], [], "").authors == ()


def test_an_apps_dateline_names_its_outlet_spaced_or_not():
    # "某某 App 3 月 5 日消息，": the app files for its outlet; the spaces are the app's typesetting
    a = parse_dateline("某某日报 App 3 月 5 日消息，某局发布评审要求。", PLACES)
    assert a.source == "某某日报"
    assert parse_dateline("某某晚报客户端讯 近日，某局召开会议。", PLACES).source == "某某晚报"
    # a body's news opening the lead is no dateline: only a medium's name is read so
    assert parse_dateline("某某局消息，会议召开。", PLACES).source == ""


def test_a_meta_row_left_above_the_lead_and_a_garbled_outlet():
    # the page's date-and-source row was taken for the text: the dateline is the line below it, and
    # the outlet's 報, garbled, is put back by its gloss in the row and the dateline both
    row = "2024-03-05 10:20:30 来源： 某某网-某某日【疑似乱码：？qǐng)】【疑似乱码：？bào)】原创"
    lead = "某某网-某某日【疑似乱码：？bào)】讯（记者王小明 通讯员李华报道）3月5日，联盟年会召开。"
    a = find_attribution([], [row, lead, "会议审议了工作报告。"], [], "")
    assert a.source == "某某网-某某日报" and a.authors == ("王小明", "李华")


def test_a_closing_credit_above_an_epapers_headline_list():
    # the e-paper prints its 标题导航 list of the page's other headlines below the text
    body = ["本报讯 某日，演练在某县举行。", "行业代表宣传了安全知识。（张 勇）", "标题导航"]
    body += ["某地供水保障有力", "某企业获零碳工厂认证"]
    assert find_attribution([], body, [], "").authors == ("张勇",)
    # a text ending with its paragraph is read as before
    assert find_attribution([], ["本报讯 某日，演练举行。", "宣传了安全知识。"], [], "").authors == ()


def test_this_papers_reporter_closing_the_text_names_no_outlet():
    a = find_attribution([], ["近日，某某中心开展计量检定。", "活动取得实效。（本报记者 张三）"], [], "")
    assert (a.source, a.authors) == ("", ("张三",))


def test_a_writers_and_a_photographers_credit_on_one_line():
    body = ["近日，某某中心开展计量检定。", "活动取得实效。", "文/张三 图/李四"]
    assert find_attribution([], body, [], "").authors == ("张三",)
    body[-1] = "（文：王小明 赵六 摄影：李四）"
    assert find_attribution([], body, [], "").authors == ("王小明", "赵六")


def test_a_sites_dateline_naming_its_paper_in_brackets_garbled_inside():
    # 某某网(某某日報網)訊 on a glossed page whose 報 was garbled: the brackets come out mixed
    lead = "某某网（某某日【疑似乱码：？qǐng）】【疑似乱码：？bào)】网)讯（通讯员张三 李四）某日，活动举行。"
    a = find_attribution([], [lead, "活动取得实效。"], [], "")
    assert (a.source, a.authors) == ("某某网", ("张三", "李四"))


def test_a_photos_caption_above_the_dateline_is_not_the_lead():
    # the picture's caption repeats the lead's first sentence (its credit cut off, or kept)
    caption = "5月17日，某省市场监督管理局在某市举办世界计量日活动启动仪式。"
    lead = "某某网石家庄5月17日电 （王小明）" + caption + "活动发布了服务清单。"
    assert find_attribution([], [caption, lead, "活动持续一周。"], [], "").authors == ("王小明",)
    credited = "活动现场。某某网 李四摄"
    a = find_attribution([], [credited, "某某网石家庄5月17日电 （王小明）近日，活动启动。", "活动持续一周。"], [], "")
    assert (a.source, a.authors) == ("某某网", ("王小明",))


def test_a_regulators_short_name_in_a_credit_is_no_reporter():
    a = parse_dateline("某某报道讯（王小明 报道 通讯员粤市监）10月11日，会议在珠海召开。", PLACES)
    assert a.authors == ("王小明",)


def test_a_writer_who_took_the_pictures_too_in_a_closing_credit():
    for credit in ("（文、图/张三）", "（文/图：张三）", "（图、文/张三）"):
        body = ["近日，某某中心开展计量检定。", "活动助力企业提效益。" + credit]
        assert find_attribution([], body, [], "").authors == ("张三",), credit


def test_an_unsigned_letter_to_members_is_the_associations():
    body = ["各会员单位：", "某省计量测试学会第五届理事会于某日在某市召开。", "特此通告。"]
    a = find_attribution([], body, [], "关于某省计量测试学会第五届理事会成立的通告")
    assert a.source == "某省计量测试学会"
    # a notice to bodies, not members, is not an association's letter
    body[0] = "各有关单位："
    assert find_attribution([], body, [], "关于某省计量测试学会第五届理事会成立的通告").source != "某省计量测试学会"


def test_a_signature_run_into_the_closing_paragraph():
    body = ["为加强计量宣传，某县检测所开放实验室。", "开放时间每周五下午。特此公告，某某县市场监督管理局2022年4月29日。"]
    assert find_attribution([], body, [], "").source == "某某县市场监督管理局"


def test_roles_marked_off_by_a_slash_in_a_closing_credit():
    # a Traditional copy prints 记者/张三 where the Simplified one prints 记者 张三
    for credit in ("（记者/王小明 实习生/李丽丽）", "（记者：王小明 通讯员：李丽丽）", "（记者 王小明 实习生 李丽丽）"):
        body = ["5月16日，某某检测认证联盟在某市成立。", "该联盟将推动标准互认。" + credit]
        assert find_attribution([], body, [], "").authors == ("王小明", "李丽丽"), credit


def test_a_headline_left_above_the_dateline_is_not_the_lead():
    # a mirror printed the headline (a spam word glued before it) as the text's first line
    headline = "快讯！某某检测认证联盟在某市成立"
    lead = "某某新闻网南宁5月16日讯（记者 王小明）5月16日，某某检测认证联盟成立大会举行。"
    a = find_attribution([], [headline, lead, "联盟将推动标准互认。"], [], "某某检测认证联盟在某市成立")
    assert (a.source, a.authors) == ("某某新闻网", ("王小明",))


def test_a_sites_masthead_names_the_site_when_nothing_else_does():
    header = ["某某计量网 http://www.mirror.example.cn/", "某某计量网——计量行业门户网站", "您当前的位置：首页 > 新闻"]
    body = ["近日，某某监管局公布检查结果。", "下一步将加强宣传。"]
    assert find_attribution([*header, "发布时间：2025-04-27 作者： 来源："], body, [], "").source == "某某计量网"
    # a page that names its outlet keeps it
    assert find_attribution([*header, "来源：某某日报"], body, [], "").source == "某某日报"
    # a line of the text that names a site and goes on is no masthead
    assert find_attribution(["某某计量网——计量行业门户网站开通一周年"], body, [], "").source != "某某计量网"


def test_a_footers_owner_printed_without_a_colon():
    body = ["5月20日，某协会开展世界计量日宣传。", "活动收到良好效果。", "版权所有 某某省计量测试学会", "电话：0311-12345678"]
    assert find_attribution([], body, [], "").source == "某某省计量测试学会"


def test_bylines_in_a_papers_other_layouts():
    lead, end = "5月20日，某某市市场监管局开展世界计量日宣传活动。", "活动共发放资料500份。"
    heads = {
        "《某某日报》记者 王小明": ("某某日报", ("王小明",)),  # the paper in 《》
        "■ 文/图 本报记者 王小明": ("", ("王小明",)),  # what the reporter did, beside the role
        "□记者 王小明 文/图": ("", ("王小明",)),
    }
    for head, want in heads.items():
        a = find_attribution([head], [lead, end], [], "")
        assert (a.source, a.authors) == want, head
    for credit in ("王小明/文", "（王小明/文 李丽丽/图）", "（作者：王小明）", "（撰稿：王小明）"):
        assert find_attribution([], [lead, end, credit], [], "").authors == ("王小明",), credit
    # a unit is no writer's name
    assert find_attribution([], [lead, end, "（作者：某某市计量测试所）"], [], "").authors == ()


def test_a_contributor_named_after_its_label_is_the_source_when_no_outlet_is():
    lead, end = "5月20日，某某市市场监管局开展世界计量日宣传活动。", "活动共发放资料500份。"
    for credit in ("供稿：某某市计量测试所", "（供稿：某某市计量测试所）", end + "（供稿:某某市计量测试所）"):
        assert find_attribution([], [lead, end, credit], [], "").source == "某某市计量测试所", credit
    # a dateline's outlet stays the source
    a = find_attribution([], ["某某日报讯（记者 王小明）" + lead, end, "（供稿：某某市计量测试所）"], [], "")
    assert a.source == "某某日报"


def test_a_header_line_of_an_outlet_and_its_date_parted_by_a_bar():
    body = ["近日，某某市市场监管局开展世界计量日宣传活动。", "活动共发放资料500份。"]
    for line in ("某某日报 | 2024-05-20 10:30", "2024-05-20 10:30 ｜ 某某新闻网", "某某日报｜2024-05-20"):
        assert find_attribution([line], body, [], "").source in ("某某日报", "某某新闻网"), line
    # a bar before a column's name is no outlet's
    assert find_attribution(["2024-05-20 | 工作动态"], body, [], "").source == ""


def test_a_line_that_is_only_credits():
    body = ["5月20日，某某市市场监管局开展世界计量日宣传活动。", "活动共发放资料500份。"]
    lines = {
        "本报记者 王小明 本报通讯员 李丽丽": ("", ("王小明", "李丽丽")),
        "记者 王小明、李丽丽": ("", ("王小明", "李丽丽")),
        "记者/王小明 通讯员/李丽丽": ("", ("王小明", "李丽丽")),
        "某某日报全媒体记者 王小明 通讯员 李丽丽": ("某某日报", ("王小明", "李丽丽")),
        "某某网·某某新闻记者 王小明 济南报道": ("某某网", ("王小明",)),
    }
    for line, want in lines.items():
        a = find_attribution([line], body, [], "")
        assert (a.source, a.authors) == want, line
    # a photo's credit names no writer
    assert find_attribution(["某某日报全媒体图片记者王小明、李丽丽摄"], body, [], "").authors == ()
    # the credits after a source line's name
    a = find_attribution(["来源：某某日报 记者 王小明 通讯员 李丽丽"], body, [], "")
    assert (a.source, a.authors) == ("某某日报", ("王小明", "李丽丽"))
