"""Let wide tables turn into stacked rows on a phone, without losing what makes them tables.

Under 600 px, handbook.css shows each row of a marked table as a block and each cell under its
column's label (`td::before { content: attr(data-label) }`), so no table scrolls sideways; print and
wider screens keep the table. This hook marks every content table of three or more columns, whether
written in Markdown or generated from data (support programs), and gives each body cell the text of
its column header as `data-label`.

Browsers drop a table's semantics once CSS changes its `display`, so a screen reader would hear a
run of text instead of rows and cells. The hook therefore also writes the ARIA roles a table has by
nature (table, rowgroup, row, columnheader, rowheader, cell), which keep the table in the
accessibility tree whatever the layout (the pattern Adrian Roselli describes in "A Responsive
Accessible Table", 2017). Tables with merged cells are left alone: their columns have no single label.

Every content table is also put in the scrolling boxes Material's script would otherwise move it into
after the page has loaded (see handbook/upstream.py, MATERIAL_TABLE_BOXES): on a phone, that move made
the browser restyle and rebuild each table once more while the reader waited.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook.upstream import MATERIAL_TABLE_BOXES, TABLE_CLASS

# Two columns fit a phone side by side; from three on, the table is stacked.
MIN_COLUMNS = 3
STACK_ATTRIBUTE = "data-handbook-stack"
# Tables are never nested in the handbook's pages, so each match is one whole table; only those are
# parsed, which keeps long chapters fast to build.
TABLE = re.compile(r"<table[ >].*?</table>", re.DOTALL)


def column_labels(table: Tag) -> list[str] | None:
    """The header text of each column, or None when the table has no header row or merged cells."""
    if table.select_one("[colspan], [rowspan]") is not None:
        return None
    head = table.find("thead")
    header_row = head.find("tr") if isinstance(head, Tag) else None
    if not isinstance(header_row, Tag):
        return None
    cells = header_row.find_all(["th", "td"], recursive=False)
    return [label_text(cell) for cell in cells]


def label_text(cell: Tag) -> str:
    """A header's words as a reader sees them, without any furigana (<rt>, <rp>) over its kanji."""
    words = "".join(str(text) for text in cell.find_all(string=True) if text.find_parent(["rt", "rp"]) is None)
    return " ".join(words.split())


def mark_table(table: Tag) -> None:
    labels = column_labels(table)
    if labels is None or len(labels) < MIN_COLUMNS:
        return
    table[STACK_ATTRIBUTE] = ""
    table["role"] = "table"
    for group in table.find_all(["thead", "tbody", "tfoot"], recursive=False):
        group["role"] = "rowgroup"
    for row in table.find_all("tr"):
        row["role"] = "row"
        in_head = row.parent is not None and row.parent.name == "thead"
        for column, cell in enumerate(row.find_all(["th", "td"], recursive=False)):
            if in_head:
                cell["role"] = "columnheader"
                continue
            cell["role"] = "rowheader" if cell.name == "th" else "cell"
            if column < len(labels) and labels[column]:
                cell["data-label"] = labels[column]


def box_table(soup: BeautifulSoup, table: Tag) -> None:
    """Put a class-less table in Material's scrolling boxes, focusable so a keyboard can scroll it."""
    if table.has_attr("class"):
        return
    table["class"] = TABLE_CLASS
    outer, inner = MATERIAL_TABLE_BOXES
    scroll_box = soup.new_tag("div", attrs={"class": outer, "tabindex": "0"})
    table_box = soup.new_tag("div", attrs={"class": inner})
    table.wrap(table_box)
    table_box.wrap(scroll_box)


def stack_tables(fragment: str) -> str:
    soup = BeautifulSoup(fragment, "html.parser")
    table = soup.find("table")
    if isinstance(table, Tag):
        mark_table(table)
        box_table(soup, table)
    return str(soup)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<table" not in html:
        return html
    return TABLE.sub(lambda match: stack_tables(match.group(0)), html)
