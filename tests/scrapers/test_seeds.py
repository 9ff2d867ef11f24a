"""The normaliser on the five seed pages the project started from (copied into tests/fixtures)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from scrapers.assemble import build_article
from scrapers.core.article import join_flags, problems
from scrapers.normalise.pinyin import find_pinyin
from scrapers.normalise.script import traditional_chars

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
TODAY = date(2026, 11, 23)

# file stem prefix → expected fields. Review notes: what an editor must be told.
EXPECTED = {
    "000": dict(title="杭州市检验检测认证促进会正式成立", date="2023-01-18", category="协会动态",
                region="浙江省", city="杭州市", source="杭州市检验检测认证促进会", review=()),
    "001": dict(title=None, date="2024-06-07", category="世界认可日", region="湖北省", city="武汉市",
                source="荆楚网", authors=("朱婷", "孙利雄"), review=("标题", "年份", "乱码")),
    "002": dict(title="2019全国检验检测机构开放日活动正式启动", date="2019-09-06", category="开放日",
                region="全国", city="长沙市", source="", review=("来源",)),
    "003": dict(title=None, date="2024-07-29", category="联盟合作", region="辽宁省", city="沈阳市",
                source="中国消费者报", authors=("王文郁",), review=("标题", "年份")),
    "004": dict(title="京津冀晋蒙5地签署检验检测认证区域合作备忘录", date="2025-04-30", category="联盟合作",
                region="河北省", city="", source="", review=("日期", "来源", "乱码")),
}

BOILERPLATE = [
    "分享到", "会员注册", "会员登陆", "找回密码", "Copyright", "版权", "营业执照", "通知公告", "最新动态",
    "会员活动", "【上海】", "官方微信", "官方微博", "2024-04-08", "2025-04-30", "当前的位置", "首页",
    "征订通知", "点击查看", "浏览", "发布时间", "http://", "www.",
]


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def case(request):
    prefix = request.param
    return prefix, build_article(seed(prefix), today=TODAY), EXPECTED[prefix]


def test_metadata(case):
    _, article, want = case
    if want["title"]:
        assert article.title == want["title"]
    else:
        assert article.title and len(article.title) <= 40
    assert article.date == want["date"]
    assert article.category == want["category"]
    assert article.region == want["region"]
    assert article.city == want["city"]
    assert article.source == want["source"]
    if "authors" in want:
        assert article.authors == want["authors"]
    assert problems(article, today=TODAY) == []


def test_review_flags_say_what_to_check(case):
    _, article, want = case
    for word in want["review"]:
        assert word in join_flags(article.review)
    if not want["review"]:
        assert article.review == ()


def test_text_is_clean(case):
    _, article, _ = case
    assert find_pinyin(article.body) == []
    assert traditional_chars(article.body) == []
    for junk in BOILERPLATE:
        assert junk not in article.body, junk
    assert not re.search(r"\((?:[a-z\u00e0-\u01dc]{1,6})\s?\)", re.sub(r"【疑似乱码：[^】]*】", "", article.body))


def test_body_appears_once(case):
    _, article, _ = case
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs))
    assert article.title not in paragraphs
    assert len(paragraphs) >= 4


def test_repeated_body_kept_once():
    article = build_article(seed("004"), today=TODAY)
    assert article.body.count("京津冀晋蒙检验检测认证区域合作联席会议在河北省召开") == 1
    assert article.body.count("常态化实施“双随机、一公开”联合监管") == 1


def test_output_is_deterministic_and_idempotent():
    from scrapers.assemble import renormalise

    for prefix in EXPECTED:
        a = build_article(seed(prefix), today=TODAY)
        assert build_article(seed(prefix), today=TODAY).render() == a.render()
        assert renormalise(a).render() == a.render()
