"""A page's front matter (the `---` block at its top: description, search boost …) must be valid YAML.

MkDocs reads a block it cannot parse as page text: the page then shows the block as a heading and loses
its description, without a warning. This hook stops the build with the file and line instead.
"""

from __future__ import annotations

import re

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# The same block MkDocs looks for (mkdocs.utils.meta): from a first line `---` to a line `---` or `...`.
_BLOCK = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_error(markdown: str) -> str | None:
    """Why the front matter left in a page's Markdown is not valid YAML, or None if there is none to fault."""
    block = _BLOCK.match(markdown)
    if block is None:
        return None
    try:
        data = yaml.safe_load(block.group("yaml"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 2}: " if mark is not None else ""  # +1 for the `---`, +1 to count from 1
        problem = getattr(error, "problem", None) or str(error)
        return f"{where}{problem} (put a value that holds ': ' in double quotes)"
    if not isinstance(data, dict):
        return "it must be `name: value` lines"
    return None


@event_priority(100)  # before any hook reads the page's text
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # MkDocs has already removed a front matter it could read; one still here failed to parse.
    problem = front_matter_error(markdown)
    if problem is not None:
        raise PluginError(f"Front matter error in docs/{page.file.src_uri}, {problem}")
    return markdown
