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
    for c in times:
        ctx.day_of_time = _day_of_time(c, found, sentences, paragraphs)
        kind, value = _resolve_safely(c, ctx) or ("time", None)
        found.append((c, DateMention(text=doc.text[c.start:c.end], start=c.start, end=c.end,
                                     value=value, kind=kind)))
    doc.dates = [m for _, m in sorted(found, key=lambda cm: cm[0].start)]


def _day_of_time(c: Candidate, found: list[tuple[Candidate, DateMention]],
                 sentences: list[int], paragraphs: list[int]) -> Optional[dt.date]:
    """The day a clock time belongs to: the nearest day in its sentence (the one before it
    first), else the last day named earlier in its paragraph."""
    sentence = _unit_of(c.start, sentences)
    paragraph = _unit_of(c.start, paragraphs)
    before: list[tuple[int, dt.date]] = []
    after: list[tuple[int, dt.date]] = []
    earlier_in_paragraph: Optional[dt.date] = None
    for other, mention in found:
        day = _as_day(mention)
        if day is None:
            continue
        if _unit_of(other.start, sentences) == sentence:
            (before if other.start < c.start else after).append((abs(c.start - other.start), day))
        elif other.start < c.start and _unit_of(other.start, paragraphs) == paragraph:
            earlier_in_paragraph = day
    if before:
        return min(before)[1]
    if after:
        return min(after)[1]
    return earlier_in_paragraph
