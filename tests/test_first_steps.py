"""「はじめの一歩」 (docs/*/first-steps.md): the one page a 自治会長 or a resident starts from, linked first from
the home page: what a community-run organization is in three sentences, five things to do this month
(each linked to the chapter that explains it), whom to ask: from its title to whom to ask, one screen of a
360×740 phone; the whole page, one A4 sheet on paper."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import LANGUAGES, report
from playwright.sync_api import Browser
from pypdf import PdfReader

SECTIONS = {
    "ja": ("地域運営組織とは", "今月すること", "相談先"),
    "en": ("What an RMO is", "This month", "Whom to ask"),
}
PHONE = {"width": 360, "height": 740}
MEASURED: list[str] = []


def section(document: BeautifulSoup, title: str) -> list[Tag]:
    heading = next(h2 for h2 in document.select("article h2") if " ".join(h2.get_text().split()).startswith(title))
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        if isinstance(sibling, Tag):
            parts.append(sibling)
    return parts


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_links_first_steps_first(html, language: str) -> None:  # type: ignore[no-untyped-def]
    article = html(language, "index.md").select_one("article")
    assert article is not None
    content_links = [
        a["href"]
        for a in article.select("a[href]")
        if not a.find_parent(class_="handbook-pdf-link")
        and "md-content__button" not in (a.get("class") or [])
        and "headerlink" not in (a.get("class") or [])
    ]
    assert content_links[0] == "first-steps/", content_links[:3]


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_steps_says_what_an_rmo_is_what_to_do_and_whom_to_ask(html, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "first-steps.md")
    what, todo, whom = SECTIONS[language]
    definition = " ".join(part.get_text(" ") for part in section(document, what))
    ends = re.findall(r"。" if language == "ja" else r"\.(?:\s|$)", definition)
    assert len(ends) == 3, definition
    steps = [item for part in section(document, todo) for item in part.select("ol > li")]
    assert len(steps) == 5
    for step in steps:
        link = step.find("a", href=True)
        assert link is not None and link["href"].startswith("../"), step  # into a chapter of the handbook
    contacts = [item for part in section(document, whom) for item in part.select("li")]
    assert len(contacts) >= 3
    assert document.select("ol.handbook-sources > li"), "cites its sources"


def test_first_steps_prints_on_one_a4_sheet_and_stays_short_on_a_phone(browser: Browser, server: str) -> None:
    for language in LANGUAGES:
        url = server + ("first-steps/" if language == "ja" else "en/first-steps/")
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        tab = context.new_page()
        tab.goto(url)
        heights = tab.evaluate(
            """() => {
              const top = document.querySelector('article h1').getBoundingClientRect().top;
              const part = selector => document.querySelector(selector).getBoundingClientRect().bottom - top;
              return {steps: part('.handbook-one-page ol'), contacts: part('.handbook-one-page ul')};
            }"""
        )
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        tab.emulate_media(media="print")
        sheets = len(PdfReader(io.BytesIO(tab.pdf(format="A4"))).pages)
        context.close()
        screens = {name: height / PHONE["height"] for name, height in heights.items()}
        MEASURED.append(
            f"{language}: title to the five steps {screens['steps']:.2f} screens, to whom to ask "
            f"{screens['contacts']:.2f} screens at 360×740; {sheets} A4 sheet(s)"
        )
        assert overflow <= 0
        assert sheets == 1, f"{language}: {sheets} A4 sheets"
        assert screens["contacts"] <= 1.0, screens
    report("first steps (はじめの一歩)", MEASURED)
