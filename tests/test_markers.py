"""hooks/handbook/markers.py: the marker syntax authors write."""

from __future__ import annotations

import pytest

from handbook.markers import MarkerError, parse


def test_a_marker_with_arguments() -> None:
    marker = parse('<!-- handbook:support-programs stage="formation" kind="money" -->')
    assert marker.name == "support-programs"
    assert marker.arguments == {"stage": "formation", "kind": "money"}


@pytest.mark.parametrize(
    "text",
    [
        "<!-- handbook:support-programs stage=formation -->",
        '<!-- handbook:Support stage="x" -->',
        '<!-- handbook:sources ids="a" ids="b" -->',
    ],
)
def test_malformed_markers_are_refused(text: str) -> None:
    with pytest.raises(MarkerError):
        parse(text)
