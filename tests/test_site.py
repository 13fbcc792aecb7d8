"""The site as a whole: every page in both languages, the right language attribute, readable heading
ids, and nothing loaded from another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, authored_pages, nav_pages, page_path, soup


def test_every_page_is_written_in_both_languages() -> None:
    assert authored_pages("ja") == authored_pages("en")


def test_every_chapter_of_the_handbook_is_in_the_navigation() -> None:
    chapters = {
        "introduction.md",
        "kirari-model.md",
        "formation-steps/index.md",
        "workshops/index.md",
        "organization/index.md",
        "people-and-money/index.md",
        "platform.md",
        "support-programs/index.md",
        "cases/index.md",
        "relationship-population.md",
        "prefecture-municipal.md",
        "glossary.md",
        "worksheets/index.md",
        "about.md",
    }
    assert chapters <= set(nav_pages())
    assert set(nav_pages()) <= set(authored_pages("ja"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_built_with_its_language_and_title(site: Path, language: str) -> None:
    for page in authored_pages(language):
        document = soup(page_path(site, language, page))
        assert document.html is not None and document.html.get("lang") == language, page
        h1 = document.find("h1")
        assert h1 is not None and h1.get_text(strip=True), f"{page} has no title"
        description = document.find("meta", attrs={"name": "description"})
        assert description is not None and description.get("content"), f"{page} has no description"


def test_japanese_headings_get_readable_ids(html) -> None:  # type: ignore[no-untyped-def]
    document = html("ja", "formation-steps/index.md")
    ids = [heading["id"] for heading in document.select("h2[id], h3[id]")]
    assert ids, "the chapter has no headings"
    assert not [value for value in ids if re.fullmatch(r"_\d+", value)], ids
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", value) for value in ids), ids


def test_language_switcher_leads_to_the_same_page(html) -> None:  # type: ignore[no-untyped-def]
    for page in authored_pages("ja"):
        links = {a["hreflang"]: a["href"] for a in html("ja", page).select("a.md-select__link[hreflang]")}
        expected = page.removesuffix(".md").removesuffix("index").removesuffix("/")
        assert links["en"].rstrip("/").endswith(("en/" + expected).rstrip("/")), (page, links)


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    for path in site.rglob("*.html"):
        document = soup(path)
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in document.find_all(tag):
                value = element.get(attribute) or ""
                if tag == "link" and element.get("rel") not in (
                    ["stylesheet"],
                    ["preload"],
                    ["icon"],
                    ["modulepreload"],
                ):
                    continue
                assert not re.match(r"^(https?:)?//", str(value)), f"{path.relative_to(site)} loads {value}"
    for css in site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(encoding="utf-8"), css


# Written by `make build` after MkDocs (PDFs, offline ZIP); the pages may link them before they exist.
LATER_OUTPUTS = ("pdf/", "downloads/")


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    from urllib.parse import unquote, urljoin, urlsplit

    from conftest import built_urls

    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            ids[page] = {str(tag["id"]) for tag in soup(page).select("[id]")}
        return ids[page]

    broken = []
    base = "http://handbook.invalid/"
    for url in built_urls(site):
        page = site / url / "index.html"
        for link in soup(page).select("a[href]"):
            href = str(link["href"])
            target = urlsplit(urljoin(base + url, href))
            if target.scheme not in ("http", "https") or target.netloc != "handbook.invalid":
                continue
            path = unquote(target.path).removeprefix("/")
            if path.startswith(LATER_OUTPUTS):
                continue
            file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
            if not file.is_file():
                broken.append(f"{url}: {href} (no {file.relative_to(site)})")
            elif target.fragment and file.suffix == ".html" and unquote(target.fragment) not in anchors(file):
                broken.append(f"{url}: {href} (no #{unquote(target.fragment)})")
    assert not broken, "\n".join(broken[:30])
