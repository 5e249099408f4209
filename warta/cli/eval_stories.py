"""``warta evaluate stories``: B-cubed P/R/F1 of story clustering against gold, with the
"every article alone" and TF-IDF (Event Registry) baselines in the same run."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.table import Table

from warta.cli.options import evaluate_command

out = Console(width=None if Console().is_terminal else 140)
err = Console(stderr=True)


@evaluate_command("stories")
def evaluate_stories(
    gold: Optional[List[Path]] = typer.Option(None, "--gold", help="Gold JSON Lines (id, title, outlet, published, story; repeatable). Default: the development sets shipped with warta."),
    heldout: bool = typer.Option(False, "--heldout", help="Also score the held-out set shipped with warta."),
) -> None:
    """B-cubed precision, recall and F1 per gold file: every article alone, TF-IDF
    cosine >= 0.4 to the centroid (Event Registry), and warta's method."""
    from warta.evaluate.stories import DEV_SETS, HELDOUT_SETS, default_methods, score_methods

    paths = list(gold or DEV_SETS) + (HELDOUT_SETS if heldout else [])
    table = Table(title="Stories: B-cubed over articles")
    for col in ("gold", "articles", "method", "P", "R", "F1"):
        table.add_column(col, justify="left" if col in ("gold", "method") else "right")
    methods = default_methods()
    for path in paths:
        try:
            results = score_methods(path, methods)
        except (OSError, ValueError) as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2)
        for name, b in results.items():
            table.add_row(path.stem, str(b.n), name, f"{b.precision:.3f}", f"{b.recall:.3f}", f"{b.f1:.3f}")
        table.add_section()
    out.print(table)
