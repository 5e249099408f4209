"""Person names the NER missed, so speakers still resolve to names.

The NLP stage's entities come first. Kompas-style attributions name people in long
capitalised runs ("Kepala Bidang Humas Polda Metro Jaya Kombes Yusri Yunus"); the
personal name is what follows the last title, unit, place or acronym word in the run,
and a later short mention ("Yusri mengatakan") confirms where it starts. Hand-written:
no offline Indonesian NER is available for local names.
"""

from __future__ import annotations

import bisect
import re

from warta.claims.speech import lexicon
from warta.claims.speech.text import Token
from warta.lang.words import PLACE_TYPE_WORDS, ROLE_HEADS
from warta.model import Entity

# Role words ("presiden", "juru bicara", ...) and place types.
_ROLE_WORDS = {w for h in ROLE_HEADS for w in h.split()} | set(PLACE_TYPE_WORDS)

_NAME_WORD = re.compile(r"[A-Z][a-z’'\-]*[a-z]|[A-Z]")   # "Yusri", "Ma’ruf", "M" (initial)
_CAP = re.compile(r"[A-Z][\w’'\-]*")
MAX_NAME_TOKENS = 5
# Words that make the capitalised word after them a place name.
_PLACE_WORDS = {"dusun", "desa", "kelurahan", "kecamatan", "kabupaten", "kota", "provinsi", "jalan",
                "kampung", "pulau", "gunung", "sungai", "pantai", "selat", "teluk", "jalur", "distrik"}
_PLACE_QUALIFIERS = {"barat", "timur", "utara", "selatan", "tengah", "raya", "baru", "lama", "besar"}
# A capitalised word after these is a place ("di Manado", "ke Gili"), not a person.
_PLACE_PREPOSITIONS = {"di", "ke", "dari", "menuju", "arah", "sekitar", "kawasan", "wilayah", "asal"}


# Derived nouns ("Keamanan", "Pencegahan", "Perhubungan") name units, never people.
_DERIVED_NOUN = re.compile(r"(?:ke|pe|per|pen|pem|peng|peny)[a-z]{3,}an")


def _not_name(tok: Token, covered: bool) -> bool:
    cls = lexicon.word_class(tok.low)
    return (covered or tok.low in _ROLE_WORDS or cls in ("org", "person", "stop", "clause")
            or bool(_DERIVED_NOUN.fullmatch(tok.low))
            or (len(tok.text) >= 2 and tok.text.isupper()) or any(c.isdigit() for c in tok.text))


def person_names(text: str, tokens: list[Token], entities: list[Entity],
                 sentence_starts: set[int]) -> tuple[list[Entity], set[int]]:
    """PER entities plus names found in capitalised runs outside the given entities, and
    the start offsets of the trusted ones: NER persons, and names whose word also stands
    alone as a subject or speaker elsewhere ("Yusri mengatakan", "kata Wibi")."""
    # Each token's offset and index, once for the helpers (each built its own, per token).
    starts = [t.start for t in tokens]
    index = {start: k for k, start in enumerate(starts)}
    people = _with_given_names(text, tokens, index, _sane_persons(tokens, starts, entities), sentence_starts)
    taken = [(e.start, e.end) for e in entities if e.label in ("ORG", "LOC", "EVT")
             and not any(p.start <= e.start < p.end for p in people)]
    in_person = [(e.start, e.end) for e in people]
    lower_words = {t.low for t in tokens if t.text.islower()}

    in_person_at, taken_at = _cover(in_person), _cover(taken)

    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in tokens:
        cap = "A" <= t.text[0] <= "Z" and bool(_CAP.fullmatch(t.text)) and not in_person_at(t.start)
        if cap and cur and text[cur[-1].end:t.start].strip() == "":
            cur.append(t)
            continue
        if cur:
            runs.append(cur)
        cur = [t] if cap else []
    if cur:
        runs.append(cur)

    # Words standing alone as a subject or a speaker ("Yusri mengatakan", "kata Wibi")
    # that also occur inside a longer capitalised run (the full name, given first).
    in_long_runs = {t.text for run in runs if len(run) > 1 for t in run}
    # A word ever written after "di", "ke", "dari" is a place ("di Banyuwangi").
    places = {tokens[k + 1].text for k, t in enumerate(tokens[:-1]) if t.low in _PLACE_PREPOSITIONS}
    confirmed_words: set[str] = set()
    for run in runs:
        if run[0].text not in in_long_runs or run[0].text in places:
            continue
        if len(run) != 1 or not _NAME_WORD.fullmatch(run[0].text) or lexicon.word_class(run[0].low):
            continue
        k = index[run[0].start]
        nxt = tokens[k + 1].low if k + 1 < len(tokens) else ""
        prv = tokens[k - 1].low if k else ""
        if _verbish(nxt) or lexicon.cue_of(prv) or prv == "menurut":
            confirmed_words.add(run[0].text)

    # Sentence-initial words (after any opening quote mark) are capitalised anyway.
    first_words = set()
    for s0 in sentence_starts:
        k = bisect.bisect_left(starts, s0)
        while k < len(tokens) and not tokens[k].is_word:
            k += 1
        if k < len(tokens):
            first_words.add(tokens[k].start)
    sentence_starts = set(sentence_starts) | first_words
    inner_words = {t.text for t in tokens if t.start not in sentence_starts}
    names: list[tuple[list[Token], bool]] = []
    for run in runs:
        k0 = index[run[0].start]
        if k0 > 0 and tokens[k0 - 1].low in _PLACE_PREPOSITIONS:
            continue
        sure = [k for k, t in enumerate(run) if t.text in confirmed_words and not taken_at(t.start)]
        if sure:
            # The name starts at its confirmed word and runs to the end of the run
            # ("... Keamanan Mahfud MD" + "Mahfud mengatakan" -> "Mahfud MD").
            name = run[sure[0]:]
            if len(name) <= MAX_NAME_TOKENS:
                names.append((name, True))
            continue
        cut = 0
        for k, t in enumerate(run):
            # a short all-caps word closing a name is part of it ("Mahfud MD", "Ahmad SH")
            closing_initials = k == len(run) - 1 and k > 0 and len(t.text) <= 3 and t.text.isupper() \
                and not _not_name(run[k - 1], taken_at(run[k - 1].start))
            if _not_name(t, taken_at(t.start)) and not closing_initials:
                cut = k + 1
        name = run[cut:]
        if cut and run[cut - 1].low in _PLACE_WORDS:
            # "Dusun Nglahar" is a place; "Provinsi Maluku Dony Rerung" a place, then a name
            name = name[1:]
            while name and name[0].low in _PLACE_QUALIFIERS:
                name = name[1:]
            if len(name) < 2:
                continue
        while name and (lexicon.word_class(name[0].low) in ("nonname", "pronoun")
                        or (name[0].start in sentence_starts and name[0].low in lower_words)):
            name = name[1:]
        if not name or len(name) > MAX_NAME_TOKENS or not all(_NAME_WORD.fullmatch(t.text) for t in name):
            continue
        if name[0].text in places:
            continue
        if any(lexicon.word_class(t.low) == "nonname" for t in name):
            continue
        if len(name) == 1 and (len(name[0].text) < 3 or name[0].low.endswith("nya")
                               or (name[0].start in sentence_starts and name[0].text not in inner_words)):
            continue  # "Contohnya", "Sebab": sentence-initial words, not names
        names.append((name, False))

    # A long run ending with a name written alone elsewhere is that name with a unit
    # before it ("Kelompok Tani Makmur Slamet Widodo" + "Slamet Widodo").
    alone = {tuple(t.text for t in n) for n, _ in names}
    for i, (n, sure) in enumerate(names):
        for k in range(1, len(n)):
            if tuple(t.text for t in n[k:]) in alone:
                names[i] = (n[k:], sure)
                break
    full = {" ".join(t.text for t in n) for n, _ in names} | {e.canonical for e in people}
    by_word: dict[str, list[str]] = {}
    for f in full:
        for w in set(f.split()):
            by_word.setdefault(w, []).append(f)
    out = list(people)
    trusted = {e.start for e in people}
    for n, sure in names:
        words = [t.text for t in n]
        canonical = max((f for f in by_word.get(words[0], ()) if _contains(f.split(), words)),
                        key=len, default=" ".join(words))
        out.append(Entity(text=text[n[0].start:n[-1].end], start=n[0].start, end=n[-1].end,
                          label="PER", canonical=canonical))
        if sure:
            trusted.add(n[0].start)
    return sorted(out, key=lambda e: e.start), trusted


def _sane_persons(tokens: list[Token], starts: list[int], entities: list[Entity]) -> list[Entity]:
    """The NER's PER mentions without a leading title or cue word ("Menurut Piter" ->
    "Piter"); mentions with digits or calendar words ("Covid-19", "Tahun") are dropped.
    ``starts``: each token's start offset."""
    out = []
    for e in entities:
        if e.label != "PER":
            continue
        # tokens are in text order: those from the mention's start up to its end
        words = tokens[bisect.bisect_left(starts, e.start):bisect.bisect_left(starts, e.end)]
        while len(words) > 1 and (lexicon.cue_of(words[0].low) or _not_name(words[0], False)):
            words = words[1:]
        if not words or any(any(c.isdigit() for c in t.text) or lexicon.word_class(t.low) == "nonname"
                            or lexicon.word_class(t.low) == "org" for t in words):
            continue
        if words[0].start != e.start:
            dropped = e.text[:words[0].start - e.start]
            canonical = e.canonical[len(dropped):] if e.canonical.startswith(dropped) else e.canonical
            e = e.model_copy(update={"start": words[0].start, "text": e.text[len(dropped):], "canonical": canonical})
        out.append(e)
    return out


def _cover(spans: list[tuple[int, int]]):
    """A test whether a position lies in any of ``spans`` ([start, end) pairs): bisection
    over their union, instead of a scan of every span for every token."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [s for s, _ in merged]

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < merged[i][1]
    return inside


def _with_given_names(text: str, tokens: list[Token], by_start: dict[int, int], people: list[Entity],
                      sentence_starts: set[int]) -> list[Entity]:
    """Persons whose given name the NER left out ("Karine" + PER "Jean-Pierre"): a
    capitalised name word right before the mention joins it, and every mention with the
    same canonical name takes the longer one. ``by_start``: token index by start offset."""
    longer: dict[str, str] = {}
    out = []
    for e in people:
        k = by_start.get(e.start)
        if k and " " not in e.canonical:
            prev = tokens[k - 1]
            if (text[prev.end:e.start] == " " and _NAME_WORD.fullmatch(prev.text) and len(prev.text) > 2
                    and prev.start not in sentence_starts and not _not_name(prev, False)
                    and lexicon.word_class(prev.low) is None):
                longer.setdefault(e.canonical, f"{prev.text} {e.canonical}")
                e = e.model_copy(update={"start": prev.start, "text": text[prev.start:e.end]})
        out.append(e)
    return [e.model_copy(update={"canonical": longer[e.canonical]}) if e.canonical in longer else e for e in out]


def _verbish(low: str) -> bool:
    return bool(re.fullmatch(r"(?:me|ber|ter|di)[a-z]{3,}", low)) or lexicon.cue_of(low) is not None \
        or lexicon.word_class(low) == "adverb"


def _contains(longer: list[str], shorter: list[str]) -> bool:
    k = len(shorter)
    return any(longer[i:i + k] == shorter for i in range(len(longer) - k + 1))


# "Bambang Soesatyo (Bamsoet)": a short name introduced in brackets after the full one.
_BRACKETED_SHORT = re.compile(r"\s*\(([A-Z][\w’'\-]{1,15})\)")


def full_names(text: str, people: list[Entity]) -> dict[str, str]:
    """Short names the text introduces for a person, mapped to the full name, so every
    quote of "Bamsoet" is Bambang Soesatyo's."""
    out: dict[str, str] = {}
    for e in people:
        m = _BRACKETED_SHORT.match(text, e.end)
        if e.label == "PER" and m and m.group(1) not in e.canonical.split():
            out.setdefault(m.group(1), e.canonical)
    return out
