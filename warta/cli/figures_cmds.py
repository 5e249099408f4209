"""``warta figures``: list the numeric claims about people, from the store or straight from
input files, and with ``--check`` put each Gaza killed/injured tally next to the official
count of its as-of date."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List, Optional

import typer

from warta.cli.options import DbOption, command
from warta.cli.safe import Table, fail, out, safe, say
from warta.cli.common import quiet_libraries



def articles_from_inputs(inputs: list[str], counts: Optional[dict] = None) -> Iterator:
    """The given files processed without storing them. Unreadable inputs are reported on
    stderr, counted in ``counts`` and skipped."""
    counts = counts if counts is not None else {}
    from warta.ingest import Rejected, read_inputs
    from warta.run.batch import extract

    quiet_libraries()
    for result in extract(read_inputs(inputs)):
        if isinstance(result, Rejected):
            counts["rejected"] = counts.get("rejected", 0) + 1
            say(("rejected", "red"), " ", str(result), stderr=True, soft_wrap=True)
            continue
        counts["read"] = counts.get("read", 0) + 1
        yield result


def _fmt(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:g}"


@command("figures")
def figures_command(
    measure: Optional[str] = typer.Option(None, "--measure", "-m", help="killed, injured, hostages, displaced, ..."),
    where: Optional[str] = typer.Option(None, "--where", "-w", help="Place, e.g. Gaza (case-insensitive)."),
    check: bool = typer.Option(False, "--check", help="Compare Gaza cumulative killed/injured tolls with official daily counts (single incidents are left out)."),
    inputs: Optional[List[str]] = typer.Option(None, "--input", "-i", help="Analyse these files/folders instead of the store (repeatable)."),
    db: Optional[str] = DbOption,
    reference: Optional[Path] = typer.Option(None, "--reference", help="Daily casualties JSON (Tech For Palestine layout); default $WARTA_GAZA_CASUALTIES, else the copy shipped with warta (Tech For Palestine, to 2026-08-22)."),
    limit: int = typer.Option(200, "--limit", help="Show at most this many rows (0 = all)."),
) -> None:
    """List figures (numeric claims about people) as a table; --check sets each Gaza
    killed/injured tally beside the official count for its as-of date.

    Exit codes: 0 ok; 1 some inputs rejected; 2 nothing could be read, or no reference data.
    """
    from warta import services
    from warta.cli.db import store_for

    counts: dict = {}
    source = _reference(reference) if check else None
    # Files are analysed in a scratch store, so both paths go through warta.services (as the API).
    opened = services.scratch_store(articles_from_inputs(inputs, counts)) if inputs else store_for(db)
    with opened as store:
        if check:
            _check(services.figure_check(store, source, measure), source, limit,
                   services.figures(store, measure, where, limit=1).total)
        else:
            _list(services.figures(store, measure, where, limit=None).items, limit)
    if inputs and counts.get("rejected"):
        raise typer.Exit(1 if counts.get("read") else 2)


def _reference(path: Optional[Path]):
    from warta import services

    try:
        return services.reference_source(path)
    except (FileNotFoundError, ValueError) as exc:
        raise fail(str(exc))


def _label(row: dict) -> str:
    return row.get("article_title") or Path(row.get("article_source") or row.get("article_id") or "?").name


def _list(rows: list[dict], limit: int) -> None:
    table = Table(title="Figures")
    for col in ("value", "qualifier", "measure", "group", "where", "source", "as of", "words", "article"):
        table.add_column(col, justify="right" if col == "value" else "left", overflow="fold")
    shown = rows[: limit or None]
    for f in shown:
        table.add_row(_fmt(f["value"]), f["qualifier"], f["measure"] + (f" ({f['rate']})" if f.get("rate") else ""),
                      f.get("group") or "-", f.get("where") or "-", f.get("source") or "-", f.get("as_of") or "-",
                      f["text"], _label(f))
    out.print(table)
    out.print(f"{len(shown)} of {len(rows)} figures shown")


_SAID = {"exact": "", "about": "~", "at_least": "≥", "more_than": ">", "nearly": "≈<", "less_than": "<"}


def _check(rows: list[dict], source, limit: int, figures: int) -> None:
    table = Table(title=safe(f"Figures vs official counts: {source.name}"))
    for col in ("as of", "measure", "group", "article says", "official", "difference", "official report",
                "exact match in report of", "flags", "words", "article"):
        table.add_column(col, justify="right" if col in ("article says", "official", "difference") else "left",
                         overflow="fold")
    for row in rows[: limit or None]:
        diff = "-" if row["difference"] is None else (("+" if row["difference"] > 0 else "") + _fmt(row["difference"]))
        report = "-" if row["official"] is None else \
            f"{row['official_source']}{' (extrapolated)' if row['official_extrapolated'] else ''}"
        table.add_row(row["as_of"], row["measure"], row.get("group") or "-",
                      f"{_SAID.get(row['qualifier'], '')}{_fmt(row['value'])}", _fmt(row["official"]), diff, report,
                      row["matching_report"] or "-", " ".join(row["flags"]) or "-", row["text"],
                      _label(row))
    out.print(table)
    out.print(f"{len(rows)} checkable figures of {figures}: only cumulative tolls (scope 'cumulative': "
              f"killed/injured in {source.where}, with an as-of date) are compared; single incidents and "
              f"counts of unknown scope are not; flags: warta's contradiction rule (as `warta timeline`)")
