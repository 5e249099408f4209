"""Entities across articles: the stored mentions grouped by canonical name."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from warta.lang.casing import is_clean_name
from warta.lang.offices import OFFICES, office_of
from warta.lang.words import NAME_PREFIXES


@dataclass
class EntityEntry:
    canonical: str
    label: str
    aliases: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    mentions: int = 0


def aggregate(mentions: Iterable[tuple[str, dict]], label: Optional[str] = None) -> list[EntityEntry]:
    """Group (article id, entity dict) pairs by (canonical, label); most articles first."""
    entries: dict[tuple[str, str], EntityEntry] = {}
    for article_id, ent in mentions:
        if label and ent.get("label") != label:
            continue
        canonical = ent.get("canonical") or ent["text"]
        key = (canonical, ent["label"])
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = EntityEntry(canonical=canonical, label=ent["label"])
        entry.mentions += 1
        entry.articles.add(article_id)
        if ent["text"] != canonical:
            entry.aliases[ent["text"]] += 1
        if ent.get("role"):
            entry.roles[ent["role"]] += 1
    return sorted(entries.values(), key=lambda e: (-len(e.articles), -e.mentions, e.canonical))


def matching(mentions: Iterable[tuple[str, dict]], name: str) -> list[tuple[str, dict]]:
    """Mentions of every entity whose canonical name or any surface form is ``name``
    (case-insensitive)."""
    mentions = list(mentions)
    wanted = name.casefold()
    canonicals = {(m.get("canonical") or m["text"]) for _, m in mentions
                  if wanted in ((m.get("canonical") or "").casefold(), m["text"].casefold())}
    return [(a, m) for a, m in mentions if (m.get("canonical") or m["text"]) in canonicals]


OFFICE_NAMES = frozenset(OFFICES.values())
LINKER_KINDS = ("name", "alias", "holder")  # what StoreLinker reads; "office" and "form" find mentions
# (the stored evidence: warta.corpus.entity_links)
Fact = tuple[str, str, str, str]  # (kind, name, other, day)


def mention_facts(ent: dict, day: str, forms: bool = False) -> list[Fact]:
    """The evidence one mention gives, its article's ``day`` being the date an office is
    held on ("" for none); ``forms``: also the names it can be looked up by."""
    text = ent["text"]
    canonical = ent.get("canonical") or text
    facts = []
    if forms:
        facts.append(("form", canonical.casefold(), canonical, ""))
        if text != canonical:
            facts.append(("form", text.casefold(), text, ""))
    if text != canonical:
        facts.append(("alias", text, canonical, ""))
    if ent["label"] == "PER":
        facts.append(("name", canonical, "", ""))
        if canonical in OFFICE_NAMES:
            facts.append(("office", canonical, "", day))
        else:
            office = office_of(ent.get("role"))
            if office:
                facts.append(("holder", office, canonical, day))
    return facts


# --- Linking across the store -------------------------------------------------------
# Within an article, ``nlp.entities`` already resolves short forms to the full name the
# article gives. Across the store, a mention left short ("Prabowo" in an article that
# never names him in full, "Menlu RI" in a headline) is linked here, at read time, from
# what the whole store says, and the evidence is kept with the link.

OFFICE_WINDOW_DAYS = 183   # holders named within this many days of the article count
SHARE = 0.75               # the chosen name must hold this share of the candidates' articles
MIN_ARTICLES = 2           # ... and be written in full in this many articles, unless it is the only one


@dataclass
class Link:
    canonical: str
    evidence: str


def day_of(published: Optional[str]) -> str:
    """The date an office is held on, as stored: ISO day, or "" (none or unreadable)."""
    when = _date(published)
    return when.isoformat() if when else ""


def _date(value: Optional[str]):
    import datetime as dt

    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fold_variants(pool: Counter) -> Counter:
    """Names of one person written longer or shorter ("Mahfud MD", "Mohammad Mahfud MD")
    count as one, under the most frequent spelling (ties: the first by name, so the answer
    does not depend on the order the evidence was read in)."""
    out: Counter = Counter()
    for name, count in _ranked(pool):
        words = name.casefold().split()
        for kept in out:
            k = kept.casefold().split()
            small, big = (words, k) if len(words) <= len(k) else (k, words)
            if any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1)):
                out[kept] += count
                break
        else:
            out[name] = count
    return out


def _ranked(counts: Counter) -> list[tuple[str, int]]:
    """Most first, ties by name: the same whatever order the counts were made in (the store's
    stored evidence, ``warta.corpus.entity_links``, is read in another order than mentions)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _dominant(counts: Counter, strict: bool = False) -> Optional[tuple[str, int, int]]:
    """(top, its count, all the others') when the top one holds SHARE of the articles and
    MIN_ARTICLES of them (``strict``), or is the only one."""
    ranked = _ranked(counts)[:1]
    if not ranked:
        return None
    total = sum(counts.values())
    if ranked[0][1] < SHARE * total or (ranked[0][1] < MIN_ARTICLES and (strict or len(counts) > 1)):
        return None  # a name written in full once must be the only candidate
    return ranked[0][0], ranked[0][1], total - ranked[0][1]




class StoreLinker:
    """Links short person names, nicknames and offices across stored articles.

    ``mentions``: (article id, published ISO date or None, entity dict) for every stored
    entity mention. Evidence is counted in articles, never in mentions."""

    def __init__(self, mentions: Iterable[tuple[str, Optional[str], dict]] = ()) -> None:
        facts, days = set(), {}
        for article_id, published, ent in mentions:
            day = days.get(published)
            if day is None:
                day = days[published] = day_of(published)
            facts.update((article_id, f) for f in mention_facts(ent, day) if f[0] in LINKER_KINDS)
        self._load(Counter(f for _, f in facts).items())

    @classmethod
    def from_counts(cls, counts: Iterable[tuple[tuple[str, str, str, str], int]]) -> "StoreLinker":
        """The linker of the evidence stored at ingest (``warta.corpus.entity_links``):
        ((kind, name, other, day), articles) rows, no mention read."""
        linker = cls.__new__(cls)
        linker._load(counts)
        return linker

    def _load(self, counts: Iterable[tuple[tuple[str, str, str, str], int]]) -> None:
        """Evidence in articles: ``name`` (a PER canonical), ``alias`` (a surface form
        written for a canonical), ``holder`` (a person named with an office, on a day)."""
        self._articles: dict[str, int] = {}          # PER canonical -> articles
        self._alias: dict[str, Counter] = {}         # surface form -> canonical -> articles
        self._holders: dict[str, list] = {}          # office -> [(date, holder, articles)]
        self._by_date: dict[str, tuple] = {}         # office -> its dated rows by date (_holders_near)
        for (kind, name, other, day), n in counts:
            if kind == "name":
                self._articles[name] = n
            elif kind == "alias":
                self._alias.setdefault(name, Counter())[other] = n
            elif kind == "holder":
                self._holders.setdefault(name, []).append((_date(day), other, n))
        # word -> the clean full names holding it, to find a short form's candidates
        self._by_word: dict[str, set[str]] = {}
        for name in self._articles:
            if " " in name and is_clean_name(name):
                for word in set(name.split()):
                    self._by_word.setdefault(word, set()).add(name)
        self._cache: dict[tuple, Optional[Link]] = {}

    def link(self, label: str, canonical: str, published: Optional[str] = None) -> Optional[Link]:
        """The entity a stored (label, canonical) stands for, when the store says so."""
        if label != "PER":
            return self._by_alias(canonical)
        if canonical in OFFICE_NAMES:
            return self._holder(canonical, _date(published))
        key = (label, canonical)
        if key not in self._cache:
            self._cache[key] = self._by_alias(canonical, person=True) or self._full_name(canonical)
        return self._cache[key]

    def _by_alias(self, name: str, person: bool = False) -> Optional[Link]:
        votes = self._alias.get(name)
        if votes and person:  # a person's alias points to a clean full name
            votes = _fold_variants(Counter({n: c for n, c in votes.items() if " " in n and is_clean_name(n)}))
        top = _dominant(votes, strict=True) if votes else None  # one article's reading is not enough
        if top is None or top[0] == name:
            return None
        return Link(top[0], f"{name!r} stands for {top[0]!r} in {top[1]} article(s)"
                            + (f", for another name in {top[2]}" if top[2] else ""))

    def _full_name(self, short: str) -> Optional[Link]:
        words = short.split()
        if not words or len(words) > 2 or not short[:1].isupper():
            return None
        holding, begun = Counter(), Counter()
        for name in self._by_word.get(words[0], ()):
            parts = name.split()
            if len(parts) <= len(words) or not any(
                    parts[i:i + len(words)] == words for i in range(len(parts) - len(words) + 1)):
                continue
            holding[name] = self._articles[name]
            given = [p for p in parts if p.lower().strip(".") not in NAME_PREFIXES]
            if given[:len(words)] == words:
                begun[name] = self._articles[name]
        for pool, how in ((begun, "begins"), (holding, "holds")):
            pool = _fold_variants(pool)
            top = _dominant(pool)
            if top and len(words) > 1 and top[1] < self._articles.get(short, 0):
                return None  # a two-word name more common than its longer form is a full name itself
            if top:
                others = ", ".join(f"{n} ({c})" for n, c in _ranked(pool)[1:3])
                return Link(top[0], f"the store's full name that {how} {short!r}: {top[0]!r} in "
                                    f"{top[1]} article(s)" + (f"; others: {others}" if others else ""))
            if pool:
                return None  # several full names and none dominates: leave it short
        return None

    def _holder(self, office: str, when) -> Optional[Link]:
        key = ("office", office, when)
        if key not in self._cache:
            self._cache[key] = self._find_holder(office, when)
        return self._cache[key]

    def _holders_near(self, office: str, when) -> list:
        """The dated holder rows of ``office`` within OFFICE_WINDOW_DAYS of ``when``: a slice
        of them sorted by date (an office is asked on every day the store names it; a scan of
        all its rows each time was ~1 s of the entity list at 100k articles)."""
        import datetime as dt
        from bisect import bisect_left, bisect_right

        by_date = self._by_date.get(office)
        if by_date is None:
            rows = sorted((r for r in self._holders.get(office, []) if r[0] is not None), key=lambda r: r[0])
            by_date = self._by_date[office] = ([r[0] for r in rows], rows)
        days, rows = by_date
        window = dt.timedelta(days=OFFICE_WINDOW_DAYS)
        return rows[bisect_left(days, when - window):bisect_right(days, when + window)]

    def _find_holder(self, office: str, when) -> Optional[Link]:
        rows = self._holders.get(office, [])
        if when is not None:
            rows = self._holders_near(office, when)
        counts = Counter()
        for _, holder, articles in rows:  # one row per (holder, day): articles counted once
            fuller = self.link("PER", holder)
            counts[fuller.canonical if fuller else holder] += articles
        top = _dominant(counts)
        if top is None:
            return None
        span = f" within {OFFICE_WINDOW_DAYS} days of {when.isoformat()}" if when else ""
        holder = top[0]
        fuller = self.link("PER", holder)  # "Menlu Retno" in a headline: Retno -> Retno Marsudi
        if fuller is not None:
            holder = fuller.canonical
        return Link(holder, f"{top[0]!r} is named {office} in {top[1]} article(s){span}"
                            + (f", someone else in {top[2]}" if top[2] else ""))




def linked(mentions: Iterable[tuple[str, Optional[str], dict]],
           linker: Optional[StoreLinker] = None) -> list[tuple[str, dict]]:
    """(article id, entity dict) with each canonical linked across the store; a linked
    mention keeps the article's own canonical as ``article_canonical`` and the evidence
    as ``link_evidence``. ``linker``: the store's, when made already (from its stored
    evidence); else made from these mentions."""
    rows = list(mentions)
    linker = linker or StoreLinker(rows)
    out = []
    for article_id, published, ent in rows:
        canonical = ent.get("canonical") or ent["text"]
        link = linker.link(ent["label"], canonical, published)
        if link is not None and link.canonical != canonical:
            ent = {**ent, "canonical": link.canonical, "article_canonical": canonical,
                   "link_evidence": link.evidence}
        out.append((article_id, ent))
    return out
