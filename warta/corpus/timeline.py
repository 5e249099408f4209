"""Figure timelines: every stored figure of one measure (and place, group) in as-of order,
beside the official count of its date, with contradictions flagged.

Flags (each row may carry several):
- ``conflict``: another running count of the same measure and group for the same as-of
  date differs by more than ``tolerance`` (two sources, or two outlets, disagree);
- ``decrease``: a running count lower, beyond ``tolerance``, than the highest running
  count of an earlier date (a cumulative count does not go down);
- ``far_from_official``: more than ``far`` (relative) from the official count of its
  date (``warta.corpus.checks``: the Gaza daily series).
Only running counts are compared (``scope == "cumulative"``, or 1,000 people and more):
the dead of one strike and the war's toll are different quantities.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from warta.corpus.checks import TOTAL_GROUPS, gaza_casualties

# Relative difference two running counts of one date may have before they conflict: tallies
# quoted a day apart differ by ~1-2% in the Gaza series.
TOLERANCE = 0.05
# Relative distance from the official count beyond which a figure is flagged.
FAR = 0.25
RUNNING_MIN = 1000


def _running(row: dict) -> bool:
    return row.get("scope") == "cumulative" or (row.get("value") or 0) >= RUNNING_MIN


def _group(row: dict) -> str:
    return "people" if row.get("group") in TOTAL_GROUPS else row["group"]


def timeline(store, measure: str = "killed", where: Optional[str] = None, group: Optional[str] = None,
             tolerance: float = TOLERANCE, far: float = FAR, reference=None) -> list[dict]:
    """Rows in as-of order (a figure without an as-of date takes its article's date):
    as_of, value, qualifier, group, scope, source, where, outlet, article_id, title,
    published (the article's), field, start, text, official, official_source, flags.

    This is warta's one contradiction rule: `warta timeline`, `warta figures --check`, the
    API (/api/timeline, /api/figures/check) and the /figures page all mark what it flags."""
    rows = []
    for r in store.figures(measure, where):
        if group and (r.get("group") or "people").lower() != group.lower():
            continue
        as_of = (r.get("as_of") or r.get("article_published") or "")[:10] or None
        rows.append({"as_of": as_of, "value": r["value"], "qualifier": r["qualifier"], "group": r.get("group"),
                     "scope": r.get("scope"), "source": r.get("source"), "where": r.get("where"),
                     "outlet": r.get("article_outlet"), "article_id": r["article_id"],
                     "title": r.get("article_title"), "published": r.get("article_published"),
                     "field": r.get("field") or "text", "start": r.get("start"), "text": r["text"], "official": None,
                     "official_source": None, "flags": []})
    rows.sort(key=lambda r: (r["as_of"] or "9999", r["value"]))
    if reference is None and (where or "").lower() == "gaza":
        try:
            reference = gaza_casualties()
        except (FileNotFoundError, ValueError):
            reference = None
    _flag(rows, measure, tolerance, far, reference)
    return rows


def _flag(rows: list[dict], measure: str, tolerance: float, far: float, reference) -> None:
    import datetime as dt

    running = [r for r in rows if _running(r) and r["as_of"] and r["qualifier"] != "vague"]
    by_day: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in running:
        by_day[(_group(r), r["as_of"])].append(r)
    for day_rows in by_day.values():
        for r in day_rows:
            if any(abs(r["value"] - o["value"]) > tolerance * max(r["value"], o["value"]) for o in day_rows):
                r["flags"].append("conflict")
    highest: dict[str, float] = {}
    for (grp, day) in sorted(by_day, key=lambda k: k[1]):
        day_rows = by_day[(grp, day)]
        before = highest.get(grp)
        for r in day_rows:
            if before is not None and r["value"] < (1 - tolerance) * before:
                r["flags"].append("decrease")
        highest[grp] = max([before or 0] + [r["value"] for r in day_rows])
    if reference is None:
        return
    for r in running:
        official = reference.count(dt.date.fromisoformat(r["as_of"]), measure, r["group"])
        if official is None:
            continue
        r["official"], r["official_source"] = official.value, official.source
        if abs(r["value"] - official.value) > far * official.value:
            r["flags"].append("far_from_official")
