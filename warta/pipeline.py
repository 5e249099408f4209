"""The one place where stages are composed: RawArticle -> Article.

    clean ──▶ meta ──▶ nlp ──▶ dates ──▶ quotes ──▶ figures ──▶ framing ──▶ assemble (Article)

``STAGES`` declares each stage with what it requires and what it assigns (as spaCy
declares its components); ``check_stages`` verifies at import that every requirement is
assigned by an earlier stage. A stage works on a batch of ``Work`` items (one per article);
stages add annotations to each article's ``Document``s in local offsets, and ``assemble``
maps them back to the source once, at the end (see ``warta.document``). Runners
(``warta.run``) and benchmarks run ``STAGES`` through ``process_batch`` or stage by stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from warta import clean, framing, meta, nlp
from warta.claims import dates, figures, quotes
from warta.document import Document, OffsetMap, piece_bounds
from warta.ids import content_id
from warta.model import ANNOTATION_KINDS, Annotation, Article, CitedSource, RawArticle
from warta.settings import MAX_PIECE_CHARS


@dataclass
class Work:
    """One article on its way through the stages."""

    raw: RawArticle
    cleaned: Optional[clean.Cleaned] = None
    metadata: Optional[meta.Metadata] = None
    docs: list[Document] = field(default_factory=list)  # the title (if any), then the body
    # Wire credits found only in removed page chrome ("Reuters+ FOLLOW"), already in raw
    # offsets; kept when the documents do not name the same source.
    chrome_sources: list[CitedSource] = field(default_factory=list)


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[list[Work]], None]
    requires: tuple[str, ...]  # Work fields, or "docs.<Document field>"
    assigns: tuple[str, ...]


def per_article(step: Callable[[Work], None]) -> Callable[[list[Work]], None]:
    def run(works: list[Work]) -> None:
        for work in works:
            step(work)
    run.step = step  # benchmarks time it article by article
    return run


def per_document(annotate: Callable[[Document], None]) -> Callable[[list[Work]], None]:
    def step(work: Work) -> None:
        for doc in work.docs:
            annotate(doc)
    return per_article(step)


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
                             is_title=True, is_body=False, published=published))
        body_start = te
    elif metadata.title and metadata.title.strip() != cleaned.text.strip():
        # (A title-only record, whose text is its title, is analysed once, as the text.)
        docs.append(Document(text=metadata.title, offsets=OffsetMap.identity(len(metadata.title)),
                             field="title", is_title=True, is_body=False, published=published))
    while body_start < len(cleaned.text) and cleaned.text[body_start].isspace():
        body_start += 1
    # A title-only record's text is a headline: read as one (openers, "Speaker:" colons).
    title_only = bool(metadata.title) and metadata.title.strip() == cleaned.text.strip()
    # A long body is analysed in pieces (settings.MAX_PIECE_CHARS): time and memory per
    # character then stay bounded however long the input (issue 10).
    body = cleaned.text[body_start:]
    for s, e in piece_bounds(body, MAX_PIECE_CHARS):
        docs.append(Document(text=body[s:e], offsets=cleaned.offsets.slice(body_start + s, body_start + e),
                             is_title=title_only, published=published))
    return docs


def _clean(work: Work) -> None:
    work.cleaned = clean.clean(work.raw.raw_text, from_html=work.raw.from_html)


def _meta(work: Work) -> None:
    """Title, outlet, date, language, the documents to analyse, and cited sources."""
    work.metadata = meta.detect(work.raw, work.cleaned)
    work.docs = _documents(work.raw, work.cleaned, work.metadata)
    for doc in work.docs:
        doc.cited_sources = meta.find_cited_sources(doc)
    named = {c.name for doc in work.docs for c in doc.cited_sources}
    work.chrome_sources = [c for c in work.metadata.cited_sources_raw if c.name not in named]


def _figures(work: Work) -> None:
    figures.annotate_article(work.docs)  # a headline figure takes its place from the body


def _nlp(works: list[Work]) -> None:
    nlp.annotate([work.docs for work in works])  # one spaCy batch over every document


STAGES: tuple[Stage, ...] = (
    Stage("clean", per_article(_clean), requires=("raw",), assigns=("cleaned",)),
    Stage("meta", per_article(_meta), requires=("raw", "cleaned"),
          assigns=("metadata", "docs", "docs.cited_sources", "chrome_sources")),
    Stage("nlp", _nlp, requires=("docs",), assigns=("docs.sentences", "docs.entities")),
    Stage("dates", per_document(dates.annotate), requires=("docs.sentences",), assigns=("docs.dates",)),
    Stage("quotes", per_document(quotes.annotate), requires=("docs.sentences", "docs.entities"),
          assigns=("docs.quotes",)),
    # After quotes: a figure inside a quotation is its speaker's.
    Stage("figures", per_article(_figures),
          requires=("docs.sentences", "docs.entities", "docs.dates", "docs.cited_sources", "docs.quotes"),
          assigns=("docs.figures",)),
    # After quotes: a loaded term inside a quotation is its speaker's.
    Stage("framing", per_document(framing.annotate), requires=("docs.entities", "docs.quotes"),
          assigns=("docs.framing",)),
)


def check_stages(stages: Iterable[Stage]) -> None:
    """Every requirement assigned by an earlier stage, every assignment a field that exists,
    every annotation kind a document holds assigned by some stage: else ValueError."""
    work_fields = {f.name for f in dataclasses.fields(Work)}
    doc_fields = {f.name for f in dataclasses.fields(Document)}
    available, names = {"raw"}, set()
    for stage in stages:
        if stage.name in names:
            raise ValueError(f"stage {stage.name!r} is declared twice")
        names.add(stage.name)
        for need in stage.requires:
            if need not in available:
                raise ValueError(f"stage {stage.name!r} requires {need!r}, which no earlier stage assigns")
        for name in stage.assigns:
            owner, _, attr = name.rpartition(".")
            if not (attr in doc_fields if owner == "docs" else not owner and attr in work_fields):
                raise ValueError(f"stage {stage.name!r} assigns {name!r}, which is not a Work or Document field")
        available |= set(stage.assigns)
    unfilled = [k.name for k in ANNOTATION_KINDS if k.name in doc_fields and f"docs.{k.name}" not in available]
    if unfilled:
        raise ValueError(f"no stage assigns the annotation kind(s) {unfilled}")


check_stages(STAGES)


_MAPPED = frozenset(("start", "end", "text", "field"))
_set_slot = object.__setattr__


def _to_source(ann: Annotation, doc: Document, source: str) -> Annotation:
    """A copy of ``ann`` with its offsets (and a quote's speaker offsets) in the source.

    What ``ann.model_copy(update=...)`` makes, built directly: model_copy goes through
    ``copy.copy`` three times and pydantic's generic update (~2.6% of the pipeline for the
    ~40 annotations of an article). Same class, same ``__dict__`` (field order kept), same
    fields-set; no extra or private values exist (``extra="forbid"``, no private
    attributes). No validation either way. ``tests/test_pipeline.py`` compares it with
    model_copy on real articles."""
    s, e = doc.offsets.to_source(ann.start, ann.end)
    values = ann.__dict__.copy()
    values["start"], values["end"], values["text"], values["field"] = s, e, source[s:e], doc.field
    fields_set = ann.__pydantic_fields_set__ | _MAPPED
    # (.get: only a Quote has speaker offsets; the model has no other keys in __dict__)
    if values.get("speaker_start") is not None and values.get("speaker_end") is not None:
        values["speaker_start"], values["speaker_end"] = doc.offsets.to_source(values["speaker_start"],
                                                                               values["speaker_end"])
        fields_set |= {"speaker_start", "speaker_end"}
    cls = type(ann)
    copy = cls.__new__(cls)
    _set_slot(copy, "__dict__", values)
    _set_slot(copy, "__pydantic_extra__", None)
    _set_slot(copy, "__pydantic_fields_set__", fields_set)
    _set_slot(copy, "__pydantic_private__", None)
    return copy


def assemble(work: Work) -> Article:
    """The Article: metadata, clean text, and every annotation mapped back to the source."""
    raw, metadata, docs = work.raw, work.metadata, work.docs
    article = Article(
        id=raw.id or content_id(raw.raw_text),
        source=raw.source,
        url=raw.url,
        title=metadata.title,
        outlet=metadata.outlet,
        published=metadata.published,
        language=metadata.language,
        text="".join(d.text for d in docs if d.is_body),
        raw_text=raw.raw_text,
        boilerplate=work.cleaned.boilerplate,
    )
    for doc in docs:
        src = (metadata.title or "") if doc.field == "title" else raw.raw_text
        for kind in ANNOTATION_KINDS:  # each kind a document holds (boilerplate is the cleaner's)
            for ann in getattr(doc, kind.name, ()):
                getattr(article, kind.name).append(_to_source(ann, doc, src))
    article.cited_sources += work.chrome_sources
    return article


def process_batch(raws: list[RawArticle]) -> list[Article]:
    """One batch through every stage (raises when any article breaks a stage: the runner,
    ``warta.run.batch``, isolates the culprit)."""
    works = [Work(raw) for raw in raws]
    for stage in STAGES:
        stage.run(works)
    return [assemble(work) for work in works]


def process(raw: RawArticle) -> Article:
    return process_batch([raw])[0]


def process_many(raws: Iterable[RawArticle], batch_size: int = 32) -> Iterator[Article]:
    """Process articles in batches (the NLP stage is fastest over a batch)."""
    batch: list[RawArticle] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= batch_size:
            yield from process_batch(batch)
            batch = []
    if batch:
        yield from process_batch(batch)
