"""Last check on each page: a marker no hook replaced stops the build with the page and the marker."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import markers


@event_priority(-100)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    for match, _ in markers.find(markdown):
        raise PluginError(f"Marker error in docs/{page.file.src_uri}: {match.group(0).strip()} was not replaced")
    return markdown
