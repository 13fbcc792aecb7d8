"""hooks/page_meta.py and the page head: every page says when it last changed, in its own language,
and carries a meta description, an edit link and a link to report a problem."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import built_urls, soup
from mkdocs.exceptions import PluginError
from page_meta import feedback_link

JAPANESE_DATE = re.compile(r"^(令和|平成)\d+年（\d{4}年）\d{1,2}月\d{1,2}日$")
ENGLISH_DATE = re.compile(
    r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$"
)


def pages(site: Path) -> list[tuple[str, Path]]:
    return [("en" if url.startswith("en/") else "ja", site / url / "index.html") for url in built_urls(site)]


def test_every_page_shows_its_last_update_in_its_language(site: Path) -> None:
    checked = 0
    for language, path in pages(site):
        time = soup(path).select_one(".handbook-page-meta time")
        assert time is not None, f"{path} has no last-updated date"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(time["datetime"]))
        pattern = JAPANESE_DATE if language == "ja" else ENGLISH_DATE
        assert pattern.match(time.get_text()), f"{path}: {time.get_text()!r}"
        checked += 1
    assert checked >= 60


def test_every_page_links_to_report_a_problem_with_it(site: Path) -> None:
    for _language, path in pages(site):
        document = soup(path)
        link = document.select_one(".handbook-page-meta a[href*='/issues/new']")
        assert link is not None, f"{path} has no report link"
        query = parse_qs(urlsplit(str(link["href"])).query)
        canonical = document.select_one("link[rel=canonical]")
        assert canonical is not None and query["body"][0] == canonical["href"]
        assert query["title"][0]


def test_every_page_has_a_description_and_an_edit_link(site: Path) -> None:
    for _language, path in pages(site):
        document = soup(path)
        description = document.select_one("meta[name=description]")
        assert description is not None and str(description["content"]).strip(), f"{path} has no description"
        edit = document.select_one("a.md-content__button[rel=edit]")
        assert edit is not None, f"{path} has no edit link"
        target = urlsplit(str(edit["href"])).path
        assert target.endswith((".md", ".yml")), target


def test_the_link_after_each_heading_is_named_in_the_pages_language(site: Path) -> None:
    names = {"ja": "この見出しへのリンク", "en": "Link to this heading"}
    counted = {"ja": 0, "en": 0}
    for language, path in pages(site):
        for link in soup(path).select("a.headerlink"):
            assert link["aria-label"] == names[language], f"{path}: {link['aria-label']!r}"
            # No title: Material would mount a tooltip on each at load (content.tooltips)
            assert not link.has_attr("title"), path
            counted[language] += 1
    assert counted["ja"] > 100 and counted["en"] > 100, counted


@pytest.mark.parametrize("case_id", ["kirari-yoshijima"])
def test_a_case_page_edit_link_opens_its_data_record(site: Path, case_id: str) -> None:
    for root in (site, site / "en"):
        edit = soup(root / "cases" / case_id / "index.html").select_one("a.md-content__button[rel=edit]")
        assert edit is not None and str(edit["href"]).endswith(f"/data/cases/{case_id}.yml")


def test_a_case_page_is_dated_by_its_yaml_record(site: Path) -> None:
    import subprocess

    from conftest import ROOT

    recorded = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "--", "data/cases/kirari-yoshijima.yml"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not recorded:
        pytest.skip("not a git checkout")
    for root in (site, site / "en"):
        time = soup(root / "cases" / "kirari-yoshijima" / "index.html").select_one(".handbook-page-meta time")
        assert time is not None and time["datetime"] == recorded


def test_without_a_feedback_address_no_feedback_link_is_shown(site: Path) -> None:
    """FEEDBACK_URL is unset for the test build: the route is simply absent, not a dead link."""
    assert os.environ.get("FEEDBACK_URL", "") == ""
    for _language, path in pages(site):
        assert soup(path).select(".handbook-feedback") == [], path


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("   ", None),
        ("https://forms.example.jp/handbook", "https://forms.example.jp/handbook"),
        ("iken@example.jp", "mailto:iken@example.jp?subject="),
        ("mailto:iken@example.jp", "mailto:iken@example.jp?subject="),
    ],
)
def test_the_feedback_route_is_a_form_or_an_address(value: str, expected: str | None) -> None:
    link = feedback_link(value, "支援メニュー", "https://example.jp/support-programs/", "ja")
    if expected is None:
        assert link is None
    else:
        assert link is not None and link.startswith(expected)
    if link and link.startswith("mailto:"):
        query = parse_qs(urlsplit(link).query)
        assert query["subject"] == ["「支援メニュー」へのご意見"]
        assert query["body"] == ["https://example.jp/support-programs/"]


@pytest.mark.parametrize("value", ["http://forms.example.jp/", "javascript:alert(1)", "call the town hall"])
def test_a_feedback_value_that_is_neither_is_refused(value: str) -> None:
    with pytest.raises(PluginError, match="FEEDBACK_URL"):
        feedback_link(value, "", "", "ja")
