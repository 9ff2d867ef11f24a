from scrapers.core.article import NATIONAL
from scrapers.core.gazetteer import load_gazetteer
from scrapers.enrich.places import find_place


def test_gazetteer_has_provinces_cities_and_county_cities():
    gaz = load_gazetteer()
    assert gaz.by_key["浙江"].name == "浙江省"
    assert gaz.by_key["杭州市"].province == "浙江省"
    assert gaz.by_key["绥芬河市"].province == "黑龙江省"
    assert "开封" not in gaz.by_key  # an ordinary word too: only 开封市 counts


def test_city_implies_province():
    p = find_place("杭州市检验检测认证促进会正式成立", ["1月15日下午，大会在杭州举行。"])
    assert (p.region, p.city) == ("浙江省", "杭州市")


def test_venue_beats_participants():
    p = find_place(
        "京津冀晋蒙5地签署合作备忘录", ["近日，联席会议在河北省召开。北京市、天津市、山西省、内蒙古自治区的代表参加。"]
    )
    assert (p.region, p.city) == ("河北省", "")


def test_national_campaign_with_venue_city():
    p = find_place(
        "2019全国检验检测机构开放日活动正式启动",
        ["9月6日，市场监管总局2019全国检验检测机构开放日启动仪式在湖南省长沙市举办。", "全国4万家检验检测机构参加，全国质量月。"],
    )
    assert (p.region, p.city) == ("全国", "长沙市")


def test_nothing_found_is_national():
    assert find_place("", ["记者今天了解到，统计制度获国家统计局批准。"]).region == "全国"


def test_venue_with_an_adverb_and_a_municipality_as_city():
    p = find_place("", ["5月19日，由某某大学承办的学术报告会在沪成功举办，上海市200余人参加。"])
    assert (p.region, p.city) == ("上海市", "上海市")


def test_a_national_body_hosting_is_national_and_the_capital_is_only_the_venue():
    p = find_place("", ["5月19日，由中国某某测试学会主办的纪念活动在京成功举办，北京某某大学协办。"])
    assert (p.region, p.city) == ("全国", "北京市")
    p = find_place("某某自律同盟在京启动", ["记者14日从市场监管总局获悉，某某自律同盟日前在北京启动，来自全国的50余位代表参会。"])
    assert (p.region, p.city) == ("全国", "北京市")


def test_a_national_committee_meeting_in_a_city():
    p = find_place("全国某某计量技术委员会2019年年会在昆明召开", ["9月1日，委员会在云南省昆明市召开年会。"])
    assert (p.region, p.city) == ("全国", "昆明市")


def test_a_national_approval_of_a_place_is_that_places_news():
    p = find_place("", ["某某网讯 从国家认监委官网获悉，近日，国家认监委发函同意苏州市吴中区创建示范区，吴中区将加快建设。"])
    assert (p.region, p.city) == ("江苏省", "苏州市")


def test_districts_ambiguous_short_forms_and_prefecture_short_forms():
    p = find_place("", ["近日，某某产业园落户崂山区，崂山区检测机构达到50家。"])
    assert (p.region, p.city) == ("山东省", "青岛市")
    p = find_place("", ["日前，三地合作会议在山西大同召开，大同、朔州两地代表参加。"])
    assert (p.region, p.city) == ("山西省", "大同市")
    p = find_place("临夏州开展计量宣传活动", ["5月20日，临夏州市场监督管理局开展宣传活动。"])
    assert (p.region, p.city) == ("甘肃省", "临夏回族自治州")


def test_a_local_notice_citing_national_documents_stays_local():
    p = find_place(
        "某某市市场监管局关于开展检验检测机构监督检查的通知",
        [
            "根据《市场监管总局关于进一步加强检验检测机构监督管理的通知》《国务院办公厅关于…的意见》要求，现将杭州市有关工作通知如下。"
        ],
    )
    assert p.region == "浙江省"


def test_a_local_government_site_names_the_place_the_text_leaves_unnamed():
    from scrapers.enrich.places import place_of_host

    assert place_of_host("http://www.yingtan.gov.cn/art/2023/9/27/art_1.html").name == "鹰潭市"
    assert place_of_host("https://amr.wulanchabu.gov.cn/yw/1.html").name == "乌兰察布市"
    assert place_of_host("https://www.yingtan-test.com/1.html") is None  # not a government site


def test_the_issuing_body_decides_a_notice():
    p = find_place(
        "重庆市人民政府办公厅关于印发某某服务业发展规划的通知",
        ["各区县人民政府：", "为落实国务院和市场监管总局的部署，全国各地正在推进，现将规划印发给你们，请认真贯彻执行。"],
    )
    assert p.region == "重庆市"
    p = find_place("市场监管总局办公厅关于开展某某活动的通知", ["各省、自治区、直辖市市场监管局：", "杭州市将承办主场活动。"])
    assert p.region == "全国"


def test_national_mentions_after_a_provincial_venue_still_count():
    # the venue phrase's own words must not stand in for the rest of the text when national
    # bodies are counted (they once did: a venue with its province hid every later mention)
    lead = "近日，检验检测工作座谈会在山西太原召开。"
    rest = ["市场监管总局有关司局负责人出席。"] * 6
    rest.append("会议由市场监管总局认证监督管理司主持，市场监管总局认可与检验检测监督管理司参加。")
    found = find_place("检验检测工作座谈会召开", [lead, *rest])
    assert found.region == "全国" and found.city == "太原市"


def test_a_national_body_holding_an_event_with_co_hosts_makes_it_national():
    # "举办", and the national body listed first among several co-hosts
    p = find_place(
        "第五届某某计量学术交流会在湖北宜昌召开",
        ["日前，交流会在湖北宜昌召开。会议由中国计量测试学会、某某大学、湖北省计量科学研究院、宜昌市计量所共同举办。"],
    )
    assert (p.region, p.city) == ("全国", "宜昌市")


def test_a_nationwide_event_as_the_subject_is_national_with_its_venue_as_city():
    p = find_place("全国检验检测机构负责人培训班在成都举行", ["6月3日，培训班在四川省成都市开班，四川省市场监管局承办。"])
    assert p.region == "四川省"  # a training course is not one of the nationwide event words
    p = find_place("2021年全国计量技术比对工作会议在成都召开", ["6月3日，会议在四川省成都市召开，四川省市场监管局承办。"])
    assert (p.region, p.city) == ("全国", "成都市")
    p = find_place("", ["9月9日，全国检验检测机构开放日活动启动仪式在四川省成都市举办，四川省市场监管局承办。"])
    assert (p.region, p.city) == ("全国", "成都市")


def test_a_province_as_one_branch_of_a_nationwide_event_keeps_its_own_news():
    p = find_place(
        "2024年全国检验检测机构开放日活动启动",
        [
            "9月9日，全国检验检测机构开放日活动启动。成都作为全国五个分会场之一，在高新区同步举行活动。",
            "四川省市场监管局介绍，成都市检验检测机构去年营业收入增长一成，四川省共有机构两千余家。",
            "活动现场，成都市两家实验室揭牌，四川省某某大学与企业签约。",
        ],
    )
    assert p.region == "四川省"


def test_a_national_alliance_approved_by_the_former_quality_inspection_administration():
    p = find_place(
        "国家某某检测实验室联盟成立",
        ["本报讯 近日，经质检总局科技司批准设立的国家某某检测实验室联盟在广州召开成立大会。"],
    )
    assert (p.region, p.city) == ("全国", "广州市")


def test_the_seat_of_a_meeting_names_its_city():
    p = find_place(
        "中国某某学会某某分会召开成立大会",
        ["5月8日，中国某某学会某某分会召开成立大会，会议以线上方式举行，主会场设在绵阳市某某研究院。"],
    )
    assert (p.region, p.city) == ("全国", "绵阳市")


def test_the_capital_as_the_only_venue_does_not_make_an_item_beijings():
    """A forum held in Beijing on a nationwide subject, no other place named: national news,
    with Beijing as its city."""
    body = [
        "6月9日是世界计量日。记者从8日在北京举办的计量发展论坛上获悉，我国计量校准能力持续提升。",
        "截至今年3月底，我国累计建立社会公用计量标准五万余项。",
    ]
    found = find_place("", body)
    assert (found.region, found.city) == ("全国", "北京市")
    # a Beijing body's own event in the capital stays Beijing's
    body = ["近日，北京市计量检测科学研究院在北京举办开放日活动，市民参观了实验室。"]
    assert find_place("", body).region == "北京市"


def test_a_national_host_named_in_the_first_paragraphs_makes_an_event_national():
    """The lead tells the scene and a province's institute taking part; the third paragraph
    names the national body that set the event up (由…牵头筹建)."""
    title = "检验检测诚信联盟在京成立 某某省质检院代表发言"
    body = [
        "11月12日，检验检测诚信联盟在北京成立，来自各地的五十余家检验检测机构代表参加成立会。某某省质检院院长应邀出席。",
        "检验检测是国家质量基础设施的重要组成部分，行业近年来持续健康发展。",
        "在此背景下，由认证认可技术研究中心牵头筹建的诚信联盟应运而生。",
        "成立会上，河北省质检院院长代表检验检测机构宣读了自律承诺书。",
    ]
    found = find_place(title, body)
    assert (found.region, found.city) == ("全国", "北京市")
    # a national body hosting something else, later in the text, does not
    body = [
        "近日，河北省质检院在石家庄举办实验室开放日活动，市民代表参观了实验室。",
        "活动中，工作人员介绍了检测流程。",
        "开放日当天，院里还组织了质量知识讲座。",
        "此前，该院参加了由中国认证认可协会主办的培训班。",
    ]
    assert find_place("河北省质检院举办开放日活动", body).region == "河北省"


def test_former_district_names_count_for_todays_city():
    p = find_place(
        "新区开放实验室 市民观摩检测", ["记者获悉，新区质监部门举办开放日活动。", "市民参观了塘沽质检所、汉沽质检所的实验室。"]
    )
    assert (p.region, p.city) == ("天津市", "天津市")


def test_a_provincial_news_sites_host_names_its_province():
    from scrapers.enrich.places import region_of_host

    assert region_of_host("http://epaper.jxxw.com.cn/html/2022-09/20/content_1.htm") == "江西省"
    assert region_of_host("https://www.example.com/a.html") == ""


def test_former_places_rows_are_checked(tmp_path):
    import pytest

    from scrapers.core.datafiles import DataFileError
    from scrapers.enrich.places import former_places

    bad = tmp_path / "former.csv"
    bad.write_text("name,short,now,province\n塘沽区,塘沽,不存在区,天津市\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"former.csv:2: '不存在区' is not a place of '天津市'"):
        former_places(bad)


def test_a_local_notice_acting_on_national_documents_is_local():
    lead = (
        "根据市场监管总局、公安部、海关总署《关于组织开展年度检验检测机构监督抽查工作的通知》和"
        "《某省市场监督管理局关于开展抽查的通知》有关要求，我局组织开展了中山市检验检测机构监督抽查，现将结果予以公示。"
    )
    place = find_place("", [lead, "中山市市场监督管理局"])
    assert (place.region, place.city) == ("广东省", "中山市")
    # a national body acting (not cited) still makes the item national
    assert find_place("", ["市场监管总局组织开展全国检验检测机构监督抽查，共抽取三百家机构。"]).region == "全国"


def test_a_list_of_partner_cities_does_not_outweigh_the_venue():
    lead = "10月15日，某某质量提升示范活动在浦东新区举行。"
    rest = "浦东新区此次携手江苏省南京市、浙江省宁波市、江苏省苏州市、江苏省无锡市、安徽省黄山市等5个市市场监管局共同开展试点。"
    place = find_place("", [lead, rest])
    assert (place.region, place.city) == ("上海市", "上海市")
    # a place named alone still counts whole: 广西南宁 is where this happens
    place = find_place("", ["某某在广西南宁的公园拍摄了一期视频。", "2019年10月15日，沈阳，在公园晨练的老人。"])
    assert place.region == "广西壮族自治区"


def test_national_bodies_named_as_authors_of_a_plan_carried_out_are_cited():
    lead = "记者从北京市市场监管局获悉，京津冀三地市场监管部门近日联合出台计量协同若干措施。"
    rest = "措施贯彻落实国务院计量发展规划和市场监管总局构建区域计量支撑体系的指导意见，提出17项工作措施。"
    assert find_place("", [lead, rest]).region == "北京市"
    # the national body acting still makes the item national
    assert find_place("", ["市场监管总局近日印发计量发展规划实施方案，部署各地工作。"]).region == "全国"


def test_a_government_publishers_place_breaks_a_tie_between_places():
    body = ["天津市市场监管委、北京市和河北省主管领导出席了座谈会，三地计量处负责同志参会。"]
    assert find_place("", body, "", "天津市市场监管委").region == "天津市"
    assert find_place("", body, "", "北京市市场监督管理局").region == "北京市"
    # a commission's full name (…市场监督管理委员会) is a government body as its short form is
    assert find_place("", body, "", "天津市市场监督管理委员会").region == "天津市"
    # a paper's place, or the signatories of a joint notice, break no tie
    assert find_place("", body, "", "天津日报") == find_place("", body)
    assert find_place("", body, "", "北京市质监局、天津市市场监管委") == find_place("", body)


def test_a_former_county_level_city_now_a_district_counts_for_its_city():
    # 增城 was a county-level city until it became a district of 广州; its institutions kept the name
    body = ["昨日是世界计量日，增城质监所举行计量实验室开放日活动，今年我国世界计量日的主题是计量与生活。"]
    found = find_place("增城质监所举行计量实验室开放日活动", body)
    assert (found.region, found.city) == ("广东省", "广州市")


def test_an_event_named_for_the_country_or_a_years_world_day_is_national_news_in_its_city():
    found = find_place("中国计量仪器创新论坛在温州举办", ["昨天，中国计量仪器创新论坛在温州举办，各地代表参加。"])
    assert (found.region, found.city) == ("全国", "温州市")
    found = find_place("2021年世界计量日主题活动在洛阳举行", ["5月20日，世界计量日主题活动在洛阳举行。"])
    assert (found.region, found.city) == ("全国", "洛阳市")
    # a place's own event for the day is that place's news
    found = find_place("洛阳市开展世界计量日主题活动", ["5月20日，洛阳市开展世界计量日主题活动。"])
    assert found.region == "河南省"


def test_a_local_government_co_hosting_a_national_bodys_event_names_its_city():
    title = "中国某某学会与顺义区举办检测技术服务活动"
    body = ["9月20日，中国某某学会与北京顺义区人民政府联合举办检测技术服务活动。"]
    found = find_place(title, body)
    assert (found.region, found.city) == ("全国", "北京市")


def test_a_notice_issued_by_the_body_printed_above_its_title_is_that_bodys_place():
    title = "关于开展2022年度计量检定人员培训的通知"
    body = ["各设区市、兴平市市场监管局：", "为提升全国计量工作水平，省局决定开展培训。", "培训面向全国同行开放。"]
    found = find_place(title, body, "", "陕西省市场监督管理局")
    # the salutation names whom it is sent to, not a city of the news
    assert (found.region, found.city) == ("陕西省", "")


def test_notice_addressed_to_several_provinces_is_national():
    """Only a national body writes to the bodies of several provinces at once: the province the
    address list opens with, and the places the notice cites, are not its region."""
    body = [
        "某检科〔2019〕7号",
        "河北省、山西省、湖北省、四川省质量技术监督局：",
        "《河北省质量技术监督局关于在石家庄市建立某产品质量检验中心的请示》收悉，经研究，同意筹建。",
    ]
    assert find_place("", body).region == NATIONAL
    # one province's bodies addressed: that province's own notice
    own = ["石家庄市、唐山市市场监督管理局：", "为做好河北省计量工作，现将有关事项通知如下。"]
    assert find_place("", own).region == "河北省"


def test_national_association_meeting_after_an_opening_venue_clause():
    """ "在某地，中国某某协会…召开": the clause before the subject is the venue, the national
    association is who acts (national news held in one city)."""
    lead = "2019年10月26日，在风景秀丽的江西省共青城市，中国某某仪器行业协会第八次会员代表大会召开，来自全国各地的代表参会。"
    p = find_place("", [lead, "大会选举产生了新一届理事会。"])
    assert p.region == NATIONAL and p.city == "共青城市"


def test_local_body_answering_a_national_call_is_local_news():
    """ "积极配合国家质检总局、国家认监委的部署": whose call it answers is not who acts."""
    lead = "近日，上海某某检验测试所积极配合国家质检总局、国家认监委的部署，开展了认可日宣传活动。"
    p = find_place("检测所开展认可日宣传活动", [lead, "活动通过网页宣传和张贴宣传画进行。"])
    assert p.region == "上海市"


def test_a_delegations_destination_is_the_venue():
    # the visitors' province is named first, the host's is where the meeting was held
    lead = "6月3日，重庆市某某研究院院长一行来四川省某某研究院开展工作交流，双方座谈。"
    p = find_place("两地研究院共商合作", [lead, "重庆市某某研究院介绍了本院情况。"])
    assert p.region == "四川省"
    # 后来 and 得到 are no visit: the city named after them is no venue
    told = find_place("某馆的故事", ["后来上海某博物馆成立，展出了藏品。", "作品得到广州某协会开展推广。"])
    assert told.scores.get("上海市", 0) <= 2


def test_a_body_speaking_as_we_breaks_a_tie_with_its_own_place():
    body = [
        "5月20日是世界计量日，市场监管总局发布了今年的宣传主题。",
        "根据我省疫情防控要求，我院今年采取线上开放实验室的方式开展宣传。",
        "市民可登录吉林省某某计量研究院网站观看。（吉林省某某计量研究院 周晓岚）",
    ]
    own = find_place("", body, "", "吉林省某某计量研究院")
    assert own.region == "吉林省"
    # the same text where the body never speaks as itself: the tie goes to the national body
    third = [b.replace("我院", "该院") for b in body]
    assert find_place("", third, "", "吉林省某某计量研究院").region == NATIONAL


def test_ranking_against_the_country_is_not_national_scope():
    # "全国一流" ranks the city's institute; it does not make the story national
    body = [
        "初夏时节，某展会如期举行，检验检测是我市重点发展的领域。",
        "近年来，市计量质检院助推重庆高质量发展，努力打造“西部领先、全国一流”的检验检测机构。",
    ]
    assert find_place("", body).region == "重庆市"
    # a nationwide campaign is still national
    assert find_place("", ["全国检验检测机构开放日活动启动，重庆某院参加。"]).region == NATIONAL


def test_a_national_body_with_a_places_body_as_partner_is_that_places_news():
    title = "中国计量科学研究院与甘肃省市场监督管理局签署战略合作协议"
    lead = "5月8日，中国计量科学研究院与甘肃省市场监督管理局战略合作协议签约仪式在兰州举行，双方将共建实验室。"
    assert find_place(title, [lead]).region == "甘肃省"
    # a national body acting alone stays national news wherever it meets
    alone = "5月8日，中国计量科学研究院在兰州召开全国计量技术交流会，各省代表参加。"
    assert find_place("中国计量科学研究院召开计量技术交流会", [alone]).region == NATIONAL


def test_a_national_centre_hosting_makes_the_event_national():
    lead = (
        "11月11日—13日，某某纤维检验业务交流活动在江苏省淮安市举办，本次活动由中国某某质量监测中心主办、"
        "淮安市纤维检验所承办，来自全国54家检验机构的业务骨干参加。"
    )
    p = find_place("某某纤维检验业务交流活动在江苏淮安举办", [lead])
    assert (p.region, p.city) == (NATIONAL, "淮安市")
    # a bank's city branch and a city's science park institute carry 中国 too: their place's news
    for host in ("中国某某银行淮安市中心支行", "中国（淮安）科技城工业技术研究院"):
        p = find_place("某某宣传活动在淮安启动", [f"9月20日，由{host}主办的宣传活动在淮安市广场启动。"])
        assert p.region == "江苏省", host


def test_a_cities_one_character_name_after_a_venue_word():
    lead = ["近日，来自各地的检测机构代表参加了会议。"]
    for title, want in (("某某检测联盟在蓉成立", "成都市"), ("某某交流会在邕召开", "南宁市"), ("某某论坛在汉举办", "武汉市")):
        p = find_place(title, lead)
        assert p.city == want, title
    # the character elsewhere names nothing: 汉字, 杭州湾 are words, not a venue
    assert find_place("某某汉字检测标准发布", lead).city == ""


def test_a_provinces_one_character_name_after_a_venue_word():
    lead = ["近日，来自各地的检测机构代表参加了会议。"]
    for title, want in (("某某检测联盟在川成立", "四川省"), ("某某交流会在粤召开", "广东省")):
        p = find_place(title, lead)
        assert (p.region, p.city) == (want, ""), title
    # every name the table gives is a province of the gazetteer, and so is every city's
    from scrapers.enrich.places import ABBREVIATIONS, PROVINCE_ABBREVIATIONS

    gaz = load_gazetteer()
    assert all(gaz.by_key[n].level == "province" for n in PROVINCE_ABBREVIATIONS.values())
    assert all(n in gaz.by_key for n in ABBREVIATIONS.values())
