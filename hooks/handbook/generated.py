"""Pages the build writes from data (a case study, a template), in each language, found by the language
switcher, the sitemap, the side bar and the previous / next links like the pages written by hand.

Both hooks that generate pages (case_studies.py, document_templates.py) use these functions, so a page
from a YAML record is added, linked to its translations and placed in the navigation one way.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from handbook import context, upstream
from handbook.languages import localized_path


def page_uri(folder: str, record_id: str, language: str, default_language: str) -> str:
    """Where the page of a record is written, e.g. templates/budget/index.html or en/templates/…"""
    return localized_path(f"{folder}/{record_id}/index.html", language, default_language)


def add_pages(files: Files, config: MkDocsConfig, folder: str, pages: dict[str, Callable[[str], str]]) -> Files:
    """Add, for the language being built, the page folder/<id> of each record, made by pages[id] from the
    page's address, and link each to the same page in the other languages."""
    language = context.language(config)
    default_language = context.default_language(config)
    for record_id, markdown in pages.items():
        uri = page_uri(folder, record_id, language, default_language)
        page_file = File.generated(
            config, f"{language}/{folder}/{record_id}.md", content=markdown(uri.removesuffix("index.html"))
        )
        page_file.dest_uri = uri
        alternates = {}
        for other in context.build_languages(config):
            alternate = File.generated(config, f"{other}/{folder}/{record_id}.md", content="")
            alternate.dest_uri = page_uri(folder, record_id, other, default_language)
            alternates[other] = alternate
        alternates[language] = page_file
        upstream.link_translations(page_file, language, alternates, f"{folder}/{record_id}.md")
        files.append(page_file)
    upstream.record_language_pages(config, language, files)
    return files


def section_of(items: list[Page | Section], index_uri: str) -> Section | None:
    """The navigation section whose pages include the one at index_uri (e.g. 'templates/index.md')."""
    for item in items:
        if isinstance(item, Section):
            if any(isinstance(child, Page) and child.file.src_uri.endswith(index_uri) for child in item.children):
                return item
            if found := section_of(item.children, index_uri):  # type: ignore[arg-type]
                return found
    return None


def generated_pages(files: Files, config: MkDocsConfig, folder: str) -> list[Page]:
    """This language's generated pages under folder/, in file-name order."""
    prefix = f"{context.language(config)}/{folder}/"  # generated pages' paths start with their language's folder
    pages = [
        file.page
        for file in files.documentation_pages()
        if file.generated_by is not None and file.src_uri.startswith(prefix) and file.page is not None
    ]
    return sorted(pages, key=lambda page: page.file.src_uri)


def attach(nav: Navigation, section: Section, pages: list[Page], *, in_side_bar: bool) -> None:
    """Put generated pages after the section's first page: in the side bar when asked, and always in
    the reading order that the page footer's previous / next links follow."""
    for page in pages:
        page.parent = section
        if in_side_bar:
            section.children.append(page)
    index_page = section.children[0]
    position = nav.pages.index(index_page) + 1 if isinstance(index_page, Page) and index_page in nav.pages else 0
    nav.pages[position:position] = pages
    for previous, following in zip(nav.pages, nav.pages[1:], strict=False):
        previous.next_page, following.previous_page = following, previous
