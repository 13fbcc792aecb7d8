"""bench/run.py: the benchmark's smoke run (each part once, on the smallest input) ends without an error,
so a change that breaks the benchmark fails here instead of when someone next measures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # builds, Chromium and a few PDFs


def test_the_benchmark_runs_every_part(tmp_path: Path) -> None:
    figures = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--results", str(figures)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    data = json.loads(figures.read_text(encoding="utf-8"))
    assert data["errors"] == []
    assert data["clean"]["pages"]["real"] > data["clean"]["pages"]["bare"] > 0
    assert data["scaling"]["2"]["median_s"] > 0
    assert data["weight"]["pages"]["/"]["kb"] > 0 and data["weight"]["search_index_kb"]["ja"] > 0
    assert data["pdf"]["count"] == 6  # two chapters and the whole handbook, in each language
    assert data["serve_s"] and data["profile"]
    assert "all PDFs, both languages" in result.stdout
