"""Typeset Japanese HTML for readers on phones: furigana over kanji and line breaks between phrases.

Both are done in one pass over a page's HTML, at build time:

- furigana: each word with kanji becomes `<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>`, with the
  reading from the shared analyzer (handbook.japanese, which knows data/readings.yml). Only the kanji
  get a reading; okurigana stay outside: 取り組み -> 取(と)り組(く)み.
- phrase line breaks: BudouX finds where a phrase ends, and `<wbr>` goes there. The stylesheet sets
  `word-break: keep-all`, so a line breaks only between phrases, never inside ワークショップ.

Only text is changed, never attributes (a link's address, a tooltip's definition) and never code.
A `<wbr>` never goes inside a ruby: the reading stays over its kanji.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import budoux

from handbook.japanese import KANJI, Word, has_kanji, to_hiragana, words

# Text in these is left as written: code, the readings themselves, form controls, the ¶ of permalinks.
SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "svg", "math", "rt", "rp", "ruby", "textarea"})
SKIPPED_TEXT_ONLY = frozenset({"select", "option", "title", "button"})
SKIPPED_CLASSES = frozenset({"headerlink", "no-furigana"})
# The element a line of text belongs to: BudouX reads the whole text of one of these at a time.
BLOCKS = frozenset(
    {
        *("p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "summary", "blockquote", "label"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "details", "figure", "aside"),
        *("ul", "ol", "dl", "table", "thead", "tbody", "tr", "form", "nav", "header", "footer", "main", "body"),
    }
)
_JAPANESE = re.compile(f"[\u3041-\u3096\u30a1-\u30fa\u30fc{KANJI}]")
_RUNS = re.compile(f"[{KANJI}]+|[^{KANJI}]+")


@dataclass
class Counts:
    """What one pass added, for the build's log and the tests."""

    ruby: int = 0
    breaks: int = 0


@functools.cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


@functools.lru_cache(maxsize=20_000)
def phrase_ends(text: str) -> tuple[int, ...]:
    """Offsets in `text` where BudouX ends a phrase (not 0, not the end)."""
    if not _JAPANESE.search(text):
        return ()
    offsets, position = [], 0
    for phrase in _parser().parse(text)[:-1]:
        position += len(phrase)
        offsets.append(position)
    return tuple(offsets)


@functools.lru_cache(maxsize=50_000)
def ruby(word: Word) -> str:
    """The word as HTML, its kanji with their reading; the word as it is when there is nothing to add."""
    surface = word.surface
    if not has_kanji(surface) or not word.reading_known or has_kanji(word.reading) or not word.reading:
        return html.escape(surface, quote=False)
    runs = _RUNS.findall(surface)
    if len(runs) > 1:
        pattern = "".join("(.+?)" if has_kanji(run) else re.escape(to_hiragana(run)) for run in runs)
        match = re.fullmatch(pattern, word.reading)
        if match:
            groups = iter(match.groups())
            return "".join(
                _ruby(run, next(groups)) if has_kanji(run) else html.escape(run, quote=False) for run in runs
            )
    return _ruby(surface, word.reading)


def _ruby(base: str, reading: str) -> str:
    return (
        f"<ruby>{html.escape(base, quote=False)}<rp>(</rp><rt>{html.escape(reading, quote=False)}</rt><rp>)</rp></ruby>"
    )


@functools.lru_cache(maxsize=50_000)
def _typeset_text(text: str, breaks: tuple[int, ...], furigana: bool) -> tuple[str, Counts]:
    """One text node as HTML: words with kanji as ruby, <wbr> at the phrase ends given (offsets in
    `text`) except inside a ruby. Cached: pages repeat headings, labels and sentences."""
    counts = Counts()
    out: list[str] = []
    position = 0
    for word in words(text) if furigana and has_kanji(text) else [Word(text, text, proper_noun=False)]:
        start, position = position, position + len(word.surface)
        inside = [end - start for end in breaks if start <= end < position]
        piece = ruby(word) if furigana else ""
        if "<ruby>" in piece:
            counts.ruby += piece.count("<ruby>")
            if inside and inside[0] == 0:
                out.append("<wbr>")
                counts.breaks += 1
            out.append(piece)
            continue
        cut = 0
        for end in inside:
            out.append(html.escape(word.surface[cut:end], quote=False) + "<wbr>")
            cut = end
        counts.breaks += len(inside)
        out.append(html.escape(word.surface[cut:], quote=False))
    return "".join(out), counts


def _japanese_side(text: str, offset: int) -> bool:
    """A phrase end worth a break: Japanese on at least one side (never inside an address or a number)."""
    return bool(_JAPANESE.match(text, offset - 1) or _JAPANESE.match(text, offset))


_TOKENS = re.compile(
    r"<!--.*?-->|<(script|style|pre|code|svg|math|textarea)\b[^>]*>.*?</\1\s*>|<[^>]*>|[^<]+",
    re.DOTALL | re.IGNORECASE,
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class _Open:
    name: str
    skipped: bool  # text inside is left as it is
    block: int  # the text group of the nearest block element


@dataclass
class _Text:
    """A run of text between two tags: where it sits in the output and which block it belongs to."""

    index: int
    text: str
    block: int


def _scan(content: str) -> tuple[list[str], list[_Text]]:
    """Cut the HTML into pieces (tags and text, kept as written) and list the text a reader reads.

    The page's HTML comes from Markdown and the handbook's templates, so it is well formed; a tag
    closed out of order closes what is open inside it, as a browser does."""
    pieces: list[str] = []
    texts: list[_Text] = []
    stack: list[_Open] = [_Open("", skipped=False, block=0)]
    blocks = 0
    for match in _TOKENS.finditer(content):
        token = match.group()
        pieces.append(token)
        if match.group(1) or token.startswith("<!"):
            continue  # code, scripts, drawings, comments: kept whole
        tag = _TAG.match(token)
        if tag is None:
            if token.startswith("<"):
                continue
            if not stack[-1].skipped:
                texts.append(_Text(len(pieces) - 1, html.unescape(token), stack[-1].block))
            continue
        closing, name = tag.group(1), tag.group(2).lower()
        if closing:
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].name == name:
                    del stack[depth:]
                    break
            continue
        if name in VOID or token.endswith("/>"):
            continue
        classes = _CLASS.search(tag.group(3))
        class_names = set(next(group for group in classes.groups() if group is not None).split()) if classes else set()
        skipped = (
            stack[-1].skipped or name in SKIPPED or name in SKIPPED_TEXT_ONLY or bool(SKIPPED_CLASSES & class_names)
        )
        if name in BLOCKS:
            blocks += 1
        stack.append(_Open(name, skipped, blocks if name in BLOCKS else stack[-1].block))
    return pieces, texts


def typeset(content: str, *, furigana: bool, phrases: bool) -> tuple[str, Counts]:
    """The page's HTML with furigana and/or phrase breaks added, and how many of each."""
    counts = Counts()
    if not (furigana or phrases) or not _JAPANESE.search(content):
        return content, counts
    pieces, texts = _scan(content)
    # The text of one block (a paragraph, a list item, a cell) is read as a whole by BudouX, across
    # links and glossary terms, so that a phrase is found where the sentence has it.
    groups: dict[int, list[_Text]] = {}
    for text in texts:
        groups.setdefault(text.block, []).append(text)
    for group in groups.values():
        joined = "".join(text.text for text in group)
        ends = [end for end in phrase_ends(joined) if _japanese_side(joined, end)] if phrases else []
        offset = 0
        for text in group:
            # A phrase end at the very start of a text goes there (after the link or term before it).
            local = [end - offset for end in ends if offset <= end < offset + len(text.text) and end > 0]
            offset += len(text.text)
            if local or (furigana and has_kanji(text.text)):
                pieces[text.index], added = _typeset_text(text.text, tuple(local), furigana)
                counts.ruby += added.ruby
                counts.breaks += added.breaks
    return "".join(pieces), counts
