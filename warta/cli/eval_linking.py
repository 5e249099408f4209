"""``warta evaluate linking``: accuracy of entity linking on annotated mentions."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from warta.cli.options import evaluate_command
from warta.settings import shared_root

_DATA = Path(__file__).resolve().parents[1] / "evaluate" / "data"
_SHARED = shared_root()


@evaluate_command("linking")
def evaluate_linking(
    gold: Path = typer.Option(_DATA / "entity_links.jsonl", "--gold", help="Linking gold (JSONL)."),
    shared: Path = typer.Option(_SHARED, "--shared", help="The shared data root holding data/news/detik-1000 and narasipal-gaza-headlines."),
    errors: bool = typer.Option(False, "--errors", help="List the wrong links."),
    db: Optional[Path] = typer.Option(None, "--db", help="Keep the processed store here: an existing database holding both datasets (ids '<set>:<row>') is read, not reprocessed."),
) -> None:
    """Share of gold mentions whose entity resolves to the gold canonical name, within
    the article only and after linking across the store (detik-1000 + Narasipal
    headlines, 23,648 articles processed by the pipeline: the first run takes over 10
    minutes; --db FILE keeps that store for the next runs)."""
    from warta.evaluate.linking import raw_articles, read_gold, score
    from warta.pipeline import process_many

    from warta.store import open_store

    try:
        rows = read_gold(gold)
        if db is not None and db.exists():
            with open_store(db) as store:
                articles = list(store.articles())
        else:
            articles = list(process_many(raw_articles(shared)))
            if db is not None:
                with open_store(db) as store:
                    store.save(articles)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{gold} ({len(rows)} mentions, store of {len(articles)} articles)")
    typer.echo(f"  {'':28} {'article only':>12} {'with store':>10}")
    alone, store = score(rows, articles, store_links=False), score(rows, articles)
    for key in ("all", "dev", "test", "detik-1000", "narasipal-gaza-headlines"):
        if store.total[key]:
            typer.echo(f"  {key:28} {alone.accuracy(key):12.3f} {store.accuracy(key):10.3f}   (n={store.total[key]})")
    if errors:
        for g, got in store.errors:
            typer.echo(f"  {g['set']}:{g['doc_id']} {g['text']!r} -> {got!r} (gold {g['canonical']!r})")
