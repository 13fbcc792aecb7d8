"""Write each language's pages in reading order, grouped into chapters, to reading-order.json.

The PDFs and the offline copy read this list (see hooks/handbook/reading_order.py), so they hold every
page of the navigation — the generated case-study pages included — whatever the side bar shows.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from handbook import context
from handbook.reading_order import build_manifest, write_manifest

_navigation: Navigation | None = None


@event_priority(-120)  # after the hooks that generate pages (-110: case studies, templates) have placed them
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _navigation
    _navigation = nav
    return nav


def on_post_build(config: MkDocsConfig) -> None:
    if _navigation is None:
        return
    manifest = build_manifest(
        _navigation, context.language(config), context.default_language(config), str(config.site_name)
    )
    write_manifest(manifest, Path(config.site_dir))
