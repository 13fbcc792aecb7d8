"""hooks/handbook/pdf.py and hooks/pdf_links.py: A4 PDFs of every chapter and of the whole handbook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, authored_pages, heading_text, page_path, soup
from pypdf import PdfReader

A4 = (595.28, 841.89)


@pytest.fixture(scope="session")
def pdfs(site: Path) -> Path:
    result = subprocess.run(
        [sys.executable, "-m", "handbook.pdf", "--site", str(site)],
        cwd=ROOT / "hooks",
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "pdf"


def chapters() -> list[str]:
    return [page for page in authored_pages("ja") if page != "index.md"]


def pdf_for(site: Path, language: str, page: str) -> Path:
    link = soup(page_path(site, language, page)).select_one(".handbook-pdf-link a")
    assert link is not None, f"{language}/{page} has no PDF link"
    return (page_path(site, language, page).parent / str(link["href"])).resolve()


def fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object().get("/FontDescriptor", {})
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descendant.get_object()["/BaseFont"]))
    return names


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_has_an_a4_pdf_with_its_title_and_text(site: Path, pdfs: Path, html, language: str) -> None:  # type: ignore[no-untyped-def]
    for page in chapters():
        path = pdf_for(site, language, page)
        assert path.is_file() and path.is_relative_to(pdfs), path
        reader = PdfReader(path)
        assert len(reader.pages) > 0
        width, height = (float(value) for value in reader.pages[0].mediabox[2:])
        assert (round(width, 0), round(height, 0)) == (round(A4[0], 0), round(A4[1], 0)), page
        document = html(language, page)
        title = heading_text(document.h1)
        first = reader.pages[0].extract_text()
        squeeze = lambda text: "".join(text.split())  # noqa: E731 - PDF text breaks lines anywhere
        assert squeeze(title) in squeeze(first), (page, title)
        sentence = document.select_one("article > p:not(.handbook-pdf-link)")
        assert sentence is not None
        known = squeeze(sentence.get_text())[:20]
        assert known in squeeze("".join(p.extract_text() for p in reader.pages)), (page, known)
        assert any("CJK" in name for name in fonts(reader)), f"{path.name}: no CJK font embedded"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_page_carries_no_navigation(site: Path, pdfs: Path, html, language: str) -> None:  # type: ignore[no-untyped-def]
    nav_titles = [
        " ".join(link.get_text().split())
        for link in html(language, "index.md").select("nav.md-nav--primary a.md-nav__link")
    ]
    for page in chapters():
        first = "".join(PdfReader(pdf_for(site, language, page)).pages[0].extract_text().split())
        shown = [title for title in nav_titles if "".join(title.split()) in first]
        # A side bar would print every chapter's title; the text itself may name a few of them.
        assert len(shown) < len(nav_titles) // 2, f"{language}/{page}: side-bar titles on page 1: {shown}"
        assert "Skip to content" not in first and "コンテンツにスキップ" not in first


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_whole_handbook_is_one_pdf_in_reading_order(site: Path, pdfs: Path, html, language: str) -> None:  # type: ignore[no-untyped-def]
    path = pdf_for(site, language, "index.md")
    reader = PdfReader(path)
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    positions = []
    for page in chapters():
        title = "".join(heading_text(html(language, page).h1).split())
        assert title in text, title
        positions.append(text.index(title, text.index(title) + 1) if text.count(title) > 1 else text.index(title))
    assert len(reader.pages) > len(chapters())
    # The contents follow the cover and the home page, a few pages in
    contents = "".join("".join(page.extract_text().split()) for page in reader.pages[1:6])
    assert ("目次" if language == "ja" else "Contents") in contents


def test_template_pages_are_printed_within_the_whole_handbook_not_each_on_its_own(site: Path) -> None:
    from datetime import date

    from handbook.pdf import jobs

    todo = jobs(site, "http://127.0.0.1:8000/", date(2026, 11, 30))
    chapter_urls = {job.url for job in todo if job.url is not None}
    assert "templates/" in chapter_urls and "en/templates/" in chapter_urls
    template_pages = {
        f"{prefix}templates/{path.stem}/"
        for prefix in ("", "en/")
        for path in (ROOT / "data" / "templates").glob("*.yml")
    }
    assert template_pages and not template_pages & chapter_urls
    assert "templates/budget/" not in chapter_urls and "cases/kirari-yoshijima/" not in chapter_urls
