"""The normaliser on the project's own noise fixtures (tests/fixtures/noise): unseen pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import markdown

from scrapers.assemble import build_article, renormalise
from scrapers.core.article import join_flags
from scrapers.editors.evaluate import evaluate

NOISE = Path(__file__).resolve().parents[1] / "fixtures" / "noise"
TODAY = date(2026, 11, 23)


def page(name: str) -> str:
    return (NOISE / name).read_text(encoding="utf-8")


def test_every_labelled_check_passes():
    report = evaluate(NOISE / "manifest.json", TODAY)
    assert report.score == 1.0, "\n".join(report.failures)


def test_garbled_run_is_marked_and_flagged():
    article = build_article(page("n05.txt"), today=TODAY)
    assert "【疑似乱码：" in article.body and "乱码" in join_flags(article.review)


def test_markup_in_the_source_is_shown_as_text():
    html = markdown.markdown(build_article(page("n07.txt"), today=TODAY).body)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html and "javascript:alert(1)" in html


def test_guessed_and_missing_facts_are_flagged():
    n03 = build_article(page("n03.txt"), today=TODAY)
    assert n03.date == "2023-09-12" and "2023" in join_flags(n03.review) and "标题" in join_flags(n03.review)
    n10 = build_article(page("n10.txt"), today=TODAY)
    # a bare 9月15日 and no year anywhere: the import date, flagged, never a year guessed from today
    assert n10.date == TODAY.isoformat() and all(w in join_flags(n10.review) for w in ("9月15日", "年份", "来源"))


def test_idempotent_on_every_fixture():
    for path in sorted(NOISE.glob("n*.txt")):
        article = build_article(path.read_text(encoding="utf-8"), "https://example.cn/x.html", TODAY)
        assert renormalise(article).render() == article.render(), path.name


def test_registry_hints_fill_only_what_the_page_leaves_open():
    from scrapers.assemble import Hints

    hints = Hints(outlet="某某日报", region="浙江省")
    n10 = build_article(page("n10.txt"), today=TODAY, hints=hints)
    assert n10.source == "某某日报" and "来源" not in join_flags(n10.review)
    assert n10.region == "浙江省"  # the text named 义乌市 anyway
    n01 = build_article(page("n01.txt"), today=TODAY, hints=Hints(outlet="某某日报", region="广东省"))
    assert n01.source == "宁波市检验检测协会" and n01.region == "浙江省"  # the page wins
    blank = build_article(
        "记者今天了解到，检验检测统计制度继续执行，统计结果显示行业规模逐年扩大，机构数量增加。", today=TODAY, hints=hints
    )
    assert blank.region == "浙江省"


def test_a_body_named_relative_to_its_place_gets_its_full_name():
    from scrapers.assemble import Hints

    raw = (
        "省市场监管局召开全省计量工作会议\n发布日期：2024-06-03 信息来源：省市场监管局\n"
        "6月3日，省市场监管局在杭州召开全省计量工作会议，部署下一阶段重点任务，各设区市市场监管局负责同志参加。\n"
    )
    assert build_article(raw, today=TODAY).source == "浙江省市场监管局"
    hinted = build_article(raw, today=TODAY, hints=Hints(outlet="浙江省市场监督管理局"))
    assert hinted.source == "浙江省市场监督管理局"


def test_the_page_names_another_body_and_keeps_it_over_the_registry_outlet():
    """信息来源：省发改委 on the market regulator's site is the provincial NDRC, not the site's owner."""
    from scrapers.assemble import Hints

    raw = (
        "关于组织开展检验检测服务业统计工作的通知\n发布日期：2024-07-01 信息来源：省发改委\n"
        "各设区市发展改革委：为做好全省检验检测服务业统计工作，现将有关事项通知如下，请认真组织实施。\n"
    )
    hinted = build_article(raw, today=TODAY, hints=Hints(outlet="浙江省市场监督管理局", region="浙江省"))
    assert hinted.source == "浙江省发改委"
