"""Entity span repair after the statistical NER (a spaCy component).

The model was trained on single sentences; on scraped pages it sometimes runs an entity
across a line break ("Rafah\\n\\nPerang ...") or into a bracket ("Badan Pangan Dunia (BPD").
Such spans are cut at the first line break or opening bracket and trimmed of punctuation
at their edges (the acronym in brackets is resolved later, in ``entities``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

_EDGE = set(".,;:!?\"'“”‘’()[]-–—/+|•*")


def _repair(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    for i in range(start, end):
        if (doc[i].is_space or "\n" in doc[i].text or doc[i].text == "("
                or (i > start and doc[i].is_sent_start)):
            end = i
            break
    while start < end and doc[start].text in _EDGE:
        start += 1
    while end > start and doc[end - 1].text in _EDGE:
        end -= 1
    if end <= start:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_, span_id=span.id_)


@Language.component("warta_entity_repair")
def repair_entities(doc: Doc) -> Doc:
    ents = [s for s in (_repair(e) for e in doc.ents) if s is not None]
    doc.ents = ents
    return doc
