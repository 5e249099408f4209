"""Wire copies: the same text (a wire story, a press release, one article filed twice)
published more than once, found by near-duplicate detection, and what each copy changed.

Articles are fingerprinted (``warta.ids.fingerprint``: MinHash of 5-word shingles) and
candidate pairs come from locality-sensitive hashing (datasketch ``MinHashLSH``), so the
cost grows with the number of articles, not its square. A pair whose estimated Jaccard
similarity of shingles is at least ``JACCARD_MIN`` is a copy; groups are the connected
copies. Each group tells who published first, who republished with what delay, what each
copy changed (headline rewritten, paragraphs dropped or added), and the sources the copies
credit ("dilansir Reuters"): the provenance chain.

A store keeps each article's signature and band keys (migration 10, ``warta.store.wire_sql``):
``stored_components`` finds the same groups from them by SQL without reading any article,
and ``describe_stored`` reads only the copies a listing shows. ``find_groups`` judges
articles in memory (a story's, a read-only store's).

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
    n_copies: int = 0  # republications in all (``copies`` may show only the first of them)

    @property
    def ids(self) -> list[str]:
        return [self.first.id] + [c.id for c in self.copies]

    def provenance(self) -> str:
        """One line: credited sources -> first publisher -> republishers (+delay), and how
        many more when only the first republications are shown."""
        chain = [" / ".join(self.sources)] if self.sources else []
        chain.append(f"{self.first.outlet or '?'} {self.first.published or '(no date)'}")
        for c in self.copies:
            delay = "" if c.delay_minutes is None else f" (+{_human(c.delay_minutes)})"
            chain.append(f"{c.outlet or '?'}{delay}")
        more = self.n_copies - len(self.copies)
        return " -> ".join(chain) + (f" (+{more} more)" if more > 0 else "")


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


def body_key(article: Article) -> str:
    """The key of an article's body (``content_id``: whitespace- and case-insensitive)."""
    return content_id(_body(article))


def filing_key(article: Article) -> str:
    """What one filing of a text is known by: its outlet and headline (detik files one
    article under two desks with one headline over a lightly edited body), or its body
    when it has no headline."""
    if article.title:
        return content_id(f"{article.outlet}\n{_paragraph_key(article.title)}")
    return body_key(article)


def paragraph_keys(article: Article) -> list[str]:
    """The normalised paragraphs (lower case, words only) of the body that can be
    boilerplate (five words or more), each once, in order."""
    return list(dict.fromkeys(_paragraph_key(p) for p in _body_paragraphs(_body(article))))


def boilerplate_paragraphs(articles: Iterable[Article],
                           min_articles: int = BOILERPLATE_MIN_ARTICLES) -> dict[Optional[str], set[str]]:
    """Per outlet, the paragraphs (normalised: lower case, words only) found in at least
    ``min_articles`` different articles of it. An article filed twice (the same body, or
    the same headline over a lightly edited body: detik files one article under two desks)
    counts once: a paragraph is boilerplate when it is in ``min_articles`` different bodies
    under ``min_articles`` different filings (``filing_key``). Counted so, the rule is a
    GROUP BY over stored rows (``warta.store.wire_sql``): the store's listing and this
    in-memory one agree by construction."""
    bodies: dict[Optional[str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
    filings: dict[Optional[str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for art in articles:
        body, filing = body_key(art), filing_key(art)
        for p in paragraph_keys(art):
            bodies[art.outlet][p].add(body)
            filings[art.outlet][p].add(filing)
    return {outlet: {p for p, b in per.items() if len(b) >= min_articles and len(filings[outlet][p]) >= min_articles}
            for outlet, per in bodies.items()}


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
    groups = [_describe([arts[i] for i in ids], lambda a, b: sigs[a].jaccard(sigs[b]))
              for ids in members.values() if len(ids) > 1]
    return sorted(groups, key=lambda g: -len(g.ids))


def _time_order(published: Optional[str], article_id: str) -> tuple:
    """Copies in time order (undated last, ties by id): who published first."""
    return (_when(published) or dt.datetime.max, article_id)


def _describe(group: list, similarity, n_copies: Optional[int] = None) -> WireGroup:
    """``group``: the copies (Articles) to describe, first publisher among them;
    ``similarity(a, b)`` the estimated Jaccard of two of their ids; ``n_copies`` how many
    republications the group has in all when only some are described (a listing's cap)."""
    group = sorted(group, key=lambda a: _time_order(a.published, a.id))
    first = group[0]
    t0 = _when(first.published)
    first_paras = _paragraphs(_body(first))
    out = WireGroup(first=Copy(first.id, first.outlet, first.published, first.title),
                    n_copies=len(group) - 1 if n_copies is None else n_copies)
    for art in group[1:]:
        t = _when(art.published)
        paras = _paragraphs(_body(art))
        out.copies.append(Copy(
            id=art.id, outlet=art.outlet, published=art.published, title=art.title,
            delay_minutes=(t - t0).total_seconds() / 60 if t and t0 else None,
            similarity=round(float(similarity(art.id, first.id)), 3),
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
            "copies": [dict(c.__dict__) for c in group.copies], "n_copies": group.n_copies,
            "sources": group.sources, "provenance": group.provenance()}


def exact_jaccard(a: str, b: str) -> float:
    """Jaccard of two texts' shingles, exactly (for checking the MinHash estimate)."""
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


# -- stored signatures (migration 10) ----------------------------------------------------
# What the store keeps per article so a listing reads candidate pairs by SQL instead of
# fingerprinting every article (warta.store.wire_sql): the digests of its paragraphs (with
# its body and filing keys: the boilerplate rule as a GROUP BY), its MinHash signature over
# the body without its outlet's boilerplate, and the signature's LSH band keys. The bands
# are datasketch's own for this threshold (``MinHashLSH(JACCARD_MIN, 64)``: 14 bands of 4
# values), so two articles share a band key exactly when ``find_groups``'s MinHashLSH makes
# them candidates, and the groups are the same.
_LSH_SHAPE = (14, 4)  # (bands, rows): checked against datasketch in tests (test_wire_store)


def key64(text: str) -> int:
    """A signed 64-bit digest (a BIGINT column in either backend)."""
    import hashlib

    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def outlet_key(outlet: Optional[str]) -> str:
    """An outlet as the wire rows store it (a NOT NULL column: "" for none)."""
    return outlet or ""


@dataclass
class StoredParts:
    outlet: str
    paragraphs: list[int]   # key64 of ``paragraph_keys``
    body: int               # key64 of ``body_key``
    filing: int             # key64 of ``filing_key``


def stored_parts(article) -> StoredParts:
    """The paragraph rows of an article (anything with id, title, outlet and text)."""
    return StoredParts(outlet_key(article.outlet), [key64(p) for p in paragraph_keys(article)],
                       key64(body_key(article)), key64(filing_key(article)))


def stored_signature(article, dropped: set[int]) -> Optional[tuple[bytes, list[tuple[int, int]]]]:
    """(signature as 64 uint32, [(band, key)]) of the body without the paragraphs whose
    digests are ``dropped`` (its outlet's boilerplate); None when too short to fingerprint."""
    import numpy as np

    body = "\n".join(p for p in _body(article).split("\n") if key64(_paragraph_key(p)) not in dropped) \
        if dropped else _body(article)
    if len(body.split()) < MIN_WORDS:
        return None
    values = fingerprint(body).hashvalues.astype(np.uint32)
    bands, rows = _LSH_SHAPE
    return values.tobytes(), [(i, key64(values[i * rows:(i + 1) * rows].tobytes().hex())) for i in range(bands)]


def estimated_jaccard(a, b) -> float:
    """The Jaccard of two texts estimated from their stored signatures (uint32 arrays):
    the share of the permutations on which they agree, as datasketch's ``MinHash.jaccard``."""
    import numpy as np

    return np.count_nonzero(a == b) / MINHASH_PERMUTATIONS


@dataclass
class Member:
    """A copy as the store's columns give it (no article JSON read)."""

    id: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    seq: int


def stored_components(store, threshold: float = JACCARD_MIN) -> list[list[Member]]:
    """The wire-copy groups (two copies or more) from the stored band keys and signatures,
    largest first (ties: whose earliest-stored copy came first, as ``find_groups`` over the
    articles in ingestion order), each in time order. Candidates are articles sharing a
    band key (read by SQL, bucket by bucket); a candidate pair is a copy when its estimated
    Jaccard is at least ``threshold``; groups are the connected copies. A pair already
    connected is not compared again, so a bucket of n near-identical copies costs n
    comparisons, not n squared."""
    import numpy as np

    index: dict[str, int] = {}
    buckets = [[index.setdefault(i, len(index)) for i in bucket] for bucket in store.wire_buckets()]
    ids = list(index)
    sigs = np.zeros((len(ids), MINHASH_PERMUTATIONS), dtype=np.uint32)
    for article_id, blob in store.wire_signatures(ids):
        sigs[index[article_id]] = np.frombuffer(blob, dtype=np.uint32)
    parent = list(range(len(ids)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for bucket in buckets:
        if len({root(x) for x in bucket}) == 1:
            continue  # connected already (by an earlier band): nothing to compare
        seen: dict[int, list[int]] = {}  # component root -> its members in this bucket so far
        for x in bucket:
            rx = root(x)
            joined = False
            for r, ys in seen.items():
                if r != rx and any(estimated_jaccard(sigs[x], sigs[y]) >= threshold for y in ys):
                    parent[r] = rx  # r is a root: the keys are kept roots
                    joined = True
            if joined:
                merged: dict[int, list[int]] = {}
                for r, ys in seen.items():
                    merged.setdefault(root(r), []).extend(ys)
                seen = merged
            seen.setdefault(rx, []).append(x)
    groups: dict[int, list[int]] = {}
    for x in range(len(ids)):
        groups.setdefault(root(x), []).append(x)
    grouped = [ids[x] for g in groups.values() if len(g) > 1 for x in g]
    rows = {m.id: m for m in store.wire_members(grouped)}
    out = [sorted((rows[ids[x]] for x in g if ids[x] in rows), key=lambda m: _time_order(m.published, m.id))
           for g in groups.values() if len(g) > 1]
    out = [g for g in out if len(g) > 1]
    return sorted(out, key=lambda g: (-len(g), min(m.seq for m in g)))


def describe_stored(store, group: list[Member], max_copies: Optional[int] = None) -> WireGroup:
    """One stored group as ``find_groups`` describes it (first publisher, delays, what each
    copy changed, sources), reading the first copy and at most ``max_copies`` republications
    (None: all); ``n_copies`` says how many there are in all."""
    import numpy as np

    shown = group if max_copies is None else group[:max_copies + 1]
    arts = [a for a in (store.get(m.id) for m in shown) if a is not None]
    sigs = {i: np.frombuffer(b, dtype=np.uint32) for i, b in store.wire_signatures([a.id for a in arts])}
    return _describe(arts, lambda a, b: estimated_jaccard(sigs[a], sigs[b]), n_copies=len(group) - 1)


def catch_up(store, batch: int = 500, progress=None) -> int:
    """Make the wire rows the store lacks: of articles stored before migration 10 (or by a
    writer that made none), and again of articles whose outlet's boilerplate changed since
    their signature was made (a paragraph reached, or fell below, ``BOILERPLATE_MIN_ARTICLES``
    filings); ``batch`` articles a transaction, so an interrupted catch-up resumes. Returns
    how many articles were (re)fingerprinted."""
    done = 0
    while store.wire_count() < store.count():
        ids = store.wire_missing(batch)
        if not ids:
            break
        store.write_wire(ids)  # a row for each, even a body too short to fingerprint
        done += len(ids)
        if progress:
            progress(done)
    stale = store.wire_stale()
    for i in range(0, len(stale), batch):
        store.write_wire(stale[i:i + batch])
        done += len(stale[i:i + batch])
    return done
