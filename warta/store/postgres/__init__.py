"""PostgreSQL backend (``--db postgresql://user@host/db``): see ``store.py``."""

from warta.store.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
