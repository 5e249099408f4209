"""Official counts to check extracted figures against.

A ``ReferenceSource`` answers one question: what did the official tally say for this
place, on this date, for this measure and group? warta ships one implementation, for the
daily casualty series compiled by Tech For Palestine (Gaza Ministry of Health / Government
Media Office reports, and the Lebanon series in the same layout); users can bring others
(UN OCHA, a ministry's own CSV) by implementing the protocol.

``check_figures`` puts each killed/injured figure that has a place and an as-of date next
to the official count for that date, and says which report (within a few days before the
as-of date: news usually quotes yesterday's tally) has exactly the figure's number.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from importlib import resources
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Protocol, runtime_checkable

from warta.model import Figure

# Groups that mean "everybody counted" in a casualty tally.
TOTAL_GROUPS = {None, "people", "Palestinians", "civilians", "Palestinian civilians"}

# Shipped inside the package (package data; source, commit and date in SOURCE.txt beside it),
# so an installed wheel finds it, not only a checkout with ../shared beside it.
DEFAULT_GAZA_PATH = Path(str(resources.files("warta.corpus").joinpath("data", "reference",
                                                                       "gaza_casualties_daily.json")))


@dataclass(frozen=True)
class Official:
    """One official count: the number, the report it comes from, and whose report it is."""

    value: float
    report_date: dt.date
    source: str
    field: str
    extrapolated: bool = False  # filled in by the dataset's compilers, not reported that day


@runtime_checkable
class ReferenceSource(Protocol):
    """Official counts for one place."""

    name: str
    where: str  # canonical place the counts hold for, e.g. "Gaza"

    def count(self, date: dt.date, measure: str, group: Optional[str] = None) -> Optional[Official]:
        """The official cumulative count reported for ``date``, or None when there is none."""
        ...


# (measure, group) -> field of the Tech For Palestine daily series.
_TFP_FIELDS = {
    ("killed", "people"): "killed_cum",
    ("killed", "children"): "killed_children_cum",
    ("killed", "women"): "killed_women_cum",
    ("killed", "medical workers"): "med_killed_cum",
    ("killed", "journalists"): "press_killed_cum",
    ("killed", "civil defence"): "civdef_killed_cum",
    ("injured", "people"): "injured_cum",
}
_TFP_SOURCES = {
    "mohtel": "Gaza Ministry of Health",
    "gmotel": "Gaza Government Media Office",
    "unocha": "UN OCHA",
    "ocha": "UN OCHA",
    "missing": "no report (extrapolated)",
}


class DailyCasualtiesJSON:
    """A Tech For Palestine style daily series: a JSON array of reports with
    ``report_date``, ``report_source`` and cumulative fields (``killed_cum``, ...); fields
    prefixed ``ext_`` are the compilers' gap-filled values, used when a day has no report."""

    def __init__(self, path: Path | str, where: str, name: Optional[str] = None) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"reference data not found: {self.path}")
        try:
            reports = json.loads(self.path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{self.path} is not valid JSON: {exc}") from exc
        if not isinstance(reports, list):
            raise ValueError(f"{self.path}: expected a JSON array of daily reports")
        self.where = where
        self.name = name or f"{where} daily casualties ({self.path.name})"
        self._by_date: dict[dt.date, dict] = {}
        for report in reports:
            try:
                self._by_date[dt.date.fromisoformat(report["report_date"])] = report
            except (KeyError, TypeError, ValueError):
                continue  # a malformed row: skip it, keep the rest

    @property
    def first_date(self) -> Optional[dt.date]:
        return min(self._by_date) if self._by_date else None

    @property
    def last_date(self) -> Optional[dt.date]:
        return max(self._by_date) if self._by_date else None

    def count(self, date: dt.date, measure: str, group: Optional[str] = None) -> Optional[Official]:
        field = _TFP_FIELDS.get((measure, "people" if group in TOTAL_GROUPS else group))
        report = self._by_date.get(date)
        if field is None or report is None:
            return None
        source = _TFP_SOURCES.get(report.get("report_source"), str(report.get("report_source")))
        if report.get(field) is not None:
            return Official(float(report[field]), date, source, field)
        if report.get("ext_" + field) is not None:
            return Official(float(report["ext_" + field]), date, source, "ext_" + field, extrapolated=True)
        return None


def gaza_casualties(path: Path | str | None = None) -> DailyCasualtiesJSON:
    """The Gaza daily series; path from the argument, $WARTA_GAZA_CASUALTIES, or the copy
    shipped in the package (``DEFAULT_GAZA_PATH``)."""
    path = path or os.environ.get("WARTA_GAZA_CASUALTIES") or DEFAULT_GAZA_PATH
    return DailyCasualtiesJSON(Path(path).resolve(), where="Gaza", name="Gaza MoH/GMO daily (Tech For Palestine)")


@dataclass
class CheckRow:
    """A figure next to the official count of its as-of date."""

    figure: Figure
    as_of: dt.date
    official: Optional[Official]
    difference: Optional[float]  # figure value minus official count
    matching_report: Optional[Official]  # a report a few days before with exactly this number
    article_id: Optional[str] = None


def checkable(figure: Figure, source: ReferenceSource) -> bool:
    """Only a cumulative toll can be set beside a cumulative official count: one attack's
    dead ("Serangan Israel Tewaskan 20 Orang di Gaza") differ from it by tens of thousands
    and mean nothing (``Figure.scope``)."""
    return (figure.measure in ("killed", "injured") and figure.as_of is not None
            and figure.scope == "cumulative"
            and figure.where == source.where and figure.rate is None
            and figure.qualifier != "vague")


def check_figure(figure: Figure, source: ReferenceSource, lag_days: int = 3,
                 article_id: Optional[str] = None) -> Optional[CheckRow]:
    """Compare one figure with ``source``; None when the figure is not a tally the source
    covers (other place or measure, no as-of date)."""
    if not checkable(figure, source):
        return None
    try:
        as_of = dt.date.fromisoformat(figure.as_of[:10])
    except ValueError:
        return None
    official = source.count(as_of, figure.measure, figure.group)
    difference = figure.value - official.value if official else None
    matching = None
    for back in range(lag_days + 1):
        candidate = source.count(as_of - dt.timedelta(days=back), figure.measure, figure.group)
        if candidate and candidate.value == figure.value:
            matching = candidate
            break
    return CheckRow(figure, as_of, official, difference, matching, article_id)


def check_figures(items: Iterable[tuple[Optional[str], Figure]], sources: list[ReferenceSource],
                  lag_days: int = 3) -> list[CheckRow]:
    """Check (article id, figure) pairs against every source that covers their place."""
    rows = []
    for article_id, figure in items:
        for source in sources:
            row = check_figure(figure, source, lag_days, article_id)
            if row is not None:
                rows.append(row)
    return rows
