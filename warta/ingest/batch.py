"""Run raw articles through the pipeline and into a store, batch by batch.

One batch = one pipeline call and one store transaction, so an ingest killed mid-way
loses at most the batch in flight, and a rerun skips everything already stored (same id
or same content) before paying for the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from warta.ids import content_id
from warta.ingest.errors import Rejected
from warta.model import Article, RawArticle
from warta.store.base import Store

Item = Union[RawArticle, Rejected]


@dataclass
class IngestReport:
    stored: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)


def process_safely(raws: list[RawArticle], batch_size: int = 32) -> Iterator[Union[Article, Rejected]]:
    """The pipeline over a batch; when the batch fails, article by article, so one article
    that breaks a stage is rejected with the error instead of taking the batch down."""
    from warta import pipeline

    try:
        yield from list(pipeline.process_many(raws, batch_size=batch_size))
        return
    except Exception:  # noqa: BLE001 - isolate the culprit below
        pass
    for raw in raws:
        try:
            yield pipeline.process(raw)
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the batch
            yield Rejected(raw.source or "?", f"processing failed: {one_line(f'{type(err).__name__}: {err}')}")


def one_line(message: str, limit: int = 300) -> str:
    """A reason fits one line: exceptions (pydantic's) often span several."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def extract(items: Iterable[Item], batch_size: int = 32) -> Iterator[Union[Article, Rejected]]:
    """Process without storing (``warta extract``): articles and rejections, input order
    kept within each batch."""
    batch: list[RawArticle] = []
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from process_safely(batch, batch_size)
            batch = []
    if batch:
        yield from process_safely(batch, batch_size)


def ingest(items: Iterable[Item], store: Store, batch_size: int = 32,
           on_progress: Optional[Callable[[IngestReport], None]] = None) -> IngestReport:
    """Process and store every raw article; count stored, duplicate and rejected ones."""
    report = IngestReport()
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    batch: list[RawArticle] = []
    digests: dict[str, str] = {}  # article id -> content id, hashed once per article

    def flush() -> None:
        articles = []
        for result in process_safely(batch, batch_size):
            if isinstance(result, Rejected):
                report.rejected.append(result)
            else:
                articles.append(result)
        saved = store.save(articles, [digests[a.id] for a in articles])
        digests.clear()
        report.stored += saved.stored
        report.duplicates += saved.duplicates
        batch.clear()
        if on_progress:
            on_progress(report)

    for item in items:
        if isinstance(item, Rejected):
            report.rejected.append(item)
            if on_progress:
                on_progress(report)
            continue
        digest = content_id(item.raw_text)
        article_id = item.id or digest
        if digest in seen_hashes or store.has_content(digest):
            report.duplicates += 1
            if on_progress:
                on_progress(report)
            continue
        if article_id in seen_ids or store.has(article_id):
            # Same given id, other content: storing either silently would lose data.
            report.rejected.append(Rejected(item.source or "?",
                                            f"id {article_id!r} is already used by another article"))
            if on_progress:
                on_progress(report)
            continue
        seen_ids.add(article_id)
        seen_hashes.add(digest)
        digests[article_id] = digest
        # An article without an id of its own is known by its content id: the pipeline need not hash it again.
        batch.append(item if item.id else item.model_copy(update={"id": digest}))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    if report.stored:
        # New articles join stories once per run (the clusterer's state is read and
        # written once, not per batch); a run killed before this is caught up by the next.
        from warta.corpus.story_views import assign_pending

        assign_pending(store)
    return report
