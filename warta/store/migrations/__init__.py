"""Schema migrations, applied in order and recorded in ``PRAGMA user_version``.

Each migration is a module ``mNNNN_<what>.py`` with a ``SQL`` string; the number is the
schema version it brings the database to. Never edit a released migration: add one."""

from __future__ import annotations

import importlib
import pkgutil
import re

_NAME = re.compile(r"^m(\d{4})_\w+$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration, oldest first."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        match = _NAME.match(info.name)
        if match:
            module = importlib.import_module(f"{__name__}.{info.name}")
            found.append((int(match.group(1)), info.name, module.SQL))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return found


LATEST = len(migrations())
