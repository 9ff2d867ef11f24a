"""The source registry: defaults for the smallest entry, and errors that name file and entry."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from scrapers.core.article import NATIONAL
from scrapers.fetch.lists import find_links
from scrapers.fetch.sources import DEFAULT_REGISTRY, Politeness, SourceError, load_sources, select

ROOT = Path(__file__).resolve().parents[3]
FIXTURE_REGISTRY = ROOT / "tests" / "fixtures" / "sites" / "sources.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_registry_loads_with_at_least_fifteen_sources():
    sources = load_sources(DEFAULT_REGISTRY)
    assert len(sources) >= 15
    for source in sources:
        assert source.lists and source.items.pattern and source.outlet
        assert all(url.startswith("http") for url in source.lists)
        assert source.politeness.delay >= 3, "real sites get at least the default delay"
    regions = {s.region for s in sources}
    assert NATIONAL in regions and len(regions) >= 6, "national bodies and several provinces"


#: URLs seen in stored public pages and public scrapers of each site (the registry's comments
#: say where): every source's ``items`` must take its current and its old scheme, and leave
#: its list pages, other sites and look-alikes alone.
SCHEMES = {
    "市场监管总局认可检测司": (
        [
            "https://www.samr.gov.cn/rkjcs/tzgg/art/2026/art_2a0164bc81da4c889262fa935bed98aa.html",
            "http://www.samr.gov.cn/rkjcs/sjdt/gzdt/202012/t20201214_324445.html",
        ],
        [
            "https://www.samr.gov.cn/rkjcs/tzgg/index.html",
            "https://www.samr.gov.cn/xw/zj/art/2026/art_7daec9b366a94edb9421d2cb57620a41.html",
            "https://www.samr.gov.cn/rkjcs/tzgg/art/2026/art_2a01.html",
        ],
    ),
    "市场监管总局新闻": (
        [
            "https://www.samr.gov.cn/xw/zj/art/2026/art_7daec9b366a94edb9421d2cb57620a41.html",
            "https://www.samr.gov.cn/xw/zj/202302/t20230225_352890.html",
        ],
        [
            "https://www.samr.gov.cn/xw/zj/index.html",
            "https://www.samr.gov.cn/ggjgs/tzgg/art/2026/art_7daec9b366a94edb9421d2cb57620a41.html",
        ],
    ),
    "国家认监委": (
        [
            "https://www.cnca.gov.cn/zwxx/gg/zjgg/art/2023/art_31ce43f5837d408cb2023ec693615ada.html",
            "https://www.cnca.gov.cn/zwxx/gg/2025/art/2025/art_915c12eceb7a4ad1a848e9598844e911.html",
            "http://www.cnca.gov.cn/xxgk/hydt/201906/t20190628_57312.shtml",
        ],
        ["https://www.cnca.gov.cn/zwxx/gg/", "https://www.cnca.gov.cn/zwxx/gg/index_1.html"],
    ),
    "CNAS 中国合格评定国家认可委员会": (
        [
            "https://www.cnas.org.cn/rkgf/sysrk/rkyyzz/art/2024/art_72245f37cbac480697079c8cf78d8b4b.html",
            "https://www.cnas.org.cn/zxzx/art/2025/art_0f3a9c2b7d4e4f61a8b5c6d7e8f90123.html",
            "https://www.cnas.org.cn/fzlm/tzgg/art/2025/art_5e6f7a8b9c0d4e1f8a2b3c4d5e6f7a8b.html",
            "https://www.cnas.org.cn/xwzx/2019/06/896745.shtml",
        ],
        ["https://www.cnas.org.cn/fzlm/tzgg/index.html", "https://www.cnas.org.cn/cxzq/nyzxsys/index.shtml"],
    ),
    "中国质量认证中心": (
        ["https://www.cqc.com.cn/www/col68/596454.html", "https://www.cqc.com.cn/www/chinese/c/2018-03-14/190288.shtml"],
        ["https://www.cqc.com.cn/www/chinese/", "https://www.cqc.com.cn/www/chinese/zscx/"],
    ),
    "中国认证认可协会": (
        ["http://www.ccaa.org.cn/ccaa/tzgg/tz/201806/t20180612_45213.shtml"],
        ["http://www.ccaa.org.cn/ccaa/tzgg/tz/default.shtml", "http://www.ccaa.org.cn/kstz.html"],
    ),
    "中国质量新闻网": (
        ["https://www.cqn.com.cn/rz/content/2024-06/12/content_556677.htm"],
        ["https://www.cqn.com.cn/rz/", "https://www.cqn.com.cn/rz/node_1234.htm"],
    ),
    "中国市场监管新闻网": (["https://www.cmrnn.com.cn/content/2024-06/12/content_245678.html"], ["https://www.cmrnn.com.cn/"]),
    "中国消费网": (["https://www.ccn.com.cn/Content/2024/06-12/1234567890.html"], ["https://www.ccn.com.cn/"]),
    "浙江省市场监管局": (
        [
            "https://zjamr.zj.gov.cn/art/2024/6/3/art_1228969893_58923011.html",
            "https://zjamr.zj.gov.cn/col/col1228969893/art/2025/art_99f2702a91aa43edaab3ef5037d8d0ad.html",
        ],
        ["https://zjamr.zj.gov.cn/col/col1228969893/index.html", "https://rlsbt.zj.gov.cn/art/2024/6/3/art_1_2.html"],
    ),
    "江苏省市场监管局": (
        [
            "https://scjgj.jiangsu.gov.cn/art/2026/3/10/art_70155_11740123.html",
            "https://scjgj.jiangsu.gov.cn/art/2025/6/26/art_70154_11589618.html",
        ],
        [
            "https://scjgj.jiangsu.gov.cn/col/col78963/index.html",
            "https://scjgj.jiangsu.gov.cn/col/col70311/index.html?uid=277431&pageNum=2",
        ],
    ),
    "山东省市场监管局": (
        [
            "http://amr.shandong.gov.cn/art/2020/3/17/art_122606_8931632.html",
            "http://amr.shandong.gov.cn/art/2020/1/17/art_93607_7214485.html",
        ],
        ["http://amr.shandong.gov.cn/col/col76511/index.html"],
    ),
    "北京市市场监管局": (
        [
            "https://scjgj.beijing.gov.cn/zwxx/scjgdt/202606/t20260621_4708636.html",
            "https://scjgj.beijing.gov.cn/zwxx/scjgdt/202510/t20251021_4234743.html",
        ],
        [
            "https://scjgj.beijing.gov.cn/zwxx/scjgdt/",
            "https://scjgj.beijing.gov.cn/cxfw/flfgcxfw/qyjgl/202006/t20200621_1929570.pdf",
        ],
    ),
    "上海市市场监管局": (
        ["https://scjgj.sh.gov.cn/1582/20251014/2c984a7299dbc4280199e13cb8d71716.html"],
        ["https://scjgj.sh.gov.cn/", "https://scjgj.sh.gov.cn/057/"],
    ),
    "广东省市场监管局": (
        [
            "http://amr.gd.gov.cn/zwgk/tzgg/content/post_3178563.html",
            "https://amr.gd.gov.cn/gkmlpt/content/2/2980/post_2980375.html",
        ],
        ["https://amr.gd.gov.cn/zwgk/tzgg/", "http://amr.gd.gov.cn/attachment/0/365/365086/2647892.zip"],
    ),
    "新疆维吾尔自治区市场监管局": (
        [
            "https://scjgj.xinjiang.gov.cn/xjaic/qjxx/202606/a8c08aa9bf4f46f4a9ecbfb0f0c30bb7.shtml",
            "https://scjgj.xinjiang.gov.cn/xjaic/htsfwb/202001/be58291df7344eb8be772d64d8ad71ea.shtml",
        ],
        ["https://scjgj.xinjiang.gov.cn/xjaic/tzgg/", "http://scjgj.xinjiang.gov.cn/xjaic/sjsgscx/sgscx2.shtml"],
    ),
}


def test_every_source_takes_its_current_and_old_url_schemes_and_leaves_its_lists_alone():
    sources = {s.name: s for s in load_sources(DEFAULT_REGISTRY)}
    assert set(SCHEMES) == set(sources), "every registered source has its schemes checked here"
    for name, (items, others) in SCHEMES.items():
        source = sources[name]
        for url in items:
            assert source.items.search(url), f"{name}: items {source.items.pattern!r} misses {url}"
        for url in [*others, *source.lists]:
            assert not source.items.search(url), f"{name}: items {source.items.pattern!r} takes {url}"


def test_the_fixture_registry_loads_with_its_shared_politeness_anchor():
    sources = load_sources(FIXTURE_REGISTRY)
    assert {s.politeness.read_timeout for s in sources} == {0.5}


def test_three_keys_are_enough_and_everything_else_defaults(tmp_path):
    (source,) = load_sources(
        write(
            tmp_path,
            """
- name: 某协会
  lists: https://association.example/news/
  items: /news/\\d+\\.html$
""",
        )
    )
    assert source.lists == ("https://association.example/news/",)
    assert source.items.search("https://association.example/news/12.html")
    assert source.extract.generic and source.encoding == "" and source.script == "simplified"
    assert source.region == NATIONAL and source.politeness == Politeness()


def test_selectors_politeness_and_defaults_override(tmp_path):
    fast = Politeness(delay=0.1, retries=0)
    (source,) = load_sources(
        write(
            tmp_path,
            """
- name: 某局
  lists: [https://a.example/list/]
  items: /art/
  extract: {title: h1.title, body: "#zoom"}
  politeness: {read_timeout: 5}
  encoding: gbk
  script: traditional
""",
        ),
        defaults=fast,
    )
    assert source.extract.title == "h1.title" and source.extract.date == ""
    assert source.politeness == Politeness(delay=0.1, retries=0, read_timeout=5.0)
    assert source.encoding == "gbk" and source.script == "traditional"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("- name: a\n  lists: [https://a.example/]\n", r"entry 1 \(a\): 'items' is required"),
        ("- name: a\n  lists: [https://a.example/]\n  items: '(unclosed'\n", "not a valid regular expression"),
        ("- name: a\n  lists: [/relative/]\n  items: x\n", "absolute http"),
        ("- name: a\n  lists: [https://a.example/]\n  items: x\n  colour: red\n", "unknown key.*colour"),
        (
            "- name: a\n  lists: [https://a.example/]\n  items: x\n  politeness: {delay: fast}\n",
            "politeness.delay must be a number",
        ),
        ("- name: a\n  lists: [https://a.example/]\n  items: x\n  politeness: {speed: 1}\n", "unknown politeness key 'speed'"),
        (
            "- name: a\n  lists: [https://a.example/]\n  items: x\n  extract: {body: 'div[['}\n",
            "extract.body is not a valid CSS selector",
        ),
        ("- name: a\n  lists: [https://a.example/]\n  items: x\n  script: cyrillic\n", "'script' must be one of"),
        ("- name: a\n  lists: [https://a.example/]\n  items: x\n  encoding: klingon\n", "unknown encoding"),
        (
            "- name: a\n  lists: [https://a.example/]\n  items: x\n- name: a\n  lists: [https://b.example/]\n  items: y\n",
            r"entry 2 \(a\): another source is already named",
        ),
        ("name: a\n", "expected a YAML list"),
        ("- name: a\n  lists: [https://a.example/?x=1]\n  items: [\n", r"sources.yaml:\d+: not valid YAML"),
    ],
)
def test_registry_errors_name_the_file_and_the_entry(tmp_path, entry, message):
    with pytest.raises(SourceError, match=message) as info:
        load_sources(write(tmp_path, entry))
    assert str(tmp_path / "sources.yaml") in str(info.value)


def test_select_by_name():
    sources = load_sources(FIXTURE_REGISTRY)
    assert [s.name for s in select(sources, [sources[1].name])] == [sources[1].name]
    assert select(sources, None) == sources
    with pytest.raises(SourceError, match="no source named 'nope'; known: "):
        select(sources, ["nope"])


NAMED = "- name: a\n  lists: [https://a.example/]\n"


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        (NAMED + "  items: x\n  encoding: rot13\n", 4, "'encoding' 'rot13' is not a text encoding for web pages"),
        (NAMED + "  items: x\n  encoding: unicode_escape\n", 4, "is not a text encoding for web pages"),
        (NAMED + "  items: x\n  encoding: utf-7\n", 4, "is not a text encoding for web pages"),
        (NAMED + "  items: x\n  encoding: 7\n", 4, "'encoding' must be text, not a number"),
        (
            NAMED + "  items: x\n  politeness: {delay: .nan}\n",
            4,
            r"politeness\.delay must be a finite number ≥ 0 and ≤ 600, not nan",
        ),
        (NAMED + "  items: x\n  politeness: {delay: .inf}\n", 4, r"politeness\.delay must be a finite number"),
        (
            NAMED + "  items: x\n  politeness:\n    delay: 1\n    read_timeout: 0\n",
            6,
            r"politeness\.read_timeout must be a finite number > 0 and ≤ 600, not 0",
        ),
        (NAMED + "  items: x\n  politeness: {connect_timeout: -1}\n", 4, r"politeness\.connect_timeout must be .* > 0"),
        (NAMED + "  items: x\n  politeness: {deadline: 0}\n", 4, r"politeness\.deadline must be .* > 0"),
        (NAMED + "  items: x\n  politeness: {source_deadline: .nan}\n", 4, r"politeness\.source_deadline must be"),
        (NAMED + "  items: x\n  politeness: {retries: 2.5}\n", 4, r"politeness\.retries must be a whole number"),
        (NAMED + "  items: x\n  politeness: {retries: true}\n", 4, r"politeness\.retries must be a whole number"),
        (NAMED + "  items: x\n  politeness: {max_bytes: 0}\n", 4, r"politeness\.max_bytes must be a whole number"),
        (NAMED + "  items: x\n  politeness: {delay: 100000}\n", 4, r"politeness\.delay must be .* ≤ "),
        (NAMED + "  items: x\n  politeness: [delay, 1]\n", 4, "'politeness' must be a mapping"),
        (NAMED + "  items: x\n  links: 'ul[['\n", 4, "'links' is not a valid CSS selector: 'ul\\[\\['"),
        (NAMED + "  items: x\n  extract: {title: h1, body: 'div:nth-child(x)'}\n", 4, "extract.body is not a valid CSS selector"),
        (
            NAMED + "  items: '(a)\\1'\n",
            3,
            r"'items' is not a valid regular expression \(RE2 syntax: no backreferences or lookaround\)",
        ),
        (NAMED + "  items: '/news/(?!draft)'\n", 3, r"'items' is not a valid regular expression"),
        (NAMED + "  items: [x]\n", 3, "'items' must be text, not a list"),
        ("- name: a\n  lists: ['https://editor:pw@a.example/']\n  items: x\n", 2, "without a user name or password"),
        ("- name: a\n  lists: [https://a.example/]\n  items: x\n  items: y\n", 4, "duplicate key 'items'"),
        ("- name: [a]\n  lists: [https://a.example/]\n  items: x\n", 1, "'name' must be text, not a list"),
        (NAMED + "  items: x\n  pages: 0\n", 4, "'pages' must be a whole number from 1 to 20, not 0"),
        (NAMED + "  items: x\n  pages: 2.5\n", 4, "'pages' must be a whole number from 1 to 20"),
        (NAMED + "  items: x\n  pages: true\n", 4, "'pages' must be a whole number from 1 to 20"),
    ],
)
def test_bad_values_are_refused_with_file_line_and_entry(tmp_path, entry, line, message):
    path = write(tmp_path, entry)
    with pytest.raises(SourceError, match=message) as info:
        load_sources(path)
    assert str(info.value).startswith(f"{path}:{line}: "), str(info.value)


def test_real_text_encodings_still_load(tmp_path):
    for name in ("gbk", "GB2312", "gb18030", "big5", "big5hkscs", "utf-8", "windows-1252"):
        (source,) = load_sources(write(tmp_path, NAMED + f"  items: x\n  encoding: {name}\n"))
        assert source.encoding == name


def test_a_catastrophic_items_pattern_cannot_hang_the_run(tmp_path):
    """``(a+)+$`` takes exponential time in a backtracking engine; the registry's engine is linear.

    The match runs in a child process, because a backtracking match holds the GIL and
    could not even be timed out from a thread: a hang here is a failure, not a stuck suite.
    """
    path = write(tmp_path, NAMED + "  items: '(a+)+$'\n")
    link = "https://a.example/" + "a" * 5000 + "!"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from scrapers.fetch.lists import find_links\n"
        "from scrapers.fetch.sources import load_sources\n"
        "(source,) = load_sources(Path(sys.argv[1]))\n"
        f"html = '<html><body><ul><li><a href=\"{link}\">标题</a></li></ul></body></html>'\n"
        "print(len(find_links(html, 'https://a.example/', source.items)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )  # generous: linear matching takes milliseconds
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"


def test_list_pages_yield_only_http_links_without_credentials():
    html = """<html><body><ul>
      <li><a href="javascript:alert(1)">一</a></li>
      <li><a href="  JavaScript:alert(2)">二</a></li>
      <li><a href="java\tscript:alert(3)">三</a></li>
      <li><a href="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;">四</a></li>
      <li><a href="file:///etc/passwd">五</a></li>
      <li><a href="vbscript:msgbox(6)">六</a></li>
      <li><a href="ftp://a.example/news/7.html">七</a></li>
      <li><a href="https://editor:secret@a.example/news/8.html">八</a></li>
      <li><a href="/news/9.html">九</a></li>
    </ul></body></html>"""
    links = find_links(html, "https://a.example/list/", re.compile("."))
    assert [link.url for link in links] == ["https://a.example/news/8.html", "https://a.example/news/9.html"]
