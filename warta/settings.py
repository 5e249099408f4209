"""Settings in one place: where data lives, which database, and the tunable numbers of the
rules, each with how it was set (as trafilatura keeps its thresholds in settings.cfg).

Imports nothing heavy. Values here are the defaults every stage reads; a caller that needs
other values per request (the HTTP API) should pass them explicitly rather than patch this
module.

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
# How long a command waits for another process's write lock on an SQLite store before it
# says the database is locked (the value warta has used since the store was written).
DB_BUSY_SECONDS = 10.0
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

# Figures (claims/figures/). Set by hand when the rules were written on the seeds and the
# headline dev set (commits 1f7a10d, d79662b and after), kept through issue 15's real-news gold;
# each checked with `warta evaluate figures` (and `--gold warta/evaluate/data/realnews_dev.jsonl`).
# A date at most this many days before publication is the tally's report date, an older one an event's.
FIGURE_RECENT_DAYS = 7
# A casualty count this large with no word of one event is a running total (Figure.scope);
# set on the real-news dev headlines (issue 15): single attacks there kill hundreds at most.
FIGURE_TALLY_SIZE = 1000
# A one-line text shorter than this (characters) is read as a headline (listicle rules apply).
FIGURE_TITLE_LIKE_CHARS = 200
# Characters after a figure searched for a rate ("setiap hari").
FIGURE_RATE_REACH = 60
# Most characters between two figures that share a measure ("13.300 orang, termasuk 5.600 anak").
FIGURE_COORDINATION_GAP = 60
# Characters before a number searched for its qualifier ("sedikitnya", "lebih dari").
FIGURE_QUALIFIER_REACH = 40
# A speech verb credits a figure that follows it within this many characters ("X mengatakan ... 30.000").
FIGURE_SOURCE_AFTER_VERB = 120
# Characters of context that make two identical figures one repeated claim (teasers, captions).
FIGURE_REPEAT_CONTEXT = 60
# Most words between a casualty cue and its number ("menewaskan sedikitnya 13.300").
FIGURE_CUE_REACH_WORDS = 8
# Most words between a counted noun and its predicate ("... orang, sebagian besar warga sipil, tewas").
FIGURE_PREDICATE_REACH_WORDS = 9

# -- bounds on hostile input (issue 10) ----------------------------------------------
# A long body is analysed in pieces of at most this many characters (cut at a paragraph
# break, else a line break, a sentence end, a space): the stages' cost per character and
# the NLP stage's memory then stop growing with the document (measured in README,
# "Hostile input"). Real articles are shorter: detik-1000's longest body has 17,734.
MAX_PIECE_CHARS = 20_000
# The NLP stage runs spaCy over at most this many characters at once (its working memory
# grows with the characters of a batch, ~1.5 KB each).
NLP_BATCH_CHARS = 200_000
# A batch (warta/run/batch.py) holds at most this many characters of raw text as well as
# at most --batch-size articles; a longer article is a batch of its own. The NLP stage keeps
# every piece's analysis until its article's entities are resolved: ~110 bytes per
# character (`warta ingest` on one 1 / 2 / 19 MB news file: peak 786 / 893 / 2,694 MB), so
# memory follows the largest batch, and 32 long articles must not share one.
BATCH_CHARS = 2_000_000
# Per-article CPU time guard (warta/run/deadline.py): an article may use this many CPU
# seconds plus this many per MB of text before it is rejected. Real news takes ~20 CPU
# s/MB through the whole pipeline (README, "Hostile input"): the limit leaves 5x room.
ARTICLE_CPU_SECONDS = 30.0
ARTICLE_CPU_SECONDS_PER_MB = 100.0


def article_cpu_limit(chars: int) -> float:
    return ARTICLE_CPU_SECONDS + ARTICLE_CPU_SECONDS_PER_MB * chars / 1_000_000
