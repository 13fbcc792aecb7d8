"""Give each checklist box the text of its item as its accessible name.

pymdownx.tasklist draws `- [ ] item` as a checkbox with no label, which screen readers announce as an
unnamed checkbox (axe: "label"). The item's own text is the name a reader needs.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

# A checklist without a list inside it; parsing only these keeps long chapters fast to build.
TASK_LIST = re.compile(r'<ul class="task-list">(?:(?!<ul[ >]).)*?</ul>', re.DOTALL)


def label_boxes(fragment: str) -> str:
    soup = BeautifulSoup(fragment, "html.parser")
    for item in soup.select("li.task-list-item"):
        box = item.find("input", attrs={"type": "checkbox"})
        if box is not None and not box.get("aria-label"):
            box["aria-label"] = " ".join(item.get_text(" ").split())[:200]
    return str(soup)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "task-list-item" not in html:
        return html
    labelled = TASK_LIST.sub(lambda match: label_boxes(match.group(0)), html)
    # A checklist with a list nested in it is labelled with the whole page parsed, the slow way
    return label_boxes(labelled) if 'type="checkbox"' in TASK_LIST.sub("", labelled) else labelled
