"""Templates to fill in: one page per template and language, and the same template as a Word or Excel file.

Each data/templates/<id>.yml becomes the page templates/<id>/ (en/templates/<id>/) and the file
downloads/templates/<id>.<language>.docx (or .xlsx for a budget), both made from the one validated
record, so the page and the file cannot drift apart. The page links its file; the template list is

    <!-- handbook:document-templates -->

A file is written only when its bytes differ from the file already in the site (its content is
reproducible), so `mkdocs serve` rewrites nothing an edit did not change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context, generated, markers, office
from handbook.markers import MarkerSpec
from handbook.models import Article, DocumentTemplate, FundingDomain, Language
from handbook.render import render

FOLDER = "templates"
DOWNLOADS = "downloads/templates"

SPEC = markers.register(MarkerSpec("document-templates", {}))


@dataclass(frozen=True)
class Download:
    href: str  # relative to the page that links it
    name: str  # the file name offered when saving


def file_name(template: DocumentTemplate, language: Language) -> str:
    return f"{template.id}.{language}.{template.format.value}"


def download(template: DocumentTemplate, language: Language, page_url: str) -> Download:
    href = get_relative_url(f"{DOWNLOADS}/{file_name(template, language)}", page_url or ".")
    # The name a resident sees in the downloads folder: the template's title, without characters
    # that file systems refuse.
    title = "".join(char for char in template.title[language] if char not in '\\/:*?"<>|').strip()
    return Download(href, f"{title}.{template.format.value}")


def fill(text: str, language: Language) -> Markup:
    """A template text as HTML: escaped, with each part to decide marked."""
    html = Markup("")
    for piece, is_blank in office.pieces(text, language):
        html += Markup('<mark class="handbook-decide">{}</mark>').format(piece) if is_blank else escape(piece)
    return html


def _yen(amount: int) -> str:
    return f"{amount:,}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _share(amount: int, total: int) -> str:
    return f"{amount / total:.1%}" if total else "0.0%"


def page_markdown(template: DocumentTemplate, language: Language, page_url: str) -> str:
    def article_heading(number: int, article: Article) -> str:
        return office.article_heading(number, article, language)

    budget = template.budget
    return render(
        "template-page.md.j2",
        language,
        template=template,
        sections=list(zip(template.sections, office.numbered_blocks(template), strict=True)),
        download=download(template, language, page_url),
        fill=lambda text: fill(text, language),
        paragraphs=lambda text: office.paragraphs(text, language),
        article_heading=article_heading,
        yen=_yen,
        number=_number,
        share=_share,
        domain_totals=[(domain, budget.domain_total(domain)) for domain in FundingDomain] if budget else [],
    )


def _ordered(config: MkDocsConfig) -> list[DocumentTemplate]:
    return sorted(context.handbook(config).templates.values(), key=lambda template: (template.order, template.id))


@event_priority(-110)  # after the i18n plugin (-100) has chosen this build's authored pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = context.language(config)
    default_language = context.default_language(config)
    for template in _ordered(config):
        url = generated.page_uri(FOLDER, template.id, language, default_language).removesuffix("index.html")
        generated.add_page(files, config, FOLDER, template.id, page_markdown(template, language, url))
    generated.record_in_sitemap(files, config)
    return files


@event_priority(-110)  # after the i18n plugin has translated the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    section = generated.section_of(nav.items, f"{FOLDER}/index.md")
    if section is None:
        return nav
    order = {template.id: template.order for template in context.handbook(config).templates.values()}
    pages = generated.generated_pages(files, config, FOLDER)
    pages.sort(key=lambda page: (order.get(Path(page.file.src_uri).stem, 0), page.file.src_uri))
    generated.attach(nav, section, pages, in_side_bar=True)
    return nav


@dataclass(frozen=True)
class Entry:
    template: DocumentTemplate
    page: str
    download: Download


def render_list(page: Page, config: MkDocsConfig) -> str:
    language = context.language(config)
    default_language = context.default_language(config)
    entries = [
        Entry(
            template,
            get_relative_url(
                generated.page_uri(FOLDER, template.id, language, default_language).removesuffix("index.html"),
                page.url or ".",
            ),
            download(template, language, page.url),
        )
        for template in _ordered(config)
    ]
    return render("template-list.html.j2", language, entries=entries)


def template_edit_url(config: MkDocsConfig, template_id: str) -> str | None:
    """The edit link of a template page opens its YAML, which is what a maintainer edits."""
    if not config.repo_url or not config.edit_uri:
        return None
    branch = config.edit_uri.rstrip("/").removesuffix("docs").rstrip("/")
    return f"{config.repo_url.rstrip('/')}/{branch}/data/{FOLDER}/{template_id}.yml"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    if page.file.generated_by is not None and page.file.src_uri.startswith(f"{language}/{FOLDER}/"):
        template_id = Path(page.file.src_uri).stem
        if template_id in context.handbook(config).templates:
            page.edit_url = template_edit_url(config, template_id)
    return markers.replace(markdown, SPEC.name, lambda _arguments: render_list(page, config))


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write the file unless it already holds these bytes; say whether it was written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def on_post_build(config: MkDocsConfig) -> None:
    language = context.language(config)
    handbook = context.handbook(config)
    folder = Path(config.site_dir) / DOWNLOADS
    for template in handbook.templates.values():
        sources = [handbook.sources[source_id] for source_id in template.sources]
        write_if_changed(folder / file_name(template, language), office.file_bytes(template, language, sources))
