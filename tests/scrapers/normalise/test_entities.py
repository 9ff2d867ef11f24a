from pathlib import Path

import pytest

from scrapers.core.datafiles import DataFileError
from scrapers.normalise.entities import load_letters, restore_entities
from scrapers.normalise.pipeline import clean_text


def test_a_mis_decoded_entity_becomes_the_punctuation_it_stands_for():
    text = "局长强调&濒诲辩耻辞;检测为民&谤诲辩耻辞;，活动为期三天&尘诲补蝉丑;&尘诲补蝉丑;自5月20日起。"
    assert restore_entities(text) == "局长强调“检测为民”，活动为期三天——自5月20日起。"


def test_plain_entities_left_in_the_text_are_restored_too():
    assert restore_entities("某某R&amp;D中心&lsquo;开放&rsquo;") == "某某R&D中心‘开放’"


def test_a_no_break_space_entity_becomes_a_space():
    assert restore_entities("时间：&苍产蝉辫;2024年") == "时间： 2024年"


def test_a_run_that_names_no_entity_or_has_other_characters_stays():
    for text in ["&好的;", "&蝉补测;", "A&B;", "&濒诲辩耻辞"]:
        assert restore_entities(text) == text


def test_the_pipeline_restores_them_before_the_rest_of_cleaning():
    assert clean_text("他说：&濒诲辩耻辞;質量第一&谤诲辩耻辞;") == "他说：“质量第一”"


def test_every_letter_has_one_character_in_the_table():
    table = load_letters()
    assert sorted(table.values()) == [chr(c) for c in range(ord("a"), ord("z") + 1)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("  濒: 12\n", "must be one ASCII letter"),
        ('  ab: "l"\n', "must be one Chinese character"),
        ('  濒: "l"\n  诲: "l"\n', "given for both"),
    ],
)
def test_a_bad_table_entry_is_reported_with_its_line(tmp_path: Path, body: str, message: str):
    path = tmp_path / "junk.yaml"
    path.write_text("entity_letters:\n" + body, encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"junk.yaml:\d+: .*{message}"):
        load_letters(path)


def test_each_character_in_the_table_is_its_letter_as_a_gbk_trail_byte():
    """The mechanism the table records: the letter arrived as the trail byte of a GBK character
    (瀕 is 9E 6C, 6C being "l") that was then converted to Simplified (濒). Checking it keeps a
    typo out of the table (产's Traditional form here is 産, AE 62)."""
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    for char, letter in load_letters().items():
        forms = {to_traditional.convert(char), "産" if char == "产" else char}
        assert any(f.encode("gbk")[1:] == letter.encode() for f in forms), (char, letter)
