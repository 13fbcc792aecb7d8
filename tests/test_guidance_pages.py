"""The FAQ and the legal and practical cautions: in both languages, each question answered with a link to the
chapter that explains it, each caution with the official pages it rests on."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, load_yaml, page_path, report, soup

CAUTION_SOURCES = {
    "transport": ["kanagawa-transport-no-registration", "minamiizu-transport-guideline-2024"],
    "food": ["yamagata-food-temporary"],
    "insurance": ["shimane-volunteer-insurance", "fukushi-hoken-event-insurance"],
    "personal information": ["law-personal-information", "ueda-neighborhood-privacy", "tama-neighborhood-privacy"],
    "accounts and audit": ["law-npo-act", "hyogo-npo-annual-reports"],
}


def test_the_faq_answers_at_least_15_questions_with_a_chapter_link_each(site: Path) -> None:
    counts = {}
    for language in LANGUAGES:
        article = soup(page_path(site, language, "faq.md")).select_one("article")
        questions = article.select("h3")
        counts[language] = len(questions)
        for question in questions:
            answer = []
            for sibling in question.find_next_siblings():
                if sibling.name in ("h2", "h3"):
                    break
                answer.append(sibling)
            links = [a["href"] for part in answer for a in part.select("a[href]") if not a["href"].startswith("#")]
            text = " ".join(part.get_text(" ") for part in answer)
            assert links, f"{language}: '{question.get_text(strip=True)}' links to no chapter"
            assert len(text) > 40, f"{language}: '{question.get_text(strip=True)}' has no real answer"
    report("FAQ questions per language", [f"{language}: {count}" for language, count in counts.items()])
    assert counts["ja"] == counts["en"] >= 15


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_caution_rests_on_official_pages_listed_at_the_end(site: Path, language: str) -> None:
    article = soup(page_path(site, language, "cautions.md")).select_one("article")
    sections = article.select("h2")
    assert len(sections) >= len(CAUTION_SOURCES) + 1  # the cautions, then "read next" and the sources
    listed = article.get_text(" ")
    sources = {record["id"]: record for record in load_yaml(ROOT / "data" / "sources.yml")}  # type: ignore[union-attr]
    for topic, ids in CAUTION_SOURCES.items():
        for source_id in ids:
            source = sources[source_id]
            assert source["url"].startswith("https://") or source["url"].startswith("http://"), source_id
            assert source["title"][language] in listed, f"{topic}: {source_id} is not listed on the page"
    # Each caution says plainly whom to ask.
    ask = "相談先" if language == "ja" else "Whom to ask"
    assert [strong.get_text(strip=True) for strong in article.select("p > strong")].count(ask) == len(CAUTION_SOURCES)
