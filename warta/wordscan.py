"""Run a rule's regex only where its words are: the same matches, fewer positions tried.

Many rules are regexes that begin with optional words or a word boundary, so Python's
regex engine cannot skip ahead to where a match could begin: it tries the whole pattern
at every position of the text. When every match of a rule holds one of a few words, a
substring search finds those words (in C, fast), and the pattern need only be tried
near them. Case: for a pattern compiled with ``re.IGNORECASE``, the words are given in
lower case and sought in the lower-cased text, which is exact only in ASCII text (there
re.I folds just A-Z; beyond ASCII it also folds "ſ" with "s", "K" with "k", "ı" and "İ"
with "i" ...), so other text is scanned the ordinary way.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator


def lacks_words(text: str, words: Iterable[str]) -> bool:
    """True when no match of a re.IGNORECASE rule whose every match holds one of
    ``words`` (lower case) can be in ``text``: the text is ASCII and holds none of them."""
    if not text.isascii():
        return False
    lowered = text.lower()
    return not any(word in lowered for word in words)


def finditer_near(pattern: re.Pattern, text: str, words: Iterable[str], reach: int) -> Iterator[re.Match]:
    """What ``pattern.finditer(text)`` yields, for a pattern whose every match holds one
    of ``words`` beginning at most ``reach`` characters after the match's start (and
    never matches the empty string).

    finditer yields, from its search position (0, then the end of each match), the match
    at the first position where ``pattern.match(text, position)`` succeeds (a match
    tried at a position still sees the text before it, for look-behinds and ``\\b``).
    A match can only begin within ``reach`` characters before an occurrence of a word,
    so trying those positions in order, from the search position on, finds the same
    first match; each position is tried at most once."""
    folded = bool(pattern.flags & re.IGNORECASE)
    if folded and not text.isascii():
        yield from pattern.finditer(text)
        return
    haystack = text.lower() if folded else text
    hits: set[int] = set()
    for word in words:
        i = haystack.find(word)
        while i >= 0:
            hits.add(i)
            i = haystack.find(word, i + 1)
    nxt = 0  # every position before this has been tried, or lies inside a match
    for hit in sorted(hits):
        pos = max(nxt, hit - reach)
        while pos <= hit:
            m = pattern.match(text, pos)
            if m:
                if m.end() == m.start():
                    raise ValueError(f"{pattern.pattern!r} matched the empty string: no word in it")
                yield m
                pos = m.end()
            else:
                pos += 1
        nxt = max(nxt, pos)
