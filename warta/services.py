"""Plain functions over a Store that every face shares: the CLI, the HTTP API, the web
pages and the feeds call these, so none of them holds query logic of its own.

Each function takes an open Store and plain arguments and returns plain data (dicts,
Articles, dataclasses) that a face only has to format."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Optional

from warta.model import Article, Figure, Quote
from warta.store.base import ArticleQuery, SearchSyntaxError, Store

__all__ = ["ArticleQuery", "SearchSyntaxError", "MAX_LIMIT", "Page", "AmbiguousId"]

MAX_LIMIT = 200  # largest page any face returns; bigger requests are refused (API) or clipped
WATCH_KINDS = ("entity", "outlet", "search", "story")


@dataclass
class Page:
    items: list
    total: int
    limit: int
    offset: int


class AmbiguousId(LookupError):
    def __init__(self, prefix: str, matches: list[str]) -> None:
        super().__init__(f"ambiguous id {prefix!r}: {', '.join(matches)} …")
        self.matches = matches


def _clip(limit: Optional[int]) -> Optional[int]:
    """A page size within 1..MAX_LIMIT; None (the CLI: "all") stays None."""
    return None if limit is None else max(1, min(int(limit), MAX_LIMIT))


# -- articles -------------------------------------------------------------------------
def list_articles(store: Store, query: Optional[ArticleQuery] = None, limit: int = 20, offset: int = 0) -> Page:
    """One page of stored articles matching ``query``, newest published first (an entity
    matched as `warta entity` matches it: ``linked``)."""
    query = linked(store, replace(query or ArticleQuery(), text=None))
    rows, total = store.find(query, _clip(limit), offset)
    return Page(rows, total, _clip(limit), offset)


def linked(store: Store, query: ArticleQuery) -> ArticleQuery:
    """``query`` with its entity name replaced by the articles of that entity linked across
    the store (``entity_hits``: the canonical name or any surface form, short forms linked
    to their full name), so `?entity=` finds what `warta entity` and the entity page list."""
    if not query.entity:
        return query
    ids = tuple(dict.fromkeys(a for a, _ in entity_hits(store, query.entity)))
    if query.ids is not None:
        given = set(query.ids)
        ids = tuple(i for i in ids if i in given)
    return replace(query, entity=None, ids=ids)


def find_article(store: Store, article_id: str) -> Optional[Article]:
    """The article with this id, or with this unique id prefix (AmbiguousId otherwise)."""
    article = store.get(article_id)
    if article is None and article_id:
        matches = store.find_ids(article_id)
        if len(matches) == 1:
            article = store.get(matches[0])
        elif matches:
            raise AmbiguousId(article_id, matches)
    return article


@dataclass
class SearchResult:
    query: ArticleQuery
    results: list[dict]
    total: int
    limit: int
    offset: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    facets_over: Optional[int] = None  # facets counted over this many best matches only (not all)


SEARCH_MODES = ("fulltext", "semantic", "hybrid")
SEMANTIC_DEPTH = 200  # candidates each ranking contributes to a semantic / hybrid result
# A full-text query matching more than this many articles gets facets over its best this many
# (one ranking pass gives both; at 100k articles a common word matches half the store).
FACET_DEPTH = 1000
_indexes: dict = {}


def search(store: Store, query: ArticleQuery, limit: int = 20, offset: int = 0, strict: bool = False,
           with_facets: bool = True, mode: str = "fulltext") -> SearchResult:
    """Search, best first, with facet counts by outlet and day.

    mode "fulltext": FTS5 (bm25); ``strict``: a query that is not valid search syntax
    raises SearchSyntaxError (the API's 400), otherwise its words are searched.
    "semantic": nearest articles by sentence vector of title + lead (any language).
    "hybrid": both rankings merged by reciprocal rank fusion."""
    if mode == "fulltext":
        def compute() -> SearchResult:
            matched = linked(store, query)
            if not with_facets:
                rows, total = store.find(matched, _clip(limit), offset, strict=strict)
                return SearchResult(query, rows, total, _clip(limit), offset, {})
            rows, total, facets, capped = store.search_page(matched, _clip(limit), offset, strict=strict,
                                                            facet_depth=FACET_DEPTH)
            return SearchResult(query, rows, total, _clip(limit), offset, facets, FACET_DEPTH if capped else None)

        return _cached(store, ("search", tuple(sorted(query.__dict__.items())), limit, offset, strict, with_facets,
                               FACET_DEPTH), compute)
    if mode not in SEARCH_MODES:
        raise ValueError(f"unknown search mode {mode!r}: use {', '.join(SEARCH_MODES)}")
    ranked = _semantic_rows(store, query, mode, strict)
    facets: dict[str, dict[str, int]] = {"outlet": {}, "date": {}}
    for row in ranked:
        for name, key in (("outlet", row["outlet"] or "unknown"), ("date", (row["published"] or "unknown")[:10])):
            facets[name][key] = facets[name].get(key, 0) + 1
    return SearchResult(query, ranked[offset: offset + _clip(limit)], len(ranked), _clip(limit), offset,
                        facets if with_facets else {})


def vector_index(store: Store):
    """The in-memory vector index of this store (built on first use, refreshed as it grows)."""
    from warta import semantic

    key = getattr(store, "path", id(store))
    index = _indexes.get(key)
    if index is None:
        index = _indexes[key] = semantic.VectorIndex()
    index.refresh(store)
    return index


def _semantic_rows(store: Store, query: ArticleQuery, mode: str, strict: bool) -> list[dict]:
    from warta import semantic

    text = (query.text or "").strip()
    if not text:
        return []
    index = vector_index(store)
    if not len(index.seqs):
        raise LookupError("no sentence vectors in this store yet: run `warta embed`")
    near = index.nearest(semantic.embed([text])[0], SEMANTIC_DEPTH)
    scores = dict(near)
    if mode == "semantic":
        order = [seq for seq, _ in near]
    else:
        words, _ = store.find(ArticleQuery(text=text), SEMANTIC_DEPTH, strict=strict)
        fused = semantic.fuse([[r["seq"] for r in words], [seq for seq, _ in near]])
        order = [seq for seq, _ in fused]
        scores = dict(fused)
    rows = store.rows_by_seq(order)
    rows = [r for r in rows if _passes(r, query)]
    for row in rows:
        row["score"] = round(scores[row["seq"]], 6)
    return rows


def _passes(row: dict, query: ArticleQuery) -> bool:
    """The non-text filters of ``query``, applied to a result row (semantic results)."""
    published = (row.get("published") or "")[:10]
    if query.outlet and (row.get("outlet") or "").casefold() != query.outlet.casefold():
        return False
    if query.since and (not published or published < query.since[:10]):
        return False
    if query.until and (not published or published > query.until[:10]):
        return False
    return True


def ingest_jsonl(store: Store, body: str, max_bytes: int, source: str = "api") -> dict:
    """Ingest JSON Lines (one article object a line; a single JSON object or a JSON array
    is accepted too), the same way `warta ingest` does. Returns stored / duplicates /
    rejected (one-line reasons) and the ids stored."""
    import json

    from warta.run.batch import ingest
    from warta.ingest.tabular import jsonl_articles

    stripped = body.lstrip()
    if stripped.startswith("["):  # a JSON array: one record a line, as jsonl_articles reads
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON: {exc}") from None
        if not isinstance(records, list):
            raise ValueError("expected a JSON array of article objects")
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
    elif stripped.startswith("{") and "\n" in stripped.strip():
        try:  # one pretty-printed object, or JSON Lines
            lines = [json.dumps(json.loads(stripped), ensure_ascii=False)]
        except json.JSONDecodeError:
            lines = body.splitlines()
    else:
        lines = body.splitlines()
    newest = store.find(ArticleQuery(), 1, order="ingested")[0]
    last_seq = newest[0]["seq"] if newest else 0
    report = ingest(jsonl_articles(lines, source, max_bytes=max_bytes), store)
    added = store.find(ArticleQuery(after_seq=last_seq), MAX_LIMIT, order="ingested")[0]
    return {"stored": report.stored, "duplicates": report.duplicates,
            "rejected": [str(r) for r in report.rejected], "ids": [r["id"] for r in reversed(added)]}


# -- entities -------------------------------------------------------------------------
def entity_mentions(store: Store, label: Optional[str] = None) -> list[tuple[str, dict]]:
    """(article id, entity dict) for every stored mention, each canonical linked across the
    store (warta.corpus.entities.linked: an office resolves to its holder at the article's
    date), optionally of one type. What `warta entities` and `/api/entities` list; `warta
    entity`, entity pages and ``?entity=`` read it only on a store without stored link
    evidence (``entity_hits``)."""
    def compute() -> list[tuple[str, dict]]:
        from warta.corpus.entities import linked
        from warta.lang.offices import stands_for_office

        rows = list(store.entity_mentions(None))
        # Offices resolve to their holder at the article's date: only those articles are read.
        dated = {a for a, m in rows if stands_for_office(m.get("canonical"), m.get("role"))}
        published = {r["id"]: r["published"] for r in store.rows_by_id(sorted(dated))}
        # The linker of the evidence stored at ingest when there is (the same counts as these
        # mentions give: tests/test_entity_links.py), instead of counting them all again.
        linker = _stored_links(store).linker if store.entity_links_ready() else None
        pairs = linked(((a, published.get(a), m) for a, m in rows), linker)
        return [(a, m) for a, m in pairs if label is None or m["label"] == label]

    # Linking reads every mention of the store: kept per generation while the store is
    # small enough to hold them (MENTIONS_CACHED: ~1 kB each).
    return _cached(store, ("mentions", label), compute, keep=lambda rows: len(rows) <= MENTIONS_CACHED)


MENTIONS_CACHED = 300_000


def entities(store: Store, label: Optional[str] = None, limit: int = 50, offset: int = 0) -> Page:
    """Entities across stored articles, most articles first: canonical name, type,
    aliases, roles, article and mention counts."""
    rows, total, _ = entity_list(store, label, _clip(limit), offset)
    return Page(rows, total, _clip(limit), offset)


def entity_list(store: Store, label: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
                aliases: int = 10, roles: int = 5) -> tuple[list[dict], int, int]:
    """(one page of the entity list, how many entities, how many mentions): what `warta
    entities`, /api/entities and the entities page show; ``limit`` None: every row.
    Summed from the counts stored at ingest (``StoredLinks.listing``), aliases and roles
    read for the page's rows only; a store without them (not yet counted: a read-only
    store just migrated) links every mention, as before."""
    def page(rows: list, describe, articles=lambda e: e.articles) -> list[dict]:
        chosen = rows[offset:] if limit is None else rows[offset:][:limit]
        return [{"canonical": e.canonical, "label": e.label, "aliases": a, "roles": r,
                 "articles": articles(e), "mentions": e.mentions}
                for e, (a, r) in zip(chosen, describe(chosen))]

    if store.entity_links_ready():
        def listed():
            return _stored_links(store).listing(store, store.entity_link_counts(("entity",)), label)

        rows, mentions = _cached(store, ("entity_list", label), listed)
        shown = _cached(store, ("entity_page", label, limit, offset, aliases, roles),
                        lambda: page(rows, lambda es: _stored_links(store).describe(store, es, aliases, roles)))
        return shown, len(rows), mentions

    def aggregated():
        from warta.corpus.entities import aggregate

        mentions = entity_mentions(store, label)
        return aggregate(mentions, label), len(mentions)

    rows, mentions = _cached(store, ("entities", label), aggregated)  # linking reads every mention: once per change
    shown = page(rows, lambda es: [([a for a, _ in e.aliases.most_common(aliases)],
                                    [r for r, _ in e.roles.most_common(roles)]) for e in es],
                 lambda e: len(e.articles))  # aggregate keeps the articles' ids
    return shown, len(rows), mentions


def entity_hits(store: Store, name: str) -> list[tuple[str, dict]]:
    """(article id, entity dict) for every mention of the entity whose canonical name or
    any surface form is ``name`` (case-insensitive), linked across the store: what
    `warta entity`, the entity pages and the entity feeds / watchlists all use. Kept per
    store generation and name, so a feed or watchlist read again reads no mentions."""
    from warta.corpus.entities import matching

    def compute() -> list[tuple[str, dict]]:
        if store.entity_links_ready():  # the evidence stored at ingest: only this name's mentions read
            return _stored_links(store).matching(store, name)
        return matching(entity_mentions(store), name)

    return _cached(store, ("entity_hits", name.casefold()), compute, keep=lambda rows: len(rows) <= MENTIONS_CACHED)


def _stored_links(store: Store):
    """The linker of the store's stored link evidence (``warta.corpus.entity_links``): its
    counts read once per store generation, whatever the number of names asked."""
    from warta.corpus.entity_links import LINKER_KINDS, StoredLinks

    return _cached(store, ("stored_links",), lambda: StoredLinks(store.entity_link_counts((*LINKER_KINDS, "office"))))


def entity(store: Store, name: str, limit: int = 100) -> Optional[dict]:
    """One entity (by canonical name or any surface form): aliases, roles, mentions per
    month, its latest mentions with their sentence, and quotes by and about it."""
    from warta.nlp import sentence_around

    hits = entity_hits(store, name)
    if not hits:
        return None
    meta = {r["id"]: r for r in store.rows_by_id(list(dict.fromkeys(a for a, _ in hits)))}
    rows = [{**m, "article_id": a, "article_published": (meta.get(a) or {}).get("published"),
             "article_seq": (meta.get(a) or {}).get("seq", 0)} for a, m in hits]
    rows.sort(key=lambda r: r["article_seq"])
    by_name = Counter(r.get("canonical") or r["text"] for r in rows)
    canonical = by_name.most_common(1)[0][0]
    aliases = Counter(r["text"] for r in rows if r["text"] != (r.get("canonical") or r["text"]))
    roles = Counter(r["role"] for r in rows if r.get("role"))
    months = Counter((r["article_published"] or "")[:7] or "unknown" for r in rows)
    article_ids = list(dict.fromkeys(r["article_id"] for r in reversed(rows)))  # latest first
    mentions, about = [], []
    for article_id in article_ids[:limit]:
        article = store.get(article_id)
        if article is None:
            continue
        spans = [(r["start"], r["end"]) for r in rows if r["article_id"] == article_id and r["field"] == "text"]
        first = next(r for r in rows if r["article_id"] == article_id)
        source = (article.title or "") if first["field"] == "title" else article.raw_text
        mentions.append({**_article_keys(article), "text": first["text"], "field": first["field"],
                         "start": first["start"], "end": first["end"],
                         "sentence": sentence_around(source, first["start"], first["end"])})
        for q in article.quotes:
            if q.field == "text" and q.speaker not in by_name and any(q.start <= s and e <= q.end for s, e in spans):
                about.append({**q.model_dump(), **{f"article_{k}": v for k, v in _article_keys(article).items()}})
    quotes_by = [row for n in by_name for row in store.quotes(speaker=n)]
    return {"name": name, "canonical": canonical, "label": Counter(r["label"] for r in rows).most_common(1)[0][0],
            "names": sorted(by_name), "aliases": [a for a, _ in aliases.most_common(20)],
            "roles": [r for r, _ in roles.most_common(10)], "mentions": len(rows),
            "articles": len(article_ids), "by_month": dict(sorted(months.items())),
            "latest": mentions, "quotes_by": quotes_by[-limit:][::-1], "quotes_about": about[:limit]}


def loaded_terms(article: Article) -> list[dict]:
    """The article's loaded-language spans (warta.framing.article_terms)."""
    from warta.framing import article_terms

    return article_terms(article)


def _article_keys(article: Article) -> dict:
    return {"id": article.id, "title": article.title, "outlet": article.outlet,
            "published": article.published, "url": article.url}


# -- quotes and figures -----------------------------------------------------------------
def quotes(store: Store, speaker: Optional[str] = None, standing: Optional[str] = None,
           limit: Optional[int] = 50, offset: int = 0) -> Page:
    """Stored quotes (optionally one speaker's / one standing), in ingestion order; each
    the quote's fields plus article_id, article_title, article_outlet, article_published."""
    rows = store.quotes(speaker, standing)
    return Page(rows[offset:][:_clip(limit)], len(rows), _clip(limit), offset)


def figures(store: Store, measure: Optional[str] = None, where: Optional[str] = None,
            limit: Optional[int] = 50, offset: int = 0) -> Page:
    """Stored figures (optionally one measure / place), with the same article keys."""
    rows = store.figures(measure, where)
    return Page(rows[offset:][:_clip(limit)], len(rows), _clip(limit), offset)


def scratch_store(articles) -> Store:
    """An in-memory store holding ``articles`` (processed, not stored anywhere), so a face
    can analyse input files with the same functions it uses on a store."""
    from warta.store.sqlite import SQLiteStore

    store = SQLiteStore(":memory:")
    store.save(articles)
    return store


def reference_source(path=None):
    """The official daily counts to check figures against (FileNotFoundError / ValueError
    with a readable message when they are missing or broken)."""
    from warta.corpus.checks import gaza_casualties

    return gaza_casualties(path)


def figure_check(store: Store, source, measure: Optional[str] = None) -> list[dict]:
    """Each checkable stored figure (killed/injured, a place the source covers, an as-of
    date) beside the official count of its date (``warta.corpus.checks``), with the
    ``flags`` of warta's one contradiction rule (``warta.corpus.timeline``: conflict,
    decrease, far_from_official); ``disagrees``: it has a flag. What `warta figures
    --check`, /api/figures/check and the /figures page show."""
    from warta.corpus.checks import check_figures
    from warta.corpus.timeline import timeline

    rows = store.figures(measure, source.where)
    fields = tuple(Figure.model_fields)
    items = [(r["article_id"], Figure.model_validate({k: r[k] for k in fields if r.get(k) is not None}))
             for r in rows]
    info = {r["article_id"]: r for r in rows}
    checked = check_figures(items, [source])
    flags: dict[tuple, list[str]] = {}
    for name in sorted({row.figure.measure for row in checked}):
        for t in timeline(store, name, source.where, reference=source):
            flags[(t["article_id"], t["field"], t["start"])] = t["flags"]
    out = []
    for row in checked:
        official = row.official.value if row.official else None
        flagged = flags.get((row.article_id, row.figure.field, row.figure.start), [])
        meta = info.get(row.article_id, {})
        out.append({**row.figure.model_dump(), "as_of": row.as_of.isoformat(), "official": official,
                    "official_source": row.official.source if row.official else None,
                    "official_extrapolated": bool(row.official and row.official.extrapolated),
                    "difference": row.difference,
                    "matching_report": row.matching_report.report_date.isoformat() if row.matching_report else None,
                    "flags": flagged, "disagrees": bool(flagged), "article_id": row.article_id,
                    "article_title": meta.get("article_title"), "article_outlet": meta.get("article_outlet"),
                    "article_published": meta.get("article_published")})
    return out


def figure_timeline(store: Store, measure: str = "killed", where: Optional[str] = None,
                    group: Optional[str] = None, reference=None) -> list[dict]:
    """What `warta timeline` shows (warta.corpus.timeline): every figure of a measure in
    as-of order beside the official count of its date, with its flags (conflict,
    decrease, far_from_official)."""
    from warta.corpus.timeline import timeline

    return timeline(store, measure, where, group, reference=reference)


def official_series(source, measure: str = "killed", start: Optional[dt.date] = None,
                    end: Optional[dt.date] = None) -> list[tuple[str, float]]:
    """(ISO date, official cumulative count) for each day with a count, start..end."""
    start = start or source.first_date
    end = end or source.last_date
    series = []
    if start is None or end is None:
        return series
    day = start
    while day <= end:
        official = source.count(day, measure)
        if official is not None:
            series.append((day.isoformat(), official.value))
        day += dt.timedelta(days=1)
    return series


# -- framing --------------------------------------------------------------------------------
def framing_profiles(store: Store, since: Optional[str] = None, until: Optional[str] = None,
                     outlet: Optional[str] = None, top: int = 10) -> list[dict]:
    """Loaded language per outlet (what `warta framing` shows): spans per 1,000 words,
    own and attributed, by category, top terms and lexical choices, each with its
    bootstrap 95% interval and evidence spans (warta.corpus.outlets), read from the
    per-article rows stored at ingest."""
    from warta.corpus import outlets

    def compute() -> list[dict]:
        try:
            outlets.refresh(store)  # articles stored before the rows existed
        except Exception as exc:  # a read-only store: its rows are made here, not kept
            if not _refused_as_read_only(exc):
                raise
            chosen = [a for a in store.articles() if outlets.in_period(a, since, until)
                      and (outlet is None or (a.outlet or "").casefold() == outlet.casefold())]
            return outlets.to_records(outlets.profiles(chosen, top=top))
        return outlets.to_records(outlets.stored_profiles(store, since, until, outlet, top))

    return _cached(store, ("framing", since, until, (outlet or "").casefold(), top), compute)


def _refused_as_read_only(exc: Exception) -> bool:
    """Whether a write a reader makes on the side (rows an older store lacks) failed because
    the store is read-only: SQLite's "attempt to write a readonly database", PostgreSQL's
    "cannot execute ... in a read-only transaction"."""
    return "readonly" in str(exc).replace("-", "").replace(" ", "").lower()


# Results computed over the whole store (framing profiles, the entity list, full-text search
# pages), kept per store while no article is stored, deleted or rewritten (Store.generation):
# the next reader of the same page gets it at once. Least recently used out first.
_STORE_CACHE: dict = {}
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 512


def _cached(store: Store, key: tuple, compute, keep=None):
    path = getattr(store, "path", None)
    full = (path if path and path != ":memory:" else id(store), key)
    generation = store.generation()
    with _CACHE_LOCK:  # the server's worker threads share it
        hit = _STORE_CACHE.pop(full, None)
        if hit is not None and hit[0] == generation:
            _STORE_CACHE[full] = hit  # most recently used last
            return hit[1]
    value = compute()
    if keep is not None and not keep(value):
        return value
    with _CACHE_LOCK:
        while len(_STORE_CACHE) >= CACHE_SIZE:
            _STORE_CACHE.pop(next(iter(_STORE_CACHE)))  # least recently used first
        _STORE_CACHE[full] = (generation, value)
    return value


# -- stories ------------------------------------------------------------------------------
# Stories are assigned at ingest and kept in the store (warta.corpus.story_views); these
# shape them for the faces: outlet counts for coverage bars, loaded terms per headline.
def story_number(store: Store, key: str) -> Optional[int]:
    """A story's number from its id, or from the id of any of its articles."""
    if key.isascii() and key.isdigit() and len(key) < 12:  # not "¹": isdigit() accepts it, int() does not
        return int(key)
    return store.story_of(key)


def _outlet_counts(rows: list[dict]) -> dict[str, int]:
    counts = Counter((r.get("outlet") or "(unknown)") for r in rows)
    return dict(counts.most_common())


def stories(store: Store, limit: int = 20, offset: int = 0, min_articles: int = 1) -> Page:
    """Stories, latest first, each with how many articles every outlet gave it (the stored
    summaries: one page read, whatever the size of the store)."""
    from warta.corpus.story_views import story_page

    rows, total = story_page(store, min_articles, _clip(limit), offset)
    items = [{"id": str(s["id"]), "title": s["label"], "articles": s["n_articles"], "outlets": s["outlet_counts"],
              "first": s["first_published"], "last": s["last_published"]} for s in rows]
    return Page(items, total, _clip(limit), offset)


def story(store: Store, key: str) -> Optional[dict]:
    """One story (by its id or any member's id): summary, timeline with loaded terms,
    each outlet's articles side by side, coverage gap, wire copies and figures."""
    from warta.corpus.story_views import story_detail

    story_id = story_number(store, key)
    detail = story_detail(store, story_id) if story_id is not None else None
    if detail is None:
        return None
    arts = [a for a in (store.get(i) for i in detail["articles"]) if a is not None]
    timeline = [{**_article_keys(a), "loaded": [t["text"] for t in loaded_terms(a)]} for a in arts]
    by_outlet: dict[str, list[dict]] = {}
    for row in timeline:
        by_outlet.setdefault(row["outlet"] or "(unknown)", []).append(row)
    return {"id": str(detail["id"]), "title": detail["label"], "articles": detail["n_articles"],
            "outlets": _outlet_counts(timeline), "first": detail["first_published"],
            "last": detail["last_published"], "timeline": timeline, "by_outlet": by_outlet,
            "coverage_gap": detail["coverage_gap"], "wire_groups": detail["wire_copies"],
            "figures": detail["figures"], "entities": detail["entities"],
            "thread_stories": detail["thread_stories"]}


# -- wire copies --------------------------------------------------------------------------
# A group of a hundred copies (a press release every outlet ran, an article re-filed for
# months) lists its first publisher and its first republications, and says how many more.
WIRE_COPIES_SHOWN = 20


def wire_groups(store: Store, since: Optional[str] = None, until: Optional[str] = None,
                outlet: Optional[str] = None, limit: Optional[int] = None, offset: int = 0,
                max_copies: Optional[int] = WIRE_COPIES_SHOWN) -> Page:
    """Wire-copy groups in the store (the same text published more than once), largest
    first, as ``corpus.wire.group_record``s: first publisher, republications with delay and
    what each changed, credited sources, provenance; ``n_copies`` says how many
    republications a group has when it shows only the first ``max_copies`` (None: all).
    ``since``/``until`` (ISO dates) keep groups with a copy published in the range;
    ``outlet`` those it took part in; ``limit``/``offset`` page the groups (None: all).
    The groups come from the stored signatures (``corpus.wire.stored_components``: SQL
    candidates, no article read), found once per change of the store; only the page's
    groups read their articles. Each outlet's boilerplate paragraphs are learnt from all its
    stored articles. A read-only store lacking signatures is judged in memory instead."""
    from warta.corpus import wire

    def compute():
        try:
            wire.catch_up(store)
        except Exception as exc:  # a read-only store whose rows cannot be made here
            if not _refused_as_read_only(exc):
                raise
            return None
        return wire.stored_components(store)

    groups = _cached(store, ("wire",), compute, keep=lambda found: found is not None)
    if groups is None:
        return _wire_in_memory(store, since, until, outlet, limit, offset, max_copies)

    kept = [g for g in groups if _wire_kept([(m.published, m.outlet) for m in g], since, until, outlet)]
    page = _wire_page(kept, limit, offset)
    return Page([wire.group_record(wire.describe_stored(store, g, max_copies)) for g in page],
                len(kept), _clip(limit), offset)


def _wire_kept(copies: list[tuple[Optional[str], Optional[str]]], since: Optional[str], until: Optional[str],
               outlet: Optional[str]) -> bool:
    """Whether a group of copies ((published, outlet) each) has one published in
    ``since``..``until`` (ISO dates) and one by ``outlet`` (case-insensitive)."""
    days = [(published or "")[:10] for published, _ in copies]
    if since and not any(d and d >= since for d in days):
        return False
    if until and not any(d and d <= until for d in days):
        return False
    return not outlet or any((o or "").casefold() == outlet.casefold() for _, o in copies)


def _wire_page(kept: list, limit: Optional[int], offset: int) -> list:
    return kept[offset:] if limit is None else kept[offset: offset + _clip(limit)]


def _wire_in_memory(store: Store, since, until, outlet, limit, offset, max_copies) -> Page:
    """``wire_groups`` fingerprinting every article (a read-only store without its rows)."""
    from warta.corpus.wire import boilerplate_paragraphs, find_groups, group_record

    def compute() -> list:
        arts = list(store.articles())
        return find_groups(arts, boilerplate=boilerplate_paragraphs(arts))

    kept = [g for g in _cached(store, ("wire-in-memory",), compute)
            if _wire_kept([(c.published, c.outlet) for c in [g.first] + g.copies], since, until, outlet)]
    page = _wire_page(kept, limit, offset)
    # Cut before making the record, so its ids and provenance line show the same copies
    # as the stored path's (``describe_stored``), with "(+N more)".
    shown = page if max_copies is None else [replace(g, copies=g.copies[:max_copies]) for g in page]
    return Page([group_record(g) for g in shown], len(kept), _clip(limit), offset)


# -- watchlists -------------------------------------------------------------------------
def follow(store: Store, kind: str, value: str) -> dict:
    """Follow an entity, outlet, search query or story (the same row when already followed)."""
    value = (value or "").strip()
    if kind not in WATCH_KINDS:
        raise ValueError(f"cannot follow a {kind!r}: use one of {', '.join(WATCH_KINDS)}")
    if not value:
        raise ValueError(f"say which {kind} to follow")
    if len(value) > 500:
        raise ValueError("too long to follow (500 characters at most)")
    return store.add_watchlist(kind, value)


def watch_query(kind: str, value: str) -> ArticleQuery:
    """The articles an outlet or search watchlist follows (entities and stories: see
    watch_articles)."""
    if kind == "outlet":
        return ArticleQuery(outlet=value)
    if kind == "search":
        return ArticleQuery(text=value)
    raise ValueError(f"no article query for a {kind!r} watchlist")


def watch_articles(store: Store, watchlist: dict, limit: int = 50, new_only: bool = False) -> list[dict]:
    """The articles a watchlist follows, newest ingested first (only those not yet read
    with ``new_only``)."""
    if watchlist["kind"] in ("story", "entity"):
        if watchlist["kind"] == "story":
            detail = story(store, watchlist["value"])
            ids = [a["id"] for a in detail["timeline"]] if detail else []
        else:  # linked across the store, as `warta entity` (not only the stored canonical)
            ids = list(dict.fromkeys(a for a, _ in entity_hits(store, watchlist["value"])))
        rows = store.rows_by_id(ids)
        rows = sorted((r for r in rows if not new_only or r["seq"] > watchlist["read_seq"]),
                      key=lambda r: r["seq"], reverse=True)
        return rows[: (MAX_LIMIT if new_only else _clip(limit))]
    query = watch_query(watchlist["kind"], watchlist["value"])
    if new_only:
        query.after_seq = watchlist["read_seq"]
    rows, _ = store.find(query, MAX_LIMIT if new_only else _clip(limit), order="ingested")
    return rows


def watch(store: Store, mark_read: bool = True) -> list[tuple[dict, list[dict]]]:
    """What is new for each watchlist since it was last read; marks it read."""
    news = []
    for watchlist in store.watchlists():
        rows = watch_articles(store, watchlist, new_only=True)
        news.append((watchlist, rows))
        if mark_read and rows:
            store.mark_watchlist_read(watchlist["id"], max(r["seq"] for r in rows))
    return news


def quote_model(row: dict) -> Quote:
    return Quote.model_validate({k: row[k] for k in Quote.model_fields if row.get(k) is not None})
