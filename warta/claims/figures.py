"""Claims stage: numeric claims about people ("menewaskan sedikitnya 13.300 orang").

Hand-written clause-level matcher (no library extracts Indonesian casualty claims); the
words live in ``data/figures_lexicon.json``. For each number expression
(``warta.claims.numbers``):

1. Is it a count of people? Yes if a person noun follows ("5.600 anak", "warga sipil
   Palestina", "stafnya", "200 lebih warga", "14.000 di antaranya anak-anak") or a
   casualty cue is attached to a bare number ("3 Tewas", "melukai 18.000 lainnya",
   "korban tewas ... melampaui 30.000"). Never money (Rp, dolar), ages ("berusia 12",
   "8 tahun"), units and things ("5.000 roket", "40 hari", "70 persen"), dates, bare
   years, ordinals or listicles ("4 Musisi yang ...", "Daftar 5 ..."). Number words
   ("dua", "seorang") only count when a casualty cue is attached: in running text they
   are mostly narrative ("seorang pejabat", "dua perjalanan").
2. measure: a predicate after the counted noun ("... orang, sebagian besar warga sipil,
   dilaporkan tewas"), else a verb/noun before it in the same clause ("menewaskan",
   "korban tewas"), else the counted noun itself ("253 sandera"), else the whole a
   partitive belongs to ("..., 5 di antaranya"), else the measure of a figure it is
   coordinated with ("13.300 orang, yang mencakup 5.600 anak dan 3.550 perempuan");
   else other_people. An active me- verb or a conjunction ("ketika", "sementara")
   between cue and number ends the clause; a negation ("tak jadi korban") cancels the
   cue; bare "korban" takes the sense (killed/injured) of the tally around it.
3. qualifier from the words just before (or "lebih" just after); word quantities are vague.
4. group from the counted noun, or a specific group named in the cue's noun phrase
   ("korban tewas warga Palestina tembus 36.000 orang"); people when there is none.
   A noun that names the measure itself counts people ("253 sandera": hostages, people).
5. where: the nearest place in the sentence, preferring a locative ("di Rafah"), skipping
   an attacker ("serangan Israel") and a demonym ("warga Palestina"); when the sentence has
   none, the target of an attack named ("serangan Hamas": Israel), the place of the figure
   it continues, the nearest place before it, or at last a demonym ("warga Gaza").
6. source: whom the sentence credits ("menurut X", "X mengatakan", ", kata X", "dilansir
   X"), the nearest to the figure; a sentence without one continues the source of the
   figures of the previous sentence of its paragraph; a headline "PBB: ..." credits PBB.
   An outlet cited in another sentence ("Seperti dilansir Al Arabiya, ...") is the
   article's source, not the figure's.
7. as_of, the date the tally holds for:
   - none for rates ("setiap hari") and vague quantities (nobody reports "ratusan" for a day);
   - a date in the sentence: a recent one (within a week before publication, e.g.
     "Hingga hari Rabu (25/10)", "UNICEF pada hari Selasa") is the as-of date; a date older
     than that ("serangan 7 Oktober") means the figure counts that past event: none.
     Dates after "sejak" start a period and are ignored;
   - no date in the sentence: the as-of of the figures of the previous sentence of the
     paragraph (the tally goes on), else that sentence's dates by the same rule, else the
     publication date (a running tally told in the present: "telah menewaskan ...").
8. rate from "setiap hari", "per hari" ... after the number.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from warta.claims.numbers import NumberMatch, find_numbers
from warta.document import Document
from warta.model import Figure

LEXICON_PATH = Path(__file__).with_name("data") / "figures_lexicon.json"
RECENT_DAYS = 7  # a date this close before publication is a report date, not an event date
_WORD = re.compile(r"[\w%$€£]+(?:[-'’][\w]+)*")
# An active verb (me-) starts a new clause; a cue on the far side of it is not this number's.
_ACTIVE_VERB = re.compile(r"^(?:me[mnr]?|meng|meny)\w{3,}$")
# Matched at a position of the lowered text (``.match(low, pos)``), never on a slice of it:
# slicing the rest of a long article for every number is quadratic.
_LEBIH_AFTER = re.compile(r"[^\S\n]+lebih(?=[^\S\n])")  # "200 lebih warga"
_CLOSE_PAREN = re.compile(r"[^\S\n]*\)")
_NEXT_WORD = re.compile(r"[^\S\n]+(\w+)(?![\w-])")
_BARE_FOLLOWER = re.compile(r"[^\S\n]*([\w-]+)?")
_NOT_A_QUALIFIER = re.compile(r"\s*(?:dari|banyak|besar|tinggi|kecil|parah|cepat|lama|baik)\b")


def _lower(text: str) -> str:
    # Same length as the input, so offsets stay valid (str.lower can grow "İ").
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Phrases:
    """A lexicon of labelled phrases matched on word boundaries, longest first."""

    def __init__(self, labelled: dict[str, list[str]], possessive: bool = False) -> None:
        self.label_of: dict[str, str] = {}
        for label, phrases in labelled.items():
            for p in phrases:
                self.label_of.setdefault(p.lower(), label)
        alts = "|".join(re.escape(p).replace(r"\ ", r"[^\S\n]+")
                        for p in sorted(self.label_of, key=len, reverse=True))
        # Nouns take the possessive "-nya" ("stafnya", "keluarganya") without changing meaning.
        suffix = "(?:nya)?" if possessive else ""
        self._at = re.compile(rf"[^\S\n]*({alts}){suffix}(?![\w-])")
        self._before = re.compile(rf"(?<![\w-])({alts})[^\S\n]*$")
        self._any = re.compile(rf"(?<![\w-])({alts})(?![\w-])")

    def _label(self, phrase: str) -> str:
        return self.label_of[re.sub(r"\s+", " ", phrase)]

    def at_end(self, low: str, pos: int) -> Optional[int]:
        """End of the phrase starting at ``pos``, including a possessive suffix."""
        m = self._at.match(low, pos)
        return m.end() if m else None

    def at(self, low: str, pos: int, end: Optional[int] = None) -> Optional[tuple[str, int, int]]:
        """A phrase starting at ``pos`` (after spaces): (label, start, end)."""
        m = self._at.match(low, pos, end if end is not None else len(low))
        return (self._label(m.group(1)), m.start(1), m.end(1)) if m else None

    def before(self, low: str, pos: int, start: int = 0) -> Optional[tuple[str, int, int]]:
        """A phrase ending at ``pos`` (before spaces): (label, start, end)."""
        m = self._before.search(low, start, pos)
        return (self._label(m.group(1)), m.start(1), m.end(1)) if m else None

    def all(self, low: str, start: int, end: int) -> list[tuple[str, int, int]]:
        return [(self._label(m.group(1)), m.start(1), m.end(1)) for m in self._any.finditer(low, start, end)]


@dataclass
class Lexicon:
    raw: dict
    qual_before: Phrases = field(init=False)
    qual_after: Phrases = field(init=False)
    after: Phrases = field(init=False)
    before: Phrases = field(init=False)
    nouns: Phrases = field(init=False)
    groups: Phrases = field(init=False)
    places: Phrases = field(init=False)
    rates: Phrases = field(init=False)

    def __post_init__(self) -> None:
        r = self.raw
        self.qual_before = Phrases(r["qualifiers_before"])
        self.qual_after = Phrases(r["qualifiers_after"])
        self.after = Phrases(r["measures_after"])
        # Post-nominal cues also work before the number in headlines ("Warga Mati Tembus 35.000").
        merged = {k: list(v) for k, v in r["measures_after"].items()}
        for k, v in r["measures_before"].items():
            merged.setdefault(k, []).extend(v)
        self.before = Phrases(merged)
        self.nouns = Phrases(r["measure_nouns"])
        self.groups = Phrases(r["groups"], possessive=True)
        self.places = Phrases(r["places"])
        self.rates = Phrases(r["rates"])
        self.non_people = Phrases({"x": r["non_people_after"]})
        self.money = Phrases({"x": r["money_before"]})
        self.no_count_before = Phrases({"x": r["age_before"]})
        self.listicle = Phrases({"x": r["listicle_before"]})
        self.source_before = Phrases({"x": r["source_before_cues"]})
        self.source_after = Phrases({"x": r["source_after_cues"]})
        self.speech = Phrases({"x": r["speech_verbs"]})
        self.source_stop = set(r["source_stopwords"])
        self.headline_labels = set(r["headline_labels"])
        self.attacker = Phrases({"x": r["attacker_before"]})
        self.demonym = Phrases({"x": r["demonym_before"]})
        self.locative = Phrases({"x": r["locative_before"]})
        self.actor_verbs = set(r["actor_verbs"])
        self.countries = {c.lower() for c in r["countries"]}
        self.scope_cues = {k: Phrases({"x": v}) for k, v in r["scope_cues"].items() if not k.startswith("_")}
        # "serangan Hamas" names the attacker; the figure is where it struck (Israel).
        self.attack_targets = [
            (re.compile(rf"\b(?:serangan|militan|pejuang|milisi|kelompok)\s+{actor}\b"), target)
            for actor, target in r["attack_targets"].items()]
        # A noun naming the measure counts people ("253 sandera": hostages, group people).
        self.group_aliases = {k: tuple(v) for k, v in r["group_aliases"].items()}
        self.negations = set(r["negations"])
        self.demonyms_after = r["demonyms_after"]
        self.conjunctions = set(r["clause_conjunctions"])
        self.bare_followers = set(r["bare_number_followers"])
        self.qualifier_verbs = set(p for v in r["qualifiers_before"].values() for p in v)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(json.loads(LEXICON_PATH.read_text(encoding="utf-8")))


# ---------------------------------------------------------------- segmentation

@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


def _sentences(doc: Document) -> list[Sentence]:
    """The document's sentences, each with its paragraph."""
    text = doc.text
    out, paragraph, prev_end = [], 0, 0
    for s, e in doc.sentence_spans():
        if "\n" in text[prev_end:s]:
            paragraph += 1
        if text[s:e].strip():
            out.append(Sentence(s, e, paragraph))
        prev_end = e
    return out


def _words(low: str, start: int, end: int) -> list[re.Match]:
    return list(_WORD.finditer(low, start, end))


# ---------------------------------------------------------------- candidates

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


def _blocked(low: str, num: NumberMatch, lex: Lexicon, sent_start: int) -> bool:
    """Money, ages, units and things: not a count of people."""
    if re.search(r"\([^\S\n]*$", low[max(0, num.start - 3):num.start]) and _CLOSE_PAREN.match(low, num.end):
        return True  # "Erwin (45)": an age after a name
    after = low[num.end:num.end + 20].lstrip()
    if after.startswith(("%", "persen", "+", "x ", "×")) or lex.non_people.at(low, num.end):
        return True
    if lex.money.before(low, num.start, max(sent_start, num.start - 12)):
        return True
    if lex.no_count_before.before(low, num.start, max(sent_start, num.start - 12)):
        return True
    return False


def _counted_noun(low: str, pos: int, lex: Lexicon) -> Optional[tuple[str, int, int]]:
    """The person noun counted by the number ending at ``pos``: (group, start, end)."""
    hit = lex.groups.at(low, pos)
    if hit is None:
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
            m = _NEXT_WORD.match(low, e)
            if m and m.group(1) in lex.demonyms_after:
                label, e = lex.demonyms_after[m.group(1)], m.end()
    return label, s, e


def _gap_ok(low: str, start: int, end: int, lex: Lexicon, max_words: int = 8) -> bool:
    """Words between a cue and its number: few, and no active verb that starts another
    clause (qualifier verbs such as 'melampaui' are fine)."""
    gap = low[start:end]
    if any(c in gap for c in ";:") or re.search(r"[.!?][\"”’)]*\s", gap):
        return False
    unquoted = re.sub(r"[\"“'‘][^\"”'’]{0,40}[\"”'’]", " ", gap)  # quoted words are no clause
    if re.search(r"[\"“”]", unquoted):
        return False  # the cue is inside a quotation, the number outside it (or the reverse)
    words = list(_WORD.finditer(unquoted))
    if len(words) > max_words:
        return False
    for w in words:
        word = w.group(0)
        if word in lex.conjunctions:
            return False  # "... luka-luka ketika ribuan demonstran ...": another clause
        if _ACTIVE_VERB.match(word) and word not in lex.qualifier_verbs and word not in ("mencapai", "menjadi"):
            return False
    return True


def _measure_after(low: str, pos: int, limit: int, lex: Lexicon,
                   max_words: int = 9) -> Optional[tuple[str, int, int]]:
    """A post-nominal cue after the counted noun: '... dilaporkan tewas'. Returns
    (measure, cue end, words skipped before the cue)."""
    stop = re.search(r"[;:]|\s[-–—]\s", low[pos:limit])
    limit = pos + stop.start() if stop else limit
    prev_word = ""
    words = _words(low, pos, limit)[:max_words]
    for i, w in enumerate(words):
        hit = lex.after.at(low, w.start(), limit)
        if hit:
            if prev_word in lex.negations:
                return None  # "tak jadi korban": the cue is denied
            if prev_word == "yang" and i >= 2 and lex.groups.before(low, words[i - 1].start(), words[i - 2].start()):
                return None  # "... dari rahim ibu yang tewas": the cue is another noun's
            return hit[0], hit[2], i
        word = w.group(0)
        if word in ("dan", "serta", "atau") and find_numbers(low[w.end():w.end() + 30]):
            return None  # the next coordinated figure's own predicate
        if _ACTIVE_VERB.match(word):
            return None
        prev_word = word
    return None


def _measure_before(low: str, pos: int, floor: int, lex: Lexicon) -> Optional[tuple[str, int]]:
    """The nearest cue before the number in its clause: 'menewaskan sedikitnya'."""
    hits = [h for h in lex.before.all(low, floor, pos) if _gap_ok(low, h[2], pos, lex)]
    if not hits:
        return None
    label, s, e = hits[-1]
    before = _words(low, max(floor, s - 12), s)
    if before and before[-1].group(0) in lex.negations:
        return None
    return label, s, e


def _candidates(doc: Document, low: str, sentences: list[Sentence], lex: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    title_like = doc.is_title or (len(doc.text) < 200 and "\n" not in doc.text.strip())
    for si, sent in enumerate(sentences):
        numbers = [n for n in find_numbers(doc.text[sent.start:sent.end])]
        numbers = [NumberMatch(n.start + sent.start, n.end + sent.start, n.text, n.value, n.vague)
                   for n in numbers]
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
                noun = (named[0] if named else "", num.end, named[2] if named else partitive.end())
            end = noun[2] if noun else num.end
            limit = min([n.start for n in numbers if n.start > num.end] + [sent.end])
            cand = Candidate(num, si, num.start, end)
            after = _measure_after(low, end, limit, lex)
            before = _measure_before(low, num.start, floor, lex)
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
                elif num.value >= TALLY_SIZE and not num.vague:
                    cand.measure = "killed"  # "Jumlah Korban Tembus 45 Ribu": a toll this size is the dead
            if noun is None and cand.measure is None and not (
                    _coordinated(low, sentence_cands, num) and _bare_end(low, num.end, lex)):
                continue  # a bare number with nothing about people attached
            digits = num.text[:1].isdigit()
            if cand.measure in (None, "other_people") and not (digits or num.vague) \
                    and not _coordinated(low, sentence_cands, num):
                continue  # "seorang pejabat", "satu keluarga dievakuasi": narrative, not a count
            if cand.measure is None and noun is not None and _listicle(low, num, sent, lex, title_like):
                continue
            cand.group = _group(low, noun, cand, before if cand.measure_how == "before" else None, floor, lex)
            if partitive and not noun[0]:
                cand.group = _part_group(whole, cand) if whole else "people"
            cand.partitive_of = whole
            cand.qualifier, qstart = _qualifier(low, num, end, lex, floor)
            cand.start = min(cand.start, qstart)
            rate = lex.rates.all(low, end, min(limit, end + 60))
            cand.rate = rate[0][0] if rate else None
            sentence_cands.append(cand)
        _coordinate(low, sentence_cands)
        out.extend(sentence_cands)
    return out


_PARTITIVE = re.compile(r"[^\S\n]+(?:di[^\S\n]*antaranya|di[^\S\n]+antara[^\S\n]+mereka)(?:[^\S\n]+(?:adalah|merupakan))?(?![\w-])")
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
    if len(gap) > 60 or any(c in gap for c in ";:.") :
        return None
    words = [w.group(0) for w in _WORD.finditer(gap)]
    joiners = {"dan", "serta", "termasuk", "mencakup", "yang", "di", "antaranya", "antara", "lain",
               "terdiri", "dari", "dengan", "sebanyak", "sedikitnya", "setidaknya", "sekitar",
               "lebih", "hampir", "lainnya", "adalah", "merupakan", "atau"}
    if "," not in gap and not ({"dan", "serta", "termasuk", "mencakup", "antaranya"} & set(words)):
        return None
    if any(w not in joiners for w in words):
        return None
    return prev


def _coordinate(low: str, cands: list[Candidate]) -> None:
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
    for cand in cands:
        cand.measure = cand.measure or "other_people"


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
    hit = lex.qual_before.before(low, num.start, max(floor, num.start - 40))
    if hit:
        return hit[0], hit[1]
    lebih = _LEBIH_AFTER.match(low, num.end)
    if lebih and lex.groups.at(low, lebih.end()):
        return "more_than", num.start
    after = lex.qual_after.at(low, end)
    if after and not _NOT_A_QUALIFIER.match(low, after[2]):
        return after[0], num.start
    return "exact", num.start


# ---------------------------------------------------------------- context: where, source, as_of

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
    if len(_WORD.findall(low, clause + 1, start)) > 1:
        return False
    pos = end
    for _ in range(3):
        m = _NEXT_WORD.match(low, pos)
        if m is None:
            return False
        word = m.group(1)
        if word in _ADVERBS:
            pos = m.end()
            continue
        if word in _NOT_VERBS or word in lex.conjunctions:
            return False
        return bool(_ACTIVE_VERB.match(word)) or word in lex.actor_verbs
    return False


def _places(doc: Document, low: str, lex: Lexicon) -> list[Place]:
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
        inner = [k for k in spans if ent.start <= k[0] and k[1] <= ent.end]
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
        spans[(ent.start, ent.end)] = name
    names = [(e.start, e.end) for e in doc.entities
             if e.label == "ORG" and not _FACILITY.match(low, e.start)]
    tails = [(m.start(), m.end()) for m in _ATTRIBUTION_TAIL.finditer(low)]
    outlets = [(c.start, c.end) for c in doc.cited_sources]
    for ent in doc.entities:
        # "SMPN 33 Banjarmasin", "Polres Sekadau", "Kejari Lembata": local offices are
        # named after their town, the place of what they report.
        m = _LOCAL_OFFICE.match(doc.text, ent.start, ent.end) if ent.label == "ORG" else None
        if m and m.end() == ent.end and not any(k[0] < ent.end and ent.start < k[1] for k in spans):
            spans[(m.start(1), m.end(1))] = m.group(1)
    out = []
    for (s, e), name in sorted(spans.items()):
        inside = lambda spans_: any(ns <= s and e <= ne and (ns, ne) != (s, e) for ns, ne in spans_)  # noqa: E731
        if inside(outlets):
            continue  # "Saudi Gazette" names an outlet, not a place of the story
        role = "plain"
        if inside(names):
            role = "org"  # "Departemen Kepolisian New York": the last resort of its own sentence
        elif lex.attacker.before(low, s, max(0, s - 25)):
            role = "attacker"
        elif lex.demonym.before(low, s, max(0, s - 25)):
            role = "demonym"
        elif any(ts <= s < te for ts, te in tails):
            role = "venue"
        elif lex.locative.before(low, s, max(0, s - 12)):
            role = "locative"
        elif _actor(low, s, e, lex):
            role = "attacker"
        out.append(Place(name, s, e, role))
    return out


_NOT_WHERE = ("attacker", "demonym", "venue", "org")
_LOCAL_OFFICE = re.compile(r"(?i:sdn?|smpn?|sman?|smkn?|mts|rsud|puskesmas|polres|polresta|polrestabes|polsek|"
                           r"kejari|kejati|pn|lapas|rutan|kodim|pemkab|pemkot|dinas\s+\w+)\s+(?:\d+\s+)?"
                           r"([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")
# An organisation named after a building is where it stands ("Kantor Pos Gaza", "RS
# Indonesia di Gaza"); a ministry or an outlet named after a country is not.
_FACILITY = re.compile(r"(?:kantor|rumah sakit|rs|rsud|puskesmas|klinik|sekolah|sdn?|smpn?|sman?|smkn?|mts|kampus|"
                       r"universitas|kamp|masjid|gereja|gedung|pasar|bandara|pelabuhan|penjara|lapas|rutan|"
                       r"polres|polsek|polda|polrestabes|kodim|kejari|kejati)\b")


def _where_in(places: list[Place], start: int, end: int, pos: int,
              own: tuple[int, int] = (0, 0), lex: Optional[Lexicon] = None) -> Optional[str]:
    """The place in [start, end) nearest ``pos``, a locative first; then a place named in
    the counted noun itself ("38 Ribu Warga Gaza"), unless a country ("warga Palestina"
    is a nationality, not a place); then any other."""
    def own_place(p: Place) -> bool:
        return (p.role == "demonym" and own[0] <= p.start <= own[1] + 1
                and not (lex and p.name.lower() in lex.countries))

    usable = [p for p in places if start <= p.start < end
              and (p.role not in _NOT_WHERE or p.role == "org" or own_place(p))]
    if not usable:
        return None
    usable.sort(key=lambda p: (p.role == "org", p.role != "locative", not own_place(p), abs(p.start - pos)))
    return usable[0].name


def _clean_source(words: list[str], lex: Lexicon) -> Optional[str]:
    while words and words[0].lower() in ("para", "pihak", "sang", "oleh", "seperti", "dari", "seorang", "sebuah"):
        words = words[1:]
    if not words or words[0].lower() in ("dia", "ia", "mereka", "kami", "kita", "saya", "beliau", "ini", "itu"):
        return None
    return " ".join(words)


def _source_after_cue(text: str, low: str, pos: int, end: int, lex: Lexicon) -> Optional[str]:
    words = []
    for w in _WORD.finditer(text, pos, end):
        between = text[words[-1].end() if words else pos:w.start()]
        if words and any(c in between for c in ",.;:()\"“”"):
            break
        word = w.group(0)
        if word.lower() in lex.source_stop or len(words) >= 6 or word[0].isdigit() \
                or (words and _ACTIVE_VERB.match(word.lower())):
            break
        words.append(w)
    return _clean_source([w.group(0) for w in words], lex)


def _source_before_cue(text: str, pos: int, start: int, lex: Lexicon) -> Optional[str]:
    words = list(_WORD.finditer(text, start, pos))
    taken: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        after = text[w.end():words[i + 1].start() if i + 1 < len(words) else pos]
        if any(c in after for c in ",.;:()\"“”"):
            break
        word = w.group(0)
        two = f"{words[i - 1].group(0).lower()} {word.lower()}" if i > 0 else ""
        if word.lower() == "yang" and taken and i > 0:
            taken = []  # "petugas polisi yang berjaga": the head noun before the relative clause
            continue
        if word.lower() in lex.source_stop or two in lex.source_stop or len(taken) >= 6:
            break
        taken.insert(0, word)
    return _clean_source(taken, lex)


def _sentence_sources(doc: Document, low: str, sent: Sentence, lex: Lexicon) -> list[tuple[int, str]]:
    """(position, source) of each attribution in the sentence."""
    text = doc.text
    out = []
    for _, s, e in lex.source_before.all(low, sent.start, sent.end):
        src = _source_after_cue(text, low, e, sent.end, lex)
        if src:
            out.append((s, src))
    for _, s, e in lex.source_after.all(low, sent.start, sent.end):
        if re.search(r"[,”\"’]\s*$", text[max(sent.start, s - 3):s]):
            src = _source_after_cue(text, low, e, sent.end, lex)
            if src:
                out.append((s, src))
    for _, s, e in lex.speech.all(low, sent.start, sent.end):
        src = _source_before_cue(text, s, sent.start, lex)
        if src:
            out.append((-(e + 1), src))  # negative: only for figures right after the verb
    return out


def _quoted_by(doc: Document, cand: Candidate) -> Optional[str]:
    """The speaker of the direct quote the figure is in, from the quotes
    stage (it runs first)."""
    for q in doc.quotes:
        if q.kind == "direct" and q.speaker and q.start <= cand.number.start < q.end:
            return q.speaker
    return None


def _pick_source(sources: list[tuple[int, str]], cand: Candidate) -> Optional[str]:
    best, best_dist = None, None
    for pos, src in sources:
        if pos < 0:  # "X mengatakan ... <figure>": the figure must follow closely
            verb_end = -pos - 1
            if not (0 <= cand.number.start - verb_end <= 120):
                continue
            dist = cand.number.start - verb_end
        else:
            dist = abs(cand.number.start - pos)
        if best_dist is None or dist < best_dist:
            best, best_dist = src, dist
    return best


def _headline_source(doc: Document, lex: Lexicon) -> Optional[str]:
    m = re.match(r"\s*([^:]{2,40}?)\s*:\s+\S", doc.text)
    if not m:
        return None
    label = m.group(1).strip()
    if label.lower() in lex.headline_labels or len(label.split()) > 4 or re.search(r"\d", label):
        return None
    return label


def _iso(value: Optional[str]) -> Optional[dt.date]:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _dates_rule(doc: Document, low: str, start: int, end: int, pos: int) -> tuple[bool, Optional[str]]:
    """(decided, as_of) from the dates in [start, end): a recent date is the as-of date;
    an older one marks a past event (None); no date: undecided."""
    found = []
    for d in doc.dates:
        if not (start <= d.start < end) or d.kind not in ("date", None):
            continue
        day = _iso(d.value)
        if day is None:
            continue
        if re.search(r"\bsejak(?:\s+\S+){0,2}\s*$", low[max(start, d.start - 30):d.start]):
            continue  # "sejak 7 Oktober": the start of the period, not the tally's date
        found.append((d, day))
    if not found:
        return False, None
    published = doc.published
    if published and any(day < published - dt.timedelta(days=RECENT_DAYS) for _, day in found):
        return True, None
    found.sort(key=lambda x: abs(x[0].start - pos))
    return True, found[0][1].isoformat()


def _resolve_context(doc: Document, low: str, sentences: list[Sentence], cands: list[Candidate],
                     lex: Lexicon) -> None:
    places = _places(doc, low, lex)
    named = Counter(p.name for p in places if p.role not in _NOT_WHERE)
    main_place = max(named, key=lambda n: (named[n], -next(p.start for p in places if p.name == n)), default=None)
    headline_source = _headline_source(doc, lex) if (doc.is_title or len(sentences) == 1) else None
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in cands:
        by_sentence.setdefault(cand.sentence, []).append(cand)
    sources_cache: dict[int, list] = {}
    for cand in cands:
        sent = sentences[cand.sentence]
        prev_idx = cand.sentence - 1
        prev_sent = sentences[prev_idx] if prev_idx >= 0 and sentences[prev_idx].paragraph == sent.paragraph else None
        prev_figs = by_sentence.get(prev_idx, []) if prev_sent else []
        same = [c for c in by_sentence[cand.sentence] if c.number.start < cand.number.start]
        linked = same[-1] if same else (prev_figs[-1] if prev_figs else None)

        # where
        where = _where_in(places, sent.start, sent.end, cand.number.start, (cand.start, cand.end), lex)
        if where is None:
            sentence_low = low[sent.start:sent.end]
            for attack, target in lex.attack_targets:
                if attack.search(sentence_low):
                    where = target
                    break
        if where is None and linked is not None:
            where = linked.where
        if where is None:
            # The place of the paragraph so far, else the article's own place: the one it
            # names most (an article about Gaza names Gaza more than the attacker).
            first = next(s for s in sentences if s.paragraph == sent.paragraph)
            before = [p for p in places if first.start <= p.start and p.end <= sent.start and p.role not in _NOT_WHERE]
            where = before[-1].name if before else main_place
        if where is None:
            # Only a demonym left ("1,7 juta warga Gaza"): it still says where they are.
            near = sorted((p for p in places if p.role == "demonym"), key=lambda p: abs(p.start - cand.number.start))
            where = near[0].name if near else None
        cand.where = where

        # source
        if cand.sentence not in sources_cache:
            sources_cache[cand.sentence] = _sentence_sources(doc, low, sent, lex)
        source = _pick_source(sources_cache[cand.sentence], cand)
        speaker = _quoted_by(doc, cand)
        if speaker:
            source = speaker  # "Dijaga oleh 10 anggota TNI," jelasnya: the quote's speaker says it
        for cited in doc.cited_sources:
            # The metadata stage's normalised name for the same words ("MEE" -> "Middle East Eye").
            if source and sent.start <= cited.start < sent.end and cited.text == source:
                source = cited.name
        if source is None and same and same[-1].source:
            source = same[-1].source
        if source is None and prev_figs:
            source = prev_figs[-1].source
        cand.source = source or headline_source

        # as_of
        if cand.rate or cand.qualifier == "vague":
            cand.as_of = None
            continue
        decided, as_of = _dates_rule(doc, low, sent.start, sent.end, cand.number.start)
        if not decided and prev_figs:
            decided, as_of = True, prev_figs[-1].as_of
        if not decided and prev_sent is not None:
            decided, as_of = _dates_rule(doc, low, prev_sent.start, prev_sent.end, prev_sent.end)
        if not decided:
            as_of = doc.published.isoformat() if doc.published else None
        cand.as_of = as_of


CASUALTIES = ("killed", "injured", "killed_or_injured", "missing")
# A death toll this large is a running total, not one event, even when nothing says so
# ("Warga Palestina Terjebak di 'Neraka' Gaza, 5.791 Orang Tewas").
TALLY_SIZE = 1000


def _scope(low: str, cand: Candidate, sent: Sentence, lex: Lexicon) -> Optional[str]:
    """'cumulative' (a running total), 'incident' (one event) or None (a standing count:
    staff, members, capacity), from the words of the figure's sentence."""
    def said(kind: str) -> bool:
        return bool(lex.scope_cues[kind].all(low, sent.start, sent.end))

    if said("tally"):
        return "cumulative"
    if cand.measure in CASUALTIES and cand.number.value >= TALLY_SIZE and not cand.number.vague:
        return "cumulative"
    if cand.measure == "displaced":
        return "incident" if said("event") else "cumulative"  # people flee over days
    if said("event"):
        return "incident"
    if said("period") or (cand.measure in CASUALTIES and said("war")):
        return "cumulative"
    if cand.measure in CASUALTIES + ("detained", "released", "hostages"):
        return "incident"
    return None


def _drop_repeats(low: str, cands: list[Candidate]) -> list[Candidate]:
    """Scraped pages repeat teasers and captions word for word: the same words around the
    same number are one claim, not two."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in cands:
        key = (low[max(0, c.start - 60):c.start].split("\n")[-1].strip(), low[c.start:c.end])
        if key[0] and key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def find_figures(doc: Document) -> list[Figure]:
    """Figures in ``doc`` (local offsets)."""
    lex = lexicon()
    low = _lower(doc.text)
    sentences = _sentences(doc)
    cands = _candidates(doc, low, sentences, lex)
    _resolve_context(doc, low, sentences, cands, lex)
    cands = _drop_repeats(low, cands)
    return [Figure(text=doc.text[c.start:c.end], start=c.start, end=c.end, value=c.number.value,
                   qualifier=c.qualifier, measure=c.measure, group=c.group, where=c.where,
                   source=c.source, as_of=c.as_of, rate=c.rate,
                   scope=_scope(low, c, sentences[c.sentence], lex))
            for c in cands]


def annotate(doc: Document) -> None:
    doc.figures = find_figures(doc)
