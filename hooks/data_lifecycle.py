"""Load and check the handbook's data and markers once per build, before any page is written.

A data or marker error stops the build here with one message naming the file, the record, the line
and the field; the site folder is left as it was. `mkdocs serve` also watches data/ for edits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from handbook import context, markers


def on_pre_build(config: MkDocsConfig) -> None:
    handbook = context.handbook(config)  # a data error stops the build here, before any page is read
    try:
        markers.check_docs(Path(config.docs_dir), handbook)
    except markers.MarkerError as error:
        raise PluginError(f"Marker error in {error}") from None


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    server.watch(str(context.data_dir(config)))
    return server
