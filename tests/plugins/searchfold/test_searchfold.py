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
