"""Give every page a link to its PDF (A4, for printing at a workshop or a council meeting).

The PDFs themselves are written after the build by `make pdf` (hooks/handbook/pdf.py); the home
page links the whole handbook in one PDF, which also holds the generated case-study pages.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context
from handbook.printing import pdf_path
from handbook.render import UI


def on_page_context(context_: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if page.file.generated_by is not None:
        return context_  # case-study pages are printed within the whole handbook, not on their own
    language = context.language(config)
    default_language = context.default_language(config)
    target = pdf_path(page.url, language, default_language)
    context_["handbook_pdf"] = {
        "url": get_relative_url(target, page.url or "."),
        "label": UI["pdf_whole" if page.is_homepage else "pdf_page"][language],
    }
    return context_
