"""The English edition's term list (data/terms.yml): one English form per concept and name.

The check reads the text of every built English page, so tables, cards and case pages generated from
data/ are held to the list as well as the Markdown chapters, and prints how often each term is used.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, heading_text, load_yaml, report, soup
from pydantic import ValidationError

from handbook.models import Term

TERMS_FILE = ROOT / "data" / "terms.yml"


def load_terms() -> list[Term]:
    try:
        records = load_yaml(TERMS_FILE)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        pytest.fail(f"data/terms.yml{line}: this is not valid YAML: {getattr(error, 'problem', error)}")
    assert isinstance(records, list), "data/terms.yml must be a list of terms, each starting with '- ja: …'"
    terms = []
    for index, record in enumerate(records, start=1):
        try:
            terms.append(Term.model_validate(record))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            pytest.fail(f"data/terms.yml, term #{index} ({record.get('ja')}): field '{field}': {first['msg']}")
    return terms


def phrase(words: str) -> re.Pattern[str]:
    """A phrase as whole words in any letter case, whatever spaces or line breaks stand between its words."""
    parts = (re.escape(part) for part in words.split())
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def english_pages(site: Path) -> dict[str, str]:
    """The reader-visible text of every English page: its title and its content (the side bar's labels are
    page titles, checked on their own pages)."""
    pages = {}
    for path in sorted((site / "en").rglob("*.html")):
        document = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        main = document.select_one("article")
        if main is None:
            continue
        for hidden in main.select("script, style, .headerlink"):
            hidden.decompose()
        title = document.title.get_text() if document.title else ""
        pages[path.relative_to(site).as_posix()] = title + "\n" + main.get_text(" ")
    return pages


def test_the_matcher_finds_a_variant_and_spares_the_term() -> None:
    text = "A hamlet survey, then a community\nsurvey; the community-surveys page and a Settlement."
    assert len(phrase("community survey").findall(text)) == 1
    assert len(phrase("settlement").findall(text)) == 1
    assert not phrase("hamlet").search("hamlets-wide")


def test_each_term_is_listed_once() -> None:
    terms = load_terms()
    forms = Counter(variant.lower() for term in terms for variant in term.variants)
    twice = sorted(form for form, count in forms.items() if count > 1)
    assert not twice, f"data/terms.yml lists these variants under more than one term: {twice}"
    english = {term.en.lower() for term in terms}
    clashing = sorted(form for form in forms if form in english)
    assert not clashing, f"data/terms.yml gives these as both a term and a variant: {clashing}"


def test_glossary_uses_the_listed_english_terms() -> None:
    """A glossary tooltip appears only where a page uses the glossary's English words: they must be the list's."""
    listed = {term.ja: term.en for term in load_terms()}
    problems = []
    for record in load_yaml(ROOT / "data" / "glossary.yml"):  # type: ignore[attr-defined]
        ja, en = record["term"]["ja"], record["term"]["en"]
        if ja in listed and not en.lower().startswith(listed[ja].lower()):
            problems.append(f"data/glossary.yml, term '{record['id']}': '{en}' but data/terms.yml says '{listed[ja]}'")
    assert not problems, "\n".join(problems)


def test_english_pages_use_one_term_per_concept(site: Path) -> None:
    terms = load_terms()
    pages = english_pages(site)
    assert len(pages) > 20, "the English site was not found"
    problems = []
    rows = []
    for term in terms:
        used = sum(len(phrase(term.en).findall(text)) for text in pages.values())
        drift = 0
        for variant in term.variants:
            pattern = phrase(variant)
            for page, text in pages.items():
                found = pattern.findall(text)
                if found:
                    drift += len(found)
                    problems.append(f"{page}: '{found[0]}' ×{len(found)} — write '{term.en}' ({term.ja})")
        rows.append(f"{term.ja:24} {term.en:44} used {used:4}  variants {drift}")
    report("English term list: uses and variants per term", rows)
    assert not problems, f"{len(problems)} variant(s) of listed terms on English pages:\n" + "\n".join(problems)


def chapter_titles(site: Path) -> dict[str, str]:
    """Each built English page's address (relative to the site) and its title as the page shows it."""
    titles = {}
    for path in (site / "en").rglob("index.html"):
        h1 = soup(path).select_one("article h1")
        if h1 is not None:
            titles[path.parent.relative_to(site).as_posix() + "/"] = heading_text(h1)
    return titles


def names_another_title(text: str, title: str) -> bool:
    """A link's words that start like a page's title of three or more words but end otherwise:
    "People, money and operations" for "People, money and management". The title's first words alone
    ("Hamlet survey" for "Hamlet survey (before workshop ②)") are a short form of it, not another name."""
    words, title_words = text.split(), title.split()
    shortened = title.startswith(text) and not title[len(text) : len(text) + 1].isalnum()
    return len(title_words) >= 3 and words[:2] == title_words[:2] and not shortened


def test_a_link_that_names_a_page_uses_its_title(site: Path) -> None:
    titles = chapter_titles(site)
    problems = []
    for address in titles:
        for link in soup(site / address / "index.html").select("article a[href]"):
            target = urljoin("/" + address, str(link["href"])).split("#")[0].lstrip("/")
            text = " ".join(link.get_text(" ").split())
            if target in titles and names_another_title(text, titles[target]):
                problems.append(f"/{address}: '{text}' links to '{titles[target]}'")
    assert len(titles) > 20, "the English site was not found"
    assert not problems, "links naming a page by another title:\n" + "\n".join(sorted(set(problems)))


def test_the_title_check_tells_a_variant_from_another_page() -> None:
    assert names_another_title("People, money and operations", "People, money and management")
    assert not names_another_title("People, money and management", "People, money and management")
    assert not names_another_title("Support programs for people", "Support programs")
    assert not names_another_title("the workshops", "Running the workshops")
    assert not names_another_title("Hamlet survey", "Hamlet survey (before workshop ②)")
    assert not names_another_title("Session plan (model) ①", "Session plan (model) ①: grasping the current situation")
    assert names_another_title("Organization and incorp", "Organization and incorporation")
