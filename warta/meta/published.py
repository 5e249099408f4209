"""When an article was published, from the text itself (ingest's HTML metadata wins).

Steps, first hit wins:
1. a publication stamp in page chrome: "Published: 5:13am, 2 Apr 2024",
   "Diterbitkan: 21 November 2023 14:05 WIB" (parsed by dateparser);
2. the dateline of the lead: the first "Selasa (21/11/2023)" in the opening paragraphs
   (detik style: the day the reported words were said, which is the publication day
   or the day before: the gold allows one day either side);
3. a year-less dateline "Rabu (25/10)" completed with a year the text gives elsewhere
   (a caption stamp "date 2023-10", a full date), checked against the weekday.
What cannot be determined is None, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

import dateparser

from warta.wordscan import lacks_words, leading_words

_DATEPARSER_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                        "RETURN_AS_TIMEZONE_AWARE": False}
_MONTHS = (r"(?:Jan(?:uari|uary)?|Feb(?:ruari|ruary)?|Mar(?:et|ch)?|Apr(?:il)?|Mei|May|"
           r"Jun[ie]?|Jul[iy]?|Agu(?:stus)?|Aug(?:ust)?|Sep(?:t|tember)?|Okt(?:ober)?|Oct(?:ober)?|"
           r"Nov(?:ember)?|Des(?:ember)?|Dec(?:ember)?)")
_STAMP = re.compile(
    r"(?:Published|Updated|Diterbitkan|Diperbarui|Dipublikasikan|Tayang)\s*:?\s*"
    r"(?P<when>(?:\d{1,2}[:.]\d{2}\s*(?:[ap]m)?,?\s*)?\d{1,2}\s+" + _MONTHS + r"\s+\d{4}"
    r"(?:,?\s*\d{1,2}[:.]\d{2}(?:\s*WI[BTA])?)?)", re.I)
_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
             "sabtu": 5, "minggu": 6, "ahad": 6}
# "Selasa (21/11/2023)", "Selasa malam (23/9/2025)", "Rabu (25/10)"
_DATELINE = re.compile(
    r"\b(?P<day>Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)(?:\s+\w+)?\s*"
    r"\((?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2}|\d{4}))?\)")
# Year evidence elsewhere in the text.
_YEAR_EVIDENCE = (
    re.compile(r"\bdate (?P<y>\d{4})-(?P<m>\d{2})\b"),                  # caption stamp
    re.compile(r"\b\d{1,2}/\d{1,2}/(?P<y>\d{4})\b"),                    # 21/11/2023
    re.compile(r"\b\d{1,2}\s+" + _MONTHS + r"\s+(?P<y>\d{4})\b"),       # 21 November 2023
    re.compile(r"\b" + _MONTHS + r"\s+(?P<y>\d{4})\b"),                  # Oktober 2023
)
# The "lead": datelines further down report events, not publication. Calibrated on
# detik-1000 (right/wrong within a day, of 1,000): 1500 chars 738/33, 2500 763/38, 4000 768/36.
LEAD_CHARS = 2500


def _iso(value: dt.datetime, with_time: bool) -> str:
    return value.strftime("%Y-%m-%dT%H:%M") if with_time else value.date().isoformat()




# The stamp's first words, read from the pattern: text holding none has no stamp, which a
# few substring tests tell instead of the regex tried at every position of the raw text
# (0.3 ms per detik article; ``wordscan.lacks_words``).
_STAMP_WORDS = leading_words(_STAMP)


def from_stamp(raw_text: str) -> Optional[str]:
    if lacks_words(raw_text, _STAMP_WORDS):
        return None
    m = _STAMP.search(raw_text)
    if not m:
        return None
    when = dateparser.parse(m.group("when"), languages=["id", "en"], settings=_DATEPARSER_SETTINGS)
    if when is None:
        return None
    return _iso(when, with_time=bool(re.search(r"\d[:.]\d{2}", m.group("when"))))


def _year_evidence(text: str) -> set[int]:
    years = set()
    for pattern in _YEAR_EVIDENCE:
        years.update(int(m.group("y")) for m in pattern.finditer(text))
    return {y for y in years if 1900 <= y <= 2100}


def _date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def from_dateline(clean_text: str, raw_text: str) -> Optional[str]:
    """The latest weekday-consistent dateline date in the lead (a lead may recall an
    earlier day; it does not report days after its own publication)."""
    found: list[dt.date] = []
    yearless: list[tuple[int, int, int]] = []
    for m in _DATELINE.finditer(clean_text[:LEAD_CHARS]):
        day, month = int(m.group("d")), int(m.group("m"))
        weekday = _WEEKDAYS[m.group("day").lower()]
        if m.group("y"):
            year = int(m.group("y"))
            year += 2000 if year < 100 else 0
            date = _date(year, month, day)
            if date and date.weekday() == weekday:  # a wrong weekday betrays a typo
                found.append(date)
        else:
            yearless.append((month, day, weekday))
    if found:
        return max(found).isoformat()
    for month, day, weekday in yearless[:1]:
        # Year-less: the years the text gives, kept where the weekday fits.
        candidates = [c for y in sorted(_year_evidence(raw_text))
                      if (c := _date(y, month, day)) and c.weekday() == weekday]
        if len(candidates) == 1:
            return candidates[0].isoformat()
    return None  # no (or ambiguous) year evidence: unknown


def detect(raw_text: str, clean_text: str) -> Optional[str]:
    return from_stamp(raw_text) or from_dateline(clean_text, raw_text)
