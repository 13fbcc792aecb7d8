"""Check every chapter can be read before the build writes anything: its encoding and its snippets.

Python-Markdown and pymdownx.snippets would otherwise stop halfway through the build, after some
pages were written, with a traceback that names no page. These checks say which page and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from markdown import Markdown
from pymdownx.snippets import SnippetMissingError

SNIPPETS = "pymdownx.snippets"
_MISSING = re.compile(r"Snippet (?:at path|section) '(?P<name>[^']*)'")


class PageError(Exception):
    """A page that cannot be built, told with the page and the line to fix."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def read_page(path: Path, shown: str) -> str:
    """A chapter's text; a file not saved as UTF-8 is refused with the line of its first foreign byte."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PageError(
            "Encoding error",
            f"{shown}, line {line}: this page is not saved as UTF-8 (perhaps Shift_JIS): open it in an "
            "editor and save it with the encoding UTF-8",
        ) from None


def pages(docs_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every chapter of every language, with its name as a maintainer sees it (docs/en/workshops.md)."""
    for path in sorted(docs_dir.rglob("*.md")):
        yield path, f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if ("8<" in line and needle in line) or line.strip() == needle:
            return number
    return None


def check_snippets(text: str, shown: str, snippet_config: Mapping[str, Any]) -> None:
    """Include the page's snippets as the build will, and say which one is missing or unreadable."""
    markdown = Markdown(extensions=[SNIPPETS], extension_configs={SNIPPETS: dict(snippet_config)})
    try:
        markdown.preprocessors["snippet"].run(text.split("\n"))
    except SnippetMissingError as error:
        found = _MISSING.search(str(error))
        line = _line_of(text, found.group("name")) if found and found.group("name") else None
        where = f"{shown}, line {line}" if line else shown
        raise PageError("Snippet error", f"{where}: {error}") from None
    except UnicodeDecodeError:
        raise PageError("Encoding error", f"{shown}: a snippet it includes is not saved as UTF-8") from None


def check_pages(docs_dir: Path, markdown_extensions: list[Any], mdx_configs: Mapping[str, Any]) -> dict[Path, str]:
    """Read and check every chapter; the text of each, for the checks that follow."""
    uses_snippets = SNIPPETS in markdown_extensions
    texts = {}
    for path, shown in pages(docs_dir):
        text = read_page(path, shown)
        if uses_snippets and "8<" in text:
            check_snippets(text, shown, mdx_configs.get(SNIPPETS, {}))
        texts[path] = text
    return texts
