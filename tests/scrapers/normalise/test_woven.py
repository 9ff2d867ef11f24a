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
