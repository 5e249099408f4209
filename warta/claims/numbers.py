"""Indonesian numerals: find number expressions in text and read their value.

Written by hand: no maintained library parses Indonesian number words or the Indonesian
digit conventions (``text2num`` covers European languages only; ``terbilang`` goes the
other way, number -> words).

Conventions handled:
- digits: "." groups thousands and "," marks decimals ("13.300" = 13300, never 13.3;
  "1,9 juta" = 1 900 000). English-style input ("1.5 juta", "12,000") is read by the
  shape of the groups: a separator followed by exactly three digits groups thousands —
  except a lone "," before a scale word, which is always the decimal mark ("1,792 juta"
  = 1 792 000: nobody writes 1792 million with a comma in Indonesian).
- scale words after digits or words: ribu, juta, miliar/milyar, triliun ("100 ribu").
- number words: satu ... sembilan, sepuluh, sebelas, "dua belas", "tiga puluh lima",
  "seratus", "seribu", "dua ratus ribu", "setengah juta"; "seorang" is one person.
- vague quantities (belasan, puluhan, ratusan, ribuan, jutaan, optionally scaled:
  "ratusan ribu") read as their lower bound (11, 10, 100, 1000, 1 000 000; 100 000)
  and are flagged ``vague``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from warta.wordscan import leading_words, occurrences

_DIGIT_WORDS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9, "setengah": 0.5,
}
# "se-" forms are "one <unit>": complete on their own.
_SE_FORMS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000, "sejuta": 10**6,
             "semiliar": 10**9, "semilyar": 10**9}
# Multipliers inside a number below a thousand ("dua belas", "tiga puluh", "lima ratus").
_SMALL_SCALES = {"belas": 1, "puluh": 10, "ratus": 100}
# Scales that close a group ("dua ratus ribu", "1,9 juta").
SCALES = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9,
          "milyar": 10**9, "triliun": 10**12}
# Vague quantities: value is the lower bound of what the word can mean.
VAGUE = {"belasan": 11, "puluhan": 10, "ratusan": 100, "ribuan": 1000, "jutaan": 10**6}
# "seorang" = one person; "seekor" etc. are not about people.
_ONE_PERSON = {"seorang": 1}

_WORD_TOKENS = sorted(list(_DIGIT_WORDS) + list(_SE_FORMS) + list(_SMALL_SCALES) + list(SCALES), key=len, reverse=True)
_SCALE_ALT = "|".join(sorted(SCALES, key=len, reverse=True))
_VAGUE_ALT = "|".join(VAGUE)

_DIGITS = r"\d+(?:[.,]\d+)*"
# A number must not be glued to letters, dates ("21/11"), times ("09:30") or ordinals ("ke-3").
# Headlines join items with a hyphen ("Akui Gagal-11.500 Orang Tewas"): after a word of
# three or more letters a hyphen may precede a number with thousands groups, or a decimal
# number with a scale word ("Belum Punya Rumah-26,9 Juta Tinggal").
# (Written for speed, same matches: the regex is tried at every position of every sentence,
# most of them inside a word. Both ways in need a non-word character before, so "(?<!\w)"
# first rejects those positions in one test; "(?<=-)" before the four-character look-behind
# repeats its last character, which fails at once where the longer one read four first.
# find_numbers ~35% faster than "(?:(?<![\w/:.,-])|(?<=[^\W\d]{3}-)(?=...))".)
_LEFT = (r"(?<!\w)(?:(?<![/:.,-])|(?<=-)(?<=[^\W\d]{3}-)(?=\d{1,3}(?:\.\d{3})+(?!\d)"
         rf"|\d+,\d+\s*(?:{'|'.join(SCALES)})\b))")
_RIGHT = r"(?![\w/:]|[.,]\d)"

NUMBER_RE = re.compile(
    rf"{_LEFT}(?:"
    rf"(?P<vague>(?:{_VAGUE_ALT})(?:\s+(?:{_SCALE_ALT}))?)"
    rf"|(?P<digits>{_DIGITS}(?:\s*(?:{_SCALE_ALT}))?)"
    rf"|(?P<person>{'|'.join(_ONE_PERSON)})"
    rf"|(?P<words>(?:{'|'.join(_WORD_TOKENS)})(?:\s+(?:{'|'.join(_WORD_TOKENS)}))*)"
    rf"){_RIGHT}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMatch:
    """A number expression found in text: [start, end) and what it means."""

    start: int
    end: int
    text: str
    value: float
    vague: bool = False


_SEPARATOR = re.compile(r"[.,]")
_DIGITS_AND_WORD = re.compile(rf"({_DIGITS})\s*(\w+)?")  # (compiled once: numbers are read by the thousand)


def _parse_digits(token: str, scaled: bool = False) -> Optional[float]:
    """'13.300' -> 13300; '1,9' -> 1.9; '2.5' -> 2.5; '12,000' -> 12000; with a scale word
    after it (``scaled``) '1,792' -> 1.792."""
    seps = [c for c in token if c in ".,"]
    if not seps:
        return float(token)
    groups = _SEPARATOR.split(token)
    if len(set(seps)) == 2:
        # Both used: the last separator is the decimal mark ("1.234,5" / "1,234.5").
        dec = token.rfind(seps[-1])
        return float(_SEPARATOR.sub("", token[:dec]) + "." + token[dec + 1:])
    if len(seps) > 1:
        # The same separator repeated can only group thousands ("1.234.567").
        return float("".join(groups)) if all(len(g) == 3 for g in groups[1:]) else None
    whole, frac = groups
    if len(frac) == 3 and not (scaled and seps == [","]):
        return float(whole + frac)  # thousands group, whichever mark
    return float(f"{whole}.{frac}")  # decimal mark


def _parse_words(tokens: list[str]) -> Optional[float]:
    """['dua', 'ratus', 'ribu'] -> 200000. None if the words do not form one number."""
    total = 0.0  # completed groups ("... ribu", "... juta")
    group = 0.0  # the group below a thousand being built ("tiga ratus dua puluh")
    pending: Optional[float] = None  # a digit word waiting for belas/puluh/ratus/ribu
    for tok in tokens:
        if tok in _DIGIT_WORDS:
            if pending is not None:
                return None  # "dua tiga": two numbers side by side
            pending = _DIGIT_WORDS[tok]
        elif tok in _SE_FORMS:
            if pending is not None:
                return None
            value = _SE_FORMS[tok]
            if value >= 1000:
                if group:
                    return None
                total += value
            else:
                group += value
        elif tok == "belas":
            if pending is None:
                return None
            group += 10 + pending
            pending = None
        elif tok in _SMALL_SCALES:
            if pending is None:
                return None
            group += pending * _SMALL_SCALES[tok]
            pending = None
        elif tok in SCALES:
            amount = group + (pending or 0)
            if not amount:
                return None
            total += amount * SCALES[tok]
            group, pending = 0.0, None
        else:
            return None
    value = total + group + (pending or 0)
    return value if value > 0 or tokens == ["nol"] else None


def _value(m: re.Match) -> Optional[tuple[float, bool]]:
    if m.group("vague"):
        parts = m.group("vague").lower().split()
        value = VAGUE[parts[0]] * (SCALES[parts[1]] if len(parts) > 1 else 1)
        return float(value), True
    if m.group("digits"):
        dm = _DIGITS_AND_WORD.match(m.group("digits"))
        scale = SCALES.get((dm.group(2) or "").lower(), 1)
        base = _parse_digits(dm.group(1), scaled=scale > 1)
        if base is None:
            return None
        # "4,03 ribu": 4.03 * 1000 is 4030.0000000000005 in binary floating point; a scaled
        # decimal names a whole number of people to at most the scale's digits
        return (round(base * scale, 6) if scale > 1 else base), False
    if m.group("person"):
        return float(_ONE_PERSON[m.group("person").lower()]), False
    value = _parse_words(m.group("words").lower().split())
    return (value, False) if value is not None else None


def _number(m: re.Match) -> Optional[NumberMatch]:
    parsed = _value(m)
    return NumberMatch(m.start(), m.end(), m.group(0), *parsed) if parsed is not None else None


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression in ``text``, left to right, with local offsets."""
    return [n for n in map(_number, NUMBER_RE.finditer(text)) if n is not None]


_DIGIT_RUN = re.compile(r"[0-9]+")


def _word_character(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \w matches, in ASCII


@lru_cache(maxsize=1)
def _first_words() -> tuple[str, ...]:
    """The words (lower case, digits aside) one of which every number begins with, in
    ASCII text: read from NUMBER_RE."""
    words = leading_words(NUMBER_RE)
    assert words is not None and set("0123456789") <= words
    return tuple(sorted(w for w in words if not w.isdigit()))


def find_numbers_in(text: str, spans: list[tuple[int, int]]) -> list[list[NumberMatch]]:
    """``[find_numbers(text[s:e]) for s, e in spans]`` (offsets local to each piece), with
    the positions where a number can begin found once for the whole text.

    NUMBER_RE has no first character Python's regex engine can skip to, so finditer tries
    it at every position of every sentence. In ASCII text a number begins with a digit or
    one of ``_first_words`` (sought in the lower-cased text: there re.I folds only A-Z),
    and not after a word character ("(?<!\\w)"; so a digit begins a run of digits) unless
    that character lies before its piece. Only those positions are tried, in order, and
    each piece goes on from the end of its last match, as finditer does. Other text is
    scanned the ordinary way."""
    if not text.isascii():
        return [find_numbers(text[s:e]) for s, e in spans]
    low = text.lower()
    candidates = {m.start() for m in _DIGIT_RUN.finditer(text)}
    # (after a word character "(?<!\\w)" refuses a word: "kedua", "terbaru")
    candidates |= {i for i in occurrences(low, _first_words()) if not (i and _word_character(low[i - 1]))}
    # A piece that begins right after a word character sees none before it.
    candidates |= {s for s, _ in spans if s and _word_character(text[s - 1])}
    ordered = sorted(candidates)
    out = []
    for s, e in spans:
        piece, found, reached = text[s:e], [], 0
        for at in ordered[bisect_left(ordered, s):bisect_left(ordered, e)]:
            if at - s < reached:
                continue  # inside the last match
            m = NUMBER_RE.match(piece, at - s)
            if m:
                reached = m.end()
                number = _number(m)
                if number is not None:
                    found.append(number)
        out.append(found)
    return out


def parse_number(text: str) -> Optional[float]:
    """The value of ``text`` if it is one number expression (surrounding space allowed),
    else None. Vague quantities give their lower bound ("ratusan ribu" -> 100000)."""
    stripped = text.strip()
    m = NUMBER_RE.fullmatch(stripped)
    if not m:
        return None
    parsed = _value(m)
    return parsed[0] if parsed else None


def is_vague(text: str) -> bool:
    """True for word quantities such as 'puluhan' or 'ratusan ribu'."""
    m = NUMBER_RE.fullmatch(text.strip())
    return bool(m and m.group("vague"))
