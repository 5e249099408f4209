"""The working view the annotating stages share: a string, its offset map, its annotations.

Cleaning deletes residue and inserts separators ("pantai.Menanggapi" -> "pantai. Menanggapi"),
so the analysed string differs from the raw input. Stages work in the analysed string's own
coordinates ("local" offsets) and never map offsets themselves; ``pipeline`` maps every
annotation back to the source once, through ``OffsetMap``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field as dc_field
from typing import Any, Optional

from warta.model import CitedSource, DateMention, Entity, Figure, Framing, Quote


class OffsetMap:
    """Maps offsets in an analysed string back to offsets in its source string.

    Stored as runs of copied characters, (local_start, source_start, length), so a 50 MB
    input costs a few runs, not an int per character. Characters inserted by cleaning have
    no source character: a span that starts on one maps to the next copied character, a
    span that ends on one maps to just after the previous copied character.
    """

    __slots__ = ("_local_starts", "_source_starts", "_lengths", "length")

    def __init__(self) -> None:
        self._local_starts: list[int] = []
        self._source_starts: list[int] = []
        self._lengths: list[int] = []
        self.length = 0  # length of the analysed string

    @classmethod
    def identity(cls, length: int, shift: int = 0) -> "OffsetMap":
        m = cls()
        m.add_copy(shift, length)
        return m

    def add_copy(self, source_start: int, length: int) -> None:
        if length <= 0:
            return
        if self._lengths:
            last = len(self._lengths) - 1
            if (self._source_starts[last] + self._lengths[last] == source_start
                    and self._local_starts[last] + self._lengths[last] == self.length):
                self._lengths[last] += length
                self.length += length
                return
        self._local_starts.append(self.length)
        self._source_starts.append(source_start)
        self._lengths.append(length)
        self.length += length

    def add_insert(self, length: int) -> None:
        self.length += length

    def _run_at_or_after(self, pos: int) -> Optional[int]:
        i = bisect.bisect_right(self._local_starts, pos) - 1
        if i >= 0 and pos < self._local_starts[i] + self._lengths[i]:
            return self._source_starts[i] + pos - self._local_starts[i]
        j = i + 1  # pos is an inserted character: take the next copied one
        if j < len(self._local_starts):
            return self._source_starts[j]
        return None

    def _run_at_or_before(self, pos: int) -> Optional[int]:
        i = bisect.bisect_right(self._local_starts, pos) - 1
        if i < 0:
            return None
        if pos < self._local_starts[i] + self._lengths[i]:
            return self._source_starts[i] + pos - self._local_starts[i]
        return self._source_starts[i] + self._lengths[i] - 1

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering local [start, end)."""
        if end <= start:
            s = self._run_at_or_after(start)
            s = s if s is not None else self.source_end()
            return s, s
        s = self._run_at_or_after(start)
        e = self._run_at_or_before(end - 1)
        if s is None or e is None or e < s:
            # Span of inserted characters only: collapse to an empty span.
            p = s if s is not None else self.source_end()
            return p, p
        return s, e + 1

    def slice(self, start: int, end: int) -> "OffsetMap":
        """The map of the analysed substring [start, end)."""
        out = OffsetMap()
        pos = start
        i = max(bisect.bisect_right(self._local_starts, start) - 1, 0)
        while pos < end:
            if i < len(self._local_starts) and self._local_starts[i] <= pos < self._local_starts[i] + self._lengths[i]:
                run_end = min(end, self._local_starts[i] + self._lengths[i])
                out.add_copy(self._source_starts[i] + pos - self._local_starts[i], run_end - pos)
                pos = run_end
                i += 1
            else:
                nxt = self._local_starts[i] if i < len(self._local_starts) else end
                if nxt <= pos:
                    i += 1
                    continue
                out.add_insert(min(nxt, end) - pos)
                pos = min(nxt, end)
        return out

    def source_end(self) -> int:
        if not self._lengths:
            return 0
        return self._source_starts[-1] + self._lengths[-1]


def build_clean_text(source: str, removals: list[tuple[int, int]],
                     insertions: dict[int, str]) -> tuple[str, OffsetMap]:
    """Copy ``source`` minus ``removals`` (source spans), adding ``insertions`` (source
    position -> text inserted before that position). Returns the text and its map."""
    removals = sorted(removals)
    merged: list[list[int]] = []
    for s, e in removals:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    parts: list[str] = []
    omap = OffsetMap()
    points = sorted(insertions)
    pi = 0
    pos = 0

    def copy_until(limit: int) -> None:
        nonlocal pos, pi
        while pi < len(points) and points[pi] < limit:
            p = points[pi]
            pi += 1
            if p < pos:
                continue
            parts.append(source[pos:p])
            omap.add_copy(pos, p - pos)
            parts.append(insertions[p])
            omap.add_insert(len(insertions[p]))
            pos = p
        parts.append(source[pos:limit])
        omap.add_copy(pos, limit - pos)
        pos = limit

    for s, e in merged:
        copy_until(s)
        pos = e
        while pi < len(points) and points[pi] < e:
            pi += 1
    copy_until(len(source))
    return "".join(parts), omap


# Sentence ends for text the NLP stage has not split: . ! ? … with any closing quotes or
# brackets, before a space and a capital, digit or opening quote; punctuation glued to the
# next sentence ("rumah.Lalu"); a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|(?<=[a-z][.!?])(?=[A-Z])|\n")


def regex_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence, by ``_SENTENCE_END``: the fallback when no
    spaCy pipeline ran (claims stages used on their own). The NLP stage's segmenter
    (``warta.nlp.sentences``) knows abbreviations and quotes; this does not."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        _add_stripped(text, start, m.end(), spans)
        start = m.end()
    _add_stripped(text, start, len(text), spans)
    return spans


def _add_stripped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + len(piece.rstrip())))


# Where a long text may be cut into pieces, best first: a paragraph break, a line break,
# a sentence end, a space. The cut falls after the separator.
_CUTS = (re.compile(r"\n[ \t\r]*\n"), re.compile(r"\n"), re.compile(r"[.!?…][\"'”’)]*\s"), re.compile(r"\s"))


def piece_bounds(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Contiguous (start, end) pieces covering ``text``, each at most ``max_chars`` long,
    cut at the best separator in the second half of each window (else exactly at
    ``max_chars``). Linear: each window is searched a bounded number of times."""
    bounds, start = [], 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        cut = limit
        for sep in _CUTS:
            last = None
            for m in sep.finditer(text, start + max_chars // 2, limit):
                last = m
            if last is not None:
                cut = last.end()
                break
        bounds.append((start, cut))
        start = cut
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    return bounds


@dataclass
class Document:
    """One analysed string of an article (its clean body, or its title) and what the
    stages found in it, all in local offsets."""

    text: str
    offsets: OffsetMap
    field: str = "text"  # which source the offsets map into: "text" (raw input) or "title"
    is_title: bool = False
    is_body: bool = True  # a piece of the body (the article's text), not its separate title
    published: Optional[dt.date] = None
    cited_sources: list[CitedSource] = dc_field(default_factory=list)
    # filled by the NLP stage
    spacy_doc: Any = None
    sentences: list[tuple[int, int]] = dc_field(default_factory=list)
    entities: list[Entity] = dc_field(default_factory=list)
    # filled by the claims stages
    dates: list[DateMention] = dc_field(default_factory=list)
    figures: list[Figure] = dc_field(default_factory=list)
    quotes: list[Quote] = dc_field(default_factory=list)
    framing: list[Framing] = dc_field(default_factory=list)

    def sentence_spans(self) -> list[tuple[int, int]]:
        """The NLP stage's sentences, else ``regex_sentences``."""
        return self.sentences or regex_sentences(self.text)
