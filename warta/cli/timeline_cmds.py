"""``warta timeline``: a figure's stored values in as-of order beside the official count,
contradictions flagged (thin wrapper over ``warta.corpus.timeline``)."""

from __future__ import annotations

import csv
import sys
from enum import Enum
from typing import Optional

import typer

from warta.cli.options import DbOption, command
from warta.cli.safe import Table, json_text, out
COLUMNS = ("as_of", "value", "qualifier", "group", "source", "outlet", "official", "official_source", "flags",
           "article_id", "title", "text")


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


@command("timeline")
def timeline_command(
    measure: str = typer.Option("killed", "--measure", help="killed, injured, hostages, displaced, ..."),
    where: Optional[str] = typer.Option(None, "--where", help="Only figures for this place (e.g. Gaza: also shows the official daily count)."),
    group: Optional[str] = typer.Option(None, "--group", help="Only this group (children, women, ...)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl or csv."),
    db: Optional[str] = DbOption,
) -> None:
    """Every stored figure of a measure in as-of order with value, qualifier, source,
    outlet and article, beside the official count of its date; flags: conflict (another
    running count of that date differs), decrease (a running count below an earlier one),
    far_from_official."""
    from warta.corpus.timeline import timeline
    from warta.cli.db import store_for

    with store_for(db) as store:
        rows = timeline(store, measure, where, group)
    if fmt is Format.jsonl:
        for r in rows:
            print(json_text(r))
        return
    if fmt is Format.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=list(COLUMNS), extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({**r, "flags": " ".join(r["flags"])})
        return
    table = Table()
    for col in ("as_of", "value", "qual", "group", "source", "outlet", "official", "flags", "text"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["as_of"] or "-", f"{r['value']:g}", r["qualifier"], r["group"] or "", r["source"] or "",
                      r["outlet"] or "", "" if r["official"] is None else f"{r['official']:g}",
                      " ".join(r["flags"]), r["text"])
    out.print(table)
