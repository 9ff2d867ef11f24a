"""scrapers.enrich.document: 文号, issuer, dates, attachments and Replaces from a notice's own words."""

from __future__ import annotations

import pytest

from scrapers.core.docnumber import doc_numbers, normalise_doc_number, spellings
from scrapers.enrich.document import extract, issuer_from_title, notice_date, signature


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("国认实〔2024〕12号", ["国认实〔2024〕12号"]),
        ("市监认证发〔2023〕5号", ["市监认证发〔2023〕5号"]),
        ("国认实[2019]5号", ["国认实〔2019〕5号"]),
        ("国认实（2019）5号", ["国认实〔2019〕5号"]),
        ("国认实(2019)05号", ["国认实〔2019〕5号"]),
        ("浙市监认〔 2022 〕 7 号", ["浙市监认〔2022〕7号"]),
        ("根据国认实【2020】3号文件要求", ["国认实〔2020〕3号"]),
        ("按照市监认证发〔2023〕5号和国认实〔2024〕12号的要求", ["市监认证发〔2023〕5号", "国认实〔2024〕12号"]),
        ("国家市场监督管理总局令第63号", ["国家市场监督管理总局令第63号"]),
        ("依据第63号令的规定", ["第63号令"]),
        ("市场监管总局公告2019年第12号", ["市场监管总局公告2019年第12号"]),
        ("2021年第3号公告", ["2021年第3号公告"]),
        ("本次共有12家机构参加，2024年第一季度", []),
    ],
)
def test_doc_numbers(text: str, expected: list[str]) -> None:
    assert doc_numbers(text) == expected


def test_spellings_cover_the_common_brackets() -> None:
    forms = spellings("国认实〔2024〕12号")
    assert forms[0] == "国认实〔2024〕12号"
    assert {"国认实[2024]12号", "国认实(2024)12号", "国认实（2024）12号", "国认实【2024】12号"} <= set(forms)
    assert all(normalise_doc_number(f) == forms[0] for f in forms)
    assert spellings("第63号令") == ("第63号令",)


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("国家认监委关于开展2024年检验检测机构能力验证工作的通知", "国家认监委"),
        ("市场监管总局 国家认监委关于进一步规范认证活动的公告", "市场监管总局、国家认监委"),
        ("浙江省市场监督管理局办公室关于做好资质认定工作的通知", "浙江省市场监督管理局办公室"),
        ("关于开展2024年检验检测机构能力验证工作的通知", ""),
        ("我市举行世界认可日宣传活动", ""),
    ],
)
def test_issuer_from_title(title: str, issuer: str) -> None:
    assert issuer_from_title(title) == issuer


def test_dates_in_both_numeral_forms() -> None:
    assert notice_date("2024年3月1日") == "2024-03-01"
    assert notice_date("二〇二四年三月十二日") == "2024-03-12"
    assert notice_date("二〇二三年十二月三十一日") == "2023-12-31"
    assert notice_date("2024年2月30日") == ""


def test_signature_is_the_body_over_the_date_at_the_end() -> None:
    body = ["各有关单位：", "现将有关事项通知如下。", "杭州市市场监督管理局", "2024年3月1日"]
    assert signature(body) == ("杭州市市场监督管理局", "2024-03-01")
    assert signature(["通知如下。", "市场监管总局　国家认监委", "2024年3月1日"]) == ("市场监管总局、国家认监委", "2024-03-01")
    assert signature(["本次活动于2024年3月1日举行，共有三十多家机构参加，现场气氛热烈，收获良多。"]) == ("", "")


def test_a_whole_notice() -> None:
    title = "市场监管总局 国家认监委关于印发《检验检测机构能力验证管理办法》的通知"
    body = [
        "国市监认证〔2024〕12号",
        "各省、自治区、直辖市市场监管局：",
        "现将《检验检测机构能力验证管理办法》印发给你们，请认真贯彻执行。",
        "本办法自2024年5月1日起施行，《关于加强能力验证工作的通知》（国认实[2019]5号）同时废止。",
        "附件：1.能力验证计划表",
        "2.报名表",
        "市场监管总局　国家认监委",
        "2024年3月1日",
    ]
    found = extract(title, body)
    assert found.doc_number == "国市监认证〔2024〕12号"
    assert found.issuer == "市场监管总局、国家认监委"
    assert found.issued == "2024-03-01"
    assert found.effective == "2024-05-01"
    assert found.attachments == ("能力验证计划表", "报名表")
    assert found.replaces == "国认实〔2019〕5号"


def test_effective_from_the_issue_day_and_linked_attachments() -> None:
    body = [
        "本通知自印发之日起施行。",
        "附件：",
        "- [申请表（样表）](https://example.org/a.docx)（Word，20 KB）",
        "某某市市场监督管理局",
        "二〇二四年三月十二日",
    ]
    found = extract("某某市市场监督管理局关于调整收费标准的通知", body)
    assert (found.issued, found.effective) == ("2024-03-12", "2024-03-12")
    assert found.attachments == ("申请表（样表）",)
    assert found.doc_number == "" and found.replaces == ""


def test_a_report_says_nothing() -> None:
    found = extract("我市举办计量开放日活动", ["6月9日，我市举办计量开放日活动，市民踊跃参加。"])
    assert (found.doc_number, found.issuer, found.issued, found.effective) == ("", "", "", "")
