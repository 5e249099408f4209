"""The database a command works on, opened for reading or for writing, with every
database problem said in one line on stderr and exit code 2 (issue 10)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from typing import Iterator, Optional

from warta.cli.options import chosen_db
from warta.cli.safe import fail
from warta.settings import DB_ENV, database
from warta.store import DatabaseProblem, Store, open_store


@contextmanager
def store_for(db: Optional[str], write: bool = False) -> Iterator[Store]:
    """The store chosen by --db (before or after the subcommand), $WARTA_DB or the default.
    A reading command opens it read-only (so it works on a file or folder the user may not
    write, and never creates a database by mistake); ``write`` opens it for writing.
    Problems found when opening it, or later (locked by another writer, read-only), end
    the command with one line and exit 2."""
    from warta.store.sqlite import problem

    store = None
    try:
        given = chosen_db(db)
        # Only the default location's folder is made: a --db in a missing folder is a typo.
        store = open_store(given, read_only=not write, create_folder=not given and not os.environ.get(DB_ENV))
        yield store
    except DatabaseProblem as exc:
        raise fail(str(exc)) from None
    except sqlite3.Error as exc:
        raise fail(str(problem(exc, store.path if store else database(chosen_db(db))))) from None
    finally:
        if store is not None:
            store.close()
