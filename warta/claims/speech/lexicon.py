"""Cue verbs and speaker words, kept as data files (warta/claims/data/quote_cues.tsv,
quote_speakers.tsv) so the lists can grow without touching the rules."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

_DATA = Path(__file__).resolve().parents[1] / "data"

# Cue classes (see quote_cues.tsv).
SAY, INVERTED, AFTER_QUOTE, ATTITUDE, ACCORDING = "say", "inverted", "after_quote", "attitude", "according"
PASSIVE = "passive"   # "disampaikan X": the speaker follows
TITLE = "title"   # not a cue: a quote after it is a name or title
# Derived class: "katanya", "ujarnya" — an inverted cue whose "-nya" is the speaker.
SUFFIX = "suffix"


def _read_tsv(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (_DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, cls = line.split("\t")
        if table.get(word.lower(), cls) != cls:
            raise ValueError(f"{name}: {word!r} is listed as both {table[word.lower()]!r} and {cls!r}")
        table[word.lower()] = cls
    return table


@lru_cache(maxsize=1)
def cues() -> dict[str, str]:
    return _read_tsv("quote_cues.tsv")


@lru_cache(maxsize=1)
def speaker_words() -> dict[str, str]:
    return _read_tsv("quote_speakers.tsv")


# Memoised: quotes asks it of every token several times (~280,000 calls per 300 detik
# articles); the answer depends on the word alone (the cue table is read once).
@lru_cache(maxsize=1 << 16)
def cue_of(word: str) -> Optional[tuple[str, str]]:
    """(class, lemma) when ``word`` is a speech cue, e.g. "ujarnya" -> ("suffix", "ujar")."""
    low = word.lower()
    table = cues()
    cls = table.get(low)
    if cls == TITLE:
        return None
    if cls is not None:
        return cls, low
    if low.endswith("nya") and table.get(low[:-3]) in (INVERTED, AFTER_QUOTE):
        return SUFFIX, low[:-3]
    if low.endswith("nya") and table.get(low[:-3]) == ACCORDING:
        return ACCORDING, low[:-3]   # "Menurutnya, ...": the "-nya" is the speaker
    return None


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """The lower-case words ``cue_of`` answers (its table entries and their "-nya" forms):
    a set test per token instead of a call, for a text's every token."""
    table = cues()
    nya = {word + "nya" for word, cls in table.items() if cls in (INVERTED, AFTER_QUOTE, ACCORDING)}
    return frozenset({word for word, cls in table.items() if cls != TITLE} | (nya - table.keys()))


def introduces_title(word: str) -> bool:
    """"bertajuk", "webinar", "istilah": a quote right after it is a name, not speech."""
    return cues().get(word.lower()) == TITLE


def word_class(word: str) -> Optional[str]:
    return speaker_words().get(word.lower())
