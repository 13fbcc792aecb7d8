"""The formation self-check: every checklist of the formation steps on one page, ticks kept in the browser.

    <!-- handbook:self-check pages="formation-steps/step-1.md formation-steps/step-2.md …" -->

The checklists are read from the chapters named in `pages` (in the page's own language), so the
self-check and the chapters never drift apart: a new item in a chapter's checklist appears here at once.
Each step ends with a link back to the step it comes from. docs/assets/javascripts/self-check.js makes the
boxes tickable, keeps the ticks in the reader's browser (nothing leaves the device), counts progress per
step and offers a reset; without JavaScript the page is still the full list, ready to print.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pymdownx.slugs import slugify

from handbook import context, markers
from handbook.markers import Arguments, MarkerSpec
from handbook.render import render

SPEC = markers.register(
    MarkerSpec(
        "self-check",
        {"pages": lambda value, handbook: None if value.split() else "is empty"},
        required=frozenset({"pages"}),
    )
)

_SECTION = re.compile(r"^(?P<level>#{1,2}) (?P<title>.+?)\s*(?:\{[^}]*\})?\s*$")
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_TASK = re.compile(r"^- \[[ xX]\] (?P<text>.+)$")
_FENCE = re.compile(r"^(```|~~~)")
Slugify = Callable[[str, str], str]
DEFAULT_SLUG: Slugify = slugify(case="lower")


@dataclass(frozen=True)
class Step:
    title: str
    link: str
    items: tuple[str, ...]


def checklists(markdown: str, page: str, slug: Slugify = DEFAULT_SLUG) -> list[Step]:
    """Each section of a chapter page (its h1, or an h2) that holds a checklist, with the checklist's items.
    Links in the items are rewritten to work from the self-check page (`page` is relative to its folder);
    `slug` is the heading-id function the site's toc extension uses, so each link finds its heading."""
    steps: list[Step] = []
    title: str | None = None
    anchor = ""
    items: list[str] = []
    in_fence = False

    def close() -> None:
        if title is not None and items:
            steps.append(Step(title, page + anchor, tuple(items)))

    for line in markdown.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        if section := _SECTION.match(line):
            close()
            title, items = section.group("title"), []
            # The toc extension reads the heading as text with its spaces (full-width ones too) collapsed.
            anchor = "" if section.group("level") == "#" else f"#{slug(' '.join(title.split()), '-')}"
        elif (task := _TASK.match(line)) and title is not None:
            text = task.group("text").strip()
            items.append(_LINK.sub(lambda link: f"]({from_root(page, link.group('target'))})", text))
    close()
    return steps


def from_root(page: str, target: str) -> str:
    """A link written on `page` (a path relative to the self-check page's folder), as seen from that folder."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^[#/]", target):
        return target
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


def heading_slug(config: MkDocsConfig) -> Slugify:
    toc = config.mdx_configs.get("toc", {})
    configured = toc.get("slugify")
    return configured if callable(configured) else DEFAULT_SLUG


def render_self_check(arguments: Arguments, page: Page, language: str, slug: Slugify) -> str:
    folder = Path(page.file.abs_src_path or "").parent
    steps: list[Step] = []
    for name in arguments["pages"].split():
        source = folder / name
        if not source.is_file():
            raise PluginError(
                f"Marker error in {page.file.src_uri}: the self-check reads '{name}', which is not a page next to it"
            )
        steps += checklists(source.read_text(encoding="utf-8"), name, slug)
    if not steps:
        raise PluginError(f"Marker error in {page.file.src_uri}: the pages {arguments['pages']} hold no checklist")
    # The items are the chapters' own Markdown (links included), written by the same authors as this page:
    # they go into the page as Markdown, not escaped as text from a data file would be.
    trusted = [
        Step(step.title, step.link, tuple(Markup(item) for item in step.items))  # noqa: S704
        for step in steps
    ]
    return render("self-check.md.j2", language, steps=trusted, storage_key=f"handbook-self-check-{language}")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    slug = heading_slug(config)
    return markers.replace(markdown, SPEC.name, lambda arguments: render_self_check(arguments, page, language, slug))
