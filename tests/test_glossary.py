"""hooks/glossary.py: glossary terms explain themselves on hover, on every page, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, load_yaml, soup

TERMS = load_yaml(ROOT / "data" / "glossary.yml")


@pytest.mark.parametrize("language", LANGUAGES)
def test_terms_in_running_text_carry_their_definition(site: Path, language: str) -> None:
    definitions = {term["term"][language]: term["definition"][language] for term in TERMS}
    root = site if language == "ja" else site / "en"
    pages_with_tooltips = checked = 0
    for path in root.rglob("index.html"):
        if language == "ja" and path.relative_to(site).parts[0] == "en":
            continue
        abbrs = soup(path).select("article abbr[title]")
        pages_with_tooltips += bool(abbrs)
        for abbr in abbrs:
            term = abbr.get_text()
            if term in definitions:
                assert abbr["title"] == definitions[term]
                checked += 1
    assert pages_with_tooltips >= 10
    assert checked >= 10, "too few tooltips carry a glossary definition"


def test_a_japanese_term_inside_a_sentence_is_found(html) -> None:  # type: ignore[no-untyped-def]
    terms = {abbr.get_text() for abbr in html("ja", "introduction.md").select("article abbr")}
    assert "地域運営組織" in terms


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_page_lists_every_term(html, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "glossary.md")
    listed = {dt["id"].removeprefix("term-") for dt in document.select("dl.handbook-glossary dt")}
    assert listed == {term["id"] for term in TERMS}


def test_latin_terms_match_whole_words_only() -> None:
    import re

    from glossary import term_pattern

    assert re.search(term_pattern("NPO"), "NPO法人")
    assert not re.search(term_pattern("NPO"), "NPOs")
    assert re.search(term_pattern("地域運営組織"), "この地域運営組織は")
