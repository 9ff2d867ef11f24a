from scrapers.normalise.mojibake import find_mojibake, repair_mojibake
from scrapers.normalise.pipeline import clean_text, marked_runs


def test_detects_shifted_gbk_runs():
    assert find_mojibake("華北五?。ㄊ?、自治區)")
    assert find_mojibake("嚴謹?shù)墓ぷ鲬B(tài)度")
    assert find_mojibake("通報表?yè)P(yáng)")


def test_ordinary_text_is_not_flagged():
    for text in ["为什么？他说", "Copyright ? 2001-2025", "检验检测机构(CNAS)认可", "X光检查"]:
        assert find_mojibake(text) == [], text


def test_repairs_a_character_from_its_trail_byte_and_annotation():
    # 膽 is C4 91; 91 42 ("B") is 態, whose reading tài the page kept.
    assert "態度" in repair_mojibake("嚴謹?shù)膽B(tài)度")


def test_unrepairable_runs_are_marked_once():
    text = clean_text("签订《华北五?。ㄊ?、自治區)合作备忘录》")
    assert len(marked_runs(text)) == 1
    assert clean_text(text) == text
