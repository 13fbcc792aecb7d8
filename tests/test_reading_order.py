"""hooks/reading_order.py: each language's pages in reading order, grouped into chapters, written by the
build for the PDFs and the offline copy — every page of the navigation, whatever the side bar shows."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import LANGUAGES, MANY_CASES, ROOT, built_urls, soup

from handbook.reading_order import Manifest, site_manifests


def manifest_of(site: Path, language: str) -> Manifest:
    return next(manifest for manifest in site_manifests(site) if manifest.language == language)


def top_of_nav() -> list[list[str]]:
    """The Markdown files under each entry at the top of mkdocs.yml's `nav:`, in order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds only strings, and mkdocs.yml has !ENV tags

    def files(item: object) -> list[str]:
        if isinstance(item, str):
            return [item]
        values = item.values() if isinstance(item, dict) else item if isinstance(item, list) else []
        return [name for value in values for name in files(value)]

    return [files(entry) for entry in config["nav"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_built_page_is_in_the_reading_order_once(site: Path, language: str) -> None:
    manifest = manifest_of(site, language)
    listed = [manifest.home.url, *(page.url for page in manifest.pages())]
    assert len(listed) == len(set(listed)), "a page is listed twice"
    built = [url for url in built_urls(site) if (url.startswith("en/") or url == "en/") == (language == "en")]
    assert sorted(listed) == sorted(built)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_entry_at_the_top_of_the_navigation_is_one_chapter(site: Path, language: str) -> None:
    manifest = manifest_of(site, language)
    nav = top_of_nav()
    assert len(manifest.chapters) == len(nav) - 1  # the home page opens the handbook, it is no chapter
    for chapter, pages in zip(manifest.chapters, nav[1:], strict=True):
        # A section's own pages open its chapter, in the order of mkdocs.yml; generated pages may follow.
        stems = [page.removesuffix(".md").removesuffix("index").rstrip("/") for page in pages]
        prefix = "" if language == "ja" else "en/"
        assert [page.url for page in chapter.pages[: len(stems)]] == [f"{prefix}{stem}/" for stem in stems]
        assert chapter.pdf == (stems[0].replace("/", "-"))


def test_every_case_is_in_the_reading_order_when_the_side_bar_lists_none(many_cases_site: Path) -> None:
    for language in LANGUAGES:
        manifest = manifest_of(many_cases_site, language)
        cases = next(chapter for chapter in manifest.chapters if chapter.pdf == "cases")
        synthetic = [page for page in cases.pages if "/synthetic-" in page.url]
        assert len(synthetic) == MANY_CASES, language
        assert all(page.title for page in synthetic)
    # The case-study section's own page, where the pruned side bar opens that section.
    side_bar = soup(many_cases_site / "cases" / "index.html").select("nav.md-nav--primary a[href*='synthetic-']")
    assert side_bar == [], "the side bar is expected to stop listing case pages past its limit"


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_pages_are_printed_within_their_section_not_each_on_its_own(site: Path, language: str) -> None:
    manifest = manifest_of(site, language)
    prefix = "" if language == "ja" else "en/"
    for folder in ("cases", "templates"):
        chapter = next(chapter for chapter in manifest.chapters if chapter.pdf == folder)
        generated = [page.url for page in chapter.pages[1:]]
        assert generated and all(url.startswith(f"{prefix}{folder}/") for url in generated), folder
    assert not any(chapter.pdf.startswith(("cases-", "templates-")) for chapter in manifest.chapters)
