"""Measure vocabulary: the cue words around a count that say what happened to the
people (tewas -> killed, terjaring -> detained, terdampak -> other_people), and the
clause limits a cue may reach across."""

from __future__ import annotations

import re
from typing import Optional

from warta import settings
from warta.claims.numbers import find_numbers
from warta.claims.figures.lexicon import Lexicon
from warta.claims.figures.text import ACTIVE_VERB, WORD, words_between


def gap_ok(low: str, start: int, end: int, lex: Lexicon, max_words: int = settings.FIGURE_CUE_REACH_WORDS) -> bool:
    """Words between a cue and its number: few, and no active verb that starts another
    clause (qualifier verbs such as 'melampaui' are fine)."""
    gap = low[start:end]
    if any(c in gap for c in ";:") or re.search(r"[.!?][\"”’)]*\s", gap):
        return False
    unquoted = re.sub(r"[\"“'‘][^\"”'’]{0,40}[\"”'’]", " ", gap)  # quoted words are no clause
    if re.search(r"[\"“”]", unquoted):
        return False  # the cue is inside a quotation, the number outside it (or the reverse)
    words = list(WORD.finditer(unquoted))
    if len(words) > max_words:
        return False
    for w in words:
        word = w.group(0)
        if word in lex.conjunctions:
            return False  # "... luka-luka ketika ribuan demonstran ...": another clause
        if ACTIVE_VERB.match(word) and word not in lex.qualifier_verbs and word not in ("mencapai", "menjadi"):
            return False
    return True


def measure_after(low: str, pos: int, limit: int, lex: Lexicon,
                   max_words: int = settings.FIGURE_PREDICATE_REACH_WORDS) -> Optional[tuple[str, int, int]]:
    """A post-nominal cue after the counted noun: '... dilaporkan tewas'. Returns
    (measure, cue end, words skipped before the cue)."""
    stop = re.search(r"[;:]|\s[-–—]\s", low[pos:limit])
    limit = pos + stop.start() if stop else limit
    prev_word = ""
    words = words_between(low, pos, limit)[:max_words]
    for i, w in enumerate(words):
        hit = lex.after.at(low, w.start(), limit)
        if hit:
            if prev_word in lex.negations:
                return None  # "tak jadi korban": the cue is denied
            if prev_word == "yang" and i >= 2 and lex.groups.before(low, words[i - 1].start(), words[i - 2].start()):
                return None  # "... dari rahim ibu yang tewas": the cue is another noun's
            return hit[0], hit[2], i
        word = w.group(0)
        if word in ("dan", "serta", "atau") and find_numbers(low[w.end():w.end() + 30]):
            return None  # the next coordinated figure's own predicate
        if ACTIVE_VERB.match(word):
            return None
        prev_word = word
    return None


def measure_before(low: str, pos: int, floor: int, lex: Lexicon) -> Optional[tuple[str, int]]:
    """The nearest cue before the number in its clause: 'menewaskan sedikitnya'."""
    hits = [h for h in lex.before.all(low, floor, pos) if gap_ok(low, h[2], pos, lex)]
    if hits:
        # A cue word inside a named kind of people is part of its name ("pekerja bebas":
        # freelancers, not people set free).
        nouns = [(s, e) for label, s, e in lex.groups.all(low, floor, pos) if label != "people"]
        hits = [h for h in hits if not any(s <= h[1] and h[2] <= e and (s, e) != (h[1], h[2]) for s, e in nouns)]
    if not hits:
        return None
    label, s, e = hits[-1]
    before = words_between(low, max(floor, s - 12), s)
    if before and before[-1].group(0) in lex.negations:
        return None
    return label, s, e
