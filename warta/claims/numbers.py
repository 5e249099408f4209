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
from dataclasses import dataclass
from typing import Optional

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


def _parse_digits(token: str, scaled: bool = False) -> Optional[float]:
    """'13.300' -> 13300; '1,9' -> 1.9; '2.5' -> 2.5; '12,000' -> 12000; with a scale word
    after it (``scaled``) '1,792' -> 1.792."""
    seps = [c for c in token if c in ".,"]
    if not seps:
        return float(token)
    groups = re.split(r"[.,]", token)
    if len(set(seps)) == 2:
        # Both used: the last separator is the decimal mark ("1.234,5" / "1,234.5").
        dec = token.rfind(seps[-1])
        return float(re.sub(r"[.,]", "", token[:dec]) + "." + token[dec + 1:])
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
        dm = re.match(rf"({_DIGITS})\s*(\w+)?", m.group("digits"))
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


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number expression in ``text``, left to right, with local offsets."""
    out = []
    for m in NUMBER_RE.finditer(text):
        parsed = _value(m)
        if parsed is None:
            continue
        value, vague = parsed
        out.append(NumberMatch(m.start(), m.end(), m.group(0), value, vague))
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
