"""Dates as readers expect them: 和暦（西暦） on Japanese pages, the Western calendar in English."""

from __future__ import annotations

from datetime import date

_ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 10, 23), "明治"),
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _split(value: str) -> tuple[int, int | None, int | None]:
    parts = [int(part) for part in value.split("-")]
    return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None


def japanese_era_year(day: date) -> str:
    """The era year of a day, e.g. 平成29年 or 令和元年."""
    for start, era in _ERAS:
        if day >= start:
            number = day.year - start.year + 1
            return f"{era}{'元' if number == 1 else number}年"
    return f"{day.year}年"


def format_date(value: str, language: str, *, fiscal_year: bool = False) -> str:
    """'2017-06-01' → 平成29年（2017年）6月1日 / 1 June 2017; fiscal years → 平成28年度（2016年度） / FY2016."""
    year, month, day = _split(value)
    if language != "ja":
        if fiscal_year:
            return f"FY{year}"
        if month is None:
            return str(year)
        return f"{day} {_MONTHS[month - 1]} {year}" if day else f"{_MONTHS[month - 1]} {year}"
    # A year or fiscal year is named by the era in force when it began (a fiscal year begins in April).
    reference = date(year, month or (4 if fiscal_year else 1), day or 1)
    era_year = japanese_era_year(reference)
    if fiscal_year:
        return f"{era_year}度（{year}年度）"
    text = f"{era_year}（{year}年）"
    if month:
        text += f"{month}月"
    if day:
        text += f"{day}日"
    return text
