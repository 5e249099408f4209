"""Wire copies: the same text (a wire story, a press release, one article filed twice)
published more than once, found by near-duplicate detection, and what each copy changed.

Articles are fingerprinted (``warta.ids.fingerprint``: MinHash of 5-word shingles) and
candidate pairs come from locality-sensitive hashing (datasketch ``MinHashLSH``), so the
cost grows with the number of articles, not its square. A pair whose estimated Jaccard
similarity of shingles is at least ``JACCARD_MIN`` is a copy; groups are the connected
copies. Each group tells who published first, who republished with what delay, what each
copy changed (headline rewritten, paragraphs dropped or added), and the sources the copies
credit ("dilansir Reuters"): the provenance chain.

Paragraphs an outlet repeats across many of its articles (a disclaimer it appends, a
background paragraph it reuses for every article of a running case, a list of rules it
quotes each time) are boilerplate, not evidence that one text was copied: they are left
out of the fingerprints (``boilerplate_paragraphs``: a paragraph found in at least
``BOILERPLATE_MIN_ARTICLES`` different bodies of one outlet). No paragraph is named.

Title-only records (no body) are never wire copies: a headline is too short to tell a copy
from two outlets' similar headlines; those belong to stories (``corpus.stories``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

import re
from collections import Counter, defaultdict

from warta.ids import MINHASH_PERMUTATIONS, content_id, fingerprint, shingles
from warta.model import Article

# Estimated Jaccard of 5-word shingles at or above which two bodies are one text. On
# detik-1000 the same article filed under two desks scores 0.9-1.0, two articles on one
# event (one press conference) 0.0-0.15; 0.5 keeps a copy with half its paragraphs cut.
JACCARD_MIN = 0.5
# A body shorter than this (words) is not fingerprinted: too little text to be sure.
MIN_WORDS = 40
# A paragraph in this many different bodies of one outlet is its boilerplate. On detik-1000
# the paragraphs found 4-7 times are a background paragraph reused across a running case
# ("Kasus pencemaran nama baik RK ini lalu terus bergulir ...", 5 articles) and a quoted
# list of rules (the KPU decision, 7); a text rewritten for a second and third headline
# repeats its paragraphs at most 3 times (the Purbaya inflation speech).
BOILERPLATE_MIN_ARTICLES = 4
_NON_WORD = re.compile(r"\W+", re.UNICODE)


@dataclass
class Copy:
    id: str
    outlet: Optional[str]
    published: Optional[str]
    title: Optional[str]
    delay_minutes: Optional[float] = None      # after the first publication
    similarity: float = 1.0                    # estimated Jaccard with the first copy
    headline_rewritten: bool = False
    paragraphs_dropped: int = 0
    paragraphs_added: int = 0


@dataclass
class WireGroup:
    first: Copy
    copies: list[Copy] = field(default_factory=list)  # republications, in time order
    sources: list[str] = field(default_factory=list)  # credited by any copy ("Reuters")

    @property
    def ids(self) -> list[str]:
        return [self.first.id] + [c.id for c in self.copies]

    def provenance(self) -> str:
        """One line: credited sources -> first publisher -> republishers (+delay)."""
        chain = [" / ".join(self.sources)] if self.sources else []
        chain.append(f"{self.first.outlet or '?'} {self.first.published or '(no date)'}")
        for c in self.copies:
            delay = "" if c.delay_minutes is None else f" (+{_human(c.delay_minutes)})"
            chain.append(f"{c.outlet or '?'}{delay}")
        return " -> ".join(chain)


def _human(minutes: float) -> str:
    if minutes < 90:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} d"


def _body(article: Article) -> str:
    text = article.text or ""
    if article.title and text.startswith(article.title):
        text = text[len(article.title):]
    return text.strip()


def _when(value: Optional[str]) -> Optional[dt.datetime]:
    from warta.corpus.stories import parse_published

    return parse_published(value)


def _paragraph_key(paragraph: str) -> str:
    return _NON_WORD.sub(" ", paragraph.lower()).strip()


def _body_paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if len(p.split()) >= 5]


def boilerplate_paragraphs(articles: Iterable[Article],
                           min_articles: int = BOILERPLATE_MIN_ARTICLES) -> dict[Optional[str], set[str]]:
    """Per outlet, the paragraphs (normalised: lower case, words only) found in at least
    ``min_articles`` different articles of it. An article filed twice (the same body, or
    the same headline over a lightly edited body: detik files one article under two desks)
    counts once."""
    seen: set[tuple] = set()
    counts: dict[Optional[str], Counter] = defaultdict(Counter)
    for art in articles:
        body = _body(art)
        keys = {("body", content_id(body))}
        if art.title:
            keys.add(("title", art.outlet, _paragraph_key(art.title)))
        if keys & seen:
            seen |= keys
            continue
        seen |= keys
        counts[art.outlet].update({_paragraph_key(p) for p in _body_paragraphs(body)})
    return {outlet: {p for p, n in c.items() if n >= min_articles} for outlet, c in counts.items()}


def own_text(article: Article, boilerplate: dict[Optional[str], set[str]]) -> str:
    """The body without its outlet's boilerplate paragraphs: what is fingerprinted."""
    drop = boilerplate.get(article.outlet, set())
    return "\n".join(p for p in _body(article).split("\n") if _paragraph_key(p) not in drop)


def _paragraphs(text: str) -> set[str]:
    return {" ".join(p.split()).lower() for p in text.split("\n") if len(p.split()) >= 5}


def find_groups(articles: Iterable[Article], threshold: float = JACCARD_MIN,
                boilerplate: Optional[dict[Optional[str], set[str]]] = None) -> list[WireGroup]:
    """Groups of near-duplicate articles (two or more), largest first. ``boilerplate``
    (per outlet, from ``boilerplate_paragraphs``) is found among ``articles`` when not
    given; pass the store's to judge a few articles (one story's)."""
    from datasketch import MinHashLSH

    articles = list(articles)
    if boilerplate is None:
        boilerplate = boilerplate_paragraphs(articles)

    arts: dict[str, Article] = {}
    sigs = {}
    lsh = MinHashLSH(threshold=threshold, num_perm=MINHASH_PERMUTATIONS)
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for art in articles:
        body = own_text(art, boilerplate)
        if len(body.split()) < MIN_WORDS or art.id in arts:
            continue
        sig = fingerprint(body)
        arts[art.id], sigs[art.id], parent[art.id] = art, sig, art.id
        for other in lsh.query(sig):
            # LSH gives candidates; the estimate decides (LSH alone lets some below through).
            if sig.jaccard(sigs[other]) >= threshold:
                parent[root(art.id)] = root(other)
        lsh.insert(art.id, sig)

    members: dict[str, list[str]] = {}
    for aid in arts:
        members.setdefault(root(aid), []).append(aid)
    groups = [_describe([arts[i] for i in ids], sigs) for ids in members.values() if len(ids) > 1]
    return sorted(groups, key=lambda g: -len(g.ids))


def _describe(group: list[Article], sigs) -> WireGroup:
    far = dt.datetime.max
    group = sorted(group, key=lambda a: (_when(a.published) or far, a.id))
    first = group[0]
    t0 = _when(first.published)
    first_paras = _paragraphs(_body(first))
    out = WireGroup(first=Copy(first.id, first.outlet, first.published, first.title))
    for art in group[1:]:
        t = _when(art.published)
        paras = _paragraphs(_body(art))
        out.copies.append(Copy(
            id=art.id, outlet=art.outlet, published=art.published, title=art.title,
            delay_minutes=(t - t0).total_seconds() / 60 if t and t0 else None,
            similarity=round(sigs[art.id].jaccard(sigs[first.id]), 3),
            headline_rewritten=(art.title or "").strip().lower() != (first.title or "").strip().lower(),
            paragraphs_dropped=len(first_paras - paras),
            paragraphs_added=len(paras - first_paras),
        ))
    out.sources = list(dict.fromkeys(c.name for a in group for c in a.cited_sources))
    return out


def group_record(group: WireGroup) -> dict:
    """A group as plain data (what ``warta wire --format jsonl``, ``warta story`` and the
    faces print): the first copy, the republications, credited sources, provenance line."""
    return {"articles": group.ids, "first": dict(group.first.__dict__),
            "copies": [dict(c.__dict__) for c in group.copies], "sources": group.sources,
            "provenance": group.provenance()}


def exact_jaccard(a: str, b: str) -> float:
    """Jaccard of two texts' shingles, exactly (for checking the MinHash estimate)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0
