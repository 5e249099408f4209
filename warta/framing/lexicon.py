"""The loaded-language lexicon (``data/*.tsv|txt``) and the stemmer that matches it.

Indonesian builds words with affixes (bantai -> membantai, dibantai, pembantaian), so an
entry ``~bantai`` matches any word PySastrawi (``warta.lang.stem``) stems to ``bantai``;
plain entries match the word itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warta.lang.stem import stem
from warta.wordscan import finditer_near

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
def _root_cores() -> tuple[str, ...]:
    """What every stem entry's root keeps in any affixed form: the root without its first
    letter, which a nasal prefix may replace (tewas -> menewaskan, serang -> menyerang)."""
    return tuple(sorted({k[1][1:] for k in entries() if k[0] == "stem"}))


def stem_for_lexicon(word: str) -> str | None:
    """The stem of a lower-case word when it could be a stem entry's root, else None.
    Stemming is the costly step; a word that holds no root's core cannot stem to it."""
    return stem(word) if any(core in word for core in _root_cores()) else None


@lru_cache(maxsize=1)
def _candidate_res() -> tuple[re.Pattern, re.Pattern]:
    firsts = sorted({k[1] for k in entries() if k[0] == "word"}, key=len, reverse=True)
    return (re.compile(r"\b(?:" + "|".join(map(re.escape, firsts)) + r")\b"),
            re.compile("|".join(map(re.escape, _root_cores()))))


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str] | None:
    """The entries' first words, when each is one ``\\w+`` word (else None: see below)."""
    firsts = frozenset(k[1] for k in entries() if k[0] == "word")
    return firsts if all(re.fullmatch(r"\w+", w) for w in firsts) else None


_WORDS = re.compile(r"\w+")


def candidate_starts(low: str) -> set[int]:
    """Where in lower-cased text an entry could start: an entry's first word, or the word
    around a stem root's core. Most articles hold few, and are done after two scans.

    The first-word regex, ``\\b(?:word|...)\\b``, begins with ``\\b``, so the regex engine
    would try its ~65 words at every position; a match is a whole ``\\w+`` word of the text
    that is a first word, so the text's words present among them are found by a set
    intersection, and the regex is tried only where those occur (wordscan.finditer_near):
    the same matches (tests/test_framing.py)."""
    words_re, cores_re = _candidate_res()
    firsts = _first_words()
    if firsts is None:
        starts = {m.start() for m in words_re.finditer(low)}
    else:
        present = firsts.intersection(_WORDS.findall(low))
        starts = {m.start() for m in finditer_near(words_re, low, present, 0)} if present else set()
    for m in cores_re.finditer(low):
        k = m.start()
        while k > 0 and low[k - 1].isalnum():
            k -= 1
        starts.add(k)
    return starts
