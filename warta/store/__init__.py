"""Storage: the interface is ``base.Store``; SQLite (``sqlite.py``) is the default backend,
PostgreSQL (``postgres/``) the shared one.

Which database: the one given (``--db``), else $WARTA_DB, else ``warta.db`` in the user
data directory (``warta.settings.database``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional, Union

from warta.settings import DB_ENV, database, default_db_path
from warta.store.base import DatabaseProblem, Known, SaveResult, SearchHit, Store


def resolve_db_path(path: Optional[Union[str, Path]] = None) -> Path:
    return Path(database(path))


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(location: Union[str, Path]) -> bool:
    return str(location).startswith(POSTGRES_SCHEMES)


def open_store(path: Optional[Union[str, Path]] = None, read_only: bool = False,
               create_folder: bool = True) -> Store:
    """The store at ``path`` (or $WARTA_DB, or the default location): a PostgreSQL
    database for a ``postgresql://`` URL (``pip install warta[postgres]``), else an SQLite
    file, created if new unless ``read_only`` (then opened so that nothing can be written).
    A problem opening it raises ``DatabaseProblem`` (one line: what and what to do).
    ``create_folder=False``: a missing parent folder is such a problem (the CLI's --db)."""
    location = database(path)
    if is_postgres(location):
        from warta.store.postgres import PostgresStore

        _check_server(location)
        return PostgresStore(location)
    from warta.store.sqlite import SQLiteStore

    return SQLiteStore(location, read_only=read_only, create_folder=create_folder)


def _check_server(url: str) -> None:
    """One plain connection first: a server that is down or refuses us is then one line
    (the pool would wait 30 s and raise PoolTimeout, saying nothing of why)."""
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        shown = re.sub(r"(//[^:/@]+):[^@/]*@", r"\1:***@", url)  # never print a password
        raise DatabaseProblem(f"cannot connect to {shown}: {reason}") from None


__all__ = ["DB_ENV", "DatabaseProblem", "Known", "SaveResult", "SearchHit", "Store", "default_db_path", "open_store", "resolve_db_path"]
