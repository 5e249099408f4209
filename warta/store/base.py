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

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
