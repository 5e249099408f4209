"""Cited sources: outlets, agencies and bodies an article names as the origin of its report.

Three kinds of evidence, all hand-written patterns over a lexicon (no library does this):
1. citing cues followed by a name: "seperti dilansir Al Arabiya", "dikutip dari Antara",
   "mengutip ... situs berita yang berbasis di Inggris Middle East Eye" (the name may
   come a few words later, within the same clause);
2. attribution to a named organisation: "menurut UNICEF", "kata UNICEF" (a person after
   "kata" is a speaker, not a source: only organisations count here);
3. wire credits: "(Reuters)", "- Antara" at a line end, and credits left in page chrome
   ("Reuters+ FOLLOW", found in removed boilerplate, with raw offsets).
A name is a lexicon entry (``data/outlets.tsv``, ``data/organisations.txt``) or a
capitalised sequence; a lower-case description ("otoritas kesehatan Gaza") never is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from warta.meta.outlet import lexicon as outlet_lexicon
from warta.model import Boilerplate, CitedSource
from warta.lang.words import ROLE_HEADS
from warta.wordscan import finditer_near, leading_words

_DATA = Path(__file__).parent / "data"

# Cues naming where a report was taken from: any proper name may follow.
_REPORT_CUE = re.compile(
    r"\b(?P<cue>(?:seperti |sebagaimana |yang )?(?:di|me)lansir|(?:seperti |sebagaimana )?dikutip|"
    r"mengutip|diberitakan)"
    r"(?:\s+(?:dari|oleh|dalam|laman|situs|website|akun|resmi|kantor berita|media|laporan|data|"
    r"keterangan|pernyataan|rilis|unggahan|siaran pers))*\s*", re.I)
# Every match holds one of these words, at most 14 characters after its start
# ("sebagaimana dilansir"): the cue regex is tried only there (wordscan.finditer_near).
_REPORT_WORDS, _REPORT_REACH = ("lansir", "dikutip", "mengutip", "diberitakan"), 14
# Cues of attribution: only an organisation counts as a source after these.
_ATTRIBUTION_CUE = re.compile(
    r"\b(?P<cue>menurut|kata|ujar|ungkap|sebut|tulis|data|laporan|catatan|versi|merujuk pada|mengacu pada)"
    r"(?:\s+(?:data|laporan|catatan))?\s+", re.I)
# Every match begins with one of its cues (read from the pattern: the list cannot drift).
_ATTRIBUTION_WORDS = leading_words(_ATTRIBUTION_CUE)
# After these an acronym is an organisation ("menurut UNICEF"); after "kata" it may be a
# person known by initials ("kata AHY"), so only lexicon names and "Kementerian ..." count.
_ACRONYM_OK_CUE = re.compile(r"menurut|data|laporan|catatan|versi|merujuk|mengacu", re.I)
# Only these cues may name their source further on in the clause.
_LOOKAHEAD_CUE = re.compile(r"lansir|kutip|mengutip", re.I)
# A media descriptor before a name further on: "situs berita yang berbasis di Inggris X".
_DESCRIPTOR = re.compile(
    r"\b(?:situs|laman|portal|kantor berita|surat kabar|harian|majalah|stasiun televisi|"
    r"media|jaringan televisi|outlet)(?: berita)?(?:\s+[a-z]+){0,5}?(?:\s+di\s+[A-Z][\w\-]*)?\s+(?=[A-Z])")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:dan\s+)?|\s+dan\s+)")  # "A, B dan C"
_CLAUSE_END = re.compile(r"[.;:!?\n]|,\s*(?:kata|ujar|seperti)\b")
LOOKAHEAD_CHARS = 160  # how far after "mengutip" the cited name may come (same clause)

# "Middle", "Al-Aqsa", "KOMPAS.com", "detikNews": dots only inside a token
_NAME_TOKEN = r"(?:[A-Z][\w'’&\-]*|[a-z]+[A-Z][\w'’&\-]*)(?:\.\w+)*"
_CONNECTOR = r"(?:of|the|for|de|al|el|bin|van|von|and)"
_NAME = re.compile(_NAME_TOKEN + r"(?:[ \t]+(?:" + _CONNECTOR + r"[ \t]+)?" + _NAME_TOKEN + r")*")
# Scrapes glue link text to its neighbours ("dikutip dariCNA", "DilansirdetikBaliRabu"):
# a glued leading preposition or trailing day/preposition is not part of the name.
_GLUED_HEAD = re.compile(r"^(?:dari|data|dalam|laman|situs|media|melalui|buku)(?=[A-Z])")
_GLUED_TAIL = re.compile(r"(?<=[a-zA-Z])(?:(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)$|"
                         r"(?:pada|dalam|selengkapnya|dari|karya|oleh)(?=[A-Z ]|$))")
_ACRONYM = re.compile(r"^[A-Z]{3,}$")
_ORG_HEADS = ("Kementerian", "Kemenkes", "Badan", "Dinas", "Komisi", "Organisasi", "Lembaga",
              "Biro", "Pusat", "Bank", "Universitas", "Departemen", "Kepolisian", "Kejaksaan",
              "Pengadilan", "Mahkamah", "Dewan", "Majelis", "Partai", "Otoritas", "Pasukan",
              "Angkatan", "Institut", "Yayasan", "Asosiasi", "Federasi", "Serikat", "Kantor",
              "Ministry", "Agency", "Office", "Council", "Institute", "Federation")
_NOT_NAMES = frozenset("Senin Selasa Rabu Kamis Jumat Sabtu Minggu Ahad Januari Februari Maret "
                       "April Mei Juni Juli Agustus September Oktober November Desember "
                       "Sementara Namun Selain Dalam Pada Di Ke Dari Itu Ini Ia Dia Mereka".split())


@lru_cache(maxsize=1)
def _known_names() -> list[tuple[str, str, str]]:
    """(alias, canonical, kind) for outlets, agencies and organisations, longest first."""
    rows = [(alias, src.canonical, src.kind) for alias, src in outlet_lexicon().items()
            if not re.search(r"\.(com|net|org|id|co|uk|tr)\b|/|\*$", alias)]
    for line in (_DATA / "organisations.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((line.strip(), line.strip(), "organisation"))
    return sorted(rows, key=lambda r: -len(r[0]))


@lru_cache(maxsize=1)
def _families() -> Optional[re.Pattern]:
    """Sub-brand families from the outlet lexicon ("detik*": detikBali, detiksport)."""
    prefixes = [re.escape(a[:-1]) for a in outlet_lexicon() if a.endswith("*")]
    return re.compile(r"(?:" + "|".join(prefixes) + r")[A-Za-z]+") if prefixes else None


@lru_cache(maxsize=1)
def _names_by_initial() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """``_known_names`` grouped by first character, each group still longest first.
    ``text.startswith(alias, pos)`` needs ``text[pos] == alias[0]``, so trying only the
    group of ``text[pos]`` finds the same first hit as trying every name (``_known_at``
    runs at every word start ``_known_in`` scans: 290k ``startswith`` calls per 300
    articles before). Lexicon aliases are never empty (``tests/test_meta.py``)."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for row in _known_names():
        groups.setdefault(row[0][:1], []).append(row)
    return {initial: tuple(rows) for initial, rows in groups.items()}


def _known_at(text: str, pos: int) -> Optional[tuple[str, int, str]]:
    """(canonical, end, kind) of a lexicon name starting exactly at ``pos``; a sub-brand
    keeps its own name ("detikBali")."""
    family = _families().match(text, pos) if _families() else None
    if family and not _GLUED_TAIL.search(family.group(0)):
        return family.group(0), family.end(), "outlet"
    for alias, canonical, kind in _names_by_initial().get(text[pos:pos + 1], ()):
        if text.startswith(alias, pos):
            end = pos + len(alias)
            if end == len(text) or not (text[end].isalnum()):
                return canonical, end, kind
    return None


def _known_in(text: str, start: int, end: int) -> Optional[tuple[str, int, int]]:
    for m in re.finditer(r"\b", text[start:end]):
        pos = start + m.start()
        if pos < end and text[pos].isalnum():
            hit = _known_at(text, pos)
            if hit and hit[2] != "organisation":
                return hit[0], pos, hit[1]
    return None


def _name_at(text: str, pos: int) -> Optional[tuple[str, int, int, bool]]:
    """(name, start, end, known) of the name starting at ``pos``, or None."""
    hit = _known_at(text, pos)
    if hit:
        return hit[0], pos, hit[1], True
    m = _NAME.match(text, pos)
    if not m:
        return None
    name, start = m.group(0).rstrip(".’'-"), pos
    head = _GLUED_HEAD.match(name)
    if head:
        name, start = name[head.end():], start + head.end()
        hit = _known_at(text, start)
        if hit:
            return hit[0], start, hit[1], True
    tail = _GLUED_TAIL.search(name)
    name = name[:tail.start()] if tail else name
    if len(name) < 2 or name.split()[0] in _NOT_NAMES:
        return None
    return name, start, start + len(name), False


def _is_organisation(name: str, known: bool, acronym_ok: bool) -> bool:
    if known:
        return True
    return (acronym_ok and bool(_ACRONYM.match(name))) or name.split()[0] in _ORG_HEADS


def _is_person_like(name: str) -> bool:
    return name.split()[0].lower() in ROLE_HEADS


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, min(len(text), pos + LOOKAHEAD_CHARS))
    return m.start() if m else min(len(text), pos + LOOKAHEAD_CHARS)


def _with_list(text: str, first: tuple[str, int, int, bool]) -> list[tuple[str, int, int, bool]]:
    """"AFP, BBC, dan CNN": the names listed after the first one."""
    names = [first]
    pos = first[2]
    while True:
        m = _LIST_SEPARATOR.match(text, pos)
        if not m:
            return names
        nxt = _name_at(text, m.end())
        if not nxt or not nxt[3]:  # only lexicon names continue a list (else: a date, a place)
            return names
        names.append(nxt)
        pos = nxt[2]


def _cited(name: str, start: int, end: int, cue: Optional[str], text: str) -> CitedSource:
    return CitedSource(text=text[start:end], start=start, end=end, name=name, cue=cue)


def find(text: str) -> list[CitedSource]:
    """Cited sources in ``text`` (local offsets), first mention of each name, in order."""
    found: list[CitedSource] = []

    for m in finditer_near(_REPORT_CUE, text, _REPORT_WORDS, _REPORT_REACH):
        cue = m.group("cue").strip()
        hit = _name_at(text, m.end())
        if hit and not hit[3] and _is_person_like(hit[0]):
            hit = None
        if hit is None and _LOOKAHEAD_CUE.search(cue):
            # the name may come later in the clause: a known outlet, or one after a descriptor
            stop = _clause_end(text, m.end())
            known = _known_in(text, m.end(), stop)
            if known:
                hit = (known[0], known[1], known[2], True)
            else:
                d = _DESCRIPTOR.search(text, m.end(), stop)
                hit = _name_at(text, d.end()) if d else None
        if hit:
            found += [_cited(n, s, e, cue, text) for n, s, e, _ in _with_list(text, hit)]

    for m in finditer_near(_ATTRIBUTION_CUE, text, _ATTRIBUTION_WORDS, 0):
        hit = _name_at(text, m.end())
        if hit and _is_organisation(hit[0], hit[3], bool(_ACRONYM_OK_CUE.match(m.group("cue")))):
            found += [_cited(n, s, e, m.group("cue"), text) for n, s, e, _ in _with_list(text, hit)]

    found += _wire_credits(text)
    return _first_of_each(_resolve_acronyms(text, found))


def _resolve_acronyms(text: str, found: list[CitedSource]) -> list[CitedSource]:
    """"Badan Informasi Energi AS (EIA) ... menurut EIA": the acronym is the same source."""
    expansions: dict[str, str] = {}
    for c in found:
        m = re.match(r"\s*\(([A-Z]{2,})\)", text[c.end:c.end + 20])
        if m:
            expansions.setdefault(m.group(1), c.name)
    return [c.model_copy(update={"name": expansions[c.name]}) if c.name in expansions else c
            for c in found]


def _agency_names() -> str:
    names = [re.escape(alias) for alias, _c, kind in _known_names() if kind == "agency"]
    return "|".join(names)


@lru_cache(maxsize=1)
def _credit_patterns() -> list[tuple[re.Pattern, tuple[str, ...], int]]:
    """Each credit pattern, with the words (case as written) one of which its every match
    holds at most ``reach`` characters after its start (for wordscan.finditer_near)."""
    agencies = _agency_names()
    return [
        (re.compile(r"\((?P<name>" + agencies + r")\)"), ("(",), 0),                       # "(Reuters)"
        (re.compile(r"(?:^|\s)[-–—]\s*(?P<name>" + agencies + r")\s*$", re.M), ("-", "–", "—"), 1),  # "... - Antara"
        (re.compile(r"(?<![a-z])(?P<name>" + agencies + r")\s*\+\s*(?i:FOLLOW|IKUTI)"),  # chrome byline
         tuple(alias for alias, _c, kind in _known_names() if kind == "agency"), 0),
    ]


def _wire_credits(text: str) -> list[CitedSource]:
    out = []
    for pattern, words, reach in _credit_patterns():
        for m in finditer_near(pattern, text, words, reach):
            canonical = _known_at(text, m.start("name"))
            name = canonical[0] if canonical else m.group("name")
            out.append(_cited(name, m.start("name"), m.end("name"), "credit", text))
    return out


def from_boilerplate(raw_text: str, boilerplate: list[Boilerplate]) -> list[CitedSource]:
    """Wire credits inside removed residue ("Reuters+ FOLLOW"), with RAW offsets."""
    out = []
    for bp in boilerplate:
        for c in _wire_credits(bp.text):
            s, e = bp.start + c.start, bp.start + c.end
            out.append(c.model_copy(update={"start": s, "end": e, "text": raw_text[s:e]}))
    return _first_of_each(out)


def _first_of_each(found: list[CitedSource]) -> list[CitedSource]:
    seen, out = set(), []
    for c in sorted(found, key=lambda c: c.start):
        if c.name not in seen:
            seen.add(c.name)
            out.append(c)
    return out
