"""Pages the build writes from data (a case study, a template), in each language, found by the language
switcher, the sitemap, the side bar and the previous / next links like the pages written by hand."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from handbook import context


def languages(config: MkDocsConfig) -> list[str]:
    """Every language the i18n plugin builds."""
    return list(getattr(config.plugins["i18n"], "build_languages"))  # noqa: B009 - set by mkdocs-static-i18n


def page_uri(folder: str, record_id: str, language: str, default_language: str) -> str:
    prefix = "" if language == default_language else f"{language}/"
    return f"{prefix}{folder}/{record_id}/index.html"


def add_page(files: Files, config: MkDocsConfig, folder: str, record_id: str, content: str) -> File:
    """Add the page folder/<id> of the language being built, linked to its translations."""
    language = context.language(config)
    default_language = context.default_language(config)
    page_file = File.generated(config, f"{language}/{folder}/{record_id}.md", content=content)
    page_file.dest_uri = page_uri(folder, record_id, language, default_language)
    # What the i18n plugin records on its own files, so the language switcher finds the translations.
    alternates = {}
    for other in languages(config):
        alternate = File.generated(config, f"{other}/{folder}/{record_id}.md", content="")
        alternate.dest_uri = page_uri(folder, record_id, other, default_language)
        alternates[other] = alternate
    alternates[language] = page_file
    page_file.alternates = alternates  # type: ignore[attr-defined]
    page_file.locale = language  # type: ignore[attr-defined]
    page_file.locale_alternate_of = language  # type: ignore[attr-defined]
    page_file.localization = language  # type: ignore[attr-defined]
    page_file.norm_src_uri = f"{folder}/{record_id}.md"  # type: ignore[attr-defined]
    files.append(page_file)
    return page_file


def record_in_sitemap(files: Files, config: MkDocsConfig) -> None:
    """The i18n plugin's sitemap lists the pages it recorded before generated ones were added."""
    recorded = getattr(config.plugins["i18n"], "i18n_files_per_language", None)
    if isinstance(recorded, dict):
        recorded[context.language(config)] = files.documentation_pages()


def section_of(items: list[Page | Section], index_uri: str) -> Section | None:
    """The navigation section whose pages include the one at index_uri (e.g. 'templates/index.md')."""
    for item in items:
        if isinstance(item, Section):
            if any(isinstance(child, Page) and child.file.src_uri.endswith(index_uri) for child in item.children):
                return item
            if found := section_of(item.children, index_uri):  # type: ignore[arg-type]
                return found
    return None


def attach(nav: Navigation, section: Section, pages: list[Page], *, in_side_bar: bool) -> None:
    """Put generated pages after the section's first page, in the side bar and in reading order."""
    for page in pages:
        page.parent = section
        if in_side_bar:
            section.children.append(page)
    index_page = section.children[0]
    position = nav.pages.index(index_page) + 1 if isinstance(index_page, Page) and index_page in nav.pages else 0
    nav.pages[position:position] = pages
    for previous, following in zip(nav.pages, nav.pages[1:], strict=False):
        previous.next_page, following.previous_page = following, previous


def generated_pages(files: Files, config: MkDocsConfig, folder: str) -> list[Page]:
    """This language's generated pages under folder/, in file-name order."""
    prefix = f"{context.language(config)}/{folder}/"
    pages = [
        file.page
        for file in files.documentation_pages()
        if file.generated_by is not None and file.src_uri.startswith(prefix) and file.page is not None
    ]
    return sorted(pages, key=lambda page: page.file.src_uri)
