"""Search in the real browser: each language searches its own pages, Japanese queries written with
hiragana and katakana find their page, and recall@5 over tests/search_queries.yml is printed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import LANGUAGES, ROOT, load_yaml, report
from playwright.sync_api import Page

QUERIES: dict[str, list[dict[str, Any]]] = load_yaml(ROOT / "tests" / "search_queries.yml")
RECALL_GOAL = 0.9
RESULTS: dict[str, dict[str, list[str]]] = {}


def language_root(server: str, language: str) -> str:
    return server if language == "ja" else f"{server}{language}/"


META_IS = """([text, equal]) => {
  const meta = document.querySelector('.md-search-result__meta')
  return meta !== null && (meta.textContent.trim() === text) === equal
}"""


def search(tab: Page, query: str) -> list[str]:
    """Type a query into Material's search box and return the pages of the first five results,
    relative to the language's root (e.g. 'workshops/')."""
    field = tab.locator("input.md-search__input")
    placeholder = tab.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
    )
    field.fill("")
    field.press("End")
    tab.wait_for_function(META_IS, arg=[placeholder, True])
    field.fill(query)
    field.press("End")  # the search box reacts to key events, not to fill() alone
    tab.wait_for_function(META_IS, arg=[placeholder, False])
    # Material groups results by page: the first link of each item is the page, the rest its sections
    links = tab.locator("li.md-search-result__item > a.md-search-result__link:first-child").evaluate_all(
        "links => links.map(link => link.href)"
    )
    return [page_of(link, tab.url) for link in links[:5]]


def page_of(link: str, current: str) -> str:
    path = urlsplit(link).path
    root = urlsplit(current).path
    return path.removeprefix(root) if path.startswith(root) else path


@pytest.fixture(scope="module")
def answers(browser, server: str) -> dict[str, dict[str, list[str]]]:  # type: ignore[no-untyped-def]
    """Every query of the query set, typed into the search box of its language's home page."""
    for language in LANGUAGES:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.goto(language_root(server, language))
        tab.locator("input.md-search__input").click()
        RESULTS[language] = {str(item["query"]): search(tab, str(item["query"])) for item in QUERIES[language]}
        context.close()
    return RESULTS


def recall(language: str, answers: dict[str, dict[str, list[str]]]) -> tuple[float, list[str]]:
    misses = []
    for item in QUERIES[language]:
        found = answers[language][str(item["query"])]
        if not set(found) & {str(page) for page in item["expect"]}:
            misses.append(f"{item['query']}: expected {item['expect']}, got {found or 'no result'}")
    return 1 - len(misses) / len(QUERIES[language]), misses


def test_the_query_sets_are_large_enough() -> None:
    assert len(QUERIES["ja"]) >= 30
    assert len(QUERIES["en"]) >= 15


@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_at_5_meets_the_goal(answers: dict[str, dict[str, list[str]]], language: str) -> None:
    score, misses = recall(language, answers)
    lines = [f"recall@5 {language}: {score:.2f} over {len(QUERIES[language])} queries (goal {RECALL_GOAL})"]
    lines += [f"  missed  {miss}" for miss in misses]
    report(f"search recall@5 ({language})", lines)
    assert score >= RECALL_GOAL, "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
def test_results_stay_in_the_readers_language(answers: dict[str, dict[str, list[str]]], language: str) -> None:
    for query, pages in answers[language].items():
        for page in pages:
            assert not page.startswith("/"), f"{query!r} on the {language} site led to {page}, outside its language"


def test_each_language_has_its_own_search_index(site: Path) -> None:
    for language in LANGUAGES:
        root = site if language == "ja" else site / language
        index = json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [language]
        # A page fetches only the configuration; the text waits until the reader searches
        assert index["docs"] == []
        docs = json.loads((site / index["config"]["handbook_docs"]).read_text(encoding="utf-8"))
        locations = [doc["location"] for doc in docs]
        assert len(locations) > 100 and not any(location.startswith("en/") for location in locations)


def test_the_pages_text_is_fetched_only_when_a_reader_searches(tab: Page, server: str) -> None:
    fetched: list[str] = []
    tab.on("request", lambda request: fetched.append(request.url))
    tab.goto(server)
    tab.wait_for_load_state("networkidle")
    assert not any(url.endswith("search_index.docs.json") for url in fetched), "the text came with the page"
    assert search(tab, "小さな拠点")[0] == "introduction/"
    assert any(url.endswith("/search/search_index.docs.json") for url in fetched)
