"""Opening the database for ``warta serve``: every problem (missing, not a warta database,
locked, older or newer schema) is found once at start-up and said in one line, rather
than as a traceback on every request; for an SQLite file and for a PostgreSQL URL alike."""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path
from typing import Union

from warta.store.base import DatabaseProblem  # noqa: F401  (one exception for every face)
from warta.store.migrations import LATEST


def check_database(location: Union[str, Path], migrate: bool = False) -> None:
    """Raise DatabaseProblem unless ``location`` (an SQLite file or a PostgreSQL URL) is a
    warta database at the current schema (with ``migrate``, an older one is upgraded first)."""
    from warta.store import is_postgres

    if is_postgres(location):
        return _check_postgres(str(location), migrate)
    path = Path(location)
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
    if _upgrade_needed(str(path), version, LATEST, migrate):
        from warta.store.sqlite import SQLiteStore

        SQLiteStore(path).close()  # opening a store applies the pending migrations


def _upgrade_needed(where: str, version: int, latest: int, migrate: bool) -> bool:
    """True when an older schema is to be upgraded (``migrate``); DatabaseProblem when the
    schema is newer, or older and not to be upgraded."""
    if version > latest:
        raise DatabaseProblem(f"{where} has schema version {version}, newer than this warta knows "
                              f"({latest}): upgrade warta")
    if version < latest and not migrate:
        raise DatabaseProblem(f"{where} has schema version {version}, older than this warta ({latest}): "
                              "back it up, then run `warta serve --migrate` to upgrade it")
    return version < latest


def shown(url: str) -> str:
    """A database URL fit for a message: without its password."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)


def _check_postgres(url: str, migrate: bool) -> None:
    try:
        import psycopg
    except ImportError:
        raise DatabaseProblem("a PostgreSQL URL needs the driver: pip install 'warta[postgres]'") from None
    from warta.store.postgres import schema
    from warta.store.postgres.store import _MIGRATION_LOCK

    latest = max(schema.MIGRATIONS)
    where = shown(url)
    try:
        with psycopg.connect(url, connect_timeout=5, autocommit=True) as conn:
            have = conn.execute("SELECT to_regclass('warta_schema') IS NOT NULL, "
                                "to_regclass('articles') IS NOT NULL").fetchone()
            if not have[1]:
                raise DatabaseProblem(f"{where} is not a warta database (no articles table): create one with "
                                      f"`warta ingest FILES --db {where}`")
            version = conn.execute("SELECT coalesce(max(version), 0) FROM warta_schema").fetchone()[0] \
                if have[0] else 0
            # Another process upgrading the schema, or holding a table lock (ALTER, VACUUM FULL),
            # would stall every request: wait two seconds at most, as for SQLite.
            with conn.transaction():
                conn.execute("SET LOCAL lock_timeout = '2s'")
                if not conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (_MIGRATION_LOCK,)).fetchone()[0]:
                    raise DatabaseProblem(f"{where} is locked by another warta process upgrading it: "
                                          "wait for it to finish, then start again")
                conn.execute("LOCK TABLE articles IN ROW EXCLUSIVE MODE")
    except psycopg.errors.LockNotAvailable:
        raise DatabaseProblem(f"{where} is locked by another process: wait for it to finish, "
                              "then start again") from None
    except psycopg.OperationalError as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        if "does not exist" in reason:
            raise DatabaseProblem(f"no database at {where} ({reason}): create it (createdb), then "
                                  f"`warta ingest FILES --db {where}`") from None
        raise DatabaseProblem(f"cannot open {where}: {reason}") from None
    except psycopg.Error as exc:
        raise DatabaseProblem(f"cannot open {where}: {' '.join(str(exc).split())}") from None
    if _upgrade_needed(where, version, latest, migrate):
        from warta.store.postgres import PostgresStore

        PostgresStore(url).close()  # opening a store applies the pending migrations


class StorePool:
    """One SQLite connection per worker thread (a connection must stay in its thread); for
    PostgreSQL one store, whose own connection pool the threads share."""

    def __init__(self, location: Union[str, Path]) -> None:
        from warta.store import is_postgres

        self.path = location
        self.postgres = is_postgres(location)
        self._local = threading.local()
        self._shared = None
        self._lock = threading.Lock()

    def get(self):
        if self.postgres:
            with self._lock:
                if self._shared is None:
                    from warta.store.postgres import PostgresStore

                    self._shared = PostgresStore(str(self.path), max_connections=8)
                return self._shared
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
