"""hooks/sources.py: every chapter ends with the documents its facts come from."""

from __future__ import annotations

from conftest import ROOT, authored_pages, load_yaml


def test_every_chapter_ends_with_its_sources(html) -> None:  # type: ignore[no-untyped-def]
    sources = {record["id"]: record for record in load_yaml(ROOT / "data" / "sources.yml")}
    for language, heading in (("ja", "出典"), ("en", "Sources")):
        for page in authored_pages(language):
            if page == "index.md":
                continue
            document = html(language, page)
            article = document.select_one("article.md-content__inner")
            assert article is not None
            headings = article.find_all("h2")
            assert headings and headings[-1].get_text(strip=True).startswith(heading), f"{language}/{page}"
            cited = article.select("ol.handbook-sources > li")
            assert cited, f"{language}/{page} cites no source"
            for item in cited:
                source = sources[item["id"].removeprefix("source-")]
                assert source["title"][language] in item.get_text(), (page, item["id"])


def test_japanese_dates_are_written_in_the_japanese_era_with_the_western_year(html) -> None:  # type: ignore[no-untyped-def]
    item = html("ja", "about.md").select_one("#source-seed-000")
    assert item is not None and "平成29年（2017年）6月1日" in item.get_text()
    item = html("en", "about.md").select_one("#source-seed-000")
    assert item is not None and "1 June 2017" in item.get_text()
