"""Japanese text analysis done at build time: words and their readings, from SudachiPy's core dictionary.

One analyzer serves every hook that needs readings (furigana on the pages, kana in the search index),
so a word is read the same way everywhere. Nothing here runs in the reader's browser.

Dictionaries go wrong on names: 町 is まち in 山形県's towns and ちょう elsewhere, and a district such as
吉島 or 寒河江 has a reading the dictionary does not know. data/readings.yml lists the names the
handbook uses with their checked readings; `use_readings` hands them to the analyzer once per build and
`words` reads every listed name as the list says. A name listed without a reading (no public source
gives it) comes back with `reading_known=False`, so no one shows a guessed reading for it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from sudachipy import Dictionary, SplitMode, Tokenizer

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
# Kanji, and the marks written among kanji: 々 (repeat), 〆, ヶ as in 鶴ヶ島.
KANJI = "\u3005\u3006\u30f6\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_KANJI = re.compile(f"[{KANJI}]")
# Where a line may break between two phrases of Japanese text (hooks/handbook/typeset.py puts it in):
# ZERO WIDTH SPACE, which nothing shows and no reader's text keeps.
PHRASE_BREAK = "\u200b"
# Where a line must not break: WORD JOINER, on each side of a <ruby> that does not stand at a phrase break.
# A browser lays out a ruby as a box of its own and breaks a line before or after it (ひらき|方) whatever
# word-break says; the joiner forbids that.
WORD_JOINER = "\u2060"
_LINE_BREAK_MARKS = re.compile(f"[{PHRASE_BREAK}{WORD_JOINER}]")


def without_line_break_marks(text: str) -> str:
    """The text as written: the phrase breaks and word joiners typeset.py put in are for line breaking only."""
    return _LINE_BREAK_MARKS.sub("", text)


@dataclass(frozen=True)
class Word:
    """One word of a text: what is written, how it is read (hiragana), and whether it is a name.

    `reading_known` is False for a name listed in data/readings.yml without a reading: its `reading`
    is then the surface itself, and no furigana is shown for it."""

    surface: str
    reading: str
    proper_noun: bool
    reading_known: bool = True


@functools.lru_cache(maxsize=50_000)
def to_hiragana(text: str) -> str:
    return text.translate(_KATAKANA_TO_HIRAGANA)


def normalize(text: str) -> str:
    """Full-width letters and digits to half-width, half-width kana to full-width, katakana to hiragana,
    lower case: the form in which a query and the indexed text are compared."""
    return to_hiragana(unicodedata.normalize("NFKC", text)).lower()


def has_kanji(text: str) -> bool:
    return _HAS_KANJI.search(text) is not None


@functools.cache
def _tokenizer() -> Tokenizer:
    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


@dataclass(frozen=True)
class _Overrides:
    readings: Mapping[str, str | None]
    pattern: re.Pattern[str] | None


_overrides = _Overrides({}, None)


def use_readings(readings: Mapping[str, str | None]) -> None:
    """Read each surface as given from now on (None: a name whose reading no source gives).
    Longer names win over the shorter names inside them (川西町 over 川西)."""
    global _overrides
    if dict(readings) == dict(_overrides.readings):
        return
    surfaces = sorted(readings, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(surface) for surface in surfaces)) if surfaces else None
    _overrides = _Overrides(dict(readings), pattern)
    _words.cache_clear()


# 方 as a word of its own is, on these pages, always a person spoken of politely (住民の方, 使えない方):
# かた. The dictionary reads it ほう ("this side"), a sense the pages write in kana.
_WORD_READINGS = {"方": "かた"}


# 日 after a figure: the dictionary reads it か or にち by the digit before it (16日 か, 20日 にち), but
# Japanese reads か only after these numbers (ふつか … とおか, じゅうよっか, はつか, にじゅうよっか).
_DAYS_READ_KA = frozenset({2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 20, 24})


def _day_reading(figure: str) -> str | None:
    """How 日 is read after `figure` (9月26日: にち, 10日: か); None when `figure` is no whole number."""
    digits = unicodedata.normalize("NFKC", figure)
    if not digits.isascii() or not digits.isdigit():
        return None
    return "か" if int(digits) in _DAYS_READ_KA else "にち"


def _analyze(text: str) -> list[Word]:
    found: list[Word] = []
    for morpheme in _tokenizer().tokenize(text):
        surface = morpheme.surface()
        reading = _WORD_READINGS.get(surface) or to_hiragana(morpheme.reading_form())
        if surface == "日" and found:
            reading = _day_reading(found[-1].surface) or reading
        found.append(Word(surface, reading, proper_noun=morpheme.part_of_speech()[1] == "固有名詞"))
    return found


@functools.lru_cache(maxsize=20_000)
def _words(text: str) -> tuple[Word, ...]:
    # Pages repeat the same texts (headings, table cells, the same sentence in a card and its page):
    # each distinct text is analyzed once per build.
    if _overrides.pattern is None:
        return tuple(_analyze(text))
    result: list[Word] = []
    position = 0
    for match in _overrides.pattern.finditer(text):
        if match.start() > position:
            result.extend(_analyze(text[position : match.start()]))
        surface = match.group()
        reading = _overrides.readings[surface]
        result.append(Word(surface, reading or surface, proper_noun=True, reading_known=reading is not None))
        position = match.end()
    if position < len(text):
        result.extend(_analyze(text[position:]))
    return tuple(result)


def words(text: str) -> list[Word]:
    """The words of `text` in order; their surfaces joined give `text` back. Names listed in
    data/readings.yml are one word each, read as listed."""
    if not text:
        return []
    return list(_words(text))
