"""What the command modules share without importing the app (``warta.cli.app`` is the
leaf that imports them all): the ``@command`` registry, options declared once, and the
database chosen by ``--db`` before or after the subcommand."""

from __future__ import annotations

from datetime import date
from typing import Callable, Optional

import typer

from warta.settings import DB_ENV

# (group, name, function): group "" is the top level, "evaluate" is `warta evaluate ...`.
COMMANDS: list[tuple[str, Optional[str], Callable]] = []


def command(name: Optional[str] = None, group: str = "") -> Callable[[Callable], Callable]:
    """Mark a function as a CLI command (registered by ``warta.cli.app``)."""
    def mark(fn: Callable) -> Callable:
        COMMANDS.append((group, name, fn))
        return fn
    return mark


def evaluate_command(name: str) -> Callable[[Callable], Callable]:
    return command(name, group="evaluate")


# (name, typer app) of command groups with subcommands of their own (`warta stories rebuild`).
GROUPS: list[tuple[str, typer.Typer]] = []


def command_group(name: str, group: typer.Typer) -> typer.Typer:
    """Register a typer sub-app as `warta NAME ...` (added by ``warta.cli.app``)."""
    GROUPS.append((name, group))
    return group


DB_HELP = (f"Database: an SQLite file, or a PostgreSQL URL postgresql://user@host/db "
           f"(default: ${DB_ENV}, else warta.db in the user data directory).")
# Declared once: `warta --db F list` and `warta list --db F` both work.
DbOption = typer.Option(None, "--db", help=DB_HELP)
# Where the pipeline runs (ingest, reprocess, stories rebuild): warta.cli.common.runner.
WorkersOption = typer.Option(0, "--workers", min=0, help="Run the work in N worker processes (a local Dask cluster); 0: in this process.")
SchedulerOption = typer.Option(None, "--scheduler", help="Run the work on a running Dask cluster, e.g. tcp://HOST:8786.")


def iso_day(value: Optional[str]) -> Optional[str]:
    """--since/--until: stored dates are compared as text, so a bound that is not
    YYYY-MM-DD would silently match nothing (or everything): refuse it (exit 2)."""
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None
    return value


# The --db given before the subcommand; set by the app's callback on every invocation.
# A string, not a Path: a Path would fold the "//" of a postgresql:// URL.
_given_before: dict[str, Optional[str]] = {}


def remember_db(db: Optional[str]) -> None:
    _given_before["db"] = db


def chosen_db(db: Optional[str]) -> Optional[str]:
    """--db after the subcommand, else --db before it, else None (then $WARTA_DB or the
    default location, see ``warta.settings.database``)."""
    return db if db is not None else _given_before.get("db")
