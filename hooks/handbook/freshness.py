"""How fresh the support-program data is: which records nobody has confirmed for a year.

A program that was current when someone last read its official page may have been renamed or ended
since. A current record is stale when its `checked` date is more than STALE_AFTER_MONTHS months before
today. A renamed or ended record is history: it cannot go out of date (its successor has a record of its
own), so it is never stale.
Today is the build day in Japan; HANDBOOK_TODAY (YYYY-MM-DD) sets another day, for checks and tests.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from handbook.models import ProgramStatus, SupportProgram

STALE_AFTER_MONTHS = 12
TODAY_VARIABLE = "HANDBOOK_TODAY"


def today() -> date:
    """The day of the build in Japan, or the day HANDBOOK_TODAY names."""
    override = os.environ.get(TODAY_VARIABLE, "").strip()
    if override:
        try:
            return date.fromisoformat(override)
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE} must be a date written YYYY-MM-DD, not {override!r}") from None
    return datetime.now(ZoneInfo("Asia/Tokyo")).date()


def latest_day(value: str) -> date:
    """The last day a partial date can mean: '2016' → 2016-12-31, '2025-03' → 2025-03-31. A record
    confirmed only 'in 2016' is given the benefit of the doubt, never flagged early."""
    parts = [int(part) for part in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` months earlier (the month's last day where it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_stale(program: SupportProgram, on: date) -> bool:
    return program.status == ProgramStatus.current and latest_day(program.checked) < months_before(
        on, STALE_AFTER_MONTHS
    )


def stale_programs(programs: Iterable[SupportProgram], on: date) -> list[SupportProgram]:
    """The current programs not confirmed on an official page for more than a year, oldest check first."""
    return sorted((program for program in programs if is_stale(program, on)), key=lambda p: latest_day(p.checked))


def last_checked(programs: Iterable[SupportProgram]) -> str | None:
    """The most recent `checked` date of any program, as written in the data."""
    dates = [program.checked for program in programs]
    return max(dates, key=latest_day) if dates else None
