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
from re import _constants as sre
from re import _parser as sre_parse
from typing import Iterable, Iterator, Optional


_STRETCH = 1 << 16  # characters whose word positions are held at once
_IGNORECASE = int(re.IGNORECASE)  # (a plain int: "&" with the enum goes through Python code)


def lacks_words(text: str, words: Optional[Iterable[str]]) -> bool:
    """True when no match of a re.IGNORECASE rule whose every match holds one of
    ``words`` (lower case) can be in ``text``: the text is ASCII and holds none of them.
    ``words`` None (``leading_words`` could not tell them): False, the rule must run."""
    if words is None or not text.isascii():
        return False
    lowered = text.lower()
    return not any(word in lowered for word in words)


def occurrences(haystack: str, words: Iterable[str], lo: int = 0, hi: Optional[int] = None) -> set[int]:
    """Where in ``haystack`` one of ``words`` begins, at positions ``lo`` to ``hi`` (not
    included): ``str.find``, in C, instead of a regex tried at every position."""
    hi = len(haystack) if hi is None else hi
    found: set[int] = set()
    for word in words:
        stop = hi + len(word) - 1  # (an occurrence beginning before hi ends by this)
        i = haystack.find(word, lo, stop)
        while i >= 0:
            found.add(i)
            i = haystack.find(word, i + 1, stop)
    return found


def finditer_near(pattern: re.Pattern, text: str, words: Optional[Iterable[str]], reach: int,
                  pos: int = 0, endpos: Optional[int] = None, haystack: Optional[str] = None) -> Iterator[re.Match]:
    """What ``pattern.finditer(text, pos, endpos)`` yields, for a pattern whose every
    match holds one of ``words`` beginning at most ``reach`` characters after the match's
    start (and never matches the empty string). ``haystack``: ``text[pos:endpos]`` as
    the words are sought in it (lower-cased for re.I), when the caller has it already.

    finditer yields, from its search position (``pos``, then the end of each match), the
    match at the first position where ``pattern.match(text, position, endpos)`` succeeds
    (a match tried at a position still sees the text before it, for look-behinds and
    ``\\b``). A match can only begin within ``reach`` characters before an occurrence of a
    word, so trying those positions in order, from the search position on, finds the same
    first match; each position is tried at most once. ``words`` None (``leading_words``
    could not tell them): ``pattern.finditer`` itself."""
    endpos = len(text) if endpos is None else min(endpos, len(text))
    if words is None:
        yield from pattern.finditer(text, pos, endpos)
        return
    if haystack is None:
        folded = bool(pattern.flags & _IGNORECASE)
        if folded and not text.isascii():
            yield from pattern.finditer(text, pos, endpos)
            return
        haystack = text[pos:endpos].lower() if folded else text[pos:endpos]
    words = tuple(words)
    nxt = pos  # every position before this has been tried, or lies inside a match
    # The words' positions are gathered a stretch at a time (those beginning in it), so
    # memory stays bounded on hostile text ("se se se ..." for megabytes).
    for lo in range(0, len(haystack), _STRETCH):
        hi = min(lo + _STRETCH, len(haystack))
        for hit in sorted(pos + i for i in occurrences(haystack, words, lo, hi)):
            at = max(nxt, hit - reach)
            while at <= hit:
                m = pattern.match(text, at, endpos)
                if m:
                    if m.end() == m.start():
                        raise ValueError(f"{pattern.pattern!r} matched the empty string: no word in it")
                    yield m
                    at = m.end()
                else:
                    at += 1
            nxt = max(nxt, at)


_MAX_CLASS = 16  # a character class of more characters is no selective "word"


def leading_words(pattern: re.Pattern) -> Optional[frozenset[str]]:
    """Strings one of which every match of ``pattern`` begins with, in ASCII text (lower
    case for a re.IGNORECASE pattern), read from the parsed pattern: for
    ``finditer_near(pattern, text, words, 0)``. None when they cannot be told: a match
    may begin with a character of a large class (``\\w``, ``.``, a negated class), a
    back-reference, or be empty."""
    folded = bool(pattern.flags & _IGNORECASE)
    try:
        words, nullable = _sequence(list(sre_parse.parse(pattern.pattern, pattern.flags).data), folded)
    except (_Unknown, AttributeError, IndexError, TypeError, ValueError):
        # (also a parse tree shaped otherwise by another Python's private re._parser: the
        # rule is then scanned by finditer as before, the same matches)
        return None
    if nullable or not words:
        return None
    # A word that begins with another word adds no position: keep the shorter.
    return frozenset(w for w in words if not any(v != w and w.startswith(v) for v in words))


class _Unknown(Exception):
    pass


def _sequence(items: list, folded: bool) -> tuple[set[str], bool]:
    """(words, nullable): every non-empty match of ``items`` begins with one of the
    words; nullable when the items can match the empty string."""
    words: set[str] = set()
    for k, (op, av) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the match begins with what follows
        if op is sre.LITERAL:
            run = []
            for op2, av2 in items[k:]:
                if op2 is not sre.LITERAL:
                    break
                run.append(_char(av2, folded))
            return words | {"".join(run)}, False
        first, nullable = _item(op, av, folded)
        words |= first
        if not nullable:
            return words, False
    return words, True


def _item(op, av, folded: bool) -> tuple[set[str], bool]:
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if (add_flags | del_flags) & re.IGNORECASE:
            raise _Unknown  # a part folding case otherwise than the pattern
        return _sequence(list(sub.data), folded)
    if op is sre.BRANCH:
        words, nullable = set(), False
        for alternative in av[1]:
            first, empty = _sequence(list(alternative.data), folded)
            words |= first
            nullable = nullable or empty
        return words, nullable
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, sub = av
        words, nullable = _sequence(list(sub.data), folded)
        return words, nullable or low == 0
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(_char(value, folded))
            elif kind is sre.RANGE and value[1] - value[0] < _MAX_CLASS:
                chars |= {_char(c, folded) for c in range(value[0], value[1] + 1)}
            elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                chars |= set("0123456789")  # \d in ASCII text
            else:
                raise _Unknown
        if len(chars) > _MAX_CLASS:
            raise _Unknown
        return chars, False
    raise _Unknown  # any character, a negated literal, a back-reference ...


def _char(code: int, folded: bool) -> str:
    c = chr(code)
    if not c.isascii() and (c.lower() != c or c.upper() != c):
        raise _Unknown  # a cased letter beyond ASCII may fold to an ASCII one under re.I
    return c.lower() if folded else c
