"""``warta evaluate dates``: time expressions scored on the seed gold and on IndoTimex."""

from __future__ import annotations

from pathlib import Path

import typer

from warta.cli.options import evaluate_command
from warta.settings import shared_root

_SHARED = shared_root()
DEFAULT_GOLD = _SHARED / "gold"
DEFAULT_INDOTIMEX = _SHARED / "data" / "dates" / "indotimex" / "gold"


@evaluate_command("dates")
def evaluate_dates(
    gold: Path = typer.Option(DEFAULT_GOLD, "--gold", help="Folder of seed gold JSON files (seeds in ../seeds beside it)."),
    indotimex: Path = typer.Option(DEFAULT_INDOTIMEX, "--indotimex", help="Folder of IndoTimex TimeML gold files (*.tml)."),
    detect_published: bool = typer.Option(False, "--detect-published",
                                          help="Let the pipeline detect the publication date instead of giving the gold one."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every miss, extra and wrong value."),
) -> None:
    """Seed gold: P/R/F1 by (text, value) through the whole pipeline. IndoTimex: extent
    P/R/F1 (exact and overlapping spans) and value accuracy over matched timexes."""
    from warta.evaluate.dates import score_indotimex, score_seeds

    for path, option in ((gold, "--gold"), (indotimex, "--indotimex")):
        if not path.is_dir():
            raise typer.BadParameter(f"{path} is not a folder", param_hint=option)
    try:
        seeds = score_seeds(gold.resolve(), give_published=not detect_published)
        timex = score_indotimex(indotimex.resolve())
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    source = "detected" if detect_published else "given (gold)"
    typer.echo(f"Seed gold ({gold}), publication date {source}; scored: resolved date/month/year mentions")
    typer.echo("  " + seeds.total.line("dates (text, value)"))
    if verbose:
        for line in seeds.errors:
            typer.echo("    " + line)
    typer.echo(f"IndoTimex ({indotimex}): {timex.documents} documents")
    typer.echo("  " + timex.exact.line("extent, exact span"))
    typer.echo("  " + timex.overlap.line("extent, overlapping span"))
    typer.echo(f"  value accuracy over matched   {timex.value_accuracy:.3f} "
               f"({timex.values.correct}/{timex.values.total})")
    skipped = ", ".join(f"{k} {v}" for k, v in sorted(timex.skipped.items()))
    typer.echo(f"  skipped gold (no value in the contract): {skipped or 'none'}")
    if verbose:
        for line in timex.errors:
            typer.echo("    " + line)
