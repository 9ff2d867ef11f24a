import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from scrapers.__main__ import main
from scrapers.importer import InputError, Item, import_items, load_manifest

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
TODAY = date(2026, 11, 23)


def seeds() -> list[Item]:
    return [Item(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_import_then_rerun_is_idempotent(tmp_path):
    first = import_items(seeds(), tmp_path, TODAY)
    assert [o.status for o in first] == ["written"] * 5
    files = {p.name: p.read_bytes() for p in tmp_path.glob("*.md")}
    assert len(files) == 5
    again = import_items(seeds(), tmp_path, TODAY)
    assert [o.status for o in again] == ["unchanged"] * 5
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.md")} == files


def test_duplicates_collapse_with_mirrors(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    seed = next(SEEDS.glob("004_*.txt"))
    shutil.copy(seed, src / "a.txt")
    # the same release, republished in another script with other noise around it
    (src / "b.txt").write_text("首页 > 新闻\n" + seed.read_text(encoding="utf-8") + "\n版权所有 某某网", encoding="utf-8")
    manifest = src / "manifest.json"
    manifest.write_text(json.dumps([{"file": "a.txt", "url": "https://a.example.cn/1.html"},
                                    {"file": "b.txt", "url": "https://b.example.cn/2.html"}]), encoding="utf-8")
    out = tmp_path / "out"
    outcomes = import_items(load_manifest(manifest), out, TODAY)
    assert sorted(o.status for o in outcomes) == ["duplicate", "written"]
    (article,) = out.glob("*.md")
    text = article.read_text(encoding="utf-8")
    assert "Mirrors: https://" in text
    # a later mirror of an article already in content/ adds a mirror, not a file
    (src / "c.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    later = import_items([Item(src / "c.txt", "https://c.example.cn/3.html")], out, TODAY)
    assert later[0].status == "duplicate"
    assert len(list(out.glob("*.md"))) == 1
    assert "https://c.example.cn/3.html" in article.read_text(encoding="utf-8")


def test_bad_inputs_are_reported_by_name(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("首页\n版权所有\n", encoding="utf-8")
    outcomes = import_items([Item(empty), Item(tmp_path / "missing.txt")], tmp_path / "out", TODAY)
    assert outcomes[0].line().startswith(f"{empty}: rejected: no article text")
    assert "missing.txt: rejected: cannot read" in outcomes[1].line()
    bad = tmp_path / "m.json"
    bad.write_text('[{"file": "a.txt",}]', encoding="utf-8")
    with pytest.raises(InputError, match=r"m.json:1: not valid JSON"):
        load_manifest(bad)
    bad.write_text('[{"url": "x"}]', encoding="utf-8")
    with pytest.raises(InputError, match="entry 0 has no 'file'"):
        load_manifest(bad)


def test_gbk_input_is_decoded(tmp_path):
    seed = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    path = tmp_path / "gbk.txt"
    path.write_bytes(seed.encode("gb18030"))
    (outcome,) = import_items([Item(path)], tmp_path / "out", TODAY)
    assert outcome.status == "written"
    (article,) = (tmp_path / "out").glob("*.md")
    assert "杭州市检验检测认证促进会正式成立" in article.read_text(encoding="utf-8")


def test_cli_import_and_normalise(tmp_path, capsys):
    seed = str(next(SEEDS.glob("000_*.txt")))
    assert main(["import", seed, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{seed}: written" in out and "summary: 1 written" in out
    assert main(["normalise", seed, "--url", "https://example.cn/2023-01-18/a.html"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Title: 杭州市检验检测认证促进会正式成立\n")
    assert "Source_URL: https://example.cn/2023-01-18/a.html" in printed
    article = tmp_path / "again.md"
    article.write_text(printed, encoding="utf-8")
    assert main(["normalise", str(article)]) == 0
    assert capsys.readouterr().out == printed  # normalising the output changes nothing
    assert main(["import", "--out", str(tmp_path)]) == 2


def test_module_entry_point_runs(tmp_path):
    import subprocess
    import sys

    seed = str(next(SEEDS.glob("002_*.txt")))
    proc = subprocess.run([sys.executable, "-m", "scrapers", "normalise", seed], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Title: 2019全国检验检测机构开放日活动正式启动\n")
    missing = subprocess.run([sys.executable, "-m", "scrapers", "normalise", str(tmp_path / "nope.txt")],
                             capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2], check=False)
    assert missing.returncode == 2 and "nope.txt: cannot read" in missing.stderr
