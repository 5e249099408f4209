"""Resolve a candidate time expression to an ISO value, against the publication date or
the date the text was last talking about.

dateparser (Indonesian locale) reads correctly: dates with a month name, "kemarin",
"besok", "bulan lalu", "tahun depan", bare weekdays. For exactly the phrases warta asks it
(a day and month, a weekday, ten relative words) its readings are reproduced by the
arithmetic of ``_reading``, checked against dateparser itself on every such phrase over
years of base dates (tests/test_dates.py): the first dateparser call in a process compiles
~0.16 s of regular expressions (a third of a one-article ``warta extract``'s analysis) and
each new phrase and base costs ~1 ms, so dateparser is asked only what the arithmetic does
not cover. Our own arithmetic also covers what dateparser misreads or does not know:
numeric dates (it takes "02/04" month-first), weekdays with "lalu"/"pekan lalu", "dua hari
kemudian" (relative to the date in context), durations, clock times.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from warta.claims.numbers import parse_number
from warta.claims.timex.lexicon import (LANGUAGES, MONTH_KEYS, UNITS, WEEKDAY_KEYS, month_number,
                                        weekday_number)
from warta.claims.timex.patterns import Candidate

# (kind, value); value None when the expression cannot be pinned down.
Resolved = tuple[str, Optional[str]]

_PAST_WORDS = {"lalu", "silam", "kemarin"}
_FUTURE_WORDS = {"depan", "mendatang", "nanti"}
# Words dateparser's Indonesian data lacks, mapped to ones it has.
_RELATIVE_SYNONYMS = {"kemarin": "lalu", "silam": "lalu", "mendatang": "depan"}
_DAY_OFFSETS = {"lusa": 2, "esok": 1, "esok hari": 1, "tadi malam": -1, "malam tadi": -1}
# "pagi ini", "tadi sore", "dini hari tadi": a part of the publication day (the contract
# has no parts of day: the value is the day).
_PARTS_OF_DAY = {"pagi", "siang", "sore", "malam", "dini"}
_PART_OF_DAY_PM = {"sore", "malam"}
# A year-less day-month at most this many days after publication is the coming one.
NEAR_FUTURE_DAYS = 31
# Likewise a year-less month name at most this many months ahead ("hingga Oktober" in August).
NEAR_FUTURE_MONTHS = 2


@dataclass
class Context:
    published: Optional[dt.date]
    # the last day-precise date mentioned before the candidate ("dua hari kemudian")
    last_day: Optional[dt.date] = None
    # for clock times: the day the sentence (or paragraph) is about
    day_of_time: Optional[dt.date] = None


@lru_cache(maxsize=8192)
def _dateparser(phrase: str, base: Optional[dt.date], prefer: str = "past") -> Optional[tuple[dt.date, str]]:
    """dateparser's reading of ``phrase`` relative to ``base``: (date, period) or None,
    from the arithmetic (``_reading``) when it covers the phrase, else from dateparser.
    Cached: a corpus repeats the same few phrases against the same publication dates."""
    if base is not None:
        found = _reading(phrase, base, prefer)
        if found is not _NOT_COVERED:
            return found
    return _dateparser_itself(phrase, base, prefer)


def _dateparser_itself(phrase: str, base: Optional[dt.date], prefer: str = "past") -> Optional[tuple[dt.date, str]]:
    from dateparser.date import DateDataParser  # imported on first use (start-up time)

    settings = {"PREFER_DATES_FROM": prefer, "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    data = DateDataParser(languages=list(LANGUAGES), settings=settings).get_date_data(phrase)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period


_NOT_COVERED = object()
_MONTH_BY_KEY = {key: number for number, key in enumerate(MONTH_KEYS, start=1)}
_WEEKDAY_BY_KEY = {key: number for number, key in enumerate(WEEKDAY_KEYS)}
# dateparser's relative words (base date, "past"): days from the base, or months/years.
_DAY_WORDS = {"hari ini": 0, "kemarin": -1, "kemarin lusa": -2, "besok": 1}
_PERIOD_WORDS = {f"{unit} {word}": (period, months * step)
                 for unit, period, months in (("bulan", "month", 1), ("tahun", "year", 12))
                 for word, step in (("lalu", -1), ("ini", 0), ("depan", 1))}


def _reading(phrase: str, base: dt.date, prefer: str):
    """dateparser's reading of a phrase warta asks it, by arithmetic; ``_NOT_COVERED``
    for any other phrase. A day and month ("7 october"): the latest such date on or
    before the base ("past") or the first after it ("future"), None when no year has
    it; a weekday ("monday"): the latest before the base or the first after it; "hari
    ini", "kemarin", "besok": days from the base; "bulan lalu", "tahun depan": the base
    moved by whole months or years (the day kept, or the month's last)."""
    if phrase in _DAY_WORDS and prefer == "past":
        return base + dt.timedelta(days=_DAY_WORDS[phrase]), "day"
    if phrase in _PERIOD_WORDS and prefer == "past":
        period, months = _PERIOD_WORDS[phrase]
        return _add_months(base, months), period
    if phrase in _WEEKDAY_BY_KEY and prefer in ("past", "future"):
        ahead = (_WEEKDAY_BY_KEY[phrase] - base.weekday()) % 7
        if prefer == "past":
            return base - dt.timedelta(days=(7 - ahead) if ahead else 7), "day"
        return base + dt.timedelta(days=ahead or 7), "day"
    day, _, key = phrase.partition(" ")
    if key in _MONTH_BY_KEY and day.isdigit() and day.isascii() and 1 <= int(day) <= 31 and prefer in ("past", "future"):
        day, month = int(day), _MONTH_BY_KEY[key]
        if day > calendar.monthrange(2000, month)[1]:  # 2000: a leap year
            return None
        step = -1 if prefer == "past" else 1
        for year in range(base.year, base.year + 10 * step, step):  # leap years are <= 8 apart
            try:
                d = dt.date(year, month, day)
            except ValueError:  # 29 February outside a leap year (or beyond the calendar)
                continue
            if (d <= base) if prefer == "past" else (d > base):
                return d, "day"
    return _NOT_COVERED


def _iso_day(d: Optional[dt.date]) -> Resolved:
    return ("date", d.isoformat() if d else None)


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _shift(d: dt.date, n: float, unit: str) -> Optional[dt.date]:
    """``d`` moved by ``n`` units (negative: back)."""
    designator, mult, is_time = UNITS[unit]
    if is_time or n != int(n):
        return None
    n = int(n) * mult
    try:
        if designator == "D":
            return d + dt.timedelta(days=n)
        if designator == "W":
            return d + dt.timedelta(weeks=n)
        if designator == "M":
            return _add_months(d, n)
        return d.replace(year=d.year + n, day=min(d.day, 28) if d.month == 2 else d.day)
    except (OverflowError, ValueError):  # beyond the calendar: "sejuta tahun kemudian"
        return None


def _number_text(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def iso_duration(*amounts: tuple[Optional[float], str]) -> Optional[str]:
    """ISO 8601 duration of (number, unit) amounts: (40, 'hari') -> 'P40D', (2, 'jam') ->
    'PT2H', (1, 'dekade') -> 'P10Y', (1, 'tahun'), (6, 'bulan') -> 'P1Y6M'."""
    date_part: dict[str, float] = {}
    time_part: dict[str, float] = {}
    for n, unit in amounts:
        if n is None:
            return None
        designator, mult, is_time = UNITS[unit]
        part = time_part if is_time else date_part
        if designator in part:
            return None  # "2 jam 3 jam": not one duration
        part[designator] = n * mult
    text = "P" + "".join(f"{_number_text(date_part[d])}{d}" for d in "YMWD" if d in date_part)
    if time_part:
        text += "T" + "".join(f"{_number_text(time_part[d])}{d}" for d in "HMS" if d in time_part)
    return text


def _recent_day_month(day: int, month: int, base: dt.date) -> Optional[dt.date]:
    """The most recent day/month on or before ``base`` (numeric dates: own code)."""
    for year in (base.year, base.year - 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if d <= base:
            return d
    return None


def _numeric_date(day: str, month: str, year: Optional[str], ctx: Context) -> Optional[dt.date]:
    d, m = int(day), int(month)
    if not (1 <= m <= 12):
        return None
    if year:
        y = int(year)
        y = y + 2000 if y < 100 else y
        try:
            return dt.date(y, m, d)
        except ValueError:
            return None
    if ctx.published is None:
        return None
    return _recent_day_month(d, m, ctx.published)


def _base_and_preference(rel: Optional[str], base: Optional[dt.date]) -> tuple[Optional[dt.date], str]:
    """"lalu" means strictly before publication; "depan" after it."""
    rel = (rel or "").lower()
    if base is not None and rel in _PAST_WORDS:
        return base - dt.timedelta(days=1), "past"
    if rel in _FUTURE_WORDS:
        return base, "future"
    return base, "past"


def _month_name_date(p: dict, ctx: Context) -> Resolved:
    month = month_number(p["mon"])
    if p.get("y"):
        try:
            return _iso_day(dt.date(int(p["y"]), month, int(p["d"])))
        except ValueError:
            return ("date", None)
    if ctx.published is None:
        return ("date", None)
    base, prefer = _base_and_preference(p.get("rel"), ctx.published)
    # A canonical phrase, so the cache is shared across spellings ("Okt.", "Oktober").
    found = _dateparser(f"{int(p['d'])} {MONTH_KEYS[month - 1]}", base, prefer)
    if found and not p.get("rel"):
        past = found[0]
        try:
            upcoming = past.replace(year=past.year + 1)
        except ValueError:  # 29 February
            upcoming = None
        if upcoming and 0 < (upcoming - ctx.published).days <= NEAR_FUTURE_DAYS:
            # "pada 27 November" in a 20 November article: next week's meeting, not
            # last year's — a date a year back is written with its year.
            return _iso_day(upcoming)
    return _iso_day(found[0] if found else None)


def _month(p: dict, ctx: Context) -> Resolved:
    month = month_number(p["mon"])
    if p.get("y"):
        return ("month", f"{int(p['y']):04d}-{month:02d}")
    pub = ctx.published
    if pub is None:
        return ("month", None)
    yrel = " ".join((p.get("yrel") or "").lower().split())
    rel = (p.get("rel") or "").lower()
    if yrel or rel == "ini":
        year = pub.year + {"tahun lalu": -1, "tahun depan": 1}.get(yrel, 0)
        return ("month", f"{year:04d}-{month:02d}")
    # Own arithmetic: dateparser's "future" reading of "Oktober" in October is next year's.
    ahead = (month - pub.month) % 12  # months from publication to the coming such month
    if rel in _PAST_WORDS:  # "Maret lalu" in a March article is last year's March
        year = pub.year if month < pub.month else pub.year - 1
    elif rel in _FUTURE_WORDS or 0 < ahead <= NEAR_FUTURE_MONTHS:
        # "Oktober nanti"; "hingga pertengahan Oktober" in August is the coming October
        year = pub.year + (1 if month < pub.month else 0)
    else:  # the most recent such month, this one included
        year = pub.year if month <= pub.month else pub.year - 1
    return ("month", f"{year:04d}-{month:02d}")


def _weekday(p: dict, ctx: Context) -> Resolved:
    pub = ctx.published
    if pub is None:
        return ("date", None)
    wd = weekday_number(p["wd"])
    week_rel = " ".join((p.get("wrel") or "").lower().split()[1:])
    rel = (p.get("rel") or "").lower()
    monday = pub - dt.timedelta(days=pub.weekday())
    if week_rel or rel == "ini":
        weeks = {"lalu": -1, "depan": 1}.get(week_rel, 0)
        return _iso_day(monday + dt.timedelta(weeks=weeks, days=wd))
    if rel in _FUTURE_WORDS:
        found = _dateparser(WEEKDAY_KEYS[wd], pub, "future")
    elif rel in _PAST_WORDS:  # "Senin lalu": strictly before
        found = _dateparser(WEEKDAY_KEYS[wd], pub, "past")
    else:
        # A bare weekday is the most recent one on or before publication: "(Rabu pagi
        # WIB)" in a Wednesday article is that day. dateparser reads strictly before
        # its base, hence the base a day later.
        found = _dateparser(WEEKDAY_KEYS[wd], pub + dt.timedelta(days=1), "past")
    return _iso_day(found[0] if found else None)


def _relative_word(p: dict, ctx: Context) -> Resolved:
    words = (p["word"] or "").lower().split()
    phrase = " ".join(words)
    pub = ctx.published
    if phrase in ("hari itu", "hari yang sama"):
        return _iso_day(ctx.last_day)
    if phrase in ("keesokan harinya", "keesokan hari", "hari berikutnya"):
        return _iso_day(ctx.last_day + dt.timedelta(days=1) if ctx.last_day else None)
    unit = words[0]
    if unit in ("pekan", "minggu"):
        return ("date", None)  # a week: the contract has no week value
    if unit in ("bulan", "tahun") and words[-1] in ("sebelumnya", "berikutnya"):
        step = -1 if words[-1] == "sebelumnya" else 1
        anchor = ctx.last_day
        if anchor is None:
            return ("month" if unit == "bulan" else "year", None)
        if unit == "bulan":
            return ("month", _add_months(anchor, step).strftime("%Y-%m"))
        return ("year", f"{anchor.year + step:04d}")
    if pub is None:
        return ({"bulan": "month", "tahun": "year"}.get(unit, "date"), None)
    if phrase in _DAY_OFFSETS:
        return _iso_day(pub + dt.timedelta(days=_DAY_OFFSETS[phrase]))
    if _PARTS_OF_DAY & set(words):
        return _iso_day(pub)
    phrase = " ".join(_RELATIVE_SYNONYMS.get(w, w) if i else w for i, w in enumerate(words))
    found = _dateparser(phrase, pub, "past")
    if found is None:
        return ("date", None)
    d, period = found
    if period == "year":
        return ("year", f"{d.year:04d}")
    if period == "month":
        return ("month", d.strftime("%Y-%m"))
    return _iso_day(d)


_POINT_TAILS = {"lalu", "silam", "kemudian", "setelahnya", "sesudahnya", "berikutnya",
                "sebelumnya", "lagi"}


def _count(p: dict, ctx: Context) -> Resolved:
    if p.get("se"):
        amounts = [(1.0, p["se"].lower()[2:])]
    else:
        amounts = [(None if p.get("vague") else parse_number(p["n"]), p["unit"].lower())]
    if p.get("unit2"):  # "1 tahun 6 bulan"
        amounts.append((parse_number(p["n2"]), p["unit2"].lower()))
    tail = " ".join((p.get("tail") or "").lower().split())
    tail_word = tail.split()[-1] if tail else ""
    if tail_word not in _POINT_TAILS:
        return ("duration", iso_duration(*amounts))
    # A point in time counted from publication ("3 hari lalu", "dua hari lagi") or from
    # the date in context ("dua hari kemudian", "sehari sebelumnya"); as precise as its
    # smallest unit.
    smallest = amounts[-1][1]
    if UNITS[smallest][2]:
        return ("time", None)
    coarse = "year" if UNITS[smallest][0] == "Y" else None
    from_pub = tail_word in ("lalu", "silam", "lagi")
    d = ctx.published if from_pub else ctx.last_day
    sign = -1 if tail_word in ("lalu", "silam", "sebelumnya") else 1
    for n, unit in amounts:
        if d is None or n is None:
            return (coarse or "date", None)
        d = _shift(d, sign * n, unit)
    if d is None:
        return (coarse or "date", None)
    if coarse:
        return ("year", f"{d.year:04d}")
    if from_pub and UNITS[smallest][0] == "M":
        return ("month", d.strftime("%Y-%m"))  # "dua bulan lalu": a month, not a day
    return _iso_day(d)


def _day_only(p: dict, ctx: Context) -> Resolved:
    if p.get("mon2"):  # "tanggal 7 dan 28 Desember 2015", "1-10 Oktober": the month named next
        return _month_name_date({"d": p["d"], "mon": p["mon2"], "y": p.get("y2")}, ctx)
    pub = ctx.published
    if pub is None:
        return ("date", None)
    day = int(p["d"])
    month_start = pub.replace(day=1)
    for back in range(3):  # this month, else the last month that has that day
        m = _add_months(month_start, -back)
        if day <= calendar.monthrange(m.year, m.month)[1]:
            d = m.replace(day=day)
            if d <= pub:
                return _iso_day(d)
    return ("date", None)


def _time(p: dict, ctx: Context) -> Resolved:
    hour, minute = int(p["h"]), int(p.get("min") or 0)
    pod = " ".join((p.get("pod") or "").lower().split())
    if (pod in _PART_OF_DAY_PM and hour < 12) or (pod == "siang" and hour < 6):
        hour += 12
    if hour == 24:
        hour = 0
    day = ctx.day_of_time or ctx.published
    if day is None:
        return ("time", None)
    return ("time", f"{day.isoformat()}T{hour:02d}:{minute:02d}")


def _weekday_numeric(p: dict, ctx: Context) -> Optional[Resolved]:
    d = _numeric_date(p.get("d") or p["d2"], p.get("m") or p["m2"], p.get("y") or p.get("y2"), ctx)
    return _iso_day(d) if d or ctx.published is None else None


def _numeric(p: dict, ctx: Context) -> Optional[Resolved]:
    if p.get("iy"):
        d = _numeric_date(p["id"], p["im"], p["iy"], ctx)
    else:
        d = _numeric_date(p["d"], p["m"], p["y"], ctx)
    return _iso_day(d) if d else None


def _day_month(p: dict, ctx: Context) -> Optional[Resolved]:
    kind, value = _month_name_date(p, ctx)
    return (kind, value) if value or ctx.published is None else None


_RESOLVERS = {
    "weekday_numeric": _weekday_numeric,
    "numeric": _numeric,
    "day_month": _day_month,
    "month_day": _day_month,
    "month_year": _month,
    "month": _month,
    "year": lambda p, ctx: ("year", f"{int(p['y']):04d}"),
    "weekday": _weekday,
    "relative": _relative_word,
    "count": _count,
    "range_start": lambda p, ctx: ("duration", iso_duration((parse_number(p["n"]), p["unit"].lower()))),
    "redup": lambda p, ctx: ("duration", None),
    "day_only": _day_only,
    "day_range_start": _day_only,
    "time": _time,
}


def resolve(c: Candidate, ctx: Context) -> Optional[Resolved]:
    """(kind, value) for a candidate; None when it turns out not to be a time expression
    (an impossible calendar date such as "31/02/2023")."""
    return _RESOLVERS[c.rule](c.parts, ctx)
