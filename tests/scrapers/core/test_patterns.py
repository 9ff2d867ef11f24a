"""The shared shapes (scrapers/core/patterns.py) and the lexicon they are built from."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from scrapers.core import patterns
from scrapers.core.datafiles import DataFileError
from scrapers.core.patterns import (
    BYLINE,
    LEXICON,
    NOTICE_TITLE,
    dates_in,
    fingerprint,
    han_count,
    lazy,
    load_lexicon,
    strip_dateline,
)
from scrapers.enrich.dateline import find_attribution
from scrapers.enrich.title import is_heading
from scrapers.normalise.junk import is_junk_line
from scrapers.rejected import simhash, text_hash


def test_fingerprint_keeps_letters_and_digits_of_any_script_in_lower_case() -> None:
    assert fingerprint("CNAS 认可：2024_年，ISO/IEC 17025！") == "cnas认可2024年isoiec17025"
    assert fingerprint("——（）…… ") == ""
    # the rejected record hashes this fingerprint: the hashes stored in rejected.csv stay valid
    assert text_hash("Ａ股 上涨3%，通知_附件① Straße 検査") == "b7348acd1399c3b9"
    assert simhash("市场监管总局发布检验检测机构监督管理办法，自2024年起施行。各地认真贯彻落实。") == "2b454e28ca058f63"


def test_han_count() -> None:
    assert han_count("CNAS认可2024年") == 3


def test_dates_keep_only_real_days_and_real_times() -> None:
    found = dates_in("发布时间：2024-02-30 10:00 更新：2024年3月1日 09时05分 另 2024/3/2 25:70")
    assert [(d.day, d.clock) for d in found] == [(date(2024, 3, 1), "09:05"), (date(2024, 3, 2), "")]


@pytest.mark.parametrize(
    ("lead", "rest"),
    [
        ("中新网深圳10月17日电（记者 孙秋霞）深圳今天举行…", "深圳今天举行…"),
        ("本报讯（记者 岳倩）近日，…", "近日，…"),
        ("中国质量新闻网讯 从国家认监委官网获悉，…", "从国家认监委官网获悉，…"),
        ("新华社上海8月31日电 长三角区域…", "长三角区域…"),
        ("某报讯，当升科技公告…", "当升科技公告…"),
        # a column name ending in 讯, and 通讯 inside a sentence, are not datelines
        ("百检网资讯：为贯彻落实…", "百检网资讯：为贯彻落实…"),
        ("5G通讯设备检测中心在深圳揭牌。", "5G通讯设备检测中心在深圳揭牌。"),
    ],
)
def test_strip_dateline(lead: str, rest: str) -> None:
    assert strip_dateline(lead) == rest


@pytest.mark.parametrize(
    ("line", "who"),
    [
        ("本报记者 张三", "张三"),
        ("中国质量报 记者 张伟 刘芳", "张伟 刘芳"),
        ("（记者 陈静）", "陈静"),
        ("文/图 周敏", "周敏"),
        ("记者：王五", "王五"),
        ("发展蓝图绘就", None),  # 图 inside a headline is no picture credit
        ("记者走进检测实验室看到了什么", None),
    ],
)
def test_one_byline_for_authors_headlines_and_chrome(line: str, who: str | None) -> None:
    m = BYLINE.match(line)
    assert (m["who"] if m else None) == who
    # the same shape decides all three: a byline is chrome, never a headline, and names the author
    assert is_junk_line(line) is (who is not None)
    if who is not None:
        assert not is_heading(line)
        assert find_attribution([line], ["某地召开检验检测工作会议，部署全年工作。"], [], "").authors == tuple(who.split())


def test_notice_title_names_its_issuer() -> None:
    m = NOTICE_TITLE.match("市场监管总局办公厅关于组织开展第十五个“世界认可日”活动的通知")
    assert m is not None and m["org"] == "市场监管总局办公厅"
    assert NOTICE_TITLE.search("2024年关于开展检验检测机构能力验证工作的规定")
    assert not NOTICE_TITLE.search("关于检验检测的几点思考")


def test_shipped_lexicon_loads_and_builds_the_patterns() -> None:
    words = load_lexicon()
    assert "市场监管总局" in words.national_bodies.split("|")
    assert patterns.NATIONAL_BODIES.search("国家市场监督管理总局发布") is not None
    assert re.fullmatch(words.outlet_suffixes, "客户端")


def _lexicon_copy(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "lexicon.yaml"
    shutil.copy(LEXICON, target)
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_broken_lexicon_names_file_and_line(tmp_path: Path) -> None:
    path = _lexicon_copy(tmp_path, "  - 国家统计局\n", "  - 2024\n")
    where = f"{re.escape(str(path))}:{_line_of(path, '- 2024')}"
    with pytest.raises(DataFileError, match=rf"^{where}: national_bodies: item \d+ must be text"):
        load_lexicon.__wrapped__(path)
    path = _lexicon_copy(tmp_path, "venue_verbs: [", "venue_verb: [")
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(path))}: venue_verbs must be a list of at least one word"):
        load_lexicon.__wrapped__(path)


def test_lexicon_words_are_literal_text(tmp_path: Path) -> None:
    path = _lexicon_copy(tmp_path, "  - 国家统计局\n", "  - 国家(统计)局\n")
    words = load_lexicon.__wrapped__(path)
    assert re.search(words.national_bodies, "国家(统计)局") and not re.search(words.national_bodies, "国家统计局")


def test_a_lazy_pattern_is_built_on_first_use_only() -> None:
    built: list[str] = []

    def build(w: patterns.Lexicon) -> str:
        built.append("x")
        return rf"(?:{w.outlet_suffixes})$"

    pattern = lazy(build)
    assert built == []
    assert pattern.search("中国质量报") and pattern.search("新华社") and not pattern.search("市场监管局")
    assert built == ["x"]


def test_a_broken_lexicon_is_one_line_naming_file_and_line_not_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    broken = _lexicon_copy(tmp_path, "  - 国家统计局\n", "  - [国家统计局\n")
    page = tmp_path / "page.txt"
    page.write_text("市场监管总局召开检验检测工作会议\n会议在北京召开，部署全年工作。\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; import scrapers.core.patterns as p; "
        f"p.load_lexicon.__wrapped__.__defaults__ = (Path({str(broken)!r}),); "
        "from scrapers.__main__ import main; sys.exit(main(['normalise', sys.argv[1]]))"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, cwd=root, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {broken}:") and "not valid YAML" in done.stderr
