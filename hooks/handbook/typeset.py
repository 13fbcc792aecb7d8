"""Typeset Japanese HTML for readers on phones: furigana over kanji and line breaks between phrases.

Both are done in one pass over a page's HTML, at build time:

- furigana: each word with kanji gets the reading of its kanji from the shared analyzer
  (handbook.japanese, which knows data/readings.yml). Only the kanji get a reading; okurigana stay
  outside: 取り組み -> 取(と)り組(く)み. Most readers keep furigana off, and thousands of hidden
  `<ruby>` elements would slow every page on a phone (each is four elements to style and lay out).
  So a block (a paragraph, a list item, a cell) carries its readings in one attribute,
  `data-furigana="3:組織:そしき 0:取:と 1:組:く"` (characters since the end of the previous reading,
  base, reading; counted over the block's own text), and docs/assets/javascripts/furigana.js turns
  them into `<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>` when the reader switches furigana on.
  A block of class `easy-japanese`, which always shows its readings, gets the `<ruby>` in the HTML.
- phrase line breaks: BudouX finds where a phrase ends, and a zero-width space (U+200B) goes there.
  The stylesheet sets `word-break: keep-all`, so a line breaks only between phrases, never inside
  ワークショップ. A character, not a `<wbr>` element: a long Japanese page has thousands of phrase
  ends, and as elements they doubled what the phone must style and lay out. The search index drops
  the character, furigana.js drops it from copied text, and find in page matches across it.
  A browser also breaks a line beside a `<ruby>` whatever word-break says (ひらき|方), so each ruby
  written here, or by furigana.js, is held to the text beside it by a word joiner (U+2060), except
  where a phrase ends.

Only text is changed (and a block gets its data-furigana), never an attribute the page has (a link's
address, a tooltip's definition), and never code. A phrase break never goes inside a word with a reading:
the reading stays over its kanji, and the browser finds the word whole in one text node.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass

import budoux

from handbook.japanese import KANJI, PHRASE_BREAK, WORD_JOINER, Word, has_kanji, to_hiragana, words

# Text in these is left as written: code, the readings themselves, form controls, the ¶ of permalinks.
SKIPPED = frozenset({"code", "pre", "kbd", "samp", "script", "style", "svg", "math", "rt", "rp", "ruby", "textarea"})
SKIPPED_TEXT_ONLY = frozenset({"select", "option", "title", "button"})
SKIPPED_CLASSES = frozenset({"headerlink", "no-furigana"})
# Blocks whose readings are always shown: their ruby is written into the HTML.
ALWAYS_SHOWN_CLASS = "easy-japanese"
ATTRIBUTE = "data-furigana"
# The element a line of text belongs to: BudouX reads the whole text of one of these at a time.
BLOCKS = frozenset(
    {
        *("p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "summary", "blockquote", "label"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "details", "figure", "aside"),
        *("ul", "ol", "dl", "table", "thead", "tbody", "tr", "form", "nav", "header", "footer", "main", "body"),
    }
)
_JAPANESE = re.compile(f"[\u3041-\u3096\u30a1-\u30fa\u30fc{KANJI}]")
# A phrase longer than this may not fit one line of a 360 px phone (about 20 characters of body text, fewer
# in a stacked table's cell or a heading): it may also break where one of its words begins.
LONG_PHRASE = 10
# A word beginning in one of these may start a line inside a long phrase; kana endings and particles may not.
_LINE_STARTS = frozenset({"kanji", "katakana", "latin"})
_RUNS = re.compile(f"[{KANJI}]+|[^{KANJI}]+")
_DIGIT = re.compile("[0-9０-９]")
_ONE_DIGIT = re.compile("[1-9１-９]")
# The dictionary reads a long number digit by digit (60万 ろくれいまん): after figures, only the unit
# kanji get a reading, with the sound changes of the digit before them.
_UNITS = {"万": "まん", "億": "おく", "兆": "ちょう", "千": "せん", "百": "ひゃく"}
_UNITS_AFTER = {("千", "3"): "ぜん", ("百", "3"): "びゃく", ("百", "6"): "ぴゃく", ("百", "8"): "ぴゃく"}


@dataclass
class Counts:
    """What one pass added, for the build's log and the tests."""

    ruby: int = 0  # readings, whether written as <ruby> or kept in a block's data-furigana
    breaks: int = 0


@functools.cache
def _parser() -> budoux.Parser:
    return budoux.load_default_japanese_parser()


@functools.lru_cache(maxsize=20_000)
def phrase_ends(text: str) -> tuple[int, ...]:
    """Offsets in `text` where BudouX ends a phrase (not 0, not the end), and inside a phrase too long for
    a phone's line, where one of its words begins."""
    if not _JAPANESE.search(text):
        return ()
    offsets: list[int] = []
    position = 0
    phrases = _parser().parse(text)
    for index, phrase in enumerate(phrases):
        if len(phrase) > LONG_PHRASE:
            offsets.extend(position + end for end in _word_starts(phrase))
        position += len(phrase)
        if index < len(phrases) - 1:
            offsets.append(position)
    return tuple(offsets)


def _word_starts(phrase: str) -> list[int]:
    """Where a long phrase may break: before a word that begins with kanji, katakana or a letter where the
    script changes (きらりよしじま|ネットワーク|事務局長の), at least two characters from either end. Never
    before kana that end a word or particles (の, を, する), which stay with the word before them, inside a
    run of kanji (事務局長) or inside a figure."""
    starts, position = [], 0
    for word in words(phrase):
        script = _script(word.surface[0])
        if 2 <= position <= len(phrase) - 2 and script in _LINE_STARTS and _script(phrase[position - 1]) != script:
            starts.append(position)
        position += len(word.surface)
    return starts


def _script(character: str) -> str:
    if has_kanji(character):
        return "kanji"
    if "\u30a1" <= character <= "\u30fa" or character == "\u30fc":
        return "katakana"
    if "\u3041" <= character <= "\u3096":
        return "hiragana"
    return "latin" if character.isascii() and character.isalpha() else "other"


@dataclass(frozen=True)
class Reading:
    """The reading of one run of kanji: where it starts (in its word or its block), what is written, how it is read."""

    start: int
    base: str
    reading: str


@functools.lru_cache(maxsize=50_000)
def readings(word: Word) -> tuple[Reading, ...]:
    """The readings of a word's kanji, one per run of kanji when the okurigana let the reading be
    divided (取り組み: 取 と, 組 く), else one for the whole word; none when there is nothing to add."""
    surface = word.surface
    if not has_kanji(surface) or not word.reading_known or has_kanji(word.reading) or not word.reading:
        return ()
    runs = _RUNS.findall(surface)
    if _DIGIT.match(surface) and not _ONE_DIGIT.fullmatch(runs[0]):
        return _unit_readings(runs)
    if len(runs) > 1:
        pattern = "".join("(.+?)" if has_kanji(run) else re.escape(to_hiragana(run)) for run in runs)
        match = re.fullmatch(pattern, word.reading)
        if match:
            groups = iter(match.groups())
            found, start = [], 0
            for run in runs:
                if has_kanji(run):
                    found.append(Reading(start, run, next(groups)))
                start += len(run)
            return tuple(found)
    return (Reading(0, surface, word.reading),)


def _unit_readings(runs: list[str]) -> tuple[Reading, ...]:
    """The readings of the unit kanji after a figure (1,000億: 億 おく); none for other kanji."""
    found, start, before = [], 0, ""
    for run in runs:
        if run in _UNITS:
            digit = unicodedata.normalize("NFKC", before[-1:])
            found.append(Reading(start, run, _UNITS_AFTER.get((run, digit), _UNITS[run])))
        start += len(run)
        before = run
    return tuple(found)


@functools.lru_cache(maxsize=50_000)
def ruby(word: Word, joiner: str = "") -> str:
    """The word as HTML, its kanji with their reading, each ruby held to the kana beside it by `joiner`
    (話し合い: 話|し|合|い); the word as it is when there is nothing to add."""
    pieces, position = [], 0
    for reading in readings(word):
        pieces.append(html.escape(word.surface[position : reading.start], quote=False))
        pieces.append(_ruby(reading.base, reading.reading))
        position = reading.start + len(reading.base)
    pieces.append(html.escape(word.surface[position:], quote=False))
    return joiner.join(piece for piece in pieces if piece)


def _ruby(base: str, reading: str) -> str:
    return (
        f"<ruby>{html.escape(base, quote=False)}<rp>(</rp><rt>{html.escape(reading, quote=False)}</rt><rp>)</rp></ruby>"
    )


@dataclass(frozen=True)
class _Typeset:
    html: str
    readings: tuple[Reading, ...]  # those not written as <ruby>, with their start in the text as typeset
    counts: Counts  # counts.breaks is also how many characters the text grew by


@functools.lru_cache(maxsize=50_000)
def _typeset_text(text: str, breaks: tuple[int, ...], furigana: bool, inline: bool) -> _Typeset:
    """One text node as HTML: a phrase break at the phrase ends given (offsets in `text`), except inside
    a word that gets a reading; each reading written as <ruby> (`inline`) or handed back for the block's
    attribute. Cached: pages repeat headings, labels and sentences."""
    counts = Counts()
    out: list[str] = []
    kept: list[Reading] = []
    position = 0
    for word in words(text) if furigana and has_kanji(text) else [Word(text, text, proper_noun=False)]:
        start, position = position, position + len(word.surface)
        inside = [end - start for end in breaks if start <= end < position]
        found = readings(word) if furigana else ()
        if found:
            counts.ruby += len(found)
            if inside and inside[0] == 0:
                out.append(PHRASE_BREAK)
                counts.breaks += 1
            if inline:
                # A browser breaks a line beside a ruby whatever word-break says: word joiners hold it
                # to its phrase, and a line breaks next to it only at a phrase break.
                joiner_before = WORD_JOINER if not inside or inside[0] != 0 else ""
                joiner_after = WORD_JOINER if position not in breaks else ""
                out.append(joiner_before + ruby(word, WORD_JOINER) + joiner_after)
            else:
                out.append(html.escape(word.surface, quote=False))
                # Where the browser finds the word: after the phrase breaks put in before it.
                at = start + counts.breaks
                kept.extend(Reading(at + reading.start, reading.base, reading.reading) for reading in found)
            continue
        cut = 0
        for end in inside:
            out.append(html.escape(word.surface[cut:end], quote=False) + PHRASE_BREAK)
            cut = end
        counts.breaks += len(inside)
        out.append(html.escape(word.surface[cut:], quote=False))
    return _Typeset("".join(out), tuple(kept), counts)


def furigana_attribute(found: list[Reading]) -> str:
    """A block's readings as its data-furigana value: `gap:base:reading`, space-separated, where gap is
    the number of characters of the block's text since the end of the previous reading."""
    entries, end = [], 0
    for reading in found:
        entries.append(f"{reading.start - end}:{reading.base}:{reading.reading}")
        end = reading.start + len(reading.base)
    return " ".join(entries)


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
    always_shown: bool  # inside a block whose readings are always shown (easy-japanese)


@dataclass
class _Block:
    """A block element: where its start tag sits in the output, and whether its readings are always shown."""

    index: int
    always_shown: bool


@dataclass
class _Text:
    """A run of text between two tags: where it sits in the output and which block it belongs to."""

    index: int
    text: str
    block: int


def _scan(content: str) -> tuple[list[str], list[_Text], dict[int, _Block]]:
    """Cut the HTML into pieces (tags and text, kept as written) and list the text a reader reads.

    The page's HTML comes from Markdown and the handbook's templates, so it is well formed; a tag
    closed out of order closes what is open inside it, as a browser does."""
    pieces: list[str] = []
    texts: list[_Text] = []
    stack: list[_Open] = [_Open("", skipped=False, block=0, always_shown=False)]
    blocks: dict[int, _Block] = {}
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
        always_shown = stack[-1].always_shown or ALWAYS_SHOWN_CLASS in class_names
        block = stack[-1].block
        if name in BLOCKS:
            block = len(blocks) + 1
            blocks[block] = _Block(len(pieces) - 1, always_shown)
        stack.append(_Open(name, skipped, block, always_shown))
    return pieces, texts, blocks


def _with_attribute(tag: str, name: str, value: str) -> str:
    end = len(tag) - 2 if tag.endswith("/>") else len(tag) - 1
    return f'{tag[:end]} {name}="{html.escape(value, quote=True)}"{tag[end:]}'


def typeset(content: str, *, furigana: bool, phrases: bool) -> tuple[str, Counts]:
    """The page's HTML with furigana and/or phrase breaks added, and how many of each."""
    counts = Counts()
    if not (furigana or phrases) or not _JAPANESE.search(content):
        return content, counts
    pieces, texts, blocks = _scan(content)
    # The text of one block (a paragraph, a list item, a cell) is read as a whole by BudouX, across
    # links and glossary terms, so that a phrase is found where the sentence has it.
    groups: dict[int, list[_Text]] = {}
    for text in texts:
        groups.setdefault(text.block, []).append(text)
    for block_id, group in groups.items():
        joined = "".join(text.text for text in group)
        ends = [end for end in phrase_ends(joined) if _japanese_side(joined, end)] if phrases else []
        block = blocks.get(block_id)
        # Text outside any block has no start tag to carry an attribute: its readings are written out.
        inline = block is None or block.always_shown
        kept: list[Reading] = []
        offset = 0  # in the block's text as written
        shown = 0  # in the block's text as typeset, phrase breaks included: what the browser counts
        for text in group:
            # A phrase end at the very start of a text goes there (after the link or term before it).
            local = [end - offset for end in ends if offset <= end < offset + len(text.text) and end > 0]
            added = 0
            if local or (furigana and has_kanji(text.text)):
                done = _typeset_text(text.text, tuple(local), furigana, inline)
                pieces[text.index] = done.html
                kept.extend(Reading(shown + r.start, r.base, r.reading) for r in done.readings)
                counts.ruby += done.counts.ruby
                counts.breaks += done.counts.breaks
                added = done.counts.breaks
            offset += len(text.text)
            shown += len(text.text) + added
        if kept and block is not None:
            pieces[block.index] = _with_attribute(pieces[block.index], ATTRIBUTE, furigana_attribute(kept))
    return "".join(pieces), counts
