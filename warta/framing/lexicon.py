"""The loaded-language lexicon (``data/*.tsv|txt``) and the stemmer that matches it.

Indonesian builds words with affixes (bantai -> membantai, dibantai, pembantaian), so an
entry ``~bantai`` matches any word PySastrawi stems to ``bantai``; plain entries match the
word itself. Stems are cached per word: a news corpus repeats its vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"

CATEGORIES = ("pejorative_label", "atrocity_term", "glorifying_term", "emotive_intensifier")


@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]   # lower-case; "~root" matches by stem
    category: str
    rule: str | None = None

    @property
    def first_key(self) -> tuple[str, str]:
        w = self.words[0]
        return ("stem", w[1:]) if w.startswith("~") else ("word", w)


def _lines(name: str) -> list[str]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [ln for ln in (raw.split("#", 1)[0].rstrip() for raw in text.splitlines()) if ln.strip()]


@lru_cache(maxsize=1)
def entries() -> dict[tuple[str, str], list[Entry]]:
    """Entries by the key of their first word, longest first."""
    index: dict[tuple[str, str], list[Entry]] = {}
    for line in _lines("lexicon.tsv"):
        cols = line.split("\t")
        if len(cols) < 2 or cols[1] not in CATEGORIES:
            raise ValueError(f"framing lexicon: bad line {line!r}")
        e = Entry(tuple(words(cols[0])), cols[1], cols[2] if len(cols) > 2 and cols[2] else None)
        index.setdefault(e.first_key, []).append(e)
    for lst in index.values():
        lst.sort(key=lambda e: -len(e.words))
    return index


def words(phrase: str) -> list[str]:
    """An entry's words as the tokenizer cuts them: a hyphen is a word of its own."""
    return phrase.lower().replace("-", " - ").split()


@lru_cache(maxsize=1)
def openers() -> frozenset[str]:
    return frozenset(" ".join(words(ln)) for ln in _lines("openers.txt"))


@lru_cache(maxsize=1)
def speech_stems() -> frozenset[str]:
    return frozenset(ln.strip().lower() for ln in _lines("speech_verbs.txt"))


@lru_cache(maxsize=1)
def _stemmer():
    # PySastrawi: a dictionary-backed Indonesian stemmer (no hand-written affix rules here).
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem of a lower-case word."""
    if not word.isalpha():
        return word
    return _stemmer().stem(word)
