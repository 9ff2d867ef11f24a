from scrapers.dedupe import DuplicateIndex, containment, shingles
from scrapers.normalise.script import to_simplified

TEXT = ("近日，京津冀晋蒙检验检测认证区域合作联席会议在河北省召开。市场监管总局认可检测司、认证监管司以及北京市、"
        "天津市、河北省、山西省、内蒙古自治区市场监管部门的相关代表齐聚一堂，围绕区域合作展开深入研讨交流。"
        "会议期间，各方达成重要共识，并签订合作备忘录和行动计划。")
OTHER = "杭州市检验检测认证促进会第一届第一次全体会员大会在杭州举行，175家会员单位参加了大会，选举产生了理事会和监事会。"


def test_truncated_copy_in_the_other_script_is_found():
    index = DuplicateIndex()
    index.add("a", TEXT)
    index.add("b", OTHER)
    copy = to_simplified("近日，京津冀晉蒙檢驗檢測認證區域合作聯席會議在河北省召開。"
                         "市場監管總局認可檢測司、認證監管司以及北京市、天津市")
    assert index.find(copy) == "a"
    assert index.find(OTHER + "另外一句。") == "b"


def test_different_articles_are_not_merged():
    index = DuplicateIndex()
    index.add("a", TEXT)
    assert index.find(OTHER) is None
    assert containment(shingles(TEXT), shingles(OTHER)) < 0.2
