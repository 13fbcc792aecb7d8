"""The handbook states the national picture as it is now, says where each figure comes from and when,
and keeps to what its sources say (checked on the built pages of both languages)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, chapter_pages, load_yaml

from handbook import freshness
from handbook.dates import format_date
from handbook.loader import load_handbook

SOURCES = {source["id"]: source for source in load_yaml(ROOT / "data" / "sources.yml")}  # type: ignore[union-attr, index]


def text_of(html, language: str, page: str) -> str:  # type: ignore[no-untyped-def]
    """The text of a chapter: of the page, or of every page of the chapter it opens."""
    texts = []
    for chapter_page in chapter_pages(page):
        article = html(language, chapter_page).select_one("article")
        assert article is not None
        texts.append(" ".join(article.get_text(" ").split()))
    return " ".join(texts)


def cited_titles(html, language: str, page: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles in the closing sources sections of a chapter's pages."""
    return [
        " ".join(cite.get_text().split())
        for chapter_page in chapter_pages(page)
        for cite in html(language, chapter_page).select(".handbook-sources cite")
    ]


@pytest.mark.parametrize(
    ("language", "latest", "history"),
    [
        ("ja", ["7,207団体", "853市区町村", "令和4年度（2022年度）"], ["1,680組織", "494市町村", "平成27年（2015年）"]),
        ("en", ["7,207", "853 municipalities", "fiscal 2022"], ["1,680", "494", "2015"]),
    ],
)
def test_the_introduction_gives_the_latest_national_count_beside_the_2015_one(  # type: ignore[no-untyped-def]
    html, language: str, latest: list[str], history: list[str]
) -> None:
    text = text_of(html, language, "introduction.md")
    for fact in latest + history:
        assert fact in text, fact
    # The 2015 count is history: it comes after the current figures and carries its year.
    assert text.index("7,207") < text.index("1,680")
    table = next(
        table for table in html(language, "introduction.md").select("article table") if "7,207" in table.get_text()
    )
    years = [row.find_all(["td", "th"])[0].get_text(strip=True) for row in table.select("tbody tr")]
    assert len(years) == 4 and all(re.search(r"20\d\d", year) for year in years)
    assert " ".join(SOURCES["mic-rmo-fy2022"]["title"][language].split()) in cited_titles(
        html, language, "introduction.md"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_chapters_on_form_and_money_cover_the_new_choices_with_their_sources(html, language: str) -> None:  # type: ignore[no-untyped-def]
    organization = text_of(html, language, "organization/index.md")
    money = text_of(html, language, "people-and-money/index.md")
    if language == "ja":
        for fact in (
            "指定地域共同活動団体",
            "令和6年（2024年）6月26日",
            "農村RMO",
            "労働者協同組合",
            "令和2年法律第78号",
            "令和3年（2021年）",
        ):
            assert fact in organization, fact
        for fact in ("新しい地方経済・生活環境創生交付金", "農村RMOの交付金"):
            assert fact in money, fact
    else:
        for fact in (
            "designated community cooperation bodies",
            "26 June 2024",
            "農村RMO",
            "Workers' cooperative",
            "Act No. 78 of 2020",
            "2021 amendment",
        ):
            assert fact in organization, fact
        for fact in ("Grant for New Regional Economies and Living Environments", "rural community-run organizations"):
            assert fact in money, fact
    titles = cited_titles(html, language, "organization/index.md")
    for source_id in (
        "mic-designated-bodies-2024",
        "mhlw-worker-cooperatives",
        "kishiwada-authorized-neighborhood",
        "maff-nouson-rmo",
    ):
        assert " ".join(SOURCES[source_id]["title"][language].split()) in titles, source_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_says_when_the_program_data_was_last_checked(html, language: str) -> None:  # type: ignore[no-untyped-def]
    programs = load_handbook(ROOT / "data").programs.values()
    latest = freshness.last_checked(programs)
    assert latest is not None
    sentence = html(language, "about.md").select_one(".handbook-programs-checked")
    assert sentence is not None
    assert sentence.time["datetime"] == latest
    assert sentence.time.get_text() == format_date(latest, language)
    stale = freshness.stale_programs(programs, freshness.today())
    assert (str(len(stale)) in sentence.get_text()) == bool(stale)


@pytest.mark.parametrize(
    ("language", "anchor"),
    [("ja", "県の手順書の段階とこのサイトのステップ"), ("en", "the-prefectural-handbooks-stages-and-this-sites-steps")],
)
def test_the_original_prefectural_handbook_is_linked_with_its_stages_mapped(html, language: str, anchor: str) -> None:  # type: ignore[no-untyped-def]
    original = SOURCES["yamagata-rmo-guide-2016"]["url"]
    for page in ("kirari-model.md", "about.md"):
        assert html(language, page).select_one(f'article a[href="{original}"]') is not None, page
    kirari = html(language, "kirari-model.md")
    mapping = kirari.find(id=anchor)
    assert mapping is not None
    table = mapping.find_next("table")
    steps = [link["href"] for link in table.select("a")]
    assert steps and all(re.match(r"^\.\./formation-steps/step-[123]/$", href) for href in steps)


def test_the_settlement_problems_chart_counts_municipalities_answers(html) -> None:  # type: ignore[no-untyped-def]
    """The survey asked municipalities; the shares are not shares of hamlets (MLIT release, 21 Sep 2016)."""
    for language, base, wrong in (
        ("ja", "市町村の回答", "集落の割合"),
        ("en", "municipalities' answers", "share of settlements"),
    ):
        chart = html(language, "introduction.md").select_one("#chart-settlement-problems")
        assert chart is not None
        text = " ".join(chart.get_text(" ").split())
        assert base in text and wrong.lower() not in text.lower(), text[:200]


@pytest.mark.parametrize(("language", "year"), [("ja", "平成22年（2010年）"), ("en", "2010 census")])
def test_the_age_shares_of_depopulated_areas_carry_their_census_year(html, language: str, year: str) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [p.get_text() for p in html(language, "introduction.md").select("article p") if "32.8" in p.get_text()]
    assert paragraphs and all(year in paragraph for paragraph in paragraphs)
    chart = html(language, "introduction.md").select_one("#chart-depopulated-age-structure")
    assert chart is not None and "2010" in chart.figcaption.get_text()


def test_the_small_hub_tax_record_says_what_its_source_says() -> None:
    record = load_handbook(ROOT / "data").programs["chiisana-kyoten-kabushiki-tokurei"]
    summary = record.summary.ja
    for words in ("地方公共団体", "個人（地域住民・地元出身者など）", "平成28年度から2年間"):
        assert words in summary, words
    assert "市町村の地域再生計画" not in summary and "住民や地元出身の人" not in summary


def test_the_2024_plan_dates_are_its_implementation_period() -> None:
    note = SOURCES["seed-001"]["note"]
    assert "事業実施期間" in note["ja"] and "計画期間" not in note["ja"]
    assert "implementation period" in note["en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_model_districts_workshops_are_described_as_planned(html, language: str) -> None:  # type: ignore[no-untyped-def]
    text = text_of(html, language, "cases/index.md")
    if language == "ja":
        assert "ワークショップを重ねて地区計画" not in text and "モデル地区で使われた" not in text
        assert "計画として示しています" in text
    else:
        assert "workshops used in the model districts" not in text
        assert "as a plan" in text
    workshops = text_of(html, language, "workshops/index.md")
    assert "モデル地区で使われた" not in workshops and "sequence used in" not in workshops


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_contacts_page_lists_public_contact_points_only(html, site: Path, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "contacts.md")
    article = document.select_one("article")
    assert article is not None
    external = [link["href"] for link in article.select("a[href^='http']")]
    assert "https://www.pref.yamagata.jp/020030/tiikishinko/chiikiadviser.html" in external
    current_pages = {p.url for p in load_handbook(ROOT / "data").programs.values() if p.status.value == "current"}
    listed = {link["href"] for link in article.select(".handbook-program-pages a")}
    assert listed == current_pages
    # Public pages only: no e-mail address or telephone number of a person.
    text = article.get_text(" ")
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    assert not re.search(r"0\d{1,4}-\d{1,4}-\d{3,4}", text)
    assert not article.select("a[href^='mailto:'], a[href^='tel:']")
    # It is in the navigation of its language: another page of that language links it there.
    nav = [link.get("href", "") for link in html(language, "about.md").select("nav.md-nav--primary a")]
    assert "../contacts/" in nav
