"""Draw a chart from data/charts.yml as an inline SVG, with the same numbers as a table.

    <!-- handbook:chart id="settlement-problems" -->

The SVG is drawn at build time (no chart script), labelled for screen readers, and styled so it prints
clearly in black and white; the table is its text alternative and the printable record of the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import context, markers
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.models import Chart, ChartUnit
from handbook.render import render

SPEC = markers.register(
    MarkerSpec(
        "chart",
        {"id": markers.one_of(lambda handbook: sorted(handbook.charts))},
        required=frozenset({"id"}),
    )
)

WIDTH = 400
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
ROW_GAP = 10
LEGEND_HEIGHT = 22
VALUE_ROOM = 110  # space right of the longest bar for its value


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    series: int
    value: str


@dataclass(frozen=True)
class Row:
    label: str
    label_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Layout:
    width: int
    height: float
    rows: list[Row]
    legend: list[str]


def format_value(value: float, unit: ChartUnit, language: str) -> str:
    if unit is ChartUnit.percent:
        return f"{value:.1f}%"
    number = f"{value:,.0f}"
    return f"{number}人" if language == "ja" else number


def layout(chart: Chart, language: str) -> Layout:
    """Where each label and bar goes; bars share one scale from zero to the largest value."""
    largest = max(max(row.values) for row in chart.rows) or 1.0
    scale = (WIDTH - VALUE_ROOM) / largest
    legend = [series[language] for series in chart.series] if len(chart.series) > 1 else []
    y = float(LEGEND_HEIGHT if legend else 0)
    rows = []
    for row in chart.rows:
        label_y = y + LABEL_HEIGHT - 5
        y += LABEL_HEIGHT
        bars = []
        for series, value in enumerate(row.values):
            bars.append(Bar(y, round(value * scale, 1), series, format_value(value, chart.unit, language)))
            y += BAR_HEIGHT + 2
        rows.append(Row(row.label[language], label_y, bars))
        y += ROW_GAP
    return Layout(WIDTH, y, rows, legend)


def render_chart(arguments: Arguments, language: str, handbook: Handbook) -> str:
    chart = handbook.charts[arguments["id"]]
    values = [[format_value(value, chart.unit, language) for value in row.values] for row in chart.rows]
    return render(
        "chart.html.j2", language, chart=chart, layout=layout(chart, language), values=values, bar_height=BAR_HEIGHT
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    handbook = context.handbook(config)
    return markers.replace(markdown, SPEC.name, lambda arguments: render_chart(arguments, language, handbook))
