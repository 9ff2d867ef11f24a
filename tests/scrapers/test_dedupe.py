from datetime import date

from scrapers.dedupe import DuplicateIndex, containment, same_item, shingles
from scrapers.normalise.script import to_simplified

TEXT = (
    "近日，京津冀晋蒙检验检测认证区域合作联席会议在河北省召开。市场监管总局认可检测司、认证监管司以及北京市、"
    "天津市、河北省、山西省、内蒙古自治区市场监管部门的相关代表齐聚一堂，围绕区域合作展开深入研讨交流。"
    "会议期间，各方达成重要共识，并签订合作备忘录和行动计划。"
)
OTHER = "杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行，175家会员单位参加了大会，选举产生了理事会和监事会。"


def test_truncated_copy_in_the_other_script_is_found():
    index = DuplicateIndex()
    index.add("a", TEXT)
    index.add("b", OTHER)
    copy = to_simplified(
        "近日，京津冀晉蒙檢驗檢測認證區域合作聯席會議在河北省召開。市場監管總局認可檢測司、認證監管司以及北京市、天津市"
    )
    assert index.find(copy) == "a"
    assert index.find(OTHER + "另外一句。") == "b"


def test_different_articles_are_not_merged():
    index = DuplicateIndex()
    index.add("a", TEXT)
    assert index.find(OTHER) is None
    assert containment(shingles(TEXT), shingles(OTHER)) < 0.2


RELEASE = (
    "会议指出，五省市场监管部门将围绕增进工作信息交流、推进区域协同监管、联合开展能力验证、支持机构交流合作、"
    "加强队伍能力建设等，建立完善区域协作机制，组织重大问题研讨，共促检验检测治理能力提升。"
    "会议强调，区域协作重在落实。五省市场监管局将每年召开一次全体会议，梳理总结年度工作任务落实情况，"
    "研究制定下年度工作重点，并根据工作需要召开若干次专题工作会议，推动落实议定事项。"
)
WIRE = "某某网深圳10月17日电（记者 张明）五省市场监管局17日在深圳召开检验检测区域协作会议，签署协作备忘录。" + RELEASE
PAPER = (
    "某某消费报广州讯（记者 李红）10月17日，来自五个省区的市场监管部门负责人齐聚深圳，就检验检测区域协作"
    "交换意见，并现场签署了备忘录。" + RELEASE + "与会代表还参观了当地一家计量检测研究院的实验室。"
)


def test_two_outlets_reports_of_one_event_are_not_merged():
    index = DuplicateIndex()
    index.add("wire", WIRE)
    assert containment(shingles(WIRE), shingles(PAPER)) >= 0.6  # containment alone would merge them
    assert index.find(PAPER) is None


def test_two_outlets_reports_opening_with_the_same_formula_sentence_are_not_merged():
    formula = "8月14日，某某总局召开检验检测区域协同发展十周年暨检验检测结果互认工作专题新闻发布会。"
    quote = (
        "某某司副司长王某介绍，三地积极探索、主动作为，全方位、多层次开展区域协同建设，形成了一系列成果。"
        "一是建立健全区域协同的政策体系，三地分别出台贯彻落实发展纲要的意见，将区域协同列为重点任务。"
        "二是推动重点领域共同制定地方规范，涵盖交通运输、生态环境、公共服务、医疗卫生等多个领域。"
        "三是搭建区域协同合作平台，建立联席会议制度，定期会商检验检测结果互认中的难点问题。"
        "四是加强人才交流培养，联合举办业务培训班，累计培训检验检测技术骨干一千余人次。"
    )
    own = (
        formula
        + "记者从会上获悉，十年来三地在检验检测结果互认方面取得明显进展，企业送检的时间和费用明显减轻，市场主体获得感不断增强。"
        + quote
    )
    other = (
        formula
        + "会上，某某总局有关负责人通报了区域发展规划纲要实施以来的总体情况，并回答了记者提问，多家中央媒体和地方媒体参加发布会。"
        + quote
    )
    index = DuplicateIndex()
    index.add("paper", own)
    assert containment(shingles(own), shingles(other)) >= 0.6
    assert index.find(other) is None  # the same first sentence, then each outlet's own words
    assert index.find(own[:90]) == "paper"  # a copy cut short in its second stretch still merges


def test_copies_of_one_release_are_merged_truncated_or_noisy():
    index = DuplicateIndex()
    index.add("wire", WIRE)
    assert index.find(WIRE[:120]) == "wire"  # a mirror that cut the text short
    assert index.find(WIRE.replace("，", "。") + "更多精彩内容请关注。") == "wire"


def test_reports_of_one_event_are_related_copies_and_other_events_are_not():
    from scrapers.core.article import Article
    from scrapers.dedupe import same_event

    def art(title: str, day: str, body: str, city: str = "杭州市") -> Article:
        return Article(title=title, date=day, category="行业动态", region="浙江省", city=city, slug=title, body=body)

    lead = "5月20日，浙江省检验检测机构监管工作会议在杭州召开，会议总结去年工作，部署今年重点任务。"
    a = art("浙江省检验检测机构监管工作会议在杭州召开", "2024-05-20", lead + "\n\n会议通报了监督抽查结果。")
    b = art(
        "浙江省召开检验检测机构监管工作会议",
        "2024-05-22",
        "本报讯 浙江省检验检测机构监管工作会议5月20日在杭州召开。记者在会上了解到，去年全省抽查机构八百余家。",
    )
    assert same_event(a, b) and same_event(b, a)
    assert not same_event(a, a)  # a copy merges; it is not "related"
    assert not same_event(a, art(b.title, "2024-05-30", b.body))  # ten days apart
    assert not same_event(a, art(b.title, b.date, b.body, city="宁波市"))  # another place
    meet = art("浙江省举办计量技术比武", "2024-05-21", "5月21日，浙江省计量技术比武在杭州举办，六十名选手参加比拼。")
    assert not same_event(a, meet)


def test_a_later_report_is_linked_by_the_day_its_lead_opens_with():
    """A mirror or a participant's own report dated a week after the meeting: the day its lead
    opens with counts, so it is linked to the meeting's report (and found by the index)."""
    from scrapers.core.article import Article
    from scrapers.dedupe import EventIndex, event_days, same_event

    def art(title: str, day: str, body: str) -> Article:
        return Article(title=title, date=day, category="联盟合作", region="全国", city="北京市", slug=title, body=body)

    launch = art(
        "检验检测诚信自律联盟在京成立",
        "2024-05-22",
        "本报北京5月22日电 检验检测诚信自律联盟日前在北京成立，来自全国的六十家机构代表参会。",
    )
    later = art(
        "检验检测诚信自律联盟在京成立 某省检测院签署倡议书",
        "2024-05-29",
        "2024年5月20日，检验检测诚信自律联盟在北京成立，某省检测院院长出席并签署倡议书。",
    )
    assert event_days(later) == {date(2024, 5, 29).toordinal(), date(2024, 5, 20).toordinal()}
    assert same_event(launch, later) and same_event(later, launch)
    index = EventIndex()
    index.add(launch)
    assert index.related(later) == (launch.slug,)
    # a lead day after the publication date is no event day of it (a plan, a typo)
    ahead = art(later.title, "2024-05-29", "2024年6月20日，检验检测诚信自律联盟将在北京召开年会。")
    assert event_days(ahead) == {date(2024, 5, 29).toordinal()}


def test_the_lead_is_the_first_paragraph_that_reads_as_a_sentence_not_a_headline_printed_again():
    """A mirror prints the headline again above the text and a widget's count ("0"): the lead
    that tells the event, and the day it opens with, is the paragraph after them."""
    from scrapers.core.article import Article
    from scrapers.dedupe import event_days, lead_of, same_event

    def art(title: str, day: str, body: str) -> Article:
        return Article(title=title, date=day, category="联盟合作", region="全国", slug=title, body=body)

    lead = "8月14日，某某总局召开检验检测区域协同十周年专题新闻发布会，介绍三地协同成效。"
    mirror = art(
        "检验检测区域协同十周年成效如何",
        "2024-12-13",
        f"检验检测区域协同十周年成效如何？某某总局回应\n\n0\n\n{lead}\n\n一是建立政策体系。",
    )
    assert lead_of(mirror.body) == lead
    assert date(2024, 8, 14).toordinal() in event_days(mirror)
    wire_text = "某某网8月14日电 8月14日，某某总局召开新闻发布会，会上有关负责人回答了记者提问。"
    wire = art("某某总局召开检验检测区域协同十周年专题新闻发布会", "2024-08-14", wire_text)
    assert same_event(mirror, wire)
    assert lead_of("某某检测中心简介\n\n该中心成立于2001年。") == "该中心成立于2001年。"
    assert lead_of("只有一行标题") == "只有一行标题"


def test_a_headline_with_a_second_one_glued_to_it_is_read_up_to_its_venue_verb():
    from scrapers.core.article import Article
    from scrapers.dedupe import event_headline, same_event

    glued = "“计量日”某某主题活动在京举办以创新理念推动计量事业发展"
    assert event_headline(glued) == "“计量日”某某主题活动在京举办"
    for whole in ["某某市市场监管局在杭州召开检验检测工作会议", "某某计量论坛在苏举办", "某某联盟在京成立 共商发展"]:
        assert event_headline(whole) == whole

    def art(title: str, day: str, body: str) -> Article:
        return Article(title=title, date=day, category="行业动态", region="全国", city="北京市", slug=title, body=body)

    report = art(
        glued,
        "2024-05-21",
        "5月20日，三百多位嘉宾齐聚某某大学，参加由某某总局举办的“计量日”某某主题活动。总局局长发表主旨讲话。",
    )
    other = art(
        "“计量日”某某主题活动在某某大学举行",
        "2024-05-24",
        "5月20日，某某总局在北京某某大学举行“计量日”某某主题活动，现场启动了计量科普知识竞答。",
    )
    assert same_event(report, other) and same_event(other, report)


def test_a_headline_its_own_lead_does_not_tell_is_read_as_the_leads_first_sentence():
    """A theme for a headline ("测量让生活更美好") over a lead telling the event: the other outlet's
    report tells the event, not the theme."""
    from scrapers.core.article import Article
    from scrapers.dedupe import same_event

    def art(title: str, day: str, body: str) -> Article:
        return Article(title=title, date=day, category="行业动态", region="全国", city="武汉市", slug=title, body=body)

    themed = art(
        "测量让生活更美好",
        "2024-05-22",
        "5月20日，某某总局主办、某省局承办的世界计量日主场纪念活动在某省武汉市成功举办。总局副局长出席并致辞。"
        "\n\n今年的中国主题是“测量让生活更美好”，各地同步开展计量惠民服务。",
    )
    report = art(
        "世界计量日主场纪念活动在汉举行",
        "2024-05-21",
        "某某网讯（记者张某）5月20日，由某某总局主办的世界计量日主场纪念活动在武汉举行，副局长出席并讲话。"
        "\n\n活动现场发布了新词头中文名称。",
    )
    assert same_event(themed, report) and same_event(report, themed)
    # a theme headline over another event's lead stays apart
    other = art(
        "测量让生活更美好",
        "2024-05-22",
        "5月20日，某市计量所面向社区居民开展免费检定血压计活动，市民排队检定。\n\n今年的中国主题是“测量让生活更美好”。",
    )
    assert not same_event(other, report)


def test_a_copy_that_lost_its_first_paragraph_is_one_item_a_shared_background_paragraph_is_not():
    lead = (
        "今年5月20日是第二十五个世界计量日。日前，某某省市场监管局发布了本年度计量宣传海报，并公布了系列活动安排，"
        "邀请企业、学校和社区居民共同参与，活动将持续到5月底。"
    )
    rest = [
        "今年是实施计量发展规划的关键之年，全省各级市场监管部门将围绕中国主题，组织开展计量器具免费检定、"
        "实验室开放、计量知识进校园等二十余项活动，推动计量服务走进企业、社区和学校。",
        "海报以刻度尺和天平为主要元素，象征计量在公平贸易和科技创新中的基础作用，画面下方标注了活动主题和主办单位。",
        "某某省市场监管局有关负责人表示，将以此次活动为契机，进一步加强计量监督管理，提升全社会的计量意识。",
        "据了解，全省已有三十余家计量技术机构报名参加开放活动，将在活动期间向公众免费开放实验室。",
    ]
    original = "\n\n".join([lead, *rest])
    lost_lead = "\n\n".join(rest)
    assert same_item(original, lost_lead)
    # another outlet's report of the day shares one background paragraph, not its whole text
    other = "\n\n".join(
        [
            "本报讯 5月18日，某某市计量测试所举办开放日活动，六十余名小学生走进实验室，观看电子秤和血压计的检定过程。",
            rest[0],
            "活动中，检定人员向学生讲解了计量单位的由来，并现场演示了砝码的使用方法，学生们纷纷动手体验。",
        ]
    )
    assert not same_item(original, other)


def test_copies_open_alike_unless_a_mirror_reordered_the_paragraphs():
    from scrapers.dedupe import same_opening

    paragraphs = [
        "10月30日，某市质量检测所举办纺织实验室开放日活动，为市民揭开了纺织品检测工作的神秘面纱，吸引了众多家长和学生前来参加。",
        "活动中，技术人员结合实际案例讲解了服装标签的识读方法，参观者现场观摩了纤维成分的检测过程，并亲手操作了部分检测设备。",
        "该所负责人介绍，开放日活动让市民对纺织品检测工作有了深入了解，也增强了大家在选购服装时查看标签、辨别成分的意识。",
        "据了解，此次开放日活动是该所本年度面向社会开展的第三期开放活动，下一步还将陆续向社会开放计量和食品检测实验室。",
    ]
    text = "\n".join(paragraphs)
    assert same_opening(text, text.replace("的", "得"))  # a spinner's word swaps: the same opening
    reordered = "\n".join([paragraphs[3], paragraphs[1], paragraphs[2], paragraphs[0]])
    assert not same_opening(text, reordered)


def test_two_outlets_retelling_one_official_release_are_not_merged():
    """Both open with the release's long formula and give its figures, each in its own words."""
    formula = "联合发布2025年度国家级检验检测机构能力验证结果。"
    figures = "共发现40家机构结果不满意，占参加能力验证的全部国家级检验检测机构的百分之八，比上一年度下降两个百分点。"
    signed = (
        "近日，某某总局与甲部、乙部、丙部、丁部、戊部、己署、庚局"
        + formula
        + "本次能力验证"
        + figures
        + "此次能力验证是对去年专项整治的延续，意在规范检验检测市场秩序，提升检验检测数据的准确性和可比性，"
        "为营造公平竞争的市场环境提供有力支撑。能力验证覆盖建筑材料、环境监测、机动车排放、食品添加剂等领域，"
        "共组织500家国家级检验检测机构参加，其中包括60家国家质检中心。"
        "依据有关管理办法，某某总局对结果不满意的机构责令限期整改，并组织复查。（记者王某）"
    )
    unsigned = (
        "记者今天了解到，某某总局与甲部、乙部等七部门"
        + formula
        + "能力验证覆盖建筑材料、环境监测、食品添加剂等重点领域，共组织500家国家级检验检测机构参加，"
        "其中包括60家国家质检中心。"
        + figures
        + "对结果不满意的机构，某某总局将责令限期整改，整改期满后组织复查，复查仍不满意的暂停相关能力。"
    )
    index = DuplicateIndex()
    index.add("signed", signed)
    assert containment(shingles(signed), shingles(unsigned)) >= 0.6  # a candidate pair
    assert index.find(unsigned) is None
    assert index.find(signed[:150]) == "signed"  # a copy cut short is still a copy


def test_an_excerpt_under_another_outlets_dateline_is_its_own_item_a_mirror_keeping_the_dateline_is_a_copy():
    """Two paragraphs of a wire's release under an app's own dated dateline are that outlet's
    item; a mirror keeps the wire's dateline (with or without its place), cut short or not."""
    lead = "据某某总局消息，近日，某某总局联合某某部印发《检验检测机构能力评审补充规定》，进一步规范实验室准入管理。"
    body = [
        "补充规定从人员、设备、场地和技术能力等方面提出了更严格的要求，例如技术人员一般不少于十五人，"
        "并对其专业背景和从业经历作出明确规定，防止不具备完整能力的机构混入市场。",
        "目前全国共有相关机构五千余家，近年来机构数量增长过快，低价竞争和出具虚假报告的问题时有发生。",
        "补充规定还要求机构使用信息管理系统记录检测全过程的数据，做到来源可查、去向可追、责任可究。",
    ]
    wire = "某某新闻网12月3日电 " + lead + "\n\n" + "\n\n".join(body)
    excerpt = "某某财经 App 12 月 3 日消息，" + lead.split("，", 2)[2] + "\n\n" + body[0] + "（某某总局）"
    assert containment(shingles(wire), shingles(excerpt)) >= 0.8  # nearly all of it is in the release
    assert not same_item(wire, excerpt)
    mirror = "某某新闻网北京12月3日电 " + lead + "\n\n" + body[0]  # the wire's dateline, cut short
    assert same_item(wire, mirror)
    undated = lead + "\n\n" + body[0] + "\n\n" + body[1]  # a mirror that dropped the dateline
    assert same_item(wire, undated)


def test_a_paper_reporting_a_regulators_notice_days_later_is_linked_to_the_notice():
    """A notice's headline names its subject (某厅关于…的通报); a paper's report a week or two
    later names the same subject and the issuer in its lead: the two are linked, as reports of
    one event are, though the report is dated beyond ``EVENT_DAYS`` and the notice's region was
    not found."""
    from scrapers.core.article import Article
    from scrapers.dedupe import EventIndex, reports_notice

    def art(title: str, day: str, body: str, region: str = "某某自治区") -> Article:
        return Article(title=title, date=day, category="政策公告", region=region, slug=title, body=body)

    notice = art(
        "自治区市场监管厅关于2023年秋季化肥产品质量专项监督抽查结果的通报",
        "2023-11-02",
        "为加强化肥质量监管，自治区市场监管厅组织开展了2023年秋季化肥产品质量专项监督抽查，现将结果通报如下：",
        region="",
    )
    report = art(
        "某某：专项抽查化肥 守护秋种",
        "2023-11-12",
        "近期，某某自治区市场监管厅通报了2023年秋季化肥产品质量专项监督抽查结果。本次共抽查80批次。",
    )
    assert reports_notice(report, notice) and not reports_notice(notice, report)
    index = EventIndex()
    index.add(report)
    assert index.related(notice) == (report.slug,)
    index = EventIndex()
    index.add(notice)
    assert index.related(report) == (notice.slug,)
    # too late, or before the notice, is another story
    assert not reports_notice(art(report.title, "2023-12-20", report.body), notice)
    assert not reports_notice(art(report.title, "2023-10-30", report.body), notice)
    # another province's report on a subject every province has: no issuer named, another region
    other = art("某省开展化肥抽查", "2023-11-05", "某省市场监管局日前公布2023年秋季化肥产品质量专项监督抽查结果。", region="某省")
    assert not reports_notice(other, notice)
