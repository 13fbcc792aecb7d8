"""hooks/data_lifecycle.py: a bad data file or marker stops the build with one clear message naming the
file, the record, the line and the field, with no traceback and the site folder left as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build


def break_file(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_program_id(project: Path) -> str:
    text = (project / "data" / "support-programs.yml").read_text(encoding="utf-8")
    match = re.search(r"^- id: (\S+)", text, re.MULTILINE)
    assert match
    return match.group(1)


def line_of(project: Path, relative: str, needle: str) -> int:
    lines = (project / relative).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def assert_clean_failure(project: Path, *expected: str) -> str:
    site = project / "site"
    site.mkdir(exist_ok=True)
    (site / "earlier-build.txt").write_text("kept", encoding="utf-8")
    result = build(project, site)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output, result.output
    for part in expected:
        assert part in result.output, f"{part!r} not in:\n{result.output}"
    assert (site / "earlier-build.txt").read_text(encoding="utf-8") == "kept"
    assert not (site / "index.html").exists(), "a page was written although the data was bad"
    return result.output


def test_a_missing_required_field(project_copy: Path) -> None:
    program = first_program_id(project_copy)
    text = (project_copy / "data" / "support-programs.yml").read_text(encoding="utf-8")
    kind_line = re.search(r"^  kind: \w+\n", text, re.MULTILINE)
    assert kind_line
    break_file(project_copy, "data/support-programs.yml", kind_line.group(0), "")
    assert_clean_failure(project_copy, "support-programs.yml", f"record '{program}'", "field 'kind'", "required")


def test_a_value_outside_the_allowed_list(project_copy: Path) -> None:
    case = "data/cases/kirari-yoshijima.yml"
    break_file(project_copy, case, "form: integrated", "form: 一体")
    line = line_of(project_copy, case, "form: 一体")
    assert_clean_failure(
        project_copy, "kirari-yoshijima.yml", f"line {line}", "record 'kirari-yoshijima'", "field 'form'", "integrated"
    )


def test_a_duplicate_key_is_refused_instead_of_losing_a_value(project_copy: Path) -> None:
    case = "data/cases/kirari-yoshijima.yml"
    break_file(project_copy, case, "legal_form: npo", "legal_form: npo\nlegal_form: llc")
    line = line_of(project_copy, case, "legal_form: llc")
    assert_clean_failure(project_copy, "kirari-yoshijima.yml", f"line {line}", "'legal_form' appears twice")


def test_a_web_address_that_is_not_http(project_copy: Path) -> None:
    break_file(
        project_copy, "data/sources.yml", "url: https://e-yoshijima.org/about/history.html", "url: javascript:alert(1)"
    )
    assert_clean_failure(project_copy, "sources.yml", "record 'kirari-history'", "field 'url'", "http")


def test_an_impossible_year(project_copy: Path) -> None:
    break_file(project_copy, "data/cases/kirari-yoshijima.yml", "founded: 2007-04", "founded: 207-04")
    assert_clean_failure(project_copy, "record 'kirari-yoshijima'", "field 'founded'", "YYYY")


def test_an_id_used_twice_across_files(project_copy: Path) -> None:
    cases = project_copy / "data" / "cases"
    text = (cases / "kirari-yoshijima.yml").read_text(encoding="utf-8")
    (cases / "kirari-yoshijima-copy.yml").write_text(text, encoding="utf-8")
    assert_clean_failure(project_copy, "kirari-yoshijima-copy.yml", "must match the file name")
    (cases / "kirari-yoshijima-copy.yml").unlink()
    programs = project_copy / "data" / "support-programs.yml"
    program = first_program_id(project_copy)
    text = programs.read_text(encoding="utf-8")
    first_record = "- id:" + text.split("- id:")[1]
    programs.write_text(text.rstrip("\n") + "\n\n" + first_record.rstrip("\n") + "\n", encoding="utf-8")
    assert_clean_failure(project_copy, "support-programs.yml", f"'{program}' is already used")


def test_a_reference_to_a_record_that_does_not_exist(project_copy: Path) -> None:
    break_file(project_copy, "data/cases/kirari-yoshijima.yml", "\nsources:\n", "\nsources:\n  - no-such-source\n")
    assert_clean_failure(project_copy, "kirari-yoshijima.yml", "field 'sources.0'", "'no-such-source' is not the id")


def test_yaml_that_does_not_parse(project_copy: Path) -> None:
    path = project_copy / "data" / "glossary.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- id: [broken\n", encoding="utf-8")
    assert_clean_failure(project_copy, "glossary.yml", "line", "not valid YAML")


@pytest.mark.parametrize(
    ("marker", "problem"),
    [
        ("<!-- handbook:no-such-thing -->", "is an unknown marker"),
        ('<!-- handbook:support-programs colour="red" -->', "unknown argument 'colour'"),
        ('<!-- handbook:support-programs stage="someday" -->', "'someday' is not one of"),
        ("<!-- handbook:support-programs stage=formation -->", "is not written as"),
        ('<!-- handbook:sources ids="seed-999" -->', "unknown: seed-999"),
        ("<!-- handbook:sources -->", "needs the argument ids"),
    ],
)
def test_a_bad_marker_names_the_page_and_the_marker(project_copy: Path, marker: str, problem: str) -> None:
    page = project_copy / "docs" / "en" / "workshops" / "index.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join([*lines[:3], "", marker, "", *lines[3:]]) + "\n", encoding="utf-8")
    assert_clean_failure(project_copy, "docs/en/workshops/index.md, line 5", marker, problem)
