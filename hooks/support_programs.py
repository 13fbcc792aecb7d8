"""Inject the support-program table where a page asks for it.

<!-- handbook:support-programs -->
<!-- handbook:support-programs stage="formation" kind="money" provider="mic" -->
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import context, markers
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.models import Provider, Stage, SupportKind, SupportProgram
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


def matching_programs(handbook: Handbook, arguments: Arguments) -> list[SupportProgram]:
    """The programs a marker's filters select, in the order of the data file."""
    return [
        program
        for program in handbook.programs.values()
        if ("stage" not in arguments or Stage(arguments["stage"]) in program.stages)
        and ("kind" not in arguments or program.kind == SupportKind(arguments["kind"]))
        and ("provider" not in arguments or program.provider == Provider(arguments["provider"]))
    ]


def render_table(
    arguments: Arguments, language: str, handbook: Handbook, *, complete_table_on_page: bool = False
) -> str:
    """One table; a filtered table on a page that also holds the complete one is a repeat, which is
    left off paper (the complete table's stage column says the same) to keep printouts short."""
    programs = matching_programs(handbook, arguments)
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
    return render(
        "support-programs.html.j2",
        language,
        programs=programs,
        filters=filters,
        program_sources=program_sources,
        selects=selects,
        target="support-programs-all",
        complete=not arguments,
        repeat=bool(arguments) and complete_table_on_page,
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    handbook = context.handbook(config)
    complete = {} in markers.arguments_of(markdown, SPEC.name)
    return markers.replace(
        markdown,
        SPEC.name,
        lambda arguments: render_table(arguments, language, handbook, complete_table_on_page=complete),
    )
