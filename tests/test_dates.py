"""hooks/handbook/dates.py: 和暦（西暦） in Japanese, the Western calendar in English."""

from __future__ import annotations

import pytest

from handbook.dates import format_date


@pytest.mark.parametrize(
    ("value", "fiscal", "japanese", "english"),
    [
        ("2017-06-01", False, "平成29年（2017年）6月1日", "1 June 2017"),
        ("2007-04", False, "平成19年（2007年）4月", "April 2007"),
        ("2016", True, "平成28年度（2016年度）", "FY2016"),
        ("2019-05-01", False, "令和元年（2019年）5月1日", "1 May 2019"),
        ("2019-04-30", False, "平成31年（2019年）4月30日", "30 April 2019"),
        ("2024", False, "令和6年（2024年）", "2024"),
        ("1989-01-07", False, "昭和64年（1989年）1月7日", "7 January 1989"),
    ],
)
def test_dates(value: str, fiscal: bool, japanese: str, english: str) -> None:
    assert format_date(value, "ja", fiscal_year=fiscal) == japanese
    assert format_date(value, "en", fiscal_year=fiscal) == english
