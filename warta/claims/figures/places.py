"""Where the counted people are: places from the LOC entities and the gazetteer, each with
the role the words around give it (locative, attacker or actor, demonym, a quote's
venue, inside an organisation's name), and the choice among them."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass
from typing import Iterator, Optional

from warta.document import Document
from warta.claims.figures.lexicon import Lexicon
from warta.claims.figures.regions import refine, regions
from warta.claims.figures.text import ACTIVE_VERB, NEXT_WORD, WORD
from warta.wordscan import finditer_near, leading_words


@dataclass
class Place:
    name: str
    start: int
    end: int
    role: str  # locative | attacker | demonym | plain


# After a quotation, the attribution's circumstances ('," kata AHY dalam paparan ... di
# Kemenko Infra, Jakarta Pusat, Selasa (21/10)') name where it was said, not where the
# counted people are.
_ATTRIBUTION_TAIL = re.compile(
    r"[\"”]\s*,?\s*(?:kata|ujar|ucap|ungkap|jelas|tutur|papar|terang|tegas|imbuh|tambah|sambung|"
    r"pungkas|tandas|sebut|tulis)(?:nya)?\b[^.\n\"“”]*")


# The circumstances of a statement without a quotation before it ("kata Airlangga saat
# penyaluran ... di Kantor Pos Cikini, Jakarta", "ujar Jhon Franky, di Kejaksaan Negeri
# Sidoarjo", "beber Itida, dalam talkshow di Jakarta Pusat") and of a press event ("dalam
# konferensi pers di ...", "usai bertemu Prabowo di kompleks Istana Kepresidenan"): where
# it was said, not where the counted people are. Matched on the text: the speech verb is
# followed by a name (capitalised) or by the circumstance itself.
_STATEMENT_TAIL = re.compile(
    r"\b(?:kata|ujar|ucap|ungkap|jelas|tutur|papar|terang|tegas|imbuh|tambah|sambung|pungkas|tandas|beber)"
    r"(?:nya)?[^\S\n]*,?[^\S\n]+(?=[A-Z]|di\b|saat\b|usai\b|seusai\b|dalam\b)[^.\n\"“”]*"
    r"|\b(?i:konferensi pers|jumpa pers|talk ?show|ditemui|dikonfirmasi|saat (?:di)?temui|"
    r"(?:usai|seusai) (?:bertemu|rapat|menghadiri)|dalam (?:sambutan|paparan|acara)(?:nya)?|"
    r"keterangan tertulis|dikatakan|disampaikan)\b[^.\n\"“”]*")

# A tail ends before a count of people: "ujar ribuan orang ... di Washington" tells where
# the counted speakers are (a date or "1 Tahun" in the tail does not).
_NUMBER_IN_TAIL = re.compile(r"\d[\d.,]*(?:\s+(?:ribu|juta))?|\b(?:puluhan|ratusan|ribuan|jutaan|belasan)\b")


@lru_cache(maxsize=None)
def _first_words(pattern: re.Pattern) -> Optional[frozenset[str]]:
    """Lower-case words one of which every match of ``pattern`` begins with, in ASCII text,
    whatever case it allows: those of the pattern with every part folding case (a superset
    of what a partly case-sensitive pattern matches)."""
    return leading_words(re.compile(pattern.pattern.replace("(?i:", "(?:"), pattern.flags | re.IGNORECASE))


def _near(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, for the document-wide place patterns below that begin
    with "\\b" (Python's regex engine then tries them at every position). In ASCII text a
    match begins where one of its first words is in the lower-cased text (which folds case
    as re.I does there), so only those positions are tried (``wordscan.finditer_near``);
    other text is scanned the ordinary way."""
    words = _first_words(pattern)
    if words is None or not text.isascii():
        return pattern.finditer(text)
    return finditer_near(pattern, text, words, 0, haystack=text.lower())


def _tails(doc: Document, low: str, lex: Lexicon) -> list[tuple[int, int]]:
    spans = [m.span() for m in _ATTRIBUTION_TAIL.finditer(low)] + [m.span() for m in _near(_STATEMENT_TAIL, doc.text)]
    out = []
    for s, e in spans:
        count = next((m for m in _NUMBER_IN_TAIL.finditer(low, s + 1, e) if lex.groups.at(low, m.end(), e)), None)
        out.append((s, count.start() if count else e))
    return out


# Adverbs between a subject and its verb ("Israel telah menghancurkan").
_ADVERBS = {"telah", "sudah", "juga", "terus", "kembali", "akan", "masih", "pun", "kini", "makin",
            "semakin", "lagi", "sempat", "berulang", "kerap", "mulai", "bakal"}


# Words that look like me- verbs but are not ("meski", "menurut", "mereka").
_NOT_VERBS = {"meski", "meskipun", "menurut", "mengapa", "melalui", "menuju", "mereka", "menjelang",
              "mendatang", "melawan", "mengenai", "menyusul"}


def _actor(low: str, start: int, end: int, lex: Lexicon) -> bool:
    """A place that opens its clause right before an active verb is its subject ("Israel
    Serang Gaza", "..., Israel telah menghancurkan ..."): who acts, not where the counted
    people are."""
    clause = max(low.rfind(c, 0, start) for c in ",.:;!?\n")
    if len(WORD.findall(low, clause + 1, start)) > 1:
        return False
    pos = end
    for _ in range(3):
        m = NEXT_WORD.match(low, pos)
        if m is None:
            return False
        word = m.group(1)
        if word in _ADVERBS:
            pos = m.end()
            continue
        if word in _NOT_VERBS or word in lex.conjunctions:
            return False
        return bool(ACTIVE_VERB.match(word)) or word in lex.actor_verbs
    return False


def find_places(doc: Document, low: str, lex: Lexicon) -> list[Place]:
    """Places from the NLP stage's LOC entities and the figures gazetteer, with the role
    the words around give them. A place inside an organisation's or a cited outlet's name
    ("Kementerian Pendidikan Palestina", "Saudi Gazette") is no place of the text."""
    spans: dict[tuple[int, int], str] = {}
    for label, s, e in lex.places.all(low, 0, len(low)):
        spans[(s, e)] = label
    canon = lex.places.label_of
    for ent in doc.entities:
        if ent.label != "LOC":
            continue
        if not any(ch.isupper() for ch in ent.text) and ent.text.lower() not in canon:
            continue  # "jalan tol", "kereta api" tagged a place: a name is capitalised
        if _GENERIC_SITE.fullmatch(ent.text) or _GENERIC_SITE.fullmatch(ent.canonical):
            continue  # (also a short form for one: "PP" for "Pondok Pesantren")
        if _short_form_of_a_name(ent.text, doc.text, lex):
            continue  # "Program Pengelolaan Penyakit Kronis (Prolanis)": a programme, not a place
        inner = [k for k in spans if ent.start <= k[0] and k[1] <= ent.end]
        known = _known_region_in(ent.text, doc.text)
        if known is not None:
            # "Puskesms Kairatu", "TN Komodo", "Stadion Teladan Medan", or a title run-on
            # "Maluku Keracunan MBG": the region of Indonesia the name holds is the place.
            for key in [k for k in spans if k[0] < ent.end and ent.start < k[1]]:
                del spans[key]
            spans[(ent.start + known[0], ent.start + known[1])] = known[2]
            continue
        if doc.is_title and inner and ent.end - ent.start > max(e - s for s, e in inner):
            continue  # a title-case run-on ("Gaza Akibat Kelaparan Bertambah"): the known place in it
        if doc.is_title and not inner and not (lex.locative.before(low, ent.start, max(0, ent.start - 12))
                                               or lex.demonym.before(low, ent.start, max(0, ent.start - 25))):
            continue  # in Title Case any capitalised run looks like a name: "Korban Nyaris"
        # The gazetteer's name for the words themselves first: "Gaza" stays Gaza even when
        # the entity links it to "Kota Gaza".
        name = canon.get(ent.text.lower()) or canon.get(ent.canonical.lower(), ent.canonical)
        # Drop gazetteer spans the entity covers; the entity's canonical name wins.
        for key in [k for k in spans if k[0] < ent.end and ent.start < k[1]]:
            del spans[key]
        office = _LOCAL_OFFICE.match(doc.text, ent.start, ent.end)
        if office and office.end() == ent.end:
            # "SMAN 1 Tabanan" tagged a place: the school stands in its town, the place a
            # reader gives its people
            spans[office.span(1)] = office.group(1)
            continue
        cut = re.search(r"[^\S\n]+\d", ent.text)
        if cut:  # "Puskesms Kairatu 158 orang" tagged a place: the count is no part of its name
            if cut.start():
                spans[(ent.start, ent.start + cut.start())] = ent.text[:cut.start()]
            continue
        parts = _HYPHENATED.fullmatch(ent.text)
        if parts:  # "Monas-DPR": two places joined by a hyphen, each a place of its own
            a, b = parts.span(1), parts.span(2)
            spans[(ent.start + a[0], ent.start + a[1])] = parts.group(1)
            spans[(ent.start + b[0], ent.start + b[1])] = parts.group(2)
            continue
        spans[(ent.start, ent.end)] = name
    names = [(e.start, e.end) for e in doc.entities
             if e.label == "ORG" and not _FACILITY.match(low, e.start)]
    tails = _tails(doc, low, lex)
    outlets = [(c.start, c.end) for c in doc.cited_sources]
    for ent in doc.entities:
        # "SMPN 33 Banjarmasin", "Polres Sekadau", "Kejari Lembata": local offices are
        # named after their town, the place of what they report.
        m = _LOCAL_OFFICE.match(doc.text, ent.start, ent.end) if ent.label == "ORG" else None
        if m and m.end() == ent.end and not any(k[0] < ent.end and ent.start < k[1] for k in spans):
            spans[(m.start(1), m.end(1))] = m.group(1)
    if not doc.is_title:  # (in Title Case the next word is capitalised too: "Kejari Sikka Tetapkan")
        for m in _near(_CAPITAL, doc.text):
            # "turun ke jalanan ibu kota Lima": a capital named after "ibu kota" is a city,
            # also where the NER misses it (Lima is also the word for five)
            s, e = m.span(1)
            if not any(k[0] < e and s < k[1] for k in spans):
                spans[(s, e)] = m.group(1)
        for m in _near(_REGENCY_OFFICE, doc.text):
            # The NER may tag only the office ("Kejaksaan Negeri (Kejari) Sikka" -> ORG "Kejari"):
            # a capitalised name right after an office word is still its town.
            s, e = m.span(1)
            if not any(k[0] < e and s < k[1] for k in spans):
                spans[(s, e)] = m.group(1)
    missions = [m.span(1) for m in _MISSION.finditer(doc.text)]
    origins = [m.span() for m in _near(_ORIGIN, doc.text)]
    out = []
    for (s, e), name in sorted(spans.items()):
        inside = lambda spans_: any(ns <= s and e <= ne and (ns, ne) != (s, e) for ns, ne in spans_)  # noqa: E731
        if inside(outlets):
            continue  # "Saudi Gazette" names an outlet, not a place of the story
        role = "plain"
        if any(ms <= s and e <= me for ms, me in missions):
            role = "mission"  # "KBRI Phnom Penh": the embassy's seat, not where the citizens it counts are
        elif inside(names):
            role = "org"  # "Departemen Kepolisian New York": the last resort of its own sentence
        elif lex.attacker.before(low, s, max(0, s - 25)):
            role = "attacker"
        elif lex.demonym.before(low, s, max(0, s - 25)) or (
                name.lower() in lex.countries and lex.groups.before(low, s, max(0, s - 25))):
            role = "demonym"  # "warga Palestina"; a country after any counted noun: "siswa Palestina"
        elif any(ts <= s < te for ts, te in tails):
            role = "venue"
        elif any(os_ <= s < oe for os_, oe in origins):
            role = "origin"  # "150 siswa dari berbagai daerah di Provinsi Banten": where they came from
        elif _STREET.match(doc.text, s):
            role = "street"  # "di Jalan Indrapura": finer than any level a reader gives
        elif lex.locative.before(low, s, max(0, s - 12)):
            role = "locative"
        elif _actor(low, s, e, lex):
            role = "attacker"
        out.append(Place(name, s, e, role))
    return out


def _short_form_of_a_name(name: str, text: str, lex: Lexicon) -> bool:
    """A name no gazetteer knows that the article brings in as the bracketed short form of
    a longer name which is no place ("Program Pengelolaan Penyakit Kronis (Prolanis)",
    "Lembaga Swadaya Masyarakat (LSM)"): a programme or a body, whatever the NER tags it.
    A place's own short form ("Jakarta Pusat (Jakpus)") follows a known place and stays."""
    if f"({name})" not in text or known_place(name, lex):
        return False  # (the pattern below needs the bracketed name: most texts are not scanned)
    for m in re.finditer(rf"([A-Z][\w-]*(?:[^\S\n]+[\w-]+){{0,5}})[^\S\n]*\({re.escape(name)}\)", text):
        words = m.group(1).split()
        if not any(known_place(" ".join(words[i:j]), lex)
                   for i in range(len(words)) for j in range(i + 1, len(words) + 1)):
            return True
    return False


NOT_WHERE = ("attacker", "demonym", "venue", "org", "mission", "street")


# Where counted people came from is not where they are: "Para santri itu berasal dari ...
# Sidoarjo, Mojokerto, hingga Kediri", "menampung 150 siswa dari berbagai daerah di Provinsi
# Banten" (people who came from elsewhere are where the event or school is).
_ORIGIN = re.compile(r"\b(?i:berasal\s+dari|(?:datang\s+)?dari\s+(?:berbagai|beberapa|sejumlah|pelbagai)\s+"
                     r"(?:daerah|wilayah|kota|kabupaten|provinsi|negara)|dari\s+luar\s+(?:daerah|kota|negeri))"
                     r"\b[^.\n\"“”]*")

# A street names a spot finer than the regency or city a reader gives: in its sentence it is
# the last resort, after an office's or a building's place ("Gedung DPRD Jawa Timur di Jalan
# Indrapura").
_STREET = re.compile(r"(?:Jalan|Jl\.?|Jln\.?)[^\S\n]")


def blank_origins(text: str) -> str:
    """``text`` with the places people came from blanked out (offsets kept)."""
    out, last = [], 0
    for m in _near(_ORIGIN, text):  # (what _ORIGIN.sub(<spaces>, text) makes: it never matches "")
        out += [text[last:m.start()], " " * (m.end() - m.start())]
        last = m.end()
    return "".join(out) + text[last:]


# A facility's kind alone ("Pondok Pesantren (PP) Tebuireng" tagged "Pondok Pesantren",
# "di Asrama Balai Latihan ...", "di Sekolah Dasar") names no place: the name after it does.
_GENERIC_SITE = re.compile(r"(?i:pondok(?:\s+pesantren)?|pesantren|asrama|sekolah(?:\s+(?:dasar|menengah|rakyat))?|"
                           r"gedung|kantor|balai|aula|lapangan|masjid|gereja|rumah\s+sakit|kampus|pasar|terminal|"
                           r"stasiun|bandara|pelabuhan)")


def known_place(name: str, lex: Lexicon) -> bool:
    """A place one of the gazetteers knows: the figures lexicon's, a country, a region of Indonesia."""
    low = name.lower()
    return low in lex.places.label_of or name in lex.places.label_of.values() or low in lex.countries \
        or regions().in_indonesia(name)


def containers(places: list[Place], text: str, lex: Lexicon) -> dict[str, str]:
    """What the article's own addresses say a place lies in: "di Times Square, New York
    City" puts Times Square in New York City; "Desa Serang, Kecamatan Karangreja" puts the
    village in its district. Only for places no gazetteer knows (a landmark, a village),
    and never up to a country or a province (the level a reader gives is the city)."""
    table = regions()
    out: dict[str, str] = {}
    for a, b in zip(places, places[1:]):
        if a.name in out or known_place(a.name, lex) or a.name == b.name:
            continue
        if not _ADDRESS_COMMA.fullmatch(text, a.end, b.start):
            continue
        if b.name.lower() in lex.countries or table.level(b.name) in ("province", "country"):
            continue
        out[a.name] = b.name
    return out


_ADDRESS_COMMA = re.compile(r",[^\S\n]*(?:(?i:kota|kabupaten|kab\.|kecamatan|kec\.)[^\S\n]+)?")


@lru_cache(maxsize=512)
def _known_region_in(name: str, text: str) -> Optional[tuple[int, int, str]]:
    """For a place name the hierarchy does not know, a regency or district of Indonesia at
    its end ("Stadion Teladan Medan", "Puskesms Kairatu") or start ("Maluku Keracunan MBG",
    a title-case run-on), as (start, end, name) within ``name``. A district counts only
    when the article names its regency (district names repeat across the country)."""
    table = regions()
    if table.level(name) is not None:
        return None
    words = list(re.finditer(r"[A-Z][\w'-]*", name))
    if len(words) < 2:
        return None
    for n in (3, 2, 1):
        if n >= len(words):
            continue
        for part in (words[-n:], words[:n]):
            start, end = part[0].start(), part[-1].end()
            piece = name[start:end]
            level = table.level(piece)
            if level in ("province", "regency") or (level == "district" and refine(piece, text) != piece):
                return start, end, piece
    return None


# Schools, clinics and offices named after their place; a madrasah or NU school too ("MINU Trate
# Putra", "MTs NU Trate": Trate, its Putra/Putri not part of the place).
_LOCAL_OFFICE = re.compile(r"\b(?i:sdn?|smpn?|sman?|smkn?|mts|mtsn|minu?|sdnu|smpnu|smknu|rsud|puskesmas|polres|"
                           r"polresta|polrestabes|polsek|"
                           r"kejari|kejati|pn|lapas|rutan|kodim|pemkab|pemkot|dinas\s+\w+|kejaksaan\s+negeri|"
                           r"kejaksaan\s+tinggi|pengadilan\s+negeri)\s+(?:\([A-Z][\w-]{1,12}\)\s+)?(?:\d+\s+)?(?:NU\s+)?"
                           r"([A-Z][\w-]+(?:\s+(?!Putr[ai]\b)[A-Z][\w-]+)?)(?:\s+Putr[ai]\b)?")


# Offices of a regency or city ("Kejaksaan Negeri (Kejari) Sikka", "Polres Sekadau"), named
# after it; a school or clinic is named after its neighbourhood ("Puskesmas Basirih Baru").
_REGENCY_OFFICE = re.compile(r"\b(?i:polres|polresta|polrestabes|kejari|kejati|pemkab|pemkot|kodim|"
                             r"kejaksaan\s+negeri|kejaksaan\s+tinggi|pengadilan\s+negeri)\s+"
                             r"(?:\([A-Z][\w-]{1,12}\)\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")


# A country's mission abroad is named after the city it sits in ("Kedutaan Besar RI (KBRI)
# Phnom Penh", "KJRI Jeddah"); the citizens it reports on are elsewhere in that country.
_MISSION = re.compile(r"\b(?:KBRI|KJRI|Kedubes(?:\s+RI)?|Kedutaan\s+Besar(?:\s+RI|\s+Republik\s+Indonesia)?|"
                      r"Konsulat\s+Jenderal(?:\s+RI)?)(?:[^\S\n]+\([A-Z]{2,6}\))?[^\S\n]+"
                      r"([A-Z][\w-]+(?:[^\S\n]+[A-Z][\w-]+)?)")


_CAPITAL = re.compile(r"\bibu\s?kota\s+(?:negara\s+|provinsi\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")


_HYPHENATED = re.compile(r"([A-Z][\w]+(?:\s[A-Z][\w]+)?)-([A-Z][\w]+(?:\s[A-Z][\w]+)?)")


# An organisation named after a building is where it stands ("Kantor Pos Gaza", "RS
# Indonesia di Gaza"); a ministry or an outlet named after a country is not.
_FACILITY = re.compile(r"(?:kantor|rumah sakit|rs|rsud|puskesmas|klinik|sekolah|sdn?|smpn?|sman?|smkn?|mts|kampus|"
                       r"universitas|kamp|masjid|gereja|gedung|pasar|bandara|pelabuhan|penjara|lapas|rutan|"
                       r"polres|polsek|polda|polrestabes|kodim|kejari|kejati)\b")


def where_in(places: list[Place], start: int, end: int, pos: int,
              own: tuple[int, int] = (0, 0), lex: Optional[Lexicon] = None,
              quote_marks: Optional[list[int]] = None) -> Optional[str]:
    """The place in [start, end) nearest ``pos``, a locative first; then a place named in
    the counted noun itself ("38 Ribu Warga Gaza"), unless a country ("warga Palestina"
    is a nationality, not a place); then any other. A place across a quotation mark from
    the figure (sorted ``quote_marks``) comes after those on its side: '"... agen pencegahan
    narkotika di Indonesia," terangnya di hadapan ratusan santri PP Tebuireng, Jombang' —
    the quotation and its attribution are two voices."""
    def own_place(p: Place) -> bool:
        return (p.role == "demonym" and own[0] <= p.start <= own[1] + 1
                and not (lex and p.name.lower() in lex.countries))

    def across_quote(p: Place) -> bool:
        if not quote_marks:
            return False
        a, b = sorted((p.start, pos))
        return bisect_left(quote_marks, b) > bisect_left(quote_marks, a)

    usable = [p for p in places if start <= p.start < end
              and p.role != "origin" and (p.role not in NOT_WHERE or p.role in ("org", "street") or own_place(p))]
    if not usable:
        return None
    usable.sort(key=lambda p: (p.role == "street", p.role == "org", across_quote(p), p.role != "locative",
                               not own_place(p), abs(p.start - pos)))
    return usable[0].name
