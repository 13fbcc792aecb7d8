"""hooks/offline.py and hooks/handbook/offline.py: the ZIP for reading without internet unpacks to a
handbook that opens from the file system, navigates and searches, in both languages."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page

from handbook.reading_order import site_manifests

pytestmark = pytest.mark.slow  # Chromium opens the offline copy


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory, site: Path, pdfs: Path) -> Path:
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "handbook.zip"
    result = subprocess.run(
        [sys.executable, "-m", "handbook.offline", "--site", str(site), "--out", str(archive)],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(folder)
    return folder / "chiiki-unei-handbook"


@dataclass
class FileTab:
    page: Page
    requests: list[str]  # every address the page asked for


@pytest.fixture
def file_tab(browser: Browser) -> Iterator[FileTab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = FileTab(context.new_page(), [])
    tab.page.on("request", lambda request: tab.requests.append(request.url))
    yield tab
    context.close()


def search(tab: Page, query: str) -> list[str]:
    field = tab.locator("input.md-search__input")
    field.click()
    field.fill(query)
    field.press("End")
    tab.locator("li.md-search-result__item > a").first.wait_for(timeout=15_000)
    links = tab.locator("li.md-search-result__item > a:first-child")
    return [str(href) for href in links.evaluate_all("links => links.map(l => l.href)")]


def test_the_copy_holds_every_page_and_pdf_of_the_reading_order(unpacked: Path, site: Path) -> None:
    for online, offline in zip(site_manifests(site), site_manifests(unpacked), strict=True):
        assert [page.title for page in offline.pages()] == [page.title for page in online.pages()]
        assert all((unpacked / page.url).is_file() for page in offline.pages())
        names = ["handbook", *(chapter.pdf for chapter in online.chapters)]
        assert all((unpacked / "pdf" / online.language / f"{name}.pdf").is_file() for name in names)


def test_the_copy_opens_from_the_file_system_and_navigates(unpacked: Path, file_tab: FileTab) -> None:
    file_tab.page.goto((unpacked / "index.html").as_uri())
    assert file_tab.page.locator("html").get_attribute("lang") == "ja"
    file_tab.page.locator("article a[href$='workshops/index.html']").first.click()
    file_tab.page.wait_for_url("**/workshops/index.html")
    assert "ワークショップ" in file_tab.page.locator("h1").inner_text()
    assert all(url.startswith("file://") for url in file_tab.requests), file_tab.requests


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [("ja", "小さな拠点", "introduction.html"), ("en", "workshop", "workshops/")],
)
def test_search_works_from_the_file_system(
    unpacked: Path, file_tab: FileTab, language: str, query: str, expected: str
) -> None:
    home = unpacked / "index.html" if language == "ja" else unpacked / "en" / "index.html"
    file_tab.page.goto(home.as_uri())
    results = search(file_tab.page, query)
    assert any(expected in url.split("#")[0].split("?")[0] for url in results[:5]), results
    in_language = [url for url in results if ("/en/" in url) == (language == "en")]
    assert in_language == results, "results from the other language"
    assert all(url.startswith("file://") for url in file_tab.requests), file_tab.requests


def test_the_online_home_page_links_the_offline_copy(html) -> None:  # type: ignore[no-untyped-def]
    for language in ("ja", "en"):
        links = [a["href"] for a in html(language, "index.md").select("a[href$='chiiki-unei-handbook-offline.zip']")]
        assert links, f"the {language} home page does not link the offline copy"


def test_the_self_check_keeps_its_ticks_from_the_file_system(unpacked: Path, file_tab: FileTab) -> None:
    tab = file_tab.page
    tab.goto((unpacked / "self-check.html").as_uri())
    box = tab.locator("[data-step='2'] input[type=checkbox]").first
    assert not box.is_checked()
    box.click(force=True)
    tab.reload()
    assert tab.locator("[data-step='2'] input[type=checkbox]").first.is_checked()
    assert all(url.startswith("file://") for url in file_tab.requests), file_tab.requests
