"""Publication dates given by an input ("10/21/2025 20:43", "Selasa, 21 Okt 2025") -> ISO.

dateparser does the parsing (Indonesian and English month and day names); we only decide
the output precision: a datetime when the input names a time of day, else a date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

import dateparser

_TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_LANGUAGES = ["id", "en"]
# A publication date is a day on the calendar: relative words ("kemarin", "2 jam yang
# lalu") would be read against the day of the ingest, a date without a day or year would
# get today's, and dateparser's relative parser read '32/13/2023 \x1b[31m' as 31 minutes
# ago. So: absolute dates (or a Unix timestamp) naming day, month and year, else no date
# (and a warning; see ingest/tabular.py).
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}


def normalise_date(value: object, date_order: Optional[str] = None) -> Optional[str]:
    """ISO 8601 date (YYYY-MM-DD) or datetime to the minute (YYYY-MM-DDTHH:MM, with the
    UTC offset when the input gives one: "+07:00" for WIB), or None when the value is
    empty or not a date.

    ``date_order`` ("DMY", "MDY", "YMD") settles numeric dates such as 01/02/2025; left
    unset, dateparser's default applies (month first, as in US-style exports)."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:  # already ISO: no guessing (fast path), but the one stored form below
        if "T" in text or " " in text:
            # To the minute, as parsed dates are ("...T12:57:00" was kept with its seconds).
            return dt.datetime.fromisoformat(text).isoformat(timespec="minutes")
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    settings = dict(_SETTINGS, DATE_ORDER=date_order) if date_order else _SETTINGS
    parsed = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    if parsed is None:
        return None
    if _TIME_OF_DAY.search(text):
        return parsed.isoformat(timespec="minutes")
    return parsed.date().isoformat()
