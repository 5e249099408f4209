"""Whose words a loaded term is: the outlet's own, or someone's it reports
(specs/framing.md, "Attributed or the outlet's own").

In order: a quote warta found (direct or indirect, with its speaker); double quotation
marks; a headline's "Speaker:" colon; a speech, claim or accusation verb whose subject is
a source ("Malaysia Kutuk Israel yang Bantai ..."), or a passive "disebut"/"dijuluki"
that needs no subject. Single quotes without a speaker are scare quotes: the outlet's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from warta.framing.lexicon import speech_stems
from warta.lang.stem import stem
from warta.framing.tokens import Token

_OPEN_CLOSE = {"“": "”", "„": "”", "«": "»"}
_CLAUSE_END = {".", ",", ":", ";", "!", "?", "(", ")"}
# Headline colon segments that name a topic, not a speaker ("Kondisi RS di Gaza: ...").
_TOPIC_WORDS = {"update", "kondisi", "situasi", "sidang", "video", "foto", "kronologi", "fakta", "breaking",
                "terkini", "top", "laporan", "potret", "sejarah", "perang", "konflik", "hasil", "rudal",
                "infografis", "klarifikasi", "full", "poin", "daftar"}
# Nouns of speech that open a colon segment: "Kesaksian Dokter ...: Ini Adalah Pembantaian".
_SPEECH_NOUNS = {"kesaksian", "pengakuan", "curhat", "pesan", "pernyataan", "seruan", "kata", "cerita",
                 "kisah", "ungkapan", "jeritan", "tangis", "respons", "reaksi", "tanggapan"}
_ROLE_WORDS = {"presiden", "pm", "perdana", "menlu", "menteri", "pakar", "pengamat", "mahasiswa", "warga",
               "dubes", "duta", "jubir", "juru", "sekjen", "kepala", "pemimpin", "pejabat", "ketua", "wakil",
               "raja", "pangeran", "kemlu", "militer", "tentara", "radio", "media", "pengurus", "legislator",
               "analis", "dokter", "saksi", "korban", "pengungsi", "direktur", "komandan", "jenderal"}
_PASSIVE_PREFIX = "di"
# Passives whose next words are the agent, not what is said ("Diprotes Zionis").
_AGENT_PASSIVES = {"protes", "kecam", "kutuk", "desak", "seru", "ajak", "maki"}


@dataclass(frozen=True)
class Voice:
    attributed: bool
    speaker: Optional[str] = None


_MARKS = re.compile('["“”„«»\n]')


def double_quoted(text: str) -> list[tuple[int, int]]:
    """Regions inside double quotation marks (curly pairs, or straight marks taken in
    pairs), never across a paragraph break."""
    regions: list[tuple[int, int]] = []
    open_at: Optional[int] = None
    closer = ""
    for m in _MARKS.finditer(text):
        ch, k = m.group(), m.start()
        if ch == "\n":
            open_at = None
        elif open_at is None:
            if ch in _OPEN_CLOSE or ch == '"':
                open_at, closer = k, _OPEN_CLOSE.get(ch, '"')
        elif ch == closer or (closer == "”" and ch == '"'):
            regions.append((open_at + 1, k))
            open_at = None
    return regions


def _within(spans, start: int, end: int):
    return next((s for s in spans if s[0] <= start and end <= s[1]), None)


def colon_speaker(text: str, tokens: Sequence[Token], k: int, entity_starts: set[int]) -> Optional[str]:
    """The speaker a headline's colon at token ``k`` introduces, if the words before it
    (after the last comma or a "VIDEO:" tag) are a source, not a topic."""
    first = k
    while first > 0 and tokens[first - 1].text not in {",", ":", "!", "?"}:
        first -= 1
    seg = [t for t in tokens[first:k] if t.is_word]
    if not seg or seg[0].low in _TOPIC_WORDS:
        return None
    if seg[0].low in _SPEECH_NOUNS and len(seg) > 1:
        return text[seg[1].start:seg[-1].end]
    if len(seg) <= 5 and (seg[0].start in entity_starts or seg[0].low in _ROLE_WORDS or len(seg) <= 3):
        return text[seg[0].start:seg[-1].end]
    # "Winger Tottenham Ini Kutuk Serangan Hamas ke Israel: Aksi Teroris!": a speech verb
    # with a subject before the colon makes what follows its words
    for v, t in enumerate(seg[1:], 1):
        if stem(t.low) in speech_stems() and not t.low.startswith(_PASSIVE_PREFIX):
            return text[seg[0].start:seg[v - 1].end]
    return None


def voice(text: str, tokens: Sequence[Token], i: int, start: int, end: int, *, is_title: bool,
          quotes: Sequence = (), quoted: Sequence[tuple[int, int]] = (),
          entity_starts: set[int] = frozenset()) -> Voice:
    """Who speaks the term at [start, end) (its first token is ``tokens[i]``)."""
    for q in quotes:
        if q.start <= start and end <= q.end:
            return Voice(True, q.speaker or getattr(q, "speaker_text", None))
    if _within(quoted, start, end):
        return Voice(True, None)
    if is_title:
        colons = [k for k in range(i) if tokens[k].text == ":"]
        for k in reversed(colons):
            sp = colon_speaker(text, tokens, k, entity_starts)
            if sp is not None:
                return Voice(True, sp)
    # A speech verb earlier in the same clause.
    k = i - 1
    while k >= 0 and tokens[k].text not in _CLAUSE_END and "\n" not in text[tokens[k].end:tokens[k + 1].start]:
        k -= 1
    clause_start = k + 1
    for v in range(i - 1, clause_start - 1, -1):
        t = tokens[v]
        if not t.is_word or stem(t.low) not in speech_stems():
            continue
        if v > 0 and tokens[v - 1].low == "ini":
            continue   # "Ini Kata Netanyahu ...": what is said is "ini", not the words after
        if t.low.startswith(_PASSIVE_PREFIX) and stem(t.low) != t.low:
            if stem(t.low) in _AGENT_PASSIVES:
                continue
            return Voice(True, None)   # "Israel Disebut ...": the subject is not the speaker
        if v > clause_start:
            return Voice(True, text[tokens[clause_start].start:tokens[v - 1].end])
        if is_title and clause_start > 0 and tokens[clause_start - 1].text == ",":
            # "Aksi Buruh di Kedubes AS, Protes Agresi ...": the subject is the first clause's
            return Voice(True, None)
    return Voice(False, None)
