from scrapers.normalise.woven import unweave, woven_pieces

WOVEN = [
    "5月9日，港质某某港口检验检测联盟成立大会召开。盟成理事单位、检联代表和专家八十余人参加会议，立大会议由联盟秘书长主持。",
    "会议审议通过了联盟章程，港质选举产生了第一届理事会。会议指出，盟成全港检验检测机构服务能力不断提升，检联联盟将搭建合作平台，立大成员单位共享设备。",
]


def test_pieces_opening_clauses_in_a_fixed_cycle_are_removed():
    assert woven_pieces(WOVEN) == {"港质", "盟成", "检联", "立大"}
    text = "".join(unweave(WOVEN))
    assert "会议由联盟秘书长主持" in text and "选举产生了第一届理事会" in text
    assert "港质" not in text and "检联代表" not in text and "立大会议" not in text
    assert "全港检验检测机构服务能力不断提升" in text


def test_a_list_repeated_in_the_same_order_is_text():
    lines = [
        "6月9日，市场监管总局、生态环境部、水利部和国家药监局联合召开会议，部署检验检测机构监督抽查。",
        "抽查将机动车检验、生态环境监测、水利水质监测和食品检验作为重点领域。",
        "下一步，市场监管总局、生态环境部、水利部和国家药监局将组成联合检查组，开展现场检查。",
        "会议要求，市场监管总局、生态环境部、水利部和国家药监局各自做好协调工作。",
    ]
    assert woven_pieces(lines) == set()
    assert unweave(lines) == lines


def test_ordinary_clause_openers_are_text():
    lines = [
        "近日，某市检验检测协会召开会员大会，推动行业自律，推动诚信建设，推动服务升级。",
        "会议指出，检验检测机构要守住底线，检验检测数据要真实，推动行业高质量发展。",
    ]
    assert unweave(lines) == lines


def test_a_quote_given_twice_is_text():
    """A quote in the lead and again in the body repeats whole clauses in the same order:
    the shared start runs past any piece, so nothing is cut."""
    lines = [
        "检测机构负责人在接受采访时说，检测报告要经得起历史推敲，数据真实始终是检验检测的底线，否则机构就会失去社会公信力。",
        "开放日当天，实验室向市民展示了样品流转的全过程。",
        "负责人最后再次强调，检测报告要经得起历史推敲，数据真实始终是检验检测的底线，否则机构就会失去社会公信力。",
    ]
    assert woven_pieces(lines) == set()
    assert unweave(lines) == lines


def test_a_parallel_passage_is_text():
    """Three products described clause by clause in the same order: the openers cycle, but
    not as a woven stretch repeated elsewhere."""
    lines = [
        "某品牌发布了三款检测仪。",
        "基础款屏幕为5英寸，重量只有300克，整机防水，量程覆盖常见农药残留，检测一次约需十分钟。",
        "标准款屏幕为6英寸，重量为350克，整机防尘，量程覆盖重金属和农药，检测一次约需八分钟。",
        "旗舰款屏幕为7英寸，重量不可避免地增加到420克，后置双探头，量程覆盖全部常见项目，检测一次只需五分钟。",
        "三款产品均已取得计量器具型式批准证书，基础款适合农贸市场，标准款适合检测站，旗舰款适合实验室。",
    ]
    assert woven_pieces(lines) == set()
    assert unweave(lines) == lines


def test_a_name_opening_clauses_among_others_is_text():
    """A city's name, 检验检测 and 加强 open clauses again and again in one order, spread
    among other clauses: no woven stretch."""
    lines = [
        "省内首个检验检测技术联盟、某州市检验检测技术联盟近日成立，搭建起政府、企业、检验检测机构和社会之间的桥梁，加强检验检测在传统产业中的作用。",
        "联盟由某州市质量技术监督检测院、某州市特种设备检测中心、某州市建筑材料试验所等机构组成，检验检测服务范围涉及二十个行业，同时建立区域互访机制，加强联络。",
    ]
    assert woven_pieces(lines) == set()
    assert unweave(lines) == lines


def test_a_woven_piece_left_at_the_end_of_a_line_goes_too():
    lines = [*WOVEN, "会议还表彰了一批优秀会员单位。港质"]
    text = "".join(unweave(lines))
    assert "港质" not in text and "会议还表彰了一批优秀会员单位。" in text


def test_pieces_of_a_known_cycle_between_two_cut_ones_go_and_real_words_stay():
    """Once the cycle is known, a clause opening between two of its cut pieces, in two places,
    loses the start it shares with them, glued where it stands ("栈测器" below); a phrase said
    once between two pieces ("专家代表参加签约": 专家 is glued to what follows it twice too) stays."""
    lines = [
        *WOVEN,
        "5月10日，港质各成员单位、栈测器检测机构、盟成有关部门、检联签署合作协议、专家代表参加签约，立大共享设备。",
        "联盟将统筹资源，港质开展培训，盟成组织比对，栈测器推进数据共享，检联联合攻关，立大服务企业。",
    ]
    out = unweave(lines)
    assert out[2] == "5月10日，各成员单位、检测机构、有关部门、签署合作协议、专家代表参加签约，共享设备。"
    assert "，推进数据共享，" in out[3] and "栈测器" not in "".join(out)


#: A keyword (…计量测试所开放日活动启动) cut into pairs of characters and woven at clause openings;
#: the cycle (测试 所开 放日 活动) shows twice, and its pieces spell a run of the lead.
SPELLED = [
    "本报讯 4月12日，川县2023年青川县计量测试所开放日活动启动仪式在县城举行。计量本次开放由县市场监管局主办、"
    "测试县计量测试所承办。所开县领导和企业代表出席并参观，放日学生代表现场体验了电子秤检定，活动各乡镇也设立了咨询点。启动",
    "县局组织机构向社会开放，测试通过现场演示讲解检定流程，所开志愿者为市民答疑，放日免费检测血压计和电子秤，活动技术人员发放了宣传资料。",
]


def test_pieces_the_lead_spells_beside_a_woven_stretch_go_too():
    """The cycle's pieces read in order spell 测试所开放日活动 in the lead: the clause openings
    right before and after the stretch that carry the lead's next characters outwards (计量, 川县,
    启动) are pieces of the same keyword, and go."""
    out = unweave(SPELLED)
    assert out[0] == (
        "本报讯 4月12日，2023年青川县计量测试所开放日活动启动仪式在县城举行。本次开放由县市场监管局主办、"
        "县计量测试所承办。县领导和企业代表出席并参观，学生代表现场体验了电子秤检定，各乡镇也设立了咨询点。"
    )
    assert (
        out[1]
        == "县局组织机构向社会开放，通过现场演示讲解检定流程，志愿者为市民答疑，免费检测血压计和电子秤，技术人员发放了宣传资料。"
    )


def test_a_clause_that_goes_on_as_the_lead_does_is_text():
    """A clause opening after the stretch that reads on as the lead does ("启动仪式上…") is the
    text itself; and with a lead that does not spell the cycle's run, nothing beyond the cycle goes."""
    lines = [SPELLED[0].removesuffix("启动") + "启动仪式上，县领导为志愿服务队授旗。", SPELLED[1]]
    assert "启动仪式上，县领导为志愿服务队授旗。" in unweave(lines)[0]
    plain = ["本报讯 4月12日，某县举行计量宣传活动。" + SPELLED[0].split("。", 1)[1], SPELLED[1]]
    out = unweave(plain)
    assert "计量本次开放" in out[0] and "启动" in out[0]


HEADLINE = "江北新区筹建计量测试联盟中心"
HEADLINE_WOVEN = [
    "本报讯 为提升区域计量服务水平，江北发挥计量对园区发展的支撑作用，促进区内企业高质量发展。"
    "新区近日，筹建省市场监管局批复同意建设该中心。",
    "据介绍，计量该中心依托某某计量院建设。测试多年来，联盟某某计量院面向园区企业开展校准服务，江北作为牵头单位组织比对，"
    "与三所高校开展合作，新区年均服务企业逾百家，检定仪器近万台，筹建推动了量值传递覆盖全区。",
]


def test_pieces_that_spell_the_headline_twice_are_removed():
    """The headline's pieces glued to clause openings, a real clause now and then between two of
    them (so no cycle shows as consecutive openings), spell the headline in order twice."""
    assert unweave(HEADLINE_WOVEN, [HEADLINE]) == [
        "本报讯 为提升区域计量服务水平，发挥计量对园区发展的支撑作用，促进区内企业高质量发展。"
        "近日，省市场监管局批复同意建设该中心。",
        "据介绍，该中心依托某某计量院建设。多年来，某某计量院面向园区企业开展校准服务，作为牵头单位组织比对，"
        "与三所高校开展合作，年均服务企业逾百家，检定仪器近万台，推动了量值传递覆盖全区。",
    ]
    # without its headline the same text shows no cycle of its own: nothing is cut
    assert unweave(HEADLINE_WOVEN) == HEADLINE_WOVEN


def test_a_text_that_names_the_headlines_words_in_order_once_is_text():
    lines = [
        "近日，江北新区召开会议，筹建工作全面启动，计量测试能力将大幅提升，联盟成员单位积极响应。",
        "会议指出，中心建成后将服务园区企业。",
    ]
    assert unweave(lines, [HEADLINE]) == lines


def test_a_caption_cut_into_pairs_and_glued_to_five_clause_openings_in_a_row_is_removed():
    caption = "2023年某某省计量测试院开放日启动现场"
    woven = (
        "据介绍，年某2022年全省计量机构达到300家，某省从业人员1.2万人，计量出具报告80万份，"
        "测试建成标准装置500余项，院开服务企业2万余家，带动了全省计量事业发展。"
    )
    clean = (
        "据介绍，2022年全省计量机构达到300家，从业人员1.2万人，出具报告80万份，"
        "建成标准装置500余项，服务企业2万余家，带动了全省计量事业发展。"
    )
    assert unweave(["某某省举办计量开放日活动。", caption, woven]) == ["某某省举办计量开放日活动。", caption, clean]
    # a list that names another line's words in its order ends each pair with its mark: text
    listed = ["冻结扣押没收追缴返还", "依法请求查询、冻结、扣押、没收、追缴、返还涉案资产。"]
    assert unweave(listed) == listed
