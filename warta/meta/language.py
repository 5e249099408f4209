"""Language of the clean text (ISO 639-1), by py3langid's naive Bayes classifier."""

from __future__ import annotations

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
        visits = feature_counts(self, text)
        if visits:
            return self._sparse_score(visits, self.nb_ptc)
        return super()._raw_score(text)  # no features: py3langid's own floor score


def feature_counts(ident: langid.LanguageIdentifier, text: bytes) -> dict[int, int]:
    """{feature: count} of ``text`` (UTF-8 bytes) in order of first occurrence: what
    ``langid.visit_counts`` returns, computed over all positions at once."""
    nextmove, rowbase, output, depth = _automaton(ident)
    data = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
    if not data.size:
        return {}
    state = nextmove[rowbase[0] + data].astype(np.int64)  # after one byte read from the start state
    for k in range(1, depth):
        # The state at i after reading bytes i-k..i; positions < k already hold the
        # state after all their bytes (the walk from the start of the text).
        state[k:] = nextmove[rowbase[state[k - 1:-1]] + data[k:]]
    features = output[state]
    features = features[features >= 0]
    if not features.size:
        return {}
    ids, first, counts = np.unique(features, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    return dict(zip(ids[order].tolist(), counts[order].tolist()))


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
