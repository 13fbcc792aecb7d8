"""hooks/stacked_tables.py and handbook.css: under 600 px a wide table becomes stacked rows, each cell under
its column's label, with no sideways scrolling; on a desktop and on paper it stays a table; a screen
reader still finds a table, and the filters still hide rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import LANGUAGES, soup
from playwright.sync_api import Browser, Page

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
COMPLETE_PROGRAMS = "table#support-programs-all"  # the complete table, with the filters
ROW_AND_CELL_DISPLAY = """table => [
  getComputedStyle(table.querySelector('tr')).display, getComputedStyle(table.querySelector('td')).display
]"""


def header_labels(table: Tag) -> list[str]:
    row = table.select_one("thead tr")
    assert row is not None
    labels = []
    for cell in row.find_all(["th", "td"], recursive=False):
        words = "".join(text for text in cell.find_all(string=True) if text.find_parent(["rt", "rp"]) is None)
        labels.append(" ".join(words.split()))
    return labels


def content_tables(document: BeautifulSoup) -> list[Tag]:
    article = document.select_one("article")
    return article.find_all("table") if article is not None else []


def test_every_wide_table_of_every_page_has_labels_and_table_roles(site: Path) -> None:
    stacked = 0
    for page in sorted(site.rglob("index.html")):
        for table in content_tables(soup(page)):
            labels = header_labels(table) if table.select_one("thead tr") else []
            if len(labels) < 3 or table.select_one("[colspan]"):
                assert not table.has_attr("data-handbook-stack"), f"{page}: a narrow table is stacked"
                continue
            stacked += 1
            assert table.has_attr("data-handbook-stack"), f"{page}: a table of {len(labels)} columns is not stacked"
            assert table.get("role") == "table"
            assert {group.get("role") for group in table.find_all(["thead", "tbody"])} == {"rowgroup"}
            assert [cell.get("role") for cell in table.select("thead th")] == ["columnheader"] * len(labels)
            for row in table.select("tbody tr"):
                assert row.get("role") == "row"
                cells = row.find_all(["th", "td"], recursive=False)
                assert [cell.get("data-label") for cell in cells] == [label or None for label in labels]
                assert all(cell.get("role") == ("rowheader" if cell.name == "th" else "cell") for cell in cells)
    assert stacked >= 40, f"only {stacked} tables stacked"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_support_table_cells_are_labelled_with_their_columns(html, language: str) -> None:  # type: ignore[no-untyped-def]
    table = html(language, "support-programs/all.md").select_one(COMPLETE_PROGRAMS)
    assert table is not None
    first = table.select_one("tbody tr")
    assert first is not None
    labels = [cell["data-label"] for cell in first.find_all(["th", "td"], recursive=False)]
    assert labels == header_labels(table)
    if language == "ja":
        assert labels[:5] == ["名称", "所管", "支援の種類", "使える段階", "概要"]


def open_page(browser: Browser, server: str, url: str, viewport: dict[str, int]) -> Page:
    context = browser.new_context(viewport=viewport, device_scale_factor=1, is_mobile=viewport == PHONE)
    tab = context.new_page()
    tab.goto(server + url)
    return tab


CELLS_AS_DRAWN = """table => Array.from(table.querySelectorAll('tbody tr:not([hidden]) > *')).map(cell => ({
  label: cell.dataset.label || '',
  drawn: getComputedStyle(cell, '::before').content,
  display: getComputedStyle(cell).display,
  right: cell.getBoundingClientRect().right,
}))"""


@pytest.mark.parametrize(
    "url",
    [
        "support-programs/all/",
        "en/support-programs/all/",
        "workshops/",
        "cases/",
        "worksheets/survey-form/",
        "people-and-money/money/",
        "organization/legal-forms/",
    ],
)
def test_on_a_phone_tables_stack_and_nothing_scrolls_sideways(browser: Browser, server: str, url: str) -> None:
    tab = open_page(browser, server, url, PHONE)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    wide_boxes = tab.evaluate(
        "Array.from(document.querySelectorAll('article .md-typeset__scrollwrap'))"
        ".filter(box => box.scrollWidth > box.clientWidth + 1).length"
    )
    tables = tab.locator("article table[data-handbook-stack]")
    drawn = [cell for index in range(tables.count()) for cell in tables.nth(index).evaluate(CELLS_AS_DRAWN)]
    tab.context.close()
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    assert wide_boxes == 0, f"{url}: {wide_boxes} tables scroll sideways inside their box"
    if url != "cases/":
        assert drawn, f"{url} has no stacked table"
    for cell in drawn:
        assert cell["display"] == "block", cell
        assert cell["right"] <= PHONE["width"], cell
        if cell["label"]:
            assert cell["label"] in cell["drawn"], cell


def test_on_a_desktop_and_on_paper_the_table_stays_a_table(browser: Browser, server: str) -> None:
    tab = open_page(browser, server, "support-programs/all/", DESKTOP)
    desktop = tab.locator(COMPLETE_PROGRAMS).evaluate(ROW_AND_CELL_DISPLAY)
    tab.context.close()
    tab = open_page(browser, server, "support-programs/all/", PHONE)
    tab.emulate_media(media="print")
    printed = tab.locator(COMPLETE_PROGRAMS).evaluate(ROW_AND_CELL_DISPLAY)
    tab.context.close()
    assert desktop == ["table-row", "table-cell"]
    assert printed == ["table-row", "table-cell"]


def test_a_screen_reader_still_gets_a_table_on_a_phone(browser: Browser, server: str) -> None:
    """Chromium's own accessibility tree (through the DevTools protocol), not the page's markup."""
    tab = open_page(browser, server, "support-programs/all/", PHONE)
    rows = tab.locator(f"{COMPLETE_PROGRAMS} tbody tr").count()
    assert tab.locator(COMPLETE_PROGRAMS).evaluate("table => getComputedStyle(table).display") == "block"
    session = tab.context.new_cdp_session(tab)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    tab.context.close()
    roles = [node.get("role", {}).get("value") for node in nodes if not node.get("ignored")]
    assert roles.count("table") >= 1
    assert roles.count("row") >= rows + 1
    assert roles.count("rowheader") >= rows
    assert roles.count("cell") >= rows * 5
    assert roles.count("columnheader") >= 6


def test_the_filters_still_hide_stacked_rows(browser: Browser, server: str) -> None:
    tab = open_page(browser, server, "support-programs/all/", PHONE)
    form = tab.locator("form.handbook-filter").last
    table = tab.locator(f"table#{form.get_attribute('data-filter-target')}")
    assert table.get_attribute("data-handbook-stack") is not None
    form.locator("select[name=kind]").select_option("people")
    shown = table.evaluate(
        "table => Array.from(table.querySelectorAll('tbody tr'))"
        ".filter(row => getComputedStyle(row).display !== 'none').map(row => row.dataset.kind)"
    )
    total = table.locator("tbody tr").count()
    status = form.locator("[role=status]").inner_text()
    tab.context.close()
    assert shown and set(shown) == {"people"}
    assert len(shown) < total
    assert str(len(shown)) in status


def test_narrow_and_merged_tables_are_left_alone_and_labels_skip_furigana() -> None:
    from stacked_tables import stack_tables

    narrow = "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    boxed = BeautifulSoup(stack_tables(narrow), "html.parser")
    table = boxed.select_one("div.md-typeset__scrollwrap > div.md-typeset__table > table.handbook-table")
    assert table is not None and not table.has_attr("data-handbook-stack") and not table.has_attr("role")
    merged = (
        "<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead>"
        '<tbody><tr><td colspan="2">1</td><td>2</td></tr></tbody></table>'
    )
    assert "data-handbook-stack" not in stack_tables(merged)
    with_ruby = (
        "<table><thead><tr><th><ruby>名称<rp>(</rp><rt>めいしょう</rt><rp>)</rp></ruby></th><th>b</th><th>c</th></tr>"
        "</thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table>"
    )
    cell = BeautifulSoup(stack_tables(with_ruby), "html.parser").select_one("tbody td")
    assert cell is not None and cell["data-label"] == "名称" and cell["role"] == "cell"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_table_is_built_into_materials_scrolling_boxes(html, language: str) -> None:  # type: ignore[no-untyped-def]
    """Material's script moves each table without a class into these boxes after load; built in, it need not."""
    pages = ("support-programs/all.md", "workshops/index.md", "cases/index.md", "people-and-money/money.md")
    for page in pages:
        tables = html(language, page).select("article table")
        assert tables, page
        for table in tables:
            assert table.get("class") == ["handbook-table"], page
            box = table.parent
            assert box is not None and box.get("class") == ["md-typeset__table"], page
            scroll = box.parent
            assert scroll is not None and scroll.get("class") == ["md-typeset__scrollwrap"], page
            assert scroll.get("tabindex") == "0", page  # a keyboard can scroll it (WCAG 2.1.1)


def test_materials_script_leaves_the_built_boxes_alone(browser: Browser, server: str) -> None:
    tab = open_page(browser, server, "support-programs/all/", PHONE)
    boxes = tab.evaluate(
        """() => ({
          tables: document.querySelectorAll('article table').length,
          boxed: document.querySelectorAll('article .md-typeset__scrollwrap > .md-typeset__table > table').length,
          nested: document.querySelectorAll('.md-typeset__scrollwrap .md-typeset__scrollwrap').length,
        })"""
    )
    tab.context.close()
    assert boxes["tables"] > 0 and boxes["boxed"] == boxes["tables"] and boxes["nested"] == 0, boxes
