"""The filters of the support-menu table and the case list: shown only with JavaScript, never hiding a row
from a reader without it."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES


@pytest.mark.parametrize(
    ("language", "page", "names"),
    [
        (language, page, names)
        for language in LANGUAGES
        for page, names in (
            ("support-programs/all.md", ["stages", "provider", "kind"]),
            ("cases/index.md", ["form", "legal-form", "prefecture"]),
        )
    ],
)
def test_filters_are_offered_and_every_row_stays_in_the_page(html, language: str, page: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    document = html(language, page)
    form = document.select_one("form.handbook-filter")
    assert form is not None and form.has_attr("hidden"), "without JavaScript the controls stay hidden"
    assert [select["name"] for select in form.select("select")] == names
    target = document.find(id=form["data-filter-target"])
    assert target is not None
    items = target.select("[data-filter-item]")
    assert items and not [item for item in items if item.has_attr("hidden")]
    for select in form.select("select"):
        values = [option["value"] for option in select.select("option") if option["value"]]
        assert values, select["name"]
        for value in values:
            assert any(value in (item.get(f"data-{select['name']}") or "").split() for item in items), value
