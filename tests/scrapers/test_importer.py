import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from scrapers.__main__ import main
from scrapers.importer import InputError, Item, import_items, load_manifest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
TODAY = date(2026, 11, 23)


def seeds() -> list[Item]:
    return [Item(p) for p in sorted(SEEDS.glob("*.txt"))]


def test_import_then_rerun_is_idempotent(tmp_path):
    first = import_items(seeds(), tmp_path, TODAY)
    assert [o.status for o in first] == ["new"] * 5
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
    manifest.write_text(
        json.dumps(
            [{"file": "a.txt", "url": "https://a.example.cn/1.html"}, {"file": "b.txt", "url": "https://b.example.cn/2.html"}]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    outcomes = import_items(load_manifest(manifest), out, TODAY)
    assert sorted(o.status for o in outcomes) == ["duplicate", "new"]
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
    assert outcome.status == "new"
    (article,) = (tmp_path / "out").glob("*.md")
    assert "杭州市检验检测认证促进会正式成立" in article.read_text(encoding="utf-8")


def test_cli_import_and_normalise(tmp_path, capsys):
    seed = str(next(SEEDS.glob("000_*.txt")))
    assert main(["import", seed, "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{seed}: new" in out and "summary: 1 new" in out
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
    proc = subprocess.run(
        [sys.executable, "-m", "scrapers", "normalise", seed],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Title: 2019全国检验检测机构开放日活动正式启动\n")
    missing = subprocess.run(
        [sys.executable, "-m", "scrapers", "normalise", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert missing.returncode == 2 and "nope.txt: cannot read" in missing.stderr


# --- refusals, URLs and --out errors ---------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t\n", "\u3000\u200b\x0c\n\x00"])
def test_an_empty_page_is_refused_with_a_reason(tmp_path, capsys, text):
    page = tmp_path / "empty.txt"
    page.write_text(text, encoding="utf-8")
    (outcome,) = import_items([Item(page)], tmp_path / "out", TODAY)
    assert outcome.line() == f"{page}: rejected: empty page (no text at all)"
    assert main(["normalise", str(page)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == f"{page}: rejected: empty page (no text at all)\n"


def test_a_page_of_chrome_only_is_refused_by_normalise_too(tmp_path, capsys):
    page = tmp_path / "chrome.txt"
    page.write_text("首页\n版权所有\n", encoding="utf-8")
    assert main(["normalise", str(page)]) == 1
    assert capsys.readouterr().err == f"{page}: rejected: no article text found (only page chrome)\n"


def test_normalising_the_output_again_changes_nothing(tmp_path, capsys):
    seed = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("\x0c\u200d" + seed.replace("\n", "\u2029", 3) + "\n第一行\x0b第二行\x1c。\n", encoding="utf-8")
    assert main(["normalise", str(page), "--url", "https://example.cn/a.html"]) == 0
    first = capsys.readouterr().out
    again = tmp_path / "again.md"
    again.write_text(first, encoding="utf-8")
    assert main(["normalise", str(again)]) == 0
    assert capsys.readouterr().out == first


def test_only_http_urls_are_imported_and_userinfo_is_dropped(tmp_path):
    seeds_ = sorted(SEEDS.glob("*.txt"))
    items = [Item(seeds_[0], "javascript:alert(1)"), Item(seeds_[1], "https://user:secret@example.cn/1.html")]
    outcomes = import_items(items, tmp_path, TODAY)
    assert outcomes[0].line() == f"{seeds_[0]}: rejected: URL 'javascript:alert(1)' is not an http or https address"
    assert outcomes[1].status == "new"
    (written,) = tmp_path.glob("*.md")
    text = written.read_text(encoding="utf-8")
    assert "Source_URL: https://example.cn/1.html\n" in text and "secret" not in text


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scrapers", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def test_out_empty_is_refused_and_writes_nothing_here(tmp_path):
    seed = str(next(SEEDS.glob("000_*.txt")))
    proc = _cli("import", seed, "--out", "", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == "error: --out is empty: name a directory\n"
    assert list(tmp_path.iterdir()) == []


def test_out_that_is_a_file_is_a_one_line_error(tmp_path):
    seed = str(next(SEEDS.glob("000_*.txt")))
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    proc = _cli("import", seed, "--out", str(afile), cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"error: {afile}: not a directory\n")
    proc = _cli("fetch", "--sources", str(afile), "--out", str(afile), cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "Traceback" not in proc.stderr


def _mount_namespace() -> list[str] | None:
    """A command prefix that runs in a private mount namespace where ``mount`` works, or ``None``."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    for prefix in ([unshare, "-m"], [unshare, "-rm"]):
        probe = subprocess.run([*prefix, "sh", "-c", "mount -t tmpfs -o size=16k tmpfs /mnt"], capture_output=True, check=False)
        if probe.returncode == 0:
            return prefix
    return None


def _import_on_tmpfs(tmp_path: Path, options: str, full: bool = False) -> subprocess.CompletedProcess[str]:
    """``import`` of three seeds into an --out that is a tmpfs mounted with ``options`` (filled up: ``full``)."""
    prefix = _mount_namespace()
    if prefix is None:
        pytest.skip("cannot mount a tmpfs here (needs root or user namespaces)")
    out = tmp_path / "out"
    out.mkdir()
    seeds_ = [str(p) for p in sorted(SEEDS.glob("*.txt"))[:3]]
    fill = 'head -c 65536 /dev/zero > "$1/.filler" 2>/dev/null; ' if full else ""
    command = f'mount -t tmpfs -o {options} tmpfs "$1" && {fill}shift && exec "{sys.executable}" -m scrapers import "$@"'
    return subprocess.run(
        [*prefix, "sh", "-c", command, "sh", str(out), *seeds_, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_disk_full_gives_one_line_per_item_and_a_report(tmp_path):
    proc = _import_on_tmpfs(tmp_path, "size=8k", full=True)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 4 and lines[-1] == "summary: 3 failed"
    assert all(": failed: cannot write " in line and line.endswith(": No space left on device") for line in lines[:3])


def test_read_only_out_is_a_one_line_error(tmp_path):
    proc = _import_on_tmpfs(tmp_path, "ro")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"error: {tmp_path / 'out'}: cannot write: Read-only file system\n"


#: A saved press page, written for these tests: a punctuated headline, a dated info line, a
#: one-sentence lead, a related list with other dates, and a GBK charset in its <meta>.
HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="gbk">
<title>检测机构能力验证结果公布！哪些机构“满意”？_示例质量网</title>
<meta property="og:title" content="检测机构能力验证结果公布！哪些机构“满意”？"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/news/">新闻中心</a></div>
<h1>检测机构能力验证结果公布！哪些机构“满意”？</h1>
<div class="info">发布时间：2025-03-18 09:30　来源：示例日报</div>
<div class="content"><p>本次能力验证共有一百二十家检测机构参加。</p>
<p>组织方介绍，能力验证覆盖食品、建材和环境监测三个领域，结果分为满意、有问题和不满意三类，
对结果不满意的机构将在三个月内完成整改并接受复查。</p>
<p>参加机构普遍表示，能力验证帮助实验室发现了方法执行中的薄弱环节，下一步将加强人员培训。</p></div>
<ul class="list"><li><a href="/a.html">另一条新闻的标题在这里</a> 2025-03-20</li></ul>
</body></html>"""


def test_html_is_detected_by_content_and_extracted_like_a_fetched_page(tmp_path):
    page = tmp_path / "saved.txt"  # the name says text; the content says HTML
    page.write_bytes(HTML_PAGE.encode("gbk"))
    (outcome,) = import_items([Item(page, "https://quality.example.cn/news/1.html")], tmp_path / "out", TODAY)
    assert outcome.status == "new", outcome.line()
    (path,) = (tmp_path / "out").glob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "Title: 检测机构能力验证结果公布！哪些机构“满意”？\n" in text
    assert "Date: 2025-03-18 09:30\n" in text and "Source: 示例日报\n" in text
    assert "本次能力验证共有一百二十家检测机构参加。" in text  # a one-sentence lead stays
    assert "<" not in text.split("\n\n", 1)[1] and "首页" not in text and "另一条新闻" not in text


def test_cli_normalise_reads_html_and_text_keeps_its_path(tmp_path, capsys):
    page = tmp_path / "page.bin"
    page.write_text(HTML_PAGE.replace("gbk", "utf-8"), encoding="utf-8")
    assert main(["normalise", str(page), "--url", "https://quality.example.cn/news/1.html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Title: 检测机构能力验证结果公布！哪些机构“满意”？\n") and "<p>" not in out
    text = tmp_path / "page.txt"
    lines = ["某协会举办检验检测<p>技术交流会", "2024-02-02", "某协会举办检验检测技术交流会，来自多家机构的技术人员参加了交流。"]
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["normalise", str(text)]) == 0
    assert "技术人员参加了交流" in capsys.readouterr().out


def test_a_flag_holding_a_semicolon_counts_once_in_the_choice_of_copy():
    from dataclasses import replace

    from scrapers.core.article import parse
    from scrapers.importer import quality

    from .core.test_article import GOOD

    one_flag = replace(parse(GOOD), review=("疑似乱码未能修复（已在正文中标出）：「鍙戝竷；鏃堕棿；鍙戝」",))
    two_flags = replace(parse(GOOD), review=("页面未显示标题，标题由导语生成，请改写", "未能确定来源，请补充来源"))
    assert quality(one_flag) > quality(two_flags)


def test_a_copy_of_an_article_filed_in_a_sub_folder_becomes_its_mirror(tmp_path: Path) -> None:
    """The importer sees the articles the check sees (sub-folders too): no twin beside the folder."""
    from dataclasses import replace

    from scrapers.core.article import parse
    from scrapers.core.results import Status
    from scrapers.importer import store_batch

    from .core.test_article import GOOD

    out = tmp_path / "articles"
    (out / "2023").mkdir(parents=True)
    body = "\n\n".join(
        f"第{n}段：杭州市检验检测认证促进会召开第{n}次理事会，审议会员发展、标准宣贯与开放日活动的安排。" for n in range(1, 7)
    )
    first = replace(parse(GOOD), source_url="https://news.example.cn/a/1.html", body=body)
    store_batch([first], out / "2023")
    copy = replace(first, slug="2023-01-18-0badcafe", source_url="https://mirror.example.cn/b/2.html")
    (result,) = store_batch([copy], out)
    assert result.status is Status.DUPLICATE
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md")) == [f"2023/{first.slug}.md"]
    kept = parse((out / "2023" / f"{first.slug}.md").read_text(encoding="utf-8"))
    assert kept.mirrors == ("https://mirror.example.cn/b/2.html",)


ONE_MEETING = (
    "某某省召开检验检测机构监管工作会议\n发布时间：2024-05-20\n"
    "5月20日，某某省市场监管局在杭州召开全省检验检测机构监管工作会议，总结去年工作，部署今年重点任务。"
    "会议通报了去年检验检测机构监督抽查结果，对发现问题的机构依法作出处理。"
    "会议要求，各地要加强事中事后监管，严厉打击出具虚假报告等违法行为，推动行业高质量发展。\n"
)
ANOTHER_REPORT = (
    "浙江省检验检测机构监管工作会议在杭州召开\n2024-05-21 来源：某某日报\n"
    "本报讯 浙江省检验检测机构监管工作会议5月20日在杭州召开。记者在会上了解到，去年全省抽查检验检测机构八百余家，"
    "对三十余家机构立案查处。省市场监管局有关负责人表示，今年将聚焦机动车检验、环境监测等重点领域，"
    "开展专项整治，并探索信用分级分类监管。\n"
)
OTHER_NEWS = (
    "浙江省举办计量技术比武\n发布时间：2024-05-21\n"
    "5月21日，浙江省计量技术比武在宁波举办，来自全省的六十名选手参加了电能表检定等项目的比拼。\n"
)


def test_two_reports_of_one_meeting_stay_apart_and_the_later_links_the_first(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ONE_MEETING.replace("某某省", "浙江省"), encoding="utf-8")
    out = tmp_path / "out"
    assert [r.status for r in import_items([Item(src / "a.txt", "https://a.example.cn/1.html")], out, TODAY)] == ["new"]
    (first,) = out.glob("*.md")
    (src / "b.txt").write_text(ANOTHER_REPORT, encoding="utf-8")
    (src / "c.txt").write_text(OTHER_NEWS, encoding="utf-8")
    items = [Item(src / "b.txt", "https://b.example.cn/2.html"), Item(src / "c.txt", "https://c.example.cn/3.html")]
    assert [r.status for r in import_items(items, out, TODAY)] == ["new", "new"]
    texts = {p.stem: p.read_text(encoding="utf-8") for p in out.glob("*.md")}
    assert len(texts) == 3
    linked = [slug for slug, text in texts.items() if f"Related: {first.stem}" in text]
    assert len(linked) == 1 and "在杭州召开" in texts[linked[0]].split("\n", 1)[0]
    other = next(slug for slug in texts if slug not in (first.stem, linked[0]))
    assert "Related:" not in texts[other] and "Related:" not in texts[first.stem]


#: A release of our own, and a mirror's copy of it printed in Traditional script with a spinner's
#: word swaps (的→得) and a credit block the normaliser drops.
_ORIGINAL = [
    "10月30日，某市质量检测所举办纺织实验室开放日活动，为市民揭开了纺织品检测工作的神秘面纱。",
    "活动中，技术人员结合实际案例讲解了服装标签的识读方法，参观者现场观摩了纤维成分的检测。",
    "据了解，此次开放日活动是该所本年度面向社会开展的第三期开放活动，共吸引80余人参加。",
]
_CONVERTED = [
    "10月30日，某市質量檢測所舉辦紡織實驗室開放日活動，為市民揭開了紡織品檢測工作得神秘面紗。",
    "活動中，技術人員結合實際案例講解了服裝標簽得識讀方法，參觀者現場觀摩了纖維成分得檢測。",
    "據了解，此次開放日活動是該所本年度面向社會開展得第三期開放活動，共吸引80余人參加。",
    "【記者】王小明",
    "來源：某某日報",
]


def test_a_group_keeps_the_text_of_its_copy_printed_in_simplified_over_a_conversion(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("\n".join(_ORIGINAL) + "\n", encoding="utf-8")
    (src / "b.txt").write_text("\n".join(_CONVERTED) + "\n", encoding="utf-8")
    items = [Item(src / "a.txt", "https://a.example.cn/1.html"), Item(src / "b.txt", "https://b.example.cn/2.html")]
    outcomes = import_items(items, tmp_path / "out", TODAY)
    assert sorted(o.status for o in outcomes) == ["duplicate", "new"]
    (path,) = (tmp_path / "out").glob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "观摩了纤维成分的检测" in text and "得检测" not in text  # the original's wording
    assert "Source: 某某日报" in text  # the converted copy's attribution made it the keeper


def test_a_copy_longer_only_by_a_repeated_paragraph_does_not_replace_the_text():
    from dataclasses import replace

    from scrapers.core.article import parse
    from scrapers.importer import _fullest_text

    from .core.test_article import GOOD

    keeper = replace(parse(GOOD), body="\n\n".join(_ORIGINAL))
    reordered = "\n\n".join([_ORIGINAL[2], _ORIGINAL[1], _ORIGINAL[2], _ORIGINAL[0][:30]])
    assert _fullest_text(keeper, [replace(keeper, body=reordered)]).body == keeper.body
    fuller = keeper.body + "\n\n下一步，该所将继续开展开放活动，普及纺织品检测知识。"
    assert _fullest_text(keeper, [replace(keeper, body=fuller)]).body == fuller
