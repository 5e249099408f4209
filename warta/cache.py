"""On-disk cache for data that is slow to build at start-up and the same for every run
(a language-identification model decompressed from its archive).

An entry is keyed by a digest of everything it is built from (the data file and the
library version), so a new version of either builds a new entry. It lives in the user
cache directory (``settings.cache_dir()``): the pickles are
written by this user only. Safe with concurrent processes: each writes a private temporary
file and renames it into place (atomic), so a reader never sees half an entry; two
processes building at once both write the same bytes. An unreadable entry is rebuilt;
a read-only cache directory only costs the speed-up.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from typing import Callable, TypeVar

from warta.settings import cache_dir

T = TypeVar("T")
log = logging.getLogger(__name__)


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:16]


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The cached value of ``name`` for ``key``; built (and stored) when missing."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged entry is rebuilt, never trusted
        log.warning("start-up cache %s unreadable (%s); rebuilding it", path, exc)
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}-", delete=False) as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        for old in folder.glob(f"{name}-*.pickle"):  # entries of older versions
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("start-up cache %s not written (%s)", path, exc)
        try:
            os.unlink(tmp.name)
        except (OSError, NameError):
            pass
    return value
