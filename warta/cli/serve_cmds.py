"""``warta serve`` (the API, web pages and feeds over HTTP), ``warta follow``,
``warta unfollow`` and ``warta watch`` (watchlists)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from warta.cli.options import DbOption, chosen_db, command
from warta.cli.safe import fail, say


@command()
def serve(
    db: Optional[str] = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback unless told otherwise)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    migrate: bool = typer.Option(False, "--migrate", help="Upgrade a database of an older warta first."),
    reference: Optional[Path] = typer.Option(None, "--reference", help="Official daily counts for /figures (default: $WARTA_GAZA_CASUALTIES, else the copy shipped with warta)."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Server processes (uvicorn workers); more use more cores."),
) -> None:
    """Serve the JSON API (/api, docs at /docs), the web pages (/) and the feeds (/feeds).

    Writes (POST /api/articles, watchlists through the API) need the bearer token in
    $WARTA_API_TOKEN; without it the server refuses them. Exit code 2: the database (an
    SQLite file or a PostgreSQL URL) is missing, locked, or of another version.
    """
    from warta.api.app import REFERENCE_ENV, TOKEN_ENV, ServeConfig, create_app
    from warta.api.database import DatabaseProblem, check_database, shown
    from warta.settings import DB_ENV, database
    from warta.store import is_postgres

    location = database(chosen_db(db))
    location = location if is_postgres(location) else str(Path(location))
    try:
        check_database(location, migrate)
    except DatabaseProblem as exc:
        raise fail(str(exc))
    import uvicorn

    token = os.environ.get(TOKEN_ENV) or None
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(("warning:", "yellow"), f" listening on {host}: other machines can read this database", stderr=True)
    say(f"warta: serving {shown(location)} at http://{host}:{port}/ "
        f"(writes {'need the token' if token else 'disabled: no ' + TOKEN_ENV}"
        f"{f'; {workers} workers' if workers > 1 else ''})", stderr=True)
    if workers > 1:  # each worker process builds its app from the environment
        os.environ[DB_ENV] = location
        if reference:
            os.environ[REFERENCE_ENV] = str(reference)
        uvicorn.run("warta.api.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="warning")
        return
    uvicorn.run(create_app(ServeConfig(db=location, token=token, reference=reference, warm_up=True)), host=host,
                port=port, log_level="warning")


@command()
def follow(
    kind: str = typer.Argument(..., help="entity, outlet or search."),
    value: str = typer.Argument(..., help="The entity's name, the outlet, or the search query."),
    db: Optional[str] = DbOption,
) -> None:
    """Follow an entity, an outlet or a search; `warta watch` then shows what is new."""
    from warta import services
    from warta.cli.db import store_for

    with store_for(db, write=True) as store:
        try:
            row = services.follow(store, kind, value)
        except ValueError as exc:
            raise fail(str(exc))
    say(f"following {row['kind']} {row['value']} (watchlist {row['id']}; "
        f"feed /feeds/watchlist/{row['id']}.atom)")


@command()
def unfollow(
    watchlist_id: int = typer.Argument(..., help="The watchlist's number (see `warta watch --list`)."),
    db: Optional[str] = DbOption,
) -> None:
    """Stop following (delete a watchlist)."""
    from warta.cli.db import store_for

    with store_for(db, write=True) as store:
        if not store.remove_watchlist(watchlist_id):
            raise fail(f"no watchlist {watchlist_id}")
    say(f"watchlist {watchlist_id} removed")


@command()
def watch(
    db: Optional[str] = DbOption,
    peek: bool = typer.Option(False, "--peek", help="Show what is new without marking it read."),
    list_only: bool = typer.Option(False, "--list", help="Only list the watchlists."),
) -> None:
    """What is new for each watchlist since it was last read (then marked read)."""
    from warta import services
    from warta.cli.db import store_for

    with store_for(db, write=not (peek or list_only)) as store:
        if list_only:
            for w in store.watchlists():
                say(f"{w['id']:>3}  {w['kind']:<7} ", w["value"], (f"  read {w['read_at'] or 'never'}", "dim"))
            return
        news = services.watch(store, mark_read=not peek)
    if not news:
        say("nothing followed: try `warta follow entity NAME`")
        return
    for watchlist, rows in news:
        say((f"{watchlist['kind']} ", "bold"), (watchlist["value"], "bold"), f" — {len(rows)} new")
        for row in rows:
            say("  ", (row["id"], "cyan"), "  ", (f"{(row['published'] or '')[:10]} {row['outlet'] or ''}", "dim"),
                "  ", row["title"] or "")
