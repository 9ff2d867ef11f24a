"""The search page in a real browser (Debian's Chromium driven by Playwright) on the served build.

Any request to a host other than 127.0.0.1 is blocked and recorded, and every test asserts
there were none: the site must work, search included, without a third-party request.
The browser, the page fixture and that check live in conftest.py; screenshots and the
accessibility scans are in test_pages_browser.py.

The rules of issue 14, each checked here: a query means "the title or text contains it"
(ground truth per query class, made-up phrases find nothing, substrings of longer words are
found, Traditional finds what Simplified finds); relevance ranks title matches first, then
more matches, then newer, with 最新/最早 as the other orders and newest first without a
query; excerpts start at a sentence and mark the phrase whole; values within a facet are
OR, facets AND, and the counts say so; on a phone a chosen filter closes the panel and
brings the results into view, and the help text says where the filters are.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.search import CLASSES, FOLD, TruthDoc, in_title, load_truth, make_queries, parts_of, score, truth
from plugins.searchindex.index import read_docs

from .conftest import VIEWPORTS, Offsite, Source

pytestmark = pytest.mark.browser

#: Fixed requirements: these queries must find these articles (titles as in content/).
HANGZHOU = "杭州市检验检测认证促进会"
OPEN_DAY_2019 = "2019全国检验检测机构开放日"
RESULT = ".search-result"
APP = "document.querySelector('#search-app')"


def _article(sources: list[Source], title_part: str) -> Source:
    found = [s for s in sources if title_part in s.article.title]
    assert len(found) == 1, f"expected 1 article in content/articles titled *{title_part}*, got {len(found)}"
    return found[0]


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#search-app[data-ready]")).to_have_count(1)


def _expect_result(page: Page, src: Source) -> None:
    """A result whose link goes to the article's page and whose text is its title."""
    link = page.locator(f"{RESULT} h3 a[href$='/articles/{src.article.slug}/']")
    expect(link.first).to_be_visible()
    expect(link.first).to_have_text(src.article.title)


def _type_query(page: Page, term: str) -> None:
    box = page.locator("#search-q")
    expect(box).to_be_visible()
    box.fill("")
    box.press_sequentially(term, delay=20)


def _search(page: Page, query: str) -> list[int]:
    """Submit a query and wait until its results are rendered; every result's id, in order."""
    before = page.evaluate(f"{APP}.dataset.renderedAt || '0'")
    page.locator("#search-q").fill(query)
    page.locator("#search-q").press("Enter")
    page.wait_for_function(
        "([b, q]) => (document.querySelector('#search-app').dataset.renderedAt || '0') !== b"
        " && document.querySelector('.search-status').textContent.includes(q)",
        arg=[before, query],
    )
    return page.evaluate(f"{APP}.searchResultIds()")


def _result_dates(page: Page) -> list[str]:
    texts = page.locator(f"{RESULT} .meta").all_inner_texts()
    return [re.match(r"\d{4}-\d{2}-\d{2}", t).group(0) for t in texts]


@pytest.fixture(scope="module")
def docs(site_dir: Path) -> list[TruthDoc]:
    """Every article page's folded title and text, in the index's id order (oldest first)."""
    return load_truth(site_dir)


def _relevance_order(docs: list[TruthDoc], query: str) -> list[int]:
    """What relevance must give: title matches first, then more occurrences, then newer."""
    parts = parts_of(query)

    def occurrences(text: str, part: str) -> int:
        return sum(1 for i in range(len(text)) if text.startswith(part, i))

    found = sorted(truth(docs, query))
    return sorted(
        found,
        key=lambda i: (
            -sum(p in docs[i].title for p in parts),
            -sum(occurrences(docs[i].title, p) + occurrences(docs[i].text, p) for p in parts),
            -i,  # ids run oldest first
        ),
    )


# ------------------------------------------------------------------ matching


def test_ground_truth_every_query_class(page: Page, site_url: str, site_dir: Path, docs: list[TruthDoc]) -> None:
    """The fast version of bench/search.py: queries drawn from this archive in every class;
    the results are exactly the articles containing them (precision and recall 1 here)."""
    places = [v for d in read_docs(site_dir / "search" / "index") for v in (d.region, d.city) if v]
    places += [p.removesuffix("省").removesuffix("市") for p in places if len(p) > 2]
    groups = make_queries(docs, places, per_class=5)
    assert all(groups[c] for c in CLASSES), groups
    _open(page, site_url + "search/")
    failures = []
    for cls, queries in groups.items():
        for query in queries:
            got = _search(page, query)
            s = score(got, truth(docs, query))
            if min(s.precision, s.recall, s.page_precision, s.page_recall) < 1:
                failures.append(f"{cls} {query!r}: {s} (results {got}, truth {sorted(truth(docs, query))})")
            if cls == "made-up":
                assert not got and page.locator(".search-empty").count() == 1
    assert not failures, "\n".join(failures)


def test_search_finds_hangzhou_association(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/")
    expect(page.locator("#search-q")).to_have_attribute("placeholder", re.compile("搜索"))
    _type_query(page, "促进会")
    _expect_result(page, src)
    expect(page.locator(".search-status")).to_contain_text("找到 1 篇")
    marks = page.locator(f"{RESULT} .excerpt mark")
    expect(marks.first).to_be_visible()
    assert set(marks.all_inner_texts()) == {"促进会"}, "the phrase is marked whole, never 促进 and 会 apart"
    expect(page).to_have_url(re.compile(r"[?&]q=" + re.escape(quote("促进会"))))


def test_made_up_phrase_finds_nothing(page: Page, site_url: str, docs: list[TruthDoc]) -> None:
    alphabet = {ch for d in docs for ch in d.title + d.text}
    for phrase in ("量子纠缠咖啡", "认证促进开放联盟"):
        if phrase == "量子纠缠咖啡":
            _open(page, site_url + "search/?q=" + quote(phrase))
        else:
            assert set(phrase) <= alphabet and not truth(docs, phrase), "every character occurs, the phrase nowhere"
            _search(page, phrase)
        expect(page.locator(".search-empty")).to_contain_text("没有找到")
        expect(page.locator(".search-empty a")).to_have_count(1)
        expect(page.locator(RESULT)).to_have_count(0)


def test_a_part_of_a_longer_word_is_found(page: Page, site_url: str, docs: list[TruthDoc]) -> None:
    _open(page, site_url + "search/")
    with_longer = truth(docs, "检验检测")
    assert with_longer
    assert set(_search(page, "检测")) >= with_longer
    assert set(_search(page, "认可日")) == truth(docs, "世界认可日") | truth(docs, "认可日") != set()
    # Quotes, the way other search boxes ask for a phrase, change nothing: every query is one.
    assert _search(page, "“认可日”") == _search(page, '"认可日"') == _search(page, "认可日")


def test_search_finds_2019_open_day(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, OPEN_DAY_2019)
    _open(page, site_url + "search/")
    _type_query(page, "开放日")
    _expect_result(page, src)


@pytest.mark.parametrize(
    ("traditional", "simplified", "title"),
    [
        ("促進會", "促进会", HANGZHOU),
        ("開放日", "开放日", OPEN_DAY_2019),
        ("聯盟", "联盟", "沈阳构建现代化都市圈"),
        ("檢驗檢測", "检验检测", HANGZHOU),
    ],
)
def test_traditional_query_finds_what_simplified_finds(
    page: Page, site_url: str, sources: list[Source], traditional: str, simplified: str, title: str
) -> None:
    _open(page, site_url + "search/?q=" + quote(simplified))
    expect(page.locator(RESULT).first).to_be_visible()
    simplified_ids = page.evaluate(f"{APP}.searchResultIds()")
    simplified_hits = page.locator(f"{RESULT} h3 a").all_inner_texts()
    _open(page, site_url + "search/?q=" + quote(traditional))
    _expect_result(page, _article(sources, title))
    expect(page.locator(".search-status")).to_contain_text(f"已按简体“{simplified}”搜索")
    assert page.evaluate(f"{APP}.searchResultIds()") == simplified_ids
    assert page.locator(f"{RESULT} h3 a").all_inner_texts() == simplified_hits
    assert set(page.locator(f"{RESULT} mark").all_inner_texts()) == {simplified}


def test_no_results_says_so_and_suggests(page: Page, site_url: str) -> None:
    _open(page, site_url + "search/?q=" + quote("火箭"))
    expect(page.locator(".search-empty")).to_contain_text("没有找到")
    expect(page.locator(".search-empty a")).to_have_count(1)
    expect(page.locator(RESULT)).to_have_count(0)


# ------------------------------------------------------------------ ranking and sorting


@pytest.mark.parametrize("query", ["检验检测", "联盟", "认证", "开放日", "检测 合作"])
def test_relevance_is_the_default_with_a_query(page: Page, site_url: str, docs: list[TruthDoc], query: str) -> None:
    _open(page, site_url + "search/?q=" + quote(query))
    expect(page.locator(RESULT).first).to_be_visible()
    expect(page.locator("#search-sort")).to_have_value("relevance")
    assert page.evaluate(f"{APP}.searchResultIds()") == _relevance_order(docs, query)


def test_an_organisation_s_own_articles_come_first(page: Page, site_url: str, docs: list[TruthDoc]) -> None:
    """A name in the title outranks newer articles that only mention it in the text."""
    candidates = ["检验检测认证", "检验检测", "联盟", "认证认可", "世界认可日", "开放日", "市场监管总局", HANGZHOU]
    telling = [q for q in candidates if any(u > t for t in in_title(docs, q) for u in truth(docs, q) - in_title(docs, q))]
    assert telling, "needs a name in one article's title and only in the text of a newer one"
    _open(page, site_url + "search/")
    for query in telling:
        ids = _search(page, query)
        titled = in_title(docs, query)
        assert set(ids[: len(titled)]) == titled, query


def test_newest_and_oldest_orders(page: Page, site_url: str) -> None:
    _open(page, site_url + "search/?q=" + quote("检验检测"))
    expect(page.locator(RESULT).first).to_be_visible()
    page.locator("#search-sort").select_option("date")
    expect(page).to_have_url(re.compile(r"sort=date"))
    page.wait_for_function(
        "() => { const d = [...document.querySelectorAll('.search-result .meta')]"
        ".map((m) => m.textContent.slice(0, 10)); return d.join() === [...d].sort().reverse().join(); }"
    )
    dates = _result_dates(page)
    assert dates == sorted(dates, reverse=True) and len(dates) > 1
    page.locator("#search-sort").select_option("oldest")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    page.wait_for_function("d => document.querySelector('.search-result .meta').textContent.startsWith(d)", arg=min(dates))
    assert _result_dates(page) == sorted(dates)
    page.locator("#search-sort").select_option("relevance")
    expect(page).not_to_have_url(re.compile(r"sort="))


def test_browsing_without_a_query_is_newest_first(page: Page, site_url: str, sources: list[Source]) -> None:
    _open(page, site_url + "search/")
    expect(page.locator("#search-sort option[value=relevance]")).to_be_disabled()
    page.locator(".search-facets input[name=year]").first.check()
    expect(page.locator(".search-status")).to_contain_text("符合条件")
    expect(page.locator("#search-sort")).to_have_value("date")
    dates = _result_dates(page)
    assert dates == sorted(dates, reverse=True)


# ------------------------------------------------------------------ excerpts


def test_excerpts_start_at_a_sentence_and_mark_the_phrase(page: Page, site_url: str, docs: list[TruthDoc]) -> None:
    _open(page, site_url + "search/")
    for query in ("检验检测", "认证认可", "开放日", "世界认可日"):
        ids = _search(page, query)
        excerpts = page.locator(f"{RESULT} .excerpt")
        for k in range(excerpts.count()):
            text = excerpts.nth(k).inner_text()
            doc = docs[ids[k]]
            opening = FOLD(text.split("…")[0])
            at = doc.text.find(opening)
            assert at >= 0, f"{query}: excerpt {text!r} is not the article's text"
            assert at == 0 or doc.text[at - 1] in "。！？!?…\n”’」』）)】》 ", (
                f"{query}: excerpt starts mid-sentence: …{doc.text[max(0, at - 10) : at]}|{text[:20]}"
            )
            assert ". " not in text and not text.startswith(doc.title), "title and text are never joined"
            marks = excerpts.nth(k).locator("mark").all_inner_texts()
            if query in doc.text:
                assert marks and all(m == query for m in marks), (query, marks)


# ------------------------------------------------------------------ facets


def test_values_within_a_facet_are_or_facets_are_and(page: Page, site_url: str, sources: list[Source]) -> None:
    _open(page, site_url + "search/?q=" + quote("检验检测"))
    expect(page.locator(RESULT)).to_have_count(len(sources))
    regions = sorted({s.article.region for s in sources})[:2]
    counts = []
    for region in regions:
        label = page.locator(f".search-facets input[name=region][value='{region}'] + label .count")
        counts.append(int(label.inner_text()))
    assert counts == [sum(s.article.region == r for s in sources) for r in regions]
    for region in regions:
        page.locator(f".search-facets input[name=region][value='{region}']").check()
    either = [s for s in sources if s.article.region in regions]
    expect(page.locator(RESULT)).to_have_count(len(either))
    expect(page.locator(".search-status")).to_contain_text(f"找到 {len(either)} 篇")
    # Still counted as if unchosen within its own facet: the other regions keep their numbers.
    other = next(s.article.region for s in sources if s.article.region not in regions)
    expect(page.locator(f".search-facets input[name=region][value='{other}'] + label .count")).to_have_text(
        str(sum(s.article.region == other for s in sources))
    )
    # And across facets: a year narrows the regions' results.
    year = either[0].article.date[:4]
    page.locator(f".search-facets input[name=year][value='{year}']").check()
    both = [s for s in either if s.article.date.startswith(year)]
    expect(page.locator(RESULT)).to_have_count(len(both))
    for region in regions:
        expect(page.locator(f".search-facets input[name=region][value='{region}'] + label .count")).to_have_text(
            str(sum(s.article.region == region and s.article.date.startswith(year) for s in sources))
        )
    expect(page.locator(".facets-panel summary")).to_contain_text("已选 3 项")


def test_region_filter_narrows_and_lives_in_the_url(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/?q=" + quote("检验检测"))
    expect(page.locator(RESULT)).to_have_count(len(sources))
    box = page.locator(f".search-facets input[name=region][value='{src.article.region}']")
    box.check()
    expect(page.locator(RESULT)).to_have_count(1)
    _expect_result(page, src)
    expect(page).to_have_url(re.compile(r"region=" + re.escape(quote(src.article.region))))
    page.reload()
    expect(page.locator("#search-app[data-ready]")).to_have_count(1)
    expect(page.locator(RESULT)).to_have_count(1)
    expect(page.locator("#search-q")).to_have_value("检验检测")
    expect(box).to_be_checked()
    page.go_back()
    expect(page.locator(RESULT)).to_have_count(len(sources))
    expect(box).not_to_be_checked()


def test_facet_counts_and_filter_only_browsing(page: Page, site_url: str, sources: list[Source]) -> None:
    _open(page, site_url + "search/")
    years = {s.article.date[:4] for s in sources}
    for year in years:
        expect(page.locator(f".search-facets input[name=year][value='{year}']")).to_have_count(1)
    page.locator(".search-facets input[name=category][value='开放日']").check()
    expect(page.locator(RESULT)).to_have_count(sum(s.article.category == "开放日" for s in sources))
    expect(page.locator(".search-status")).to_contain_text("符合条件")


def test_help_text_names_where_the_filters_are(page: Page, site_url: str) -> None:
    _open(page, site_url + "search/")
    expect(page.locator(".search-hint")).to_contain_text("右侧")
    box = page.locator(".search-facets").bounding_box()
    assert box and box["x"] > page.locator(".search-main").bounding_box()["x"], "the filters are on the right"
    page.set_viewport_size(VIEWPORTS["375"])
    expect(page.locator(".search-hint")).to_contain_text("上方")
    expect(page.locator(".search-hint")).to_contain_text("按条件筛选")


def test_on_a_phone_a_chosen_filter_visibly_applies(
    browser: Browser, site_url: str, offsite: Offsite, sources: list[Source]
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["375"], locale="zh-CN", service_workers="block")
    context.route("**/*", offsite.handle)
    page = context.new_page()
    try:
        _open(page, site_url + "search/?q=" + quote("检验检测"))
        panel = page.locator(".facets-panel")
        expect(panel).not_to_have_attribute("open", "")
        panel.locator("summary").click()
        expect(panel).to_have_attribute("open", "")
        src = _article(sources, HANGZHOU)
        page.locator(f".search-facets input[name=region][value='{src.article.region}']").check()
        expect(panel).not_to_have_attribute("open", "")
        expect(panel.locator("summary")).to_contain_text("已选 1 项")
        expect(page.locator(RESULT)).to_have_count(1)
        expect(page.locator(".search-status")).to_be_in_viewport()
        expect(page.locator(RESULT).first).to_be_in_viewport()
    finally:
        context.close()
    assert not offsite.blocked


# ------------------------------------------------------------------ the page around it


def test_keyboard_only(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/")
    page.locator("#search-q").focus()
    page.keyboard.type("促进会")
    page.keyboard.press("Enter")
    _expect_result(page, src)
    focusable = page.locator(f".search-facets input[name=region][value='{src.article.region}']")
    focusable.focus()
    page.keyboard.press("Space")
    expect(focusable).to_be_checked()
    expect(page.locator(RESULT)).to_have_count(1)
    expect(focusable).to_be_focused()  # the facets are updated in place, focus stays


def test_query_in_address_runs_search(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, HANGZHOU)
    _open(page, site_url + "search/?q=" + quote("促进会"))
    expect(page.locator("#search-q")).to_have_value("促进会")
    _expect_result(page, src)


def test_header_search_box_leads_to_results(page: Page, site_url: str, sources: list[Source]) -> None:
    src = _article(sources, OPEN_DAY_2019)
    page.goto(site_url + f"articles/{_article(sources, HANGZHOU).article.slug}/")
    page.locator("#header-q").fill("开放日")
    page.locator("#header-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    _expect_result(page, src)
    page.locator(f"{RESULT} a[href$='/articles/{src.article.slug}/']").first.click()
    expect(page.locator("h1")).to_have_text(src.article.title)


def test_search_works_below_a_subpath(page: Page, published_site_url: str, sources: list[Source]) -> None:
    """With publishconf.py (absolute SITEURL) under /tic-news-archive/: index and result links."""
    src = _article(sources, HANGZHOU)
    _open(page, published_site_url + "search/?q=" + quote("促进会"))
    _expect_result(page, src)
    link = page.locator(f"{RESULT} a[href$='/articles/{src.article.slug}/']").first
    assert link.get_attribute("href") == urlsplit(published_site_url).path + f"articles/{src.article.slug}/"
    link.click()
    expect(page.locator("h1")).to_have_text(src.article.title)


def test_simplified_query_does_not_fetch_the_fold_table(page: Page, site_url: str, sources: list[Source]) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    _open(page, site_url + "search/?q=" + quote("促进会"))
    _expect_result(page, _article(sources, HANGZHOU))
    assert not [u for u in fetched if u.endswith("t2s.json")]
    _type_query(page, "促進會")
    expect(page.locator(".search-status")).to_contain_text("已按简体“促进会”搜索")
    assert [u for u in fetched if u.endswith("t2s.json")]


def test_result_text_is_never_markup(page: Page, site_url: str) -> None:
    """A query with markup in it is shown as text, never parsed (no innerHTML anywhere)."""
    _open(page, site_url + "search/?q=" + quote('<img src=x onerror="window.__x=1">'))
    expect(page.locator(".search-empty")).to_contain_text("<img")
    assert page.locator(".search-app img").count() == 0
    assert page.evaluate("window.__x === undefined")


# A larger archive with policy documents (tests/site/test_pages_browser.py builds it).
from .test_pages_browser import DOCUMENTS, big_site_url  # noqa: E402, F401  (a fixture)

BRACKETS = ("〔〕", "[]", "()", "（）", "【】", "［］")


def test_doc_numbers_in_any_bracket_spelling(page: Page, big_site_url: str) -> None:  # noqa: F811
    """国认实[2023]3号, (2023), （2023）, 【2023】 find the notice written 国认实〔2023〕3号, and
    浙市监认〔2022〕7号 the one written with []: the page folds the query as the index folds
    the text. The truth: the documents whose 文号 is that number in any spelling."""
    _open(page, f"{big_site_url}search/")
    unify = str.maketrans("〔[(（【［〕])）】］", "((((((" + "))))))")
    for slug, _, _, number, _, _ in DOCUMENTS:
        m = re.fullmatch(r"(\D+)[〔\[(（【［](\d{4})[〕\])）】］](\d+号)", number)
        assert m, number
        want = {s for s, *_, n, _, _ in DOCUMENTS if n.translate(unify) == number.translate(unify)}
        for o, c in BRACKETS:
            query = f"{m.group(1)}{o}{m.group(2)}{c}{m.group(3)}"
            _search(page, query)
            hrefs = page.locator(f"{RESULT} h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
            found = {h.rstrip("/").split("/")[-1] for h in hrefs}
            assert found == want == {slug}, query


def test_traditional_search_page(page: Page, big_site_url: str) -> None:  # noqa: F811
    """The Traditional copy of search: a Traditional query (and 文号 brackets) searches the
    one index; results, labels and words are Traditional and lead to Traditional copies."""
    _open(page, f"{big_site_url}zh-hant/search/")
    ids = _search(page, "國認實[2023]3號")
    assert len(ids) == 1
    link = page.locator(f"{RESULT} h3 a")
    expect(link).to_have_text("關於檢驗檢測機構資質認定的公告")
    expect(link).to_have_attribute("href", re.compile(r"/articles/2023-02-10-d0c00001/zh-hant/$"))
    expect(page.locator(f"{RESULT} .meta")).to_contain_text("政策公告")
    expect(page.locator(f"{RESULT} mark")).to_have_text("國認實〔2023〕3號")
    expect(page.locator(".search-status")).not_to_contain_text("简体")
    expect(page.locator(".facets-panel summary")).to_have_text("按條件篩選")
    expect(page.locator(".facet[data-facet=region] label").first).to_contain_text("浙江省")
    # Filters keep their Simplified values in the address, so a shared search works in either script.
    page.locator(".facet[data-facet=category] input[value=政策公告]").check()
    expect(page).to_have_url(re.compile(r"category=%E6%94%BF%E7%AD%96%E5%85%AC%E5%91%8A"))
