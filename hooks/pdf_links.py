"""Give every page a link to the PDF of its chapter (A4, for printing at a workshop or a council meeting).

The PDFs themselves are written after the build by `make pdf` (hooks/handbook/pdf.py). A chapter is an
entry at the top of the navigation: one page, or a section with every page under it (the case studies,
the workshops), so a page of a section links the PDF of the whole section. The home page links the whole
handbook in one PDF.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context
from handbook.printing import pdf_path
from handbook.reading_order import top_item
from handbook.render import UI

_starts: dict[int, Page] = {}
_starts_of: Navigation | None = None


def chapter_start(page: Page, nav: Navigation) -> Page:
    """The first page of the page's chapter, which names the chapter's PDF (found once per navigation)."""
    global _starts_of
    if _starts_of is not nav:
        _starts.clear()
        for candidate in nav.pages:
            _starts.setdefault(id(top_item(candidate)), candidate)
        _starts_of = nav
    return _starts[id(top_item(page))]


def on_page_context(context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    language = context.language(config)
    default_language = context.default_language(config)
    home = page is nav.homepage
    start = page if home else chapter_start(page, nav)
    label = "pdf_whole" if home else "pdf_chapter" if isinstance(top_item(page), Section) else "pdf_page"
    context_["handbook_pdf"] = {
        "url": get_relative_url(pdf_path(start.url, language, default_language), page.url or "."),
        "label": UI[label][language],
    }
    return context_
