"""Counts of people: which numbers count people (a person noun, a casualty cue; never
money, ages, units or listicles), their measure, qualifier and group, and how
coordinated and partitive figures share a measure."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from warta.claims.numbers import NumberMatch, find_numbers_in
from warta import settings
from warta.document import Document
from warta.claims.figures.lexicon import Lexicon
from warta.claims.figures.measures import measure_after, measure_before
from warta.claims.figures.text import NEXT_WORD, Sentence, WORD


# Matched at a position of the lowered text (``.match(low, pos)``), never on a slice of it:
# slicing the rest of a long article for every number is quadratic.
_LEBIH_AFTER = re.compile(r"[^\S\n]+lebih(?=[^\S\n])")  # "200 lebih warga"


_CLOSE_PAREN = re.compile(r"[^\S\n]*\)")


_FROM_AMONG = re.compile(r"[^\S\n]+dari[^\S\n]+(?:kalangan|golongan|unsur)(?![\w-])")


_BARE_FOLLOWER = re.compile(r"[^\S\n]*([\w-]+)?")


_NOT_A_QUALIFIER = re.compile(r"\s*(?:dari|banyak|besar|tinggi|kecil|parah|cepat|lama|baik)\b")


_NOMINALISED = re.compile(r"(?:pe|pen|pem|peng|peny|per|ke)[a-z]{3,}an")


def _own_object(low: str, cue_end: int, pos: int, lex: Lexicon) -> bool:
    """The cue governs a person noun of its own before the number: "Tangkap Tersangka
    Penembakan Tiga Pria Palestina" arrests the suspect (of a shooting), not the three men
    shot. Told by an event noun ("penembakan", "pembunuhan") between that person noun and
    the number: the number opens another phrase."""
    nouns = lex.groups.all(low, cue_end, pos)
    return bool(nouns) and any(_NOMINALISED.fullmatch(w) for w in WORD.findall(low, nouns[0][2], pos))


_CASUALTY = ("killed", "injured", "killed_or_injured", "missing")


# Money words that also measure other quantities ("sebesar 2,2 juta" of taxpayers).
_SOFT_MONEY = {"sebesar", "senilai"}


def _subject_of(low: str, num: NumberMatch, floor: int, lex: Lexicon) -> Optional[tuple[str, int, int]]:
    """A bare number predicated of people: 'WP orang pribadi karyawan diproyeksikan melapor
    sekitar 11,2 juta', 'pegawai Kemenkeu berkurang hampir 1.000'. The number follows a
    quantity word (sebanyak, mencapai, berkurang, sekitar ...) and, before it in the same
    clause (a few words, no comma or conjunction), a person noun is the subject: (group,
    start, end) of that noun."""
    if not _bare_end(low, num.end, lex):
        return None
    pred = lex.quantity_predicates.before(low, num.start, max(floor, num.start - 40))
    if pred is None:
        return None
    start = pred[1]
    while True:  # "diproyeksikan melapor sekitar": a run of predicate words
        more = lex.quantity_predicates.before(low, start, max(floor, start - 25))
        if more is None:
            break
        start = more[1]
    # Predicate words the quantity list does not hold ("melapor", "turun hampir"): at most two
    window_start = max(floor, start - 80)
    clause = low[window_start:start]
    cut = max(clause.rfind(c) for c in ",;:.\n\"“”")
    if cut >= 0:
        window_start += cut + 1
    words = list(WORD.finditer(low, window_start, start))
    if any(w.group(0) in lex.conjunctions for w in words):
        words = words[max(i for i, w in enumerate(words) if w.group(0) in lex.conjunctions) + 1:]
    hits = [h for h in lex.groups.all(low, words[0].start() if words else start, start)] if words else []
    hits = [h for h in hits if low[h[1]:h[2]] not in ("lainnya", "orang lainnya")]  # "lainnya" refers back
    if not hits:
        return None
    label, s, e = hits[0]  # the head noun opens the subject ("WP orang pribadi non karyawan atau pekerja")
    between = WORD.findall(low, e, start)
    if len(between) > 6 or any(NUMBER_START.match(w) for w in between):
        return None
    return label, s, e


NUMBER_START = re.compile(r"\d")


@dataclass
class Candidate:
    number: NumberMatch
    sentence: int
    start: int  # span incl. qualifier and counted noun
    end: int
    qualifier: str = "exact"
    measure: Optional[str] = None
    measure_how: str = ""  # after | before | noun | coordinated | partitive
    cue: str = ""  # the words that gave the measure
    partitive_of: Optional["Candidate"] = None  # "14.000 di antaranya anak-anak": part of which figure
    group: Optional[str] = None
    rate: Optional[str] = None
    where: Optional[str] = None
    source: Optional[str] = None
    as_of: Optional[str] = None
    as_of_known: bool = False
    bare: bool = False  # no counted noun after the number ("melukai 25.897", "25.897 terluka")


def _blocked(low: str, num: NumberMatch, lex: Lexicon, sent_start: int) -> bool:
    """Money, ages, units and things: not a count of people."""
    if re.search(r"\([^\S\n]*$", low[max(0, num.start - 3):num.start]) and _CLOSE_PAREN.match(low, num.end):
        return True  # "Erwin (45)": an age after a name
    after = low[num.end:num.end + 20].lstrip()
    if after.startswith(("%", "persen", "+", "x ", "×")) or lex.non_people.at(low, num.end):
        return True
    money = lex.money.before(low, num.start, max(sent_start, num.start - 12))
    if money and not (low[money[1]:money[2]] in _SOFT_MONEY and _subject_of(low, num, sent_start, lex)):
        return True  # "Rp 5 miliar", "sebesar 2 juta" (but: "pekerja bebas sebesar 2,2 juta")
    if lex.no_count_before.before(low, num.start, max(sent_start, num.start - 12)):
        return True
    return False


def _counted_noun(low: str, pos: int, lex: Lexicon) -> Optional[tuple[str, int, int]]:
    """The person noun counted by the number ending at ``pos``: (group, start, end)."""
    hit = lex.groups.at(low, pos)
    if hit is None:
        kind = _FROM_AMONG.match(low, pos)
        if kind is not None and lex.groups.at(low, kind.end()) is not None:
            return _counted_noun(low, kind.end(), lex)  # "121 dari kalangan guru"
        # "200 lebih warga": the qualifier between number and noun
        m = _LEBIH_AFTER.match(low, pos)
        if m is None or lex.groups.at(low, m.end()) is None:
            return None
        return _counted_noun(low, m.end(), lex)
    label, s, _ = hit
    e = lex.groups.at_end(low, pos)
    if label == "people":
        # A generic noun before a specific one: "3 orang wartawan", "89 jenazah warga
        # Palestina"; or before a demonym: "88 jenazah Palestina".
        more = lex.groups.at(low, e)
        if more and more[0] != "people":
            label, e = more[0], lex.groups.at_end(low, e)
        else:
            m = NEXT_WORD.match(low, e)
            if m and m.group(1) in lex.demonyms_after:
                label, e = lex.demonyms_after[m.group(1)], m.end()
            elif m and m.group(1) == "sebagai":
                # "menetapkan 8 orang sebagai tersangka": the people counted are suspects
                named = lex.groups.at(low, m.end())
                if named and named[0] != "people":
                    label = named[0]
    return label, s, e


def candidates(doc: Document, low: str, sentences: list[Sentence], lex: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    title_like = doc.is_title or (len(doc.text) < settings.FIGURE_TITLE_LIKE_CHARS and "\n" not in doc.text.strip())
    in_sentences = find_numbers_in(doc.text, [(sent.start, sent.end) for sent in sentences])
    for si, sent in enumerate(sentences):
        numbers = in_sentences[si]
        numbers = [NumberMatch(n.start + sent.start, n.end + sent.start, n.text, n.value, n.vague)
                   for n in numbers]
        starts = sorted(n.start for n in numbers)  # the next number bounds a clause (bisect: linear overall)
        prev_end = sent.start
        sentence_cands: list[Candidate] = []
        for num in numbers:
            floor = prev_end
            if num.value <= 0 or _blocked(low, num, lex, sent.start):
                continue  # a date or a unit ("sejak 7 Oktober") does not end the clause
            prev_end = num.end
            noun = _counted_noun(low, num.end, lex)
            partitive = _PARTITIVE.match(low, num.end) if noun is None else None
            if partitive:
                # "lebih dari 14.000 di antaranya anak-anak": a part of the last figure
                named = _counted_noun(low, partitive.end(), lex)
                i = bisect_right(starts, num.start) - 2  # the number before this one (linear: no scan)
                if named is None and i >= 0 and _whole_not_people(low, numbers[i], num, sent.start, lex):
                    continue  # "Dari 38 provinsi, 37 diantaranya ...": a part of provinces
                noun = (named[0] if named else "", num.end, named[2] if named else partitive.end())
            end = noun[2] if noun else num.end
            after_num = bisect_right(starts, num.end)
            limit = min(starts[after_num], sent.end) if after_num < len(starts) else sent.end
            cand = Candidate(num, si, num.start, end, bare=noun is None)
            after = measure_after(low, end, limit, lex)
            before = measure_before(low, num.start, floor, lex)
            if before and noun is not None and noun[0] != "people" and "," in low[before[2]:num.start]:
                # "Kematian Mahasiswa Unud, 19 Saksi Diperiksa": the cue's phrase ended at the
                # comma; the number counts a noun of its own
                before = None
            if before and noun is not None and _own_object(low, before[2], num.start, lex):
                before = None
            subject = _subject_of(low, num, floor, lex) if noun is None and not partitive else None
            if noun is None:
                # A bare number counts people only right before its cue ("3 Tewas") or,
                # after a cue, when no other noun follows it ("melampaui 30.000, ..."); and
                # never a bare year ("tewas pada 28 Agustus 2025", "Forum 2025").
                if re.fullmatch(r"(?:1[89]|20|21)\d\d", num.text):
                    continue
                if after and after[2] > 1:
                    after = None
                if before and not after and not _bare_end(low, num.end, lex):
                    before = None
            noun_measure = lex.nouns.at(low, num.end)
            whole = (sentence_cands or out or [None])[-1] if partitive else None
            if after:
                cand.measure, cand.measure_how = after[0], "after"
            elif before:
                cand.measure, cand.measure_how, cand.cue = before[0], "before", low[before[1]:before[2]]
            elif noun_measure:
                cand.measure, cand.measure_how = noun_measure[0], "noun"
            elif whole is not None:
                cand.measure, cand.measure_how = whole.measure, "partitive"
            if cand.cue == "korban":
                # Bare "korban" takes the sense of the tally around it: "76 orang tewas
                # ..., sehingga total korban menjadi 29.954 jiwa".
                near = [c for c in sentence_cands + out[-3:] if c.measure in ("killed", "injured")]
                if near:
                    cand.measure = near[-1].measure
                elif num.value >= settings.FIGURE_TALLY_SIZE and not num.vague:
                    cand.measure = "killed"  # "Jumlah Korban Tembus 45 Ribu": a toll this size is the dead
            if noun is None and cand.measure is None and subject is None and not (
                    _coordinated(low, sentence_cands, num) and _bare_end(low, num.end, lex)):
                continue  # a bare number with nothing about people attached
            digits = num.text[:1].isdigit()
            if not digits and num.value == 1 and not title_like and cand.measure not in _CASUALTY:
                continue  # "Seorang turis Kanada ditangkap": an article, unless a casualty is told
            if abs(num.value - round(num.value)) > 1e-6 * max(1.0, num.value) or (
                    subject is not None and num.value >= 1e9):
                continue  # "skor ... yakni 3,26", "mencapai lebih dari 27 miliar": no count of people
            if cand.measure in (None, "other_people") and not (digits or num.vague) \
                    and not _coordinated(low, sentence_cands, num):
                continue  # "seorang pejabat", "satu keluarga dievakuasi": narrative, not a count
            if cand.measure is None and noun is not None and _listicle(low, num, sent, lex, title_like):
                continue
            cand.group = _group(low, noun, cand, before if cand.measure_how == "before" else None, floor, lex)
            if partitive and not noun[0]:
                cand.group = _part_group(whole, cand) if whole else "people"
            if subject is not None and cand.group == "people":
                cand.group = subject[0]
            cand.partitive_of = whole
            cand.qualifier, qstart = _qualifier(low, num, end, lex, floor)
            cand.start = min(cand.start, qstart)
            rate = lex.rates.all(low, end, min(limit, end + settings.FIGURE_RATE_REACH))
            cand.rate = rate[0][0] if rate else None
            sentence_cands.append(cand)
        _coordinate(low, sentence_cands, lex)
        out.extend(sentence_cands)
    return out


_PARTITIVE = re.compile(r"[^\S\n]+(?:di[^\S\n]*antaranya|di[^\S\n]+antara[^\S\n]+mereka)(?:[^\S\n]+(?:adalah|merupakan))?(?![\w-])")


_FROM_BEFORE = re.compile(r"(?<![\w-])dari(?:[^\S\n]+(?:total|sekitar|sebanyak|jumlah|keseluruhan|seluruh))*[^\S\n]+$")


def _whole_not_people(low: str, whole: NumberMatch, num: NumberMatch, floor: int, lex: Lexicon) -> bool:
    """A partitive whose whole, the "dari M NOUN" phrase before it in the sentence, counts
    things that are not people: "Dari 38 provinsi, 37 diantaranya tercatat inflasi positif"
    counts provinces, "Dari 50 korban, 37 di antaranya tewas" people. Without such a phrase
    ("..., 30 di antaranya meninggal") the partitive takes the last figure as before."""
    if whole.end > num.start:
        return False
    if _FROM_BEFORE.search(low, max(floor, whole.start - 60), whole.start) is None:
        return False
    if _bare_end(low, whole.end, lex):
        return False  # "Dari 50, 37 di antaranya": no noun named
    return _counted_noun(low, whole.end, lex) is None and lex.nouns.at(low, whole.end) is None


# What the people of a figure are when a part of them suffers something else: "130
# sandera, 30 di antaranya meninggal" counts dead hostages.
_MEASURE_AS_GROUP = {"hostages": "hostages", "detained": "prisoners", "displaced": "refugees"}


def _part_group(whole: "Candidate", part: "Candidate") -> str:
    if part.measure != whole.measure and whole.measure in _MEASURE_AS_GROUP:
        return _MEASURE_AS_GROUP[whole.measure]
    return whole.group or "people"


def _bare_end(low: str, pos: int, lex: Lexicon) -> bool:
    """After a bare number: punctuation, the end, or a function word ("di Gaza")."""
    m = _BARE_FOLLOWER.match(low, pos)
    word = m.group(1)
    if not word:
        return True
    return word in lex.bare_followers


def _group(low: str, noun: Optional[tuple[str, int, int]], cand: Candidate,
           before: Optional[tuple[str, int]], floor: int, lex: Lexicon) -> str:
    """Who is counted: the counted noun; for a generic one ("36.000 orang") a specific
    group named in the cue's noun phrase ("korban tewas warga Palestina tembus ...",
    "jumlah warga Palestina yang tewas hampir ...")."""
    label = noun[0] if noun else "people"
    if label in lex.group_aliases and cand.measure in lex.group_aliases[label]:
        return "people"
    if label == "people" and before is not None:
        cue_start = before[1]
        for g, s, e in lex.groups.all(low, max(floor, cue_start - 30), cand.number.start):
            if g == "people" or cand.measure in lex.group_aliases.get(g, ()):
                continue
            if s >= cue_start or re.search(r"(?:jumlah|total|korban(?:\s+(?:tewas|jiwa))?)\s+$", low[max(0, s - 20):s]):
                return g
    return label


def _coordinated(low: str, previous: list[Candidate], num: NumberMatch) -> Optional[Candidate]:
    """The figure this number is coordinated with ('..., yang mencakup 5.600 anak dan 3.550')."""
    if not previous:
        return None
    prev = previous[-1]
    gap = low[prev.end:num.start]
    if len(gap) > settings.FIGURE_COORDINATION_GAP or any(c in gap for c in ";:.") :
        return None
    words = [w.group(0) for w in WORD.finditer(gap)]
    joiners = {"dan", "serta", "termasuk", "mencakup", "yang", "di", "antaranya", "antara", "lain",
               "terdiri", "dari", "dengan", "sebanyak", "sedikitnya", "setidaknya", "sekitar",
               "lebih", "hampir", "lainnya", "adalah", "merupakan", "atau"}
    if "," not in gap and not ({"dan", "serta", "termasuk", "mencakup", "antaranya"} & set(words)):
        return None
    if any(w not in joiners for w in words):
        return None
    return prev


def _coordinate(low: str, cands: list[Candidate], lex: Lexicon) -> None:
    """Coordinated figures share a measure: forwards ('menewaskan 13.300 orang, yang
    mencakup 5.600 anak') and backwards ('5 anak dan 3 perempuan tewas')."""
    for i, cand in enumerate(cands):
        if cand.measure is None and i > 0 and _coordinated(low, cands[:i], cand.number):
            cand.measure, cand.measure_how = cands[i - 1].measure, "coordinated"
    for i in range(len(cands) - 2, -1, -1):
        cand = cands[i]
        nxt = cands[i + 1]
        if cand.measure is None and nxt.measure and nxt.measure_how == "after" \
                and _coordinated(low, [cand], nxt.number):
            cand.measure, cand.measure_how = nxt.measure, "coordinated"
    _breakdown(low, cands, lex)
    for i, cand in enumerate(cands):
        cand.measure = cand.measure or "other_people"
        if cand.bare and cand.group == "people" and i > 0 and _ELIDED.match(low, cands[i - 1].end, cand.number.start):
            cand.group = cands[i - 1].group  # "17.711 siswa tewas dan 25.897 terluka": students too


# "<figure> [its predicate] dan|, <bare number>": the counted noun is left out.
_ELIDED = re.compile(r"(?:[^\S\n]+[\w-]+){0,2}[^\S\n]*(?:,|dan|serta)[^\S\n]*$")


def _breakdown(low: str, cands: list[Candidate], lex: Lexicon) -> None:
    """A figure broken down after "di antaranya", "yakni" ...: '85 warga mengungsi di
    beberapa titik, di antaranya pos balai Desa Yeh Kuning 10 jiwa, ..., dan Musala Darul
    Mustofa 25 jiwa' — each part has the whole's measure, until a part names its own."""
    whole: Optional[Candidate] = None
    for i, cand in enumerate(cands[1:], 1):
        prev = cands[i - 1]
        gap = low[prev.end:cand.number.start]
        if whole is None and prev.measure and lex.breakdown.all(low, prev.end, cand.number.start) \
                and not re.search(r"[.!?;]", gap):
            whole = prev
        elif whole is not None and (re.search(r"[.!?;]", gap) or lex.before.all(low, prev.end, cand.number.start)):
            whole = None
        if whole is None:
            continue
        if cand.measure is None:
            cand.measure, cand.measure_how = whole.measure, "breakdown"
        elif cand.measure != whole.measure:
            whole = None


def _listicle(low: str, num: NumberMatch, sent: Sentence, lex: Lexicon, title_like: bool) -> bool:
    """'Daftar 5 ...', '4 Musisi Dunia yang Dukung ...': a list, not a count."""
    if lex.listicle.before(low, num.start, max(sent.start, num.start - 15)):
        return True
    if title_like and not low[sent.start:num.start].strip():
        head = low[num.end:num.end + 40]
        return bool(re.match(r"\s+(?:[\w-]+\s+){1,3}yang\b", head))
    return False


def _qualifier(low: str, num: NumberMatch, end: int, lex: Lexicon, floor: int) -> tuple[str, int]:
    if num.vague:
        return "vague", num.start
    hit = lex.qual_before.before(low, num.start, max(floor, num.start - settings.FIGURE_QUALIFIER_REACH))
    if hit:
        return hit[0], hit[1]
    lebih = _LEBIH_AFTER.match(low, num.end)
    if lebih and lex.groups.at(low, lebih.end()):
        return "more_than", num.start
    after = lex.qual_after.at(low, end)
    if after and not _NOT_A_QUALIFIER.match(low, after[2]):
        return after[0], num.start
    return "exact", num.start
