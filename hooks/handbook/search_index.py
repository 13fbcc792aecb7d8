"""The handbook's search index, built once at build time and read by the browser as it is.

A page's HTML is cut into sections at its headings (as Material's search does), with the text a
reader sees: furigana (<rt>, <rp>), script and style are left out, so a reading never shows up in a
result or matches as if it were part of the text. For Japanese, each section also carries the
hiragana reading of its kanji words (hooks/handbook/japanese.py, the analyzer that gives the furigana), so
that a query typed in kana finds the page that writes the word in kanji.

The browser does not segment anything: it compares the normalized query (japanese.normalize, the
same steps in JavaScript) with the normalized text and reading, as whole phrases and as character
bigrams, so a query and the page can never be cut differently (see workers/handbook-matcher.js).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from handbook.japanese import normalize, without_line_break_marks, words

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Text inside these is never shown to a reader as part of the sentence: furigana readings and their
# fallback brackets, scripts, styles, and the ¶ link after each heading.
SKIPPED = {"rt", "rp", "script", "style", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Elements after which a reader sees a break: their text is not run into the next element's
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "tr", "div", "br", "pre", "blockquote", "summary", "caption", "figcaption"}
# A list of the documents a page cites (hooks/sources.py): found by search, but ranked below the
# handbook's own words, as its titles name other documents' subjects (政府の取組, 吉島地区の皆さまへ …)
CITATIONS = "handbook-sources"
CITATION_WEIGHT = 0.5
KANJI = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SPACES = re.compile(r"\s+")
FORMAT = 1  # the index format the browser's matcher reads (bump both together)


@dataclass
class Section:
    """One part of a page: the text under one heading (the page's own part has no anchor)."""

    anchor: str
    title: str
    text: str = ""
    weight: float = 1.0


class _Parser(HTMLParser):
    """Collects the text of each section; the page's own section (before its first heading) comes first."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [Section("", "")]
        self._text: list[list[str]] = [[]]
        self._open: list[str] = []
        self._skipping = 0  # depth inside elements whose text is left out
        self._heading: Section | None = None  # the heading being read
        self._heading_tag = ""
        self._title: list[str] = []
        self._seen_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br":
                self._data(" ")
            return  # <wbr> and the like hold no text
        self._open.append(tag)
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if self._skipping or tag in SKIPPED or "headerlink" in classes or "data-search-exclude" in attributes:
            self._skipping += 1
        elif tag in HEADINGS and self._heading is None and (tag == "h1" or attributes.get("id")):
            # The page's <h1> names the page's own section; every other heading with an id starts one
            page_title = tag == "h1" and not self._seen_h1
            self._seen_h1 = self._seen_h1 or tag == "h1"
            self._heading = Section("" if page_title else str(attributes.get("id") or ""), "")
            self._heading_tag = tag
            self._title = []
        elif tag in BLOCKS:
            self._data(" ")
        if CITATIONS in classes:
            self.sections[-1].weight = CITATION_WEIGHT

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self._open:
            return
        while self._open:  # close the elements left open inside this one, as browsers do
            closed = self._open.pop()
            if self._skipping:
                self._skipping -= 1
            elif self._heading is not None and closed == self._heading_tag:
                self._heading.title = _clean("".join(self._title))
                if self._heading.anchor:
                    self.sections.append(self._heading)
                    self._text.append([])
                self._heading = None
            elif closed in BLOCKS:
                self._data(" ")
            if closed == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._data(data)

    def _data(self, data: str) -> None:
        data = without_line_break_marks(data)
        (self._title if self._heading is not None else self._text[-1]).append(data)

    def result(self) -> list[Section]:
        for section, text in zip(self.sections, self._text, strict=True):
            section.text = _clean("".join(text))
        return self.sections


def _clean(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def page_sections(html: str, title: str) -> list[Section]:
    """The sections of a page's content HTML; the first is the page itself, titled `title`."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    sections = parser.result()
    sections[0].title = title
    return sections


@functools.lru_cache(maxsize=4096)  # `mkdocs serve` rebuilds pages whose text has not changed
def _kanji_words(text: str) -> tuple[tuple[str, str] | None, ...]:
    """(surface, normalized reading) of each word written with kanji; None for each run of other words."""
    found: list[tuple[str, str] | None] = []
    for word in words(text) if KANJI.search(text) else []:
        if KANJI.search(word.surface):
            found.append((word.surface, normalize(word.reading)))
        elif found and found[-1] is not None:
            found.append(None)
    return tuple(found)


def reading(text: str) -> str:
    """The hiragana readings of the words written with kanji, normalized; consecutive kanji words run
    together (地域運営組織 → ちいきうんえいそしき) and a space stands for the words between them.

    Kana, Latin letters and digits are left out: the normalized text itself holds them as a kana
    query would type them. (Measured: the same recall as a reading of every word, 19 % smaller.)"""
    return "".join(" " if word is None else word[1] for word in _kanji_words(text)).strip()


def spellings(texts: list[str]) -> dict[str, list[str]]:
    """How each reading (of two kana or more) is written in these texts: こうふきん → [交付金]. The browser
    uses it to mark, in a result and on the page, the kanji a kana query found."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for word in _kanji_words(text):
            if word is not None and len(word[1]) >= 2:
                found.setdefault(word[1], set()).add(word[0])
    return {key: sorted(found[key]) for key in sorted(found)}


@dataclass(frozen=True)
class IndexedPage:
    location: str  # relative to the language's root, e.g. "workshops/"
    sections: list[Section]


def build_index(language: str, pages: list[IndexedPage]) -> dict[str, object]:
    """The index one language's search reads: its pages, their sections, and for Japanese the readings.

    Compact on purpose (lists, not objects): `spellings` maps readings to how the text writes them;
    pages are [location, title]; sections are
    [page number, anchor, title, text, title reading, text reading, weight]."""
    readings = language == "ja"
    ordered = sorted(pages, key=lambda page: page.location)
    texts = [text for page in ordered for section in page.sections for text in (section.title, section.text)]
    return {
        "format": FORMAT,
        "lang": language,
        "stem": language == "en",
        "spellings": spellings(texts) if readings else {},
        "pages": [[page.location, page.sections[0].title] for page in ordered],
        "sections": [
            [
                number,
                section.anchor,
                section.title,
                section.text,
                reading(section.title) if readings else "",
                reading(section.text) if readings else "",
                section.weight,
            ]
            for number, page in enumerate(ordered)
            for section in page.sections
        ],
    }
