"""hooks/support_programs.py: the table lists every record with its fields, filtered where asked."""

from __future__ import annotations

import pytest
from conftest import LANGUAGES, ROOT, load_yaml

PROGRAMS = load_yaml(ROOT / "data" / "support-programs.yml")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_full_table_lists_every_program_with_its_fields(html, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "support-programs.md")
    tables = document.select(".handbook-programs table")
    full = max(tables, key=lambda table: len(table.select("tbody tr")))
    rows = {row["id"].removeprefix("program-"): row for row in full.select("tbody tr")}
    assert set(rows) == {program["id"] for program in PROGRAMS}
    for program in PROGRAMS:
        row = rows[program["id"]]
        cells = row.find_all(["th", "td"])
        assert cells[0].get_text(strip=True) == program["name"][language]
        assert " ".join(program["summary"][language].split()) in " ".join(cells[4].get_text().split())
        assert row["data-kind"] == program["kind"]
        assert row["data-stages"].split() == program["stages"]
        link = cells[0].find("a")
        assert (link["href"] if link else None) == program.get("url")


def test_a_stage_filter_shows_only_the_programs_of_that_stage(html) -> None:  # type: ignore[no-untyped-def]
    document = html("ja", "support-programs.md")
    filtered = [table for table in document.select(".handbook-programs table") if "（" in table.caption.get_text()]
    assert filtered, "the support-menu page has no filtered table"
    for table in filtered:
        caption = table.caption.get_text()
        rows = table.select("tbody tr")
        assert rows, caption
        for stage, label in (
            ("learning", "学ぶ・気づく"),
            ("planning", "話し合い・計画づくり"),
            ("formation", "組織の設立"),
            ("operation", "運営・継続"),
        ):
            if label in caption:
                expected = {p["name"]["ja"] for p in PROGRAMS if stage in p["stages"]}
                assert {row.th.get_text(strip=True) for row in rows} == expected


def test_only_the_complete_table_gives_its_rows_ids(html) -> None:  # type: ignore[no-untyped-def]
    for page in ("support-programs.md", "formation-steps/step-1.md"):
        ids = [row["id"] for row in html("ja", page).select(".handbook-programs tr[id]")]
        assert len(ids) == len(set(ids)), f"{page}: a program's row id appears twice"


def test_repeated_tables_stay_off_paper_where_the_complete_table_is(html) -> None:  # type: ignore[no-untyped-def]
    repeats = html("ja", "support-programs.md").select(".handbook-programs--repeat")
    assert repeats and all(block.select_one(".handbook-print-note") for block in repeats)
    assert not html("ja", "formation-steps/step-1.md").select(".handbook-programs--repeat")
