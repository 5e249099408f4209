"""Whether the clean text opens with a headline, and where it is.

A headline is the first line of the clean text when it is short, has no terminal full
stop, starts with a capital, is no dateline ("IslamTimes - ...") or bullet, and is
followed by the body. Hand-written: no library finds titles in plain text.
"""

from __future__ import annotations

import re
from typing import Optional

from warta.clean.repair import abbreviations

MIN_WORDS, MAX_WORDS = 3, 25   # news headlines seen in the corpora: 4-20 words
MAX_CHARS = 200
_NOT_TITLE_END = re.compile(r"[.:;,…]$")
_DATELINE = re.compile(r"^[\w.,' ]{1,40}\s(?:--?|–|—)\s")
# A full stop inside the line ends a sentence ("... tersangka. Lantas, bagaimana?"): a
# teaser lead, not a headline. "?" and "!" inside are headline style ("Kapan Cair? Ini ...").
_INNER_STOP = re.compile(r"(\w+\)?)\.[\"”’]?\s+[A-Z\"“]")
_QUOTED = re.compile(r"^[\"“'‘].*[\"”'’]$")
_BULLET = re.compile(r"^[•\-*–·●▪]")


def find(clean_text: str) -> Optional[tuple[int, int]]:
    """(start, end) of the headline line in the clean text, or None."""
    m = re.match(r"\s*", clean_text)
    start = m.end()
    end = clean_text.find("\n", start)
    if end < 0:
        return None  # a single line is all body
    line = clean_text[start:end].rstrip()
    end = start + len(line)
    words = line.split()
    if not (MIN_WORDS <= len(words) <= MAX_WORDS) or len(line) > MAX_CHARS:
        return None
    if _NOT_TITLE_END.search(line) or _DATELINE.match(line) or _BULLET.match(line):
        return None
    if _has_inner_stop(line) or _QUOTED.match(line):
        return None  # a teaser lead ("... tersangka. Lantas, bagaimana?") or a quote
    if not line[0].isupper() and not line[0].isdigit() and line[0] not in "\"“'‘":
        return None
    if not clean_text[end:].strip():
        return None
    return start, end


def _has_inner_stop(line: str) -> bool:
    return any(m.group(1).lower() not in abbreviations() and len(m.group(1)) > 1
               for m in _INNER_STOP.finditer(line))


def same_title(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return norm(a) == norm(b)
