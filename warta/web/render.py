"""What the templates draw, computed in Python: an article's text as highlighted HTML
(escaped here, piece by piece) and SVG chart geometry (plain values the templates escape)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional
from urllib.parse import quote

from markupsafe import Markup, escape

from warta.model import Article


@dataclass
class Span:
    start: int
    end: int
    css: str
    note: str = ""
    href: Optional[str] = None


@lru_cache(maxsize=8192)  # names repeat on every page (~20 quote() calls an article otherwise)
def entity_href(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def safe_url(url: Optional[str]) -> Optional[str]:
    """A link only for http(s) URLs: javascript:, data: and the like are dropped."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def spans(article: Article, target: str, loaded: Iterable[dict] = ()) -> list[Span]:
    """Every annotation of ``article`` in ``target`` ("text": the raw text, or "title"),
    and the ``loaded`` terms (warta.framing.article_terms) there."""
    out: list[Span] = []
    source = article.raw_text if target == "text" else (article.title or "")
    for a in article.boilerplate:
        if a.field == target:
            # Hidden residue takes its line break along, so it leaves no blank lines behind.
            end = a.end
            while end < len(source) and source[end] in "\r\n":
                end += 1
            out.append(Span(a.start, end, "residue", f"residue: {a.reason}"))
    for e in article.entities:
        if e.field == target:
            note = f"{e.label} · {e.canonical}" + (f" · {e.role}" if e.role else "")
            out.append(Span(e.start, e.end, f"ent ent-{e.label.lower()}", note, entity_href(e.canonical)))
    for q in article.quotes:
        if q.field == target:
            out.append(Span(q.start, q.end, f"quote quote-{q.kind}", f"{q.kind} quote · {q.speaker or '?'}"))
            if target == "text" and q.speaker_start is not None and q.speaker_end is not None:
                out.append(Span(q.speaker_start, q.speaker_end, "speaker", f"speaker · {q.speaker or '?'}"))
    for f in article.figures:
        if f.field == target:
            note = f"{f.qualifier} {f.value:g} {f.measure}" + (f" · {f.where}" if f.where else "") \
                + (f" · as of {f.as_of}" if f.as_of else "")
            out.append(Span(f.start, f.end, "fig", note))
    for d in article.dates:
        if d.field == target:
            out.append(Span(d.start, d.end, "date", f"{d.kind} · {d.value or '?'}"))
    for c in article.cited_sources:
        if c.field == target:
            out.append(Span(c.start, c.end, "cite", f"source · {c.name}"))
    for f in loaded:
        if f["field"] == target:
            voice = f"attributed to {f['speaker'] or '?'}" if f["attributed"] else "the outlet's own words"
            out.append(Span(f["start"], f["end"],
                            f"loaded loaded-{f['category'].replace('_', '-')}" + (" loaded-attributed" if f["attributed"] else ""),
                            f"loaded · {f['category'].replace('_', ' ')} · {voice}"))
    return [s for s in out if 0 <= s.start < s.end]


def highlighted(source: str, marks: Iterable[Span]) -> Markup:
    """``source`` as HTML, cut at every span boundary: each piece escaped, and in a
    ``<span>`` (an ``<a>`` to its entity) with the classes and notes (``title``) of the
    spans covering it when any does; the first of them in ``marks`` with a link gives it.
    Overlapping spans are fine.

    One sweep over the sorted boundaries keeps the spans open at each piece (a few at a
    time): O(spans log spans), where testing every span against every piece was
    O(pieces x spans); each set of open spans makes its tag once. Made here, not by a
    template macro looping over the pieces, which cost more than the rest of the page
    (issue 13). Every string is escaped by markupsafe, as the template's autoescape would;
    tests/test_web_render.py checks the HTML is the macro's over the naive cut."""
    marks = [m for m in marks if 0 <= m.start < m.end <= len(source)]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        starts.setdefault(m.start, []).append(i)
        ends.setdefault(m.end, []).append(i)
    cuts = sorted({0, len(source), *starts, *ends})
    open_: set[int] = set()
    tags: dict[tuple[int, ...], tuple[str, str]] = {}
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        if a in ends:
            open_.difference_update(ends[a])
        if a in starts:
            open_.update(starts[a])
        text = escape(source[a:b])
        if not open_:
            parts.append(text)
            continue
        key = tuple(sorted(open_))  # in the order of ``marks``: the first link wins
        tag = tags.get(key)
        if tag is None:
            css: set[str] = set()
            notes: list[str] = []
            href = None
            for i in key:
                m = marks[i]
                css.update(m.css.split())
                if m.note and m.note not in notes:
                    notes.append(m.note)
                if m.href and href is None:
                    href = m.href
            attrs = f'class="{escape(" ".join(sorted(css)))}" title="{escape(" | ".join(notes))}"'
            tag = tags[key] = (f'<a href="{escape(href)}" {attrs}>', "</a>") if href else (f"<span {attrs}>", "</span>")
        parts += (tag[0], text, tag[1])
    return Markup("".join(parts))


# -- charts ---------------------------------------------------------------------------
@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: float


def bar_chart(counts: dict[str, int], width: int = 640, height: int = 160) -> list[Bar]:
    """Vertical bars, one per key in order, scaled to the largest count."""
    if not counts:
        return []
    top = max(counts.values()) or 1
    step = min(width / len(counts), 48)  # one month alone is a bar, not a wall
    bars = []
    for i, (label, n) in enumerate(counts.items()):
        h = (height - 20) * n / top
        bars.append(Bar(round(i * step + 1, 1), round(height - 20 - h, 1), round(max(step - 2, 1), 1), round(h, 1),
                        label, n))
    return bars


def months_between(counts: dict[str, int]) -> dict[str, int]:
    """Month counts with the empty months in between filled with 0 (a gap shows as a gap)."""
    known = sorted(k for k in counts if len(k) == 7 and k[4] == "-")
    if not known:
        return dict(counts)
    year, month = map(int, known[0].split("-"))
    end = known[-1]
    out = {}
    while True:
        key = f"{year:04d}-{month:02d}"
        out[key] = counts.get(key, 0)
        if key >= end or len(out) > 600:
            break
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


@dataclass
class TimeChart:
    width: int
    height: int
    line: str                    # polyline points of the official series
    points: list[dict]           # claims: x, y, disagrees, title, href
    ticks: list[tuple[float, str]]
    y_ticks: list[tuple[float, str]]


def time_chart(series: list[tuple[str, float]], claims: list[dict], width: int = 760, height: int = 260) -> TimeChart:
    """The official cumulative series as a line and each claimed figure as a dot at its
    as-of date, on shared axes."""
    dates = [dt.date.fromisoformat(d) for d, _ in series] + [dt.date.fromisoformat(c["as_of"]) for c in claims]
    values = [v for _, v in series] + [c["value"] for c in claims]
    if not dates:
        return TimeChart(width, height, "", [], [], [])
    first, last = min(dates), max(dates)
    span = max((last - first).days, 1)
    top = max(values) * 1.05 or 1
    left, bottom = 56, height - 24

    def x(day: dt.date) -> float:
        return round(left + (width - left - 8) * (day - first).days / span, 1)

    def y(value: float) -> float:
        return round(bottom - (bottom - 8) * value / top, 1)

    line = " ".join(f"{x(dt.date.fromisoformat(d))},{y(v)}" for d, v in series)
    points = [{"x": x(dt.date.fromisoformat(c["as_of"])), "y": y(c["value"]), "disagrees": c["disagrees"],
               "title": f"{c['as_of']}: {c['value']:,.0f} ({c.get('article_outlet') or ''})"
                        + (f" · official {c['official']:,.0f}" if c.get("official") is not None else ""),
               "href": "/articles/" + quote(c["article_id"], safe="")} for c in claims]
    ticks = []
    for i in range(5):
        day = first + dt.timedelta(days=span * i // 4)
        ticks.append((x(day), day.isoformat()))
    y_ticks = [(y(top * i / 4), f"{top * i / 4:,.0f}") for i in range(5)]
    return TimeChart(width, height, line, points, ticks, y_ticks)
