"""hooks/furigana.py and hooks/handbook/japanese.py: readings over kanji on the Japanese pages, right for the
handbook's own names, hidden until the reader asks, and never leaking into search, titles, menus or PDFs.

A block keeps its readings in data-furigana until the reader switches furigana on (furigana.js then
writes the <ruby>); やさしい日本語 blocks have their <ruby> in the HTML."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOT, built_urls, load_yaml, page_path, raw_soup, report
from playwright.sync_api import Browser, Page
from test_browser import axe_violations

from handbook import japanese, typeset
from handbook.japanese import Word

READINGS: list[dict[str, str | None]] = load_yaml(ROOT / "data" / "readings.yml")  # type: ignore[assignment]
KANJI = re.compile(r"[\u3005\u3006\u30f6\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def japanese_pages(site: Path) -> list[Path]:
    return [site / url / "index.html" for url in built_urls(site) if not url.startswith("en/")]


def base_text(element: Tag) -> str:
    """The text as written: readings left out."""
    copy = BeautifulSoup(str(element), "html.parser")
    for reading in copy.select("rt, rp"):
        reading.decompose()
    return copy.get_text()


def attribute_readings(element: Tag) -> list[tuple[str, str]]:
    """(base, reading) of each entry of a block's data-furigana ("gap:base:reading ...")."""
    entries = str(element["data-furigana"]).split(" ")
    return [(base, reading) for _, base, reading in (entry.split(":") for entry in entries)]


def rubies(document: BeautifulSoup) -> list[tuple[str, str]]:
    """(base, reading) of every reading in the page's article: written as <ruby>, or kept in data-furigana."""
    found = []
    for ruby in document.select("article ruby"):
        rt = ruby.find("rt")
        found.append((base_text(ruby), rt.get_text() if rt else ""))
    for block in document.select("article [data-furigana]"):
        found.extend(attribute_readings(block))
    return found


@pytest.fixture(scope="session")
def ruby_by_page(site: Path) -> dict[str, list[tuple[str, str]]]:
    return {str(path.relative_to(site).parent): rubies(raw_soup(path)) for path in japanese_pages(site)}


@pytest.fixture(scope="session")
def page_text(site: Path) -> dict[str, str]:
    text = {}
    for path in japanese_pages(site):
        article = raw_soup(path).select_one("article")
        text[str(path.relative_to(site).parent)] = base_text(article) if article else ""
    return text


def test_japanese_pages_carry_readings_and_the_english_ones_none(site: Path, ruby_by_page) -> None:  # type: ignore[no-untyped-def]
    counts = {page: len(found) for page, found in ruby_by_page.items()}
    report(
        "Furigana: ruby per Japanese page",
        [f"{n:6d}  /{page}/" for page, n in sorted(counts.items())]
        + [f"{sum(counts.values()):6d}  total on {len(counts)} pages"],
    )
    assert all(counts[page] > 0 for page in counts if page != "."), counts
    assert counts.get("workshops", 0) > 500
    for path in (site / "en").rglob("index.html"):
        assert not raw_soup(path).select("ruby, rt, [data-furigana]"), f"{path} has furigana"


def test_with_furigana_off_a_page_has_no_ruby_but_in_its_easy_japanese_summary(site: Path) -> None:
    """Readers who keep furigana off get no hidden ruby to lay out: on the longest pages it had been
    four of every five elements."""
    for path in japanese_pages(site):
        document = raw_soup(path)
        outside = [ruby for ruby in document.select("ruby") if not ruby.find_parent(class_="easy-japanese")]
        assert not outside, (path, outside[:3])


def test_a_block_keeps_its_readings_in_one_attribute_and_a_summary_shows_them() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    from handbook.typeset import typeset

    html, counts = typeset(
        '<p>地域の<a href="x">取り組み</a>です。</p><div class="easy-japanese"><p>地域です。</p></div>',
        furigana=True,
        phrases=False,
    )
    document = BeautifulSoup(html, "html.parser")
    paragraph = document.select_one("p")
    # 地域 at 0; 取 2 characters after 地域 ends; 組 1 after 取 (り between them)
    assert paragraph["data-furigana"] == "0:地域:ちいき 1:取:と 1:組:く"
    assert paragraph.get_text() == "地域の取り組みです。" and not paragraph.select("ruby")
    summary = document.select_one(".easy-japanese p")
    assert not summary.has_attr("data-furigana")
    assert [(base_text(r), r.rt.get_text()) for r in summary.select("ruby")] == [("地域", "ちいき")]
    assert counts.ruby == 4


def test_every_listed_name_is_read_as_listed_on_the_built_pages(ruby_by_page, page_text) -> None:  # type: ignore[no-untyped-def]
    read_as: dict[str, Counter[str]] = {}
    for found in ruby_by_page.values():
        for base, reading in found:
            read_as.setdefault(base, Counter())[reading] += 1
    all_text = "\n".join(page_text.values())
    problems, checked, unread = [], [], []
    for entry in READINGS:
        surface, reading = str(entry["surface"]), entry["reading"]
        if surface not in all_text:
            continue  # listed for a page not written yet
        if reading is None:
            unread.append(surface)
            # No reading from a source: the name shows none (no ruby's base holds it).
            wrong = [base for base in read_as if surface in base]
            if wrong:
                problems.append(f"{surface}: has a reading although none is sourced ({wrong})")
            continue
        checked.append(surface)
        if set(read_as.get(surface, {})) != {reading}:
            problems.append(f"{surface}: expected {reading}, found {dict(read_as.get(surface, {}))}")
    report(
        "Furigana: names in data/readings.yml",
        [
            f"{len(checked)} names shown with their checked reading, {len(unread)} without a reading "
            f"(no source gives it): {', '.join(unread)}"
        ],
    )
    assert not problems, "\n".join(problems)
    assert len(checked) >= 20


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("吉島", "よしじま"),
        ("川西町", "かわにしまち"),
        ("寒河江市", "さがえし"),
        ("大井沢", "おおいさわ"),
        ("立谷沢", "たちやざわ"),
        ("西川町", "にしかわまち"),
        ("海潮", "うしお"),
    ],
)
def test_names_the_dictionary_gets_wrong_are_read_right(ruby_by_page, name: str, reading: str) -> None:  # type: ignore[no-untyped-def]
    seen = {r for found in ruby_by_page.values() for base, r in found if base == name}
    assert seen == {reading}


def test_proper_nouns_on_the_pages_are_checked(page_text) -> None:  # type: ignore[no-untyped-def]
    """The share of the names on the pages (SudachiPy's 固有名詞) that data/readings.yml checks. Names the
    dictionary reads the ordinary way (平成, 内閣府) count as unchecked; printed, not enforced, because
    new pages add names before their readings are looked up."""
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    from handbook import japanese

    japanese.use_readings({str(e["surface"]): e["reading"] for e in READINGS})
    listed = {str(e["surface"]) for e in READINGS}
    names: Counter[str] = Counter()
    for text in page_text.values():
        for line in text.splitlines():
            for word in japanese.words(line):
                if word.proper_noun and KANJI.search(word.surface):
                    names[word.surface] += 1
    covered = {name for name in names if name in listed}
    share = len(covered) / len(names)
    by_use = sum(names[name] for name in covered) / names.total()
    unchecked = ", ".join(f"{name}×{n}" for name, n in names.most_common() if name not in listed)
    report(
        "Furigana: proper nouns checked",
        [
            f"{len(covered)} of {len(names)} distinct proper nouns on the Japanese pages are in data/readings.yml "
            f"({share:.0%}; {by_use:.0%} of their {names.total()} uses)",
            f"unchecked (dictionary reading): {unchecked}",
        ],
    )
    assert covered


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("住民の方と職員の方", "方", "かた"),
        ("使えない方は", "方", "かた"),
        ("地方の", "地方", "ちほう"),
        ("考え方", "考え方", "かんがえかた"),
    ],
)
def test_a_person_written_as_a_lone_kata_is_read_kata(text: str, word: str, expected: str) -> None:
    found = {found.surface: found.reading for found in japanese.words(text)}
    assert found[word] == expected


def test_okurigana_stay_outside_the_ruby() -> None:
    html = typeset.ruby(Word("取り組み", "とりくみ", proper_noun=False))
    assert html == ("<ruby>取<rp>(</rp><rt>と</rt><rp>)</rp></ruby>り<ruby>組<rp>(</rp><rt>く</rt><rp>)</rp></ruby>み")
    assert typeset.ruby(Word("ワークショップ", "わーくしょっぷ", proper_noun=False)) == "ワークショップ"
    assert typeset.ruby(Word("高橋由和", "高橋由和", proper_noun=True, reading_known=False)) == "高橋由和"


@pytest.mark.parametrize(
    ("written", "dictionary", "expected"),
    [
        ("60万", "ろくれいまん", [("万", "まん")]),  # the dictionary reads long numbers digit by digit
        ("1,000億", "いち,れいれいれいおく", [("億", "おく")]),
        ("3千", "さんぜん", [("3千", "さんぜん")]),  # one digit: the dictionary's reading is right
        ("300千", "さんれいれいせん", [("千", "せん")]),
        ("1人", "ひとり", [("1人", "ひとり")]),
    ],
)
def test_a_figure_keeps_its_digits_and_its_unit_gets_its_reading(
    written: str, dictionary: str, expected: list[tuple[str, str]]
) -> None:
    found = typeset.readings(Word(written, dictionary, proper_noun=False))
    assert [(reading.base, reading.reading) for reading in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9月26日に施行", "にち"),  # the dictionary says か
        ("12月16日", "にち"),
        ("令和3年（2021年）12月17日", "にち"),  # the dictionary says か
        ("9月10日", "か"),  # とおか; the dictionary says にち
        ("4月20日", "か"),  # はつか; the dictionary says にち
        ("3日", "か"),
        ("1日の来客", "にち"),
        ("日曜日", None),  # not after a figure: one word, as the dictionary reads it
    ],
)
def test_the_day_after_a_figure_is_read_by_its_number(text: str, expected: str | None) -> None:
    days = [word.reading for word in japanese.words(text) if word.surface == "日"]
    assert days == ([expected] if expected else [])


def test_code_links_and_attributes_are_left_as_written(site: Path) -> None:
    for path in japanese_pages(site):
        document = raw_soup(path)
        assert not document.select("code ruby, pre ruby, a.headerlink ruby"), path
        for element in document.select("[href], [title], [alt], [content]"):
            for attribute in ("href", "title", "alt", "content"):
                assert "<rt" not in str(element.get(attribute, "")), (path, element)


def test_readings_do_not_leak_into_titles_descriptions_menus_or_the_search_index(  # type: ignore[no-untyped-def]
    site: Path, ruby_by_page, page_text
) -> None:
    for path in japanese_pages(site):
        document = raw_soup(path)
        assert not document.select("title ruby, head ruby"), path
        for selector in (".md-nav", ".md-header__title", ".md-footer", ".md-sidebar"):
            assert not document.select(f"{selector} ruby, {selector} rt"), (path, selector)
    texts = []
    for name in ("search/search_index.json", "search/search_index.docs.json", "search/search_index.handbook.json"):
        if (site / name).is_file():
            texts.append(json.dumps(json.loads((site / name).read_text(encoding="utf-8")), ensure_ascii=False))
    assert texts
    indexed = "\n".join(texts)
    assert "<rt" not in indexed and "<ruby" not in indexed and "<wbr" not in indexed
    # A word followed by its own reading (吉島よしじま) would be a reading that slipped into the text.
    pairs = {(base, reading) for found in ruby_by_page.values() for base, reading in found if len(base) >= 2}
    written = "\n".join(page_text.values())  # 一人ひとり is written so; not a leak
    leaked = sorted(
        f"{base}{reading}"
        for base, reading in pairs
        if f"{base}{reading}" in indexed and f"{base}{reading}" not in written
    )
    assert not leaked, leaked[:10]
    assert "吉島" in indexed


def test_the_pdfs_get_the_text_as_written(site: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    from handbook.pdf import read_article

    chapter = read_article(site, "https://example.org/", "kirari-model/")
    assert not chapter.article.select("ruby, rt, rp")
    assert "吉島" in chapter.article.get_text() and "吉島(よしじま)" not in chapter.article.get_text()


# --- In the browser ---


def rt_display(tab: Page) -> str:
    """How the first reading outside the やさしい日本語 block (which always shows its readings) is shown:
    "none" when it is hidden or not in the page at all."""
    return str(
        tab.evaluate(
            """(() => { const rt = [...document.querySelectorAll('article ruby rt')]
                 .find(rt => !rt.closest('.easy-japanese'));
               return rt ? getComputedStyle(rt).display : 'none' })()"""
        )
    )


def test_the_easy_japanese_summary_shows_its_readings_with_the_switch_off(tab: Page, server: str) -> None:
    tab.goto(server + "kirari-model/")
    shown = tab.evaluate("[...document.querySelectorAll('.easy-japanese rt')].map(rt => getComputedStyle(rt).display)")
    if not shown:
        pytest.skip("this chapter has no やさしい日本語 block yet")
    assert "none" not in shown


def toggle(tab: Page):  # type: ignore[no-untyped-def]
    return tab.locator("button.handbook-furigana-toggle")


def test_the_switch_is_off_by_default_and_remembered_after_a_reload(tab: Page, server: str) -> None:
    tab.goto(server + "kirari-model/")
    button = toggle(tab)
    assert button.is_visible() and button.inner_text() == "ふりがな"
    assert button.get_attribute("aria-pressed") == "false"
    assert rt_display(tab) == "none"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert rt_display(tab) != "none"
    tab.reload()
    assert toggle(tab).get_attribute("aria-pressed") == "true" and rt_display(tab) != "none"
    tab.goto(server + "workshops/")  # another page: still on
    assert rt_display(tab) != "none"
    # From the keyboard: focus the button and press Space.
    toggle(tab).focus()
    tab.keyboard.press("Space")
    assert toggle(tab).get_attribute("aria-pressed") == "false" and rt_display(tab) == "none"
    tab.reload()
    assert rt_display(tab) == "none"


def test_the_english_pages_have_no_switch(tab: Page, server: str) -> None:
    tab.goto(server + "en/kirari-model/")
    assert toggle(tab).count() == 0


def test_the_switch_works_from_the_file_system(browser: Browser, site: Path) -> None:
    context = browser.new_context()
    tab = context.new_page()
    url = page_path(site, "ja", "kirari-model.md").as_uri()
    tab.goto(url)
    assert rt_display(tab) == "none"
    toggle(tab).click()
    tab.reload()
    assert toggle(tab).get_attribute("aria-pressed") == "true" and rt_display(tab) != "none"
    context.close()


@pytest.mark.parametrize("url", ["kirari-model/", "workshops/", "support-programs/all/"])
def test_switched_on_every_reading_of_the_build_is_over_its_word(  # type: ignore[no-untyped-def]
    tab: Page, server: str, site: Path, url: str
) -> None:
    built = raw_soup(site / url / "index.html")
    expected = [pair for block in built.select("article [data-furigana]") for pair in attribute_readings(block)]
    tab.goto(server + url)
    assert tab.evaluate("document.querySelectorAll('article ruby').length") == len(built.select("article ruby"))
    toggle(tab).click()
    shown = tab.evaluate(
        """[...document.querySelectorAll('article ruby')].filter(r => !r.closest('.easy-japanese'))
             .map(r => [[...r.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join(''),
                        r.querySelector('rt').textContent])"""
    )
    assert [tuple(pair) for pair in shown] == expected
    assert tab.evaluate("document.querySelectorAll('[data-furigana]').length") == 0


def test_copied_text_has_no_readings(tab: Page, server: str) -> None:
    tab.goto(server + "kirari-model/")
    toggle(tab).click()
    copied = tab.evaluate(
        """() => { const p = [...document.querySelectorAll('article p')].find(p => p.textContent.includes('吉島'));
                   const range = document.createRange(); range.selectNodeContents(p);
                   const selection = getSelection(); selection.removeAllRanges(); selection.addRange(range);
                   const data = new DataTransfer();
                   const event = new ClipboardEvent('copy', {clipboardData: data, bubbles: true, cancelable: true});
                   document.dispatchEvent(event);
                   return [data.getData('text/plain'), p.textContent] }"""
    )
    assert "吉島" in copied[0] and "よしじま" not in copied[0].replace("きらりよしじま", "")
    assert not any(mark in copied[0] for mark in "\u200b\u2060")  # no line-break hint is copied either
    assert "\u2060" in copied[1]  # while the page holds each ruby to the text beside it
    assert "よしじま" in copied[1].replace("きらりよしじま", "")  # the page itself does carry the reading


def test_printing_shows_readings_only_when_the_reader_switched_them_on(tab: Page, server: str) -> None:
    tab.goto(server + "kirari-model/")
    tab.emulate_media(media="print")
    assert rt_display(tab) == "none"
    tab.emulate_media(media="screen")
    toggle(tab).click()
    tab.emulate_media(media="print")
    assert rt_display(tab) != "none"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_furigana_on(browser: Browser, server: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    tab = context.new_page()
    tab.goto(server + "workshops/")
    toggle(tab).click()
    failures = {}
    for url in ("", "workshops/", "kirari-model/", "glossary/", "cases/kirari-yoshijima/", "support-programs/"):
        tab.goto(server + url)
        assert tab.evaluate("document.documentElement.classList.contains('handbook-furigana')")
        violations = axe_violations(tab)
        if violations:
            failures[url] = violations
    context.close()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_screenshot_of_the_workshops_page_on_a_phone_with_furigana(
    browser: Browser, server: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    tab.goto(server + "workshops/")
    toggle(tab).click()
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    shot = Path(__import__("os").environ.get("HANDBOOK_SCREENSHOTS", tmp_path)) / "workshops-360-furigana.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(shot))
    context.close()
    report("Furigana: screenshot", [str(shot)])
    assert overflow <= 0
