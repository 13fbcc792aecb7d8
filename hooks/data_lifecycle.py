"""Load and check the handbook's data, chapters and markers once per build, before any page is written.

A data error, a chapter not saved as UTF-8, a missing snippet or a bad marker stops the build here
with one message naming the file, the line and (for data) the record and the field. `mkdocs serve`
also watches data/ for edits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook import context, markers, pages


def on_pre_build(config: MkDocsConfig) -> None:
    handbook = context.handbook(config)  # a data error stops the build here, before any page is read
    docs = Path(config.docs_dir)
    try:
        pages.check_pages(docs, config.markdown_extensions, config.mdx_configs)
        markers.check_docs(docs, handbook)
    except pages.PageError as error:
        raise PluginError(f"{error.kind} in {error}") from None
    except markers.MarkerError as error:
        raise PluginError(f"Marker error in {error}") from None


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(context.data_dir(config)))
    return server
