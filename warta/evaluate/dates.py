"""Score the dates stage against gold: the seed articles (through the whole pipeline) and
IndoTimex (Kompas news in TimeML, run through ``warta.claims.dates.annotate`` with the
document creation time as publication date)."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from warta.claims import dates as dates_stage
from warta.document import Document, OffsetMap
from warta.evaluate.scoring import PRF, Accuracy, seed_articles
from warta.model import DateMention

# Kinds the seed gold annotates: points on the calendar (durations and clock times are not in it).
SEED_KINDS = ("date", "month", "year")


# ---------------------------------------------------------------- seed gold ---------

@dataclass
class SeedReport:
    total: PRF = field(default_factory=PRF)
    errors: list[str] = field(default_factory=list)  # "file: missed/extra (text, value)"


def seed_pairs(mentions: list[DateMention]) -> set[tuple[str, str]]:
    """What the seed gold can judge: resolved calendar mentions as (text, value)."""
    return {(m.text, m.value) for m in mentions if m.kind in SEED_KINDS and m.value}


def score_seeds(gold_dir: Path, seeds_dir: Optional[Path] = None,
                give_published: bool = True) -> SeedReport:
    """(text, value) P/R/F1 over the seed articles, run through the whole pipeline.

    With ``give_published`` the gold publication date is passed as input metadata, so the
    score is about finding and resolving dates, not about detecting the publication date
    (the meta stage's own evaluation)."""
    report = SeedReport()
    for gold, article in seed_articles(gold_dir, seeds_dir, give_published=give_published):
        name = Path(article.source).stem
        required = {(d["text"], d["value"]) for d in gold.get("dates", []) if not d.get("optional")}
        optional = {(d["text"], d["value"]) for d in gold.get("dates", []) if d.get("optional")}
        predicted = seed_pairs(article.dates) - optional
        report.total.count(predicted, required)
        report.errors += [f"{name}: missed {p}" for p in sorted(required - predicted)]
        report.errors += [f"{name}: extra {p}" for p in sorted(predicted - required)]
    return report


# ---------------------------------------------------------------- IndoTimex ---------

@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: Optional[str]  # mapped to the contract's conventions
    text: str


@dataclass
class TimeMLDoc:
    name: str
    dct: dt.date
    text: str
    timexes: list[Timex]
    skipped: list[tuple[str, str, str]]  # (type, value, text) the contract cannot express


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_PART_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)$")
# Values the contract has no form for: references to now/then, seasons, weeks, quarters,
# halves, and dates with unspecified digits ("XXXX-WXX-1": any Monday).
_SKIPPED_VALUE = re.compile(r"^(PRESENT_REF|PAST_REF|FUTURE_REF)$|^\d{4}-(SP|SU|FA|WI|Q\d|H\d)$|-W\d\d|X")


def _decode(data: bytes) -> str:
    # Some files carry cp1252 quotes and dashes among UTF-8.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def map_timeml_value(ttype: str, value: str) -> tuple[bool, Optional[str]]:
    """(expressible, value in our conventions) for a TimeML TIMEX3 type and value.

    Unspecified durations (PXY, PXM, ...) are our null duration; a part of day
    ("2014-12-28TMO") is its date (the contract has no parts of day); references to
    present/past/future, seasons, weeks and sets have no value in the contract."""
    if ttype == "DURATION" and "X" in value:
        return True, None
    if ttype == "SET" or _SKIPPED_VALUE.search(value):
        return False, None
    pod = _PART_OF_DAY.match(value)
    if pod:
        return True, pod.group(1)
    return True, value


def load_timeml(path: Path) -> TimeMLDoc:
    raw = _decode(path.read_bytes())
    dct_match = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4})-(\d{1,2})-(\d{1,2})', raw)
    if not dct_match:
        raise ValueError(f"{path}: no document creation time (DCT)")
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not body:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    length = 0
    open_timex: Optional[tuple[int, dict[str, str]]] = None
    timexes: list[Timex] = []
    skipped: list[tuple[str, str, str]] = []
    pos = 0
    source = body.group(1)
    for m in _TAG.finditer(source):
        chunk = html.unescape(source[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            open_timex = None
            text = "".join(parts)[start:length]
            ok, value = map_timeml_value(attrs.get("type", ""), attrs.get("value", ""))
            if ok:
                timexes.append(Timex(start, length, attrs.get("type", ""), value, text))
            else:
                skipped.append((attrs.get("type", ""), attrs.get("value", ""), text))
                timexes.append(Timex(start, length, "SKIP", None, text))
    parts.append(html.unescape(source[pos:]))
    dct = dt.date(*(int(g) for g in dct_match.groups()))  # some write "2013-12-4"
    return TimeMLDoc(path.stem, dct, "".join(parts),
                     timexes, skipped)


@dataclass
class TimexReport:
    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    values: Accuracy = field(default_factory=Accuracy)  # over overlapping pairs
    skipped: dict[str, int] = field(default_factory=dict)  # gold values not expressible
    documents: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def value_accuracy(self) -> float:
        return self.values.value


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_indotimex(gold_dir: Path) -> TimexReport:
    """Extent P/R/F1 (exact and overlapping spans) and value accuracy over overlapping
    pairs. Gold timexes whose value the contract cannot express are left out, and so are
    predictions overlapping them (neither rewarded nor penalised)."""
    files = sorted(gold_dir.glob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no *.tml files in {gold_dir}")
    report = TimexReport()
    for path in files:
        tml = load_timeml(path)
        report.documents += 1
        doc = Document(text=tml.text, offsets=OffsetMap.identity(len(tml.text)), published=tml.dct)
        dates_stage.annotate(doc)
        for ttype, value, _ in tml.skipped:
            key = "SET" if ttype == "SET" else value if value.endswith("_REF") else "season/week/quarter/unspecified"
            report.skipped[key] = report.skipped.get(key, 0) + 1
        skip_spans = [(t.start, t.end) for t in tml.timexes if t.type == "SKIP"]
        gold = [t for t in tml.timexes if t.type != "SKIP"]
        predicted = [m for m in doc.dates
                     if not any(_overlap((m.start, m.end), s) for s in skip_spans)]
        gold_exact = {(t.start, t.end) for t in gold}
        pred_exact = {(m.start, m.end) for m in predicted}
        report.exact.count(pred_exact, gold_exact)
        used: set[int] = set()
        for t in gold:
            best, best_overlap = None, 0
            for i, m in enumerate(predicted):
                ov = _overlap((t.start, t.end), (m.start, m.end))
                if i not in used and ov > best_overlap:
                    best, best_overlap = i, ov
            if best is None:
                report.overlap.fn += 1
                report.errors.append(f"{tml.name}: missed {t.text!r} {t.type} {t.value}")
                continue
            used.add(best)
            report.overlap.tp += 1
            m = predicted[best]
            report.values.add(m.value == t.value)
            if m.value != t.value:
                report.errors.append(f"{tml.name}: value {m.text!r}={m.value} gold {t.text!r}={t.value}")
        for i, m in enumerate(predicted):
            if i not in used:
                report.overlap.fp += 1
                report.errors.append(f"{tml.name}: extra {m.text!r} {m.kind} {m.value}")
    return report
