"""Entity types from head words (a spaCy component, after the entity repair).

The model labels a name by its context and spelling; the first word of a name often says
what it is regardless. Three rules, each a mechanism rather than a list of names:
- a document, permit or procedure is not a name of a person, place or organisation:
  "Nota Kesepahaman", "Telegram (Panglima TNI)", "Persetujuan Bangunan Gedung", "Surat
  Keputusan" are dropped (a head in DOCUMENT_HEADS);
- an organisation head makes an organisation: "Kemenko Infra" (not LOC), "Kementerian
  Agama", "Badan Gizi Nasional"; a run of capitalised words starting with one and ending
  in a place the model tagged is one organisation ("Tentara Nasional Indonesia", not
  "Indonesia" alone; "Kepolisian Negara Republik Indonesia");
- a person's name has no digits or slashes ("NK/6" of "NK/6/IV/2023/TNI").
Hand-written word lists: no library ships Indonesian institution and document heads.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

# First words of organisation names (lower case); words starting with "kemen" too
# (Kemenag, Kemenkeu, Kemenko, Kemendagri: ministries). State bodies only: with schools,
# banks and offices in the list NERGrit valid lost 0.6 points (its gold often calls them
# places); with this list no corpus score moves (docs/ner.md).
ORG_HEADS = frozenset("""
kementerian kemlu badan dinas komisi dewan lembaga majelis mahkamah partai tentara kepolisian
kejaksaan
""".split())
# First words of documents, permits, procedures and other things that are not names.
DOCUMENT_HEADS = frozenset("""
surat telegram nota memorandum peraturan keputusan instruksi undang-undang perpres keppres
inpres permen perda persetujuan izin sertifikat standar standard prosedur rancangan
kesepakatan perjanjian laporan dokumen formulir anggaran rencana
""".split())
# Heads of buildings and sites (lower case; "rumah sakit" as two words): "RS Al Shifa",
# "Masjid Al Aqsa", "Kamp Nuseirat" are places, not people.
FACILITY_HEADS = frozenset("""
rs rsud rsup masjid gereja pura vihara klenteng kamp bandara stasiun pelabuhan terminal
penjara lapas hotel pasar museum stadion taman bundaran monumen candi
""".split())
_MAX_RUN = 6  # capitalised words an organisation head may stand before a tagged place


def is_org_head(word: str) -> bool:
    low = word.lower()
    return low in ORG_HEADS or (low.startswith("kemen") and len(low) > 5)


def _org_run_start(doc: Doc, ent: Span) -> int | None:
    """Start of "<ORG head> <Capitalised words>" directly before ``ent``, or None."""
    i = ent.start
    while i > 0 and ent.start - i < _MAX_RUN and doc[i - 1].is_title and doc[i - 1].ent_type == 0:
        i -= 1
        if is_org_head(doc[i].text):
            return i
    return None


def _facility_at(doc: Doc, i: int) -> int:
    """Length of a facility head at token i ("RS", "Rumah Sakit"), else 0."""
    if not doc[i].text[:1].isupper():
        return 0
    if doc[i].lower_ in FACILITY_HEADS:
        return 1
    if doc[i].lower_ == "rumah" and i + 1 < len(doc) and doc[i + 1].lower_ == "sakit":
        return 2
    return 0


def _with_particle(doc: Doc, ent: Span) -> Span:
    """A name cut after an Arabic article it is glued to ("Al-" + "Shifa"): the whole word.
    Not a name of its own before the hyphen: "AS-Australia" is two places (an article is
    not written in capitals, nor tagged as a name)."""
    i = ent.start
    if (i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
            and doc[i - 2].lower_ in {"al", "el", "ar", "as", "ad", "an", "at", "ash", "asy", "ibn", "abu", "abd"}
            and not doc[i - 2].is_upper and doc[i - 2].ent_type == 0):
        return Span(doc, i - 2, ent.end, label=ent.label_)
    return ent


def _as_facility(doc: Doc, ent: Span) -> Span:
    """A person or organisation that is a building ("Imam Masjid Al Aqsa" -> the place
    "Masjid Al Aqsa"; "Al Shifa" after "RS" -> "RS Al Shifa")."""
    if ent.label_ != "LOC" and not ent.ent_id:
        for k in range(ent.start, ent.end - 1):
            if _facility_at(doc, k):
                return Span(doc, k, ent.end, label="LOC")
    before = 0
    for n in (2, 1):
        i = ent.start - n
        if i >= 0 and _facility_at(doc, i) == n and all(doc[j].ent_type == 0 for j in range(i, ent.start)):
            before = n
            break
    if before and ent.label_ in ("PER", "LOC"):
        return Span(doc, ent.start - before, ent.end, label="LOC")
    return ent


@Language.component("warta_entity_heads")
def type_by_heads(doc: Doc) -> Doc:
    out = []
    for ent in doc.ents:
        ent = _as_facility(doc, _with_particle(doc, ent))
        first = ent[0].lower_
        if first in DOCUMENT_HEADS:
            continue
        if ent.label_ == "PER" and any(any(c.isdigit() for c in t.text) or "/" in t.text for t in ent):
            continue
        if ent.label_ in ("LOC", "PER") and is_org_head(ent[0].text) and ent[0].is_title:
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif ent.label_ == "LOC":
            start = _org_run_start(doc, ent)
            if start is not None:
                ent = Span(doc, start, ent.end, label="ORG")
                for token in ent:
                    token.ent_id = 0  # a gazetteer place's canonical id no longer applies
        out.append(ent)
    doc.ents = filter_spans(out)  # a span grown backwards may now cover its neighbour
    return doc
