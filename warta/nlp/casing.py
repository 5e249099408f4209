"""Title-Case lines written back in sentence case before the NER reads them.

Headlines capitalise every word ("Genosida Tewaskan Ribuan Warga", "Aksi Bela Palestina
di Monas"); the model, trained on running text, reads a capitalised common word as a
name. A line whose common words are mostly capitalised is passed to the model with those
words in lower case ("Genosida tewaskan ribuan warga", "Aksi bela Palestina di Monas"),
keeping: the line's first word and the first word after ".!?:", words running text itself
mostly capitalises (names: the lexicon has only words written in lower case in most of
their running-text occurrences: ``warta.lang.casing``), all-caps
words, gazetteer names ("Tepi Barat", "Jalur Gaza"), and a place or institution head
directly before a kept name ("Rumah Sakit Al Shifa", "Masjid Al Aqsa", "Kamp Nuseirat").
The rewritten text has the same length, so every offset stays valid. Hand-written: no
truecaser for Indonesian ships in a package reachable here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from warta.lang.casing import FUNCTION_WORDS, is_common_word, lower_words
from warta.nlp.cleanup import NAME_HEADS
from warta.nlp.gazetteer import entries

_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE_START = re.compile(r"[.!?:|\"“'‘\[(]\s*$")
# A line is Title Case when at least this share of its common words (after the first
# word) is capitalised, and it has at least MIN_COMMON of them.
TITLE_SHARE = 0.6
MIN_COMMON = 2
# Heads kept before a name: the entity repair's place/institution heads, plus the second
# word of two-word heads.
_HEADS = NAME_HEADS | {"sakit", "kamp", "rs", "sekolah", "madrasah", "pondok", "pesantren",
                       "penjara", "lapas", "markas", "istana", "gedung", "jembatan", "bendungan"}


@lru_cache(maxsize=1)
def _gazetteer_names() -> re.Pattern:
    names = sorted({name for _, name, _ in entries() if " " in name or name[:1].isupper()},
                   key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _is_title_case(words: list[re.Match], common: frozenset[str]) -> bool:
    cased = [m.group(0) for m in words[1:] if m.group(0).lower() not in FUNCTION_WORDS
             and is_common_word(m.group(0).lower(), common)
             and not (m.group(0).isupper() and len(m.group(0)) > 1)]
    if len(cased) < MIN_COMMON:
        return False
    return sum(w[0].isupper() for w in cased) / len(cased) >= TITLE_SHARE


_LOWER_WORD = re.compile(r"(?<![\w])[a-z]{4,}")
_UPPER_WORD = re.compile(r"(?<![\w])[A-Z][a-z]{3,}")


def _sentence_case_line(line: str, common: frozenset[str]) -> str:
    # Cheap test first: prose has more long lower-case words than capitalised ones.
    if len(_LOWER_WORD.findall(line)) >= len(_UPPER_WORD.findall(line)):
        return line
    words = list(_WORD.finditer(line))
    if len(words) < 3 or not _is_title_case(words, common):
        return line
    protected = set()
    for m in _gazetteer_names().finditer(line):
        protected.update(range(m.start(), m.end()))
    out = list(line)
    next_kept = False  # does the word after this one stay capitalised?
    for i in range(len(words) - 1, -1, -1):
        m = words[i]
        w = m.group(0)
        starts_clause = i > 0 and bool(_CLAUSE_START.search(line[words[i - 1].end():m.start()]))
        lower = w.lower()
        if (not w[0].isupper() or starts_clause or (w.isupper() and len(w) > 1)
                or m.start() in protected or not is_common_word(lower, common) or len(lower) != len(w)
                or (next_kept and lower in _HEADS)):
            next_kept = w[0].isupper()
            continue
        out[m.start():m.end()] = lower
        next_kept = False
    return "".join(out)


def sentence_case(text: str) -> str:
    """``text`` with its Title-Case lines in sentence case (same length, same offsets)."""
    if not text:
        return text
    common = lower_words()
    return "".join(_sentence_case_line(line, common) for line in text.splitlines(keepends=True))
