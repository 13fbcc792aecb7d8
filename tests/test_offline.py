"""hooks/offline.py and hooks/handbook/offline.py: the ZIP for reading without internet unpacks to a
handbook that opens from the file system, navigates and searches, in both languages."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from playwright.sync_api import Browser, Page


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Path:
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


@pytest.fixture
def file_tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests.append(request.url))  # type: ignore[attr-defined]
    yield tab
    context.close()


def search(tab: Page, query: str) -> list[str]:
    field = tab.locator("input.md-search__input")
    field.click()
    field.fill(query)
    field.press("End")
    tab.locator("li.md-search-result__item > a").first.wait_for(timeout=15_000)
    return tab.locator("li.md-search-result__item > a:first-child").evaluate_all("links => links.map(l => l.href)")


def test_the_copy_opens_from_the_file_system_and_navigates(unpacked: Path, file_tab: Page) -> None:
    file_tab.goto((unpacked / "index.html").as_uri())
    assert file_tab.locator("html").get_attribute("lang") == "ja"
    file_tab.locator("article a[href$='workshops/index.html']").first.click()
    file_tab.wait_for_url("**/workshops/index.html")
    assert "ワークショップ" in file_tab.locator("h1").inner_text()
    assert all(url.startswith("file://") for url in file_tab.requests), file_tab.requests  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [("ja", "小さな拠点", "introduction.html"), ("en", "workshop", "workshops/")],
)
def test_search_works_from_the_file_system(
    unpacked: Path, file_tab: Page, language: str, query: str, expected: str
) -> None:
    home = unpacked / "index.html" if language == "ja" else unpacked / "en" / "index.html"
    file_tab.goto(home.as_uri())
    results = search(file_tab, query)
    assert any(expected in url.split("#")[0].split("?")[0] for url in results[:5]), results
    in_language = [url for url in results if ("/en/" in url) == (language == "en")]
    assert in_language == results, "results from the other language"
    assert all(url.startswith("file://") for url in file_tab.requests), file_tab.requests  # type: ignore[attr-defined]


def test_the_online_home_page_links_the_offline_copy(html) -> None:  # type: ignore[no-untyped-def]
    for language in ("ja", "en"):
        links = [a["href"] for a in html(language, "index.md").select("a[href$='chiiki-unei-handbook-offline.zip']")]
        assert links, f"the {language} home page does not link the offline copy"


def test_the_self_check_keeps_its_ticks_from_the_file_system(unpacked: Path, file_tab: Page) -> None:
    file_tab.goto((unpacked / "self-check.html").as_uri())
    file_tab.locator("[data-step='2'] input[type=checkbox]").first.click(force=True)
    file_tab.reload()
    assert file_tab.locator("[data-step='2'] input[type=checkbox]").first.is_checked()
    assert all(url.startswith("file://") for url in file_tab.requests), file_tab.requests  # type: ignore[attr-defined]
