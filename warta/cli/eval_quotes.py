"""``warta evaluate quotes``: quote extraction scores on the seed gold and on PFSA-ID."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from warta.cli.options import evaluate_command
from warta.settings import shared_root

_SHARED = shared_root()
_PFSA = _SHARED / "data" / "quotes" / "pfsa-id"


def _row(name: str, s) -> str:
    return (f"{name:24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.speaker_accuracy:8.3f}"
            f" {s.gold:6d} {s.predicted:6d} {s.matched:6d} {s.seconds:6.1f}s")


@evaluate_command("quotes")
def evaluate_quotes(
    gold: list[Path] = typer.Option([_SHARED / "gold"], "--gold", help="Seed gold directory (*.json beside ../seeds), or a real-news gold file (JSON Lines, e.g. warta/evaluate/data/realnews_dev.jsonl); repeatable."),
    pfsa: str = typer.Option(str(_PFSA / "dev-40.txt"), "--pfsa",
                             help="PFSA-ID token/tag file the rules were developed on; '' to skip."),
    heldout: str = typer.Option(str(_PFSA / "med-dev-20.txt"), "--heldout",
                                help="A second PFSA-ID file, scored only on its articles not in --pfsa; '' to skip."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N articles of each PFSA-ID file."),
    errors: int = typer.Option(0, "--errors", help="Print up to N misses/wrong speakers per data set."),
) -> None:
    """Seed gold: a quote matches by speaker + containment of the gold text. PFSA-ID: a
    direct quote matches a STATEMENT with >= 50% token overlap; speaker accuracy over
    matched statements (PERSON/PERSONCOREF, CUECOREF resolved to the preceding person).
    'public' scores the quotes warta marks speaker_standing=public_figure, the corpus'
    scope (it annotates public figures' statements); 'all' every direct quote."""
    from warta.evaluate.quotes import evaluate_pfsa, evaluate_seeds
    from warta.evaluate.realnews import score_gold

    failed = False
    typer.echo(f"{'data':24} {'prec':>6} {'recall':>6} {'F1':>6} {'speaker':>8} {'gold':>6} {'pred':>6} {'match':>6}")
    for path in gold:
        try:
            if path.is_file():
                t0 = time.perf_counter()
                s = score_gold(path).quotes
                s.seconds = time.perf_counter() - t0
                name = path.stem
            else:
                s, name = evaluate_seeds(path), "seeds"
            typer.echo(_row(name, s))
            for line in s.errors[:errors]:
                typer.echo(f"    {line}")
        except (OSError, ValueError) as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            failed = True
    runs = []
    if pfsa:
        runs.append((Path(pfsa).stem, pfsa, None))
        if heldout:
            runs.append((f"{Path(heldout).stem} unseen", heldout, pfsa))
    for name, path, unseen_in in runs:
        try:
            for scope, s in evaluate_pfsa(path, limit=limit, unseen_in=unseen_in).items():
                typer.echo(_row(f"{name} {scope}", s))
                for line in s.errors[:errors]:
                    typer.echo(f"    {line}")
        except (OSError, ValueError) as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            failed = True
    if failed:
        raise typer.Exit(1)
