"""hooks/self_check.py and self-check.js: the formation self-check page gathers every checklist of the
formation steps, keeps a reader's ticks in their browser across reloads, counts progress and prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LANGUAGES, page_path, soup
from playwright.sync_api import Page
from self_check import checklists

CHAPTER = """# Steps

## Step 1 Learn

- [ ] Read the introduction ([Introduction](introduction.md))
- [x] Met the town hall

```markdown
- [ ] not an item: an example inside a code block
```

## A section without a checklist

Text.

## Step 2 Plan {#plan}

- [ ] Wrote the plan
"""


def test_checklists_are_read_per_section_with_links_to_their_step() -> None:
    steps = checklists(CHAPTER, "formation-steps.md")
    assert [step.title for step in steps] == ["Step 1 Learn", "Step 2 Plan"]
    assert steps[0].items == ("Read the introduction ([Introduction](introduction.md))", "Met the town hall")
    assert steps[0].link == "formation-steps.md#step-1-learn"
    assert steps[1].items == ("Wrote the plan",)


def test_a_step_page_is_one_section_and_its_links_work_from_the_self_check() -> None:
    page = "# Step 3 Share\n\nText.\n\n- [ ] Read [the introduction](../introduction.md) and [a site](https://example.org/)\n"
    (step,) = checklists(page, "formation-steps/step-3.md")
    assert step.title == "Step 3 Share" and step.link == "formation-steps/step-3.md"
    assert step.items == ("Read [the introduction](introduction.md) and [a site](https://example.org/)",)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_self_check_holds_every_item_of_the_formation_steps(site: Path, language: str) -> None:
    chapters = [soup(page_path(site, language, f"formation-steps/step-{n}.md")) for n in range(1, 9)]
    check = soup(page_path(site, language, "self-check.md"))
    # Text as read, joined without a separator: the glossary marks a term once per section, so the
    # same item may be marked on one page and not the other.
    expected = [
        " ".join(item.get_text().split())
        for chapter in chapters
        for item in chapter.select("article li.task-list-item")
    ]
    root = check.select_one(".handbook-self-check")
    assert root is not None
    found = [" ".join(item.get_text().split()) for item in root.select("li.task-list-item")]
    assert found == expected and len(found) >= 30
    steps = root.select("[data-step]")
    assert len(steps) == 8
    # Without JavaScript the boxes are a readable, printable list, and no control pretends to work.
    assert all(box.has_attr("disabled") for box in root.select("input[type=checkbox]"))
    assert root.select_one(".handbook-self-check__actions").has_attr("hidden")
    # Each step links back to its own page, and the items' own links still lead to their pages.
    for number, step in enumerate(steps, 1):
        assert step.select("a")[-1]["href"] == f"../formation-steps/step-{number}/"
    first_item_link = root.select_one("li.task-list-item a")["href"]
    assert first_item_link == "../introduction/", first_item_link


def test_ticks_survive_a_reload_count_per_step_reset_and_print(server: str, tab: Page) -> None:
    tab.goto(server + "self-check/")
    first_step = tab.locator("[data-step='1']")
    boxes = first_step.locator("input[type=checkbox]")
    total = boxes.count()
    assert total >= 3 and boxes.first.is_enabled()
    # One box ticked with the keyboard, one by a click where the drawn box is (Material draws it over the input).
    boxes.nth(0).focus()
    tab.keyboard.press("Space")
    boxes.nth(2).click(force=True)
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked()
    progress = first_step.locator(".handbook-self-check__progress")
    assert progress.inner_text() == f"{total}項目中2項目ができています"

    tab.reload()
    boxes = tab.locator("[data-step='1'] input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(total)][:3] == [True, False, True]
    assert tab.locator(".handbook-self-check__total").inner_text().startswith("全体で")
    assert "全体で" in tab.locator(".handbook-self-check__total").inner_text()
    assert not tab.locator("[data-step='2'] input:checked").count()

    tab.emulate_media(media="print")
    assert tab.locator(".handbook-self-check__reset").is_hidden()
    assert boxes.nth(0).is_checked()
    tab.emulate_media(media="screen")

    tab.once("dialog", lambda dialog: dialog.accept())
    tab.locator(".handbook-self-check__reset").click()
    assert not tab.locator(".handbook-self-check input:checked").count()
    tab.reload()
    assert not tab.locator(".handbook-self-check input:checked").count()
    assert progress.inner_text() == f"{total}項目中0項目ができています"


def test_english_ticks_are_kept_apart_from_japanese_ones(server: str, tab: Page) -> None:
    tab.goto(server + "en/self-check/")
    tab.locator("[data-step='3'] input[type=checkbox]").first.click(force=True)
    assert tab.locator("[data-step='3'] .handbook-self-check__progress").inner_text().startswith("1 of ")
    tab.goto(server + "self-check/")
    assert not tab.locator(".handbook-self-check input:checked").count()
