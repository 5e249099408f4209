"""``warta entities`` (who and what the stored news names) and ``warta entity NAME``."""

from __future__ import annotations

from typing import Optional

import typer

from warta.cli.options import DbOption, command
from warta.cli.safe import Table, fail, out, say
LABELS = ("PER", "ORG", "LOC", "EVT")


@command("entities")
def entities(
    type_: Optional[str] = typer.Option(None, "--type", help="Only PER, ORG, LOC or EVT."),
    db: Optional[str] = DbOption,
    limit: int = typer.Option(50, "--limit", help="Rows to show (0: all)."),
) -> None:
    """Entities across stored articles: canonical name, type, aliases, roles, article count."""
    if type_ is not None and type_.upper() not in LABELS:
        raise typer.BadParameter(f"use one of {', '.join(LABELS)}", param_hint="--type")
    label = type_.upper() if type_ else None
    from warta import services
    from warta.cli.db import store_for

    with store_for(db) as store:
        rows, total, mentions = services.entity_list(store, label, limit or None, aliases=5, roles=3)
    table = Table("canonical", "type", "aliases", "roles seen", "articles", "mentions")
    for e in rows:
        table.add_row(e["canonical"], e["label"], ", ".join(e["aliases"]), ", ".join(e["roles"]),
                      str(e["articles"]), str(e["mentions"]))
    out.print(table)
    out.print(f"{total} entities, {mentions} mentions")


@command("entity")
def entity(
    name: str = typer.Argument(..., help="A canonical name or any surface form (case-insensitive)."),
    db: Optional[str] = DbOption,
    limit: int = typer.Option(100, "--limit", help="Mentions to show (0: all)."),
) -> None:
    """Every mention of one entity with its sentence and article."""
    from warta.nlp import sentence_around

    from warta import services
    from warta.cli.db import store_for

    with store_for(db) as store:
        hits = services.entity_hits(store, name)
        if not hits:  # not found: exit 2, as `warta show` and `warta story` (README, exit codes)
            raise fail(f"no entity named {name!r}", code=2)
        articles = {}
        for article_id, m in hits[: limit or None]:
            if article_id not in articles:
                articles[article_id] = store.get(article_id)
            article = articles[article_id]
            if article is None:
                continue
            source = (article.title or "") if m.get("field") == "title" else article.raw_text
            sentence = sentence_around(source, m["start"], m["end"])
            say((m["text"], "bold"), f" ({m['label']} → {m.get('canonical')}"
                + (f", {m['role']}" if m.get("role") else "") + ")",
                (f" linked: {m['link_evidence']}", "dim") if m.get("link_evidence") else None,
                (f"  {article.published or ''} {article.outlet or ''} {article.title or article_id}", "dim"))
            say(f"    {sentence}")
    out.print(f"{len(hits)} mentions in {len({a for a, _ in hits})} articles")
