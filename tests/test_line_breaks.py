"""Phrase line breaks (hooks/furigana.py with BudouX): on a phone, a Japanese line ends between phrases,
never inside a word such as ワークショップ, and never inside a ruby; addresses and numbers stay whole."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest
from conftest import PHRASE_BREAK, ROOT, WORD_JOINER, built_urls, raw_soup, report
from playwright.sync_api import Browser

sys.path.insert(0, str(ROOT / "hooks"))

from handbook.typeset import typeset


@pytest.mark.parametrize("summary", [False, True])
def test_breaks_go_between_phrases_not_inside_words_or_readings(summary: bool) -> None:
    sentence = "<p>最初の<abbr title='x'>ワークショップ</abbr>では、地域の将来について話し合います。</p>"
    html, counts = typeset(
        f"<div class='easy-japanese'>{sentence}</div>" if summary else sentence, furigana=True, phrases=True
    )
    assert counts.breaks >= 2 and counts.ruby >= 3
    text_with_breaks = html.replace(PHRASE_BREAK, "|")
    assert "ワークショップ" in text_with_breaks  # not ワーク|ショップ
    # A word with a reading stays whole: as a <ruby> in a summary, as text elsewhere (furigana.js finds it).
    assert "<ruby>" in html if summary else "<ruby>" not in html
    for ruby in html.split("<ruby>")[1:]:
        assert PHRASE_BREAK not in ruby.split("</ruby>")[0]
    if not summary:
        assert all(word in text_with_breaks for word in ("最初", "地域", "将来", "話し合"))


def test_a_ruby_is_held_to_the_text_beside_it_except_at_a_phrase_break() -> None:
    """A browser may break a line beside a <ruby> whatever word-break says (ひらき|方): a word joiner on
    each side of a ruby forbids it, except where a phrase ends."""
    html, _ = typeset(
        "<div class='easy-japanese'><p>会のひらき方です。住民の話し合いです。</p></div>", furigana=True, phrases=True
    )
    marked = html.replace(PHRASE_BREAK, "|").replace(WORD_JOINER, "+")
    for ruby in re.findall(r"(.)<ruby>.*?</ruby>(.)", marked):
        assert ruby[0] in "|+>" and ruby[1] in "|+<", (ruby, marked)
    assert "ひらき+<ruby>方" in marked and "話<rp>" in marked and "</ruby>+し+<ruby>合" in marked
    assert "|<ruby>住民" in marked  # a phrase starts here: the line may break before it


def test_a_phrase_longer_than_a_line_may_break_where_its_script_changes() -> None:
    """BudouX keeps 「きらりよしじまネットワーク事務局長の」 as one phrase, longer than a line at 360 px: it may
    also break where katakana meet kanji, not inside 事務局長 and never before a particle."""
    html, _ = typeset("<p>きらりよしじまネットワーク事務局長の方が話しました。</p>", furigana=True, phrases=True)
    marked = html.replace(PHRASE_BREAK, "|")
    assert "ネットワーク|事務局長" in marked, marked
    assert "事務局長の" in marked and "|の" not in marked, marked
    short, _ = typeset("<p>地域運営組織の形成に向けた取組です。</p>", furigana=True, phrases=True)
    assert "地域運営組織の" in short  # a phrase that fits a line keeps BudouX's breaks only


def test_addresses_numbers_and_code_are_not_touched() -> None:
    html, _ = typeset(
        "<p>詳しくは https://www.example.org/long/path/page.html をご覧ください。1,000万円です。</p>"
        "<pre><code>地域運営組織</code></pre>",
        furigana=True,
        phrases=True,
    )
    assert "https://www.example.org/long/path/page.html" in html
    assert "1,000" in html
    assert "<pre><code>地域運営組織</code></pre>" in html


def test_every_japanese_page_has_phrase_breaks_and_no_english_page_does(site: Path) -> None:
    counts = {}
    for url in built_urls(site):
        document = raw_soup(site / url / "index.html")
        article = document.select_one("article")
        assert article is not None, url
        breaks = article.get_text().count(PHRASE_BREAK)
        assert not article.select("wbr"), f"{url}: a phrase break is a character, not an element"
        if url.startswith("en/"):
            assert breaks == 0, url
        else:
            counts[url or "/"] = breaks
            # Never inside code or a word with its reading, never in an address or a tooltip's text.
            for element in article.select("code, pre, ruby"):
                assert PHRASE_BREAK not in element.get_text(), (url, element)
            for element in article.select("[href], [title], [data-furigana]"):
                values = [str(element.get(name, "")) for name in ("href", "title", "data-furigana")]
                assert not any(PHRASE_BREAK in value for value in values), (url, element)
        assert PHRASE_BREAK not in (document.title.get_text() if document.title else ""), url
    report("Line breaks: phrase breaks per Japanese page", [f"{n:6d}  {url}" for url, n in sorted(counts.items())])
    assert all(n > 0 for url, n in counts.items() if url != "/"), counts


# A script that lists, for each line box of an element, the characters on it (readings left out); with
# `marks`, a phrase break shows as "|" on the line it ends.
LINES = """(element, marks) => {
  const chars = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
    acceptNode: node => node.parentElement.closest('rt, rp') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      const char = node.data[i] === '\\u200b' && marks ? '|' : node.data[i];
      if (rect && char !== '\\u200b' && char !== '\\u2060') chars.push([char, Math.round(rect.bottom)]);
    }
  }
  const lines = [];
  let bottom = null;
  for (const [char, b] of chars) {
    if (bottom === null || (Math.abs(b - bottom) > 4 && char !== '|')) { lines.push(''); bottom = b; }
    lines[lines.length - 1] += char;
  }
  return lines;
}"""
# A line may end after these, or begin with these, without splitting a word (besides a phrase break).
ENDS_A_LINE = set(" \n、。，．」）』】！？：・〜")
BEGINS_A_LINE = set(" \n「（『【")


def phrase_around(text: str, at: int) -> str:
    """The phrase of `text` (lines joined, phrase breaks as |) that holds the offset `at`."""
    start = max(text.rfind(mark, 0, at) for mark in "| \n") + 1
    ends = [found for mark in "| \n" if (found := text.find(mark, at)) >= 0]
    return text[start : min(ends, default=len(text))]


@pytest.mark.parametrize("furigana", [False, True])
def test_lines_end_only_between_phrases_beside_readings_too(browser: Browser, server: str, furigana: bool) -> None:
    """Every line of the paragraphs and list items of three chapters, at 360 px, ends at a phrase break or at
    punctuation: never inside a word, and never beside a reading (ひらき|方), with furigana on or off. Only a
    phrase longer than a whole line may break inside (the browser must, or the text runs off the screen)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    splits: list[str] = []
    too_long: list[str] = []
    checked = 0
    for url in ("workshops/", "kirari-model/", "first-steps/"):
        tab.goto(server + url)
        if furigana:
            tab.locator("button.handbook-furigana-toggle").click()
        for block in tab.locator("article :is(p, li):not(:has(p, li, code, a[href^='http']))").all():
            lines: list[str] = block.evaluate(LINES, True)
            checked += len(lines)
            text, at = "".join(lines), 0
            for before, after in itertools.pairwise(lines):
                at += len(before)
                if before[-1] in ENDS_A_LINE or after[0] in BEGINS_A_LINE or before.endswith("|"):
                    continue
                phrase = phrase_around(text, at)
                where = f"{url}: {before[-8:]}／{after[:8]}"
                longest_line = max(len(line.replace("|", "")) for line in lines)
                (too_long if len(phrase) >= longest_line - 1 else splits).append(where)
    context.close()
    report(
        f"Line breaks: lines checked at 360 px (furigana {'on' if furigana else 'off'})",
        [f"{checked} lines; phrases longer than a line, broken inside: {len(too_long)}", *too_long],
    )
    assert not splits, splits


@pytest.mark.parametrize("furigana", [False, True])
def test_no_word_is_split_at_the_end_of_a_line_on_a_small_phone(browser: Browser, server: str, furigana: bool) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.goto(server + "workshops/")
    if furigana:
        tab.locator("button.handbook-furigana-toggle").click()
    paragraph = tab.locator("article h1 ~ p:not(.handbook-pdf-link)").first
    lines: list[str] = paragraph.evaluate(LINES, False)
    context.close()
    report(f"Line breaks: first paragraph of /workshops/ at 360 px (furigana {'on' if furigana else 'off'})", lines)
    assert len(lines) >= 2, lines
    for before, after in itertools.pairwise(lines):
        assert not (is_katakana(before[-1]) and is_katakana(after[0])), f"a word split at a line end: {before}|{after}"
    # Each ワークショップ sits whole on one line.
    text, ends, position = "".join(lines), set(), 0
    for line in lines[:-1]:
        position += len(line)
        ends.add(position)
    start = text.find("ワークショップ")
    assert start >= 0
    while start >= 0:
        assert not any(start < end < start + len("ワークショップ") for end in ends), lines
        start = text.find("ワークショップ", start + 1)


def is_katakana(char: str) -> bool:
    return "ァ" <= char <= "ヺ" or char == "ー"
