"""Repair sentences a scraper glued together ("kantong pantai.Menanggapi serangan").

A glue point is a sentence end (. ! ?) directly followed by the capital letter or the
opening quote of the next sentence. Not glue: decimals and thousands ("1,9", "13.300":
no letter after), domains and URLs ("detik.com", "www.Example.org"), initials and
abbreviations ("J.K. Rowling", "dr.Budi", "Ph.D"). Hand-written: spaCy's tokenizer
splits "pantai.Menanggapi" but tells us nothing about what to insert or where not to.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"

# A sentence end (. ! ?, maybe inside a closing quote) right after the end of a word
# (a lower-case letter, a digit, "%", ")" or "]", maybe a closing quote) and right before
# the next sentence: (quote +) Capital + lower. The regex anchors on the stop and looks
# back a fixed width only; the word before it is found by matching the reversed text.
# A leading ``[\w-]*`` here was quadratic: on a long run without a stop every start
# position rescans the run (100 KB of "a" took minutes).
# The stop comes first and the look back follows it (one character wider, over the stop):
# a pattern that begins with a character set lets the regex engine skip to the next stop
# instead of trying the look-behinds at every position (8x faster, the same matches:
# "what precedes the stop" is the same test either way; tests/test_clean.py).
_GLUE = re.compile(
    r"(?P<stop>[.!?](?:(?<=[a-z0-9%)\]].)|(?<=[a-z0-9%)\]][\"”’'].))[\"”’']?)"
    r"(?=[\"“‘']?[A-Z][a-z])"
)
_WORD_CHARS = re.compile(r"[\w\-]*")
_SEPARATOR = re.compile(r"[ \n]")
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
    """Positions where a separator must be inserted, mapped to the separator (" ").

    Linear in the length of the text: every character is scanned a bounded number of
    times, however long its run of letters, digits or stops."""
    points: dict[int, str] = {}
    reverse = text[::-1]
    url_starts = [m.start() for m in _URLISH.finditer(text)]
    token_start, scanned = 0, 0  # start of the space-delimited token around the stop
    word_floor = 0  # a word never reaches back over the previous glue match
    for m in _GLUE.finditer(text):
        stop = m.start("stop")
        # the word's last character (before a closing quote), then its run of [\w-] before it
        last = stop - 2 if text[stop - 1] in "\"”’'" else stop - 1
        run = _WORD_CHARS.match(reverse, len(text) - last).end() - (len(text) - last)
        word_start = max(word_floor, last - run)
        word = text[word_start:stop]
        word_floor = m.end("stop")
        if not re.search(r"[^\W\d_]{2}|\d", word) or _is_abbreviation(word):
            continue
        for sep in _SEPARATOR.finditer(text, scanned, stop):
            token_start = sep.end()
        scanned = stop
        right = text[m.end("stop"):m.end("stop") + 60].split(maxsplit=1)[0].rstrip(".,;:!?\"”)")
        # "www.Example.com" goes on as a URL; "www.bnpb.go.id.Data akan ..." starts a sentence
        if _urlish(text, url_starts, token_start, stop) and re.search(r"[./]\w", right):
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
# The glued word is found whole, then split in Python: a regex with a lazy head and a
# greedy tail backtracks quadratically in the word's length ("A" + "me" * 20,000: 51 s).
# (The capital comes before the look back, one character wider over it: a pattern that
# begins with a character set lets the regex engine skip to capitals instead of trying
# the look-behind at every position; the same test of what precedes the capital.)
_CAPITALISED_WORD = re.compile(r"[A-Z](?<![\w-].)[a-z]{9,}(?![\w-])")
_TAIL_WORDS = ("adalah", "merupakan", "dengan", "untuk")


def _glued_tail_at(word: str) -> int | None:
    """The shortest head (5 letters or more) after which the rest of ``word`` is a me-/ber-/
    ter- verb of 4+ letters after its prefix or a long function word; linear in the word."""
    n = len(word)
    for k in range(5, n - 4):
        if (word.startswith("me", k) and n - k >= 6) or (word.startswith(("ber", "ter"), k) and n - k >= 7):
            return k
        if n - k <= 9 and word[k:] in _TAIL_WORDS:
            return k
    return None


def word_glue_points(text: str) -> dict[int, str]:
    """Positions inside glued words where a space must be inserted."""
    from warta.lang.casing import is_common_word, lower_words

    common = lower_words()
    points: dict[int, str] = {}
    for m in _CAMEL.finditer(text):
        if is_common_word(m.group(1).lower(), common):
            points[m.end(1)] = " "
    for m in _CAPITALISED_WORD.finditer(text):
        split = _glued_tail_at(m.group(0))
        if split is None:
            continue
        head, tail = m.group(0)[:split], m.group(0)[split:]
        if tail in common and not is_common_word((head + tail).lower(), common) and head.lower() not in common:
            points[m.start() + split] = " "
    return points


def _urlish(text: str, url_starts: list[int], left: int, stop: int) -> bool:
    """Does the token text[left:stop] (+ ".") look like a URL, an e-mail or a domain?
    A marker inside the token comes from one pass over the whole text; only the last few
    characters are searched again, with the stop read as ".", so a long token costs no
    more than a short one."""
    i = bisect_left(url_starts, left)
    tail = max(left, stop - 8)
    if i < len(url_starts) and url_starts[i] < tail:
        return True
    return bool(_URLISH.search(text[tail:stop] + "."))
