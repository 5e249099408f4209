"""Direct-quote spans from quote marks.

Handles “…”, "…", ”…” (Kompas writes ” at both ends), ‘…’ and '…' (with apostrophes in
"Ma'ruf" or "Israel's" left alone), quotes left open at a paragraph end and re-opened at
the next paragraph's start (one quote over several paragraphs), and quotes nested in
another quote (kept inside the outer one, not reported separately). Hand-written: no
library pairs quote marks with these newsroom conventions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass

OPEN_ONLY = "“„«"       # never close a quote
CLOSE_ONLY = "»"         # never opens one
SYMMETRIC = "\"”"        # either end ("…" and Kompas' ”…”)
SINGLE_OPEN = "‘"
SINGLE_SYMMETRIC = "'’"
DOUBLE = OPEN_ONLY + CLOSE_ONLY + SYMMETRIC
SINGLE = SINGLE_OPEN + SINGLE_SYMMETRIC
_DOUBLE_MARK = re.compile(f"[{re.escape(DOUBLE)}]")  # finds them in C, not a character at a time
_SINGLE_MARK = re.compile(f"[{re.escape(SINGLE)}]")

# A single-quoted span longer than this is more likely two apostrophes than a quote.
MAX_SINGLE_QUOTE = 250


@dataclass
class QuoteSpan:
    start: int          # offset of the opening mark
    end: int            # offset just after the closing mark (or the paragraph end)
    content_start: int  # the quoted words, without the marks
    content_end: int
    closed: bool = True
    single: bool = False


def _left_flanking(text: str, i: int) -> bool:
    """Looks like an opening mark: space (or start, bracket, dash) before, a word after."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _right_flanking(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and the comma Indonesian style puts before the closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _first_char(text: str, s: int, e: int) -> int:
    while s < e and text[s].isspace():
        s += 1
    return s


def find_double(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    paras = _paragraphs(text)
    carried: int | None = None   # opening mark of a quote left open at the last paragraph end
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        marks = [m.start() for m in _DOUBLE_MARK.finditer(text, ps, pe)]
        if carried is not None:
            first = _first_char(text, ps, pe)
            if marks and marks[0] == first and text[first] not in CLOSE_ONLY:
                open_at = carried          # re-opened continuation: one quote goes on
                marks = marks[1:]
            carried = None
        for i in marks:
            ch = text[i]
            if open_at is None:
                if ch in CLOSE_ONLY or (ch in SYMMETRIC and _right_flanking(text, i)
                                        and not _left_flanking(text, i)
                                        and i != _first_char(text, ps, pe)):
                    continue  # stray closing mark
                open_at = i
            elif ch in OPEN_ONLY and _left_flanking(text, i):
                # A new quote opens while one is open: the earlier one was never closed.
                cs, ce = _content(text, open_at + 1, i)
                spans.append(QuoteSpan(open_at, i, cs, ce, closed=False))
                open_at = i
            else:
                cs, ce = _content(text, open_at + 1, i)
                if ce > cs:
                    spans.append(QuoteSpan(open_at, i + 1, cs, ce))
                open_at = None
        if open_at is not None:
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt is not None:
                f = _first_char(text, *nxt)
                if f < nxt[1] and text[f] in DOUBLE and text[f] not in CLOSE_ONLY:
                    carried = open_at
                    continue
            cs, ce = _content(text, open_at + 1, pe)
            if ce > cs:
                spans.append(QuoteSpan(open_at, pe, cs, ce, closed=False))
    return spans


def find_single(text: str, inside: list[QuoteSpan]) -> list[QuoteSpan]:
    """'…' and ‘…’ quotes outside double quotes; a mark with letters on both sides is an
    apostrophe."""
    # Is i inside a double quote? The furthest end among spans starting at or before i
    # (bisect: a scan of every span for every mark was quadratic).
    ordered = sorted(inside, key=lambda q: q.start)
    starts = [q.start for q in ordered]
    reach = list(accumulate((q.end for q in ordered), max))

    def covered(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < reach[k]

    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for m in _SINGLE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # apostrophe
        if covered(i):
            continue
        if open_at is not None and (i - open_at > MAX_SINGLE_QUOTE or "\n" in text[open_at:i]):
            open_at = None
        if open_at is None:
            if ch == SINGLE_OPEN or _left_flanking(text, i):
                open_at = i
        elif ch != SINGLE_OPEN and _right_flanking(text, i):
            cs, ce = _content(text, open_at + 1, i)
            if ce > cs:
                spans.append(QuoteSpan(open_at, i + 1, cs, ce, single=True))
            open_at = None
    return spans


def find_quotes(text: str) -> list[QuoteSpan]:
    doubles = find_double(text)
    return sorted(doubles + find_single(text, doubles), key=lambda q: q.start)
