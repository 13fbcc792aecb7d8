"""Give each checklist box the text of its item as its accessible name.

pymdownx.tasklist draws `- [ ] item` as a checkbox with no label, which screen readers announce as an
unnamed checkbox (axe: "label"). The item's own text is the name a reader needs.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "task-list-item" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for item in soup.select("li.task-list-item"):
        box = item.find("input", attrs={"type": "checkbox"})
        if box is not None and not box.get("aria-label"):
            box["aria-label"] = " ".join(item.get_text(" ").split())[:200]
    return str(soup)
