"""The date a tally holds for: a recent date in its sentence, else the publication date;
an older date marks a past event."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from warta import settings
from warta.document import Document




def _iso(value: Optional[str]) -> Optional[dt.date]:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def dates_rule(doc: Document, low: str, start: int, end: int, pos: int) -> tuple[bool, Optional[str]]:
    """(decided, as_of) from the dates in [start, end): a recent date is the as-of date;
    an older one marks a past event (None); no date: undecided."""
    found = []
    for d in doc.dates:
        if not (start <= d.start < end) or d.kind not in ("date", None):
            continue
        day = _iso(d.value)
        if day is None:
            continue
        if re.search(r"\bsejak(?:\s+\S+){0,2}\s*$", low[max(start, d.start - 30):d.start]):
            continue  # "sejak 7 Oktober": the start of the period, not the tally's date
        found.append((d, day))
    if not found:
        return False, None
    published = doc.published
    if published and any(day < published - dt.timedelta(days=settings.FIGURE_RECENT_DAYS) for _, day in found):
        return True, None
    found.sort(key=lambda x: abs(x[0].start - pos))
    return True, found[0][1].isoformat()
