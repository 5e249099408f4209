"""Storage: SQLite by default (see ``sqlite.py``); the interface is in ``base.py``.

Where the database lives: the path given (``--db``), else the ``WARTA_DB`` environment
variable, else ``warta.db`` in the user data directory (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

from warta.store.base import SaveResult, SearchHit, Store

DB_ENV = "WARTA_DB"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("warta", appauthor=False)) / "warta.db"


def resolve_db_path(path: Optional[Union[str, Path]] = None) -> Path:
    if path:
        return Path(path)
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    return default_db_path()


def open_store(path: Optional[Union[str, Path]] = None) -> "Store":
    """The store at ``path`` (or WARTA_DB, or the default location), created if new."""
    from warta.store.sqlite import SQLiteStore

    return SQLiteStore(resolve_db_path(path))


__all__ = ["DB_ENV", "SaveResult", "SearchHit", "Store", "default_db_path", "open_store", "resolve_db_path"]
