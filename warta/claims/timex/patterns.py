"""Find candidate time expressions in Indonesian text.

Hand-written: no maintained library finds Indonesian time expressions in running text
(dateparser's ``search_dates`` is slow and noisy, and misses "hari Senin", "pekan lalu",
"dua hari kemudian"). The vocabulary comes from dateparser's locale data (lexicon.py);
resolving what a candidate means is resolve.py's job.

Span convention: a mention is the time expression itself — the date, its weekday and a
word that makes it a time expression ("hari Minggu", "bulan Maret", "tahun 2023", "awal
2024"), never a preposition before it ("pada", "tanggal") or a bare "lalu" after it.
Words that change its value stay in ("Senin pekan lalu", "Maret tahun lalu").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from warta.claims.numbers import parse_number
from warta.claims.timex.lexicon import (NUMBER_WORDS, UNITS, full_month_names, month_names,
                                        weekday_names)
from warta.wordscan import finditer_near, leading_words


@dataclass
class Candidate:
    start: int  # the mention
    end: int
    rule: str
    claim_end: int = 0  # the end of the words it takes from others ("lalu" in "7 Oktober lalu")
    parts: dict[str, Optional[str]] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DAY = r"(?<![\d.,/])(?:0?[1-9]|[12]\d|3[01])(?![\d.,/:])"
_YEAR = r"(?<![\d.,/])(?:1[5-9]\d\d|20\d\d)(?![\d]|[.,]\d|-an\b)"  # not a decade ("1970-an")
_MOD = r"awal|akhir|pertengahan|medio"
_PAST = r"lalu|silam|kemarin"
_FUTURE = r"depan|mendatang|nanti"
_HEDGE = r"sekitar|hampir|kurang\s+dari|lebih\s+dari|kurang\s+lebih|kira-kira|setidaknya|sedikitnya"
_TAIL = (r"(?:yang\s+)?(?:lalu|silam)|kemudian|sebelumnya|setelahnya|sesudahnya|berikutnya"
         r"|lagi|terakhir|mendatang|ke\s+depan")
_VAGUE = r"beberapa|belasan|puluhan|ratusan|ribuan"
# Nouns a number counts: "hingga 2000 orang" is a count, not a year.
_COUNTED = (r"orang|jiwa|warga|anak|korban|pasien|personel|unit|buah|ekor|kali|rumah|ton|kg|km"
            r"|meter|persen|%|rupiah|dolar|dollar|hektare|hektar|ha|mil|kaki")
# A count is not part of a date ("21/11"), a time ("06:18") or a word ("ke-3"); "2-3 menit" is fine.
_DIGITS = r"(?<![\d.,/:])(?<![A-Za-z]-)\d+(?:,\d+)?(?![\d/:]|[.,]\d)"


@lru_cache(maxsize=1)
def _rules() -> list[tuple[str, re.Pattern]]:
    wd = _alt(weekday_names())
    mon_full = _alt(full_month_names())
    abbrevs = [name for name in month_names() if name not in full_month_names()]
    # a full name, or an abbreviation with its optional full stop ("2 Apr 2024", "5 Okt.")
    mon = rf"(?:{mon_full})(?![\w’'])|(?:{_alt(abbrevs)})\.?(?![\w’'])"
    unit = _alt(UNITS)
    day_link = r"\s*(?:-|–|\s(?:dan|atau|hingga|sampai|s\.?d\.?)\s)\s*"
    num_words = rf"(?:{_alt(NUMBER_WORDS)})(?:\s+(?:{_alt(NUMBER_WORDS)}))*"
    num = rf"(?:{_DIGITS}|\b{num_words})"
    se_unit = rf"\bse(?:{unit})"
    end = r"(?![\w’'])"
    rules = {
        # "Selasa (21/11/2023)", "Rabu (25/10)", "Senin, 29/12/2014"
        "weekday_numeric": rf"(?P<t>\b(?P<wd>{wd}){end}\s*,?\s*(?:\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})"
                           rf"(?:\s*/\s*(?P<y>\d{{2,4}}))?\s*\)|(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})/(?P<y2>\d{{4}})\b))"
                           rf"(?:\s+(?P<rel>{_PAST}))?",
        # "21/11/2023", "21-11-2023", "2023-11-21"
        "numeric": r"(?P<t>(?<![\d.,/-])(?:(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
                   r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))(?![\d/-]|[.,]\d))",
        # "7 Oktober", "2 Apr 2024", "Minggu 28 Desember 2014", "Selasa, 21 November 2023"
        "day_month": rf"(?P<t>(?:\b(?P<wd>{wd}){end}\s*,?\s*)?(?P<d>{_DAY})(?:\s+|-)(?P<mon>{mon})"
                     rf"(?:(?:\s*,\s*|\s+|-)(?:tahun\s+)?(?P<y>{_YEAR}))?)(?:\s+(?P<rel>{_PAST}|{_FUTURE}))?",
        # "April 2, 2024"
        "month_day": rf"(?P<t>\b(?P<mon>{mon_full}){end}\s+(?P<d>{_DAY})(?:st|nd|rd|th)?,\s*(?P<y>{_YEAR}))",
        # "Maret 2024", "awal Oktober 2023", "bulan November 2014"
        "month_year": rf"(?P<t>(?:\b(?P<mod>{_MOD})\s+)?(?:\bbulan\s+)?\b(?P<mon>{mon_full}){end}\s+(?:tahun\s+)?(?P<y>{_YEAR}))",
        # "bulan Maret", "awal Desember", "Desember lalu", "pada Mei", "Maret tahun lalu"
        "month": rf"(?:\b(?P<prep>pada|sejak|semenjak|hingga|sampai|jelang|menjelang|selama|per)\s+)?"
                 rf"(?P<t>(?:\b(?P<mod>{_MOD})\s+)?(?:\b(?P<bulan>bulan)\s+)?\b(?P<mon>{mon_full}){end}"
                 rf"(?:\s+(?P<yrel>tahun\s+(?:lalu|ini|depan)))?)(?:\s+(?P<rel>{_PAST}|{_FUTURE}|ini))?",
        # "tahun 1997", "awal 2024", "pada 2023", "2023 lalu", "(2023)"
        "year": rf"(?:\b(?P<prep>pada|sejak|semenjak|hingga|sampai|di|dari|jelang|menjelang|selama|per)\s+|(?P<paren>\())?"
                rf"(?P<t>(?:\b(?P<mod>{_MOD})\s+)?(?:\b(?P<tahun>tahun)\s+)?(?P<y>{_YEAR}))"
                rf"(?P<close>\))?(?!\s*(?:{_COUNTED})\b)(?:\s+(?P<rel>lalu|silam))?",
        # "hari Senin", "Senin lalu", "Senin pekan lalu"
        "weekday": rf"(?P<t>(?:\b(?P<hari>hari)\s+)?\b(?P<wd>{wd}){end}"
                   rf"(?:\s+(?P<wrel>(?:pekan|minggu)\s+(?:lalu|ini|depan)))?)"
                   rf"(?!\s*,?\s*\(?\s*\d)(?:\s+(?P<rel>{_PAST}|{_FUTURE}|ini))?",
        # "kemarin", "hari ini", "pekan lalu", "awal bulan depan", "hari itu", "tadi malam"
        "relative": rf"(?P<t>(?:\b(?P<mod>{_MOD})\s+)?(?<![-\w])(?P<word>kemarin\s+lusa|kemarin|hari\s+ini|besok|esok\s+hari|esok|lusa"
                    rf"|keesokan\s+harinya|keesokan\s+hari|hari\s+berikutnya|hari\s+itu|hari\s+yang\s+sama"
                    rf"|(?:pagi|siang|sore|malam)\s+(?:ini|tadi)|tadi\s+(?:pagi|siang|sore|malam)|dini\s+hari\s+tadi"
                    rf"|(?:pekan|minggu|bulan|tahun)\s+(?:lalu|ini|depan|kemarin|silam|sebelumnya|berikutnya|mendatang)))\b",
        # "dua hari kemudian", "40 hari terakhir", "sekitar 40 menit", "setahun", "3 hari yang lalu"
        # ("1 tahun 6 bulan" is one duration)
        "count": rf"(?P<t>(?:\b(?P<hedge>{_HEDGE})\s+)?(?:(?:(?P<n>{num})|\b(?P<vague>{_VAGUE}))\s+(?P<unit>{unit})\b"
                 rf"|(?P<se>{se_unit})\b(?!-))(?:\s+(?:dan\s+)?(?P<n2>{num})\s+(?P<unit2>{unit})\b)?"
                 rf"(?!\s+\d{{4}}\b)(?:\s+(?P<tail>{_TAIL})\b)?)",
        # the first number of a range: "2" in "2-3 menit"
        "range_start": rf"(?P<t>(?P<n>{_DIGITS}))\s*(?:-|–|hingga|sampai)\s*(?=\d+(?:,\d+)?\s+(?P<unit>{unit})\b)",
        # "bertahun-tahun", "berjam-jam"; "sejenak", "beberapa saat": unspecified durations
        "redup": rf"(?P<t>\bber(?P<unit>{unit})-(?P=unit)\b|\b(?:sejenak|sesaat|beberapa\s+saat)\b)",
        # "tanggal 24" (a day of an unnamed month)
        "day_only": rf"(?P<t>\btanggal\s+(?P<d>{_DAY}))(?!\s*[-/]?\s*(?:\d|(?:{mon})\b))"
                    rf"(?:{day_link}(?={_DAY}\s+(?P<mon2>{mon})(?:\s+(?P<y2>{_YEAR}))?)|\s+(?P<rel>kemarin|lalu))?",
        # the first day of "1-10 Oktober 2025", "7 dan 28 Desember"
        "day_range_start": rf"(?P<t>(?P<d>{_DAY})){day_link}(?={_DAY}\s+(?P<mon2>{mon})(?:\s+(?P<y2>{_YEAR}))?)",
        # "pukul 06.18 WIB", "sekitar pukul 06.14", "jam 10.00 pagi"
        "time": r"(?P<t>(?:\b(?P<hedge>sekitar|kira-kira|hampir|menjelang)\s+)?\b(?P<kw>pukul|pkl\.?|jam)\s+"
                r"(?P<h>2[0-4]|[01]?\d)(?!\d)(?:[.:](?P<min>[0-5]\d))?(?![\d.,:]\d)"
                r"(?:\s*(?P<tz>WIB|WITA|WIT|GMT|UTC|waktu\s+setempat))?(?:\s+(?P<pod>pagi|siang|sore|malam|dini\s+hari))?)(?:\s+(?P<rel>kemarin|lalu|tadi))?",
    }
    return [(name, re.compile(rx, re.IGNORECASE)) for name, rx in rules.items()]


def _capitalised(s: Optional[str]) -> bool:
    return bool(s) and s[0].isupper()


_PRAYER_BEFORE = re.compile(r"\b(?:salat|sholat|shalat|solat|khutbah|khotbah)\s+$", re.IGNORECASE)
_SET_BEFORE = re.compile(r"\b(?:setiap|tiap|per)\s+$", re.IGNORECASE)


def _keep(rule: str, m: re.Match, text: str, is_title: bool) -> bool:
    """Filters a regex cannot express well: capitalisation of names, bare years, sets."""
    g = m.groupdict()
    if rule in ("count", "relative", "weekday") and _SET_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return False  # "setiap 5 menit", "tiap Senin": a recurrence, which the contract has no value for
    if g.get("mon") and rule in ("month", "month_year", "month_day") and not _capitalised(g["mon"]):
        return False  # "mei" lower-case is not the month
    if rule == "day_month" and len(g["mon"].rstrip(".")) <= 3 and not _capitalised(g["mon"]):
        return False  # "5 mar": an abbreviation only when written like one
    if rule == "month" and not (g.get("prep") or g.get("mod") or g.get("bulan") or g.get("yrel") or g.get("rel")):
        return False  # a month name alone may be a person's name ("Mei")
    if rule == "year":
        if not (g.get("prep") or g.get("mod") or g.get("tahun") or g.get("rel")
                or (g.get("paren") and g.get("close"))):
            return False  # a bare four-digit number is not a year without context
    if rule == "weekday":
        wd = g["wd"]
        after = text[m.end("wd"):m.end("wd") + 1]
        before = text[m.start("wd") - 1:m.start("wd")] if m.start("wd") else ""
        if after in ("-", "–") or before in ("-", "–"):
            return False  # "Senin-Jumat": a span of weekdays, every week
        if _PRAYER_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            return False  # "salat Jumat": the Friday prayer, not a date
        if not g.get("hari"):
            if not _capitalised(wd):
                return False
            if wd.lower() == "minggu":
                # "Minggu lalu/ini/depan" is the week; in a title-cased headline
                # "Minggu" is too often the word for week.
                if g.get("rel") or is_title:
                    return False
    if rule == "count" and any(g.get(k) and parse_number(g[k]) is None for k in ("n", "n2")):
        return False  # "puluh hari": words that do not make a number
    if rule == "time" and g["kw"].lower() == "jam" and not (g.get("min") or g.get("pod")):
        return False  # "jam 7" without minutes is too often part of "24 jam 7 hari"
    return True


_WORD = re.compile(r"\w+")
# How far a match reaches before its first trigger word ("kurang dari tiga puluh lima
# hari") and after its last ("pukul 06.18 WIB dini hari kemarin").
_REACH_BEFORE, _REACH_AFTER = 50, 45


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Words every time expression contains at least one of (lower case)."""
    units = set(UNITS)
    words = set(month_names()) | set(weekday_names()) | units
    words |= {"se" + u for u in units} | {"ber" + u for u in units}
    words |= {"kemarin", "besok", "lusa", "esok", "keesokan", "sejenak", "sesaat", "saat",
              "pukul", "pkl", "tanggal", "tadi", "pagi", "siang", "sore", "malam"}
    return frozenset(words)


def _windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around trigger words (merged): the rules run only there, which
    makes the stage several times faster than running every rule over the whole text."""
    triggers = _trigger_words()
    windows: list[list[int]] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.lower() in triggers or (len(word) == 4 and word.isdigit() and "1500" <= word <= "2099"):
            start, end = max(0, m.start() - _REACH_BEFORE), m.end() + _REACH_AFTER
            if windows and start <= windows[-1][1]:
                windows[-1][1] = end
            else:
                windows.append([start, end])
    return [(s, min(e, len(text))) for s, e in windows]


@lru_cache(maxsize=1)
def _rule_words() -> dict[str, Optional[tuple[str, ...]]]:
    """For each rule, strings (lower case, ASCII) one of which every match of the rule
    contains, within its window (a lookahead cannot see past the window's end either):
    a word the rule names, or a run of a word's ASCII characters. A rule is not run over
    a window of ASCII text holding none of them — with re.IGNORECASE, ASCII text matches
    exactly as lower-cased — which halves the stage's regex time. None: always run."""
    digits = tuple("0123456789")  # \d, on ASCII text
    wd, mon, full = weekday_names(), month_names(), full_month_names()
    relative = ("kemarin", "hari", "esok", "lusa", "pagi", "siang", "sore", "malam", "tadi",
                "pekan", "minggu", "bulan", "tahun")  # "besok" and "keesokan" hold "esok"
    words = {"weekday_numeric": wd, "numeric": digits, "day_month": mon, "month_day": full,
             "month_year": full, "month": full, "year": digits, "weekday": wd, "relative": relative,
             "count": UNITS, "range_start": UNITS, "redup": (*UNITS, "sejenak", "sesaat", "saat"),
             "day_only": ("tanggal",), "day_range_start": mon, "time": ("pukul", "pkl", "jam")}
    out: dict[str, Optional[tuple[str, ...]]] = {}
    for rule, names in words.items():
        runs = [max(re.findall(r"[\x00-\x7f]+", n.lower()) or [""], key=len) for n in names]
        out[rule] = None if not all(runs) else tuple(sorted(set(runs)))
    return out


@lru_cache(maxsize=1)
def _rule_starts() -> dict[str, Optional[frozenset[str]]]:
    """For each rule, the words one of which each of its matches begins with, read from
    the pattern (``wordscan.leading_words``): in a window of ASCII text the rule is tried
    only where those words are (``wordscan.finditer_near``), not at every position —
    the same matches (``tests/test_dates.py``), the rules' regex time cut by ~4x."""
    return {rule: leading_words(rx) for rule, rx in _rules()}


def find_candidates(text: str, is_title: bool = False) -> list[Candidate]:
    """Non-overlapping candidates, left to right; where two overlap the one that starts
    first wins, then the longer. A candidate also blocks the words it claims after its
    mention ("lalu" in "7 Oktober lalu", "kemarin" in "pukul 06.18 WIB kemarin")."""
    found: list[Candidate] = []
    windows = _windows(text)
    lowered = [text[s:e].lower() if text[s:e].isascii() else None for s, e in windows]
    for rule, rx in _rules():
        needs = _rule_words().get(rule)  # a rule without words is run everywhere
        for (w_start, w_end), low in zip(windows, lowered):
            if low is not None and needs is not None and not any(w in low for w in needs):
                continue
            starts = _rule_starts()[rule] if low is not None else None
            matches = (rx.finditer(text, w_start, w_end) if starts is None
                       else finditer_near(rx, text, starts, 0, w_start, w_end, haystack=low))
            for m in matches:
                if not _keep(rule, m, text, is_title):
                    continue
                found.append(Candidate(m.start("t"), m.end("t"), rule, claim_end=m.end(),
                                       parts=m.groupdict()))
    found.sort(key=lambda c: (c.start, -c.length))
    chosen: list[Candidate] = []
    last_end = -1
    for c in found:
        if c.start >= last_end:
            chosen.append(c)
            last_end = c.claim_end
    return chosen
