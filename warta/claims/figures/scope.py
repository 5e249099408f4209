"""A figure's scope: one event ('incident') or a running total ('cumulative'), from the
words of its sentence (``Figure.scope``; `warta figures --check` compares only
cumulative tolls)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from warta import settings
from warta.claims.figures.counts import Candidate
from warta.claims.figures.lexicon import Lexicon
from warta.claims.figures.text import Sentence


CASUALTIES = ("killed", "injured", "killed_or_injured", "missing")


def _clause_end(low: str, pos: int, end: int) -> int:
    """Where the figure's clause ends: the next comma, semicolon or dash."""
    m = re.compile(r"[,;]|\s[-–—]\s").search(low, pos, end)
    return m.start() if m else end


def scope_of(low: str, cand: Candidate, sent: Sentence, lex: Lexicon, past_event: bool = False,
             disaster: bool = False, cache: Optional[dict] = None) -> Optional[str]:
    """'cumulative' (a running total), 'incident' (one event) or None (a standing count:
    staff, members, capacity), from the words of the figure's sentence. ``past_event``: the
    sentence dates what it tells before the week of publication ("menyerang Israel pada 7
    Oktober 2023, yang mengakibatkan kematian 1.219 orang"); ``disaster``: the article is
    about one natural disaster or accident (its title or lead names it); ``cache``: one dict
    per document, so that each sentence's cues are found once, not once per figure."""
    cache = {} if cache is None else cache

    def said(kind: str, start: int = sent.start, end: int = sent.end) -> bool:
        found = _cues(low, sent, lex, kind, cache)
        i = bisect_left(found, start)
        return i < len(found) and found[i] < end

    standing = _standing(low, cand, sent, lex, cache)
    # A running-total word before the figure, or after it in its own clause: "teriak ribuan
    # orang di Washington, tempat pemerintah federal ditutup selama minggu ketiga" counts
    # no period of protest.
    if not standing and said("tally", sent.start, _clause_end(low, cand.end, sent.end)):
        return "cumulative"
    if past_event and said("event"):
        return "incident"  # a dated past attack: its own toll, however large
    if cand.measure in CASUALTIES and cand.number.value >= settings.FIGURE_TALLY_SIZE and not cand.number.vague:
        return "cumulative"
    if cand.measure == "displaced":
        return "incident" if said("event") or disaster else "cumulative"  # people flee over days
    if said("event"):
        return "incident"
    if cand.group in lex.scope_by_group:
        return lex.scope_by_group[cand.group]
    if not standing and (said("period") or (cand.measure in CASUALTIES and said("war"))):
        return "cumulative"
    if cand.measure in CASUALTIES + ("detained", "released", "hostages"):
        return "incident"
    if disaster and cand.measure == "other_people" and _affected(low, cand, sent, lex):
        return "incident"  # "200 jiwa terdampak" by the flood the article reports
    return None


def _cues(low: str, sent: Sentence, lex: Lexicon, kind: str, cache: dict) -> list[int]:
    """Where the sentence's cues of this kind start, found once per sentence (``cache``)."""
    key = (kind, sent.start)
    if key not in cache:
        cache[key] = [s for _, s, _ in lex.scope_cues[kind].all(low, sent.start, sent.end)]
    return cache[key]


def _standing(low: str, cand: Candidate, sent: Sentence, lex: Lexicon, cache: dict) -> bool:
    """A count of other people in a state, not for what happened to them ("jumlah penduduk
    miskin ... turun menjadi 23,85 juta orang", "tercatat ada 20 ribu anggota", "total 15.895
    siswa"), or a target ("ditargetkan", "akan kami bantu"): no running total, whatever tally
    or period word its sentence has. Cues found once per sentence (``cache``)."""
    def said(kind: str, end: int = sent.end) -> bool:
        found = _cues(low, sent, lex, kind, cache)
        return bool(found) and found[0] < end

    return cand.measure == "other_people" and (
        said("target") or (said("standing", cand.end) and not said("event") and not said("affected")))


def carry_listed(cands: list[Candidate], scopes: list[Optional[str]], low: str, sentences: list[Sentence],
                 lex: Lexicon, cache: dict) -> list[Optional[str]]:
    """A count of other people whose sentence names no scope, going on in its paragraph from a
    sentence of running totals, is one of them: "Kemensos telah membantu lebih dari 134.000
    penerima manfaat ... . Program ini juga mendukung 270.000 anak yatim piatu"; "... tercatat
    capaian jumlah talenta ... sepanjang Januari hingga Oktober. Pada bidang Sastra, terdapat
    1.300 talenta". Not a standing count or a target."""
    out = list(scopes)
    last: dict[int, Optional[str]] = {}  # sentence -> the scope of its last figure
    for c, s in zip(cands, out):
        last[c.sentence] = s
    for i, (c, s) in enumerate(zip(cands, scopes)):
        if s is not None or c.measure != "other_people" or c.sentence == 0:
            continue
        sent, prev = sentences[c.sentence], sentences[c.sentence - 1]
        if prev.paragraph != sent.paragraph or _standing(low, c, sent, lex, cache):
            continue
        if c.sentence - 1 in last:
            carried = last[c.sentence - 1]
        else:
            carried = "cumulative" if _cues(low, prev, lex, "tally", cache) else None
        if carried == "cumulative":
            out[i] = carried
            last[c.sentence] = carried
    return out


def _affected(low: str, cand: Candidate, sent: Sentence, lex: Lexicon) -> bool:
    """An 'affected' word ("terdampak", "dievakuasi") right after the counted noun."""
    return bool(lex.scope_cues["affected"].all(low, cand.end, min(sent.end, cand.end + 25)))


def about_disaster(low: str, lex: Lexicon) -> bool:
    """The text (a title, an article's lead) names a natural disaster or an accident."""
    return bool(lex.scope_cues["disaster"].all(low, 0, len(low)))


def share_tally(cands: list[Candidate], scopes: list[Optional[str]], low: str, sentences: list[Sentence],
                lex: Lexicon) -> list[Optional[str]]:
    """Casualties told in one sentence are one tally: "17.711 siswa tewas dan 25.897
    terluka, sementara 763 pegawai ... kehilangan nyawa" — when one of them is a running
    total, so are the others, unless the sentence names an event."""
    out = list(scopes)
    cumulative = {c.sentence for c, s in zip(cands, scopes) if s == "cumulative" and c.measure in CASUALTIES}
    for i, (c, s) in enumerate(zip(cands, scopes)):
        if s == "incident" and c.measure in CASUALTIES and c.sentence in cumulative:
            sent = sentences[c.sentence]
            if not lex.scope_cues["event"].all(low, sent.start, sent.end):
                out[i] = "cumulative"
    return out
