"""Render the sources a page cites: `<!-- handbook:sources ids="seed-000 seed-004" -->`.

It writes the page's closing 「出典」/"Sources" section, so every chapter ends the same way.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import context, markers
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.render import UI, render

SPEC = markers.register(
    MarkerSpec(
        "sources",
        {"ids": markers.each_of(lambda handbook: sorted(handbook.sources))},
        required=frozenset({"ids"}),
    )
)


def render_sources(arguments: Arguments, language: str, handbook: Handbook) -> str:
    cited = [handbook.sources[source_id] for source_id in arguments["ids"].split()]
    heading = UI["sources"][language]
    return f"## {heading}\n\n" + render("sources.html.j2", language, sources=cited)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    handbook = context.handbook(config)
    return markers.replace(markdown, SPEC.name, lambda arguments: render_sources(arguments, language, handbook))
