"""hooks/data_lifecycle.py: `mkdocs serve` rebuilds when a data file changes."""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from conftest import as_read, fetch, mkdocs_serve


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in str(as_read(fetch(url))):
            return True
        time.sleep(0.5)
    return False


def test_editing_a_case_study_rebuilds_its_page(project_copy: Path) -> None:
    with mkdocs_serve(project_copy) as address:
        url = f"{address}cases/kirari-yoshijima/"
        case = project_copy / "data" / "cases" / "kirari-yoshijima.yml"
        text = case.read_text(encoding="utf-8")
        original = yaml.safe_load(text)["name"]["ja"]
        assert wait_for(url, original, 120), "the served site never showed the case study"
        case.write_text(text.replace(original, "編集後の名称テスト", 1), encoding="utf-8")
        assert wait_for(url, "編集後の名称テスト", 120), "the page was not rebuilt after the data file changed"
