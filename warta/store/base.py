"""The storage interface: everything the CLI, the runner and the corpus views ask of a
store, with no backend type in it, so SQLite (``sqlite.py``) and PostgreSQL can stand
behind it alike.

Backends store whole Articles (the JSON contract) and flatten each stored annotation kind
(``warta.model.STORED_KINDS``) into a table of its own, for queries across articles.
Annotation rows are plain dicts: the annotation's fields, plus the article's keys
``article_id``, ``article_title``, ``article_outlet``, ``article_published`` and
``article_source`` (prefixed, because a figure has a ``source`` field of its own).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional, Sequence

from warta.model import Article, annotation_kind

# Article columns joined onto annotation rows as article_<column>.
ARTICLE_KEYS = ("id", "title", "outlet", "published", "source")


@dataclass
class SaveResult:
    stored: int = 0
    duplicates: int = 0


@dataclass
class Known:
    """Which of some article ids and content ids a store already holds."""

    ids: set[str] = field(default_factory=set)
    content_ids: set[str] = field(default_factory=set)


@dataclass
class ArticleQuery:
    """Which stored articles: every given field must hold (all optional)."""

    text: Optional[str] = None     # full-text query, FTS5 syntax ("phrase", OR, NOT, prefix*)
    outlet: Optional[str] = None   # case-insensitive
    since: Optional[str] = None    # ISO date, inclusive (compared with ``published``)
    until: Optional[str] = None    # ISO date, inclusive
    entity: Optional[str] = None   # stored canonical entity name, case-insensitive (services
                                   # resolve it linked across the store into ``ids`` instead)
    ids: Optional[tuple[str, ...]] = None  # only these articles (None: any)
    after_seq: int = 0             # only articles ingested after this position (watchlists)


class DatabaseProblem(Exception):
    """The database cannot be used as asked (missing, not a database, read-only, locked, of
    another schema version); the message says why and what to do, in one line."""


class SearchSyntaxError(ValueError):
    """A full-text query that is not valid search syntax (the message says why)."""


@dataclass
class SearchHit:
    id: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    snippet: str  # the best matching passage, matches between ** markers
    score: float  # higher is better


class Store(ABC):
    #: Where the store lives (a file path or a database URL), for messages.
    path: str

    # -- writing --------------------------------------------------------------------
    @abstractmethod
    def save(self, articles: Iterable[Article], content_ids: Optional[Sequence[str]] = None,
             inputs: Optional[Sequence[Optional[str]]] = None) -> SaveResult:
        """Store a batch in one transaction; an article already stored (same id or same
        content) counts as a duplicate and changes nothing. ``content_ids[i]``, when given,
        is ``warta.ids.content_id`` of article i's raw text (the caller computed it already);
        ``inputs[i]`` the input's metadata as given (``warta.run.batch.input_record``), kept
        for ``warta reprocess``."""

    @abstractmethod
    def replace(self, articles: Sequence[Article]) -> int:
        """Rewrite stored articles (same ids) with new annotations in one transaction: the
        JSON, metadata columns, search entry and annotation rows change; the id, content
        id, ingestion position and time, and the input stay; sentence vectors and aggregate
        rows of a rewritten article are dropped (``warta embed`` / the next read or ingest
        make them again). Returns how many were stored."""

    @abstractmethod
    def delete(self, article_ids: Iterable[str]) -> int:
        """Remove these articles with their annotations and search entries; how many were stored."""

    # -- one article ------------------------------------------------------------------
    @abstractmethod
    def known(self, article_ids: Sequence[str], content_ids: Sequence[str]) -> Known:
        """Which of these ids and content ids are stored, in one query (de-duplication
        before the pipeline runs)."""

    def has(self, article_id: str) -> bool:
        return article_id in self.known([article_id], []).ids

    def has_content(self, content_id: str) -> bool:
        """True when an article with this content (``warta.ids.content_id`` of its raw
        text) is stored, whatever its id."""
        return content_id in self.known([], [content_id]).content_ids

    @abstractmethod
    def get(self, article_id: str) -> Optional[Article]: ...

    @abstractmethod
    def find_ids(self, prefix: str, limit: int = 5) -> list[str]:
        """Ids starting with ``prefix``, in id order (so a user may type a short id)."""

    # -- many articles ----------------------------------------------------------------
    @abstractmethod
    def articles(self) -> Iterator[Article]:
        """Every stored article, in ingestion order."""

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def stored_inputs(self, after_seq: int, limit: int) -> list[tuple[int, str, Optional[str]]]:
        """(seq, Article JSON, input JSON or None) of up to ``limit`` articles after ingestion
        position ``after_seq``, in ingestion order: pages for ``reprocess`` and ``stories
        rebuild`` (a page at a time, so writing between pages is safe)."""

    @abstractmethod
    def listing(self, limit: Optional[int] = None, offset: int = 0) -> list[dict]:
        """Newest ingested first: ``id, title, outlet, published, source, ingested_at`` and
        the number of annotations of each stored kind (``entities``, ``quotes``, ...),
        without parsing any article JSON."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and clean text, best first. A query that is not
        valid in the backend's syntax is searched as plain words, never an error."""

    # -- annotations across articles ----------------------------------------------------
    @abstractmethod
    def annotations(self, kind: str, filters: Optional[dict[str, Optional[str]]] = None) -> list[dict]:
        """Rows of one stored annotation kind (see the module docstring), in ingestion
        order; ``filters`` maps a field to the value it must equal, case-insensitive
        (``None`` values are ignored)."""

    @abstractmethod
    def entity_mentions(self, label: Optional[str] = None) -> Iterator[tuple[str, dict]]:
        """(article id, entity fields) for every stored entity mention, in the order stored."""

    def quotes(self, speaker: Optional[str] = None, standing: Optional[str] = None) -> list[dict]:
        """Quote rows, optionally one speaker's and/or of one ``speaker_standing``
        (public_figure, member_of_public)."""
        return self.annotations("quotes", {"speaker": speaker, "speaker_standing": standing})

    def figures(self, measure: Optional[str] = None, where: Optional[str] = None) -> list[dict]:
        """Figure rows, optionally of one measure and/or place."""
        return self.annotations("figures", {"measure": measure, "where": where})

    # -- queries the faces (API, web, feeds) share ------------------------------------
    @abstractmethod
    def find(self, query: ArticleQuery, limit: int = 20, offset: int = 0,
             strict: bool = False, order: Optional[str] = None) -> tuple[list[dict], int]:
        """(rows, total matching) for one page of articles, in ``order``: "relevance"
        (best match first, the default with a text query), "published" (newest first, the
        default otherwise) or "ingested" (latest stored first). Each row: id, title, outlet, published, url,
        ingested_at, seq (ingestion position), snippet, score. ``strict``: raise
        SearchSyntaxError on a malformed text query instead of searching its words."""

    @abstractmethod
    def facets(self, query: ArticleQuery) -> dict[str, dict[str, int]]:
        """Counts of matching articles by ``outlet`` and by publication ``date`` (day)."""

    def search_page(self, query: ArticleQuery, limit: int = 20, offset: int = 0, strict: bool = False,
                    facet_depth: Optional[int] = None) -> tuple[list[dict], int, dict[str, dict[str, int]], bool]:
        """(rows, total, facets, capped): ``find`` and ``facets`` of a text query in one go.
        With ``facet_depth``, a backend may count the facets over the best ``facet_depth``
        matches only (``capped`` then says so) rather than over every match."""
        rows, total = self.find(query, limit, offset, strict=strict)
        return rows, total, self.facets(query), False

    @abstractmethod
    def entity_rows(self, name: str) -> list[dict]:
        """Mentions of every entity whose canonical name or any surface form is ``name``
        (case-insensitive), with the article keys of ``quotes``, in ingestion order."""

    @abstractmethod
    def add_watchlist(self, kind: str, value: str) -> dict:
        """Follow something (kind: entity, outlet, search, story); the existing row when it
        is already followed. Starts unread: everything stored counts as new."""

    @abstractmethod
    def watchlists(self) -> list[dict]:
        """Every watchlist: id, kind, value, created_at, read_seq, read_at."""

    @abstractmethod
    def watchlist(self, watchlist_id: int) -> Optional[dict]: ...

    @abstractmethod
    def remove_watchlist(self, watchlist_id: int) -> bool: ...

    @abstractmethod
    def mark_watchlist_read(self, watchlist_id: int, seq: int) -> None:
        """Remember that articles up to ingestion position ``seq`` have been shown."""

    # -- sentence vectors (semantic search) ---------------------------------------------
    @abstractmethod
    def articles_without_vectors(self, model: str, limit: int) -> list[tuple[int, Optional[str], str]]:
        """(seq, title, clean text) of up to ``limit`` articles with no vector of ``model``."""

    @abstractmethod
    def save_vectors(self, model: str, rows: list[tuple[int, bytes]]) -> None: ...

    @abstractmethod
    def vectors(self, model: str) -> Iterator[tuple[int, bytes]]:
        """(seq, float32 bytes) of every stored vector of ``model``."""

    @abstractmethod
    def vector_count(self, model: str) -> int: ...

    @abstractmethod
    def get_json(self, article_id: str) -> Optional[str]:
        """The stored Article JSON as text (no parsing: for serving it as it is)."""

    @abstractmethod
    def rows_by_seq(self, seqs: list[int]) -> list[dict]:
        """The ``find`` rows (no snippet highlight, no score) of these articles, in this order."""

    # -- stories (issue 11): membership rows and the online clusterer's state ------------
    def story_rows(self) -> list[dict]:
        """``article_id, story_id, thread_id`` of every stored article in a story."""
        raise NotImplementedError

    def save_stories(self, rows: list[tuple[str, int, int]], state: str, replace: bool = False) -> None:
        """Store (article id, story id, thread id) rows and the clusterer state in one
        transaction; ``replace`` first forgets every earlier row (a rebuild)."""
        raise NotImplementedError

    def corpus_state(self, name: str) -> Optional[str]:
        raise NotImplementedError

    # -- stored story summaries (migration 9; SQL in ``warta.store.story_sql``) ----------
    # Summary rows: story_id, label (None until a writer fills it), n_articles,
    # first_published, last_published, thread_id, outlets ([(outlet, articles)], most first).
    def story_page(self, f, limit: Optional[int] = None, offset: int = 0) -> list[dict]:
        """Summary rows of the stories ``f`` (a ``story_sql.StoryFilter``) keeps, newest first."""
        raise NotImplementedError

    def story_total(self, f) -> int:
        raise NotImplementedError

    def stories_by_id(self, story_ids: Sequence[int]) -> list[dict]:
        raise NotImplementedError

    def thread_stories(self, thread_id: int) -> list[dict]:
        raise NotImplementedError

    def story_members(self, story_ids: Sequence[int]) -> dict[int, list[dict]]:
        """Per story its members (``id, title, outlet, published``), by (published, id)."""
        raise NotImplementedError

    def story_of(self, article_id: str) -> Optional[int]:
        raise NotImplementedError

    def unassigned(self) -> list[str]:
        """Ids of the stored articles in no story, latest ingested first."""
        raise NotImplementedError

    def outlet_names(self) -> list[str]:
        """Every outlet of a stored article (one index probe per outlet)."""
        raise NotImplementedError

    def story_outlet_names(self) -> list[str]:
        raise NotImplementedError

    def fill_story_labels(self, label, page: int = 2000) -> int:
        """Label the stories that have none: ``label(titles in story order)``."""
        raise NotImplementedError

    # -- near-duplicate signatures stored with each article (migration 10;
    # ``warta.corpus.wire``, SQL in ``warta.store.wire_sql``) -----------------------------
    def wire_count(self) -> int:
        """How many articles have their wire rows (made, or judged too short)."""
        raise NotImplementedError

    def wire_missing(self, limit: int) -> list[str]:
        """Ids of up to ``limit`` stored articles without wire rows, in ingestion order."""
        raise NotImplementedError

    def wire_stale(self) -> list[str]:
        """Ids of the articles whose signature was made under other boilerplate than now."""
        raise NotImplementedError

    def write_wire(self, article_ids: Sequence[str]) -> None:
        """(Re)make the wire rows of these articles from their stored text, one transaction."""
        raise NotImplementedError

    def wire_buckets(self) -> Iterator[list[str]]:
        """The ids of the articles sharing a band key, per key two articles or more share."""
        raise NotImplementedError

    def wire_signatures(self, article_ids: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """(article id, signature bytes) of these articles that have one."""
        raise NotImplementedError

    def wire_members(self, article_ids: Sequence[str]) -> list:
        """``corpus.wire.Member`` rows (the articles' columns, no JSON) of these articles."""
        raise NotImplementedError

    # -- entity-link evidence stored at ingest (migration 11; ``warta.corpus.entity_links``,
    # SQL in ``warta.store.entity_link_sql``) ---------------------------------------------
    def entity_links_ready(self) -> bool:
        """Whether the stored link evidence is there to read (False: link every mention)."""
        return False

    def entity_link_counts(self, kinds: Sequence[str]) -> list[tuple[tuple[str, str, str, str], int]]:
        """((kind, name, other, day), articles) of every stored fact of these kinds."""
        raise NotImplementedError

    def entity_forms(self, folded: str) -> list[str]:
        """The stored names whose ``str.casefold`` is ``folded``."""
        raise NotImplementedError

    def entity_mentions_by(self, column: str, values: Sequence[str]) -> list[tuple[int, str, Optional[str], dict]]:
        """(stored order, article id, published, mention fields) of the mentions whose
        ``column`` (canonical or text) is one of ``values``, in the order stored."""
        raise NotImplementedError

    def entity_roles(self, article_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(article id, canonical, role) of the mentions with a role in these articles."""
        raise NotImplementedError

    def entity_spellings(self, names: Optional[Sequence[str]]) -> list[tuple[str, str, str, Optional[str], int, int]]:
        """(label, canonical, text, role, mentions, first stored order) per distinct
        (label, canonical, text, role) of the mentions of these canonicals (None: all)."""
        raise NotImplementedError

    def entity_articles(self, names: Sequence[str]) -> list[tuple[str, str, str]]:
        """Distinct (label, canonical, article id) of the mentions of these canonicals."""
        raise NotImplementedError

    # -- per-article parts of store-wide aggregates (migration 7) --------------------------
    @abstractmethod
    def aggregate_rows(self, name: str, query: ArticleQuery) -> Iterator[tuple[str, str]]:
        """(article id, JSON value) of aggregate ``name`` for the articles matching the
        outlet / since / until of ``query``, in ingestion order."""

    @abstractmethod
    def missing_aggregate(self, name: str, limit: int) -> list[str]:
        """Ids of up to ``limit`` stored articles with no row of aggregate ``name``, in
        ingestion order."""

    @abstractmethod
    def save_aggregates(self, name: str, rows: list[tuple[str, str]]) -> None:
        """Store (article id, JSON value) rows of aggregate ``name`` (replacing any; rows of
        articles no longer stored are dropped)."""

    @abstractmethod
    def aggregate_value(self, name: str, article_id: str) -> Optional[str]:
        """The value of aggregate ``name`` for one article (None: no row)."""

    @abstractmethod
    def drop_aggregates(self, prefix: str, keep: str) -> int:
        """Delete the rows of every aggregate named ``prefix``... but ``keep`` (the values an
        older version of the code computed); how many."""

    @abstractmethod
    def aggregate_count(self, name: str) -> int:
        """How many articles have a row of aggregate ``name``."""

    def fill_aggregate(self, name: str, value_of, batch: int = 256) -> int:
        """Store ``value_of(article)`` as aggregate ``name`` for every stored article that
        has no row of it, ``batch`` articles a transaction; how many were stored."""
        if self.aggregate_count(name) >= self.count():
            # Rows exist only for stored articles (deleted with them), so none is missing:
            # two counts instead of a scan of every article (1.3 s of CPU at 100k, each ingest).
            return 0
        done = 0
        while ids := self.missing_aggregate(name, batch):
            rows = [(a.id, value_of(a)) for a in (self.get(i) for i in ids) if a is not None]
            self.save_aggregates(name, rows)
            done += len(rows)
            if len(ids) < batch:
                break
        return done

    def generation(self) -> tuple:
        """Changes whenever an article is stored, deleted or rewritten in place, so a value
        computed over the store can be cached under it. Here (articles stored, highest
        ingestion position, rewrites): positions are never reused. The backends read the
        highest position and their counts of deletes and rewrites instead (no count(*))."""
        newest = self.find(ArticleQuery(), 1, order="ingested")[0]
        return self.count(), (newest[0]["seq"] if newest else 0), self.corpus_state("rewrites") or "0"

    # -- lifetime -------------------------------------------------------------------------
    @abstractmethod
    def rows_by_id(self, ids: list[str]) -> list[dict]:
        """The same rows for these article ids, in this order (unknown ids left out)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_filters(kind: str, filters: dict[str, Optional[str]]) -> None:
    """A filter names a field of the kind (backends interpolate the column name)."""
    declared = annotation_kind(kind)
    if not declared.stored:
        raise ValueError(f"{kind} is not stored as rows (read it from the articles)")
    fields = declared.fields
    unknown = [name for name in filters if name not in fields]
    if unknown:
        raise ValueError(f"{kind} has no field {', '.join(unknown)}")
