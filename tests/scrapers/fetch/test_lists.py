"""Each list shape on its own (no server): what a shape holds, and how a list that yields
nothing is explained. The markup follows the published structure of the CMSs (JPaaS
unitbuild shells and their data service, Hanweb JCMS datastores and dataproxy.jsp answers,
RSS/Atom, sitemaps.org); the sentences are our own."""

import json
import re

import pytest

from scrapers.fetch.client import Page
from scrapers.fetch.lists import ListReport, article_like, detect, feed, jcms, jpaas, sitemap
from scrapers.fetch.lists import json as jsonlist
from scrapers.fetch.lists.common import Link, iso_date, site_of
from scrapers.fetch.lists.html import anchors, find_links, raw_hrefs

BASE = "https://www.example.gov.cn/col/col12/index.html"


def urls(links: list[Link]) -> list[str]:
    return [link.url for link in links]


# --- HTML --------------------------------------------------------------------------------


def test_anchors_keep_order_title_and_the_date_of_their_row():
    html = """<ul><li><a href="../../art/2024/6/3/art_12_1.html" title="全称标题">短标题</a><span>2024-06-03</span></li>
    <li><a href="/art/2024/6/1/art_12_2.html">第二条</a> 2024年6月1日</li>
    <li><a href="/art/2024/6/3/art_12_1.html">重复</a></li><li><a href="mailto:x@example.cn">信箱</a></li></ul>"""
    found = anchors(html, BASE)
    assert urls(found) == [
        "https://www.example.gov.cn/art/2024/6/3/art_12_1.html",
        "https://www.example.gov.cn/art/2024/6/1/art_12_2.html",
    ]
    assert (found[0].text, found[0].date, found[1].date) == ("全称标题", "2024-06-03", "2024-06-01")


def test_escaped_links_in_script_data_and_json_strings_are_found():
    text = r"""var rows = "<li><a href=\"\/art\/2024\/art_0123456789abcdef0123456789abcdef.html\">一<\/a>
    <span>2024-05-02<\/span><\/li>";
    var more = '<a href=\'/art/2024/art_fedcba9876543210fedcba9876543210.html\'>二</a>';"""
    found = raw_hrefs(text, BASE)
    assert urls(found) == [
        "https://www.example.gov.cn/art/2024/art_0123456789abcdef0123456789abcdef.html",
        "https://www.example.gov.cn/art/2024/art_fedcba9876543210fedcba9876543210.html",
    ]
    assert found[0].date == "2024-05-02"
    assert urls(find_links(f"<html><script>{text}</script></html>", BASE, re.compile(r"art_[0-9a-f]{32}"))) == urls(found)


# --- JPaaS ---------------------------------------------------------------------------------

SHELL = """<html><body>
<script src="/common/AuthorizedRead/unitbuild.js" id="n1" url="/api-gateway/jpaas-publish-server/front/page/build/unit"
 queryData="{'webId':'w1','pageId':'p1','tplSetId':'t1','pageType':'column','tagId':'栏目导航','editType':'null'}"></script>
<script src="/common/AuthorizedRead/unitbuild.js" id="l1" url="/api-gateway/jpaas-publish-server/front/page/build/unit"
 queryData="{'webId':'w1','pageId':'p1','tplSetId':'t1','pageType':'column','tagId':'信息列表','editType':'null','pageSize':'20'}"></script>
<script src="/common/AuthorizedRead/unitbuild.js" url="https://evil.example/steal" queryData="{'a':'b'}"></script>
<div class="pager" uniturl="/api-gateway/jpaas-publish-server/front/page/build/unit"
 queryData="{&quot;webId&quot;:&quot;w1&quot;,&quot;tagId&quot;:&quot;分页&quot;}"></div>
</body></html>"""


def test_a_jpaas_shell_names_its_units_list_first_and_no_foreign_data_service():
    assert jpaas.is_shell(SHELL)
    units, notes = jpaas.units(SHELL, BASE)
    assert [u.tag for u in units] == ["信息列表", "栏目导航", "分页"]
    assert notes == ["data service on another host left alone (evil.example)"]
    first = units[0]
    assert first.service == "https://www.example.gov.cn/api-gateway/jpaas-publish-server/front/page/build/unit"
    assert dict(first.params)["webId"] == "w1" and dict(first.params)["editType"] == "null"
    page2 = first.url(2, jpaas.page_size(first, ""))
    assert "paramJson=%7B%22pageNo%22%3A2%2C%22pageSize%22%3A20%7D" in page2
    assert "paramJson" not in first.url(1)


def test_query_data_in_single_quotes_json_or_loose_pairs():
    assert jpaas.query_data("{'webId':'a b','n':3}") == {"webId": "a b", "n": "3"}
    assert jpaas.query_data('{"tagId":"内容区域"}') == {"tagId": "内容区域"}
    assert jpaas.query_data("{webId:'x', tagId:\"y\"}") == {"webId": "x", "tagId": "y"}


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        ({"success": True, "data": {"html": "<ul></ul>"}}, ""),
        ({"success": False, "message": "单元不存在"}, "the answer says success=false (单元不存在)"),
        ({"success": True, "data": None}, "the answer has no data.html"),
        (["x"], "the answer is not a JSON object"),
    ],
)
def test_a_data_service_answer_is_read_or_explained(answer, why):
    assert jpaas.answer_html(answer)[1] == why


# --- JCMS ----------------------------------------------------------------------------------

COLUMN = """<div id="8801"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=21&path=/&columnid=12&unitid=8801
&permissiontype=0"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href='/art/2024/6/3/art_12_1.html' title='一'>一</a><span>2024-06-03</span></li>]]></record>
<record><![CDATA[<li><a href='/art/2024/6/1/art_12_2.html' title='二'>二</a><span>2024-06-01</span></li>]]></record>
</recordset></datastore></script></div>
<script>$('#8801').jpage({totalRecord:5, perPage:2, proxyUrl:'/module/web/jpage/dataproxy.jsp'});</script>"""


def test_a_jcms_datastore_gives_its_records_the_next_group_and_the_totals():
    store = jcms.read(COLUMN, BASE)
    assert store is not None
    assert urls(store.links) == [
        "https://www.example.gov.cn/art/2024/6/3/art_12_1.html",
        "https://www.example.gov.cn/art/2024/6/1/art_12_2.html",
    ]
    assert (store.records, store.total, store.per_page) == (2, 5, 2)
    assert store.proxy.startswith("https://www.example.gov.cn/module/web/jpage/dataproxy.jsp?page=1&")
    assert jcms.next_group(store, store.proxy, 2) == (3, 4, 2)
    assert jcms.next_group(store, store.proxy, 5) is None
    url = jcms.group_url(store.proxy, 3, 4, 2)
    assert url.startswith("https://www.example.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=3&endrecord=4&perpage=2&")
    assert "page=1" not in url and "columnid=12" in url and "unitid=8801" in url and url.endswith("&col=1")


def test_a_jcms_next_group_elsewhere_is_not_followed():
    assert jcms.proxy_problem("https://other.example.cn/module/web/jpage/dataproxy.jsp", BASE).startswith(
        "its data proxy is on another host"
    )
    assert "not a JCMS data proxy" in jcms.proxy_problem("https://www.example.gov.cn/admin/delete.jsp", BASE)
    assert jcms.proxy_problem("https://www.example.gov.cn/module/jpage/dataproxy.jsp?x=1", BASE) == ""


def test_a_dataproxy_answer_with_its_total():
    answer = """<?xml version="1.0" encoding="GBK"?><datastore><recordset>
    <record><![CDATA[<li><a href="/art/2024/5/30/art_12_3.html">三</a><span>2024-05-30</span></li>]]></record>
    </recordset><totalrecord>5</totalrecord><totalpage>3</totalpage></datastore>"""
    store = jcms.read(answer, BASE)
    assert store is not None and store.total == 5 and store.records == 1 and store.links[0].date == "2024-05-30"


# --- JSON ----------------------------------------------------------------------------------


def test_json_links_from_url_keys_markup_strings_and_jsonp():
    data = {
        "rows": [
            {"docTitle": "标题一", "docUrl": "/xhdt/2024/0611/1.html", "pubTime": "2024-06-11 09:00:00"},
            {"content": '<p><a href="/xhdt/2024/0603/2.html">标题二</a></p>'},
            {"title": "不是链接", "url": "联系我们"},
            {"nested": [{"link": "https://www.example.gov.cn/xhdt/2024/0601/3.html", "title": "<b>标题三</b>"}]},
        ]
    }
    text = json.dumps(data, ensure_ascii=False).replace("/", "\\/")
    found = jsonlist.links(text, BASE)
    assert urls(found) == [
        "https://www.example.gov.cn/xhdt/2024/0611/1.html",
        "https://www.example.gov.cn/xhdt/2024/0603/2.html",
        "https://www.example.gov.cn/xhdt/2024/0601/3.html",
    ]
    assert (found[0].text, found[0].date, found[2].text) == ("标题一", "2024-06-11", "标题三")
    assert urls(jsonlist.links(f"callback_12({text});", BASE)) == urls(found)
    assert jsonlist.looks_like_json(f"  callback_12({text})") and not jsonlist.looks_like_json("<html>")


def test_json_too_deep_or_broken_is_handled_without_an_error():
    deep = "[" * 5000 + "]" * 5000
    assert jsonlist.links(deep, BASE) == []
    broken = '{"html": "<a href=\\"/art/2024/art_0123456789abcdef0123456789abcdef.html\\">x</a>", '
    assert urls(jsonlist.links(broken, BASE)) == ["https://www.example.gov.cn/art/2024/art_0123456789abcdef0123456789abcdef.html"]


# --- feeds and sitemaps --------------------------------------------------------------------


def test_rss_atom_and_rdf_items():
    rss = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
    <item><title>一</title><link>https://www.example.gov.cn/a/1.html</link>
    <pubDate>Tue, 11 Jun 2024 09:00:00 +0800</pubDate></item>
    <item><title>二</title><guid>https://www.example.gov.cn/a/2.html</guid></item></channel></rss>"""
    found, kind = feed.links(rss, BASE)
    assert kind == "RSS" and urls(found) == ["https://www.example.gov.cn/a/1.html", "https://www.example.gov.cn/a/2.html"]
    assert found[0].date == "2024-06-11"
    atom = """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>三</title><link rel="enclosure" href="/f.pdf"/>
    <link href="/a/3.html"/><updated>2024-06-01T08:00:00Z</updated></entry></feed>"""
    found, kind = feed.links(atom, BASE)
    assert kind == "Atom" and urls(found) == ["https://www.example.gov.cn/a/3.html"] and found[0].date == "2024-06-01"
    rdf = """<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"><item rdf:about="https://www.example.gov.cn/a/4.html"><title>四</title>
    <dc:date>2024-05-04</dc:date></item></rdf:RDF>"""
    found, kind = feed.links(rdf, BASE)
    assert kind == "RDF" and urls(found) == ["https://www.example.gov.cn/a/4.html"] and found[0].date == "2024-05-04"


def test_a_feed_cannot_read_local_files_or_expand_entities():
    hostile = """<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY b "bbbbbbbb">]>
    <rss><channel><item><title>&x;&b;</title><link>https://www.example.gov.cn/a/&x;1.html</link></item></channel></rss>"""
    found, _ = feed.links(hostile, BASE)
    assert all("root:" not in link.url and "root:" not in link.text for link in found)


def test_sitemaps_urlset_news_and_index():
    urlset = """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://www.example.gov.cn/a/1.html</loc><lastmod>2024-06-01T10:00:00+08:00</lastmod></url>
    <url><loc>https://www.example.gov.cn/a/2.html</loc><news:news><news:publication_date>2024-06-02</news:publication_date>
    <news:title>二</news:title></news:news></url></urlset>"""
    pages, nested, kind = sitemap.links(urlset, BASE)
    assert kind == "urlset" and not nested
    assert [(p.url[-8:], p.date, p.text) for p in pages] == [("a/1.html", "2024-06-01", ""), ("a/2.html", "2024-06-02", "二")]
    index = """<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>/s-old.xml</loc><lastmod>2023-01-01</lastmod></sitemap>
    <sitemap><loc>/s-new.xml</loc><lastmod>2024-06-30</lastmod></sitemap>
    <sitemap><loc>https://other.example.cn/s.xml</loc><lastmod>2024-07-01</lastmod></sitemap></sitemapindex>"""
    _, nested, kind = sitemap.links(index, BASE)
    assert kind == "index" and nested == ["https://www.example.gov.cn/s-new.xml", "https://www.example.gov.cn/s-old.xml"]


def test_dates_in_feed_and_sitemap_formats():
    assert iso_date("2024-06-01T10:00:00+08:00") == "2024-06-01"
    assert iso_date("Sat, 01 Jun 2024 09:00:00 GMT") == "2024-06-01"
    assert iso_date("2024年6月1日") == "2024-06-01"
    assert iso_date("soon") == ""


# --- shapes and what a silent list says -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mime", "shape"),
    [
        ("<!DOCTYPE html><html><body><a href='/a.html'>a</a></body></html>", "text/html", "html"),
        (SHELL, "text/html", "jpaas"),
        (f"<html><body>{COLUMN}</body></html>", "text/html", "jcms"),
        ('<?xml version="1.0"?><datastore><recordset></recordset></datastore>', "text/xml", "jcms-proxy"),
        ('{"rows": []}', "text/html", "json"),
        ("cb([1])", "application/javascript", "json"),
        ('<?xml version="1.0"?><!-- c --><rss version="2.0"></rss>', "application/xml", "feed"),
        ('<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "", "feed"),
        ('<?xml version="1.0"?><urlset></urlset>', "text/xml", "sitemap"),
        ('<?xml version="1.0"?><data><a href="/x.html"/></data>', "application/xml", "xml"),
    ],
)
def test_the_shape_of_a_list_is_recognised(text, mime, shape):
    assert detect(Page(BASE, BASE, text, "utf-8", content_type=mime)) == shape


@pytest.mark.parametrize(
    ("url", "like"),
    [
        ("https://www.samr.gov.cn/rkjcs/tzgg/art/2024/art_2a0164bc81da4c889262fa935bed98aa.html", True),
        ("https://zjamr.zj.gov.cn/art/2024/6/3/art_1228_5001.html", True),
        ("https://www.cnca.gov.cn/xxgk/hydt/201906/t20190628_54321.shtml", True),
        ("https://amr.gd.gov.cn/zwgk/tzgg/content/post_3178563.html", True),
        ("https://www.cqn.com.cn/rz/content/2024-06/12/content_556677.htm", True),
        ("https://www.example.org.cn/news/show.asp?id=101", True),
        ("https://www.samr.gov.cn/rkjcs/tzgg/index.html", False),
        ("https://www.samr.gov.cn/", False),
        ("https://www.samr.gov.cn/hd/zxft/", False),
    ],
)
def test_what_looks_like_an_article(url, like):
    assert article_like(url) is like


def test_candidates_are_the_lists_own_site():
    assert site_of("https://www.samr.gov.cn/x") == "samr.gov.cn" and site_of("https://zjamr.zj.gov.cn/") == "zj.gov.cn"
    assert article_like("https://www.gov.cn/2024/06/03/content_1.htm", "samr.gov.cn") is False


def test_a_silent_list_says_what_it_saw():
    seen = [Link(f"https://www.example.gov.cn/art/2024/art_{n:032x}.html") for n in range(12)] + [
        Link("https://www.example.gov.cn/")
    ]
    report = ListReport(BASE, shape="html", seen=seen)
    why = report.problem()
    assert why.startswith("HTML list: 12 article-like links, none matching items; e.g. https://www.example.gov.cn/art/2024/art_")
    assert why.count("https://") == 3
    shell = ListReport(BASE, shape="jpaas", seen=[Link("https://www.example.gov.cn/")], in_html=1)
    shell.notes.append("data service (信息列表): failed: HTTP 500 after 3 retries")
    assert shell.problem() == (
        "list built by script: JPaaS unitbuild; 1 links in HTML, 1 in all, no article-like one; "
        "data service (信息列表): failed: HTTP 500 after 3 retries"
    )
    assert ListReport(BASE, error="failed: HTTP 404").problem() == "failed: HTTP 404"
    assert ListReport(BASE, shape="feed", kind="RSS").problem() == "feed (RSS): no item link (0 links, none article-like)"
    assert ListReport(BASE, shape="html", links=[seen[0]], seen=seen).problem() == ""


def test_an_xml_data_document_of_unknown_schema():
    from scrapers.fetch.lists import xml as xmllist

    text = """<?xml version="1.0" encoding="utf-8"?><result><rows>
    <row><title>标题一</title><docUrl>/xhdt/2024/0611/1.html</docUrl><pubDate>2024-06-11 09:00</pubDate></row>
    <row><title>二</title><link href="https://www.example.gov.cn/xhdt/2024/0603/2.html"/></row>
    <row><url>javascript:alert(1)</url><url>not a url</url></row></rows></result>"""
    found = xmllist.links(text, BASE)
    assert [(link.url, link.text, link.date) for link in found] == [
        ("https://www.example.gov.cn/xhdt/2024/0611/1.html", "标题一", "2024-06-11"),
        ("https://www.example.gov.cn/xhdt/2024/0603/2.html", "二", ""),
    ]
