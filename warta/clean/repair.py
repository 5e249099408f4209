"""Repair sentences a scraper glued together ("kantong pantai.Menanggapi serangan").

A glue point is a sentence end (. ! ?) directly followed by the capital letter or the
opening quote of the next sentence. Not glue: decimals and thousands ("1,9", "13.300":
no letter after), domains and URLs ("detik.com", "www.Example.org"), initials and
abbreviations ("J.K. Rowling", "dr.Budi", "Ph.D"). Hand-written: spaCy's tokenizer
splits "pantai.Menanggapi" but tells us nothing about what to insert or where not to.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"

# word (at least two letters, or digits) + sentence end + next sentence start
_GLUE = re.compile(
    r"(?P<word>[\w\-]*[a-z0-9%)\]][\"”’']?)"   # the word ending the first sentence
    r"(?P<stop>[.!?][\"”’']?)"                  # the stop, maybe inside a closing quote
    r"(?=[\"“‘']?[A-Z][a-z])"                   # next sentence: (quote +) Capital + lower
)
# The token a glue point sits in, to recognise URLs, e-mail addresses and domains.
_URLISH = re.compile(r"(https?://|www\.|@|\.(com|id|org|net|co)\b)", re.I)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    rows = (_DATA / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(r.strip().lower() for r in rows if r.strip() and not r.startswith("#"))


def _is_abbreviation(word: str) -> bool:
    bare = word.strip("\"”’'()[]").lower()
    last = bare.rsplit(".", 1)[-1] if "." in bare else bare
    return bare in abbreviations() or last in abbreviations() or len(last) == 1


def glue_points(text: str) -> dict[int, str]:
    """Positions where a separator must be inserted, mapped to the separator (" ")."""
    points: dict[int, str] = {}
    for m in _GLUE.finditer(text):
        word = m.group("word")
        if not re.search(r"[^\W\d_]{2}|\d", word) or _is_abbreviation(word):
            continue
        stop = m.start("stop")
        left = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop)) + 1
        right = text[m.end("stop"):m.end("stop") + 60].split(maxsplit=1)[0].rstrip(".,;:!?\"”)")
        # "www.Example.com" goes on as a URL; "www.bnpb.go.id.Data akan ..." starts a sentence
        if _URLISH.search(text[left:stop] + ".") and re.search(r"[./]\w", right):
            continue
        points[m.end("stop")] = " "
    return points
