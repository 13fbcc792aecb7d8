"""hooks/handbook/search_index.py: the sections, text and readings the search index holds."""

from __future__ import annotations

from handbook.search_index import CITATION_WEIGHT, IndexedPage, build_index, page_sections, reading, spellings

# A page as the furigana and BudouX hooks may leave it: readings in <ruby> or in data-furigana, line-break
# hints as zero-width spaces (U+200B), word joiners (U+2060) beside a ruby, or <wbr>
RUBY_PAGE = """
<h1 id="top">地域の<ruby>交付金<rp>(</rp><rt>こうふきん</rt><rp>)</rp></ruby>
<a class="headerlink" href="#top">¶</a></h1>
<p data-furigana="0:国:くに">国の<ruby>交付金<rp>(</rp><rt>こうふきん</rt><rp>)</rp></ruby>を\u200b使って、<wbr>
<ruby>集落<rt>しゅうらく</rt></ruby>\u2060の\u200b<ruby>見守<rt>みまも</rt></ruby>\u2060りを続けます。</p>
<h2 id="申請">申請の流れ<a class="headerlink" href="#申請">¶</a></h2>
<ol><li>市町村に相談する</li><li>計画を出す</li></ol>
<script>var hidden = "スクリプト"</script>
<h2 id="出典">出典</h2>
<ol class="handbook-sources"><li><cite>地域運営組織の取組</cite> 総務省</li></ol>
"""


def test_furigana_and_line_break_hints_stay_out_of_the_text() -> None:
    sections = page_sections(RUBY_PAGE, "交付金の使い方")
    page, steps, sources = sections
    assert page.anchor == "" and page.title == "交付金の使い方"
    assert page.text == "国の交付金を使って、 集落の見守りを続けます。"
    assert "(" not in page.text and "こうふきん" not in page.text and "しゅうらく" not in page.text
    assert (steps.anchor, steps.title, steps.text) == ("申請", "申請の流れ", "市町村に相談する 計画を出す")
    assert "¶" not in steps.title and "スクリプト" not in steps.text
    assert sources.weight == CITATION_WEIGHT and steps.weight == 1.0


def test_the_index_holds_the_readings_of_kanji_words_not_of_the_ruby() -> None:
    index = build_index("ja", [IndexedPage("money/", page_sections(RUBY_PAGE, "交付金の使い方"))])
    text, title_reading, text_reading = index["sections"][0][3:6]  # type: ignore[index]
    assert text == "国の交付金を使って、 集落の見守りを続けます。"
    assert "こうふきん" in text_reading and "しゅうらく" in text_reading and "みまもり" in text_reading
    assert "こうふきん" in title_reading
    assert index["spellings"]["こうふきん"] == ["交付金"]  # type: ignore[index]


def test_a_reading_runs_kanji_words_together_and_leaves_kana_out() -> None:
    assert reading("地域運営組織") == "ちいきうんえいそしき"
    assert reading("吉島地区の取り組み") == "よしじまちく とりくみ"
    assert reading("ワークショップ") == ""  # the normalized text already reads わーくしょっぷ
    assert spellings(["補助金と交付金"]) == {"こうふきん": ["交付金"], "ほじょきん": ["補助金"]}


def test_english_pages_are_indexed_without_readings() -> None:
    html = '<h1 id="grants">Grants</h1><p>Subsidies and <ruby>grants<rt>x</rt></ruby>.</p>'
    index = build_index("en", [IndexedPage("money/", page_sections(html, "Grants"))])
    assert index["stem"] is True and index["spellings"] == {}
    assert index["sections"] == [[0, "", "Grants", "Subsidies and grants.", "", "", 1.0]]
