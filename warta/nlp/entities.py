"""Entities of one article: mentions from the spaCy docs, resolved to canonical names,
with the titles/roles written before person names.

Hand-written (no spaCy component does within-document alias resolution for Indonesian):
- acronym definitions: "Amerika Serikat (AS)" makes every "AS" mean "Amerika Serikat";
- the gazetteer's canonical names ("AS" -> "Amerika Serikat") when the article gives none;
- a person's short name resolves to the one full name in the article ending with it
  ("Blinken" -> "Antony Blinken");
- a short place name resolves to its one long form "<place word> name" in the article
  ("Gaza" -> "Jalur Gaza" only where "Jalur Gaza" occurs; not when "Kota Gaza" does too);
- a short organisation name resolves to the one longer name starting with it
  ("Departemen Luar Negeri" -> "Departemen Luar Negeri AS");
- consistency: a name tagged once is tagged wherever it recurs in the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span

from warta.document import Document
from warta.lang.words import PLACE_TYPE_WORDS, ROLE_HEADS
from warta.model import Entity
from warta.nlp.gazetteer import canonical_names, damaged_forms, lost_letters
from warta.settings import LOST_LETTER_MAX

LABELS = {"PER", "ORG", "LOC", "EVT"}
_ALIASES = canonical_names()  # "AS" -> "Amerika Serikat" wherever the model found "AS"
_DAMAGED = damaged_forms()    # ("LOC", "Isael") -> ("Israel", "r"): a letter lost in scraping
# A name this short that lost a letter is read as damaged only when the article has lost
# that letter everywhere (at most LOST_LETTER_MAX left): "Irak" without its "k" is "Ira", a name.
_SHORT_DAMAGED = 4
# Role heads by their first word, longest first ("wakil presiden" before "wakil").
_ROLE_HEADS: dict[str, list[tuple[str, ...]]] = {}
for _head in sorted((tuple(h.split()) for h in ROLE_HEADS), key=len, reverse=True):
    _ROLE_HEADS.setdefault(_head[0], []).append(_head)
_ROLE_WINDOW = 6  # words a role phrase may span before the name
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,9}$")
# Words skipped when taking a long name's initials: "Organisasi Kerja Sama Islam" -> OKI.
_FILLER = {"dan", "untuk", "of", "the", "and", "for", "de", "al", "bin", "el"}


@dataclass
class Mention:
    doc_index: int
    start_char: int
    end_char: int
    text: str
    label: str
    canonical: str
    span: Optional[Span] = None
    role: Optional[str] = None


def _initials(name: str) -> str:
    words = re.split(r"[\s\-]+", name)
    return "".join(w[0] for w in words if w and w.lower() not in _FILLER).upper()


def is_acronym_of(short: str, long: str) -> bool:
    """"AS" of "Amerika Serikat", "MEE" of "Middle East Eye", "Kemlu" of "Kementerian Luar Negeri"."""
    if not _ACRONYM.match(short) or len(short) >= len(long) or short[0].upper() != long[0].upper():
        return False
    caps = [c for c in short if c.isupper()]
    if len(caps) == len(short) or len(caps) >= 2:
        return "".join(caps) == _initials(long) or short.upper() == _initials(long)
    return False


def _strip_role_words(span: Span) -> Span:
    """The model sometimes tags "Presiden Joe Biden" as one person: keep the name."""
    start = span.start
    while start < span.end - 1:
        head = _role_head_at(span.doc, start)
        if head is None or not span.doc[start].text[:1].isupper():
            break
        start += head
    return span.doc[start:span.end] if start != span.start else span


def _role_head_at(doc: Doc, i: int) -> Optional[int]:
    """Length of the role head starting at token i, or None."""
    for head in _ROLE_HEADS.get(doc[i].lower_, ()):
        if i + len(head) <= len(doc) and all(doc[i + k].lower_ == w for k, w in enumerate(head)):
            return len(head)
    return None


def _role_before(span: Span) -> Optional[str]:
    """The title written before a person's name: "Presiden AS Joe Biden" -> "Presiden"."""
    doc = span.doc
    end = span.start
    # Skip a country/place qualifier right before the name ("Presiden AS Joe Biden"),
    # read from the token tags so each name costs O(window), not O(entities).
    while end > 0 and doc[end - 1].ent_type_ == "LOC":
        end -= 1
        while end > 0 and doc[end].ent_iob_ == "I":
            end -= 1
    lo = max(0, end - _ROLE_WINDOW - 3)
    best = None
    i = end - 1
    depth = 0
    words = 0
    while i >= lo and words < _ROLE_WINDOW:
        tok = doc[i]
        if tok.text == ")":
            depth += 1
        elif tok.text == "(":
            depth -= 1
        elif depth == 0 and (tok.is_punct or tok.is_space or tok.like_num):
            break
        elif depth == 0:
            words += 1
            if _role_head_at(doc, i) is not None:
                best = i
        if tok.is_sent_start:
            break  # never reach into the previous sentence
        i -= 1
    if best is None:
        return None
    role_span = doc[best:end]
    # Drop a parenthesised short form: "Menteri Luar Negeri (Menlu)".
    text = re.sub(r"\s*\([^)]*\)", "", role_span.text).strip()
    return text or None


def _collect(docs: list[Document]) -> list[Mention]:
    mentions = []
    for di, doc in enumerate(docs):
        sdoc = doc.spacy_doc
        if sdoc is None:
            continue
        for ent in sdoc.ents:
            if ent.label_ not in LABELS:
                continue
            span = _strip_role_words(ent) if ent.label_ == "PER" else ent
            canonical = ent.ent_id_ if ent.ent_id_ and span is ent else _ALIASES.get(span.text, span.text)
            mentions.append(Mention(di, span.start_char, span.end_char, span.text, ent.label_,
                                    canonical, span))
    return mentions


def _add_acronym_mentions(docs: list[Document], mentions: list[Mention]) -> dict[str, str]:
    """Find "Long Name (LN)" definitions; tag the short form where the model missed it.
    (A long name the model cut short was already grown to its acronym by the entity
    repair component, ``cleanup``.)"""
    defined: dict[str, str] = {}
    for m in list(mentions):
        if m.span is None:
            continue
        doc = m.span.doc
        e = m.span.end
        if not (e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")"):
            continue
        short = doc[e + 1]
        if not is_acronym_of(short.text, m.span.text):
            continue
        defined[short.text] = m.canonical
        if not any(x.doc_index == m.doc_index and x.start_char == short.idx for x in mentions):
            mentions.append(Mention(m.doc_index, short.idx, short.idx + len(short.text),
                                    short.text, m.label, m.canonical, doc[short.i:short.i + 1]))
    return defined


def _propagate(docs: list[Document], mentions: list[Mention], defined: dict[str, str]) -> None:
    """A name tagged once is a mention wherever else it occurs in the article: one of three
    letters or more, or a shorter acronym the article defines ("Bank Indonesia (BI)")."""
    known: dict[str, Mention] = {}
    for m in mentions:
        if (len(m.text) >= 3 or m.text in defined) and m.text[:1].isupper():
            known.setdefault(m.text, m)
    for m in list(known.values()):
        # A person named in full is later called by the surname ("Blinken").
        words = m.text.split()
        if m.label == "PER" and len(words) > 1 and len(words[-1]) >= 3 and words[-1][:1].isupper():
            known.setdefault(words[-1], m)
    if not known:
        return
    taken = {(m.doc_index, i) for m in mentions for i in range(m.start_char, m.end_char)}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(known, key=len, reverse=True)) + r")(?![\w-])")
    for di, doc in enumerate(docs):
        for match in pattern.finditer(doc.text):
            s, e = match.span()
            if any((di, i) in taken for i in range(s, e)):
                continue
            src = known[match.group(1)]
            span = doc.spacy_doc.char_span(s, e) if doc.spacy_doc is not None else None
            if span is None:
                continue
            mentions.append(Mention(di, s, e, match.group(1), src.label, src.canonical, span))
            taken.update((di, i) for i in range(s, e))


def _repair_damaged(docs: list[Document], mentions: list[Mention]) -> None:
    """A known name with one letter lost in scraping ("Ukrana") gets the name's canonical
    form; a short one only where the article lacks that letter throughout."""
    lost_here: set[str] | None = None
    for m in mentions:
        hit = _DAMAGED.get((m.label, m.text)) if m.canonical == m.text else None
        if hit is None:
            continue
        canonical, lost = hit
        if len(m.text) < _SHORT_DAMAGED:
            if lost_here is None:  # the model found the name: no length floor needed
                lost_here = lost_letters("".join(d.text for d in docs), min_text=0)
            if lost not in lost_here:
                continue
        m.canonical = canonical


def _relabel_surnames(mentions: list[Mention]) -> None:
    """"Blinken" is a person wherever the article names "Antony Blinken"."""
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PER" and len(m.text.split()) > 1}
    for m in mentions:
        from_gazetteer = m.span is not None and bool(m.span.ent_id_)
        if m.label != "PER" and m.text in surnames and not from_gazetteer:
            m.label = "PER"


def _resolve(mentions: list[Mention], acronyms: dict[str, str]) -> None:
    for m in mentions:
        if m.text in acronyms:
            m.canonical = acronyms[m.text]
    by_label: dict[str, Counter] = {}
    for m in mentions:
        by_label.setdefault(m.label, Counter())[m.canonical] += 1
    for m in mentions:
        names = by_label.get(m.label, Counter())
        c = m.canonical
        if m.label == "PER":
            longer = [n for n in names if n != c and n.endswith(" " + c)]
        elif m.label == "LOC":
            longer = [n for n in names if n != c and n.endswith(" " + c)
                      and n.split()[0].lower() in PLACE_TYPE_WORDS]
        elif m.label == "ORG":
            longer = [n for n in names if n != c and n.startswith(c + " ")]
        else:
            longer = []
        if len(longer) == 1:
            m.canonical = longer[0]


def _roles(mentions: list[Mention]) -> None:
    first_role: dict[str, str] = {}
    for m in mentions:
        if m.label == "PER" and m.span is not None:
            m.role = _role_before(m.span)
            if m.role:
                first_role.setdefault(m.canonical, m.role)
    for m in mentions:
        if m.label == "PER" and not m.role:
            m.role = first_role.get(m.canonical)


def resolve_article(docs: list[Document]) -> None:
    """Fill ``doc.entities`` for every document of one article (title and body)."""
    mentions = _collect(docs)
    acronyms = _add_acronym_mentions(docs, mentions)
    _repair_damaged(docs, mentions)
    _relabel_surnames(mentions)
    _propagate(docs, mentions, acronyms)
    _resolve(mentions, acronyms)
    _roles(mentions)
    for doc in docs:
        doc.entities = []
    for m in sorted(mentions, key=lambda m: (m.doc_index, m.start_char)):
        docs[m.doc_index].entities.append(Entity(
            text=m.text, start=m.start_char, end=m.end_char, label=m.label,
            canonical=m.canonical, role=m.role))
