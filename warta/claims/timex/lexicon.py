"""Month, weekday and unit names for finding time expressions.

Month and weekday names come from dateparser's own Indonesian and English locale data, so
the finder and the resolver (dateparser) agree on the vocabulary; we only drop
abbreviations too short or too ambiguous to find in running text ("min", "sen", "ag").
"""

from __future__ import annotations

from functools import lru_cache

from dateparser.languages.loader import default_loader

LANGUAGES = ("id", "en")

# English names: dateparser's locale keys, and phrases any dateparser language list reads.
MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december")
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Abbreviated weekdays ("sen", "sel", "min", "mo") are ordinary words or syllables in
# Indonesian text: only full weekday names are searched for.
_MIN_WEEKDAY_LEN = 4
# Abbreviated months are safe only right after a day number ("2 Apr 2024").
_MIN_ABBREV_LEN = 3
# Whole month names of three letters.
_SHORT_MONTHS = {"mei", "mai", "may"}


def _locale_names(key: str) -> list[str]:
    names: list[str] = []
    for lang in LANGUAGES:
        names += default_loader.get_locale(lang).info.get(key, [])
    return names


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Lower-cased month name or abbreviation -> month number (1-12)."""
    out: dict[str, int] = {}
    for number, key in enumerate(MONTH_KEYS, start=1):
        for name in _locale_names(key):
            if len(name) >= _MIN_ABBREV_LEN:
                out[name.lower()] = number
    return out


@lru_cache(maxsize=1)
def full_month_names() -> dict[str, int]:
    """Month names that may stand without a day ("Maret 2024", "Desember lalu"): no
    abbreviations (a name that is the start of a longer one, or under four letters)."""
    out: dict[str, int] = {}
    for number, key in enumerate(MONTH_KEYS, start=1):
        names = [n.lower() for n in _locale_names(key)]
        for name in names:
            is_prefix = any(other != name and other.startswith(name) for other in names)
            if not is_prefix and (len(name) >= 4 or name in _SHORT_MONTHS):
                out[name] = number
    return out


@lru_cache(maxsize=1)
def weekday_names() -> dict[str, int]:
    """Lower-cased weekday name -> ISO weekday number (Monday = 0)."""
    out: dict[str, int] = {}
    for number, key in enumerate(WEEKDAY_KEYS):
        for name in _locale_names(key):
            if len(name) >= _MIN_WEEKDAY_LEN:
                out[name.lower()] = number
    # Spellings of Friday dateparser lacks.
    out.update({"jum'at": 4, "jum’at": 4, "jumaat": 4})
    return out


def weekday_number(name: str) -> int:
    return weekday_names()[name.lower()]


def month_number(name: str) -> int:
    return month_names()[name.lower().rstrip(".")]


# Units of duration -> (ISO 8601 designator, multiplier, needs the time part "T").
UNITS: dict[str, tuple[str, int, bool]] = {
    "detik": ("S", 1, True),
    "menit": ("M", 1, True),
    "jam": ("H", 1, True),
    "hari": ("D", 1, False),
    "minggu": ("W", 1, False),
    "pekan": ("W", 1, False),
    "bulan": ("M", 1, False),
    "tahun": ("Y", 1, False),
    "dasawarsa": ("Y", 10, False),
    "dekade": ("Y", 10, False),
    "windu": ("Y", 8, False),
    "abad": ("Y", 100, False),
}

# Number words that may count a unit ("dua hari", "tiga puluh tahun"); values are read
# by warta.claims.numbers.
NUMBER_WORDS = ("satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
                "sembilan", "sepuluh", "sebelas", "seratus", "setengah", "belas", "puluh",
                "ratus")
