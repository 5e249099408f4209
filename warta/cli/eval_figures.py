"""``warta evaluate figures``: P/R/F1 of extracted figures against the seed gold and the
headline development set."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from warta.cli.options import evaluate_command
from warta.settings import shared_path

DEFAULT_GOLD = shared_path("gold")

out = Console(width=None if Console().is_terminal else 140)
err = Console(stderr=True)


def _pct(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.3f}"


@evaluate_command("figures")
def evaluate_figures(
    gold: List[Path] = typer.Option([DEFAULT_GOLD], "--gold", help="Folder of seed gold JSON files (seeds in ../seeds beside it), or a real-news gold file (JSON Lines, e.g. warta/evaluate/data/realnews_dev.jsonl); repeatable."),
    seeds: Optional[Path] = typer.Option(None, "--seeds", help="Folder of seed articles (default: gold/../seeds)."),
    headlines: Optional[List[Path]] = typer.Option(None, "--headlines", help="Headline set(s), JSON Lines (repeatable); default: the dev and held-out test sets shipped with warta."),
    no_headlines: bool = typer.Option(False, "--no-headlines", help="Score the seed gold only."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss, extra and wrong attribute."),
) -> None:
    """Precision/recall/F1 by (value, measure); accuracy of qualifier, group, source, as_of,
    where and scope over matched figures (an attribute a gold figure leaves out is not judged)."""
    from warta.evaluate.figures import DEFAULT_HEADLINE_SETS, score_headlines, score_seed_gold
    from warta.evaluate.realnews import score_gold

    results = []
    try:
        for path in gold:
            if path.is_file():
                real = score_gold(path)
                results += [(f"{path.stem} articles", real.article_figures),
                            (f"{path.stem} headlines", real.headline_figures),
                            (f"{path.stem} all", real.figures)]
            elif path.exists():
                results.append(("seed gold", score_seed_gold(path.resolve(), seeds)))
            else:
                err.print(f"[yellow]gold not found: {path} (skipped)[/yellow]")
        if not no_headlines:
            for path in headlines or DEFAULT_HEADLINE_SETS:
                results.append((f"headlines {path.stem.replace('figures_headlines_', '')}", score_headlines(path)))
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2)
    if not results:
        raise typer.Exit(2)
    table = Table(title="Figures: (value, measure) matching")
    attributes = ("qualifier", "group", "source", "as_of", "where", "scope")
    for col in ("set", "gold", "pred", "TP", "P", "R", "F1") + attributes:
        table.add_column(col, justify="right" if col != "set" else "left")
    for name, s in results:
        table.add_row(name, str(s.tp + s.fn), str(s.tp + s.fp), str(s.tp), _pct(s.precision), _pct(s.recall),
                      _pct(s.f1), *(_pct(s.accuracy(a)) for a in attributes))
    out.print(table)
    if verbose:
        for name, s in results:
            for line in s.errors:
                out.print(f"[dim]{name}[/dim] {line}", highlight=False)
