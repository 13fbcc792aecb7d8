"""The handbook's chapters carry the sections a district needs (checked on the built Japanese pages)."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES, chapter_pages, nav_pages

# The workshop and step pages of the two chapters split into an overview and a page per workshop or step.
WORKSHOP_PAGES = [
    f"workshops/{name}.md" for name in ("current-situation", "diagnosis", "district-plan", "joint-training")
]
STEP_PAGES = [f"formation-steps/step-{number}.md" for number in range(1, 9)]
KEY_SECTIONS = {
    "workshops/index.md": [
        "現状把握・課題共有ワークショップ",
        "集落調査結果に基づく地域診断ワークショップ",
        "地区計画素案づくりワークショップ",
        "全体研修会",
        "集落調査",
        "実践者養成研修",
    ],
    "formation-steps/index.md": [f"ステップ{number}" for number in range(1, 9)],
    "organization/index.md": [
        "一体型",
        "分離型",
        "自治会・町内会との関係",
        "NPO法人",
        "認可地縁団体",
        "株式会社",
        "合同会社",
        "一般社団法人",
    ],
    "people-and-money/index.md": [
        "地域の中の人材",
        "地域の外の人材",
        "地域おこし協力隊と集落支援員",
        "資金の3つの領域",
        "地方財政措置",
        "行政ができる支援",
        "会計・税務・労務",
        "1年目の予算と役割のチェックリスト",
    ],
    "platform.md": ["3者の役割分担", "地域再生計画", "支援を頼むときの手順"],
    "kirari-model.md": ["生まれたきっかけ", "設立までの歩み", "組織のしくみ", "県がモデルに選んだ理由"],
    "introduction.md": ["地域運営組織とは", "一体型と分離型", "小さな拠点とは", "山形県の状況"],
    "relationship-population.md": ["関係人口とは", "計画で行うこと", "地区でできること"],
    "prefecture-municipal.md": ["県・市町村連携推進会議", "1年の流れ"],
    "worksheets/index.md": [
        "集落調査票",
        "地域資源・課題の洗い出しシート",
        "地区計画の素案シート",
        "形成チェックリスト",
    ],
    "support-programs/index.md": ["段階ごとの支援メニュー", "使う前に確かめること"],
    "support-programs/all.md": ["実施中の制度", "終了・名称変更した制度", "データのダウンロード"],
}


@pytest.mark.parametrize(("page", "sections"), KEY_SECTIONS.items())
def test_each_chapter_has_its_key_sections(html, page: str, sections: list[str]) -> None:  # type: ignore[no-untyped-def]
    headings = [
        " ".join(h.get_text().split())
        for chapter_page in chapter_pages(page)
        for h in html("ja", chapter_page).select("article h1, article h2, article h3")
    ]
    for section in sections:
        assert any(section in heading for heading in headings), f"{page}: no section on {section}"


@pytest.mark.parametrize("page", WORKSHOP_PAGES)
def test_every_workshop_page_covers_purpose_people_time_output_roles_pitfalls_and_a_checklist(html, page: str) -> None:  # type: ignore[no-untyped-def]
    article = html("ja", page).select_one("article")
    assert article is not None
    h1 = article.select_one("h1")
    assert h1 is not None and h1.get_text()[0] in "①②③⑤", page
    titles = [h2.get_text(strip=True) for h2 in article.select("h2")]
    for name in (
        "目的",
        "参加者と声のかけ方",
        "時間と回数の目安",
        "成果物",
        "ファシリテーターと中間支援組織の役割",
        "よくあるつまずき",
        "チェックリスト",
    ):
        assert any(name in title for title in titles), f"{page}: no {name}"


SPLIT_CHAPTERS = [page for page in nav_pages() if len(chapter_pages(page)) > 1]


def test_the_long_chapters_are_split_into_a_page_per_part() -> None:
    for overview in (
        "workshops/index.md",
        "support-programs/index.md",
        "organization/index.md",
        "people-and-money/index.md",
    ):
        assert overview in SPLIT_CHAPTERS, overview


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("overview", SPLIT_CHAPTERS)
def test_a_split_chapters_overview_links_each_of_its_pages(html, language: str, overview: str) -> None:  # type: ignore[no-untyped-def]
    folder = overview.removesuffix("index.md")
    links = {a["href"].split("#")[0] for a in html(language, overview).select("article a[href]")}
    for page in chapter_pages(overview)[1:]:
        assert page.removeprefix(folder).removesuffix(".md") + "/" in links, f"{language}/{overview}: no link to {page}"


@pytest.mark.parametrize("page", STEP_PAGES)
def test_every_formation_step_ends_with_a_checklist(html, page: str) -> None:  # type: ignore[no-untyped-def]
    article = html("ja", page).select_one("article")
    assert article is not None
    h1 = article.select_one("h1")
    assert h1 is not None and h1.get_text().startswith("ステップ"), page
    assert len(article.select("li.task-list-item")) >= 2, f"{page} has no checklist"
