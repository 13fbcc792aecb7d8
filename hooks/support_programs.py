"""Inject the support-program tables where a page asks for them, and say how fresh they are.

<!-- handbook:support-programs -->                         current programs (all, with filters)
<!-- handbook:support-programs stage="formation" kind="money" provider="mic" -->
<!-- handbook:former-programs -->                          renamed and ended programs, with successors
<!-- handbook:program-pages -->                            the official page of each current program
<!-- handbook:programs-checked -->                         when the program data was last confirmed

A record nobody has confirmed on an official page for a year is marked in the tables and named in a
warning at the end of a build that succeeded. The warning does not stop `mkdocs build --strict`: a
record growing old is not a mistake in the file, and the published site must not stop updating because
time passed.
"""

from __future__ import annotations

import logging
from datetime import date

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import context, freshness, markers
from handbook.dates import format_date
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.models import ProgramStatus, Provider, Stage, SupportKind, SupportProgram
from handbook.render import render, select

SPEC = markers.register(
    MarkerSpec(
        "support-programs",
        {
            "stage": markers.one_of(lambda _: [stage.value for stage in Stage]),
            "kind": markers.one_of(lambda _: [kind.value for kind in SupportKind]),
            "provider": markers.one_of(lambda _: [provider.value for provider in Provider]),
        },
    )
)
FORMER_SPEC = markers.register(MarkerSpec("former-programs", {}))
PAGES_SPEC = markers.register(MarkerSpec("program-pages", {}))
CHECKED_SPEC = markers.register(MarkerSpec("programs-checked", {}))

# The notice is logged at INFO, worded as a warning: MkDocs' --strict counts WARNING records (and the
# build's own checks treat a WARNING line as a mistake), but a record growing old is not a mistake in
# the file, and the published site must not stop updating because time passed.
log = logging.getLogger("mkdocs.plugins.handbook.freshness")


def current_programs(handbook: Handbook) -> list[SupportProgram]:
    return [program for program in handbook.programs.values() if program.status == ProgramStatus.current]


def former_programs(handbook: Handbook) -> list[SupportProgram]:
    return [program for program in handbook.programs.values() if program.status != ProgramStatus.current]


def matching_programs(handbook: Handbook, arguments: Arguments) -> list[SupportProgram]:
    """The current programs a marker's filters select, in the order of the data file."""
    return [
        program
        for program in current_programs(handbook)
        if ("stage" not in arguments or Stage(arguments["stage"]) in program.stages)
        and ("kind" not in arguments or program.kind == SupportKind(arguments["kind"]))
        and ("provider" not in arguments or program.provider == Provider(arguments["provider"]))
    ]


def _checked_text(program: SupportProgram, language: str) -> str:
    return format_date(program.checked, language)


def _status_text(program: SupportProgram, language: str) -> str:
    """実施中 / 終了（令和4年度まで） / 名称変更・後継の制度へ移行."""
    label = program.status.label[language]
    if program.ended is None:
        return label
    until = format_date(str(program.ended), language, fiscal_year=True)
    return f"{label}（{until}まで）" if language == "ja" else f"{label} (last ran {until})"


def render_table(
    arguments: Arguments, language: str, handbook: Handbook, *, complete_table_on_page: bool = False
) -> str:
    """One table; on a page that also holds the complete table, a filtered one would repeat its rows,
    so the programs are listed by name instead, each linked to its row."""
    programs = matching_programs(handbook, arguments)
    on = freshness.today()
    filters = [
        enum(arguments[key]).label[language]
        for key, enum in (("stage", Stage), ("kind", SupportKind), ("provider", Provider))
        if key in arguments
    ]
    program_sources = {
        program.id: [handbook.sources[source_id] for source_id in program.sources] for program in programs
    }
    # The complete table gets filter controls; a table already filtered by its marker does not.
    selects = (
        [
            select("stages", "stages", (stage for program in programs for stage in program.stages), language),
            select("provider", "provider", (program.provider for program in programs), language),
            select("kind", "kind", (program.kind for program in programs), language),
        ]
        if not arguments and programs
        else []
    )
    repeat = bool(arguments) and complete_table_on_page
    return render(
        "program-names.html.j2" if repeat else "support-programs.html.j2",
        language,
        programs=programs,
        filters=filters,
        program_sources=program_sources,
        status={program.id: _status_text(program, language) for program in programs},
        checked={program.id: _checked_text(program, language) for program in programs},
        stale={program.id for program in programs if freshness.is_stale(program, on)},
        selects=selects,
        target="support-programs-all",
        complete=not arguments,
    )


def render_former(language: str, handbook: Handbook) -> str:
    programs = former_programs(handbook)
    on = freshness.today()
    return render(
        "former-programs.html.j2",
        language,
        programs=programs,
        successors={
            program.id: handbook.programs[program.successor] for program in programs if program.successor is not None
        },
        program_sources={
            program.id: [handbook.sources[source_id] for source_id in program.sources] for program in programs
        },
        status={program.id: _status_text(program, language) for program in programs},
        checked={program.id: _checked_text(program, language) for program in programs},
        stale={program.id for program in programs if freshness.is_stale(program, on)},
    )


def render_pages(language: str, handbook: Handbook) -> str:
    """The official page of each current program, grouped by the body that runs it."""
    programs = [program for program in current_programs(handbook) if program.url]
    by_provider = {
        provider: [program for program in programs if program.provider == provider]
        for provider in Provider
        if any(program.provider == provider for program in programs)
    }
    return render("program-pages.html.j2", language, by_provider=by_provider)


def render_checked(language: str, handbook: Handbook) -> str:
    programs = list(handbook.programs.values())
    latest = freshness.last_checked(programs)
    stale = freshness.stale_programs(programs, freshness.today())
    return render(
        "programs-checked.html.j2",
        language,
        latest=format_date(latest, language) if latest else None,
        latest_iso=latest,
        total=len(programs),
        stale=len(stale),
    )


_warned: set[tuple[date, tuple[str, ...]]] = set()


def warn_stale(handbook: Handbook, on: date) -> list[SupportProgram]:
    """Name the records nobody has confirmed for a year; once per build day and set of records."""
    stale = freshness.stale_programs(handbook.programs.values(), on)
    key = (on, tuple(f"{program.id}:{program.checked}" for program in stale))
    if stale and key not in _warned:
        _warned.add(key)
        listed = ", ".join(f"{program.id} (checked {program.checked})" for program in stale)
        log.info(
            "WARNING: %d support program(s) in data/support-programs.yml not confirmed on an official page for %d "
            "months: %s. Check each on its official page, then update 'checked' (and 'status').",
            len(stale),
            freshness.STALE_AFTER_MONTHS,
            listed,
        )
    return stale


def on_post_build(config: MkDocsConfig) -> None:
    # Only once the last language has been written: a build that fails prints its one error, nothing else.
    if context.language(config) == context.build_languages(config)[-1]:
        warn_stale(context.handbook(config), freshness.today())


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    handbook = context.handbook(config)
    complete = {} in markers.arguments_of(markdown, SPEC.name)
    markdown = markers.replace(
        markdown,
        SPEC.name,
        lambda arguments: render_table(arguments, language, handbook, complete_table_on_page=complete),
    )
    markdown = markers.replace(markdown, FORMER_SPEC.name, lambda _: render_former(language, handbook))
    markdown = markers.replace(markdown, PAGES_SPEC.name, lambda _: render_pages(language, handbook))
    return markers.replace(markdown, CHECKED_SPEC.name, lambda _: render_checked(language, handbook))
