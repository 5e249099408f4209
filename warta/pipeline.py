"""The one place where stages are composed: RawArticle -> Article.

    ingest ──▶ clean ──▶ meta ──▶ nlp ──▶ claims (dates, figures, quotes) ──▶ Article

Each stage adds its own annotations to a ``Document`` in local offsets; this module maps
them back to the source once, at the end (see ``warta.document``).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from warta import clean, meta, nlp
from warta.claims import dates, figures, quotes
from warta.document import Document, OffsetMap
from warta.ids import content_id
from warta.model import Annotation, Article, RawArticle


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _documents(raw: RawArticle, cleaned: clean.Cleaned, metadata: meta.Metadata) -> list[Document]:
    published = _parse_date(metadata.published)
    docs: list[Document] = []
    body_start = 0
    if metadata.title_span is not None:
        # The headline is the first line of the clean text: analyse it as the title
        # document (offsets still map into the raw text), the rest as the body.
        ts, te = metadata.title_span
        docs.append(Document(text=cleaned.text[ts:te], offsets=cleaned.offsets.slice(ts, te),
                             is_title=True, published=published))
        body_start = te
    elif metadata.title and metadata.title.strip() != cleaned.text.strip():
        # (A title-only record, whose text is its title, is analysed once, as the text.)
        docs.append(Document(text=metadata.title, offsets=OffsetMap.identity(len(metadata.title)),
                             field="title", is_title=True, published=published))
    while body_start < len(cleaned.text) and cleaned.text[body_start].isspace():
        body_start += 1
    body = Document(text=cleaned.text[body_start:],
                    offsets=cleaned.offsets.slice(body_start, len(cleaned.text)),
                    published=published)
    docs.append(body)
    return docs


def _to_source(ann: Annotation, doc: Document, source: str) -> Annotation:
    s, e = doc.offsets.to_source(ann.start, ann.end)
    update = {"start": s, "end": e, "text": source[s:e], "field": doc.field}
    if getattr(ann, "speaker_start", None) is not None and getattr(ann, "speaker_end", None) is not None:
        ss, se = doc.offsets.to_source(ann.speaker_start, ann.speaker_end)
        update.update(speaker_start=ss, speaker_end=se)
    return ann.model_copy(update=update)


def _assemble(raw: RawArticle, cleaned: clean.Cleaned, metadata: meta.Metadata,
              docs: list[Document]) -> Article:
    article = Article(
        id=raw.id or content_id(raw.raw_text),
        source=raw.source,
        url=raw.url,
        title=metadata.title,
        outlet=metadata.outlet,
        published=metadata.published,
        language=metadata.language,
        text=docs[-1].text,
        raw_text=raw.raw_text,
        boilerplate=cleaned.boilerplate,
    )
    for doc in docs:
        src = (metadata.title or "") if doc.field == "title" else raw.raw_text
        article.cited_sources += [_to_source(a, doc, src) for a in doc.cited_sources]
        article.entities += [_to_source(a, doc, src) for a in doc.entities]
        article.quotes += [_to_source(a, doc, src) for a in doc.quotes]
        article.figures += [_to_source(a, doc, src) for a in doc.figures]
        article.dates += [_to_source(a, doc, src) for a in doc.dates]
    # Wire credits found only in removed page chrome ("Reuters+ FOLLOW") already carry
    # raw offsets; they count when the body did not name the same source.
    seen = {c.name for c in article.cited_sources}
    article.cited_sources += [c for c in metadata.cited_sources_raw if c.name not in seen]
    return article


def process_many(raws: Iterable[RawArticle], batch_size: int = 32) -> Iterator[Article]:
    """Process articles in batches (the NLP stage is fastest over a batch)."""
    batch: list[RawArticle] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= batch_size:
            yield from _process_batch(batch)
            batch = []
    if batch:
        yield from _process_batch(batch)


def process(raw: RawArticle) -> Article:
    return next(iter(_process_batch([raw])))


def _process_batch(raws: list[RawArticle]) -> list[Article]:
    prepared = []
    all_docs: list[list[Document]] = []
    for raw in raws:
        cleaned = clean.clean(raw.raw_text, from_html=raw.from_html)
        metadata = meta.detect(raw, cleaned)
        docs = _documents(raw, cleaned, metadata)
        for doc in docs:
            doc.cited_sources = meta.find_cited_sources(doc)
        prepared.append((raw, cleaned, metadata))
        all_docs.append(docs)
    nlp.annotate(all_docs)
    out = []
    for (raw, cleaned, metadata), docs in zip(prepared, all_docs):
        for doc in docs:
            dates.annotate(doc)
            quotes.annotate(doc)  # before figures: a figure inside a quote is its speaker's
            figures.annotate(doc)
        out.append(_assemble(raw, cleaned, metadata, docs))
    return out
