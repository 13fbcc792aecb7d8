"""Draw a model timeline from data/timeline.yml as an inline SVG, with the same months as a table.

    <!-- handbook:timeline id="model-24-months" -->

Like the charts, the SVG is drawn at build time (no chart script) and the table is its text alternative:
for each phase the months, the calendar months when month 1 is the timeline's start month, and what the
span rests on, with its sources. The title and note say that it is a model, not a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from handbook import context, markers
from handbook.loader import Handbook
from handbook.markers import Arguments, MarkerSpec
from handbook.models import Timeline
from handbook.render import render

SPEC = markers.register(
    MarkerSpec(
        "timeline",
        {"id": markers.one_of(lambda handbook: sorted(handbook.timelines))},
        required=frozenset({"id"}),
    )
)

WIDTH = 400
AXIS_HEIGHT = 20
LABEL_HEIGHT = 16
BAR_HEIGHT = 12
ROW_GAP = 8
MILESTONE_HEIGHT = 16
TICK_EVERY = 3


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class PhaseBar:
    label: str
    label_y: float
    x: float
    y: float
    width: float
    months: str
    calendar: str
    basis: str
    sources: str


@dataclass(frozen=True)
class Milestone:
    x: float
    label: str
    label_y: float
    anchor: str


@dataclass(frozen=True)
class TimelineLayout:
    width: int
    height: float
    month_width: float
    ticks: list[Tick]
    bars: list[PhaseBar]
    milestones: list[Milestone]
    top: float
    bottom: float


def calendar_month(timeline: Timeline, month: int, language: str) -> str:
    """Month n of the timeline as 'year k, calendar month m' when month 1 is the timeline's start month."""
    offset = timeline.start_month - 1 + month - 1
    year, calendar = offset // 12 + 1, offset % 12 + 1
    if language == "ja":
        return f"{year}年目の{calendar}月"
    names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{names[calendar - 1]} of year {year}"


def month_span(start: int, end: int, language: str) -> str:
    if language == "ja":
        return f"{start}か月目" if start == end else f"{start}〜{end}か月目"
    return f"month {start}" if start == end else f"months {start}–{end}"


def layout(timeline: Timeline, language: str, handbook: Handbook) -> TimelineLayout:
    unit = WIDTH / timeline.months
    ticks = [Tick(round((month - 1) * unit, 1), str(month)) for month in range(1, timeline.months + 1, TICK_EVERY)]
    y = float(AXIS_HEIGHT)
    bars = []
    for phase in timeline.phases:
        label_y = y + LABEL_HEIGHT - 4
        y += LABEL_HEIGHT
        bars.append(
            PhaseBar(
                label=phase.label[language],
                label_y=label_y,
                x=round((phase.start - 1) * unit, 1),
                y=y,
                width=round((phase.end - phase.start + 1) * unit, 1),
                months=month_span(phase.start, phase.end, language),
                calendar=f"{calendar_month(timeline, phase.start, language)}"
                + ("〜" if language == "ja" else " to ")
                + calendar_month(timeline, phase.end, language),
                basis=phase.basis[language],
                sources=("；" if language == "ja" else "; ").join(
                    handbook.sources[source_id].title[language] for source_id in phase.sources
                ),
            )
        )
        y += BAR_HEIGHT + ROW_GAP
    bottom = y
    milestones = []
    for milestone in timeline.milestones:
        x = round((milestone.month - 0.5) * unit, 1)
        y += MILESTONE_HEIGHT
        anchor = "end" if x > WIDTH / 2 else "start"
        milestones.append(Milestone(x, f"◆ {milestone.label[language]}", y - 4, anchor))
    return TimelineLayout(WIDTH, y + 4, round(unit, 2), ticks, bars, milestones, float(AXIS_HEIGHT), bottom)


def render_timeline(arguments: Arguments, language: str, handbook: Handbook) -> str:
    timeline = handbook.timelines[arguments["id"]]
    return render(
        "timeline.html.j2",
        language,
        timeline=timeline,
        layout=layout(timeline, language, handbook),
        bar_height=BAR_HEIGHT,
        calendar=lambda month: calendar_month(timeline, month, language),
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    language = context.language(config)
    handbook = context.handbook(config)
    return markers.replace(markdown, SPEC.name, lambda arguments: render_timeline(arguments, language, handbook))
