"""An article with an image and a PDF attachment: built, linked, and passing the publish link check.

The documented form (``{static}/images/…``, ``{static}/attachments/<slug>/…``) must work in
both builds: relative URLs for the preview and absolute ones under a sub-path for the
published site, where a path from the site's root would break.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.check_links import broken_links

from ..conftest import ALL_PLUGINS, SITEURL, build, copy_content

SLUG = "2021-03-15-6efc2bf0"


def _with_media(tmp_path: Path, text: str) -> Path:
    content = copy_content(tmp_path)
    (content / "images").mkdir()
    (content / "images" / "kaifangri.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    folder = content / "attachments" / SLUG
    folder.mkdir(parents=True)
    (folder / "tongzhi.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    article = content / "articles" / f"{SLUG}.md"
    article.write_text(article.read_text(encoding="utf-8") + text, encoding="utf-8")
    return content


MEDIA = (
    "\n![会员大会现场]({static}/images/kaifangri.png)\n\n附件：\n\n"
    f"- [会员大会通知]({{static}}/attachments/{SLUG}/tongzhi.pdf)（PDF，15 B）\n"
)


@pytest.mark.parametrize("siteurl", ["", SITEURL])
def test_image_and_attachment_build_and_resolve(tmp_path: Path, siteurl: str) -> None:
    content = _with_media(tmp_path, MEDIA)
    done = build(tmp_path / "out", plugins=ALL_PLUGINS, content=content, siteurl=siteurl).ok()
    page = done.soup(f"articles/{SLUG}/index.html")
    img = page.select_one(".article__body img")
    link = page.select_one(f'.article__body a[href$="attachments/{SLUG}/tongzhi.pdf"]')
    assert img is not None and img["alt"] == "会员大会现场" and link is not None
    if siteurl:
        assert img["src"] == f"{SITEURL}/images/kaifangri.png"
    else:
        assert img["src"] == "../../images/kaifangri.png"
    assert (done.out / "images" / "kaifangri.png").is_file()
    assert (done.out / "attachments" / SLUG / "tongzhi.pdf").read_bytes().startswith(b"%PDF")
    assert broken_links(done.out, siteurl) == []


def test_a_path_from_the_site_root_stops_the_build_before_the_link_check_would(tmp_path: Path) -> None:
    """`/images/x.png` works in the preview and breaks under the published sub-path: refused up front."""
    content = _with_media(tmp_path, "\n![现场](/images/kaifangri.png)\n\n![外站](https://example.cn/x.png)\n")
    done = build(tmp_path / "out", plugins=("validate",), content=content, siteurl=SITEURL)
    assert done.returncode == 1
    assert "'/images/kaifangri.png' is a path from the site's root" in done.output
    assert "write {static}/images/kaifangri.png" in done.output
    assert "image 'https://example.cn/x.png' is on another site" in done.output
