"""hooks/handbook/loader.py: data is parsed once per content and read again after an edit."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

from handbook.loader import load_handbook


def test_the_data_is_reused_until_a_file_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    first = load_handbook(data)
    assert load_handbook(data) is first
    case = data / "cases" / "kirari-yoshijima.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("form: integrated", "form: separated"), encoding="utf-8")
    edited = load_handbook(data)
    assert edited is not first
    assert edited.cases["kirari-yoshijima"].form is not None
    assert edited.cases["kirari-yoshijima"].form.value == "separated"


def test_every_data_file_is_validated(tmp_path: Path) -> None:
    handbook = load_handbook(ROOT / "data")
    assert handbook.programs and handbook.cases and handbook.glossary and handbook.sources
