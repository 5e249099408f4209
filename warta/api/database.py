"""Opening the database for ``warta serve``: every problem (missing, not a warta database,
locked, older or newer schema) is found once at start-up and said in one line, rather
than as a traceback on every request."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from warta.store.base import DatabaseProblem  # noqa: F401  (one exception for every face)
from warta.store.migrations import LATEST


def check_database(path: Path, migrate: bool = False) -> None:
    """Raise DatabaseProblem unless ``path`` is a warta database at the current schema
    (with ``migrate``, an older one is upgraded first)."""
    if not path.exists():
        raise DatabaseProblem(f"no database at {path}: create one with `warta ingest FILES --db {path}` "
                              "(or `warta demo`)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=2)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            # A write lock held by another process (an ingest) would stall every request.
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseProblem(f"{path} is locked by another process (an ingest running?): "
                                  "wait for it to finish, then start again") from None
        raise DatabaseProblem(f"cannot open {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"{path} is not a SQLite database ({exc})") from None
    if "articles" not in tables:
        raise DatabaseProblem(f"{path} is not a warta database (no articles table)")
    if version > LATEST:
        raise DatabaseProblem(f"{path} has schema version {version}, newer than this warta knows "
                              f"({LATEST}): upgrade warta")
    if version < LATEST:
        if not migrate:
            raise DatabaseProblem(f"{path} has schema version {version}, older than this warta ({LATEST}): "
                                  "back it up, then run `warta serve --migrate` to upgrade it")
        from warta.store.sqlite import SQLiteStore

        SQLiteStore(path).close()  # opening a store applies the pending migrations


class StorePool:
    """One SQLite connection per worker thread (a connection must stay in its thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def get(self):
        store = getattr(self._local, "store", None)
        if store is None:
            from warta.store.sqlite import SQLiteStore

            store = self._local.store = SQLiteStore(self.path)
        return store


class ThreadStore:
    """A Store whose every call goes to the calling thread's own connection. FastAPI may
    resolve a dependency in one worker thread and run the route in another, so a route must
    not hold a connection object, only this handle."""

    def __init__(self, pool: StorePool) -> None:
        self._pool = pool

    def __getattr__(self, name: str):
        return getattr(self._pool.get(), name)
