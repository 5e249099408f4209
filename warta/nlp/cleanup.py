"""Entity span repair after the statistical NER (a spaCy component).

The model was trained on single sentences; on scraped pages it sometimes runs an entity
across a line break ("Rafah\\n\\nPerang ...") or into a bracket ("Badan Pangan Dunia (BPD").
Such spans are cut at the first line break or opening bracket and trimmed of punctuation
at their edges (the acronym in brackets is resolved later, in ``entities``). A span that
holds a capitalised word also loses lowercase common words at its start ("kesehatan Gaza"
-> "Gaza"): in cased text a name does not start with one. Name particles ("bin", "al")
and place/institution heads ("desa", "kota": NERGrit counts them in the name) stay, and
so do wholly lowercase spans (lowercased input). Measured on NERGrit valid: micro-F1
0.721 -> 0.724; trimming trailing words too cost 1.3 points.

A second component, ``warta_acronym_names``, runs last, on the model's and the gazetteer's
entities alike: a name defined by its acronym is often cut short, at a capitalised word
("Badan Nasional Penanggulangan" before "Bencana (BNPB)"), a comma or a "dan" ("Badan
Meteorologi, Klimatologi, dan Geofisika (BMKG)", "Lembaga Perlindungan Saksi dan Korban
(LPSK)"), or stops at a known name ("Indonesia" in "Indonesia Trade Promotion Center
(ITPC)"); when the acronym in brackets spells the whole run of words up to it, and not the
entity alone, the entity is extended over it (and swallows the fragments tagged inside).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.nlp.entities import is_acronym_of

_EDGE = set(".,;:!?\"'“”‘’()[]-–—/+|•*")
# Lowercase words that belong inside names, so they are never trimmed.
_NAME_PARTICLES = {"bin", "binti", "van", "von", "der", "de", "da", "di", "al", "el", "la", "le", "ibn", "abu"}
# Place and institution heads often written in lowercase before a name ("desa Sukamaju",
# "kota Gaza"); NERGrit's gold counts them as part of the name.
NAME_HEADS = {
    "desa", "kelurahan", "kampung", "dusun", "kota", "kabupaten", "kecamatan", "provinsi",
    "distrik", "jalan", "jl", "gang", "pulau", "gunung", "sungai", "danau", "teluk", "selat",
    "laut", "tanjung", "pantai", "bukit", "lembah", "museum", "stasiun", "bandara", "pelabuhan",
    "masjid", "gereja", "pura", "candi", "taman", "pasar", "universitas", "kampus", "rumah",
}


# A word a scraper glued to the next one, a lower-case word running into a camel-case one
# ("kata Shin Tae-yong dilansirdetikSportdalam", "ujar Budi kepadadetikSulsel"): a name
# ends before it. Brands written so ("detikNews", "iPhone") are short before the capital.
_GLUED = re.compile(r"[a-z]{7,}[A-Z]")


def _is_common_word(token) -> bool:
    return (token.is_alpha and token.is_lower and token.lower_ not in _NAME_PARTICLES
            and token.lower_ not in NAME_HEADS)


def _repair(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    for i in range(start, end):
        if (doc[i].is_space or "\n" in doc[i].text or doc[i].text == "("
                or (i > start and (doc[i].is_sent_start or _GLUED.match(doc[i].text)))):
            end = i
            break
    while start < end and doc[start].text in _EDGE:
        start += 1
    while end > start and doc[end - 1].text in _EDGE:
        end -= 1
    if any(doc[i].is_title or doc[i].is_upper for i in range(start, end)):
        while start < end and _is_common_word(doc[start]):
            start += 1
    if end <= start:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_, span_id=span.id_)


# Words that may join the parts of a long name before its acronym; the next capitalised
# word must follow them.
_NAME_JOINERS = {",", "dan", "&", "serta", "and", "of", "untuk", "the"}
_MAX_EXTENSION = 8  # tokens between an entity and the "(" of its acronym


def _acronym_end(span: Span) -> int | None:
    """End of the longer name running from ``span`` to an acronym in brackets that spells
    it ("Badan Meteorologi" + ", Klimatologi, dan Geofisika (BMKG)"), or None."""
    doc = span.doc
    i = span.end
    limit = min(len(doc) - 3, span.end + _MAX_EXTENSION)
    while i < limit and (doc[i].lower_ in _NAME_JOINERS or doc[i].text[:1].isupper()):
        i += 1  # a line break is neither, so the name never runs over one
    if i == span.end or i + 2 >= len(doc) or doc[i].text != "(" or doc[i + 2].text != ")":
        return None
    end = i
    while end > span.end and doc[end - 1].lower_ in _NAME_JOINERS:
        end -= 1
    acronym = doc[i + 1].text
    longer = doc[span.start:end].text
    if end > span.end and is_acronym_of(acronym, longer) and not is_acronym_of(acronym, span.text):
        return end
    return None


def _extend_to_acronyms(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    covered_until = -1
    for span in spans:
        if span.start < covered_until:
            continue  # a fragment inside a name already extended over it
        end = _acronym_end(span)
        if end is not None:
            span = Span(span.doc, span.start, end, label=span.label_)
            covered_until = end
        out.append(span)
    return out


@Language.component("warta_entity_repair")
def repair_entities(doc: Doc) -> Doc:
    doc.ents = [s for s in (_repair(e) for e in doc.ents) if s is not None]
    return doc


@Language.component("warta_acronym_names")
def extend_acronym_names(doc: Doc) -> Doc:
    before = {(e.start, e.end) for e in doc.ents}
    doc.ents = _extend_to_acronyms(list(doc.ents))
    for ent in doc.ents:
        if (ent.start, ent.end) not in before:
            # A longer name than the gazetteer's ("Indonesia" in "Indonesia Trade Promotion
            # Center"): the gazetteer's canonical id, kept on the first token, must go.
            for token in ent:
                token.ent_id = 0
    return doc
