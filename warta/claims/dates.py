"""Claims stage: dates. Finds time expressions in a document and resolves them against
its publication date (or the date the text is talking about), writing ``doc.dates``.

Finding: warta.claims.timex.patterns; resolving: warta.claims.timex.resolve.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Optional

from warta.claims.timex.patterns import Candidate, find_candidates
from warta.claims.timex.resolve import Context, resolve
from warta.document import Document
from warta.model import DateMention

_PARAGRAPH_END = re.compile(r"\n")


def _boundaries(doc: Document) -> tuple[list[int], list[int]]:
    """Start offsets of sentences and of paragraphs (lines)."""
    sentences = [0] + sorted(s for s, _ in doc.sentence_spans())
    paragraphs = [0] + [m.end() for m in _PARAGRAPH_END.finditer(doc.text)]
    return sentences, paragraphs


def _unit_of(pos: int, starts: list[int]) -> int:
    return bisect.bisect_right(starts, pos) - 1


def _as_day(mention: DateMention) -> Optional[dt.date]:
    if mention.kind == "date" and mention.value and len(mention.value) == 10:
        return dt.date.fromisoformat(mention.value)
    return None


def _resolve_safely(c: Candidate, ctx: Context) -> Optional[tuple[str, Optional[str]]]:
    try:
        return resolve(c, ctx)
    except (ValueError, OverflowError):
        # Arithmetic past the calendar's ends (a publication date in year 9999, say):
        # the expression is still reported, without a value.
        kind = {"count": "duration", "redup": "duration", "range_start": "duration",
                "time": "time", "year": "year", "month": "month", "month_year": "month"}.get(c.rule, "date")
        return kind, None


def annotate(doc: Document) -> None:
    """Fill ``doc.dates`` (local offsets), left to right."""
    candidates = find_candidates(doc.text, is_title=doc.is_title)
    if not candidates:
        doc.dates = []
        return
    sentences, paragraphs = _boundaries(doc)
    ctx = Context(published=doc.published)
    found: list[tuple[Candidate, DateMention]] = []
    times: list[Candidate] = []
    for c in candidates:
        if c.rule == "time":
            times.append(c)  # resolved once every date around it is known
            continue
        resolved = _resolve_safely(c, ctx)
        if resolved is None:
            continue
        kind, value = resolved
        mention = DateMention(text=doc.text[c.start:c.end], start=c.start, end=c.end,
                              value=value, kind=kind)
        found.append((c, mention))
        day = _as_day(mention)
        if day is not None:
            ctx.last_day = day
    days = sorted(((other.start, day) for other, mention in found
                   if (day := _as_day(mention)) is not None), key=lambda d: d[0])
    day_starts = [start for start, _ in days]
    for c in times:
        ctx.day_of_time = _day_of_time(c, days, day_starts, sentences, paragraphs)
        kind, value = _resolve_safely(c, ctx) or ("time", None)
        found.append((c, DateMention(text=doc.text[c.start:c.end], start=c.start, end=c.end,
                                     value=value, kind=kind)))
    doc.dates = [m for _, m in sorted(found, key=lambda cm: cm[0].start)]


def _day_of_time(c: Candidate, days: list[tuple[int, dt.date]], day_starts: list[int],
                 sentences: list[int], paragraphs: list[int]) -> Optional[dt.date]:
    """The day a clock time belongs to: the nearest day in its sentence (the one before it
    first), else the last day named earlier in its paragraph. ``days``: (start, day) of
    the dates found, in text order; only those of its sentence are looked at (bisect), so
    a text dense with times and dates stays linear."""
    sentence = _unit_of(c.start, sentences)
    sent_start = sentences[sentence]
    sent_end = sentences[sentence + 1] if sentence + 1 < len(sentences) else float("inf")
    lo, hi = bisect.bisect_left(day_starts, sent_start), bisect.bisect_left(day_starts, sent_end)
    before = [(c.start - start, day) for start, day in days[lo:hi] if start < c.start]
    after = [(start - c.start, day) for start, day in days[lo:hi] if start >= c.start]
    if before:
        return min(before)[1]
    if after:
        return min(after)[1]
    paragraph_start = paragraphs[_unit_of(c.start, paragraphs)]
    if lo > 0 and days[lo - 1][0] >= paragraph_start:
        return days[lo - 1][1]
    return None
