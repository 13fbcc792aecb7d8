"""Japanese text analysis done at build time: words and their readings, from SudachiPy's core dictionary.

One analyzer serves every hook that needs readings (furigana on the pages, kana in the search index),
so a word is read the same way everywhere. Nothing here runs in the reader's browser.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from sudachipy import Dictionary, SplitMode, Tokenizer

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}


@dataclass(frozen=True)
class Word:
    """One word of a text: what is written, how it is read (hiragana), and whether it is a name."""

    surface: str
    reading: str
    proper_noun: bool


def to_hiragana(text: str) -> str:
    return text.translate(_KATAKANA_TO_HIRAGANA)


def normalize(text: str) -> str:
    """Full-width letters and digits to half-width, half-width kana to full-width, katakana to hiragana,
    lower case: the form in which a query and the indexed text are compared."""
    return to_hiragana(unicodedata.normalize("NFKC", text)).lower()


@functools.cache
def _tokenizer() -> Tokenizer:
    return Dictionary(dict="core").tokenizer(mode=SplitMode.C)


def words(text: str) -> list[Word]:
    """The words of `text` in order; their surfaces joined give `text` back."""
    return [
        Word(
            surface=morpheme.surface(),
            reading=to_hiragana(morpheme.reading_form()),
            proper_noun=morpheme.part_of_speech()[1] == "固有名詞",
        )
        for morpheme in _tokenizer().tokenize(text)
    ]
