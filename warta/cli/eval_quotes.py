"""``warta evaluate quotes``: quote extraction scores on the seed gold and on PFSA-ID."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from warta.cli.app import evaluate_app

_SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _row(name: str, s) -> str:
    return (f"{name:22} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.speaker_accuracy:8.3f}"
            f" {s.gold:6d} {s.predicted:6d} {s.matched:6d} {s.seconds:6.1f}s")


@evaluate_app.command("quotes")
def evaluate_quotes(
    gold: Path = typer.Option(_SHARED / "gold", "--gold", help="Seed gold directory (*.json beside ../seeds)."),
    pfsa: str = typer.Option(str(_SHARED / "data" / "quotes" / "pfsa-id" / "dev-40.txt"), "--pfsa",
                             help="PFSA-ID token/tag file; '' to skip."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N PFSA-ID articles."),
    errors: int = typer.Option(0, "--errors", help="Print up to N misses/wrong speakers per data set."),
) -> None:
    """Seed gold: a quote matches by speaker + containment of the gold text. PFSA-ID: a
    direct quote matches a STATEMENT with >= 50% token overlap; speaker accuracy over
    matched statements (PERSON/PERSONCOREF, CUECOREF resolved to the preceding person).
    'all' scores every direct quote; 'public figures' only quotes whose speaker the
    article introduces with a role or an organisation, the corpus' scope."""
    from warta.evaluate.quotes import evaluate_pfsa, evaluate_seeds

    failed = False
    typer.echo(f"{'data':22} {'prec':>6} {'recall':>6} {'F1':>6} {'speaker':>8} {'gold':>6} {'pred':>6} {'match':>6}")
    try:
        s = evaluate_seeds(gold)
        typer.echo(_row("seeds", s))
        for line in s.errors[:errors]:
            typer.echo(f"    {line}")
    except (OSError, ValueError) as exc:
        typer.echo(f"error: seeds: {exc}", err=True)
        failed = True
    if pfsa:
        try:
            for scope, s in evaluate_pfsa(pfsa, limit=limit).items():
                typer.echo(_row(f"{Path(pfsa).stem} {scope}", s))
                for line in s.errors[:errors]:
                    typer.echo(f"    {line}")
        except (OSError, ValueError) as exc:
            typer.echo(f"error: {pfsa}: {exc}", err=True)
            failed = True
    if failed:
        raise typer.Exit(1)
