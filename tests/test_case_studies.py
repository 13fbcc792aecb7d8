"""hooks/case_studies.py: one page per case study and language, and cards linking to them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, heading_text, load_yaml, page_path, soup

CASES = [load_yaml(path) for path in sorted((ROOT / "data" / "cases").glob("*.yml"))]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_case_study_has_its_own_page(site: Path, language: str) -> None:
    for case in CASES:
        path = page_path(site, language, f"cases/{case['id']}.md")
        assert path.is_file(), path
        document = soup(path)
        assert document.html["lang"] == language  # type: ignore[index]
        assert heading_text(document.h1) == case["name"][language]
        text = " ".join(document.get_text().split())
        assert " ".join(case["background"][language].split()) in text
        for activity in case["activities"]:
            assert " ".join(activity[language].split()) in text
        other = "en" if language == "ja" else "ja"
        switch = document.select_one(f"a.md-select__link[hreflang={other}]")
        assert switch is not None and str(switch["href"]).rstrip("/").endswith(f"cases/{case['id']}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_case_list_links_every_case_and_the_links_resolve(site: Path, html, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "cases/index.md")
    cards = document.select(".handbook-cases li")
    linked = {a["href"].rstrip("/").split("/")[-1] for a in document.select(".handbook-cases a")}
    assert linked == {case["id"] for case in CASES}
    assert cards
    base = page_path(site, language, "cases/index.md").parent
    for link in document.select(".handbook-cases a"):
        assert (base / link["href"] / "index.html").resolve().is_file(), link["href"]


def test_case_pages_are_listed_in_the_navigation(html) -> None:  # type: ignore[no-untyped-def]
    nav = html("ja", "cases/index.md").select_one("nav.md-nav--primary")
    assert nav is not None
    text = nav.get_text()
    for case in CASES:
        assert case["name"]["ja"] in text
