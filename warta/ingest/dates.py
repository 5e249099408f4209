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


def normalise_date(value: object, date_order: Optional[str] = None) -> Optional[str]:
    """ISO 8601 date or datetime, or None when the value is empty or not a date.

    ``date_order`` ("DMY", "MDY", "YMD") settles numeric dates such as 01/02/2025; left
    unset, dateparser's default applies (month first, as in US-style exports)."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:  # already ISO: keep it as given (fast path, no guessing)
        return dt.datetime.fromisoformat(text).isoformat() if "T" in text or " " in text \
            else dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    settings = {"DATE_ORDER": date_order} if date_order else {}
    parsed = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    if parsed is None:
        return None
    if _TIME_OF_DAY.search(text):
        return parsed.isoformat(timespec="minutes")
    return parsed.date().isoformat()
