"""The source registry: defaults for the smallest entry, and errors that name file and entry."""

from pathlib import Path

import pytest

from scrapers.article import NATIONAL
from scrapers.sources import DEFAULT_REGISTRY, Politeness, SourceError, load_sources, select

FIXTURE_REGISTRY = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "sources.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_registry_loads_with_at_least_eight_sources():
    sources = load_sources(DEFAULT_REGISTRY)
    assert len(sources) >= 8
    for source in sources:
        assert source.lists and source.items.pattern and source.outlet
        assert all(url.startswith("http") for url in source.lists)
        assert source.politeness.delay >= 3, "real sites get at least the default delay"
    regions = {s.region for s in sources}
    assert NATIONAL in regions and len(regions) > 1, "national bodies and at least one province"


def test_the_fixture_registry_loads_with_its_shared_politeness_anchor():
    sources = load_sources(FIXTURE_REGISTRY)
    assert {s.politeness.read_timeout for s in sources} == {0.5}


def test_three_keys_are_enough_and_everything_else_defaults(tmp_path):
    (source,) = load_sources(write(tmp_path, """
- name: 某协会
  lists: https://association.example/news/
  items: /news/\\d+\\.html$
"""))
    assert source.lists == ("https://association.example/news/",)
    assert source.items.search("https://association.example/news/12.html")
    assert source.extract.generic and source.encoding == "" and source.script == "simplified"
    assert source.region == NATIONAL and source.politeness == Politeness()


def test_selectors_politeness_and_defaults_override(tmp_path):
    fast = Politeness(delay=0.1, retries=0)
    (source,) = load_sources(write(tmp_path, """
- name: 某局
  lists: [https://a.example/list/]
  items: /art/
  extract: {title: h1.title, body: "#zoom"}
  politeness: {read_timeout: 5}
  encoding: gbk
  script: traditional
"""), defaults=fast)
    assert source.extract.title == "h1.title" and source.extract.date == ""
    assert source.politeness == Politeness(delay=0.1, retries=0, read_timeout=5.0)
    assert source.encoding == "gbk" and source.script == "traditional"


@pytest.mark.parametrize(("entry", "message"), [
    ("- name: a\n  lists: [https://a.example/]\n", r"entry 1 \(a\): 'items' is required"),
    ("- name: a\n  lists: [https://a.example/]\n  items: '(unclosed'\n", "not a valid regular expression"),
    ("- name: a\n  lists: [/relative/]\n  items: x\n", "absolute http"),
    ("- name: a\n  lists: [https://a.example/]\n  items: x\n  colour: red\n", "unknown key.*colour"),
    ("- name: a\n  lists: [https://a.example/]\n  items: x\n  politeness: {delay: fast}\n", "politeness.delay must be a number"),
    ("- name: a\n  lists: [https://a.example/]\n  items: x\n  politeness: {speed: 1}\n", "unknown politeness key 'speed'"),
    ("- name: a\n  lists: [https://a.example/]\n  items: x\n  extract: {body: 'div[['}\n",
     "extract.body is not a valid CSS selector"),
    ("- name: a\n  lists: [https://a.example/]\n  items: x\n  script: cyrillic\n", "'script' must be one of"),
    ("- name: a\n  lists: [https://a.example/]\n  items: x\n  encoding: klingon\n", "unknown encoding"),
    ("- name: a\n  lists: [https://a.example/]\n  items: x\n- name: a\n  lists: [https://b.example/]\n  items: y\n",
     r"entry 2 \(a\): another source is already named"),
    ("name: a\n", "expected a YAML list"),
    ("- name: a\n  lists: [https://a.example/?x=1]\n  items: [\n", r"sources.yaml:\d+: not valid YAML"),
])
def test_registry_errors_name_the_file_and_the_entry(tmp_path, entry, message):
    with pytest.raises(SourceError, match=message) as info:
        load_sources(write(tmp_path, entry))
    assert str(tmp_path / "sources.yaml") in str(info.value)


def test_select_by_name():
    sources = load_sources(FIXTURE_REGISTRY)
    assert [s.name for s in select(sources, [sources[1].name])] == [sources[1].name]
    assert select(sources, None) == sources
    with pytest.raises(SourceError, match="no source named 'nope'; known: "):
        select(sources, ["nope"])
