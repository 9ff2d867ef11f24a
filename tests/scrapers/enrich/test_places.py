from scrapers.enrich.places import find_place, load_gazetteer


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
    p = find_place("京津冀晋蒙5地签署合作备忘录",
                   ["近日，联席会议在河北省召开。北京市、天津市、山西省、内蒙古自治区的代表参加。"])
    assert (p.region, p.city) == ("河北省", "")


def test_national_campaign_with_venue_city():
    p = find_place("2019全国检验检测机构开放日活动正式启动",
                   ["9月6日，市场监管总局2019全国检验检测机构开放日启动仪式在湖南省长沙市举办。",
                    "全国4万家检验检测机构参加，全国质量月。"])
    assert (p.region, p.city) == ("全国", "长沙市")


def test_nothing_found_is_national():
    assert find_place("", ["记者今天了解到，统计制度获国家统计局批准。"]).region == "全国"
