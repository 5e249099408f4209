"""Clean stage: remove scrape residue, repair glued sentences, keep an offset map."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from warta.clean.repair import glue_points, word_glue_points
from warta.clean.residue import find_residue
from warta.document import OffsetMap, build_clean_text
from warta.model import Boilerplate

# Terminal escape sequences (ECMA-48) and other control characters, in text pasted from a
# terminal or a log: removed from the clean text (kept as residue) so no entity, quote or
# figure span holds "[31m". Hand-written because no kept library removes them with offsets.
# A CSI ("ESC [", or the 8-bit CSI 0x9B with parameters), an OSC/DCS/SOS/PM/APC string up to
# its terminator (BEL or "ESC \\"; the hyperlink target of OSC 8 is not text), a two-byte
# escape, then any other C0 control but tab, line breaks and form feed, and DEL. Lone C1
# characters (0x80-0x9F) stay: in news they are mojibake (UTF-8 read as Latin-1, "Ã\x8d"),
# 22 of detik-1000's articles, not terminal codes. Bounded repeats keep it linear.
_CONTROL = re.compile(
    r"\x1b\[[0-?]{0,64}[ -/]{0,8}[@-~]?"
    r"|\x9b[0-?]{1,64}[ -/]{0,8}[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)"
    r"|\x1b[ -/]{0,8}[0-~]?"
    r"|[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]+")

# The characters a _CONTROL match begins with: a search for one (a character set, which
# the regex engine scans for quickly) tells most texts have none, where _CONTROL itself,
# an alternation ending in a set, is tried at every position.
_CONTROL_START = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\x9b]")

# Three or more line breaks (with spaces between) left behind by removed lines: keep two.
_BLANK_RUN = re.compile(r"\n[ \t\r]*(?:\n[ \t\r]*){2,}")


@dataclass
class Cleaned:
    text: str
    offsets: OffsetMap  # clean offsets -> raw offsets
    boilerplate: list[Boilerplate] = field(default_factory=list)  # raw offsets


def clean(raw_text: str, *, from_html: bool = False) -> Cleaned:
    """Remove residue lines (kept as ``Boilerplate`` with raw offsets and a reason) and
    repair glued sentences. ``from_html``: the text was extracted by trafilatura, so only
    the safe whole-line lexicon rules apply (no layout heuristics, no repair)."""
    residue = find_residue(raw_text, safe_only=from_html)
    boilerplate = [Boilerplate(text=raw_text[r.start:r.end], start=r.start, end=r.end, reason=r.reason)
                   for r in residue]
    removals = [_whole_line(raw_text, r.start, r.end) for r in residue]
    controls = [m.span() for m in _CONTROL.finditer(raw_text)] if _CONTROL_START.search(raw_text) else []
    lines = sorted(removals)
    boilerplate += [Boilerplate(text=raw_text[s:e], start=s, end=e, reason="control-characters")
                    for s, e in controls if not _inside(lines, s, e)]
    boilerplate.sort(key=lambda b: b.start)
    removals += controls
    kept = _without(raw_text, removals)
    removals += _tidy_whitespace(kept, raw_text)
    insertions = {} if from_html else {**word_glue_points(raw_text), **glue_points(raw_text)}
    text, offsets = build_clean_text(raw_text, removals, insertions)
    return Cleaned(text=text, offsets=offsets, boilerplate=boilerplate)


def _whole_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a residue span to its whole line, line break included."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, (len(text) if line_end < 0 else line_end + 1)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies in one of the sorted, non-overlapping ``spans``."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _without(text: str, removals: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The kept pieces of ``text`` as (raw offset, piece)."""
    pieces, pos = [], 0
    for s, e in sorted(removals):
        if s > pos:
            pieces.append((pos, text[pos:s]))
        pos = max(pos, e)
    if pos < len(text):
        pieces.append((pos, text[pos:]))
    return pieces


def _tidy_whitespace(pieces: list[tuple[int, str]], raw_text: str) -> list[tuple[int, int]]:
    """Raw spans of surplus blank lines and of leading/trailing whitespace, to remove too.
    Works on the kept text so blank lines around a removed line collapse."""
    joined = "".join(p for _, p in pieces)
    # map joined offsets back to raw offsets
    starts = [(len_before, raw_start, len(p)) for (raw_start, p), len_before
              in zip(pieces, _cumulative(len(p) for _, p in pieces))]

    piece_starts = [j0 for j0, _, _ in starts]

    def raw_spans(s: int, e: int) -> list[tuple[int, int]]:
        out = []
        # Only the pieces overlapping [s, e) (bisect: a page may have thousands of pieces).
        for j0, r0, n in starts[max(0, bisect_right(piece_starts, s) - 1):]:
            if j0 >= e:
                break
            a, b = max(s, j0), min(e, j0 + n)
            if a < b:
                out.append((r0 + a - j0, r0 + b - j0))
        return out

    spans: list[tuple[int, int]] = []
    for m in _BLANK_RUN.finditer(joined):
        # keep "\n\n": drop everything between the first and the last line break
        last_nl = m.group(0).rfind("\n")
        if m.group(0)[last_nl - 1] == "\r":  # keep a CRLF whole
            last_nl -= 1
        spans += raw_spans(m.start() + 1, m.start() + last_nl)
    lead = len(joined) - len(joined.lstrip())
    if lead:
        spans += raw_spans(0, lead)
    trail = len(joined) - len(joined.rstrip())
    if trail:
        spans += raw_spans(len(joined) - trail, len(joined))
    return spans


def _cumulative(lengths) -> list[int]:
    out, total = [], 0
    for n in lengths:
        out.append(total)
        total += n
    return out
