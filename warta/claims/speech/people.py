"""Person names the NER missed, so speakers still resolve to names.

The NLP stage's entities come first. Kompas-style attributions name people in long
capitalised runs ("Kepala Bidang Humas Polda Metro Jaya Kombes Yusri Yunus"); the
personal name is what follows the last title, unit, place or acronym word in the run,
and a later short mention ("Yusri mengatakan") confirms where it starts. Hand-written:
no offline Indonesian NER is available for local names.
"""

from __future__ import annotations

import re

from warta.claims.speech import lexicon
from warta.claims.speech.text import Token
from warta.model import Entity

try:  # the NLP stage's role words ("presiden", "juru bicara", ...)
    from warta.nlp.lexicon import PLACE_TYPE_WORDS, ROLE_HEADS
    _ROLE_WORDS = {w for h in ROLE_HEADS for w in h.split()} | set(PLACE_TYPE_WORDS)
except ImportError:  # pragma: no cover - the lexicon ships with warta.nlp
    _ROLE_WORDS = set()

_NAME_WORD = re.compile(r"[A-Z][a-z’'\-]*[a-z]|[A-Z]")   # "Yusri", "Ma’ruf", "M" (initial)
_CAP = re.compile(r"[A-Z][\w’'\-]*")
MAX_NAME_TOKENS = 5
# A capitalised word after these is a place ("di Manado", "ke Gili"), not a person.
_PLACE_PREPOSITIONS = {"di", "ke", "dari", "menuju", "arah", "sekitar", "kawasan", "wilayah"}


def _not_name(tok: Token, covered: bool) -> bool:
    cls = lexicon.word_class(tok.low)
    return (covered or tok.low in _ROLE_WORDS or cls in ("org", "person", "stop", "clause")
            or (len(tok.text) >= 2 and tok.text.isupper()) or any(c.isdigit() for c in tok.text))


def person_names(text: str, tokens: list[Token], entities: list[Entity],
                 sentence_starts: set[int]) -> list[Entity]:
    """PER entities plus names found in capitalised runs outside the given entities."""
    people = [e for e in entities if e.label == "PER"]
    taken = [(e.start, e.end) for e in entities if e.label in ("ORG", "LOC", "EVT")]
    in_person = [(e.start, e.end) for e in people]
    lower_words = {t.low for t in tokens if t.text.islower()}

    def covered(t: Token, spans) -> bool:
        return any(s <= t.start < e for s, e in spans)

    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in tokens:
        cap = bool(_CAP.fullmatch(t.text)) and not covered(t, in_person)
        if cap and cur and text[cur[-1].end:t.start].strip() == "":
            cur.append(t)
            continue
        if cur:
            runs.append(cur)
        cur = [t] if cap else []
    if cur:
        runs.append(cur)

    index = {t.start: k for k, t in enumerate(tokens)}
    inner_words = {t.text for t in tokens if t.start not in sentence_starts}
    names: list[list[Token]] = []
    for run in runs:
        k0 = index[run[0].start]
        if k0 > 0 and tokens[k0 - 1].low in _PLACE_PREPOSITIONS:
            continue
        cut = 0
        for k, t in enumerate(run):
            if _not_name(t, covered(t, taken)):
                cut = k + 1
        name = run[cut:]
        while name and (lexicon.word_class(name[0].low) in ("nonname", "pronoun")
                        or (name[0].start in sentence_starts and name[0].low in lower_words)):
            name = name[1:]
        if not name or len(name) > MAX_NAME_TOKENS or not all(_NAME_WORD.fullmatch(t.text) for t in name):
            continue
        if any(lexicon.word_class(t.low) == "nonname" for t in name):
            continue
        if len(name) == 1 and (len(name[0].text) < 3 or name[0].low.endswith("nya")
                               or (name[0].start in sentence_starts and name[0].text not in inner_words)):
            continue  # "Contohnya", "Sebab": sentence-initial words, not names
        names.append(name)

    # A later one-word mention marks where a longer run's name starts
    # ("... Sosial Asep Sasa Purnama" + "Asep juga ..." -> "Asep Sasa Purnama").
    singles = {n[0].text for n in names if len(n) == 1}
    for i, n in enumerate(names):
        for k in range(1, len(n)):
            if n[k].text in singles:
                names[i] = n[k:]
                break

    full = [" ".join(t.text for t in n) for n in names] + [e.canonical for e in people]
    out = list(people)
    for n in names:
        words = [t.text for t in n]
        canonical = max((f for f in full if _contains(f.split(), words)), key=len, default=" ".join(words))
        out.append(Entity(text=text[n[0].start:n[-1].end], start=n[0].start, end=n[-1].end,
                          label="PER", canonical=canonical))
    return sorted(out, key=lambda e: e.start)


def _contains(longer: list[str], shorter: list[str]) -> bool:
    k = len(shorter)
    return any(longer[i:i + k] == shorter for i in range(len(longer) - k + 1))
