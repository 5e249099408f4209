"""``warta stories`` (list, ``rebuild``) and ``warta story ID``: thin wrappers over
``warta.corpus.story_views``."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from warta.cli.options import (DbOption, SchedulerOption, WorkersOption, command, command_group, iso_day,
                               remember_db)
from warta.cli.safe import Table, fail, json_text, out, say

stories_app = typer.Typer(invoke_without_command=True, no_args_is_help=False,
                          help="Stories: one event as reported by every outlet (list; `rebuild`).")
command_group("stories", stories_app)


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"


@stories_app.callback()
def stories_command(
    ctx: typer.Context,
    since: Optional[str] = typer.Option(None, "--since", callback=iso_day, help="Only stories reported on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", callback=iso_day, help="Only stories reported on or before this date."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only stories this outlet covered."),
    min_articles: int = typer.Option(1, "--min-articles", help="Only stories with at least this many articles."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the newest N stories (default: all)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, or jsonl (one story per line)."),
    db: Optional[str] = DbOption,
) -> None:
    """Stories, newest first: id, label (a representative headline), first and last
    published, article count, outlets, thread. Read from the stored story summaries: the
    time grows with the stories listed, not with the store."""
    if ctx.invoked_subcommand is not None:
        if db is not None:  # `warta stories --db F rebuild`: the subcommand's database too
            remember_db(db)
        return
    from warta.corpus.story_views import list_stories
    from warta.cli.db import store_for

    with store_for(db) as store:
        rows = list_stories(store, since, until, outlet, min_articles, limit=limit, with_articles=fmt is Format.jsonl)
    if fmt is Format.jsonl:
        for r in rows:
            print(json_text(r))
        return
    table = Table()
    for col in ("id", "label", "first", "last", "n", "outlets", "thread"):
        table.add_column(col, overflow="fold", justify="right" if col in ("id", "n", "thread") else "left")
    for r in rows:
        table.add_row(str(r["id"]), r["label"], (r["first_published"] or "-")[:16],
                      (r["last_published"] or "-")[:16], str(r["n_articles"]), ", ".join(r["outlets"]), str(r["thread"]))
    out.print(table)
    say(f"{len(rows)} stories", stderr=True)


@stories_app.command("rebuild")
def rebuild_command(db: Optional[str] = DbOption, workers: int = WorkersOption,
                    scheduler: Optional[str] = SchedulerOption) -> None:
    """Recompute every story and thread from the stored articles, from scratch
    (--workers/--scheduler: each article's features on Dask workers; the
    clustering, one article after another, here)."""
    import contextlib

    from warta.cli.common import runner
    from warta.corpus.story_views import rebuild
    from warta.cli.db import store_for

    with contextlib.ExitStack() as stack:
        store = stack.enter_context(store_for(db, write=True))
        n = rebuild(store, map_function=runner(stack, workers, scheduler).map)
    say(f"{n} stories", stderr=True)


@stories_app.command("labels")
def labels_command(db: Optional[str] = DbOption) -> None:
    """Label the stories that have no label yet: after upgrading a store to stored story
    summaries (its migration makes every other part in SQL), or deleting articles. Ingest
    does it too; until then a listing computes the labels it shows itself."""
    from warta.corpus.story_views import fill_labels
    from warta.cli.db import store_for

    with store_for(db, write=True) as store:
        n = fill_labels(store)
    say(f"{n} stories labelled", stderr=True)


@command("story")
def story_command(
    story_id: str = typer.Argument(..., help="Story id (from `warta stories`), or the id of one of its articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the story as JSON."),
    db: Optional[str] = DbOption,
) -> None:
    """One story: per outlet its articles in time order, coverage and coverage gap,
    wire copies, key entities, quotes and figures, the other stories of its thread."""
    from warta.corpus.story_views import story_detail
    from warta.cli.db import store_for

    from warta.services import story_number

    with store_for(db) as store:
        number = story_number(store, story_id)
        s = story_detail(store, number) if number is not None else None
    if s is None:
        raise fail(f"no story {story_id} (see `warta stories`)")
    if as_json:
        print(json_text(s, indent=1, default=str))
        return
    say((f"Story {s['id']}", "bold"), ": ", s["label"])
    say(f"{s['n_articles']} articles, {s['first_published'] or '?'} .. {s['last_published'] or '?'}, thread {s['thread']}")
    for outlet, arts in s["by_outlet"].items():
        say("\n", (outlet, "bold"), f" ({len(arts)})")
        for a in arts:
            say(f"  {(a['published'] or '-')[:16]}  ", a["title"] or a["id"], "  ", (a["id"], "dim"))
    say("\n", ("Coverage gap", "bold"), ": ", ", ".join(s["coverage_gap"]) or "none")
    for g in s["wire_copies"]:
        say(("Wire copy", "bold"), ": ", g["provenance"])
    if s["entities"]:
        say(("Entities", "bold"), ": ", ", ".join(f"{n} ({c})" for n, c in s["entities"]))
    for q in s["quotes"]:
        say(("Quote", "bold"), " ", q["speaker"] or "?", ": ", q["text"][:160])
    for f in s["figures"]:
        say(("Figure", "bold"), f" {f['value']:g} {f['measure']} ({f['qualifier']}) ", f["source"] or "", ": ", f["text"])
    for t in s["thread_stories"]:
        say(("Same thread", "bold"), f" {t['id']}: ", t["label"], f" ({(t['first_published'] or '?')[:10]})")


@command("wire")
def wire_command(
    since: Optional[str] = typer.Option(None, "--since", callback=iso_day, help="Only groups with a copy published on or after this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", callback=iso_day, help="Only groups with a copy published on or before this date."),
    outlet: Optional[str] = typer.Option(None, "--outlet", help="Only groups this outlet published a copy in."),
    limit: int = typer.Option(100, "--limit", min=1, help="Show this many groups (largest first)."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many groups first (the next page)."),
    max_copies: int = typer.Option(20, "--max-copies", min=1,
                                   help="Per group, show the first publisher and this many republications."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, or jsonl (one group per line)."),
    db: Optional[str] = DbOption,
) -> None:
    """Wire copies across the store: the same text (a wire story, a press release, an
    article rewritten under a new headline) published more than once. Per group: the first
    publisher, each republication with its delay, similarity and what it changed. The
    first listing after an upgrade fingerprints the articles stored before it (once)."""
    from warta import services
    from warta.cli.db import store_for

    with store_for(db) as store:
        page = services.wire_groups(store, since, until, outlet, limit, offset, max_copies)
    groups = page.items
    if fmt is Format.jsonl:
        for g in groups:
            print(json_text(g))
        return
    table = Table()
    for col in ("group", "published", "outlet", "title", "delay", "similarity", "changed"):
        table.add_column(col, overflow="fold", justify="right" if col in ("group", "similarity") else "left")
    for n, g in enumerate(groups, 1):
        f = g["first"]
        table.add_row(str(n), (f["published"] or "-")[:16], f["outlet"] or "?", f["title"] or f["id"], "first", "", "")
        for c in g["copies"]:
            changed = ", ".join(filter(None, [
                "headline" if c["headline_rewritten"] else "",
                f"-{c['paragraphs_dropped']} paragraphs" if c["paragraphs_dropped"] else "",
                f"+{c['paragraphs_added']} paragraphs" if c["paragraphs_added"] else ""])) or "none"
            delay = "?" if c["delay_minutes"] is None else _delay(c["delay_minutes"])
            table.add_row("", (c["published"] or "-")[:16], c["outlet"] or "?", c["title"] or c["id"],
                          delay, f"{c['similarity']:.2f}", changed)
        if g["n_copies"] > len(g["copies"]):
            table.add_row("", "", "", f"... {g['n_copies'] - len(g['copies'])} more copies", "", "", "")
        table.add_section()
    out.print(table)
    shown = f"groups {offset + 1}-{offset + len(groups)} of {page.total}" if len(groups) < page.total \
        else f"{page.total} groups"
    say(f"{shown}, {sum(g['n_copies'] + 1 for g in groups)} articles", stderr=True)


def _delay(minutes: float) -> str:
    from warta.corpus.wire import _human

    return "+" + _human(minutes)
