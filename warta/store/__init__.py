"""Storage: SQLite by default (see ``sqlite.py``); the interface is in ``base.py``."""
