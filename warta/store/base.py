"""The storage interface: narrow on purpose, so a PostgreSQL backend can come later
without touching the pipeline. Backends store whole Articles (the JSON contract) and
keep derived tables (entities, quotes, figures) for querying."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

from warta.model import Article


@dataclass
class SaveResult:
    stored: int = 0
    duplicates: int = 0


@dataclass
class ArticleQuery:
    """Which stored articles: every given field must hold (all optional)."""

    text: Optional[str] = None     # full-text query, FTS5 syntax ("phrase", OR, NOT, prefix*)
    outlet: Optional[str] = None   # case-insensitive
    since: Optional[str] = None    # ISO date, inclusive (compared with ``published``)
    until: Optional[str] = None    # ISO date, inclusive
    entity: Optional[str] = None   # canonical entity name, case-insensitive
    after_seq: int = 0             # only articles ingested after this position (watchlists)


class SearchSyntaxError(ValueError):
    """A full-text query that is not valid search syntax (the message says why)."""


@dataclass
class SearchHit:
    id: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[str]
    snippet: str
    score: float


class Store(ABC):
    @abstractmethod
    def save(self, articles: Iterable[Article], content_ids: Optional[Sequence[str]] = None) -> SaveResult:
        """Store a batch in one transaction; an article already stored (same id or same
        content) counts as a duplicate and changes nothing. ``content_ids[i]``, when given,
        is ``warta.ids.content_id`` of article i's raw text (the caller computed it already)."""

    @abstractmethod
    def has(self, article_id: str) -> bool: ...

    @abstractmethod
    def has_content(self, content_hash: str) -> bool:
        """True when an article with this content (``warta.ids.content_id`` of its raw
        text) is stored, whatever its id."""

    @abstractmethod
    def get(self, article_id: str) -> Optional[Article]: ...

    @abstractmethod
    def articles(self) -> Iterator[Article]:
        """Every stored article, in ingestion order."""

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and clean text, best first."""

    @abstractmethod
    def entity_mentions(self, label: Optional[str] = None) -> Iterator[tuple[str, dict]]:
        """(article id, entity dict) for every stored entity mention."""

    @abstractmethod
    def quotes(self, speaker: Optional[str] = None, standing: Optional[str] = None) -> list[dict]:
        """Quote rows (optionally one speaker's, and/or one ``speaker_standing``:
        public_figure, member_of_public): the quote's fields plus ``article_id``,
        ``article_title``, ``article_outlet``, ``article_published`` and ``article_source``."""

    @abstractmethod
    def figures(self, measure: Optional[str] = None, where: Optional[str] = None) -> list[dict]:
        """Figure rows (optionally one measure / place), with the same article keys."""

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

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
