"""hooks/case_studies.py: one page per case study and language, and cards linking to them."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, heading_text, load_yaml, page_path, soup

CASES = [load_yaml(path) for path in sorted((ROOT / "data" / "cases").glob("*.yml"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_case_study_has_its_own_page(site: Path, language: str) -> None:
    for case in CASES:
        path = page_path(site, language, f"cases/{case['id']}.md")  # type: ignore[index]
        assert path.is_file(), path
        document = soup(path)
        assert document.html["lang"] == language  # type: ignore[index]
        assert heading_text(document.h1) == case["name"][language]  # type: ignore[index]
        text = " ".join(document.get_text().split())
        assert " ".join(case["background"][language].split()) in text  # type: ignore[index]
        for activity in case["activities"]:  # type: ignore[index]
            assert " ".join(activity[language].split()) in text
        other = "en" if language == "ja" else "ja"
        switch = document.select_one(f"a.md-select__link[hreflang={other}]")
        assert switch is not None and switch["href"].rstrip("/").endswith(f"cases/{case['id']}")  # type: ignore[index]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_list_links_every_case_and_the_links_resolve(site: Path, html, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "cases/index.md")
    cards = document.select(".handbook-cases li")
    linked = {a["href"].rstrip("/").split("/")[-1] for a in document.select(".handbook-cases a")}
    assert linked == {case["id"] for case in CASES}  # type: ignore[index]
    assert cards
    base = page_path(site, language, "cases/index.md").parent
    for link in document.select(".handbook-cases a"):
        assert (base / link["href"] / "index.html").resolve().is_file(), link["href"]


def test_case_pages_are_listed_in_the_navigation(html) -> None:  # type: ignore[no-untyped-def]
    nav = html("ja", "cases/index.md").select_one("nav.md-nav--primary")
    assert nav is not None
    text = nav.get_text()
    for case in CASES:
        assert case["name"]["ja"] in text  # type: ignore[index]


# The shape every case page shows: each field is either on the page or named once in the line of
# fields no source states. Labels come from the same UI strings the template uses.
def _shape_labels(language: str) -> dict[str, str]:
    from handbook.models import CASE_SHAPE
    from handbook.render import UI

    return {name: UI[name][language] for name in CASE_SHAPE}


def _filled(case: dict[str, object], name: str) -> bool:
    return case.get(name) not in (None, [], "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_case_page_shows_each_field_or_lists_it_once_as_not_stated(site: Path, language: str) -> None:
    from handbook.render import UI

    labels = _shape_labels(language)
    for case in CASES:
        document = soup(page_path(site, language, f"cases/{case['id']}.md"))  # type: ignore[index]
        article = document.select_one("article")
        assert article is not None
        unstated = article.select(".handbook-case-unstated")
        missing = [name for name in labels if not _filled(case, name)]  # type: ignore[arg-type]
        assert len(unstated) == (1 if missing else 0), case["id"]  # type: ignore[index]
        listed = unstated[0].get_text() if unstated else ""
        shown = {heading_text(tag) for tag in article.select("h2")}
        shown |= {" ".join(tag.get_text().split()) for tag in article.select("dl.handbook-case-facts > dt")}
        for name, label in labels.items():
            if _filled(case, name):  # type: ignore[arg-type]
                assert label in shown, (case["id"], name)  # type: ignore[index]
                assert label not in listed.replace(UI["unstated"][language], ""), (case["id"], name)  # type: ignore[index]
            else:
                assert label in listed, (case["id"], name)  # type: ignore[index]


def test_every_case_cites_a_public_source_with_a_web_address(site: Path) -> None:
    sources = {source["id"]: source for source in load_yaml(ROOT / "data" / "sources.yml")}  # type: ignore[union-attr]
    for case in CASES:
        cited = case["sources"]  # type: ignore[index]
        assert any(sources[source_id].get("url") for source_id in cited), case["id"]  # type: ignore[index]
        for language in LANGUAGES:
            document = soup(page_path(site, language, f"cases/{case['id']}.md"))  # type: ignore[index]
            links = [a["href"] for a in document.select(".handbook-sources a[href]")]
            assert any(href.startswith(("http://", "https://")) for href in links), (case["id"], language)  # type: ignore[index]


JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def test_every_case_page_has_enough_japanese_text_and_none_only_says_its_source_is_unreadable(site: Path) -> None:
    for case in CASES:
        article = soup(page_path(site, "ja", f"cases/{case['id']}.md")).select_one("article")  # type: ignore[index]
        assert article is not None
        text = "".join(article.get_text().split())
        assert len(JAPANESE.findall(text)) >= 600, (case["id"], len(JAPANESE.findall(text)))  # type: ignore[index]
        for activity in case["activities"]:  # type: ignore[index]
            assert "読み取れません" not in activity["ja"], case["id"]  # type: ignore[index]


def test_the_collection_covers_both_forms_and_the_legal_forms() -> None:
    assert len(CASES) >= 26
    forms = Counter(case.get("form") for case in CASES)  # type: ignore[union-attr]
    assert forms["integrated"] >= 3 and forms["separated"] >= 3, forms
    legal = {case.get("legal_form") for case in CASES}  # type: ignore[union-attr]
    assert {"npo", "stock-company", "llc", "voluntary", "workers-cooperative"} <= legal, legal
    assert any(case.get("prefecture") == "yamagata" for case in CASES)  # type: ignore[union-attr]
    assert sum(case.get("prefecture") != "yamagata" for case in CASES) >= 10  # type: ignore[union-attr]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comparison_table_lists_every_case_in_order_of_founding(html, language: str) -> None:  # type: ignore[no-untyped-def]
    table = html(language, "cases/index.md").select_one(".handbook-case-comparison table")
    assert table is not None and table.caption is not None
    rows = table.select("tbody tr")
    linked = [row.select_one("th a")["href"].rstrip("/").split("/")[-1] for row in rows]  # type: ignore[index]
    assert sorted(linked) == sorted(case["id"] for case in CASES)  # type: ignore[index]
    founded = [row.select("td")[-1]["data-sort"] for row in rows]
    assert founded == sorted(founded), "rows follow the founding date, unknown dates last"
    by_id = {case["id"]: case for case in CASES}  # type: ignore[index]
    for case_id, row in zip(linked, rows, strict=True):
        households = by_id[case_id].get("households")  # type: ignore[union-attr]
        cell = row.select("td")[3]
        if households:
            assert f"{households['value']:,}" in cell.get_text()
        else:
            assert cell["data-sort"] == "~"


def test_readers_can_sort_the_comparison_table_and_print_it_in_founding_order(tab, server: str) -> None:  # type: ignore[no-untyped-def]
    tab.goto(server + "cases/")
    table = tab.locator(".handbook-case-comparison table")
    heading = table.locator("thead th").nth(4)  # households
    before = table.locator("tbody tr th a").evaluate_all("links => links.map(a => a.textContent)")
    heading.focus()
    tab.keyboard.press("Enter")
    keys = table.locator("tbody tr td:nth-of-type(4)").evaluate_all("cells => cells.map(c => c.dataset.sort)")
    assert keys == sorted(keys), "sorted by households, unknown counts last"
    assert table.locator("tbody tr th a").evaluate_all("links => links.map(a => a.textContent)") != before
    assert heading.get_attribute("aria-sort") == "ascending"
    tab.reload()
    tab.emulate_media(media="print")
    founded = table.locator("tbody tr td:nth-of-type(5)").evaluate_all("cells => cells.map(c => c.dataset.sort)")
    assert founded == sorted(founded)
    assert table.is_visible()
