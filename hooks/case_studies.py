"""Case studies: one generated page per record and language, cards and a comparison table where a page asks.

    <!-- handbook:case-studies -->
    <!-- handbook:case-studies form="integrated" legal-form="npo" prefecture="yamagata" -->
    <!-- handbook:case-comparison -->

The comparison table has one row per case (form, legal personality, households, founding) in order of
founding, cases without a founding date last, so the printed table is ordered. On screen a reader can
sort by any column: tablesort (npm, pinned in package.json) is served from the site itself, as
Material's documentation suggests for sortable tables, never from a CDN.

Pages are generated at cases/<id>/ (Japanese) and en/cases/<id>/ (English). They are added after the
i18n plugin has sorted the authored pages into languages, so each build adds its own language's pages
and links them to their translations for the language switcher.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
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


COMPARISON = markers.register(MarkerSpec("case-comparison", {}))

TABLESORT = Path("node_modules") / "tablesort" / "dist" / "tablesort.min.js"
TABLESORT_URI = "assets/javascripts/vendor/tablesort.min.js"

# Sort keys compare as text, so numbers are zero-padded and an unknown value sorts after every known one.
UNKNOWN_KEY = "~"


def founding_order(cases: list[CaseStudy]) -> list[CaseStudy]:
    """Cases by founding date, those without one last, ties by id."""
    return sorted(cases, key=lambda case: (case.founded is None, case.founded or "", case.id))


def households_key(case: CaseStudy) -> str:
    return f"{case.households.value:09d}" if case.households else UNKNOWN_KEY


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


def _add_tablesort(files: Files, config: MkDocsConfig) -> None:
    """Serve the vendored tablesort with the pages; the build fails clearly if npm has not installed it."""
    source = Path(config.config_file_path).parent / TABLESORT
    if not source.is_file():
        raise PluginError(f"the case comparison table needs {TABLESORT}: run `npm ci`")
    if files.get_file_from_path(TABLESORT_URI) is None:
        files.append(File.generated(config, TABLESORT_URI, abs_src_path=str(source)))


@event_priority(-110)  # after the i18n plugin (-100) has chosen this build's authored pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    _add_tablesort(files, config)
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
    handbook = context.handbook(config)
    links = _case_links(page, config)
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


def _case_links(page: Page, config: MkDocsConfig) -> dict[str, str]:
    language = context.language(config)
    default_language = context.default_language(config)
    return {
        case.id: get_relative_url(
            case_page_uri(case.id, language, default_language).removesuffix("index.html"), page.url or "."
        )
        for case in context.handbook(config).cases.values()
    }


def render_comparison(page: Page, config: MkDocsConfig) -> str:
    return render(
        "case-comparison.html.j2",
        context.language(config),
        cases=founding_order(list(context.handbook(config).cases.values())),
        links=_case_links(page, config),
        households_key=households_key,
        unknown_key=UNKNOWN_KEY,
    )


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
    markdown = markers.replace(markdown, COMPARISON.name, lambda _arguments: render_comparison(page, config))
    return markers.replace(markdown, SPEC.name, lambda arguments: render_cards(arguments, page, config))
