"""Explain glossary terms where a reader first meets them, and render the glossary page.

A term becomes an abbreviation whose title is its definition, which Material shows as a tooltip
(`content.tooltips`), on its first occurrence in each h2 section of a page only: underlining every
repeat was noise to read past and slowed long pages down. Headings, links and table headers never
get one (a heading or a link is read at a glance; a header names a column). The glossary page lists
every term. Python-Markdown's abbr extension only matches whole words between `\\b` boundaries, which
never occur inside Japanese text, so the extension here matches Japanese terms anywhere and keeps
word boundaries for Latin-script terms.

    <!-- handbook:glossary -->
"""

from __future__ import annotations

import re
from functools import cache
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import context, markers
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.render import render

SPEC = markers.register(MarkerSpec("glossary", {}))


def term_pattern(term: str) -> str:
    """A regex for a term: on a side where the term has a Latin letter or digit, no such character may
    touch it (so "NPO" matches in "NPO法人" but not in "NPOs"); Japanese sides match anywhere."""
    start = r"(?<![A-Za-z0-9])" if re.match(r"[A-Za-z0-9]", term) else ""
    end = r"(?![A-Za-z0-9])" if re.search(r"[A-Za-z0-9]$", term) else ""
    return f"{start}{re.escape(term)}{end}"


@cache
def terms_regex(terms: frozenset[str]) -> re.Pattern[str]:
    """One regex for all terms, longest first so 集落支援員 wins over 集落; compiled once per glossary."""
    return re.compile("|".join(term_pattern(term) for term in sorted(terms, key=len, reverse=True)))


# Text in these never gets a tooltip; an h2 starts a new section, in which each term is explained once.
UNMARKED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "th", "code", "pre", "abbr", "button", "summary"})
SECTION = "h2"


class _CJKAbbrTreeprocessor(AbbrTreeprocessor):
    def run(self, root: Element) -> Element | None:
        if not self.abbrs:
            return None
        self.RE = terms_regex(frozenset(self.abbrs))
        self.explained: set[str] = set()
        self._walk(root, unmarked=False)
        return None

    def _walk(self, element: Element, *, unmarked: bool) -> None:
        """Go through the page in reading order, marking each term the first time the section uses it."""
        if element.tag == SECTION:
            self.explained = set()
        unmarked = unmarked or element.tag in UNMARKED
        if not unmarked and element.text:
            element.text, marks = self._mark(element.text)
            for position, mark in enumerate(marks):
                element.insert(position, mark)
        for child in list(element):
            self._walk(child, unmarked=unmarked)
            if not unmarked and child.tail:
                child.tail, marks = self._mark(child.tail)
                index = list(element).index(child) + 1
                for position, mark in enumerate(marks):
                    element.insert(index + position, mark)

    def _mark(self, text: str) -> tuple[str, list[Element]]:
        """The text before the first new term, and an <abbr> for each term not yet explained in this
        section, each carrying the text up to the next one as its tail."""
        if isinstance(text, AtomicString) or self.RE is None:
            return text, []
        head, position = text, 0
        marks: list[Element] = []
        for match in self.RE.finditer(text):
            term = match.group(0)
            if term in self.explained or not self.abbrs.get(term):
                continue
            self.explained.add(term)
            between = text[position : match.start()]
            if marks:
                marks[-1].tail = between
            else:
                head = between
            marks.append(self.create_element(self.abbrs[term], term, ""))
            position = match.end()
        if marks:
            marks[-1].tail = text[position:]
        return head, marks


class GlossaryAbbrExtension(AbbrExtension):
    """Python-Markdown's abbr extension, preloaded with the glossary and able to match Japanese."""

    abbrs: dict[str, str]

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        super().extendMarkdown(md)
        md.treeprocessors.register(_CJKAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def on_pre_build(config: MkDocsConfig) -> None:
    language = context.language(config)
    glossary = {term.term[language]: term.definition[language] for term in context.handbook(config).glossary.values()}
    extensions = [ext for ext in config.markdown_extensions if not isinstance(ext, GlossaryAbbrExtension)]
    config.markdown_extensions = [*extensions, GlossaryAbbrExtension(glossary=glossary)]  # type: ignore[list-item]


def render_glossary(arguments: Arguments, language: str, handbook: Handbook) -> str:
    terms = list(handbook.glossary.values())
    terms.sort(key=lambda term: (term.reading or term.term.ja) if language == "ja" else term.term.en.lower())
    return render("glossary.html.j2", language, terms=terms)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    handbook = context.handbook(config)
    return markers.replace(markdown, SPEC.name, lambda arguments: render_glossary(arguments, language, handbook))
