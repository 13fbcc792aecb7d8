"""Every chapter opens with a short summary a resident can read: やさしい日本語 on the Japanese pages,
plain English on the English ones (written in the Markdown as an admonition with the class
`easy-japanese` or `plain-summary`; see README, "The summary at the top of a chapter").

The Japanese goals follow 「在留支援のためのやさしい日本語ガイドライン」 (Immigration Services Agency and
Agency for Cultural Affairs, 2020): short sentences, one idea each, です・ます. Measured on the built
page: sentences of at most 35 characters on average and at most 35 % kanji, per page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import authored_pages, report

SUMMARY_CLASS = {"ja": "easy-japanese", "en": "plain-summary"}
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
JAPANESE_SENTENCE_END = re.compile(r"(?<=[。！？])")
ENGLISH_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# です・ます: 〜です。〜ます。〜ました。〜でした。〜ません。〜ましょう。〜ください。
POLITE_ENDINGS = ("す。", "した。", "ません。", "しょう。", "ください。")
MEASURED: dict[str, list[str]] = {"ja": [], "en": []}


def chapters(language: str) -> list[str]:
    """Every page but the home page, which is a table of contents, not a chapter."""
    return [page for page in authored_pages(language) if page != "index.md"]


def summary_text(block: Tag) -> str:
    """The summary as a reader reads it: without its title, and without furigana (<rt>, <rp>) that a
    build step may have added over the kanji."""
    copy = BeautifulSoup(str(block), "html.parser")
    for tag in copy.select(".admonition-title, rt, rp"):
        tag.decompose()
    return " ".join(copy.get_text(" ").split())


def japanese_sentences(text: str) -> list[str]:
    joined = "".join(text.split())
    return [sentence for sentence in JAPANESE_SENTENCE_END.split(joined) if sentence]


def kanji_share(text: str) -> float:
    characters = "".join(text.split())
    return len(KANJI.findall(characters)) / len(characters)


def the_summary(document: BeautifulSoup, language: str, page: str) -> Tag:
    article = document.select_one("article")
    assert article is not None, page
    blocks = article.select(f".{SUMMARY_CLASS[language]}")
    assert len(blocks) == 1, f"{language}/{page}: {len(blocks)} summaries"
    block = blocks[0]
    # At the top: straight after the title, before the chapter's own text and its first section.
    h1 = article.find("h1")
    assert h1 is not None and block.find_previous_sibling() is h1, f"{language}/{page}: the summary is not first"
    return block


@pytest.mark.parametrize("page", chapters("ja"))
def test_every_japanese_chapter_opens_with_easy_japanese(html, page: str) -> None:  # type: ignore[no-untyped-def]
    text = summary_text(the_summary(html("ja", page), "ja", page))
    sentences = japanese_sentences(text)
    average = sum(map(len, sentences)) / len(sentences)
    share = kanji_share(text)
    MEASURED["ja"].append(f"{page:34} {len(sentences)} sentences, {average:4.1f} characters each, kanji {share:5.1%}")
    assert 3 <= len(sentences) <= 6, f"{page}: {len(sentences)} sentences"
    assert all(sentence.endswith(POLITE_ENDINGS) for sentence in sentences), f"{page}: not です・ます"
    assert average <= 35, f"{page}: sentences average {average:.1f} characters"
    assert share <= 0.35, f"{page}: {share:.0%} kanji"


@pytest.mark.parametrize("page", chapters("en"))
def test_every_english_chapter_opens_with_a_plain_summary(html, page: str) -> None:  # type: ignore[no-untyped-def]
    text = summary_text(the_summary(html("en", page), "en", page))
    sentences = [sentence for sentence in ENGLISH_SENTENCE_END.split(text) if sentence]
    words = sum(len(sentence.split()) for sentence in sentences) / len(sentences)
    MEASURED["en"].append(f"{page:34} {len(sentences)} sentences, {words:4.1f} words each")
    assert 3 <= len(sentences) <= 6, f"{page}: {len(sentences)} sentences"
    assert words <= 15, f"{page}: sentences average {words:.1f} words"


def test_the_measures_work_on_known_text() -> None:
    sentences = japanese_sentences("地区の今を知ります。 みんなで話します。")
    assert sentences == ["地区の今を知ります。", "みんなで話します。"]
    assert kanji_share("地区です") == 0.5
    block = BeautifulSoup(
        '<div class="easy-japanese"><p class="admonition-title">やさしい にほんご</p>'
        "<p><ruby>地区<rp>(</rp><rt>ちく</rt><rp>)</rp></ruby>です。</p></div>",
        "html.parser",
    ).div
    assert block is not None and summary_text(block) == "地区 です。"


def test_zz_report_the_summaries() -> None:
    """Print the measured summaries after the run (named to run after the measuring tests)."""
    lines = ["Japanese (goal: at most 35 characters a sentence, at most 35 % kanji):", *MEASURED["ja"]]
    lines += ["English:", *MEASURED["en"]]
    if MEASURED["ja"]:
        report("summaries at the top of each chapter", lines)
