"""hooks/handbook/pdf.py and hooks/pdf_links.py: A4 PDFs of every chapter and of the whole handbook, in the
reading order the build writes (reading-order.json), with their metadata, bookmarks and page labels."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import LANGUAGES, MANY_CASES, soup, write_pdfs
from pypdf import PdfReader

from handbook.reading_order import MANIFEST, Manifest, site_manifests

pytestmark = pytest.mark.slow  # WeasyPrint lays out about 500 A4 pages

A4 = (595.28, 841.89)


def squeeze(text: str) -> str:
    """PDF text breaks lines anywhere: compare without white space."""
    return "".join(text.split())


def manifest_of(site: Path, language: str) -> Manifest:
    return next(manifest for manifest in site_manifests(site) if manifest.language == language)


def pdf_link(site: Path, url: str) -> Path:
    """The file a page's 「PDFで印刷・保存」 button links."""
    page = site / url / "index.html"
    link = soup(page).select_one(".handbook-pdf-link a")
    assert link is not None, f"{url} has no PDF link"
    return (page.parent / str(link["href"])).resolve()


def fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            for descendant in font.get_object().get("/DescendantFonts", []):
                descriptor = descendant.get_object().get("/FontDescriptor", {})
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(descendant.get_object()["/BaseFont"]))
    return names


def bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    """Every bookmark, depth first, as (title, page index)."""

    def walk(items: list[Any]) -> Iterator[tuple[str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item)
            else:
                yield " ".join(str(item.title).split()), reader.get_destination_page_number(item) or 0

    return list(walk(reader.outline))


def page_starts(reader: PdfReader, manifest: Manifest) -> list[int]:
    """The page each page of the reading order starts on, found through the bookmarks in their order."""
    marks = bookmarks(reader)
    starts, position = [], 0
    for page in manifest.pages():
        titles = [title for title, _ in marks[position:]]
        assert page.title in titles, f"no bookmark {page.title!r} after the previous page's"
        position += titles.index(page.title)
        starts.append(marks[position][1])
        position += 1
    return starts


def assert_metadata(reader: PdfReader, language: str, title: str) -> None:
    assert reader.metadata is not None
    assert title in str(reader.metadata.title), reader.metadata.title
    assert reader.metadata.author, "the PDF names no author"
    assert reader.root_object.get("/Lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_has_a_tagged_a4_pdf_with_its_pages_title_and_text(pdfs: Path, site: Path, language: str) -> None:
    for chapter in manifest_of(site, language).chapters:
        path = pdfs / language / f"{chapter.pdf}.pdf"
        reader = PdfReader(path)
        width, height = (float(value) for value in reader.pages[0].mediabox[2:])
        assert (round(width), round(height)) == (round(A4[0]), round(A4[1])), path.name
        assert_metadata(reader, language, chapter.title)
        root = reader.root_object
        assert root.get("/MarkInfo", {}).get("/Marked") and "/StructTreeRoot" in root, f"{path.name} is not tagged"
        assert any("CJK" in name for name in fonts(reader)), f"{path.name}: no CJK font embedded"
        assert squeeze(chapter.pages[0].title) in squeeze(reader.pages[0].extract_text()), path.name
        text = squeeze("".join(page.extract_text() for page in reader.pages))
        for page in chapter.pages:
            assert squeeze(page.title) in text, (path.name, page.title)
            # The first paragraph of the body (はじめの一歩 wraps its body in a block).
            document = soup(site / page.url / "index.html")
            sentence = document.select_one("article > p:not(.handbook-pdf-link)") or document.select_one(
                "article > .handbook-one-page > p"
            )
            assert sentence is not None
            # The longest run of the paragraph's own words: on paper a link is followed by its address.
            words = max((str(part) for part in sentence.find_all(string=True, recursive=False)), key=len, default="")
            if len(squeeze(words)) < 8:  # a paragraph that is all markup, such as a bold label
                words = sentence.get_text()
            assert squeeze(words)[:20] in text, (path.name, page.url)
            # Every page of the chapter, a case study or a workshop of its section too, links this PDF.
            assert pdf_link(site, page.url) == path.resolve(), page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_page_carries_no_navigation(pdfs: Path, site: Path, html, language: str) -> None:  # type: ignore[no-untyped-def]
    nav_titles = [
        squeeze(link.get_text()) for link in html(language, "index.md").select("nav.md-nav--primary a.md-nav__link")
    ]
    for chapter in manifest_of(site, language).chapters:
        first = squeeze(PdfReader(pdfs / language / f"{chapter.pdf}.pdf").pages[0].extract_text())
        shown = [title for title in nav_titles if title in first]
        # A side bar would print every chapter's title; the text itself may name a few of them.
        assert len(shown) < len(nav_titles) // 2, f"{chapter.pdf}: side-bar titles on page 1: {shown}"
        assert "Skipto" not in first and "コンテンツにスキップ" not in first


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_whole_handbook_holds_every_page_in_reading_order(pdfs: Path, site: Path, language: str) -> None:
    manifest = manifest_of(site, language)
    path = pdfs / language / "handbook.pdf"
    assert pdf_link(site, manifest.home.url) == path.resolve()
    reader = PdfReader(path)
    assert_metadata(reader, language, manifest.title)
    starts = page_starts(reader, manifest)
    assert starts == sorted(starts), "the pages are not in reading order"
    for page, start in zip(manifest.pages(), starts, strict=True):
        assert squeeze(page.title) in squeeze(reader.pages[start].extract_text()), (page.title, start)
    front = "".join(squeeze(page.extract_text()) for page in reader.pages[: starts[0]])
    assert squeeze({"ja": "目次", "en": "Contents"}[language]) in front
    assert all(squeeze(chapter.title) in front for chapter in manifest.chapters), "the contents miss a chapter"


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_labels_match_the_printed_page_numbers(pdfs: Path, site: Path, language: str) -> None:
    manifest = manifest_of(site, language)
    reader = PdfReader(pdfs / language / "handbook.pdf")
    labels = reader.page_labels
    chapter_starts = [labels.index(f"{chapter.number}-1") for chapter in manifest.chapters]
    assert chapter_starts == sorted(chapter_starts) and chapter_starts[0] > 0
    assert all(set(label) <= set("ivxlc") for label in labels[: chapter_starts[0]]), "front matter: i, ii, …"
    for index in (chapter_starts[1], chapter_starts[-1] - 1, len(labels) - 1):
        # The footer of the chapter's own PDF prints the same label, e.g. "3-5".
        words = reader.pages[index].extract_text().split()
        assert labels[index] in words[:3] + words[-3:], (index, labels[index], words[:3], words[-3:])


@pytest.mark.parametrize("language", LANGUAGES)
def test_links_between_chapters_stay_inside_the_whole_handbook(pdfs: Path, site: Path, language: str) -> None:
    manifest = manifest_of(site, language)
    addresses = tuple(f"/{page.url}" for page in manifest.pages())
    reader = PdfReader(pdfs / language / "handbook.pdf")
    inside = outside_to_a_page = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if action.get("/S") == "/GoTo":
                inside += 1
            elif action.get("/S") == "/URI" and str(action["/URI"]).split("#")[0].endswith(addresses):
                outside_to_a_page += 1
    assert inside > len(manifest.chapters), "the contents and cross-references should jump within the PDF"
    assert outside_to_a_page == 0, "a link to a page of the handbook leaves the PDF"


@pytest.fixture(scope="module")
def many_cases_pdfs(many_cases_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDFs of the site with 40 synthetic cases, for the Japanese case-study chapter: the other chapters
    do not change with the cases, and the tests above check them in the real site."""
    site = tmp_path_factory.mktemp("many-cases-pdf") / "site"
    shutil.copytree(many_cases_site, site)
    (site / "en" / MANIFEST).unlink()
    data = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    data["chapters"] = [chapter for chapter in data["chapters"] if chapter["pdf"] == "cases"]
    (site / MANIFEST).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = write_pdfs(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "pdf"


def test_every_case_study_is_in_the_whole_handbook_past_the_side_bar_limit(
    many_cases_pdfs: Path, many_cases_site: Path
) -> None:
    manifest = manifest_of(many_cases_site, "ja")
    cases = [page for page in manifest.pages() if "/synthetic-" in page.url]
    assert len(cases) == MANY_CASES
    reader = PdfReader(many_cases_pdfs / "ja" / "handbook.pdf")
    cases_chapter = next(chapter for chapter in manifest.chapters if chapter.pdf == "cases")
    starts = page_starts(reader, Manifest(manifest.language, manifest.title, manifest.home, [cases_chapter]))
    assert starts == sorted(starts)
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    assert all(squeeze(case.title) in text for case in cases)
    chapter_pdf = PdfReader(many_cases_pdfs / "ja" / "cases.pdf")
    assert [title for title, _ in bookmarks(chapter_pdf)].count(cases[-1].title) == 1
