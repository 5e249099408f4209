"""Which outlet published an article, from the evidence a scrape leaves.

Steps, first hit wins:
1. the URL's domain ("news.detik.com" -> detik);
2. a sign-off the cleaner removed ("sumber: detik");
3. a dateline opening the body ("IslamTimes -", "JAKARTA, KOMPAS.com -",
   "Jakarta, CNN Indonesia --");
4. page chrome naming the site ("Mengapa Anda bisa mempercayai SCMP").
A name is mapped to its canonical form through ``data/outlets.tsv``. A wire agency
(Reuters, Antara) is a credit, not the outlet, and is never returned here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional
from urllib.parse import urlparse

from warta.model import Boilerplate
from warta.wordscan import lacks_words, leading_words

_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Source:
    canonical: str
    kind: str  # "outlet" or "agency"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Source]:
    """Alias (name or domain) -> Source."""
    out: dict[str, Source] = {}
    for row in (_DATA / "outlets.tsv").read_text(encoding="utf-8").splitlines():
        if not row.strip() or row.startswith("#"):
            continue
        canonical, kind, aliases = row.split("\t")
        for alias in [canonical, *aliases.split("|")]:
            out.setdefault(alias, Source(canonical, kind))
    return out


def lookup(name: str) -> Optional[Source]:
    name = name.strip().strip(".,:;-–—")
    found = lexicon().get(name) or lexicon().get(name.lower())
    if found:
        return found
    # family aliases: "detik*" covers detikJabar, detikFinance ... (a capital must follow)
    for alias, src in lexicon().items():
        if alias.endswith("*") and name.startswith(alias[:-1]) and name[len(alias) - 1:][:1].isupper():
            return src
    return None


def from_url(url: Optional[str]) -> Optional[str]:
    if not url:
        return None
    try:
        host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:  # a malformed URL ("http://[::1") names no outlet
        return None
    labels = host.split(".")
    # try the host and each parent domain: news.detik.com, detik.com
    for i in range(len(labels) - 1):
        src = lexicon().get(".".join(labels[i:]))
        if src:  # on its own site an agency is the outlet
            return src.canonical
    return None


_SIGN_OFF = re.compile(r"^(?:sumber|source)\s*:\s*(?P<name>.+?)\s*$", re.I)
# "JAKARTA, KOMPAS.com -", "Jakarta, CNN Indonesia --", "TEMPO.CO, Jakarta -",
# "IslamTimes -": up to three comma-separated parts (place, outlet) before a dash.
_DATELINE = re.compile(r"^(?P<head>[\w.' ]{2,40}(?:,\s*[\w.' ]{2,40}){0,2})\s*(?:--?|–|—)\s+\S")
_TRUST = re.compile(r"(?:Mengapa Anda bisa mempercayai|Why you can trust)\s+(?P<name>[A-Z][\w.]*)", re.I)
_TRUST_WORDS = leading_words(_TRUST)  # every match begins with one
# A brand-like token: "IslamTimes", "detikNews", "Tempo.co" (a bare "JAKARTA" is a place).
_BRANDLIKE = re.compile(r"^(?:[A-Z]?[a-z]+[A-Z]\w*|\w+\.(?:com|co|id|net|org)(?:\.\w+)?)$")


def _outlet_name(name: str, *, brand_ok: bool) -> Optional[str]:
    src = lookup(name)
    if src:
        return src.canonical if src.kind == "outlet" else None
    if brand_ok and _BRANDLIKE.match(name):
        return name
    return None


def from_sign_off(boilerplate: list[Boilerplate]) -> Optional[str]:
    for bp in boilerplate:
        m = _SIGN_OFF.match(bp.text) if bp.reason == "sign-off" else None
        if m:
            name = _outlet_name(m.group("name"), brand_ok=True)
            if name:
                return name
    return None


# "YOGYAKARTA,KOMPAS.com Kapten ...", "JAKARTA, KOMPAS. com - ...": a place, a comma, then a
# known outlet opening the line, with or without the dash.
_PLACE_PREFIX = re.compile(r"^[A-Z][A-Za-z .'\-]{1,30},\s*")
_SPLIT_DOMAIN = re.compile(r"^(\w+)\. (com|co|id)\b")


@lru_cache(maxsize=1)
def _aliases_by_initial() -> dict[str, tuple[str, ...]]:
    """The lexicon's aliases longest first (ties in lexicon order: a stable sort), grouped
    by first character: ``rest.startswith(alias)`` needs ``rest[0] == alias[0]``, so the
    group of ``rest[0]`` yields the same first hit as the whole sorted list, which was
    sorted again for every line (aliases are never empty: ``tests/test_meta.py``)."""
    groups: dict[str, list[str]] = {}
    for alias in sorted(lexicon(), key=len, reverse=True):
        groups.setdefault(alias[:1], []).append(alias)
    return {initial: tuple(aliases) for initial, aliases in groups.items()}


def _leading_outlet(line: str) -> Optional[str]:
    m = _PLACE_PREFIX.match(line)
    rest = _SPLIT_DOMAIN.sub(r"\1.\2", line[m.end():] if m else line)
    for alias in _aliases_by_initial().get(rest[:1], ()):
        if rest.startswith(alias) and not rest[len(alias):len(alias) + 1].isalnum():
            if not m and not re.match(r"\s*(?:--?|–|—)", rest[len(alias):]):
                return None  # "Tempo hari ...": without a place or a dash, no dateline
            src = lexicon()[alias]
            return src.canonical if src.kind == "outlet" else None
    return None


def from_dateline(clean_text: str, max_lines: int = 3) -> Optional[str]:
    lines = [ln.strip() for ln in clean_text.splitlines() if ln.strip()][:max_lines]
    for line in lines:
        name = _leading_outlet(line)
        if name:
            return name
        m = _DATELINE.match(line)
        for part in (m.group("head").split(",") if m else []):
            name = _outlet_name(part.strip(), brand_ok=True)
            if name:
                return name
    return None


def from_chrome(raw_text: str) -> Optional[str]:
    if lacks_words(raw_text, _TRUST_WORDS):
        return None  # (most texts: a few substring tests instead of the regex at every position)
    for m in _TRUST.finditer(raw_text):
        name = _outlet_name(m.group("name"), brand_ok=False) or m.group("name")
        return name
    return None


def canonical(name: str) -> str:
    """An outlet name given with the input, in the form detection gives it: a dataset's
    "Detik" is the "detik" of detik.com's own URLs, or one publisher would count as two
    outlets. A name not in the lexicon (or a wire agency's) is kept as given."""
    src = lookup(name)
    return src.canonical if src and src.kind == "outlet" else name


def detect(raw_text: str, clean_text: str, boilerplate: list[Boilerplate],
           url: Optional[str] = None) -> Optional[str]:
    return (from_url(url) or from_sign_off(boilerplate) or from_dateline(clean_text)
            or from_chrome(raw_text))
