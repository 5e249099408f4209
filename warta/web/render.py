"""What the templates draw, computed in Python: an article's text cut into highlighted
segments, and SVG chart geometry. Everything here returns plain values; the templates
escape them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional
from urllib.parse import quote

from warta.model import Article


@dataclass
class Span:
    start: int
    end: int
    css: str
    note: str = ""
    href: Optional[str] = None


@dataclass
class Segment:
    text: str
    css: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    href: Optional[str] = None


def entity_href(name: str) -> str:
    return "/entities/" + quote(name, safe="")


def safe_url(url: Optional[str]) -> Optional[str]:
    """A link only for http(s) URLs: javascript:, data: and the like are dropped."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def spans(article: Article, target: str, loaded: Iterable[dict] = ()) -> list[Span]:
    """Every annotation of ``article`` in ``target`` ("text": the raw text, or "title"),
    and the ``loaded`` terms (services.loaded_terms) there."""
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


def segments(source: str, marks: Iterable[Span]) -> list[Segment]:
    """``source`` cut at every span boundary; each piece carries the classes, notes and
    (innermost entity) link of the spans covering it. Overlapping spans are fine."""
    marks = [m for m in marks if m.end <= len(source)]
    cuts = sorted({0, len(source), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m.start <= a and b <= m.end]
        seg = Segment(source[a:b])
        for m in covering:
            seg.css.extend(m.css.split())
            if m.note and m.note not in seg.notes:
                seg.notes.append(m.note)
            if m.href and seg.href is None:
                seg.href = m.href
        seg.css = sorted(set(seg.css))
        out.append(seg)
    return out


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
