"""``warta figures``: list the numeric claims about people, from the store or straight from
input files, and with ``--check`` put each Gaza killed/injured tally next to the official
count of its as-of date."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from warta.cli.options import DbOption, chosen_db, command
from warta.cli.common import annotation_fields, article_info, quiet_libraries
from warta.model import Figure

out = Console(width=None if Console().is_terminal else 160)
err = Console(stderr=True)

FIGURE_FIELDS = tuple(Figure.model_fields)


def _matches(figure: Figure, measure: Optional[str], where: Optional[str]) -> bool:
    return ((measure is None or figure.measure == measure)
            and (where is None or (figure.where or "").lower() == where.lower()))


def figures_from_inputs(inputs: list[str], counts: Optional[dict] = None) -> Iterator[tuple[dict, Figure]]:
    """(article info, figure) for every figure of the given files, processed without storing.
    Unreadable inputs are reported on stderr, counted in ``counts`` and skipped."""
    counts = counts if counts is not None else {}
    from warta.ingest import Rejected, read_inputs
    from warta.run.batch import extract

    quiet_libraries()
    for result in extract(read_inputs(inputs)):
        if isinstance(result, Rejected):
            counts["rejected"] = counts.get("rejected", 0) + 1
            err.print(f"[red]rejected[/] {escape(str(result))}", soft_wrap=True)
            continue
        counts["read"] = counts.get("read", 0) + 1
        info = {"id": result.id, "title": result.title, "outlet": result.outlet,
                "published": result.published, "source": result.source}
        for figure in result.figures:
            yield info, figure


def figures_from_store(db: Optional[str], measure: Optional[str], where: Optional[str]) -> Iterator[tuple[dict, Figure]]:
    """(article info, figure) for every stored figure, filtered in the database."""
    from warta.store import open_store

    with open_store(db) as store:
        for row in store.figures(measure, where):
            yield article_info(row), Figure.model_validate(annotation_fields(row, FIGURE_FIELDS))


def _fmt(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:g}"


def _label(info: dict) -> str:
    return info.get("title") or Path(info.get("source") or info.get("id") or "?").name


@command("figures")
def figures_command(
    measure: Optional[str] = typer.Option(None, "--measure", "-m", help="killed, injured, hostages, displaced, ..."),
    where: Optional[str] = typer.Option(None, "--where", "-w", help="Place, e.g. Gaza (case-insensitive)."),
    check: bool = typer.Option(False, "--check", help="Compare Gaza cumulative killed/injured tolls with official daily counts (single incidents are left out)."),
    inputs: Optional[List[str]] = typer.Option(None, "--input", "-i", help="Analyse these files/folders instead of the store (repeatable)."),
    db: Optional[str] = DbOption,
    reference: Optional[Path] = typer.Option(None, "--reference", help="Daily casualties JSON (Tech For Palestine layout); default $WARTA_GAZA_CASUALTIES or ../shared/data/reference/gaza-casualties/casualties_daily.json."),
    limit: int = typer.Option(200, "--limit", help="Show at most this many rows (0 = all)."),
) -> None:
    """List figures (numeric claims about people) as a table; --check sets each Gaza
    killed/injured tally beside the official count for its as-of date.

    Exit codes: 0 ok; 1 some inputs rejected; 2 nothing could be read, or no reference data.
    """
    counts: dict = {}
    source = _reference(reference) if check else None
    if inputs:
        items = ((i, f) for i, f in figures_from_inputs(inputs, counts) if _matches(f, measure, where))
    else:
        items = figures_from_store(chosen_db(db), measure, where)
    if check:
        _check(items, source, limit)
    else:
        _list(items, limit)
    if inputs and counts.get("rejected"):
        raise typer.Exit(1 if counts.get("read") else 2)


def _reference(path: Optional[Path]):
    from warta.corpus.checks import gaza_casualties

    try:
        return gaza_casualties(path)
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)


def _list(items, limit: int) -> None:
    table = Table(title="Figures")
    for col in ("value", "qualifier", "measure", "group", "where", "source", "as of", "words", "article"):
        table.add_column(col, justify="right" if col == "value" else "left", overflow="fold")
    shown = total = 0
    for info, f in items:
        total += 1
        if limit and shown >= limit:
            continue
        shown += 1
        table.add_row(_fmt(f.value), f.qualifier, f.measure + (f" ({f.rate})" if f.rate else ""), f.group or "-",
                      f.where or "-", f.source or "-", f.as_of or "-", escape(f.text), escape(_label(info)))
    out.print(table)
    out.print(f"{shown} of {total} figures shown")


def _check(items, source, limit: int) -> None:
    from warta.corpus.checks import check_figures

    items = list(items)
    infos = {id(f): info for info, f in items}
    rows = check_figures(((info.get("id"), f) for info, f in items), [source])
    table = Table(title=f"Figures vs official counts: {source.name}")
    for col in ("as of", "measure", "group", "article says", "official", "difference", "official report", "exact match in report of", "words", "article"):
        table.add_column(col, justify="right" if col in ("article says", "official", "difference") else "left", overflow="fold")
    for row in rows[: limit or None]:
        f, off = row.figure, row.official
        diff = "-" if row.difference is None else (("+" if row.difference > 0 else "") + _fmt(row.difference))
        report = "-" if off is None else f"{off.source}{' (extrapolated)' if off.extrapolated else ''}"
        match = "-" if row.matching_report is None else row.matching_report.report_date.isoformat()
        said = f"{ {'exact': '', 'about': '~', 'at_least': '≥', 'more_than': '>', 'nearly': '≈<', 'less_than': '<'}.get(f.qualifier, '')}{_fmt(f.value)}"
        table.add_row(row.as_of.isoformat(), f.measure, f.group or "-", said, _fmt(off.value if off else None),
                      diff, report, match, escape(f.text), escape(_label(infos.get(id(f), {}))))
    out.print(table)
    out.print(f"{len(rows)} checkable figures of {len(items)}: only cumulative tolls (scope 'cumulative': "
              f"killed/injured in {source.where}, with an as-of date) are compared; single incidents and "
              f"counts of unknown scope are not")
