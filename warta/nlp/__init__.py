"""NLP stage: sentences and named entities (canonicalised within an article).

``load()`` returns the spaCy ``Language`` (cached): Indonesian tokenizer with news tweaks,
the rule sentence segmenter, the trained NER shipped in ``warta/nlp/model`` (when present)
and the gazetteer. spaCy users can call it directly: ``warta.nlp.load()(text)``.
See docs/ner.md for how the model was trained and measured.
"""

from __future__ import annotations

import gc
from functools import lru_cache
from typing import Iterator
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from thinc.api import NumpyOps

from spacy.attrs import IDX, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

from warta.document import Document
from warta.settings import NLP_BATCH_CHARS
from warta.nlp import cleanup as _cleanup  # noqa: F401  (registers "warta_entity_repair", "warta_acronym_names")
from warta.nlp import heads as _heads  # noqa: F401  (registers "warta_entity_heads")
from warta.nlp import namelists as _namelists  # noqa: F401  (registers "warta_name_lists", a model input)
from warta.nlp import sentences as _sentences  # noqa: F401  (registers "warta_sentences")
from warta.nlp.casing import sentence_case
from warta.nlp.entities import resolve_article
from warta.nlp.gazetteer import patterns  # also registers "warta_gazetteer"
from warta.nlp.layers import one_blas_thread, use_fast_forwards
from warta.nlp.parser import hold_gil_in_ner
from warta.memory import keep_freed_memory
from warta.nlp.sentences import segment, sentence_spans
from warta.nlp.tokenizer import LAZY_TOKENIZER_CONFIG, customize

MODEL_DIR = Path(__file__).parent / "model"
# spaCy refuses texts over 1M characters by default; a scraped page can be longer, and
# the CNN's memory grows linearly with length.
MAX_CHARS = 20_000_000
GC_YOUNG_THRESHOLD = 10_000  # see load()


def build(model_dir: Path | None = MODEL_DIR, gazetteer: bool | str = True) -> Language:
    """Assemble the pipeline: trained NER from ``model_dir`` (if it holds one) + rules.

    ``gazetteer``: True reconciles the model with the gazetteer (``warta_gazetteer``);
    False: the model alone; "ruler-before"/"ruler-after": spaCy's EntityRuler there
    (kept to reproduce the measurements in docs/ner.md)."""
    if model_dir is not None and (Path(model_dir) / "config.cfg").exists():
        nlp = spacy.load(model_dir, exclude=["entity_ruler"], config=LAZY_TOKENIZER_CONFIG)
    else:
        nlp = spacy.blank("id", config=LAZY_TOKENIZER_CONFIG)
    customize(nlp)
    _multiply_with_numpy(nlp)
    hold_gil_in_ner(nlp)  # same entities, ~40% less CPU in the NER (warta/nlp/parser.py)
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("warta_sentences", first=True)
    has_ner = "ner" in nlp.pipe_names
    if has_ner:
        nlp.add_pipe("warta_entity_repair", after="ner")
    if gazetteer == "ruler-before" and has_ner:
        # spaCy's EntityRuler before the model: gazetteer spans are fixed (measured only).
        nlp.add_pipe("entity_ruler", before="ner").add_patterns(patterns())
    elif gazetteer == "ruler-after" or (gazetteer == "ruler-before" and not has_ner):
        # EntityRuler after the model: it only fills gaps (measured only).
        nlp.add_pipe("entity_ruler", config={"overwrite_ents": False}).add_patterns(patterns())
    elif gazetteer:
        nlp.add_pipe("warta_gazetteer")
    if has_ner or gazetteer:
        nlp.add_pipe("warta_entity_heads")  # model and gazetteer names alike
        nlp.add_pipe("warta_acronym_names")  # last: grows model and gazetteer names alike
    return nlp


class _Ops(NumpyOps):
    """thinc's NumpyOps with the hash embeddings' row sums done by numpy.

    ``gather_add`` (each token's 4 hashed rows of each embedding table, summed) calls
    BLIS's ``saxpy`` once per row in thinc's kernel: 4 tables x 4 rows x every token,
    each call paying BLIS's per-call dispatch (BLIS's generic kernels here, see
    docs/performance.md). numpy's ``take`` gathers the rows and adds them in the same order
    (0 + r0 + r1 + r2 + r3 in float32), ~35% faster; the same bits: starting from r0 instead
    of from 0 can only change the sign of a zero, which the final ``+ 0.0`` resets as
    thinc's sum from +0.0 has it (a sum from +0.0 is never -0.0)."""

    def gather_add(self, table, indices):
        if (table.ndim != 2 or indices.ndim != 2 or table.dtype != numpy.float32
                or 0 in indices.shape or table.shape[1] == 0):
            return super().gather_add(table, indices)
        rows = numpy.take(table, indices.T, axis=0)  # (keys per token, tokens, width)
        out = rows[0].copy()
        for k in range(1, rows.shape[0]):
            out += rows[k]
        out += 0.0
        return out


def _multiply_with_numpy(nlp: Language) -> None:
    """thinc multiplies matrices with BLIS by default; numpy's BLAS (OpenBLAS) does the
    tok2vec's 192x192 layers ~2.7x faster on this machine's CPUs, the NLP stage ~20% (docs/performance.md).
    The hash embeddings' row sums also go through numpy (``_Ops``)."""
    ops = _Ops(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops
            use_fast_forwards(model)  # maxout and layer norm in fewer passes, same bits


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline (built once per process). A process that analyses articles
    keeps the memory of one batch for the next (``warta.memory``) and multiplies on its
    own thread (``layers.one_blas_thread``)."""
    keep_freed_memory()
    one_blas_thread()  # unless the environment says otherwise (warta.nlp.layers)
    nlp = build()
    # The model's ~1M objects live as long as the process: moved out of the collector's
    # reach, so its full collections no longer walk them (~0.2 s of collections per 1,000
    # detik articles; gc.callbacks timing in docs/performance.md).
    gc.freeze()
    # Collect the youngest generation after 10,000 net new container objects instead of
    # Python's 700: an article's Docs, spans and tokens are freed by reference counting
    # long before that, so collections came ~750 times per 1,000 detik articles and
    # mostly walked live objects (0.13-0.15 -> 0.04-0.05 s of collections, gc.callbacks;
    # peak memory unchanged, 362 MB; cycles are still collected, only in larger rounds).
    young, *older = gc.get_threshold()
    if 0 < young < GC_YOUNG_THRESHOLD:
        gc.set_threshold(GC_YOUNG_THRESHOLD, *older)
    return nlp


def _with_text(sdoc: Doc, text: str, recased_text: str) -> Doc:
    """``sdoc`` (analysed from ``recased_text``, a same-length recased copy of ``text``)
    rebuilt over ``text`` itself: same tokens, sentences and entities (with their
    gazetteer ids). A word ``casing`` wrote in lower case is a common word, so an entity
    does not begin or end with one ("Netanyahu apresiasi AS": "Netanyahu", not "Netanyahu
    Apresiasi"). Half of detik's bodies and nearly every title go through here, so the
    tokens are read as one array (``Doc.to_array``) rather than attribute by attribute
    (~40% of this function's time)."""
    idx, length, space, sent_start = sdoc.to_array([IDX, LENGTH, SPACY, SENT_START]).T.tolist()
    words = [text[i:i + n] for i, n in zip(idx, length)]
    # SENT_START is 1 (starts a sentence), -1 (does not; uint64 here) or 0 (unset):
    # is_sent_start True, False or None, of which Doc was given bool() as before.
    out = Doc(sdoc.vocab, words=words, spaces=[s != 0 for s in space], sent_starts=[s == 1 for s in sent_start])
    recased = [recased_text[i:i + n] != w for i, n, w in zip(idx, length, words)]
    ents = []
    for e in sdoc.ents:
        start, end = e.start, e.end
        while start < end and recased[start]:
            start += 1
        while end > start and recased[end - 1]:
            end -= 1
        if end > start:
            ents.append((Span(out, start, end, label=e.label_, span_id=e.id_), sdoc[e.start].ent_id_))
    out.ents = [span for span, _ in ents]
    for span, ent_id in ents:
        span[0].ent_id_ = ent_id
    return out


def annotate(articles: list[list[Document]], batch_size: int = 64, nlp: Language | None = None) -> None:
    """Annotate every document of every article (title and body) in one batch. Title-Case
    lines are read in sentence case (``casing``) and mapped back to the text as written."""
    nlp = nlp or load()  # another pipeline (``build``) only to measure it
    docs = [doc for article in articles for doc in article]
    texts = [sentence_case(d.text) for d in docs]
    # spaCy batches by count; a batch of long pieces would hold the working memory of all
    # of them at once, so batches are bounded by characters too (settings.NLP_BATCH_CHARS).
    sdocs = (sdoc for group in _char_batches(texts, NLP_BATCH_CHARS, batch_size)
             for sdoc in nlp.pipe(group, batch_size=len(group)))
    for doc, text, sdoc in zip(docs, texts, sdocs):
        if text != doc.text:
            sdoc = _with_text(sdoc, doc.text, text)
        doc.spacy_doc = sdoc
        doc.sentences = sentence_spans(sdoc, doc.text)  # sdoc's text is doc.text
    for article in articles:
        resolve_article(article)


def _char_batches(texts: list[str], max_chars: int, max_count: int) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (size + len(text) > max_chars or len(batch) >= max_count):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding [start, end) (for showing a stored mention)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    doc = segment(load().make_doc(text[line_start:line_end]))
    for s, e in sentence_spans(doc):
        if s <= start - line_start < e or (s < end - line_start <= e):
            return doc.text[s:e]
    return text[line_start:line_end].strip()
