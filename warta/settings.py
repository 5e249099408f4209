"""Settings in one place: where data lives, which database, and the tunable numbers of the
rules, each with how it was set (as trafilatura keeps its thresholds in settings.cfg).

Imports nothing heavy. Values here are the defaults every stage reads; a caller that needs
other values per request (the HTTP API) should pass them explicitly rather than patch this
module.

To do (owner h15, issue 15): the inline thresholds of ``claims/figures.py`` (the 60, 120 and
200-character windows) belong here too, once that file is split.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

# -- data roots ---------------------------------------------------------------------
PACKAGE_DIR = Path(__file__).resolve().parent
# Data that ships inside the package (lexicons, gazetteer, the trained NER, dev sets).
PACKAGE_DATA = PACKAGE_DIR / "data"

SHARED_ENV = "WARTA_SHARED"


def shared_root() -> Path:
    """The shared (read-only) corpora and gold sets warta is evaluated on: $WARTA_SHARED,
    else ``shared/`` beside the checkout (``<repo>/../shared``), else ``../shared`` from the
    working directory (an installed wheel has no checkout beside it)."""
    if os.environ.get(SHARED_ENV):
        return Path(os.environ[SHARED_ENV])
    checkout = PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file():
        # Kept unresolved ("<repo>/../shared") so the paths commands print stay as they were.
        return checkout / ".." / "shared"
    return Path("..") / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ``shared_root()``, e.g. ``shared_path("gold")``."""
    return shared_root().joinpath(*parts)


# -- start-up cache ------------------------------------------------------------------
CACHE_ENV = "WARTA_CACHE_DIR"


def cache_dir() -> Path:
    """Where data slow to build at start-up is kept (warta/cache.py): $WARTA_CACHE_DIR,
    else the user cache directory."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("warta", appauthor=False))


# -- database -----------------------------------------------------------------------
DB_ENV = "WARTA_DB"


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("warta", appauthor=False)) / "warta.db"


def database(given: Optional[Union[str, Path]] = None) -> str:
    """The database to open: the one given (``--db``), else $WARTA_DB, else ``warta.db`` in
    the user data directory. A file path for SQLite (a URL for other backends)."""
    if given:
        return str(given)
    return os.environ.get(DB_ENV) or str(default_db_path())


# -- tunables (one line each: what it bounds, and how the value was set) ---------------
# Entities (nlp/gazetteer.py, nlp/entities.py).
# A letter a page has lost throughout has at most this many occurrences left ("Gaa" for
# "Gaza"); set by hand on the seed that lost its "z" (commit 4671223), no detik-1000 article triggers it.
LOST_LETTER_MAX = 1
# Texts shorter than this (titles) lack rare letters by chance; set by hand with LOST_LETTER_MAX.
LOST_LETTER_MIN_TEXT = 2000
# A damaged name the model missed is taken only when the page repeats it this often; set with LOST_LETTER_MAX.
DAMAGED_MIN_REPEATS = 2

# Quotes (claims/quotes.py, claims/speech/).
# How far back (characters) a role word or demonstrative looks for its antecedent; set by
# hand when speaker resolution was written (commit cf0d4e7), checked with `warta evaluate quotes`.
ANTECEDENT_WINDOW = 3000
# A quotation with no speaker is kept only from this many words (shorter ones are titles or
# scare quotes); set by hand on the seeds and PFSA-ID dev-40 (commit cf0d4e7), `warta evaluate quotes`.
MIN_UNATTRIBUTED_WORDS = 8
# Characters of context read on each side of a speaker mention to decide its standing;
# set by hand on PFSA-ID dev-40 (commit 25a521d), `warta evaluate quotes` ('public' rows).
STANDING_WINDOW = 120
