"""Name lists as model features (issue 14): ``warta_name_lists`` marks, per token, which
name lists a longest match covers it in, and the NER's tok2vec embeds that mark.

Lists (``../shared/data/ner/gazetteers``, built into ``data/namelists.npz`` by
``python -m training.namelists``): DBpedia persons (P), organisations (O), places (L) and
Indonesian region names (W). They are too noisy to be answers (precision 0.56, recall 0.42
as longest-match rules alone), so the model sees them as one more input and learns when to
trust them. The mark is written to ``Token.tag_`` (no tagger in this pipeline; the model's
``MultiHashEmbed`` reads TAG like NORM or SHAPE), e.g. "PB LB" = first token of a P match
and of an L match. Matching is over lower-cased spaCy tokens: a name is the rolling hash of
its tokens' ``lower`` ids (spaCy's stable 64-bit string hashes), so the table is two numpy
arrays and a lookup costs one dict probe per token tried. Hand-written: spaCy's
PhraseMatcher over ~300k names takes seconds to build at start-up and memory per pattern.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

DATA = Path(__file__).parent / "data" / "namelists.npz"
LISTS = "POLW"  # bit i of a table value = the name is in list LISTS[i]
PREFIX_BIT = 1 << 7  # some longer name continues these tokens
MAX_TOKENS = 8
_MASK = (1 << 64) - 1
_MULT = 0x100000001B3


def extend(key: int, lower: int) -> int:
    """The key of a token sequence one token longer (FNV-style rolling hash)."""
    return ((key ^ lower) * _MULT) & _MASK


def key_of(lowers: list[int]) -> int:
    key = 0xCBF29CE484222325
    for lower in lowers:
        key = extend(key, lower)
    return key


@lru_cache(maxsize=1)
def table() -> tuple[np.ndarray, np.ndarray]:
    """(sorted keys, their list bits | PREFIX_BIT); empty when the data file is missing
    (then every mark is empty, as for text no list knows). Searched with numpy, one
    vectorised probe per match length over all of a document's tokens: no per-name Python
    objects, so loading costs a file read (a dict of the 479k keys took ~1 s to build)."""
    if not DATA.exists():
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint8)
    data = np.load(DATA)
    return data["keys"], data["bits"]


_BASIS = 0xCBF29CE484222325


def longest(lowers: np.ndarray, names: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """[token, list] -> length of the longest name of that list starting at the token."""
    keys, bits = table() if names is None else names
    n = len(lowers)
    out = np.zeros((n, len(LISTS)), dtype=np.int32)
    if not n or not len(keys):
        return out
    starts = np.arange(n)
    key = np.full(n, _BASIS, dtype=np.uint64)
    mult = np.uint64(_MULT)
    for length in range(1, MAX_TOKENS + 1):
        keep = starts + length - 1 < n
        starts, key = starts[keep], key[keep]
        key = (key ^ lowers[starts + length - 1]) * mult  # uint64 arithmetic wraps: mod 2**64
        idx = np.searchsorted(keys, key)
        idx[idx == len(keys)] = 0
        found = keys[idx] == key
        starts, key, b = starts[found], key[found], bits[idx[found]]
        for i in range(len(LISTS)):
            out[starts[(b & (1 << i)) != 0], i] = length
        cont = (b & PREFIX_BIT) != 0
        starts, key = starts[cont], key[cont]
        if not len(starts):
            break
    return out


def _lowers(doc: Doc) -> np.ndarray:
    return np.fromiter((t.lower for t in doc), dtype=np.uint64, count=len(doc))


def longest_matches(doc: Doc, names=None) -> list[tuple[int, int, int]]:
    """(start, end, list bits) of the greedy longest matches over all lists at once."""
    lengths = longest(_lowers(doc), names)
    best = lengths.max(axis=1) if len(doc) else lengths
    out = []
    i = 0
    for i in np.nonzero(best)[0].tolist():
        if out and i < out[-1][1]:
            continue
        b = sum(1 << k for k in range(len(LISTS)) if lengths[i, k] == best[i])
        out.append((i, i + int(best[i]), b))
    return out


def marks(doc: Doc, names=None) -> list[str]:
    """Per token, the lists whose greedy longest match (left to right, each list on its
    own) covers it: "PB" begins a person-list match, "PI" continues one."""
    lengths = longest(_lowers(doc), names)
    out: list[list[str]] = [[] for _ in range(len(doc))]
    for b, name in enumerate(LISTS):
        covered = -1
        for i in np.nonzero(lengths[:, b])[0].tolist():
            if i < covered:
                continue
            covered = i + int(lengths[i, b])
            out[i].append(name + "B")
            for k in range(i + 1, covered):
                out[k].append(name + "I")
    return [" ".join(m) for m in out]


@Language.factory("warta_name_lists")
def make_name_lists(nlp: Language, name: str):
    names = table()

    def name_lists(doc: Doc) -> Doc:
        for token, mark in zip(doc, marks(doc, names)):
            if mark:
                token.tag_ = mark
        return doc

    return name_lists
