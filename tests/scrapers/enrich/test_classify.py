import pytest

from scrapers.core.datafiles import DataFileError
from scrapers.enrich.classify import (
    classify,
    explain,
    find_tags,
    load_addressee_patterns,
    load_deal_keywords,
    load_guest_keywords,
    load_occasion_keywords,
)


def test_categories():
    assert classify("杭州市检验检测认证促进会正式成立", ["会员大会在杭州举行。"]) == "协会动态"
    assert classify("2019全国检验检测机构开放日活动正式启动", ["开放日活动启动。"]) == "开放日"
    assert classify("某市举办第18个“世界认可日”宣传活动", ["6月9日是世界认可日。"]) == "世界认可日"
    assert classify("京津冀晋蒙5地签署检验检测认证区域合作备忘录", ["联席会议召开。"]) == "联盟合作"
    assert classify("", ["记者今天了解到，统计制度继续执行。"]) == "行业动态"


def test_formal_notice_is_policy_whatever_its_topic():
    title = "市场监管总局办公厅关于开展第十八个“世界认可日”活动的通知"
    assert classify(title, ["世界认可日", "世界认可日"]) == "政策公告"
    assert classify("", ["各有关单位：为贯彻落实协同发展，现印发你们。"]) == "政策公告"


def test_explain_names_the_scores():
    assert "开放日=" in explain("开放日活动", [])


def test_tags_from_vocabulary():
    tags = find_tags("京津冀检验检测认证区域合作", ["市场监管总局认可检测司参加，开展能力验证。"])
    assert "区域合作" in tags and "市场监管总局" in tags and "能力验证" in tags


def test_a_passing_mention_deep_in_the_text_does_not_decide():
    body = [
        "5月20日，某市“世界计量日”宣传活动在市广场举行，市场监管局向市民发放宣传资料。",
        "活动现场还设有咨询台。",
        "各县区同步开展了“计量实验室开放日”等活动。",
    ]
    assert classify("某市开展世界计量日宣传活动", body) == "行业动态"


def test_a_body_releasing_a_document_is_policy():
    assert classify("", ["某省市场监督管理局日前印发《关于促进检验检测行业发展的指导意见》，提出五方面措施。"]) == "政策公告"


def test_a_self_discipline_compact_is_an_alliance():
    assert classify("检验检测自律同盟在某市启动", ["近日，检验检测自律同盟启动，30家机构加入。"]) == "联盟合作"


def test_a_notice_cited_in_the_lead_does_not_make_an_event_report_policy():
    lead = "按照《市场监管总局办公厅关于开展全国检验检测机构开放日活动的通知》要求，近日，某市质检院举办实验室开放日活动。"
    assert classify("某市质检院举办实验室开放日活动", [lead, "市民代表参观了实验室。"]) == "开放日"


def test_the_first_sentence_of_a_notice_is_read_after_its_addressee_line():
    body = ["各区县人民政府，市政府各部门：", "《某某工作方案》已经市政府同意，现转发给你们，请认真贯彻执行。", "一、总体要求"]
    assert classify("", body) == "政策公告"


def test_laboratories_opened_to_the_public_in_the_headline_are_an_open_day():
    body = ["9月以来，各地质检系统邀请市民走进实验室，开展讲座和现场咨询。", "某市实验室开放日当天接待市民三百人。"]
    assert classify("各地多种形式开展“实验室开放”活动", body) == "开放日"


def test_an_association_issuing_its_own_rules_is_association_news():
    lead = "为落实行业自律公约，某某检验检测协会于5月8日发布《会员诚信检测管理办法》等两个配套文件，协会将组织会员单位开展自查。"
    assert classify("某某检验检测协会发布行业自律配套文件", [lead, "协会秘书长介绍了文件要点。"]) == "协会动态"
    # a government body issuing with the association stays policy
    lead = "某省市场监督管理局、某省检验检测协会日前联合印发《检验检测机构诚信管理办法》，自6月1日起施行。"
    assert classify("", [lead]) == "政策公告"


def test_round_three_categories_open_labs_provinces_together_forums_and_background_policies():
    # a bureau opening its measurement lab to the public is an open day
    assert classify("", ["5月20日，区市场监管局免费开放计量实验室，邀请居民走进计量实验室参观。"]) == "开放日"
    # provinces acting together (五省（区）, 一市六省) are regional cooperation
    assert classify("", ["7月5日，某某五省（区）市场监管局在西安举办检验检测工作会议。"]) == "联盟合作"
    assert classify("", ["某地区一市六省年度区域计量工作会议在合肥召开，各省代表参加。"]) == "联盟合作"
    # an academic meeting or forum hosted by societies is the trade's news
    assert classify("第五届某某计量学术研讨会在长春召开", ["研讨会由某某计量测试学会、某大学共同举办。"]) == "行业动态"
    # a policy named deep in a one-paragraph page is background, not what the page announces
    lead = (
        "9月8日，某某开放日活动启动仪式在北京举办。检验检测机构代表宣读了倡议书。开放日是质量月活动的重要内容。"
        "近年来，我国连续出台了《某某机构监督管理办法》等政策。"
    )
    assert classify("检验检测机构开放日活动正式开启", [lead]) == "开放日"


def test_the_quality_month_is_the_trades_news_whatever_open_days_it_lists():
    body = [
        "9月1日起，某市开展为期一个月的质量月活动，主题为推动质量提升。",
        "各部门将组织质量知识竞赛；组织开展重点实验室开放日活动，邀请群众代表走进实验室。",
    ]
    assert classify("某市质量月活动正式启动", body) == "行业动态"
    # an open day held in the quality month is an open day
    assert classify("某市举办质量月实验室开放日活动", ["市民走进实验室参观检测过程。"]) == "开放日"


def test_a_regulators_spot_check_and_its_licence_decisions_are_policy():
    # the regulator's spot check and its results, under a headline printed again as a heading
    body = [
        "某某产品抽查不合格批次公布！（附名单）",
        "3月5日，某某省市场监督管理局对2024年电线电缆等12种产品质量省级监督抽查情况进行了通报。",
        "本次抽查了80家企业生产的95批次产品。",
    ]
    assert classify("某某产品抽查不合格批次公布", body) == "政策公告"
    body = ["近日，某某市市场监管局决定注销某某检测有限公司等5家检验检测机构资质认定证书。"]
    assert classify("某某市注销5家检验检测机构资质认定证书", body) == "政策公告"
    # a lab's news that mentions a spot check in passing, after a comma, stays the trade's news
    body = ["该局组织某某纤维检验所免费检测校服样品800余批次，推动校服监督抽查合格率提升。"]
    assert classify("某某校服质量持续向好", body) != "政策公告"


def test_the_public_invited_into_a_laboratory_is_an_open_day():
    body = [
        "5月20日是世界计量日。当天上午，某某区市场监管局举办了“计量小课堂”活动，"
        "邀请辖区小学生、家长代表开展计量知识问答、计量实验室现场参观等活动。",
    ]
    assert classify("某某区举办计量小课堂活动", body) == "开放日"
    # experts invited to a meeting held at a laboratory are no open day
    body = ["某某研究院邀请行业专家召开能力验证研讨会。"]
    assert classify("某某研究院召开研讨会", body) != "开放日"


def test_a_document_taking_effect_and_a_notice_told_after_a_short_lead_are_policy():
    body = ["某某-AB01:2024《某某机构认可领域分类》将于2024年9月1日起正式发布并实施。某某委员会制定了转换政策。"]
    assert classify("《某某机构认可领域分类》9月1日起实施", body) == "政策公告"
    # a one-sentence lead citing a site; the next paragraph tells what it issued
    body = [
        "据某某认可委员会官方网站消息，某某证书有效期或调整为6年。",
        "3月2日，某某认可委员会在其官方网站发布“关于征求对调整某某证书有效期意见的通知”。",
    ]
    assert classify("某某证书有效期或调整为6年", body) == "政策公告"
    # a long lead of one sentence is read alone: a reply mentioned later is the meeting's business
    body = [
        "2023年5月，某某协会某某专业委员会成功举办第三届换届会议暨技术交流会，二百余名委员及相关代表参加了会议，"
        "会议由秘书长主持，各地代表交流了经验.",
        "会上，协会副秘书长宣读了协会关于换届会议的批复文件，并宣布了选举结果。",
    ]
    assert classify("某某专业委员会举办换届会议", body) == "协会动态"


def test_an_association_co_hosting_or_attending_a_regulators_event_is_not_the_news():
    lead = "5月20日，某某市市场监督管理局、某某市科学技术协会、共青团某某市委共同举办计量日主题活动。"
    assert classify("某某市举办计量日主题活动", [lead, "活动现场发放了计量科普资料。"]) == "行业动态"
    guests = "出席活动的有某某省市场监管局副局长王某、某某计量测试学会理事长李某等。"
    assert classify("计量日主题活动在某某举办", ["5月20日，计量日主题活动举行。", guests]) == "行业动态"


def test_an_association_named_in_its_own_clause_still_counts():
    lead = "经某某省市场监管局批准，某某市检验检测协会第二届会员代表大会在某某召开。"
    assert classify("某某市检验检测协会召开第二届会员代表大会", [lead]) == "协会动态"
    attendees = "出席大会的有某某省市场监管局王某局长，某某衡器协会理事长张某。"
    assert classify("某某技术委员会成立大会召开", [attendees]) == "协会动态"


def test_a_guest_keyword_that_is_not_a_keyword_is_reported_with_its_line(tmp_path):

    path = tmp_path / "vocabulary.yaml"
    path.write_text("categories:\n  协会动态:\n    keywords: {协会: 2}\n    guest_keywords: [学会]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"vocabulary.yaml:4: guest_keywords: '学会'"):
        load_guest_keywords(path)


def test_a_notice_to_the_government_bodies_that_must_act_on_it_is_policy_whatever_it_organises():
    title = "关于在计量月期间开展实验室开放日活动的通知"
    body = ["各市市场监管局，各检验检测机构：", "为提升检验检测社会认知度，决定开展实验室开放日活动。", "一、开放时间"]
    assert classify(title, body) == "政策公告"
    # an association's notice to "各相关单位" names no such body
    body = ["各相关单位：", "某某检验协会拟成立检验检测设备分会，现将有关事项通知如下。"]
    assert classify("某某检验协会拟成立检验检测设备分会", body) == "协会动态"


def test_a_bad_addressee_pattern_is_reported_with_its_line(tmp_path):

    path = tmp_path / "vocabulary.yaml"
    path.write_text('categories:\n  政策公告:\n    addressee_patterns:\n      - "^各(局"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"vocabulary.yaml:4: .*not a valid regular expression"):
        load_addressee_patterns(path)


def test_children_invited_into_a_lab_make_an_open_day():
    lead = "5月26日，某某市市场监管局联合市实验幼儿园，邀请20名小朋友走进某某检测中心实验室，开展科普活动。"
    assert classify("开展检验检测技术科普活动", [lead]) == "开放日"


def test_an_investment_signing_with_its_figures_is_trade_news_an_agreement_to_cooperate_is_not():
    lead = "某某市检验检测服务业洽谈活动20日举行，现场签约6个项目，累计签约金额约3.2亿元。"
    assert classify("签约3.2亿元 某某市提升检验检测能力", [lead, "项目涵盖新能源汽车检测等领域。"]) == "行业动态"
    lead = "20日，某某市市场监管局与某某大学签约，共建计量科技创新平台。"
    assert classify("某某市市场监管局与某某大学签约", [lead]) == "联盟合作"


def test_a_deal_keyword_that_is_not_a_keyword_is_reported_with_its_line(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text("categories:\n  联盟合作:\n    keywords: {签约: 2}\n    deal_keywords: [合作]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"vocabulary.yaml:4: deal_keywords: '合作'"):
        load_deal_keywords(path)
    path.write_text('categories:\n  联盟合作:\n    keywords: {签约: 2}\ndeal_figures:\n  - "(亿"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"vocabulary.yaml:5: .*not a valid regular expression"):
        load_deal_keywords(path)


def test_a_notice_an_open_day_follows_does_not_make_it_policy_and_the_public_visiting_a_lab_is_one():
    body = [
        "9月10日，根据某某市领导小组办公室关于开展2024年“质量月”活动的通知精神，某某计量所组织了计量实验室免费开放活动。",
        "社区居民参观了长度、热学等实验室。",
    ]
    assert classify("", body) == "开放日"
    body = ["8月2日，某某检验所联合某某社区开展暑期实践活动。此次活动通过参观实验室的方式，为社区儿童普及食品安全知识。"]
    assert classify("", body) == "开放日"
    # the notice itself is still policy
    body = ["各区市场监管局：", "现将《关于开展2024年“质量月”活动的通知》印发给你们，请认真贯彻执行。"]
    assert classify("关于开展2024年质量月活动的通知", body) == "政策公告"


def test_a_notice_opening_with_its_document_number_is_read_from_its_addressee_line():
    body = [
        "某监检函〔2024〕88号",
        "各省、自治区、直辖市市场监管局（厅、委）：",
        "为展示检验检测行业风采，总局决定组织开展检验检测机构开放日活动，邀请市民走进实验室。",
    ]
    assert classify("", body) == "政策公告"
    # a reply to the bodies it names, by their names
    body = [
        "某质检科〔2024〕12号",
        "某某省、某某自治区质量技术监督局：",
        "你们报来的关于筹建国家某某产品质量监督检验中心的请示收悉。经研究，同意筹建。",
    ]
    assert classify("", body) == "政策公告"


def test_a_regulators_decision_is_policy_whatever_it_decides():
    body = ["（记者张某）3月8日，记者从某某省市场监督管理局获悉，某某省市场监管局决定于4月至6月开展计量器具专项整治行动。"]
    assert classify("某某省开展计量器具专项整治行动", body) == "政策公告"
    # a lab deciding to hold its own open day is not a regulator deciding
    body = ["某某检测研究院决定于5月20日举办实验室开放日活动，邀请市民走进实验室。"]
    assert classify("某某检测研究院举办开放日", body) == "开放日"


def test_a_regulators_random_inspection_and_the_results_it_makes_known_are_policy():
    lead = "近日，某市市场监管局按照“双随机、一公开”工作要求，对辖区检验检测机构开展监督检查。"
    assert classify("", [lead, "共检查机构10家，发现问题4个，已督促整改。"]) == "政策公告"
    assert classify("六部门联合通报监督抽查结果", ["某某机构存在问题。"]) == "政策公告"
    # a regulator's name in a list of hosts of a launch, no inspection of its own, stays news
    assert classify("", ["某协会与某检测中心联合举办检验检测技术交流活动，双方代表参加。"]) != "政策公告"


def test_a_notices_formula_putting_something_on_show_is_policy():
    lead = "经研究，拟批准下达5项地方标准制修订计划项目，现予以公示，公示期为30日。"
    assert classify("", [lead, "如有异议，请书面反馈。"]) == "政策公告"


def test_after_a_lead_that_tells_the_occasion_the_next_paragraph_tells_what_was_done():
    lead = "2022年5月20日是第23个“世界计量日”，今年的主题是“数字时代的计量”。主题旨在让人们认识数字技术。"
    done = "为宣传计量知识，我院组织了实验室开放活动，市民可在线参观。"
    assert classify("", [lead, done]) == "开放日"
    assert classify("", [lead, "我院举办了计量知识讲座，讲解数字计量的进展。"]) == "行业动态"


def test_the_names_of_regions_whose_provinces_work_together_count_for_cooperation():
    title = "服务成渝地区双城经济圈建设 川渝两地标准化院共商合作事宜"
    assert classify(title, ["为推进成渝地区双城经济圈建设，两院开展工作交流。"]) == "联盟合作"
    # a passing mention of the region is not what a trade story is about (weight 1)
    assert classify("", ["某检测中心新建实验室投入使用。", "该中心服务川渝两地企业。"]) == "行业动态"


def test_a_provincial_departments_spot_check_and_its_notice_of_results_are_policy():
    # a notice of results by its title form (关于…的通报), its issuer a department (厅)
    title = "某某自治区市场监管厅关于2024年春季化肥质量专项监督抽查结果的通报"
    assert classify(title, ["为加强质量监管，本次共抽查化肥100批次，合格95批次。"]) == "政策公告"
    # a report naming the department, then the department again as 该厅
    lead = "本报讯 2月28日，记者从自治区市场监督管理厅了解到，该厅近期组织开展了民用燃煤质量专项监督抽查。"
    assert classify("我区燃煤质量抽查合格率100%", [lead, "检验的产品全部合格。"]) == "政策公告"
    # a department that only attends someone else's event is no spot check of its own
    assert classify("", ["某检测协会举办技术交流会，某某厅有关负责人出席并致辞。"]) != "政策公告"


def test_a_sampling_check_by_its_other_name_made_known_is_policy():
    assert classify("某市市场监管局通报2024年第2期食品安全监督抽检结果", ["本期共抽检食品200批次。"]) == "政策公告"


def test_world_metrology_days_own_event_is_the_trades_news_and_the_day_as_an_occasion_is_not():
    lead = "5月20日，由某某总局主办、某省局承办的世界计量日主场纪念活动在某市举行。"
    body = [
        lead,
        "活动上，某研究院与某集团签署计量技术合作协议。",
        "计量是构建一体化国家战略体系的重要支撑，某地推进区域计量一体化。",
        "会后，两家机构又签署了检测合作协议。",
    ]
    assert classify("世界计量日主场纪念活动在某市举行", body) == "行业动态"
    # the day dates the meeting: a committee's founding meeting is the association's news
    lead = "在第十个世界计量日到来之际，某某计量技术委员会成立大会在某市召开，学会秘书长出席。"
    assert classify("", [lead, "会议选举产生了委员会领导班子。"]) == "协会动态"
    lead = "世界计量日前夕，协会组织会员单位在三地开展计量宣传活动。"
    assert classify("协会组织开展世界计量日宣传活动", [lead, "活动期间，为市民免费检定计量器具。"]) == "协会动态"


def test_the_days_first_name_is_world_accreditation_day():
    lead = "6月9日，国际认可界迎来首个“国际认可日”，某某委员会主任发表致辞。与此同时，国际认可论坛(IAF)也发表了联合声明。"
    body = [lead, "致辞回顾了认可工作的发展。"]
    assert classify("", body) == "世界认可日"


def test_a_regulator_issuing_a_document_by_its_genre_is_policy_its_year_in_brackets_or_not():
    lead = "某某总局联合某某部近日发布《某类机构评审补充要求（2025年）》，进一步严格机构准入。"
    assert classify("", [lead, "补充要求对人员、设备作出了规定。"]) == "政策公告"
    lead = "某省市场监管局日前印发《检验检测机构监督检查规则》，明确检查程序。"
    assert classify("", [lead]) == "政策公告"


def test_a_word_deep_in_a_page_printed_as_one_paragraph_is_not_its_lead():
    page = (
        "8月30日，某某机械工业协会在某市召开团体标准审定会。某协会标准化委员会委员等40余人出席会议。"
        "会议审定了三项团体标准送审稿。副秘书长主持会议。"
        "会议认为，征求意见和审查程序符合协会团体标准管理办法的有关规定。会议取得圆满成功。"
    )
    assert classify("", [page]) == "协会动态"


def test_a_consortium_is_an_alliance():
    assert classify("某科技城检验检测联合体启动", ["近日，某科技城检验检测联合体启动仪式在某市举行。"]) == "联盟合作"


def test_an_occasion_keyword_that_is_not_a_keyword_is_reported_with_its_line(tmp_path):
    path = tmp_path / "vocabulary.yaml"
    path.write_text("categories:\n  行业动态:\n    keywords: {论坛: 2}\n    occasion_keywords: [计量日]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"vocabulary.yaml:4: occasion_keywords: '计量日'"):
        load_occasion_keywords(path)
    path.write_text('categories:\n  行业动态:\n    keywords: {论坛: 2}\noccasion_marks:\n  - "(之际"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"vocabulary.yaml:5: .*not a valid regular expression"):
        load_occasion_keywords(path)


def test_a_notice_about_an_associations_own_affairs_is_its_news_a_regulators_is_policy():
    """Who issues it decides: a notice with no government body over it, about the association's
    own committee, is the association's; the same subject under a regulator's name is policy."""
    body = ["各会员单位：", "某某衡器协会第八届技术专家委员会于5月10日在某市召开成立大会，75名代表参加。"]
    assert classify("关于某某衡器协会第八届技术专家委员会成立的通告", body) == "协会动态"
    assert classify("某某市市场监管局关于某某衡器协会年度检查结果的通告", body[1:]) == "政策公告"


def test_the_results_of_a_supervisory_inspection_published_by_the_regulator_are_policy():
    """公布 and 发布 make results known as 通报 does, and a 监督检查 is a check as a 抽查 is."""
    lead = "近日，某某总局公布2024年度计量器具使用情况监督检查结果。全国共检查单位3000家，不合规率1.2%。"
    assert classify("计量器具使用情况持续向好", [lead, "下一步将加强宣传推广。"]) == "政策公告"
    lead = "某某总局等五部门联合发布2023年度检验检测机构监督抽查结果。"
    assert classify("", [lead, "多数机构合规。"]) == "政策公告"
    # a lab publishing its own report on a topic is not a check's results
    assert classify("", ["某检测中心发布2024年度行业发展报告，分析市场规模。"]) != "政策公告"
