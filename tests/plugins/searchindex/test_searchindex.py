"""The search index: every posting exact, the fold one character for one, the files the page reads.

``match`` below is what search-app.js does with the files (bigrams covering the query at
their offsets, a unigram for one character), written again in Python so the index itself
is checked against a brute-force "does the text contain it" on every build here; the page's
own code is checked against the same truth in tests/site/test_search_browser.py.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from plugins.searchfold import table
from plugins.searchindex.index import (
    Doc,
    build_postings,
    clean,
    folder,
    html_to_text,
    key_name,
    order_docs,
    read_container,
    read_docs,
    shard_of,
    text_offset,
    varints,
    write_index,
)

from ..conftest import SITE, build

FOLD = folder(table())


def _read_varints(data: bytes) -> list[int]:
    out, value, shift = [], 0, 0
    for byte in data:
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            out.append(value)
            value = shift = 0
    return out


def _brute(titles: list[str], texts: list[str], offset: int) -> dict[str, dict[int, list[int]]]:
    """Every unigram and bigram with its documents and positions, the slow obvious way."""
    found: dict[str, dict[int, list[int]]] = {}
    for d, (title, text) in enumerate(zip(titles, texts, strict=True)):
        for base, s in ((0, title), (offset, text)):
            for i, ch in enumerate(s):
                if ch.isspace() or ch == "\ufeff":
                    continue
                found.setdefault(ch, {}).setdefault(d, []).append(base + i)
                if i + 1 < len(s) and not (s[i + 1].isspace() or s[i + 1] == "\ufeff"):
                    found.setdefault(ch + s[i + 1], {}).setdefault(d, []).append(base + i)
    return found


def test_varints_round_trip() -> None:
    values = np.array([0, 1, 127, 128, 16383, 16384, 2**21 - 1, 2**21, 2**28, 2**32 - 1] * 3, dtype=np.uint32)
    assert _read_varints(varints(values, chunk=4)) == values.tolist()


@pytest.mark.parametrize("seed", range(4))
def test_postings_are_exactly_the_text(seed: int) -> None:
    """Random documents over a small alphabet (so keys repeat), astral characters and
    whitespace of several kinds included: the postings equal the brute-force listing."""
    rnd = random.Random(seed)
    alphabet = "检验测认证会促进 \u3000a1\n𠀀，"
    for _ in range(40):
        n = rnd.randint(1, 7)
        titles = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 9))) for _ in range(n)]
        texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))) for _ in range(n)]
        offset = text_offset(titles)
        postings = build_postings(titles, texts, offset)
        got: dict[str, object] = {}
        for i in range(len(postings)):
            key = chr(postings.c1[i]) + (chr(postings.c2[i]) if postings.c2[i] else "")
            values, at, doc, docs = _read_varints(postings.chunk(i)), 0, -1, []
            while at < len(values):
                doc += values[at]
                count = values[at + 1]
                at += 2
                if len(key) == 1:
                    docs.append((doc, count))
                    continue
                pos, positions = 0, []
                for value in values[at : at + count]:
                    pos += value
                    positions.append(pos)
                at += count
                docs.append((doc, positions))
            got[key] = docs
        want: dict[str, object] = {}
        for key, per_doc in _brute(titles, texts, offset).items():
            if len(key) == 1:  # unigrams: count * 2 + (1 if in the title)
                want[key] = sorted((d, len(p) * 2 + (min(p) < offset)) for d, p in per_doc.items())
            else:
                want[key] = sorted((d, sorted(p)) for d, p in per_doc.items())
        assert got == want, (titles, texts)


@pytest.mark.parametrize("group", [1, 7, 50])
def test_postings_built_in_groups_are_the_postings_built_at_once(group: int) -> None:
    """Keys are built in groups of first characters to bound memory (one character per group
    at ``group=1``); concatenated in key order they are the same keys and bytes."""
    rnd = random.Random(group)
    alphabet = "检验测认证会促进 \u3000a1\n𠀀，"
    titles = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 9))) for _ in range(30)]
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80))) for _ in range(30)]
    offset = text_offset(titles)
    grouped = build_postings(titles, texts, offset, FOLD, group=group)
    whole = build_postings(titles, texts, offset, FOLD, group=1 << 30)
    assert bytes(grouped.data) == bytes(whole.data)
    assert grouped.starts.tolist() == whole.starts.tolist()
    assert grouped.c1.tolist() == whole.c1.tolist() and grouped.c2.tolist() == whole.c2.tolist()


def test_folding_the_archive_at_once_is_folding_each_text() -> None:
    titles = ["檢驗檢測ＡＢＣ", "Iso 認證"]
    texts = ["中國合格評定國家認可委員會（ＣＮＡＳ）", "ａｂｃ DEF 检验"]
    offset = text_offset(titles)
    at_once = build_postings(titles, texts, offset, FOLD)
    each = build_postings([FOLD(t) for t in titles], [FOLD(x) for x in texts], offset)
    assert at_once.data == each.data
    assert at_once.c1.tolist() == each.c1.tolist() and at_once.c2.tolist() == each.c2.tolist()


def test_fold_is_one_character_for_one() -> None:
    assert FOLD("檢驗檢測機構") == "检验检测机构"
    assert FOLD("ＩＳＯ／ＩＥＣ １７０２５") == "iso/iec 17025"
    assert FOLD("CNAS认可") == "cnas认可"
    sample = "".join(table()) + "ＡＢＣ（）ABC"
    assert len(FOLD(sample)) == len(sample)
    assert len(FOLD(sample).encode("utf-16-le")) == len(sample.encode("utf-16-le"))


def test_html_to_text_keeps_paragraphs_and_drops_markup() -> None:
    markup = (
        "<p>第一段&amp;“引号”<strong>加粗</strong>。</p>\n<script>alert(1)</script>"
        "<ul><li>一</li><li>二\u200b三</li></ul><p>  多个   空格\u3000全角 </p>"
    )
    assert html_to_text(markup) == "第一段&“引号”加粗。\n一\n二三\n多个 空格 全角"
    assert clean(" 标题\t有\n 换行 ") == "标题 有\n换行"


def test_shard_of_matches_the_vectorised_hash() -> None:
    from plugins.searchindex.index import _shard_of_array

    c1 = np.array([0x68C0, 0x4F1A, 0x20000, 97, 0x9FFF], dtype=np.uint32)
    c2 = np.array([0x9A8C, 0, 0x4E00, 98, 0x3400], dtype=np.uint32)
    for shards in (1, 7, 1500):
        assert [shard_of(int(a), int(b), shards) for a, b in zip(c1, c2, strict=True)] == _shard_of_array(c1, c2, shards).tolist()


def _match(index: Path, query: str) -> set[int]:
    """What the page does: each space-separated part through its covering bigrams."""
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    heavy = set(meta["heavy1"]) | {meta["heavy2"][i : i + 2] for i in range(0, len(meta["heavy2"]), 2)}

    def posting(key: str) -> list[tuple[int, object]]:
        codes = [ord(ch) for ch in key] + [0]
        c1, c2 = codes[0], codes[1]
        name = f"k/{key_name(c1, c2)}.bin" if key in heavy else f"s/{shard_of(c1, c2, meta['shards'])}.bin"
        return read_container((index / name).read_bytes()).get((c1, c2), [])

    result: set[int] | None = None
    for part in FOLD(query).split():
        if len(part) == 1:
            docs = {d for d, _ in posting(part)}
        else:
            offsets = list(range(0, len(part) - 1, 2))
            if offsets[-1] != len(part) - 2:
                offsets.append(len(part) - 2)
            lists = [dict(posting(part[o : o + 2])) for o in offsets]
            docs = set()
            for d, positions in lists[0].items():
                starts = set(positions)
                for o, other in zip(offsets[1:], lists[1:], strict=True):
                    starts &= {p - o for p in other.get(d, [])}
                if starts:
                    docs.add(d)
        result = docs if result is None else result & docs
    return result or set()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("searchindex")
    # A reader cache of its own: builds in other test workers must not share Pelican's.
    extra = {"CACHE_PATH": str(work / "cache")}
    return build(work / "out", plugins=("taxonomy", "searchfold", "searchindex"), extra=extra).ok().out


def test_index_written_with_every_article(site: Path) -> None:
    index = site / "search" / "index"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    articles = sorted((SITE / "content" / "articles").glob("*.md"))
    assert meta["n"] == len(articles)
    docs = read_docs(index)
    assert [d.date for d in docs] == sorted(d.date for d in docs), "ids are oldest first"
    assert {d.url for d in docs} == {f"articles/{p.stem}/" for p in articles}
    by_title = {d.title: d for d in docs}
    bay = by_title["粤港澳大湾区检测认证联盟在深圳成立"]
    assert bay.text.startswith("4月20日，粤港澳大湾区检测认证联盟在深圳成立")
    assert (bay.category, bay.region, bay.city) == ("联盟合作", "广东省", "深圳市")
    assert set(bay.tags) == {"粤港澳大湾区", "产业联盟", "区域合作"}
    assert (site / "search" / "index" / "s").is_dir() and list((index / "s").glob("*.bin"))
    assert not (site / "search" / "index.tmp").exists()


def test_every_query_finds_exactly_the_articles_containing_it(site: Path) -> None:
    index = site / "search" / "index"
    docs = read_docs(index)
    texts = [(FOLD(d.title), FOLD(d.text)) for d in docs]

    def truth(query: str) -> set[int]:
        parts = FOLD(query).split()
        return {i for i, (t, x) in enumerate(texts) if all(p in t or p in x for p in parts)}

    rnd = random.Random(14)
    queries = [
        "检验检测",
        "检测",
        "认可日",
        "世界认可日",
        "开放日",
        "協會",
        "檢驗檢測",
        "联盟 深圳",
        "会",
        "量子纠缠咖啡",
        "协会认可",
        "测检",
    ]
    for _ in range(150):
        t, x = rnd.choice(texts)
        source = rnd.choice([t, x])
        if len(source) < 7:
            continue
        start = rnd.randrange(len(source) - 6)
        queries.append(source[start : start + rnd.randint(1, 6)])
    for query in queries:
        if not FOLD(query).split():
            continue
        assert _match(index, query) == truth(query), query
    assert truth("量子纠缠咖啡") == set() and truth("检测") >= truth("检验检测") != set()


def test_a_rebuild_rewrites_only_what_changed(tmp_path: Path) -> None:
    docs = [
        Doc(url=f"articles/{i}/", title=f"标题{i}", text="检验检测认证。" * (i + 1), date=f"2024-01-0{i + 1}") for i in range(3)
    ]
    out = tmp_path / "search" / "index"
    first = write_index(order_docs(docs), out, FOLD)
    assert first.written > 0 and first.removed == 0
    (out / "stale.txt").write_text("from an old build", encoding="utf-8")
    again = write_index(order_docs(docs), out, FOLD)
    assert (again.written, again.removed) == (0, 1) and not (out / "stale.txt").exists()
    before = {p.name: p.read_bytes() for p in (out / "d").iterdir()}
    newer = Doc(url="articles/new/", title="新的一篇", text="开放日。", date="2024-02-01")
    grown = write_index(order_docs([*docs, newer]), out, FOLD)
    assert [d.url for d in read_docs(out)] == ["articles/0/", "articles/1/", "articles/2/", "articles/new/"]
    assert all((out / "d" / name).read_bytes() == data for name, data in before.items()), "old ids keep their files"
    assert grown.written < first.written + 2
    shrunk = write_index(order_docs(docs[:2]), out, FOLD)
    assert shrunk.docs == 2 and not (out / "d" / "2.json").exists() and shrunk.removed >= 2
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["n"] == 2


#: Notices of our own, each writing its 文号 in another bracket spelling.
NOTICES = {
    "2024-03-01-0a0b0c01": ("关于开展检验检测机构能力验证的通知", "国认实〔2024〕12号文件要求各机构按时报名。"),
    "2024-03-02-0a0b0c02": ("关于资质认定证书有效期的通知", "依据市监认证发[2023]5号，证书到期前应提出申请。"),
    "2024-03-03-0a0b0c03": ("关于能力验证结果公布的通知", "按照国认实（2024）13号的安排，结果已经公布。"),
    "2024-03-04-0a0b0c04": ("关于认证机构年度报告的通知", "转发国认实【2024】12号，请各单位遵照执行。"),
}
SPELLINGS = ("〔〕", "[]", "()", "（）", "【】", "［］")


def _notice(slug: str, title: str, text: str) -> str:
    return (
        f"Title: {title}\nDate: {slug[:10]}\nCategory: 政策公告\nRegion: 全国\nSource: 示例来源\n"
        f"Source_URL: https://news.example.cn/{slug}.html\nSlug: {slug}\n\n{text}\n"
    )


@pytest.fixture(scope="module")
def notices_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ..conftest import copy_content

    work = tmp_path_factory.mktemp("searchindex-notices")
    content = copy_content(work)
    for slug, (title, text) in NOTICES.items():
        (content / "articles" / f"{slug}.md").write_text(_notice(slug, title, text), encoding="utf-8")
    plugins = ("taxonomy", "hant", "searchfold", "searchindex")
    return build(work / "out", plugins=plugins, content=content, extra={"CACHE_PATH": str(work / "cache")}).ok().out


def test_doc_numbers_are_found_in_every_bracket_spelling(notices_site: Path) -> None:
    """国认实[2024]12号, (2024), （2024）, 【2024】… find exactly the notices whose text has that
    文号 in any spelling; the truth is read from the texts, brackets compared as brackets."""
    index = notices_site / "search" / "index"
    docs = read_docs(index)
    ids = {d.url.split("/")[1]: i for i, d in enumerate(docs)}
    opening, closing = "〔[(（【［", "〕])）】］"
    unify = str.maketrans(opening + closing, "(" * len(opening) + ")" * len(closing))

    def truth(number: str) -> set[int]:
        want = number.translate(unify)
        return {i for i, d in enumerate(docs) if want in (d.title + d.text).translate(unify)}

    for issuer, year, n in [("国认实", "2024", "12号"), ("市监认证发", "2023", "5号"), ("国认实", "2024", "13号")]:
        for o, c in SPELLINGS:
            query = f"{issuer}{o}{year}{c}{n}"
            assert _match(index, query) == truth(query) != set(), query
    assert truth("国认实〔2024〕12号") == {ids["2024-03-01-0a0b0c01"], ids["2024-03-04-0a0b0c04"]}
    assert _match(index, "國認實[2024]12號") == truth("国认实〔2024〕12号"), "Traditional and brackets together"
    assert _match(index, "国认实(2024)1") == truth("国认实(2024)12号") | truth("国认实(2024)13号")
    assert _match(index, "国认实〔2023〕12号") == set()


def test_traditional_result_files(notices_site: Path) -> None:
    """h/<id>.json: the copy's URL, the title and text converted by phrase; h/names.json: the
    facet values converted in meta.json's order."""
    index = notices_site / "search" / "index"
    meta = json.loads((index / "meta.json").read_text(encoding="utf-8"))
    docs = read_docs(index)
    for i, d in enumerate(docs):
        hant = json.loads((index / "h" / f"{i}.json").read_text(encoding="utf-8"))
        assert hant["u"] == d.url + "zh-hant/"
        assert len(hant["t"]) == len(d.title) and hant["d"] == d.date
        assert FOLD(hant["t"]) == FOLD(d.title)  # the same title, only the script differs
    by_title = {json.loads(p.read_text(encoding="utf-8"))["t"] for p in (index / "h").glob("[0-9]*.json")}
    assert "內蒙古發佈檢驗檢測機構監督管理實施細則" in by_title  # 发布 by phrase, not 發布
    names = json.loads((index / "h" / "names.json").read_text(encoding="utf-8"))
    assert names["region"][meta["facets"]["region"]["values"].index("内蒙古自治区")] == "內蒙古自治區"
    assert len(names["tag"]) == len(meta["facets"]["tag"]["values"])
