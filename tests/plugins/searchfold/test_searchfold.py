"""The search-folding plugin writes the Traditional → Simplified table the search page uses."""

from __future__ import annotations

import json

from ..conftest import build


def test_table_is_written_and_folds_common_queries(tmp_path):
    site = build(tmp_path / "out", plugins=("searchfold",)).ok()
    data = json.loads((site.out / "search" / "t2s.json").read_text(encoding="utf-8"))
    table = dict(zip(data["t"], data["s"], strict=True))
    fold = lambda text: "".join(table.get(ch, ch) for ch in text)  # noqa: E731 - what the page does
    assert fold("檢驗檢測") == "检验检测"
    assert fold("聯盟") == "联盟" and fold("開放日") == "开放日" and fold("認證認可協會") == "认证认可协会"
    assert fold("检验检测") == "检验检测"  # Simplified input passes through
    assert 2000 < len(table) < 6000


def test_search_page_carries_the_bitmap_of_characters_to_fold(tmp_path):
    import base64

    from plugins.searchfold import RANGES, table

    site = build(tmp_path / "out", plugins=("searchfold",)).ok()
    app = site.soup("search/index.html").select_one("#search-app")
    bits = base64.b64decode(app["data-fold-keys"])
    offsets = {}
    offset = 0
    for lo, hi in RANGES:
        offsets[(lo, hi)] = offset
        offset += hi - lo + 1

    def marked(ch: str) -> bool:
        code = ord(ch)
        for (lo, hi), base in offsets.items():
            if lo <= code <= hi:
                bit = base + code - lo
                return bool(bits[bit >> 3] & (1 << (bit & 7)))
        return False

    assert marked("檢") and marked("會") and not marked("检") and not marked("会")
    assert sum(marked(ch) for ch in table()) == len(table())
