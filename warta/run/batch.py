"""Run raw articles through the pipeline, and into a store, batch by batch.

The one place that owns batching, de-duplication, failure isolation, progress and saving
(``ingest/`` only reads inputs). One batch = one store query for duplicates, one pipeline
call and one store transaction, so an ingest killed mid-way loses at most the batch in
flight, and a rerun skips everything already stored (same id or same content) before
paying for the pipeline.

Failure isolation has one level: when a batch fails in the pipeline, its articles are run
one by one, and the one that fails is rejected with the error as its reason. A time guard
(``settings.article_cpu_limit``, ``deadline.cpu_limit``) counts as a failure too: a batch
that overruns the sum of its articles' limits is run one by one, and the article that
overruns its own limit is rejected, so no input stalls a batch.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from warta.ids import content_id
from warta.ingest.errors import Rejected
from warta.model import Article, RawArticle
from warta.run.deadline import Overtime, cpu_limit
from warta.run.mapping import MapFunction, map_serially
from warta.settings import BATCH_CHARS, article_cpu_limit
from warta.store.base import Store

Item = Union[RawArticle, Rejected]
DEFAULT_BATCH_SIZE = 32


@dataclass
class IngestReport:
    stored: int = 0
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)


@dataclass
class ReprocessReport:
    seen: int = 0
    changed: int = 0
    failed: list[Rejected] = field(default_factory=list)  # kept as stored


def input_record(raw: RawArticle) -> str:
    """What the store keeps of an input beside the Article (its metadata as given; the raw
    text is the Article's), so ``reprocess`` can run the pipeline on the same input."""
    return raw.model_dump_json(exclude={"raw_text"})


def stored_input(article_json: str, record: Optional[str]) -> RawArticle:
    """The input a stored article came from. An article stored before its input was kept
    (schema 6 and older) is rebuilt from its own metadata: title, outlet and date then stay
    as first detected."""
    article = json.loads(article_json)
    if record is not None:
        return RawArticle(**{**json.loads(record), "id": article["id"]}, raw_text=article["raw_text"])
    return RawArticle(raw_text=article["raw_text"], id=article["id"],
                      **{k: article.get(k) for k in ("source", "url", "title", "outlet", "published")})


def one_line(message: str, limit: int = 300) -> str:
    """A reason fits one line: exceptions (pydantic's) often span several."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def process_safely(raws: list[RawArticle]) -> list[Union[Article, Rejected]]:
    """The pipeline over one batch, in input order; an article that breaks a stage is
    rejected with the error instead of taking the batch down."""
    from warta import nlp, pipeline  # loads spaCy: only when there is something to process

    nlp.load()  # loading the model is not the articles' time
    try:
        with cpu_limit(sum(article_cpu_limit(len(raw.raw_text)) for raw in raws)):
            return list(pipeline.process_batch(raws))
    except (Exception, Overtime):  # noqa: BLE001 - find the culprit below
        pass
    results: list[Union[Article, Rejected]] = []
    for raw in raws:
        limit = article_cpu_limit(len(raw.raw_text))
        try:
            with cpu_limit(limit):
                results.append(pipeline.process(raw))
        except Overtime:
            results.append(Rejected(raw.source or "?",
                                    f"processing stopped: over {limit:.0f} s of CPU time for "
                                    f"{len(raw.raw_text):,} characters (the limit for its size)"))
        except Exception as err:  # noqa: BLE001 - one bad article must not stop the others
            results.append(Rejected(raw.source or "?",
                                    f"processing failed: {one_line(f'{type(err).__name__}: {err}')}"))
    return results


def _batches(items: Iterable[Item], size: int, max_chars: int = BATCH_CHARS) -> Iterator[list[Item]]:
    """Runs of ``size`` articles and at most ``max_chars`` characters of text (an article
    longer than that alone), so a batch's memory is bounded (settings.BATCH_CHARS);
    rejections ride along, not counted."""
    batch: list[Item] = []
    n = chars = 0
    for item in items:
        if isinstance(item, RawArticle):
            if n and chars + len(item.raw_text) > max_chars:
                yield batch
                batch, n, chars = [], 0, 0
            n += 1
            chars += len(item.raw_text)
        batch.append(item)
        if n >= size:
            yield batch
            batch, n, chars = [], 0, 0
    if batch:
        yield batch


def extract(items: Iterable[Item], batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Union[Article, Rejected]]:
    """Process without storing (``warta extract``): articles and rejections, in input order."""
    for batch in _batches(items, batch_size):
        raws = [item for item in batch if isinstance(item, RawArticle)]
        results = iter(process_safely(raws) if raws else [])
        for item in batch:
            yield item if isinstance(item, Rejected) else next(results)


MapBatches = Callable[[Iterable[list[RawArticle]]], Iterator[list[Union[Article, Rejected]]]]
def serial(batches: Iterable[list[RawArticle]]) -> Iterator[list[Union[Article, Rejected]]]:
    """The pipeline over each batch, in this process (``warta.run.dask`` spreads it)."""
    return map_serially(process_safely, batches)


serial.map = map_serially  # type: ignore[attr-defined]


def _accepted(items: Iterable[Item], store: Store, batch_size: int, report: IngestReport,
              digests_in_flight: deque) -> Iterator[list[RawArticle]]:
    """Each batch's articles to process. Rejections and duplicates (of stored articles or
    of earlier ones in this run) are counted in ``report`` and left out; each batch's
    (content id, input record) by article id are queued on ``digests_in_flight`` for saving it."""
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    for batch in _batches(items, batch_size):
        raws = [item for item in batch if isinstance(item, RawArticle)]
        digests = [content_id(raw.raw_text) for raw in raws]  # hashed once per article
        known = store.known([raw.id or d for raw, d in zip(raws, digests)], digests)
        accepted: list[RawArticle] = []
        accepted_digests: dict[str, tuple[str, str]] = {}
        digest_of = iter(digests)
        for item in batch:
            if isinstance(item, Rejected):
                report.rejected.append(item)
                continue
            digest = next(digest_of)
            article_id = item.id or digest
            if digest in seen_hashes or digest in known.content_ids:
                report.duplicates += 1
            elif article_id in seen_ids or article_id in known.ids:
                report.rejected.append(Rejected(item.source or "?",
                                                f"id {article_id!r} is already used by another article"))
            else:
                seen_ids.add(article_id)
                seen_hashes.add(digest)
                accepted_digests[article_id] = (digest, input_record(item))
                # Without an id of its own an article is known by its content id: the
                # pipeline need not hash it again.
                accepted.append(item if item.id else item.model_copy(update={"id": digest}))
        digests_in_flight.append(accepted_digests)
        yield accepted


def ingest(items: Iterable[Item], store: Store, batch_size: int = DEFAULT_BATCH_SIZE,
           on_progress: Optional[Callable[[IngestReport], None]] = None,
           map_batches: MapBatches = serial) -> IngestReport:
    """Process and store every raw article; count stored, duplicate and rejected ones.

    The same content as a stored or earlier article is a duplicate; the same given id with
    other content is rejected (storing either silently would lose data). ``map_batches``
    runs the pipeline over the batches and yields their results in input order
    (``serial``, or ``warta.run.dask.DaskRunner`` on a cluster); de-duplication and saving
    stay here, so the store has one writer and gets the batches in input order."""
    report = IngestReport()
    digests_in_flight: deque = deque()
    for results in map_batches(_accepted(items, store, batch_size, report, digests_in_flight)):
        accepted_digests = digests_in_flight.popleft()
        articles = []
        for result in results:
            if isinstance(result, Rejected):
                report.rejected.append(result)
            else:
                articles.append(result)
        if articles:
            saved = store.save(articles, [accepted_digests[a.id][0] for a in articles],
                               [accepted_digests[a.id][1] for a in articles])
            report.stored += saved.stored
            report.duplicates += saved.duplicates
        if on_progress:
            on_progress(report)
    if report.stored:
        _after_writing(store, new_articles=True)
    return report


def _after_writing(store: Store, new_articles: bool) -> None:
    if new_articles:
        # New articles join stories once per run (the clusterer's state is read and
        # written once, not per batch); a run killed before this is caught up by the next.
        from warta.corpus.story_views import assign_pending

        assign_pending(store)
    # Each new (or rewritten) article's part of its outlet's framing profile, so /outlets
    # and `warta framing` read rows instead of tokenising every article again.
    from warta.corpus import outlets

    outlets.refresh(store)
    # Each new (or rewritten) article's page, rendered once (warta.web.article_page), so
    # /articles/{id} reads a row instead of rendering the annotated text on every view.
    from warta.web import article_page

    article_page.refresh(store)
    # A store that has sentence vectors (`warta embed` once) gets them for new (and
    # rewritten) articles too, so semantic search never misses what was just stored.
    from warta import semantic

    if store.vector_count(semantic.MODEL):
        semantic.embed_store(store)


def reprocess(store: Store, batch_size: int = DEFAULT_BATCH_SIZE,
              on_progress: Optional[Callable[[ReprocessReport], None]] = None,
              map_batches: MapBatches = serial, stories_map: Optional[MapFunction] = None) -> ReprocessReport:
    """Run every stored article again from its stored input (after a model or rules
    upgrade), on the same runner as ``ingest``; rewrite those whose Article changed,
    keeping ids, ingestion order and time. Idempotent: a second run changes nothing. An
    article the new pipeline rejects keeps its stored version (counted in ``failed``).
    When anything changed, stories are rebuilt (on ``stories_map``, default this process)
    and, in a store with sentence vectors, the rewritten articles are embedded again."""
    report = ReprocessReport()
    in_flight: deque = deque()  # each batch's (id, stored JSON), in order

    def pages() -> Iterator[list[RawArticle]]:
        after = 0
        while rows := store.stored_inputs(after, batch_size):
            after = rows[-1][0]
            raws = [stored_input(article_json, record) for _, article_json, record in rows]
            in_flight.append([(raw.id, article_json) for raw, (_, article_json, _) in zip(raws, rows)])
            yield raws

    for results in map_batches(pages()):
        stored = in_flight.popleft()
        changed = []
        for result, (article_id, old_json) in zip(results, stored):
            if isinstance(result, Rejected):
                report.failed.append(Rejected(result.source, f"{article_id}: {result.reason} (kept as stored)"))
            elif result.model_dump_json() != old_json:
                changed.append(result)
        if changed:
            store.replace(changed)
        report.seen += len(stored)
        report.changed += len(changed)
        if on_progress:
            on_progress(report)
    if report.changed:
        from warta.corpus.story_views import rebuild

        try:
            rebuild(store, map_function=stories_map)
        except NotImplementedError:  # a store without stories
            pass
        _after_writing(store, new_articles=False)
    return report
