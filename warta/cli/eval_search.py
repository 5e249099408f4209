"""``warta evaluate search``: nDCG@10 / recall@10 of full-text, semantic and hybrid search."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from warta.cli.options import DB_HELP, chosen_db, evaluate_command

out = Console()


@evaluate_command("search")
def evaluate_search(
    db: Optional[Path] = typer.Option(None, "--db", help="A store holding detik-1000 (warta ingest data_berita.csv), with vectors (warta embed). " + DB_HELP),
    data: Optional[Path] = typer.Option(None, "--data", help="detik-1000 CSV (default: ../shared/data/news/detik-1000/data_berita.csv)."),
) -> None:
    """Judged queries (21 Indonesian, 25 English) over detik-1000: nDCG@10 and recall@10
    for full-text, semantic and hybrid search, dev and held-out apart."""
    from warta import semantic
    from warta.evaluate.search import MODES, evaluate
    from warta.settings import shared_path
    from warta.store import open_store

    csv_path = data or shared_path("data", "news", "detik-1000", "data_berita.csv")
    with open_store(chosen_db(db)) as store:
        if store.vector_count(semantic.MODEL) < store.count():
            typer.echo("error: some articles have no vectors: run `warta embed` first", err=True)
            raise typer.Exit(2)
        result = evaluate(store, csv_path)
    table = Table(title="Search quality (mean over queries; binary relevance)")
    for col in ("split", "queries", "lang") + tuple(f"{m} nDCG@10 / R@10" for m in MODES):
        table.add_column(col, justify="left" if col in ("split", "lang") else "right")
    rows = result["table"]
    for split in ("dev", "heldout", "all"):
        for lang in ("id", "en", "all"):
            if (split, lang, MODES[0]) not in rows:
                continue
            n = rows[(split, lang, MODES[0])][2]
            table.add_row(split, str(n), lang, *(f"{rows[(split, lang, m)][0]:.3f} / {rows[(split, lang, m)][1]:.3f}"
                                                 for m in MODES))
    out.print(table)
    if result["missing_relevant"]:
        out.print(f"[yellow]{result['missing_relevant']} judged articles are not in the store[/]")
