"""Case studies: one generated page per record and language, and cards where a page asks for them.

    <!-- handbook:case-studies -->
    <!-- handbook:case-studies form="integrated" legal-form="npo" prefecture="yamagata" -->

Pages are generated at cases/<id>/ (Japanese) and en/cases/<id>/ (English). They are added after the
i18n plugin has sorted the authored pages into languages, so each build adds its own language's pages
and links them to their translations for the language switcher.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from handbook import context, generated, markers
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
    return generated.page_uri(CASES_DIR, case_id, language, default_language)


def _case_markdown(config: MkDocsConfig, case: CaseStudy, language: str, page_url: str) -> str:
    """The Markdown of a case page (its links are written from the site root, so page_url is not needed)."""
    handbook = context.handbook(config)
    return render(
        "case-page.md.j2",
        language,
        case=case,
        programs=[handbook.programs[program_id] for program_id in case.programs],
    )


@event_priority(-110)  # after the i18n plugin (-100) has chosen this build's authored pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    language = context.language(config)
    pages: dict[str, Callable[[str], str]] = {
        case.id: partial(_case_markdown, config, case, language) for case in context.handbook(config).cases.values()
    }
    return generated.add_pages(files, config, CASES_DIR, pages)


# Up to this many case pages are listed in the side bar. Past it, a list of names helps nobody (the
# case-study page has the cards and filters for that), and every page of the site would carry every
# case's link: build time and page size would grow with pages × cases.
SIDE_BAR_LIMIT = 30


@event_priority(-110)  # after the i18n plugin has translated the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Put the generated pages in the case-study section: in the side bar while there are few of them,
    and always in the reading order that the page footer's previous / next links follow."""
    section = generated.section_of(nav.items, f"{CASES_DIR}/index.md")
    if section is None:
        return nav
    case_pages = generated.generated_pages(files, config, CASES_DIR)
    generated.attach(nav, section, case_pages, in_side_bar=len(case_pages) <= SIDE_BAR_LIMIT)
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
