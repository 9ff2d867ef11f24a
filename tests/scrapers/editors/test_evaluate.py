"""The evaluation command, and the dev-corpus figures it must keep (read from ../shared)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from scrapers.editors.evaluate import SPLITS, evaluate, split_entries, split_of

ROOT = Path(__file__).resolve().parents[3]
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "manifest.json"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
TODAY = date(2026, 11, 23)

#: Floors per split of the dev corpus (issue 13), as passed/total: the figures measured
#: after the held-out work (65 items; raised after issue 13's rounds 6-8). A figure may rise; it may not fall below its fraction.
FLOORS = {
    "tune": {
        "category": (43, 43),
        "date": (16, 16),
        "region": (43, 43),
        "city": (25, 25),
        "title": (19, 20),
        "source": (21, 22),
        "author": (12, 13),
        "junk dropped": (43, 43),
        "body kept": (1, 1),
        "no pinyin": (1, 1),
        "no traditional": (1, 1),
        "duplicates collapsed": (1, 1),
        "no extra articles": (1, 1),
        "merge precision": (1, 1),
        "merge recall": (1, 1),
    },
    "check": {
        "category": (22, 22),
        "date": (12, 12),
        "region": (20, 20),
        "city": (11, 11),
        "title": (10, 10),
        "source": (9, 9),
        "author": (6, 6),
        "junk dropped": (22, 22),
        "body kept": (1, 1),
        "no pinyin": (1, 1),
        "no traditional": (1, 1),
        "duplicates collapsed": (1, 1),
        "no extra articles": (1, 1),
        "merge precision": (1, 1),
        "merge recall": (1, 1),
    },
}


def test_evaluate_scores_a_small_labelled_set(tmp_path):
    for name in ("000_98381b4f9e5f53a2.txt", "004_d884426c5ba139bc.txt"):
        shutil.copy(SEEDS / name, tmp_path / name)
    shutil.copy(SEEDS / "004_d884426c5ba139bc.txt", tmp_path / "copy.txt")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        json.dumps(
            [
                {
                    "file": "000_98381b4f9e5f53a2.txt",
                    "url": "https://a.example.cn/1.html",
                    "category": "associations",
                    "title": "杭州市检验检测认证促进会正式成立",
                    "date": "2023-01-18",
                    "region": "浙江省",
                    "city": "杭州市",
                    "source": "中国计量网",
                    "junk_lines": ["會員注冊"],
                    "keep_lines": ["175家會員單位參加了大會"],
                },
                {
                    "file": "004_d884426c5ba139bc.txt",
                    "url": "https://b.example.cn/2.html",
                    "category": "alliances",
                    "region": "北京市",
                    "dup_group": "g",
                    "junk_lines": [],
                    "keep_lines": [],
                },
                {"file": "copy.txt", "url": "https://c.example.cn/3.html", "category": "alliances", "dup_group": "g"},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    report = evaluate(manifest, TODAY)
    assert report.passed["title"] == 1 and report.passed["junk dropped"] == 3
    assert report.passed["region"] == 1 and report.total["region"] == 2  # 004 is 河北省, not 北京市
    assert any("004_d884426c5ba139bc.txt: region" in f for f in report.failures)
    assert report.passed["duplicates collapsed"] == 1 and report.passed["no extra articles"] == 1


def test_reports_of_one_event_are_scored_as_related_pairs(tmp_path):
    texts = {
        "a.txt": "浙江省召开检验检测机构监管工作会议\n发布时间：2024-05-20\n"
        "5月20日，浙江省市场监管局在杭州召开全省检验检测机构监管工作会议，总结去年工作，部署今年重点任务。"
        "会议通报了去年检验检测机构监督抽查结果，对发现问题的机构依法作出处理。\n",
        "b.txt": "浙江省检验检测机构监管工作会议在杭州召开\n2024-05-21 来源：某某日报\n"
        "本报讯 浙江省检验检测机构监管工作会议5月20日在杭州召开。记者在会上了解到，去年全省抽查检验检测机构八百余家，"
        "对三十余家机构立案查处。省市场监管局有关负责人表示，今年将聚焦机动车检验等重点领域开展专项整治。\n",
        "c.txt": "浙江省举办计量技术比武\n发布时间：2024-05-21\n"
        "5月21日，浙江省计量技术比武在宁波举办，来自全省的六十名选手参加了电能表检定等项目的比拼。\n",
    }
    entries = []
    for n, (name, text) in enumerate(texts.items()):
        (tmp_path / name).write_text(text, encoding="utf-8")
        entry = {"file": name, "url": f"https://{name[0]}.example.cn/{n}.html", "category": "industry"}
        entries.append({**entry, "event_group": "meeting"} if name != "c.txt" else entry)
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    report = evaluate(manifest, TODAY)
    assert (report.passed["related precision"], report.total["related precision"]) == (1, 1)
    assert (report.passed["related recall"], report.total["related recall"]) == (1, 1)


def test_split_is_fixed_by_the_file_name_and_keeps_groups_whole():
    entries = [{"file": f"{n:03d}.txt"} for n in range(200)]
    entries += [{"file": "g1.txt", "dup_group": "g"}, {"file": "g2.txt", "dup_group": "g"}, {"file": "g3.txt", "dup_group": "g"}]
    tune, check = split_entries(entries, "tune"), split_entries(entries, "check")
    assert len(tune) + len(check) == len(entries)
    assert 0.6 < len(tune) / len(entries) < 0.8  # about 70/30
    assert split_entries(list(reversed(entries)), "tune") == list(reversed(tune))  # order does not matter
    assert split_of({"file": "dir/005.txt"}) == split_of({"file": "005.txt"})  # only the name counts
    grouped = {e["file"] for e in entries if e.get("dup_group")}
    assert grouped <= {e["file"] for e in tune} or grouped <= {e["file"] for e in check}
    with pytest.raises(ValueError, match="unknown split"):
        split_entries(entries, "train")


@pytest.mark.skipif(not DEV.exists(), reason=f"dev corpus not found at {DEV} (it lives in ../shared beside the checkout)")
@pytest.mark.parametrize("split", SPLITS)
def test_dev_corpus_figures_do_not_fall(split):
    report = evaluate(DEV, TODAY, split)
    low = {
        name: f"{report.passed[name]}/{report.total[name]} < {p}/{t}"
        for name, (p, t) in FLOORS[split].items()
        if report.ratio(name) < p / t
    }
    assert not low, f"{split} split below the floor: {low}"


def test_a_short_junk_label_is_looked_for_as_a_whole_line():
    """A lone bar or a quotation mark occurs in any text: it is left in only if a line is just it."""
    from scrapers.editors.evaluate import _left_in

    body = "他说“开放日”很有意义。\n价格 | 数量"
    lines = {"他说“开放日”很有意义。", "价格|数量"}
    assert not _left_in("|", body, lines) and not _left_in("“", body, lines)
    assert _left_in("|", body, lines | {"|"})
    assert _left_in("开放日", body, lines)  # three characters or more: anywhere in the text
    assert not _left_in("", body, lines)
