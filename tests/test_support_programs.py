"""hooks/support_programs.py: the tables list every current record with its fields, filtered where asked;
renamed and ended programs have their own table with their successor; every record says how fresh it is."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import LANGUAGES, ROOT, build, copy_project, load_yaml, page_path, report, soup
from support_programs import render_table

from handbook import freshness
from handbook.loader import DataError, load_handbook
from handbook.models import Stage

PROGRAMS = load_yaml(ROOT / "data" / "support-programs.yml")
CURRENT = [program for program in PROGRAMS if program["status"] == "current"]  # type: ignore[union-attr, index]
FORMER = [program for program in PROGRAMS if program["status"] != "current"]  # type: ignore[union-attr, index]


def iso(value: object) -> str:
    """A YAML date as written (PyYAML reads 2026-11-30 as a date, "2016" as a string)."""
    return value.isoformat() if isinstance(value, date) else str(value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_full_table_lists_every_program_with_its_fields(html, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "support-programs/all.md")
    full = document.select_one("table#support-programs-all")
    assert full is not None
    rows = {row["id"].removeprefix("program-"): row for row in full.select("tbody tr")}
    assert set(rows) == {program["id"] for program in CURRENT}
    for program in CURRENT:
        row = rows[program["id"]]
        cells = row.find_all(["th", "td"])
        assert cells[0].get_text(strip=True) == program["name"][language]
        assert " ".join(program["summary"][language].split()) in " ".join(cells[4].get_text().split())
        assert cells[5].get_text(strip=True) == ("実施中" if language == "ja" else "Current")
        assert cells[6].time["datetime"] == iso(program["checked"])
        assert row["data-kind"] == program["kind"]
        assert row["data-stages"].split() == program["stages"]
        link = cells[0].find("a")
        assert link is not None and link["href"] == program["url"] and link["href"].startswith("https://")


def test_a_stage_filter_shows_only_the_programs_of_that_stage(html) -> None:  # type: ignore[no-untyped-def]
    # The step pages show the programs of their stage, as the stage pages of the support menu do.
    filtered = [
        table
        for step in (1, 5, 7, 8)
        for table in html("ja", f"formation-steps/step-{step}.md").select(".handbook-programs table")
    ]
    assert len(filtered) == 4 and all("（" in table.caption.get_text() for table in filtered)
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
                expected = {p["name"]["ja"] for p in CURRENT if stage in p["stages"]}
                assert {row.th.get_text(strip=True) for row in rows} == expected


def test_only_the_complete_table_gives_its_rows_ids(html) -> None:  # type: ignore[no-untyped-def]
    for page in ("support-programs/all.md", "formation-steps/step-1.md"):
        ids = [row["id"] for row in html("ja", page).select(".handbook-programs tr[id]")]
        assert len(ids) == len(set(ids)), f"{page}: a program's row id appears twice"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_stage_has_a_page_with_the_table_of_its_programs(html, language: str) -> None:  # type: ignore[no-untyped-def]
    overview = html(language, "support-programs/index.md")
    linked = {link["href"] for link in overview.select("article a")}
    assert {f"{stage.value}/" for stage in Stage} | {"all/"} <= linked
    assert not overview.select("table#support-programs-all")  # the complete table has a page of its own
    for stage in Stage:
        tables = html(language, f"support-programs/{stage.value}.md").select(".handbook-programs table")
        assert len(tables) == 1, stage
        assert stage.label[language] in tables[0].caption.get_text()
        names = {row.th.get_text(strip=True) for row in tables[0].select("tbody tr")}
        assert names == {p["name"][language] for p in CURRENT if stage.value in p["stages"]}, stage
        assert not tables[0].select("tr[id]")  # the rows' ids belong to the complete table


def test_beside_the_complete_table_a_stage_lists_its_programs_by_name(html) -> None:  # type: ignore[no-untyped-def]
    """A page holding the complete table would repeat its rows in a stage's table: it links them instead."""
    handbook = load_handbook(ROOT / "data")
    listed = BeautifulSoup(
        render_table({"stage": "formation"}, "ja", handbook, complete_table_on_page=True), "html.parser"
    )
    assert not listed.select("table")
    links = [link["href"] for link in listed.select(".handbook-programs--repeat li a")]
    assert links == [f"#program-{p['id']}" for p in CURRENT if "formation" in p["stages"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_renamed_and_ended_programs_have_their_own_table_with_their_successor(html, language: str) -> None:  # type: ignore[no-untyped-def]
    document = html(language, "support-programs/all.md")
    table = document.select_one(".handbook-programs--former table")
    assert table is not None
    heading = table.find_previous(["h2"])
    assert heading is not None and heading.get_text(strip=True).rstrip("¶") in (
        "終了・名称変更した制度",
        "Programs that were renamed or have ended",
    )
    rows = {row["id"].removeprefix("program-"): row for row in table.select("tbody tr")}
    assert set(rows) == {program["id"] for program in FORMER}
    for program in FORMER:
        row = rows[program["id"]]
        assert row["data-status"] == program["status"]
        successor_cell = row.find_all("td")[2]
        if program["status"] == "renamed":
            link = successor_cell.find("a")
            assert link is not None, program["id"]
            target = document.select_one(link["href"])  # the successor's row, in one of the two tables
            assert target is not None and target.name == "tr", link["href"]
            assert target["id"] == f"program-{program['successor']}"
        else:
            assert str(program["ended"]) in row.find_all("td")[1].get_text()
    # Nothing that has been renamed or has ended is offered in the tables of current programs.
    current_ids = {row["id"] for row in document.select("table#support-programs-all tbody tr")}
    assert not current_ids & {f"program-{program['id']}" for program in FORMER}


def test_the_regional_revitalization_grant_is_shown_as_folded_into_its_successors(html) -> None:  # type: ignore[no-untyped-def]
    document = html("ja", "support-programs/all.md")
    grant = document.select_one("#program-chiho-sosei-suishin-kofukin")
    assert grant is not None and grant.find_parent("div", class_="handbook-programs--former") is not None
    chain = []
    row = grant
    while row is not None and row.find_parent("div", class_="handbook-programs--former") is not None:
        link = row.find_all("td")[2].find("a")
        chain.append(link.get_text(strip=True))
        row = document.select_one(link["href"])
    assert chain == ["デジタル田園都市国家構想交付金", "新しい地方経済・生活環境創生交付金（第2世代交付金）"]
    assert row is not None and row.find_parent("table")["id"] == "support-programs-all"


def test_stale_records_are_marked_in_the_tables_and_listed(html) -> None:  # type: ignore[no-untyped-def]
    today = freshness.today()
    handbook = load_handbook(ROOT / "data")
    stale = freshness.stale_programs(handbook.programs.values(), today)
    report(
        f"Support programs not confirmed on an official page for {freshness.STALE_AFTER_MONTHS} months "
        f"(as of {today.isoformat()})",
        [f"{program.id:40} checked {program.checked}" for program in stale] or ["none"],
    )
    for language in LANGUAGES:
        document = html(language, "support-programs/all.md")
        marked = {
            row["id"].removeprefix("program-")
            for row in document.select("table#support-programs-all tr.handbook-programs__stale")
        }
        assert marked == {program.id for program in stale}
        for row in document.select("table#support-programs-all tr.handbook-programs__stale"):
            assert row.select_one(".handbook-programs__stale-note") is not None


@pytest.mark.parametrize(
    ("checked", "today", "stale"),
    [
        ("2025-11-30", date(2026, 11, 30), False),
        ("2025-11-29", date(2026, 11, 30), True),
        ("2025", date(2026, 11, 30), False),  # may mean 31 December 2025: not flagged early
        ("2025", date(2027, 1, 1), True),
        ("2024-02", date(2025, 2, 28), False),
        ("2024-02", date(2025, 3, 1), True),
    ],
)
def test_a_record_is_stale_a_year_after_its_last_possible_check(checked: str, today: date, stale: bool) -> None:
    program = load_handbook(ROOT / "data").programs["chiiki-okoshi-kyoryokutai"].model_copy(update={"checked": checked})
    assert freshness.is_stale(program, today) is stale


def _break_program(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "support-programs.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


OKOSHITAI = """  status: current
  checked: 2026-11-30
  url: https://www.soumu.go.jp/chiikiokoshitai
"""


@pytest.mark.parametrize(
    ("new", "field", "words"),
    [
        ("  checked: 2026-11-30\n  url: https://www.soumu.go.jp/chiikiokoshitai\n", "status", "required"),
        ("  status: current\n  url: https://www.soumu.go.jp/chiikiokoshitai\n", "checked", "required"),
        ("  status: current\n  checked: 2026-11-30\n", "url", "https://"),
        (
            "  status: current\n  checked: 2026-11-30\n  url: http://www.soumu.go.jp/chiikiokoshitai\n",
            "url",
            "https://",
        ),
        (
            "  status: current\n  checked: 30/11/2026\n  url: https://www.soumu.go.jp/chiikiokoshitai\n",
            "checked",
            "YYYY",
        ),
        ("  status: renamed\n  checked: 2026-11-30\n", "successor", "successor"),
        ("  status: ended\n  checked: 2026-11-30\n", "ended", "fiscal year"),
        ("  status: stopped\n  checked: 2026-11-30\n", "status", "current"),
    ],
)
def test_a_program_without_status_checked_date_or_official_address_is_refused(
    tmp_path: Path, new: str, field: str, words: str
) -> None:
    data = _break_program(tmp_path, OKOSHITAI, new)
    with pytest.raises(DataError) as refused:
        load_handbook(data)
    message = str(refused.value)
    assert "support-programs.yml" in message and "record 'chiiki-okoshi-kyoryokutai'" in message
    assert f"field '{field}" in message and words in message, message
    assert ", line " in message


def test_a_successor_must_be_a_program_in_the_file(tmp_path: Path) -> None:
    data = _break_program(tmp_path, "successor: digital-denen-kofukin", "successor: no-such-program")
    with pytest.raises(DataError, match=r"record 'chiho-sosei-suishin-kofukin'.*successor.*no-such-program"):
        load_handbook(data)


def test_a_stale_record_warns_without_failing_the_strict_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two years from the newest check every current record is stale: the strict build still succeeds,
    names each one in a warning, and marks each row; the feedback route set here shows on every page."""
    copy_project(tmp_path)
    monkeypatch.setenv(freshness.TODAY_VARIABLE, "2028-12-01")
    monkeypatch.setenv("FEEDBACK_URL", "iken@example.jp")
    result = build(tmp_path, tmp_path / "site")
    assert result.returncode == 0, result.output
    notices = [line for line in result.output.splitlines() if "not confirmed on an official page" in line]
    assert len(notices) == 1, result.output  # once per build, however many languages it writes
    warning = notices[0]
    # Worded as a warning, logged at INFO: a WARNING record would fail --strict.
    assert warning.startswith("INFO") and "WARNING: " in warning
    for program in CURRENT:
        assert f"{program['id']} (checked " in warning
    document = soup(page_path(result.site, "ja", "support-programs/all.md"))
    assert len(document.select("table#support-programs-all tr.handbook-programs__stale")) == len(CURRENT)
    # The route that needs no account: on every page, beside the GitHub link, naming the page.
    pages = sorted(result.site.rglob("index.html"))
    checked = 0
    for path in pages:
        page = soup(path)
        meta = page.select_one(".handbook-page-meta")
        if meta is None:
            continue
        link = meta.select_one(".handbook-feedback a")
        assert link is not None, path
        assert link["href"].startswith("mailto:iken@example.jp?subject=")
        assert meta.select_one(".handbook-report a") is not None
        checked += 1
    assert checked >= 60
