"""Entity links across the store, from evidence stored at ingest (issues 13/16).

Linking across articles (``warta.corpus.entities.StoreLinker``: "Prabowo" is Prabowo
Subianto because the store writes him in full; "Menlu" is whoever the store names Menlu
around the article's date) reads what the whole store says about names. Before, every
``warta entity NAME``, entity page and ``?entity=`` read every stored mention and linked
them all: ~41 s of CPU at 100,000 articles, each time the store changed.

What is stored, and why: each article's *own* canonical forms stay where they are (the
``entities`` rows, indexed by canonical and by surface form), and the evidence linking
reads is kept as counts of articles, updated in the transaction that stores, rewrites or
deletes an article (``entity_link_counts``, migration 11):

    name    a PER canonical                 -> articles naming the person so
    alias   (surface form, canonical)       -> articles writing the canonical so
    holder  (office, person, day)           -> articles naming the person with the office
    office  (office, day)                   -> articles with the office standing for a person
    form    (casefolded name, name)         -> articles with the name (a lookup by any case)

The link itself ("Blinken" -> "Antony Blinken") is *not* stored per article: a later
article can change it (the first article writing "Antony Blinken" in full makes the short
name resolvable; more articles naming someone else Menlu move an office's holder), and
storing links would mean rewriting every earlier mention's row when that happens. The
counts are small (one row per distinct name, alias, office and day, not per mention), so
a query builds the linker from them (``StoreLinker.from_counts``, kept per store
generation), links only the candidate names, and reads only the mentions of those names
through the indexes. The result is what linking every mention gave, mention for mention
(tests/test_entity_links.py compares both on real news).

Which stored names can link to an entity ``c``: ``c`` itself, the surface forms written for
``c`` (alias evidence), its one- and two-word parts (a short form finds its full name by its
words), and the offices (whose holder may be ``c`` on some days)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

from warta.corpus.entities import LINKER_KINDS, OFFICE_NAMES, Fact, StoreLinker, day_of, mention_facts
from warta.lang.offices import stands_for_office


def dated(entities: Iterable[dict]) -> bool:
    """Whether an article's date counts for offices: it has an office standing for a
    person ("Menlu" with the role Menlu), as ``warta.services.entity_mentions`` reads the
    dates of only those articles (the others' holders count undated)."""
    return any(stands_for_office(e.get("canonical"), e.get("role")) for e in entities)


def article_facts(entities: list[dict], published: Optional[str]) -> set[Fact]:
    """What one article adds to the stored evidence (each fact counts the article once)."""
    day = day_of(published) if dated(entities) else ""
    facts = {f for e in entities for f in mention_facts(e, day, forms=True)}
    # For the entity list (``listing``): ("entity", name, type, k) counts the articles naming
    # (name, type) k times, so its articles and mentions are sums, no mention read.
    named = Counter((e.get("canonical") or e["text"], e["label"]) for e in entities)
    facts.update(("entity", name, label, str(k)) for (name, label), k in named.items())
    return facts


def entity_dicts(article) -> list[dict]:
    return [{"text": e.text, "label": e.label, "canonical": e.canonical, "role": e.role} for e in article.entities]


@dataclass
class Listed:
    """One row of the entity list: a (canonical, type) as linking across the store makes it."""
    canonical: str
    label: str
    articles: int = 0
    mentions: int = 0
    sources: list = field(default_factory=list)  # the stored names linked to it (offices aside)
    offices: list = field(default_factory=list)  # (stored order, article id, mention) of offices standing for it
    first: int = 0  # stored order of its first mention; read only to order ties (see ``listing``)


def _top(counts: dict, n: int) -> list[str]:
    """Most first, ties in the order first written: ``Counter.most_common`` over mentions
    read in stored order, as ``warta.corpus.entities.aggregate`` counted them."""
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[:n]]


def _add(counts: dict, key: str, n: int, first: int) -> None:
    have = counts.get(key)
    if have is None:
        counts[key] = [n, first]
    else:
        have[0] += n
        have[1] = min(have[1], first)


def _parts(name: str) -> set[str]:
    """The one- and two-word parts of a name (the short forms that may stand for it)."""
    words = name.split()
    return {" ".join(words[i:i + n]) for n in (1, 2) for i in range(len(words) - n + 1)} - {name}


def _is_office(ent: dict) -> bool:
    """An office standing for a person ("Menlu"): linked to its holder at the article's date."""
    return ent["label"] == "PER" and (ent.get("canonical") or ent["text"]) in OFFICE_NAMES


class StoredLinks:
    """Mentions of one entity, linked across the store, from the stored evidence.

    ``counts``: ((kind, name, other, day), articles) of the kinds ``LINKER_KINDS`` and
    ``office`` (``Store.entity_link_counts``). Made once per store generation and shared
    by the names asked meanwhile (the store to read mentions from is given per call: the
    one that asked may be closed by the next)."""

    def __init__(self, counts: list[tuple[Fact, int]]) -> None:
        self.linker = StoreLinker.from_counts(c for c in counts if c[0][0] in LINKER_KINDS)
        self._aliases_of: dict[str, set[str]] = defaultdict(set)  # canonical -> forms written for it
        self._office_days: dict[str, list[str]] = defaultdict(list)  # office -> days it stands on
        for (kind, name, other, day), _ in counts:
            if kind == "alias":
                self._aliases_of[other].add(name)
            elif kind == "office":
                self._office_days[name].append(day)
        self._office_targets: Optional[dict[str, list[tuple[str, str]]]] = None
        self._dated: dict[str, bool] = {}
        self._links: dict[tuple[str, str, str], object] = {}

    # -- one mention's link ------------------------------------------------------------
    def _day(self, article_id: str, published: Optional[str]) -> str:
        return day_of(published) if self._dated.get(article_id) else ""

    def _link(self, label: str, canonical: str, day: str):
        """The linker's link, kept per (label, name, day) for this generation (a name's
        mentions are many, its links one)."""
        key = (label, canonical, day)
        if key not in self._links:
            self._links[key] = self.linker.link(label, canonical, day or None)
        return self._links[key]

    def _linked(self, row: tuple) -> tuple[str, dict]:
        """(article id, the mention as ``warta.corpus.entities.linked`` gives it)."""
        _, article_id, published, ent = row
        canonical = ent.get("canonical") or ent["text"]
        if _is_office(ent):
            link = self._link("PER", canonical, self._day(article_id, published))
        else:
            link = self._link(ent["label"], canonical, "")
        if link is not None and link.canonical != canonical:
            ent = {**ent, "canonical": link.canonical, "article_canonical": canonical,
                   "link_evidence": link.evidence}
        return article_id, ent

    def _learn_dates(self, store, rows: list[tuple]) -> None:
        """Which of these mentions' articles are dated (``dated``), from their role rows."""
        ids = sorted({r[1] for r in rows} - set(self._dated))
        if not ids:
            return
        for article_id in ids:
            self._dated[article_id] = False
        for article_id, canonical, role in store.entity_roles(ids):
            if stands_for_office(canonical, role):
                self._dated[article_id] = True

    # -- one entity's mentions -----------------------------------------------------------
    def _targets_of_offices(self) -> dict[str, list[tuple[str, str]]]:
        """Entity -> the (office, day) its mentions of the office stand for on that day."""
        if self._office_targets is None:
            targets = defaultdict(list)  # made whole, then shared (the server's threads read it)
            for office, days in self._office_days.items():
                for day in days:
                    link = self._link("PER", office, day)
                    targets[link.canonical if link else office].append((office, day))
            self._office_targets = targets
        return self._office_targets

    def _rows(self, store, names: set[str], cache: dict, published: bool = False) -> list[tuple]:
        """The mentions whose canonical is one of ``names`` (``cache``: (name, published) ->
        rows, read once per question: one name's candidates overlap another's);
        ``published``: with their article's date (offices)."""
        missing = sorted(n for n in names if (n, published) not in cache)
        for name in missing:
            cache[(name, published)] = []
        for row in store.entity_mentions_by("canonical", missing, published=published):
            cache[(row[3]["canonical"], published)].append(row)
        return [r for name in names for r in cache[(name, published)]]

    def _mentions_of(self, store, entity: str, cache: dict) -> dict[int, tuple[str, dict]]:
        """Every stored mention whose linked canonical is ``entity``: stored order ->
        (article id, the mention linked)."""
        out = {}
        memo = cache.setdefault("linked", {})  # stored order -> the mention linked
        for row in self._rows(store, {entity} | self._aliases_of.get(entity, set()) | _parts(entity), cache):
            linked = memo.get(row[0])
            if linked is None:
                if _is_office(row[3]):
                    continue  # offices: below, by day
                linked = memo[row[0]] = self._linked(row)
            if linked[1]["canonical"] == entity:
                out[row[0]] = linked
        offices = self._targets_of_offices().get(entity, [])
        if offices:
            days = defaultdict(set)
            for office, day in offices:
                days[office].add(day)
            rows = [r for r in self._rows(store, set(days), cache, published=True) if _is_office(r[3])]
            self._learn_dates(store, rows)
            for r in rows:
                if self._day(r[1], r[2]) in days[r[3]["canonical"]]:
                    out[r[0]] = self._linked(r)
        return out

    # -- the entity list ---------------------------------------------------------------
    def listing(self, store, counts: Iterable[tuple[Fact, int]], label: Optional[str] = None
                ) -> tuple[list[Listed], int]:
        """What ``warta.corpus.entities.aggregate(linked(every mention), label)`` gives, but
        aliases and roles (``describe``: for the rows shown), and how many mentions: from
        the ``entity`` facts ``counts`` (``Store.entity_link_counts``). Only offices are
        read as mentions (their holder depends on the day), and the articles of entities
        several stored names make (an article naming two counts once)."""
        per_name: dict[tuple[str, str], list[int]] = {}  # (type, stored name) -> [articles, mentions]
        for (_, name, type_, k), n in counts:
            if label is None or type_ == label:
                have = per_name.setdefault((type_, name), [0, 0])
                have[0] += n
                have[1] += int(k) * n
        entries: dict[tuple[str, str], Listed] = {}

        def entry(canonical: str, type_: str) -> Listed:
            if (canonical, type_) not in entries:
                entries[(canonical, type_)] = Listed(canonical, type_)
            return entries[(canonical, type_)]

        offices = []
        for (type_, name), (articles, mentions) in per_name.items():
            if type_ == "PER" and name in OFFICE_NAMES:
                offices.append(name)
                continue
            link = self._link(type_, name, "")
            e = entry(link.canonical if link else name, type_)
            e.sources.append(name)
            e.articles += articles
            e.mentions += mentions
        if offices:
            # Every mention named as an office (any type): those of the offices standing for
            # someone, and all that can make their article dated (``dated``: a canonical that
            # is the office its role names), so no article's role rows are read.
            named = store.entity_mentions_by("canonical", sorted(OFFICE_NAMES), published=True)
            rows = [r for r in named if _is_office(r[3])]
            for _, article_id, _, ent in named:
                self._dated[article_id] = self._dated.get(article_id, False) or \
                    stands_for_office(ent.get("canonical"), ent.get("role"))
            for row in rows:
                article_id, ent = self._linked(row)
                e = entry(ent["canonical"], "PER")
                e.offices.append((row[0], article_id, ent))
                e.mentions += 1
        merged = [e for e in entries.values() if len(e.sources) > 1 or e.offices]
        names = sorted({n for e in merged for n in e.sources})
        ids: dict[tuple[str, str], set] = defaultdict(set)
        for type_, name, article_id in (store.entity_articles(names) if names else ()):
            ids[(type_, name)].add(article_id)
        for e in merged:
            e.articles = len(set().union(*(ids[(e.label, n)] for n in e.sources), (a for _, a, _ in e.offices)))
        key = lambda e: (-e.articles, -e.mentions, e.canonical)  # noqa: E731
        ranked = sorted(entries.values(), key=key)
        # One name of several types with the same counts: aggregate kept them in the order
        # of their first mention (a dict, sorted stably); read that order for those only.
        tied = [e for i, e in enumerate(ranked) if (i and key(ranked[i - 1]) == key(e))
                or (i + 1 < len(ranked) and key(ranked[i + 1]) == key(e))]
        if tied:
            firsts: dict[tuple[str, str], int] = {}
            for type_, name, _, _, _, first in store.entity_spellings(sorted({n for e in tied for n in e.sources})):
                firsts[(type_, name)] = min(first, firsts.get((type_, name), first))
            for e in tied:
                e.first = min([firsts[(e.label, n)] for n in e.sources] + [o for o, _, _ in e.offices])
            ranked.sort(key=lambda e: (*key(e), e.first))
        return ranked, sum(m for _, m in per_name.values())

    @staticmethod
    def describe(store, entries: list[Listed], aliases: int, roles: int) -> list[tuple[list[str], list[str]]]:
        """(aliases, roles) of each of ``entries``, most mentions first, at most ``aliases``
        and ``roles``: read for these rows only (a page of the list, not the store)."""
        names = sorted({n for e in entries for n in e.sources})
        by_name = defaultdict(list)
        # A long list (--limit 0) reads every mention once instead of naming them all.
        for row in store.entity_spellings(names if len(names) <= 5000 else None) if names else ():
            by_name[(row[0], row[1])].append(row)
        out = []
        for e in entries:
            written, held = {}, {}  # alias / role -> [mentions, first stored order]
            for name in e.sources:
                for _, _, text, role, n, first in by_name[(e.label, name)]:
                    if text != e.canonical:
                        _add(written, text, n, first)
                    if role:
                        _add(held, role, n, first)
            for order, _, ent in e.offices:
                if ent["text"] != e.canonical:
                    _add(written, ent["text"], 1, order)
                if ent.get("role"):
                    _add(held, ent["role"], 1, order)
            out.append((_top(written, aliases), _top(held, roles)))
        return out

    def matching(self, store, name: str) -> list[tuple[str, dict]]:
        """What ``warta.corpus.entities.matching(linked(every mention), name)`` gives:
        mentions of every entity whose canonical name or any surface form is ``name``
        (case-insensitive), in the order stored."""
        forms = store.entity_forms(name.casefold())
        if not forms:
            return []
        written = store.entity_mentions_by("text", forms)  # mentions written so
        offices = [r for r in written if _is_office(r[3])]
        if offices:  # their link depends on their article's date
            dates = {r[0]: r[2] for r in store.entity_mentions_by("text", sorted({r[3]["text"] for r in offices}),
                                                                   published=True)}
            written = [(r[0], r[1], dates.get(r[0]), r[3]) if _is_office(r[3]) else r for r in written]
            self._learn_dates(store, [r for r in written if _is_office(r[3])])
        entities = {self._linked(r)[1]["canonical"] for r in written}
        found: dict[int, tuple[str, dict]] = {}
        cache: dict = {}  # (name, published) -> mention rows, and "linked" (see _mentions_of)
        for entity in sorted(entities):
            found.update(self._mentions_of(store, entity, cache))
        for form in forms:  # a name that is some mention's linked canonical
            if form not in entities:
                found.update(self._mentions_of(store, form, cache))
        return [found[k] for k in sorted(found)]
