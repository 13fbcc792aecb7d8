"""hooks/timeline.py: the model timeline on the formation-steps page, drawn as SVG at build time with its
months as a table, labelled as a model, and the steps' timing guides that point to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT, build, load_yaml, page_path, soup
from test_data_lifecycle import assert_clean_failure, break_file, line_of

TIMELINES = load_yaml(ROOT / "data" / "timeline.yml")
MODEL = TIMELINES[0]  # type: ignore[index]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_model_timeline_is_drawn_with_its_table(site: Path, language: str) -> None:
    page = soup(page_path(site, language, "formation-steps/index.md"))
    figure = page.select_one(f"figure#timeline-{MODEL['id']}")
    assert figure is not None
    svg = figure.find("svg")
    assert svg is not None and svg["role"] == "img" and svg.find("title") is not None
    phases = MODEL["phases"]
    rows = figure.select("table tbody tr")
    assert [row.th.get_text(strip=True) for row in rows[: len(phases)]] == [p["label"][language] for p in phases]
    assert len(rows) == len(phases) + len(MODEL["milestones"])
    # Each bar starts and ends at its months, on one scale for the whole chart.
    unit = float(svg["viewbox"].split()[2]) / MODEL["months"]
    bars = svg.select("rect.handbook-chart__bar")
    for bar, phase in zip(bars, phases, strict=True):
        assert float(bar["x"]) == pytest.approx((phase["start"] - 1) * unit, abs=0.1)
        assert float(bar["width"]) == pytest.approx((phase["end"] - phase["start"] + 1) * unit, abs=0.1)
    # It says plainly that it is a model, and every phase gives what it rests on.
    word = "モデル" if language == "ja" else "model"
    assert word in figure.figcaption.get_text() + figure.select_one(".handbook-chart__note").get_text()
    assert all(row.select("td")[2].get_text(strip=True) for row in rows[: len(phases)])


@pytest.mark.parametrize(("language", "vague"), [("ja", "地域の事情によります"), ("en", "It depends on the district")])
def test_every_step_gives_a_timing_guide_from_the_model(site: Path, language: str, vague: str) -> None:
    overview = soup(page_path(site, language, "formation-steps/index.md"))
    anchors = ("#形成のモデル日程", "#model-timeline")
    for number in range(1, 9):
        page = soup(page_path(site, language, f"formation-steps/step-{number}.md"))
        assert vague not in page.select_one("article").get_text(), f"step {number}"
        guides = [link for link in page.select("article dd a") if link["href"].endswith(anchors)]
        assert len(guides) == 1, f"step {number} has no timing guide from the model"
        assert overview.find(id=guides[0]["href"].split("#")[1]) is not None


def test_the_calendar_months_follow_the_start_month(site: Path) -> None:
    page = soup(page_path(site, "ja", "formation-steps/index.md"))
    first = page.select_one(f"figure#timeline-{MODEL['id']} table tbody tr")
    assert first.select("td")[1].get_text() == "1年目の10月〜1年目の12月"


def test_a_phase_past_the_end_of_the_timeline_is_refused(project_copy: Path) -> None:
    break_file(project_copy, "data/timeline.yml", "      end: 24\n", "      end: 30\n")
    line = line_of(project_copy, "data/timeline.yml", "    - label:")  # where the list of phases begins
    output = assert_clean_failure(project_copy, "data/timeline.yml", "model-24-months", "field 'phases'", "month 30")
    assert f"line {line}" in output and "phase 8" in output


def test_a_phase_that_ends_before_it_starts_is_refused(project_copy: Path) -> None:
    break_file(
        project_copy, "data/timeline.yml", "      start: 13\n      end: 15\n", "      start: 13\n      end: 11\n"
    )
    assert_clean_failure(
        project_copy, "data/timeline.yml", "model-24-months", "phases.5.end", "before the phase's start"
    )


def test_the_built_project_copy_draws_an_edited_timeline(project_copy: Path) -> None:
    break_file(project_copy, "data/timeline.yml", "  months: 24\n", "  months: 30\n")
    result = build(project_copy)
    assert result.returncode == 0, result.output
    figure = soup(page_path(result.site, "en", "formation-steps/index.md")).select_one(
        "figure#timeline-model-24-months"
    )
    first_bar = figure.select_one("svg rect.handbook-chart__bar")
    width = float(figure.svg["viewbox"].split()[2])
    assert float(first_bar["width"]) == pytest.approx(3 * width / 30, abs=0.1), "months 1–3 on a 30-month scale"
