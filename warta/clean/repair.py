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


# Words glued by a scraper that dropped the space (often around an italic or linked term):
# "SelanjutnyaImmigration Loungemerupakan fasilitas" -> "Selanjutnya Immigration Lounge
# merupakan fasilitas". Two cases, both decided by the common-word lexicon (words running
# text writes in lower case), so names written in camel case ("YouTube", "AllIndonesia")
# and one-word names ending in a common word ("Tanjungpinang") stay whole:
# - camel glue: a lower-to-upper case change after a common word ("KemudianGolden",
#   "penerapanGolden"; a lower-case one of six letters or more, as brands such as
#   "detikNews" begin with a shorter one);
# - a capitalised word of five letters or more followed by a glued me-/ber-/ter- verb or
#   a long function word ("Loungemerupakan", "Lahadaliamengatakan"; not di-, which
#   begins too many nouns: "Multidimensi").
_CAMEL = re.compile(r"(?<![\w-])([A-Z][a-z]{4,}|[a-z]{6,})(?=[A-Z][a-z]{2,})")
_GLUED_TAIL = re.compile(r"(?<![\w-])([A-Z][a-z]{4,}?)((?:me|ber|ter)[a-z]{4,}|adalah|merupakan|dengan|untuk)(?![\w-])")


def word_glue_points(text: str) -> dict[int, str]:
    """Positions inside glued words where a space must be inserted."""
    from warta.lang.casing import is_common_word, lower_words

    common = lower_words()
    points: dict[int, str] = {}
    for m in _CAMEL.finditer(text):
        if is_common_word(m.group(1).lower(), common):
            points[m.end(1)] = " "
    for m in _GLUED_TAIL.finditer(text):
        head, tail = m.group(1), m.group(2)
        if tail in common and not is_common_word((head + tail).lower(), common) and head.lower() not in common:
            points[m.end(1)] = " "
    return points
