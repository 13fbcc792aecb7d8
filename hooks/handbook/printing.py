"""Where each page's PDF lives, shared by the page template (its link) and the PDF writer."""

from __future__ import annotations

from handbook.languages import unlocalized_path

PDF_DIR = "pdf"
WHOLE_HANDBOOK = "handbook"


def pdf_name(page_url: str, language: str, default_language: str) -> str:
    """A page's PDF file name: 'workshops/' → 'workshops', 'en/cases/x/' → 'cases-x', home → handbook."""
    path = unlocalized_path(page_url, language, default_language).strip("/").removesuffix("index.html").strip("/")
    return path.replace("/", "-") or WHOLE_HANDBOOK


def pdf_path(page_url: str, language: str, default_language: str) -> str:
    """The PDF's path in the built site, e.g. pdf/ja/workshops.pdf; the home page gets the whole handbook."""
    return f"{PDF_DIR}/{language}/{pdf_name(page_url, language, default_language)}.pdf"
