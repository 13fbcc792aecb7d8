"""Case studies: one generated page per record and language, and cards where a page asks for them.

    <!-- handbook:case-studies -->
    <!-- handbook:case-studies form="integrated" legal-form="npo" prefecture="yamagata" -->

Pages are generated at cases/<id>/ (Japanese) and en/cases/<id>/ (English). They are added after the
i18n plugin has sorted the authored pages into languages, so each build adds its own language's pages
and links them to their translations for the language switcher.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context, markers, upstream
from handbook.languages import localized_path
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.models import CaseStudy, LegalForm, OrganizationForm, Prefecture
from handbook.render import render, select

CASES_DIR = "cases"

SPEC = markers.register(
    MarkerSpec(
        "case-studies",
        {
            "form": markers.one_of(lambda _: [form.value for form in OrganizationForm]),
            "legal-form": markers.one_of(lambda _: [legal.value for legal in LegalForm]),
            "prefecture": markers.one_of(lambda _: [prefecture.value for prefecture in Prefecture]),
        },
    )
)


def matching_cases(handbook: Handbook, arguments: Arguments) -> list[CaseStudy]:
    """The cases a marker's filters select, in the order of their names."""
    return [
        case
        for case in sorted(handbook.cases.values(), key=lambda case: case.id)
        if ("form" not in arguments or case.form == OrganizationForm(arguments["form"]))
        and ("legal-form" not in arguments or case.legal_form == LegalForm(arguments["legal-form"]))
        and ("prefecture" not in arguments or case.prefecture == Prefecture(arguments["prefecture"]))
    ]


def case_page_uri(case_id: str, language: str, default_language: str) -> str:
    return localized_path(f"{CASES_DIR}/{case_id}/index.html", language, default_language)


def _case_file(config: MkDocsConfig, case: CaseStudy, language: str, default_language: str) -> File:
    handbook = context.handbook(config)
    content = render(
        "case-page.md.j2",
        language,
        case=case,
        programs=[handbook.programs[program_id] for program_id in case.programs],
    )
    file = File.generated(config, f"{language}/{CASES_DIR}/{case.id}.md", content=content)
    file.dest_uri = case_page_uri(case.id, language, default_language)
    return file


@event_priority(-110)  # after the i18n plugin (-100) has chosen this build's authored pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = context.language(config)
    default_language = context.default_language(config)
    for case in context.handbook(config).cases.values():
        page_file = _case_file(config, case, language, default_language)
        # The same page in every language, so the language switcher finds the translations.
        alternates = {}
        for other in context.build_languages(config):
            alternate = File.generated(config, f"{other}/{CASES_DIR}/{case.id}.md", content="")
            alternate.dest_uri = case_page_uri(case.id, other, default_language)
            alternates[other] = alternate
        alternates[language] = page_file
        upstream.link_translations(page_file, language, alternates, f"{CASES_DIR}/{case.id}.md")
        files.append(page_file)
    upstream.record_language_pages(config, language, files)
    return files


def _case_section(items: list[Page | Section]) -> Section | None:
    for item in items:
        if isinstance(item, Section):
            if any(
                isinstance(child, Page) and child.file.src_uri.endswith(f"{CASES_DIR}/index.md")
                for child in item.children
            ):
                return item
            if found := _case_section(item.children):  # type: ignore[arg-type]
                return found
    return None


# Up to this many case pages are listed in the side bar. Past it, a list of names helps nobody (the
# case-study page has the cards and filters for that), and every page of the site would carry every
# case's link: build time and page size would grow with pages × cases.
SIDE_BAR_LIMIT = 30


@event_priority(-110)  # after the i18n plugin has translated the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Put the generated pages in the case-study section: in the side bar while there are few of them,
    and always in the reading order that the page footer's previous / next links follow."""
    section = _case_section(nav.items)
    if section is None:
        return nav
    language = context.language(config)
    prefix = f"{language}/{CASES_DIR}/"  # generated pages' Markdown paths start with their language's folder
    case_pages = [
        file.page
        for file in files.documentation_pages()
        if file.generated_by is not None and file.src_uri.startswith(prefix) and file.page is not None
    ]
    case_pages.sort(key=lambda page: page.file.src_uri)
    for page in case_pages:
        page.parent = section
        if len(case_pages) <= SIDE_BAR_LIMIT:
            section.children.append(page)
    index_page = section.children[0]
    position = nav.pages.index(index_page) + 1 if isinstance(index_page, Page) and index_page in nav.pages else 0
    nav.pages[position:position] = case_pages
    for previous, following in zip(nav.pages, nav.pages[1:], strict=False):
        previous.next_page, following.previous_page = following, previous
    return nav


def render_cards(arguments: Arguments, page: Page, config: MkDocsConfig) -> str:
    language = context.language(config)
    default_language = context.default_language(config)
    handbook = context.handbook(config)
    links = {
        case.id: get_relative_url(
            case_page_uri(case.id, language, default_language).removesuffix("index.html"), page.url or "."
        )
        for case in handbook.cases.values()
    }
    cases = matching_cases(handbook, arguments)
    selects = (
        [
            select("form", "form", (case.form for case in cases if case.form), language),
            select("legal-form", "legal_form", (case.legal_form for case in cases if case.legal_form), language),
            select("prefecture", "prefecture", (case.prefecture for case in cases), language),
        ]
        if not arguments and cases
        else []
    )
    return render("case-cards.html.j2", language, cases=cases, links=links, selects=selects, target="case-studies-all")


def case_edit_url(config: MkDocsConfig, case_id: str) -> str | None:
    """The edit link of a generated case page opens its YAML record, which is what a maintainer edits."""
    if not config.repo_url or not config.edit_uri:
        return None
    branch = config.edit_uri.rstrip("/").removesuffix("docs").rstrip("/")
    return f"{config.repo_url.rstrip('/')}/{branch}/data/cases/{case_id}.yml"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if page.file.generated_by is not None and page.file.src_uri.endswith(".md"):
        case_id = page.file.src_uri.removesuffix(".md").rsplit("/", 1)[-1]
        if case_id in context.handbook(config).cases:
            page.edit_url = case_edit_url(config, case_id)
    return markers.replace(markdown, SPEC.name, lambda arguments: render_cards(arguments, page, config))
