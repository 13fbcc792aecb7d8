"""Lighthouse (npm, pinned in package-lock.json) on the home page and a chapter in each language, as a
phone: accessibility, best practices and SEO must score 100; all four scores are printed. Performance
is printed, not asserted: it is a timing on a shared machine (bench/ holds the speed budget)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_FLAGS, ROOT, report

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "workshops/", "en/", "en/workshops/"]
MUST_BE_PERFECT = ("accessibility", "best-practices", "seo")
SCORES: list[str] = []


@pytest.mark.parametrize("url", PAGES)
def test_lighthouse_scores(server: str, tmp_path: Path, url: str) -> None:
    output = tmp_path / "report.json"
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            server + url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lighthouse = json.loads(output.read_text(encoding="utf-8"))
    scores = {name: round(category["score"] * 100) for name, category in lighthouse["categories"].items()}
    SCORES.append(f"/{url:<15} " + "  ".join(f"{name} {score:3d}" for name, score in scores.items()))
    report("Lighthouse (mobile)", SCORES)
    failing = {
        audit["id"]: audit["title"]
        for audit in lighthouse["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    }
    assert all(scores[name] == 100 for name in MUST_BE_PERFECT), (scores, failing)
