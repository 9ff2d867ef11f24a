"""scrapers.enrich.outlets: outlets by their sites, and the data file's errors with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrapers.core.datafiles import DataFileError
from scrapers.enrich.outlets import (
    OUTLETS,
    document_issuers,
    glossed_endings,
    is_label,
    is_outlet_shaped,
    issuer_of_number,
    mirrored_paths,
    name_shapes,
    outlet_hosts,
    outlet_of_url,
    restore_glossed,
)


def test_an_outlet_site_publishes_what_names_no_other_outlet():
    assert outlet_of_url("https://www.cqn.com.cn/zgzlb/content/2024-06/17/c.htm") == "中国质量报"
    assert outlet_of_url("http://www.cqn.com.cn/zj/content/2024-06/17/c.htm") == "中国质量新闻网"
    assert outlet_of_url("https://mirror.example.com/news/zgzlb.htm") == ""
    # a provincial paper's own pages, and its portal's
    assert outlet_of_url("http://zjrb.zjol.com.cn/html/2008-03/29/content_1.htm") == "浙江日报"
    assert outlet_of_url("http://news.zjol.com.cn/system/2024/05/20/1.shtml") == "浙江在线"
    # a paper's e-edition under its portal's host, and a regulator's own site
    assert outlet_of_url("http://dzb.cinn.cn/shtml/zggyb/20190502/1.shtml") == "中国工业报"
    assert outlet_of_url("https://scjg.tj.gov.cn/a/202303/t20230327_1.html") == "天津市市场监督管理委员会"


def test_a_broken_outlet_list_names_file_and_line(tmp_path: Path) -> None:
    target = tmp_path / "outlets.yaml"
    target.write_text(OUTLETS.read_text(encoding="utf-8").replace("  gmw.cn: 光明网\n", "  gmw.cn:\n"), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(target))}:{_line_number(target, 'gmw.cn:')}: hosts: gmw.cn: "):
        outlet_hosts.__wrapped__(target)


def test_broken_shapes_name_file_and_line(tmp_path: Path) -> None:
    target = tmp_path / "outlets.yaml"
    text = OUTLETS.read_text(encoding="utf-8")
    target.write_text(text.replace("surnames: [王, 李,", "surnames: [王, 李李李,"), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(target))}:\d+: surnames: item 2 must be one or two characters"):
        name_shapes.__wrapped__(target)
    target.write_text(text.replace("  media: [", "  media_: ["), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(target))}:\d+: shapes/media must be a list"):
        name_shapes.__wrapped__(target)


def test_names_no_list_knows_are_read_by_how_they_end():
    assert is_outlet_shaped("某某晚报") and is_outlet_shaped("某某新闻网") and is_outlet_shaped("某某县市场监督管理局")
    assert is_outlet_shaped("某某日报", media_only=True) and not is_outlet_shaped("某某县市场监督管理局", media_only=True)
    assert not is_outlet_shaped("宣传海报")  # a word that only ends like a paper
    assert is_label("产品") and not is_label("某某日报")


def _line_number(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_document_numbers_prefix_names_its_national_issuer(tmp_path: Path) -> None:
    assert issuer_of_number("国质检科〔2017〕9号") == "国家质检总局"
    assert issuer_of_number("国市监检测发〔2024〕12号") == "国家市场监督管理总局"
    assert issuer_of_number("陕市监发〔2023〕441号") == ""  # a province's own number
    assert issuer_of_number("根据国质检科〔2017〕9号文件要求，开展检查。") == ""  # cited in a sentence
    target = tmp_path / "outlets.yaml"
    target.write_text(OUTLETS.read_text(encoding="utf-8").replace("  国质检: 国家质检总局\n", "  国质检:\n"), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(target))}:{_line_number(target, '国质检:')}: document_issuers: "):
        document_issuers.__wrapped__(target)


def test_an_outlets_garbled_last_character_is_put_back_by_its_gloss(tmp_path: Path) -> None:
    # a glossed page whose 報 a bad decode garbled: the normaliser marks the run, the gloss survives
    line = "某某日【疑似乱码：？qǐng)】【疑似乱码：？bào)】讯（记者张三）某日，会议召开。"
    assert restore_glossed(line) == "某某日报讯（记者张三）某日，会议召开。"
    kept = "检测【疑似乱码：？jī)】仪器"  # a gloss no outlet's name ends with: the mark stays
    assert restore_glossed(kept) == kept
    target = tmp_path / "outlets.yaml"
    target.write_text(OUTLETS.read_text(encoding="utf-8").replace("  bào: 报\n", "  bào: 报纸\n"), encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(target))}:{_line_number(target, 'bào:')}: glossed_endings: "):
        glossed_endings.__wrapped__(target)


def test_a_mirror_keeping_an_outlets_path_names_the_outlet(tmp_path: Path) -> None:
    # a mirror copies the paper's page with its folders: the paper is the source ...
    assert outlet_of_url("http://mirror.example.cn/zgzlb/content/2022-06/13/content_1.htm") == "中国质量报"
    assert outlet_of_url("https://copy.example.com/www/zgzlb/content/2021-05/26/content_2.htm") == "中国质量报"
    assert outlet_of_url("https://copy.example.com/01gmrb/2007-09/06/content_3.htm") == "光明日报"
    # ... but the mirror is no outlet's own site (its URL's day is the mirror's stamp)
    assert outlet_of_url("http://mirror.example.cn/zgzlb/content/2022-06/13/content_1.htm", mirrors=False) == ""
    assert outlet_of_url("https://www.cqn.com.cn/zgzlb/content/2024-06/17/c.htm", mirrors=False) == "中国质量报"
    target = tmp_path / "outlets.yaml"
    target.write_text(
        OUTLETS.read_text(encoding="utf-8").replace("  01gmrb/: 光明日报\n", "  /01gmrb: 光明日报\n"), encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=rf"^{re.escape(str(target))}:{_line_number(target, '/01gmrb:')}: mirrored_paths: "):
        mirrored_paths.__wrapped__(target)
