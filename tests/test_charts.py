"""hooks/charts.py: charts drawn as SVG at build time, each with its figures as a table."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import Tag
from conftest import LANGUAGES, ROOT, load_yaml, soup

CHARTS = load_yaml(ROOT / "data" / "charts.yml")


def figures(site: Path, language: str) -> dict[str, Tag]:
    root = site if language == "ja" else site / "en"
    found: dict[str, Tag] = {}
    for path in root.rglob("*.html"):
        if language == "ja" and path.relative_to(site).parts[0] == "en":
            continue
        for figure in soup(path).select("figure.handbook-chart[id^=chart-]"):
            found[str(figure["id"]).removeprefix("chart-")] = figure
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_appears_with_a_text_alternative(site: Path, language: str) -> None:
    shown = figures(site, language)
    assert set(shown) == {chart["id"] for chart in CHARTS}
    for chart in CHARTS:
        figure = shown[chart["id"]]
        svg = figure.find("svg")
        assert svg is not None and svg["role"] == "img"
        title = svg.find("title")
        assert title is not None and chart["title"][language] in title.get_text()
        assert svg["aria-labelledby"] == title["id"]
        rows = figure.select("table tbody tr")
        assert [row.th.get_text(strip=True) if row.th else "" for row in rows] == [
            row["label"][language] for row in chart["rows"]
        ]
        bars = svg.select("rect.handbook-chart__bar")
        legend = len(chart["series"]) if len(chart["series"]) > 1 else 0
        assert len(bars) == legend + sum(len(row["values"]) for row in chart["rows"])


def test_bars_are_drawn_to_scale(site: Path) -> None:
    figure = figures(site, "ja")["settlement-problems"]
    widths = [float(str(rect["width"])) for rect in figure.select("svg > rect")]
    values = [row["values"][0] for row in CHARTS[0]["rows"]]
    ratio = widths[0] / values[0]
    for width, value in zip(widths, values, strict=True):
        assert width == pytest.approx(value * ratio, abs=0.2)
