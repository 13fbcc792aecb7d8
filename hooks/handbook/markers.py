"""The marker syntax a Markdown author writes to ask for generated content.

A marker is an HTML comment, so it stays invisible if it ever reaches a page unreplaced:

    <!-- handbook:support-programs stage="formation" kind="money" -->

Each hook module registers the marker it renders with its arguments. Before the first page is written,
`check_docs` reads every page of every language and stops the build on any marker that is unknown,
malformed or names a value the data does not have, so a bad marker never leaves a half-written site.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from handbook.loader import Handbook

ANY_MARKER = re.compile(r"<!--\s*handbook:(?P<body>.*?)-->", re.DOTALL)
_NAME_AND_ARGS = re.compile(r"^(?P<name>[a-z][a-z-]*)(?P<args>(?:\s+[a-z][a-z-]*=\"[^\"]*\")*)\s*$")
_ARG = re.compile(r"([a-z][a-z-]*)=\"([^\"]*)\"")

Arguments = dict[str, str]
ArgumentCheck = Callable[[str, Handbook], str | None]


class MarkerError(Exception):
    """A marker a page cannot be built with; the message names the page and the marker."""


@dataclass(frozen=True)
class Marker:
    name: str
    arguments: Arguments
    text: str


@dataclass(frozen=True)
class MarkerSpec:
    """What a marker accepts: each argument's check returns a problem, or None when the value is fine."""

    name: str
    arguments: dict[str, ArgumentCheck]
    required: frozenset[str] = frozenset()


_registry: dict[str, MarkerSpec] = {}


def register(spec: MarkerSpec) -> MarkerSpec:
    _registry[spec.name] = spec
    return spec


def one_of(allowed: Callable[[Handbook], list[str]]) -> ArgumentCheck:
    """A check that the value is one of a list of allowed words."""

    def check(value: str, handbook: Handbook) -> str | None:
        choices = allowed(handbook)
        return None if value in choices else f"'{value}' is not one of: {', '.join(choices)}"

    return check


def each_of(allowed: Callable[[Handbook], list[str]]) -> ArgumentCheck:
    """A check that the value is a space-separated list of allowed words."""

    def check(value: str, handbook: Handbook) -> str | None:
        choices = allowed(handbook)
        unknown = [word for word in value.split() if word not in choices]
        if not value.split():
            return "is empty"
        return f"unknown: {', '.join(unknown)}" if unknown else None

    return check


def parse(text: str) -> Marker:
    match = ANY_MARKER.fullmatch(text)
    body = match.group("body").strip() if match else text
    shape = _NAME_AND_ARGS.match(body)
    if not shape:
        raise MarkerError('is not written as <!-- handbook:NAME key="value" … -->')
    arguments: Arguments = {}
    for key, value in _ARG.findall(shape.group("args")):
        if key in arguments:
            raise MarkerError(f"gives the argument '{key}' twice")
        arguments[key] = value
    return Marker(shape.group("name"), arguments, text)


def find(markdown: str) -> Iterator[tuple[re.Match[str], Marker | MarkerError]]:
    for match in ANY_MARKER.finditer(markdown):
        try:
            yield match, parse(match.group(0))
        except MarkerError as error:
            yield match, error


def problem(marker: Marker, handbook: Handbook) -> str | None:
    spec = _registry.get(marker.name)
    if spec is None:
        return f"is an unknown marker (known: {', '.join(sorted(_registry))})"
    if missing := sorted(spec.required - marker.arguments.keys()):
        return f"needs the argument {', '.join(missing)}"
    for key, value in marker.arguments.items():
        check = spec.arguments.get(key)
        if check is None:
            allowed = ", ".join(sorted(spec.arguments)) or "none"
            return f"has an unknown argument '{key}' (allowed: {allowed})"
        if issue := check(value, handbook):
            return f"argument '{key}': {issue}"
    return None


def check_docs(docs_dir: Path, handbook: Handbook) -> None:
    """Stop on the first bad marker in any page of any language, before anything is written."""
    for path in sorted(docs_dir.rglob("*.md")):
        markdown = path.read_text(encoding="utf-8")
        for match, marker in find(markdown):
            line = markdown.count("\n", 0, match.start()) + 1
            issue = str(marker) if isinstance(marker, MarkerError) else problem(marker, handbook)
            if issue:
                page = path.relative_to(docs_dir)
                raise MarkerError(f"docs/{page}, line {line}: the marker {match.group(0).strip()} {issue}")


def arguments_of(markdown: str, name: str) -> list[Arguments]:
    """The arguments of every marker called `name` on a page, in order."""
    return [marker.arguments for _, marker in find(markdown) if isinstance(marker, Marker) and marker.name == name]


def replace(markdown: str, name: str, render: Callable[[Arguments], str]) -> str:
    """Put the rendered content where each marker called `name` stands."""

    def substitute(match: re.Match[str]) -> str:
        marker = parse(match.group(0))
        return render(marker.arguments) if marker.name == name else match.group(0)

    return ANY_MARKER.sub(substitute, markdown)
