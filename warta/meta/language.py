"""Language of the clean text (ISO 639-1), by py3langid's naive Bayes classifier."""

from __future__ import annotations

import mmap
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Optional

import numpy as np
from py3langid import langid

from warta import cache

SAMPLE_CHARS = 3000  # enough text for a sure answer; the classifier is linear in length
MIN_CHARS = 20       # below this any answer is noise


@lru_cache(maxsize=1)
def identifier() -> langid.LanguageIdentifier:
    """py3langid's default identifier. Decompressing its model (xz) takes ~0.6 s, most of
    a one-article CLI call, so the built identifier is cached on disk (~0.07 s to load)."""
    model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    built = cache.load_or_build("py3langid", _model_key(),
                                lambda: langid.LanguageIdentifier.from_model_file(model))
    built.__class__ = _Identifier  # same object layout, the byte walk done by numpy
    return built


def detect(text: str) -> Optional[str]:
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < MIN_CHARS:
        return None
    lang, _score = identifier().classify(sample)
    return lang


@lru_cache(maxsize=1)
def _model_key() -> str:
    model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    return cache.digest(model.read_bytes(), version("py3langid"))


class _Identifier(langid.LanguageIdentifier):
    """py3langid's identifier with its feature counts computed by numpy (same answers).

    py3langid walks its byte-n-gram automaton one byte at a time in Python
    (``langid.visit_counts``), ~4% of the whole pipeline. The automaton is Aho-Corasick
    over n-grams of at most ``depth`` bytes: the state after a byte is the longest suffix
    of the text so far that begins some n-gram, so it depends only on the last ``depth``
    bytes, and the states at every position can be computed together, ``depth`` steps of
    array lookups instead of one Python step per byte. The counts come back in the order
    of first occurrence, as py3langid's ``Counter`` has them, so its scores (a float32 sum
    in that order) are the same bits; ``tests/test_meta.py`` compares both walks."""

    __slots__ = ()

    def _raw_score(self, text):
        ids, counts = feature_arrays(self, text)
        if ids.size:
            # py3langid's _sparse_score, from arrays: its ``idx`` and float32 ``counts``
            # (made there from the dict by np.fromiter), the same matrix product. Its table
            # is float16, which the product casts to float32 row by row at every call
            # (~0.26 ms of ~0.8 per article); the rows come cast already from
            # ``_float32_rows`` (float16 -> float32 is exact), so the product sees the same
            # float32 numbers and gives the same bits (tests/test_startup.py).
            return np.log1p(counts.astype(np.float32)) @ _float32_rows(self.nb_ptc, ids) + self.nb_pc
        return super()._raw_score(text)  # no features: py3langid's own floor score


def feature_counts(ident: langid.LanguageIdentifier, text: bytes) -> dict[int, int]:
    """{feature: count} of ``text`` (UTF-8 bytes) in order of first occurrence: what
    ``langid.visit_counts`` returns, computed over all positions at once."""
    ids, counts = feature_arrays(ident, text)
    return dict(zip(ids.tolist(), counts.tolist()))


def feature_arrays(ident: langid.LanguageIdentifier, text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """``feature_counts`` as two arrays (features, counts), in order of first occurrence."""
    nextmove, rowbase, output, depth = _automaton(ident)
    data = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
    if not data.size:
        return _NONE
    state = nextmove[rowbase[0] + data].astype(np.int64)  # after one byte read from the start state
    for k in range(1, depth):
        # The state at i after reading bytes i-k..i; positions < k already hold the
        # state after all their bytes (the walk from the start of the text).
        state[k:] = nextmove[rowbase[state[k - 1:-1]] + data[k:]]
    features = output[state]
    features = features[features >= 0]
    n = features.size
    if not n:
        return _NONE
    # One sort of (feature, position) keys, unique as positions are, instead of np.unique's
    # stable sort with first indices and counts and a second stable sort: each feature's
    # keys come together, the first of them at its first position.
    keys = features * n + np.arange(n)
    keys.sort()
    feature = keys // n
    change = np.empty(n, dtype=bool)  # (np.diff with prepend/append: the same, slower)
    change[0] = True
    np.not_equal(feature[1:], feature[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    counts = np.empty(starts.size, dtype=np.int64)
    np.subtract(starts[1:], starts[:-1], out=counts[:-1])
    counts[-1] = n - starts[-1]
    first = keys[starts] - feature[starts] * n
    order = np.argsort(first)  # first positions differ: any sort gives this order
    return feature[starts][order], counts[order]


_NONE = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
_ROWS: dict[int, "_CastRows"] = {}


class _CastRows:
    """Rows of a float16 table cast to float32 once, the first time a text uses them, kept
    one after the other in an anonymous memory map the size of the whole float32 table
    (57 MB of address space for py3langid's 100,053 x 142) of which only the pages written
    are memory: ~20,000 features occur in 1,000 news articles, ~12 MB. (A growing array
    would copy itself and hold twice the rows while it grows; a heap block could take
    memory other stages reuse.)"""

    def __init__(self, table: np.ndarray) -> None:
        self.table = table
        self.slot = np.full(len(table), -1, dtype=np.int64)
        size = max(table.size * 4, 1)
        if hasattr(mmap, "MAP_PRIVATE"):
            # private: a forked worker writes its own rows, never its parent's or a sibling's
            memory = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE)
            self.rows = np.frombuffer(memory, dtype=np.float32)[:table.size].reshape(table.shape)
        else:
            self.rows = np.empty(table.shape, dtype=np.float32)
        self.used = 0

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        slots = self.slot[ids]
        new = ids[slots < 0]  # (ids are distinct)
        if new.size:
            end = self.used + new.size
            self.rows[self.used:end] = self.table[new]
            self.slot[new] = np.arange(self.used, end)
            self.used = end
            slots = self.slot[ids]
        return self.rows[slots]


def _float32_rows(table: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``table[ids]`` as float32 (what the scoring product computes with)."""
    if table.dtype != np.float16:
        return table[ids]
    rows = _ROWS.get(id(table))
    if rows is None or rows.table is not table:
        rows = _ROWS[id(table)] = _CastRows(table)
    return rows(ids)


_AUTOMATA: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, int]] = {}


def _automaton(ident: langid.LanguageIdentifier) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """py3langid's transition table as arrays (the table itself, not a copy), and the
    automaton's depth (cached on disk with the identifier: ~0.5 s to compute)."""
    key = id(ident.tk_nextmove)
    if key not in _AUTOMATA:
        nextmove = np.frombuffer(ident.tk_nextmove, dtype=np.uint32)  # array.array('I')
        rowbase = np.asarray(ident._rowbase, dtype=np.int64)
        output = np.asarray(ident.tk_output, dtype=np.int64)
        depth = cache.load_or_build("py3langid-depth", _model_key(),
                                    lambda: _depth(nextmove, rowbase))
        _AUTOMATA[key] = (nextmove, rowbase, output, depth)
    return _AUTOMATA[key]


def _depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """The length of the automaton's longest n-gram: its deepest state by breadth-first
    search from the start state."""
    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0] = True
    frontier, depth, every_byte = np.array([0]), 0, np.arange(256)
    while True:
        reached = nextmove[(rowbase[frontier][:, None] + every_byte).ravel()]
        frontier = np.unique(reached[~seen[reached]])
        if not frontier.size:
            return depth
        seen[frontier] = True
        depth += 1
