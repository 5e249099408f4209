"""``warta reprocess``: the pipeline again over every stored article, after a model or
rules upgrade (a thin wrapper over ``warta.run.batch.reprocess``)."""

from __future__ import annotations

import contextlib
from typing import Optional

import typer

from warta.cli.common import quiet_libraries, runner
from warta.cli.options import DbOption, SchedulerOption, WorkersOption, command
from warta.cli.safe import err, say


@command()
def reprocess(
    db: Optional[str] = DbOption,
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per pipeline batch and per database transaction."),
    workers: int = WorkersOption,
    scheduler: Optional[str] = SchedulerOption,
) -> None:
    """Re-annotate every stored article from its stored input with the installed pipeline.

    Ids, ingestion order and times stay; an article whose annotations changed is rewritten
    (search entry and annotation rows too), then stories are rebuilt. Running it twice
    changes nothing the second time. An article the new pipeline rejects keeps its stored
    version. Exit codes: 0 ok; 1 some articles kept as stored.
    """
    from warta.run.batch import reprocess as reprocess_store
    from warta.cli.db import store_for

    quiet_libraries()
    with contextlib.ExitStack() as stack:
        store = stack.enter_context(store_for(db, write=True))
        run = runner(stack, workers, scheduler)
        progress = (lambda r: say(f"{r.seen} reprocessed · {r.changed} changed", stderr=True, end="\r")) \
            if err.is_terminal else None
        report = reprocess_store(store, batch_size=batch_size, on_progress=progress, map_batches=run,
                                 stories_map=getattr(run, "map", None))
        path = store.path
    say(f"{report.seen} reprocessed · ", (f"{report.changed} changed", "green"),
        f" · {len(report.failed)} failed (kept as stored)  (", path, ")")
    for failed in report.failed:
        say("  ", ("kept", "red"), " ", str(failed), soft_wrap=True)
    raise typer.Exit(1 if report.failed else 0)
