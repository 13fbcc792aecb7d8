"""hooks/open_data.py: the case studies and support programs, published as JSON and CSV, match the YAML."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, load_yaml

CASES = {case["id"]: case for case in (load_yaml(path) for path in sorted((ROOT / "data" / "cases").glob("*.yml")))}
PROGRAMS = {program["id"]: program for program in load_yaml(ROOT / "data" / "support-programs.yml")}
DATASETS = {"case-studies": CASES, "support-programs": PROGRAMS}


def without_none(value: object) -> object:
    if isinstance(value, date):  # PyYAML reads 2026-11-30 as a date; the data keeps it as written
        return value.isoformat()
    if isinstance(value, dict):
        return {key: without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_none(item) for item in value]
    return value


def without_empty(record: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in record.items() if value != []}


@pytest.mark.parametrize("name", DATASETS)
def test_json_holds_every_record_as_written_in_the_yaml(site: Path, name: str) -> None:
    published = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    # A field left out of the YAML appears in the JSON only when it has a value (an empty list)
    assert {record["id"]: without_empty(record) for record in published} == {
        key: without_none(record) for key, record in DATASETS[name].items()
    }


@pytest.mark.parametrize("name", DATASETS)
def test_csv_opens_as_utf8_in_excel_and_matches_the_yaml(site: Path, name: str) -> None:
    raw = (site / "data" / f"{name}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {row["id"] for row in rows} == set(DATASETS[name])
    for row in rows:
        record = DATASETS[name][row["id"]]
        assert row["name_ja"] == record["name"]["ja"]
        assert row["name_en"] == record["name"]["en"]
        assert row["summary_ja"] == record["summary"]["ja"]
        assert row["sources"].split() == record["sources"]
        assert row["url"] == (record.get("url") or "")
        if name == "support-programs":  # how fresh each record is travels with the open data
            assert row["status"] == record["status"]
            assert row["status_ja"] in ("実施中", "名称変更・後継の制度へ移行", "終了")
            assert row["checked"] == without_none(record["checked"]) or row["checked"] == str(record["checked"])
            assert row["successor"] == (record.get("successor") or "")
            assert row["ended"] == str(record.get("ended") or "")


def test_the_schema_and_the_licence_are_published_with_the_data(site: Path) -> None:
    for name in ("case-study.schema.json", "support-programs.schema.json"):
        assert json.loads((site / "data" / name).read_text(encoding="utf-8")) == json.loads(
            (ROOT / "data" / "schema" / name).read_text(encoding="utf-8")
        )
    assert "CC BY 4.0" in (site / "data" / "LICENSE.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("page", "dataset"), [("cases/index.md", "case-studies"), ("support-programs/all.md", "support-programs")]
)
def test_the_data_pages_link_every_file(html, site: Path, language: str, page: str, dataset: str) -> None:  # type: ignore[no-untyped-def]
    from conftest import page_path

    links = html(language, page).select("ul.handbook-open-data a")
    targets = {(page_path(site, language, page).parent / link["href"]).resolve() for link in links}
    assert (site / "data" / f"{dataset}.csv").resolve() in targets
    assert (site / "data" / f"{dataset}.json").resolve() in targets
    assert all(target.is_file() for target in targets)
