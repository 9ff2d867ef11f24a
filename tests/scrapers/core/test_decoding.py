"""One decoder for fetched answers and imported files (scrapers/core/decoding.py)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from scrapers import importer
from scrapers.core.decoding import decode
from scrapers.fetch import client as fetch
from scrapers.importer import InputError, read_raw

TEXT = "市场监管总局发布检验检测机构监督管理办法，自2024年起施行。\n"
TRADITIONAL = "市場監管總局發佈檢驗檢測機構監督管理辦法，自2024年起施行。\n"


def test_the_fetcher_and_the_importer_share_one_decoder() -> None:
    assert fetch.decode is decode and importer.decode is decode


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("gbk"), TEXT),
        (TRADITIONAL.encode("big5"), TRADITIONAL),  # no declaration: the bytes decide
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("utf-16"), TEXT),  # with its BOM
    ],
)
def test_an_imported_text_file_reads_as_the_fetcher_reads_an_answer(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    assert read_raw(path) == expected
    assert decode(data)[0].lstrip("\ufeff") == expected


def test_a_page_declared_gb2312_but_written_in_gbk_reads_whole() -> None:
    body = f'<html><head><meta charset="gb2312"></head><body><p>{TEXT}镕</p></body></html>'.encode("gbk")
    text, name = decode(body)
    assert "镕" in text and name == "gb18030"


def test_bytes_no_encoding_reads_are_refused_by_the_importer(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match=rf"^{path}: cannot tell the text encoding$"):
        read_raw(path)
    text, _ = decode(bytes(range(256)) * 4)  # the fetcher still gets text, with replacement characters
    assert text
