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
- consistency: a name tagged once is tagged wherever it recurs in the article, and all
  mentions of one entity get one label (the label of its full name: "AHY" is a person
  wherever "Agus Harimurti Yudhoyono (AHY)" is);
- nicknames the article defines ("Joko Widodo (Jokowi)", "Zulkifli Hasan alias Zulhas",
  "Muhaimin Iskandar atau Cak Imin") resolve to the full name, and so does a person's
  first or middle name ("Prabowo" -> "Prabowo Subianto", "Tito" -> "Muhammad Tito
  Karnavian") when one full name in the article holds it;
- an acronym the article defines as a common noun or a document ("standard operating
  procedure (SOP)", "Persetujuan Bangunan Gedung (PBG)") is not a name;
- an office used for its holder ("kata Menkeu", "Menlu RI") is a person: the holder the
  article names with that office ("Menteri Keuangan Purbaya Yudhi Sadewa"), else the office
  itself (``warta.corpus.entities`` may resolve it across the store by date).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import ahocorasick_rs
from spacy.tokens import Doc, Span

from warta.document import Document
from warta.lang.words import NAME_PREFIXES, PLACE_TYPE_WORDS, ROLE_HEADS
from warta.model import Entity
from warta.lang.casing import FUNCTION_WORDS, is_clean_name, is_common_word, lower_words
from warta.nlp.gazetteer import canonical_names, damaged_forms, lost_letters
from warta.nlp.heads import DOCUMENT_HEADS
from warta.lang.offices import HONORIFICS, OFFICES, RANKS, office_of, office_pattern
from warta.settings import LOST_LETTER_MAX

LABELS = {"PER", "ORG", "LOC", "EVT"}
COMMON_ACRONYMS = Path(__file__).parent / "data" / "common_acronyms.txt"
_ALIASES = canonical_names()  # "AS" -> "Amerika Serikat" wherever the model found "AS"
_DAMAGED = damaged_forms()    # ("LOC", "Isael") -> ("Israel", "r"): a letter lost in scraping
# A name this short that lost a letter is read as damaged only when the article has lost
# that letter everywhere (at most LOST_LETTER_MAX left): "Irak" without its "k" is "Ira", a name.
_SHORT_DAMAGED = 4
# Role heads by their first word, longest first ("wakil presiden" before "wakil").
_ROLE_HEADS: dict[str, list[tuple[str, ...]]] = {}
for _head in sorted({tuple(h.split()) for h in ROLE_HEADS} | {tuple(o.lower().split()) for o in OFFICES}
                    | {(r,) for r in RANKS},
                    key=len, reverse=True):
    _ROLE_HEADS.setdefault(_head[0], []).append(_head)
_ROLE_WINDOW = 6  # words a role phrase may span before the name
_APPOSITION = {"yakni", "yaitu", "ialah"}  # "pejabat The Fed yakni Michelle Bowman"
# A verb ends a role phrase (me-/ber-/di- forms; role heads such as "menteri" are checked first).
_VERB = re.compile(r"(?:me|ber|di|ter)[a-z]{3,}")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{1,9}$")
# Words skipped when taking a long name's initials: "Organisasi Kerja Sama Islam" -> OKI.
_FILLER = {"dan", "untuk", "of", "the", "and", "for", "de", "al", "bin", "el"}
# "Joko Widodo (Jokowi)", "Zulkifli Hasan alias Zulhas", "Saifullah Yusuf atau yang akrab
# disapa Gus Ipul"; after a plain "atau" ("or") only a name with an honorific counts
# ("Muhaimin Iskandar atau Cak Imin", not "Anies atau Ganjar").
_HONORIFIC = r"(?:Cak|Gus|Bung|Kang|Mbak|Mas|Pak|Bu|Ning|Abah|Habib|Ustaz|Kiai|Kyai|Uda|Daeng)"
_NAME = r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}"
_NICKNAME = re.compile(
    r"\s*(?:\((?P<paren>" + _NAME + r")\)"
    r"|,?\s+(?:alias|atau\s+(?:yang\s+)?(?:akrab\s+)?(?:disapa|dikenal(?:\s+dengan)?|dipanggil))\s+(?P<alias>" + _NAME + r")"
    r"|,?\s+atau\s+(?P<honor>" + _HONORIFIC + r"\s+[A-Z][\w'-]*))")
_OFFICE = office_pattern()
# Words before an office that make it someone else than its holder.
_NOT_HOLDER = {"mantan", "eks", "bekas", "calon", "capres", "cawapres", "bakal", "kandidat", "jabatan"}


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
    """The model sometimes tags "Presiden Joe Biden" or "Pak Luhut" as one person, or runs
    a name into the next word ("Hasto tengah menjalani"): keep the name."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end - 1:
        if doc[start].lower_ in HONORIFICS and doc[start].text[:1].isupper():
            start += 1
            continue
        head = _role_head_at(doc, start)
        if head is None or not doc[start].text[:1].isupper():
            break
        start += head
    for i in range(start + 1, end):
        if doc[i].is_quote:
            end = i  # "Prabowo 'Empat Mata'": the name ends at the quote
            break
    common = lower_words()
    while end - 1 > start and doc[end - 1].is_lower and is_common_word(doc[end - 1].text, common):
        end -= 1
    return doc[start:end] if (start, end) != (span.start, span.end) else span


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
        elif depth == 0 and tok.text == "," and i == end - 1:
            pass  # "Menteri Dalam Negeri (Mendagri), Muhammad Tito Karnavian"
        elif depth == 0 and (tok.is_punct or tok.is_space or tok.like_num
                             or tok.lower_ in ("dan", "serta", "atau") or tok.ent_type_ == "PER"):
            break  # a role never reaches over another person ("Presiden X dan Wakil Presiden Y")
        elif depth == 0 and tok.is_lower and tok.lower_ in FUNCTION_WORDS and (i == end - 1 or best is not None):
            # Right before the name, a function word says the office is not the person's
            # title ("pergantian Menkeu dari Sri Mulyani"); before a role already found,
            # it ends the role ("Wakil Presiden dari Presiden X": "Presiden"). Inside one
            # it may stay ("Ketua Komisi I dari fraksi PDIP Suharsono").
            break
        elif depth == 0:
            head = _role_head_at(doc, i)
            if head is None and tok.is_lower and _VERB.fullmatch(tok.lower_):
                break  # a verb: "Ketua MPR Eddy Soeparno mendukung langkah Presiden X"
            words += 1
            if head is not None:
                best = i
        if tok.is_sent_start:
            break  # never reach into the previous sentence
        i -= 1
    if best is None:
        return None
    # The role must name the person: it ends on its head or a capitalised qualifier
    # ("juru bicara KPK", "Ketua Komisi I dari fraksi PDIP"), an apposition marker aside
    # ("pejabat The Fed yakni Michelle Bowman"). A lower-case word between them makes the
    # name its object, not its holder: "Menkeu baru pilihan Prabowo", "pelatih Timnas
    # lowong setelah Kluivert".
    in_head = set()
    for k in range(best, end):
        head = _role_head_at(doc, k)
        if head:
            in_head.update(range(k, min(end, k + head)))
    while end > best + 1 and (doc[end - 1].lower_ in _APPOSITION or doc[end - 1].text == ","):
        end -= 1
    last = doc[end - 1]
    if last.is_lower and last.i not in in_head:
        return None
    role_span = doc[best:end]
    # Drop a parenthesised short form: "Menteri Luar Negeri (Menlu)", and the comma of an apposition.
    text = re.sub(r"\s*\([^)]*\)", "", role_span.text).strip().rstrip(",").strip()
    return _noun_phrase(text) or None


def _noun_phrase(role: str) -> str:
    """A role as a noun phrase: cut at a headline verb ("Menag Beberkan" -> "Menag": a
    bare stem whose me- form is a common word) and drop trailing ranks ("Kapolri
    Jenderal" -> "Kapolri")."""
    common = lower_words()
    words = role.split()
    for i, w in enumerate(words[1:], 1):
        low = w.lower()
        if low not in common and is_common_word(low, common):
            words = words[:i]
            break
    while len(words) > 1 and words[-1].lower() in RANKS:
        words.pop()
    return " ".join(words)


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
    starts = {(x.doc_index, x.start_char) for x in mentions}  # looked up, not scanned (issue 10)
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
        if (m.doc_index, short.idx) not in starts:
            starts.add((m.doc_index, short.idx))
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
    names = list(known)
    # Every occurrence of every name at once (Aho-Corasick): a regex alternation of the
    # names tries each of them at every character, quadratic on a long article (issue 10).
    # Then as that regex did: whole words only, leftmost first, the longest name there.
    # A contiguous NFA, not the DFA the library picks for few names: the same matches,
    # built ~2.5x faster, and an automaton serves one article (detik-1000: 0.125 -> 0.06 s).
    finder = ahocorasick_rs.AhoCorasick(names, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    for di, doc in enumerate(docs):
        text = doc.text
        hits = sorted((s, s - e, e, i) for i, s, e in finder.find_matches_as_indexes(text, overlapping=True)
                      if not (s > 0 and _WORDISH.match(text, s - 1)) and not _WORDISH.match(text, e))
        pos = 0
        for s, _, e, i in hits:
            if s < pos:
                continue
            pos = e
            if any((di, k) in taken for k in range(s, e)):
                continue
            src = known[names[i]]
            span = doc.spacy_doc.char_span(s, e) if doc.spacy_doc is not None else None
            if span is None:
                continue
            mentions.append(Mention(di, s, e, names[i], src.label, src.canonical, span))
            taken.update((di, k) for k in range(s, e))


_WORDISH = re.compile(r"[\w-]")


def _add_nicknames(docs: list[Document], mentions: list[Mention], defined: dict[str, str]) -> None:
    """A nickname defined right after a person's full name means that person."""
    # Per document, (start, list position, mention) in start order: the first mention in
    # list order overlapping a nickname is found by bisect, not by scanning every mention
    # for every nickname (quadratic on a long article; issue 10).
    by_doc: dict[int, list[tuple[int, int, Mention]]] = {}
    for pos, x in enumerate(mentions):
        by_doc.setdefault(x.doc_index, []).append((x.start_char, pos, x))
    for entries in by_doc.values():
        entries.sort(key=lambda t: (t[0], t[1]))
    longest = max((x.end_char - x.start_char for x in mentions), default=0)
    for m in list(mentions):
        if m.label != "PER" or len(m.text.split()) < 2 or m.span is None:
            continue
        text = docs[m.doc_index].text
        hit = _NICKNAME.match(text, m.end_char)
        if hit is None:
            continue
        group = next(g for g in ("paren", "alias", "honor") if hit.group(g))
        nick = hit.group(group)
        if nick in m.text.split() or nick == m.text:
            continue
        defined.setdefault(nick, m.canonical)
        s, e = hit.start(group), hit.end(group)
        entries = by_doc.setdefault(m.doc_index, [])
        lo = bisect_left(entries, s - longest, key=lambda t: t[0])
        hi = bisect_left(entries, e, key=lambda t: t[0])
        overlapping = [(pos, x) for _, pos, x in entries[lo:hi] if s < x.end_char]
        if overlapping:
            x = min(overlapping, key=lambda t: t[0])[1]
            x.label, x.canonical = "PER", m.canonical
        else:
            span = m.span.doc.char_span(s, e)
            if span is not None:
                mentions.append(Mention(m.doc_index, s, e, nick, "PER", m.canonical, span))
                insort(entries, (s, len(mentions) - 1, mentions[-1]), key=lambda t: (t[0], t[1]))
                longest = max(longest, e - s)


def acronym_definitions(text: str):
    """(acronym, the words it abbreviates) for every "Long Name (LN)" in ``text``."""
    for m in re.finditer(r"\(([A-Z][A-Za-z]{1,7})\)", text):
        acronym = m.group(1)
        words = re.findall(r"[\w-]+", text[max(0, m.start() - 120):m.start()])
        for n in range(1, min(len(words), 10) + 1):
            phrase = " ".join(words[-n:])
            if is_acronym_of(acronym, phrase) or _initials(phrase) == acronym.upper():
                yield acronym, phrase
                break


def is_common_definition(phrase: str) -> bool:
    """A common noun ("standard operating procedure") or a document ("Persetujuan
    Bangunan Gedung"), not a name."""
    return phrase.islower() or phrase.split()[0].lower() in DOCUMENT_HEADS


@lru_cache(maxsize=1)
def common_acronyms() -> frozenset[str]:
    """Acronyms running text defines only as common nouns or documents (data/
    common_acronyms.txt, built by training/casing.py): "SOP", "PBG", "APBN"."""
    rows = COMMON_ACRONYMS.read_text(encoding="utf-8").splitlines()
    return frozenset(r.strip() for r in rows if r.strip() and not r.startswith("#"))


def _common_acronyms(docs: list[Document]) -> set[str]:
    """Acronyms not to read as names in this article: those it defines as common nouns or
    documents, and those running text only ever defines so, unless it defines them as a
    name itself."""
    here_common, here_name = set(), set()
    for doc in docs:
        for acronym, phrase in acronym_definitions(doc.text):
            (here_common if is_common_definition(phrase) else here_name).add(acronym)
    return here_common | (common_acronyms() - here_name)


def _offices(docs: list[Document], mentions: list[Mention]) -> None:
    """Mentions of an office standing for its holder ("ujar Menag", "Menlu RI"): the
    person the article names with that office, else the office itself."""
    common = lower_words()
    holders: dict[str, Counter] = {}
    for m in mentions:
        office = office_of(m.role) if m.label == "PER" else None
        if office and m.canonical != office:
            holders.setdefault(office, Counter())[m.canonical] += 1
    # Each document's mentions by start, looked up per office hit: scanning every mention
    # for every hit was quadratic (1 MB of names and offices: minutes; issue 10). Hits
    # never overlap, so a mention this loop removes or adds lies before every later hit.
    by_doc: dict[int, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc_index, []).append(m)
    removed: set[int] = set()
    for di, doc in enumerate(docs):
        here = sorted(by_doc.get(di, []), key=lambda x: x.start_char)
        starts = [x.start_char for x in here]
        longest = max((x.end_char - x.start_char for x in here), default=0)
        for hit in _OFFICE.finditer(doc.text):
            s, e = hit.span(1)  # the office form; a following "RI" stays its own place
            after = doc.text[hit.end():hit.end() + 2]
            before = doc.text[max(0, s - 12):s].split()
            nxt = re.match(r"\s+([^\W\d_]+)", doc.text[hit.end():hit.end() + 40])
            if nxt is not None:
                at = hit.end() + nxt.start(1)
                i = bisect_left(starts, at)
                starts_mention = i < len(starts) and starts[i] == at
            else:
                starts_mention = False
            names_next = nxt is not None and nxt.group(1)[:1].isupper() and not is_common_word(
                nxt.group(1).lower(), common)
            if (after[:1] == ")" or doc.text[s - 1:s] == "(" or starts_mention or names_next
                    or re.match(r"\s*\([^)]{1,20}\)\s*,?\s*[A-Z]", doc.text[hit.end():hit.end() + 40])
                    or (before and before[-1].lower() in _NOT_HOLDER)):
                continue  # a definition, a title before a name, a foreign office, a former holder
            overlapping = [x for x in here[bisect_left(starts, s - longest):bisect_left(starts, e)]
                           if s < x.end_char and id(x) not in removed]
            if any(x.label != "PER" or x.end_char - x.start_char > e - s for x in overlapping):
                continue
            removed.update(id(x) for x in overlapping)
            office = OFFICES[hit.group(1)]
            # the person the article most often names with the office (a stray mention
            # with the same role, "Capaian" in a Title-Case headline, does not outvote)
            named = holders.get(office, Counter())
            full = Counter({n: c for n, c in named.items() if " " in n and is_clean_name(n)})
            ranked = (full or named).most_common(2)  # a full name over a lone word
            clear = ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
            canonical = ranked[0][0] if clear else office
            span = doc.spacy_doc.char_span(s, e) if doc.spacy_doc is not None else None
            mentions.append(Mention(di, s, e, doc.text[s:e], "PER", canonical, span, role=office))
    mentions[:] = [m for m in mentions if id(m) not in removed]
    # An office form the model took for a person's name but that stands for no holder
    # here ("Menteri Agama (Menag), Nasaruddin Umar": a definition) is not a mention.
    mentions[:] = [m for m in mentions if not (m.label == "PER" and m.text in OFFICES and m.role is None)]


def _one_label(mentions: list[Mention]) -> None:
    """All mentions of one entity take the label of its full name (else the commonest)."""
    labels: dict[str, Counter] = {}
    full: dict[str, str] = {}
    for m in mentions:
        labels.setdefault(m.canonical, Counter())[m.label] += 1
        if m.text == m.canonical:
            full.setdefault(m.canonical, m.label)
    for m in mentions:
        m.label = full.get(m.canonical) or labels[m.canonical].most_common(1)[0][0]


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
    # The longer name a short one stands for depends only on (label, name): found once per
    # distinct name, through indexes of the names' word suffixes, prefixes and runs
    # (comparing every mention with every name was quadratic on a long article; issue 10).
    indexes = {label: _NameIndex(names) for label, names in by_label.items()}
    chosen: dict[tuple[str, str], Optional[str]] = {}
    for m in mentions:
        key = (m.label, m.canonical)
        if key not in chosen:
            chosen[key] = _longer_name(m.label, m.canonical, indexes.get(m.label))
        if chosen[key] is not None:
            m.canonical = chosen[key]


class _NameIndex:
    """A label's names by the word suffixes ("Joko Widodo" under "Widodo"), prefixes
    ("Bank Indonesia" under "Bank") and runs of fewer words than the name holds."""

    def __init__(self, names) -> None:
        self.suffix: dict[str, list[str]] = {}
        self.prefix: dict[str, list[str]] = {}
        self.runs: dict[tuple[str, ...], list[str]] = {}
        for n in names:
            for i, ch in enumerate(n):
                if ch == " ":
                    self.suffix.setdefault(n[i + 1:], []).append(n)
                    self.prefix.setdefault(n[:i], []).append(n)
            parts = n.split()
            runs = {tuple(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
                    if j - i < len(parts)}
            for run in runs:
                self.runs.setdefault(run, []).append(n)


def _longer_name(label: str, c: str, index: Optional[_NameIndex]) -> Optional[str]:
    """The one longer name of the same label that ``c`` is short for, or None."""
    if index is None:
        return None
    if label == "PER":
        longer = [n for n in index.suffix.get(c, ()) if n != c and is_clean_name(n)]
        if len(longer) != 1:
            longer = _person_full_names(c, index) or longer
    elif label == "LOC":
        longer = [n for n in index.suffix.get(c, ()) if n != c and n.split()[0].lower() in PLACE_TYPE_WORDS]
    elif label == "ORG":
        longer = [n for n in index.prefix.get(c, ()) if n != c]
    else:
        longer = []
    return longer[0] if len(longer) == 1 else None


def _person_full_names(short: str, index: _NameIndex) -> list[str]:
    """Full names in ``index`` a short form can stand for: the one it begins (after
    "Muhammad", "Siti"...), else the one holding it as whole words."""
    words = short.split()
    if not words or not short[:1].isupper():
        return []
    # "Bisakah Donald Trump": not a full name to link to
    holding = [name for name in index.runs.get(tuple(words), ()) if is_clean_name(name)]
    begun = [n for n in holding if [p for p in n.split() if p.lower().strip(".") not in NAME_PREFIXES][:len(words)] == words]
    if len(begun) == 1:
        return begun
    return holding if len(holding) == 1 else []


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
    common = _common_acronyms(docs)
    mentions = [m for m in mentions if m.text not in common]
    acronyms = _add_acronym_mentions(docs, mentions)
    _add_nicknames(docs, mentions, acronyms)
    _repair_damaged(docs, mentions)
    _relabel_surnames(mentions)
    _propagate(docs, mentions, acronyms)
    _resolve(mentions, acronyms)
    _roles(mentions)
    _offices(docs, mentions)
    _one_label(mentions)
    for doc in docs:
        doc.entities = []
    for m in sorted(mentions, key=lambda m: (m.doc_index, m.start_char)):
        docs[m.doc_index].entities.append(Entity(
            text=m.text, start=m.start_char, end=m.end_char, label=m.label,
            canonical=m.canonical, role=m.role))
