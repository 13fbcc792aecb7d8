"""hooks/glossary.py: a glossary term explains itself on hover where a reader first meets it in each h2
section (never in headings, links or table headers), on every page, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import LANGUAGES, ROOT, load_yaml, report, soup

TERMS = load_yaml(ROOT / "data" / "glossary.yml")


def term_text(abbr: Tag) -> str:
    """The term as written, without the furigana the Japanese pages put over its kanji."""
    return "".join(str(text) for text in abbr.find_all(string=True) if text.parent.name not in ("rt", "rp"))


def language_pages(site: Path, language: str) -> list[Path]:
    root = site if language == "ja" else site / "en"
    return sorted(
        path
        for path in root.rglob("index.html")
        if not (language == "ja" and path.relative_to(site).parts[0] == "en")
        and path.relative_to(site).parts[0] not in ("assets", "search", "pdf")
    )


def sections(article: Tag) -> list[list[Tag]]:
    """The article's glossary marks grouped by h2 section, in reading order."""
    groups: list[list[Tag]] = [[]]
    for element in article.find_all(["h2", "abbr"]):
        if element.name == "h2":
            groups.append([])
        elif element.get("title"):
            groups[-1].append(element)
    return groups


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
            term = term_text(abbr)
            assert term in definitions, term
            assert abbr["title"] == definitions[term]
            checked += 1
    assert pages_with_tooltips >= 10
    assert checked >= 10, "too few tooltips carry a glossary definition"


def test_a_japanese_term_inside_a_sentence_is_found(html) -> None:  # type: ignore[no-untyped-def]
    terms = {term_text(abbr) for abbr in html("ja", "introduction.md").select("article abbr")}
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_term_is_marked_once_per_section_and_never_in_headings_links_or_table_headers(
    site: Path, language: str
) -> None:
    lines = []
    total = 0
    for path in language_pages(site, language):
        article = soup(path).select_one("article")
        if article is None:
            continue
        placed = article.select(":is(h1, h2, h3, h4, h5, h6, a, th) abbr[title], abbr[title] abbr[title]")
        assert not placed, f"{path}: {[term_text(abbr) for abbr in placed][:5]}"
        marks = 0
        for group in sections(article):
            terms = [term_text(abbr) for abbr in group]
            repeated = {term for term in terms if terms.count(term) > 1}
            assert not repeated, f"{path}: {sorted(repeated)} marked more than once in one section"
            marks += len(terms)
        total += marks
        lines.append(f"{marks:5d}  /{path.parent.relative_to(site).as_posix()}/")
    report(f"Glossary marks per page ({language})", [*lines, f"{total:5d}  total"])


def test_the_glossary_page_shows_each_term_with_its_definition(html) -> None:  # type: ignore[no-untyped-def]
    document: BeautifulSoup = html("ja", "glossary.md")
    for term in TERMS:  # type: ignore[union-attr]
        dt = document.select_one(f"dl.handbook-glossary dt#term-{term['id']}")
        assert dt is not None and term["term"]["ja"] in term_text(dt)
