"""The ``warta`` command: the typer app. A leaf: it imports every command module and
registers the functions they mark with ``warta.cli.options.command``; nothing imports it
but the ``warta`` entry point (and tests)."""

from __future__ import annotations

import atexit
import gc
import inspect
from typing import Optional

import typer

from warta.cli import articles, entities_cmds, figures_cmds, framing_cmds, quotes_cmds, search_cmds, serve_cmds  # noqa: F401
from warta.cli import (eval_dates, eval_figures, eval_framing, eval_html, eval_linking, eval_meta,  # noqa: F401
                       eval_ner, eval_quotes, eval_search, eval_stories, reprocess_cmds, stories_cmds,
                       timeline_cmds)
from warta.cli.options import COMMANDS, GROUPS, DbOption, remember_db
from warta.settings import DB_ENV

EXIT_CODES_HELP = (
    "Exit codes: 0 = done; 1 = ingest/extract/figures --input: some inputs rejected (each "
    "with a one-line reason), the others processed; 2 = usage error, nothing could be read, "
    "something asked for is not there (show, story, entity, unfollow), or a database problem. "
    f"The database is --db, else ${DB_ENV}, else warta.db in the user data directory."
)

app = typer.Typer(add_completion=False, no_args_is_help=True, epilog=EXIT_CODES_HELP,
                  help="warta: offline news intelligence for Indonesian-language media.")
evaluate_app = typer.Typer(no_args_is_help=True, help="Score warta against gold data (precision, recall, F1).")
app.add_typer(evaluate_app, name="evaluate")


def _version(value: bool) -> None:
    if value:
        from warta import __version__

        typer.echo(f"warta {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(db: Optional[str] = DbOption,
             version: bool = typer.Option(False, "--version", is_eager=True, callback=_version,
                                          help="Print warta's version and exit.")) -> None:
    """Options for every command (given before the command's name)."""
    remember_db(db)


def _summary(fn) -> str:
    """The first paragraph of a command's docstring on one line: typer's rich help keeps
    the docstring's line breaks in the command list, which printed ragged lines."""
    return " ".join(inspect.cleandoc(fn.__doc__ or "").split("\n\n")[0].split())


_GROUPS = {"": app, "evaluate": evaluate_app}
for _group, _name, _fn in COMMANDS:
    _GROUPS[_group].command(_name, short_help=_summary(_fn) or None)(_fn)
for _name, _sub_app in GROUPS:
    app.add_typer(_sub_app, name=_name)


def main() -> None:
    # Python's last garbage collections at exit walk every object the run made (the NLP
    # model, the language identifier): ~0.25 s of CPU, a sixth of a one-article
    # `warta extract`. Frozen first, they are skipped; objects are still freed and atexit
    # handlers still run (docs/performance.md).
    atexit.register(gc.freeze)
    app()
