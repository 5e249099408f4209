"""Who a speaker noun phrase names.

A speech cue has a speaker phrase before it ("Seorang pejabat AS mengatakan") or after it
("kata Jean-Pierre", "ujarnya"). The phrase resolves, in order, to:
  1. a person entity inside it (its canonical name: "Jean-Pierre" -> "Karine Jean-Pierre");
  2. a pronoun ("Dia", "-nya") -> the most recent person before it;
  3. a role word alone ("kata Presiden") -> the most recent person introduced with it;
  4. a demonstrative ("sumber tersebut", "kabel itu") -> the earlier mention of its noun;
  5. an organisation ("Gedung Putih mengatakan");
  6. else the phrase itself, as the description of an anonymous speaker ("sumber").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from warta.claims.speech import lexicon
from warta.claims.speech.text import Token
from warta.model import Entity
from warta.settings import ANTECEDENT_WINDOW

DETERMINERS = {"seorang", "sang", "si", "para", "salah", "satu", "sejumlah", "beberapa", "pihak"}
DEMONSTRATIVES = {"tersebut", "itu", "ini"}
# Words opening a circumstance clause between a subject and its verb.
_CIRCUMSTANCE = {"saat", "ketika", "usai", "seusai", "setelah", "sebelum", "sewaktu", "selepas", "sesudah"}
# Longest speaker phrase worth reading as one noun phrase.
MAX_NP_TOKENS = 20


@dataclass
class Speaker:
    name: Optional[str]   # None: a pronoun with no antecedent in the text
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    person: bool = False   # a person (or a described person), so a later pronoun may mean it
    named: bool = False    # resolved to a person's name (not a description or a body)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping union of (start, end) spans."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class Resolver:
    """Resolves speaker phrases in one document; remembers speakers for later pronouns."""

    def __init__(self, text: str, tokens: list[Token], entities: list[Entity], quoted: list[tuple[int, int]],
                 trusted: set[int] | None = None):
        self.text = text
        self.tokens = tokens
        self.entities = sorted((e for e in entities if e.label in ("PER", "ORG", "LOC")), key=lambda e: e.start)
        self._entity_starts = [e.start for e in self.entities]
        self._quoted = _merged(quoted)
        self._quoted_starts = [s for s, _ in self._quoted]
        self._starts = [t.start for t in tokens]
        # (position, Speaker) of every person mention outside quotes, plus quote speakers.
        # Names the NER gave or a standalone mention confirmed; None trusts every PER.
        self._trusted = trusted
        # Kept sorted by position (``_people_at`` beside it) so window lookups bisect.
        self._people: list[tuple[int, Speaker]] = [
            (e.start, Speaker(e.canonical, e.text, e.start, e.end, True, True))
            for e in self.entities if e.label == "PER" and not self._in_quote(e.start) and self._is_trusted(e)]
        self._people_at = [pos for pos, _ in self._people]
        # Unconfirmed capitalised-run names: a pronoun's last resort.
        self._maybe_people: list[tuple[int, Speaker]] = [
            (e.start, Speaker(e.canonical, e.text, e.start, e.end, True, True))
            for e in self.entities if e.label == "PER" and not self._in_quote(e.start) and not self._is_trusted(e)]
        self._speakers: set[int] = set()   # positions of remembered speakers
        self._bodies: list[tuple[int, Speaker]] = []   # organisations quoted so far

    def _is_trusted(self, e: Entity) -> bool:
        return self._trusted is None or e.start in self._trusted

    def _in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and pos < self._quoted[i][1]

    def _entities_from(self, start: int, before: int) -> list[Entity]:
        """Entities starting in [start, before), in text order (bisect: long texts stay linear)."""
        i = bisect.bisect_left(self._entity_starts, start)
        j = bisect.bisect_left(self._entity_starts, before, i)
        return self.entities[i:j]

    def remember(self, speaker: Speaker, pos: int) -> None:
        if speaker.name is None:
            return
        if speaker.person:
            k = bisect.bisect_right(self._people_at, pos)
            self._people_at.insert(k, pos)
            self._people.insert(k, (pos, speaker))
            self._speakers.add(pos)
        elif speaker.name:
            self._bodies.append((pos, speaker))

    # -- noun phrases ---------------------------------------------------------------

    def np_after(self, i: int, limit: int) -> tuple[int, int]:
        """Token range of the speaker phrase starting at token i ("kata Josh Paul, yang ...")."""
        j = i
        while j < len(self.tokens) and self.tokens[j].start < limit and j - i < MAX_NP_TOKENS:
            t = self.tokens[j]
            if j > i and self._title_goes_on(j, limit):
                j += 1   # "Menteri Koordinator Bidang Politik, Hukum, dan Keamanan Mahfud MD"
                continue
            if not t.is_word and t.text not in "-.’'" or (t.text == "." and not _is_initial(self.tokens, j)):
                break
            cls = lexicon.word_class(t.low)
            # "Kementerian Dalam Negeri": a capitalised function word is part of a name
            if j > i and cls in ("stop", "clause") and t.text.islower() or lexicon.cue_of(t.low) and j > i:
                break
            j += 1
        return i, j

    def sentence_subject(self, first: int, k: int) -> tuple[int, int]:
        """The noun phrase opening a sentence, up to its verb ("Ketua RT setempat
        menghadiri ..."); empty when no verb closes it within a few words."""
        j = first
        while j < k and not self.tokens[j].is_word:
            j += 1
        start = j
        while j < k and j - start < 8:
            t = self.tokens[j]
            if t.text.islower() and (_looks_verb(t.low) or lexicon.word_class(t.low) in ("stop", "clause", "adverb")):
                return start, j
            if not t.is_word:
                break
            j += 1
        return k, k

    def _title_goes_on(self, j: int, limit: int) -> bool:
        """A comma, "dan" or a short bracketed acronym inside a capitalised title run."""
        t = self.tokens[j]
        prev_cap = self.tokens[j - 1].text[:1].isupper() or self.tokens[j - 1].text == ")"
        nxt = self.tokens[j + 1] if j + 1 < len(self.tokens) else None
        if not prev_cap or nxt is None or nxt.start >= limit:
            return False
        if t.text == "," and nxt.low == "dan" and j + 2 < len(self.tokens):
            nxt = self.tokens[j + 2]   # "Kepala Pusat Data, Informasi, dan Komunikasi ... BNPB"
        if t.text in (",", "/") or t.low in ("dan", "&"):
            return nxt.text[:1].isupper() and lexicon.word_class(nxt.low) not in ("nonname", "pronoun")
        if t.text == "(":
            close = next((m for m in range(j + 1, min(j + 5, len(self.tokens))) if self.tokens[m].text == ")"), None)
            return close is not None
        if t.text == ")" or (self.tokens[j - 1].text == "(" and t.text.isupper()):
            return True
        return False

    def named_after_title(self, a: int, b: int) -> Optional[Speaker]:
        """"kata Kepala Dinas Kesehatan (Dinkes) Seram Bagian Barat, Gariman Kurniawan
        dilansir ...": a phrase opened by a capitalised title word (the lexicon's), a
        comma, then a bare run of capitalised words closing the phrase, none a title, time
        or function word, is the name of the title's holder (news writes "title, name"),
        whatever the NER made of either part (here the regency is tagged a person and the
        name a place). A comma inside a title ("Bidang Politik, Hukum, dan
        Keamanan") is followed by a word of the title, not by a run that closes it."""
        if b - a < 4 or not self.tokens[a].text[:1].isupper() or lexicon.word_class(self.tokens[a].low) != "person":
            return None
        for k in range(a + 1, b - 2):
            if self.tokens[k].text != ",":
                continue
            c = k + 1
            while c < b and c - k <= 4 and self.tokens[c].is_word and self.tokens[c].text[:1].isupper() \
                    and lexicon.word_class(self.tokens[c].low) is None:
                c += 1
            if c - k - 1 >= 2 and (c >= b or self.tokens[c].text.islower()):
                break
        else:
            return None
        run = self.tokens[k + 1:c]
        s, e = run[0].start, run[-1].end
        title_start = self.tokens[a].start
        if any(x.label == "PER" and x.end <= s and not _role_only(x) and not self._tagged_place_elsewhere(x)
               and self.text[x.start - 1:x.start] != "("   # a bracketed short form: "(Dinkes)"
               for x in self._entities_from(title_start, s)):
            return None   # the title names its holder itself ("Menteri X Budi, ..."): keep it
        if any(x.label == "ORG" and x.start >= s and x.end <= e for x in self._entities_from(s, e)):
            return None
        sp = self.resolve(k + 1, c)
        if sp is not None and sp.named:
            return sp
        return Speaker(self.text[s:e], self.text[s:e], s, e, True, True)

    def _tagged_place_elsewhere(self, x: Entity) -> bool:
        """A "person" whose words the NER tags inside a place elsewhere in the text
        ("Seram Bagian Barat" beside "Kabupaten Seram Bagian Barat"): a place."""
        return any(e.label == "LOC" and x.text in e.text for e in self.entities)

    def np_before(self, k: int, floor: int) -> tuple[int, int]:
        """Token range of the subject before the cue at token k ("Seorang pejabat AS, yang
        enggan disebut namanya, menuturkan"): skips adverbs and a relative clause
        between commas; stops at a clause boundary."""
        j = k - 1
        while j >= 0 and self.tokens[j].start >= floor and lexicon.word_class(self.tokens[j].low) == "adverb":
            j -= 1
        end = j + 1
        if j >= 0 and self.tokens[j].text == ",":
            # "X, yang ..., mengatakan" or an appositive "Ketua KPU, Noor Thoha, mengatakan"
            seg_end = j
            m = j - 1
            if self._age_at(m):
                m -= 3   # "Massimo Mascoli (68), mengatakan": the age belongs to the name
                seg_end = m + 1
            seg_start = self._back_to_boundary(m, floor)
            for _ in range(3):   # "X, saat dihubungi di Ambon, Minggu (24/1) petang, mengatakan"
                if not self._adverbial(seg_start, seg_end):
                    break
                c = self._comma_before(seg_start, floor)
                if c is None:
                    break
                seg_end, j = c, c
                seg_start = self._back_to_boundary(c - 1, floor)
            if seg_start < seg_end and self.tokens[seg_start].low == "yang":
                j = seg_start - 1
                if j >= 0 and self.tokens[j].text == ",":
                    j -= 1
                end = j + 1
            else:
                end = seg_end
                j = seg_end - 1
        if j >= 0 and (lexicon.word_class(self.tokens[j].low) == "stop" or self.tokens[j].low in ("dan", "serta")):
            return k, k   # "tanpa menyebutkan", "... dan menyampaikan": no subject of its own
        start = self._back_to_boundary(j, floor)
        if end - start > MAX_NP_TOKENS:
            start = end - MAX_NP_TOKENS
        for m in range(end - 1, start - 1, -1):
            low = self.tokens[m].low
            if low == "yang" and m > start and not any(
                    _looks_verb(t.low) for t in self.tokens[m + 1:end] if t.text.islower()):
                end = m   # "Penyelenggara dan pengunjuk rasa yang turun ke jalan mengatakan"
                continue
            if self.tokens[m].text.islower() and (_looks_verb(low) or low in ("yang", "adalah", "ialah", "merupakan")):
                start = m + 1   # "... yang memungkinkan diplomat menyampaikan" -> "diplomat"
                break
        if (start < end and self.tokens[start].low in _CIRCUMSTANCE and start > 0
                and self.tokens[start - 1].text == "," and self.tokens[start - 1].start >= floor):
            return self.np_before(start - 1, floor)   # "X, saat hadir di ... mengatakan": X
        while start < end and lexicon.word_class(self.tokens[start].low) in ("stop", "adverb"):
            start += 1   # "dengan pihak AS menyatakan" -> "pihak AS"; "Sebelumnya BPS ..." -> "BPS"
        return start, end

    def _adverbial(self, a: int, b: int) -> bool:
        """A comma segment of time or circumstance, not a noun phrase: "saat dihubungi",
        "Senin (24/1/2021) petang", "di Jakarta"."""
        if a >= b:
            return a > 0 and self.tokens[a - 1].text == ")"
        first = self.tokens[a]
        return (lexicon.word_class(first.low) in ("stop", "time", "nonname")
                or (a > 0 and self.tokens[a - 1].text == ")")
                or any(c.isdigit() for t in self.tokens[a:b] for c in t.text))

    def _age_at(self, m: int) -> bool:
        """Token m closes an age after a name: "Dhiko (32)"."""
        return (m >= 3 and self.tokens[m].text == ")" and self.tokens[m - 1].text.isdigit()
                and len(self.tokens[m - 1].text) <= 3 and self.tokens[m - 2].text == "("
                and self.tokens[m - 3].text[:1].isupper())

    def _comma_before(self, a: int, floor: int) -> Optional[int]:
        """Index of the comma opening the segment that ends before token a."""
        m = a - 1
        while m >= 0 and self.tokens[m].start >= floor and self.tokens[m].text != ",":
            if self.tokens[m].text in ".!?;:" or _reporting(self.tokens[m].low):
                return None
            m -= 1
        return m if m >= 0 and self.tokens[m].start >= floor and self.tokens[m].text == "," else None

    def _back_to_boundary(self, j: int, floor: int) -> int:
        while j >= 0 and self.tokens[j].start >= floor:
            t = self.tokens[j]
            if not t.is_word and t.text not in "-.’'" or t.text in ".":
                if not (t.text == "." and _is_initial(self.tokens, j)):
                    break
            if lexicon.word_class(t.low) == "clause" or _reporting(t.low):
                break
            j -= 1
        return j + 1

    def apposition_after(self, b: int, limit: int, hops: int = 3) -> Optional[Speaker]:
        """A name in the comma segments after a description: "kata Kepala Dusun X,
        Kelurahan Y, Wahyu Wibowo, ..." -> Wahyu Wibowo."""
        found = None
        skip = b
        while (skip < len(self.tokens) and skip - b < 8 and self.tokens[skip].start < limit
               and self.tokens[skip].is_word and not lexicon.cue_of(self.tokens[skip].low)):
            skip += 1   # "warga asal Ungaran yang melintas, Dhiko", "pengamat dari ITB, Yannes"
        if skip < len(self.tokens) and self.tokens[skip].text == ",":
            b = skip
        for _ in range(hops):
            if b >= len(self.tokens) or self.tokens[b].text != "," or self.tokens[b].start >= limit:
                break
            a, b = self.np_after(b + 1, limit)
            sp = self.resolve(a, b)
            if sp is not None and sp.named:
                found = sp
                if sp.start == self.tokens[a].start and sp.end == self.tokens[b - 1].end:
                    break   # the whole segment is a name: "..., Banu Hermawan, saat ..."
        return found

    def apposition_before(self, a: int, floor: int) -> Optional[Speaker]:
        """"Tri Maharini, dokter emergensi dari ..., memaparkan" -> Tri Maharini."""
        if a <= 0 or self.tokens[a - 1].text != "," or self.tokens[a - 1].start < floor:
            return None
        start = self._back_to_boundary(a - 2, floor)
        sp = self.resolve(start, a - 1)
        return sp if sp is not None and sp.named else None

    # -- resolution -----------------------------------------------------------------

    def resolve(self, a: int, b: int) -> Optional[Speaker]:
        if b <= a:
            return None
        toks = self.tokens[a:b]
        s, e = toks[0].start, toks[-1].end
        described_person = self._described_person(toks)
        if described_person is not None:
            return described_person
        inside = [x for x in self._entities_from(s, e) if x.end <= e]
        if any(x.label == "PER" and _role_only(x) for x in inside):
            inside = [x for x in inside if not (x.label == "PER" and _role_only(x))]
        people = [x for x in inside if x.label == "PER" and not _role_only(x)]
        if people:
            sure = [x for x in people if self._is_trusted(x)]
            x = (sure or people)[-1]
            return Speaker(self._person_name(x), x.text, x.start, x.end, True, True)
        words = [t for t in toks if t.is_word]
        if not words:
            return None
        for x in reversed(inside):
            full = self._person_in_org(x)
            if full:   # "Mayjen TNI Kristomei" tagged as the organisation "TNI Kristomei"
                return Speaker(full, x.text, x.start, x.end, True, True)
        if lexicon.word_class(words[0].low) == "pronoun":
            return self.pronoun(words[0])
        head = _head(words)
        head_is_person = lexicon.word_class(head.low) == "person"
        # The phrase is one entity ("Israel mengatakan"), or ends with an organisation
        # ("situs berita ... Middle East Eye mengatakan") that is not a person's affiliation.
        if inside and inside[-1].start <= words[0].start and inside[-1].end >= words[-1].end:
            x = inside[-1]
            person = self._names_person(x)   # "AHY", tagged ORG, short for Agus Harimurti Yudhoyono
            return Speaker(x.canonical, x.text, x.start, x.end, person, person)
        orgs = [x for x in inside if x.label == "ORG"]
        if orgs and orgs[-1].end == e and not head_is_person:
            x = orgs[-1]
            return Speaker(x.canonical, x.text, x.start, x.end, False)
        described = self._truncate(words)
        head = _head(described)
        head_is_person = lexicon.word_class(head.low) == "person"
        if described[-1].low in DEMONSTRATIVES and len(described) > 1:
            found = self.antecedent(described)
            if found is not None and (found.named or not head_is_person):
                return found
            if head_is_person or head.text[:1].isupper():
                # "Waketum PAN ini", "bos Space X dan Tesla itu", "perempuan pertama yang
                # menjabat sebagai Menko PMK itu": the person the text is speaking of
                sp = self.pronoun(described[0])
                if sp.named:
                    return Speaker(sp.name, phrase_of(self.text, described), described[0].start,
                                   described[-1].end, True, True)
            if found is not None:
                return found
        # A capitalised title alone ("kata Presiden") names the person introduced with it.
        if head_is_person and head.text[:1].isupper() and described[0].low not in DETERMINERS and len(described) <= 3:
            found = self.role_holder(described, s)
            if found is not None:
                return found
        if orgs and not head_is_person:
            x = orgs[-1]
            return Speaker(x.canonical, x.text, x.start, x.end, False)
        ds, de = described[0].start, described[-1].end
        phrase = self.text[ds:de]
        return Speaker(phrase, phrase, ds, de, head_is_person)

    def _names_person(self, x: Entity) -> bool:
        return x.label == "PER" or any(e.label == "PER" and e.canonical == x.canonical for e in self.entities)

    def _person_in_org(self, x: Entity) -> Optional[str]:
        """A person's name the NER put inside an organisation: the person, when the text
        names them in full elsewhere."""
        if x.label != "ORG":
            return None
        words = [w for w in x.text.split() if not w.isupper() and w[:1].isupper()]
        if not words:
            return None
        fuller = [e.canonical for e in self.entities if e.label == "PER" and set(words) <= set(e.canonical.split())]
        return fuller[0] if fuller else None

    def _person_name(self, x: Entity) -> str:
        """The name without a unit written before it ("Mayjen TNI Kristomei" tagged as
        "TNI Kristomei"), completed from a fuller mention ("Kristomei Sianturi")."""
        words = x.canonical.split()
        while len(words) > 1 and words[0].isupper() and len(words[0]) >= 2:
            words = words[1:]
        if len(words) == len(x.canonical.split()):
            return x.canonical
        fuller = [e.canonical for e in self.entities if e.label == "PER" and set(words) < set(e.canonical.split())
                  and not e.canonical.split()[0].isupper()]
        return fuller[0] if fuller else " ".join(words)

    def _described_person(self, toks: list[Token]) -> Optional[Speaker]:
        """"bos Space X dan Tesla itu", "perempuan pertama yang menjabat sebagai Menko PMK
        itu": a person described, closed by a demonstrative, is the person the text is
        speaking of (names inside the description are not the speaker)."""
        words = [t for t in toks if t.is_word]
        if len(words) < 3 or words[-1].low not in DEMONSTRATIVES or not words[0].text.islower() \
                or lexicon.word_class(_head(words).low) != "person":
            return None
        sp = self.pronoun(words[0])
        if not sp.named:
            return None
        return Speaker(sp.name, phrase_of(self.text, words), words[0].start, words[-1].end, True, True)

    def _truncate(self, words: list[Token]) -> list[Token]:
        out = [words[0]]
        for t in words[1:]:
            if lexicon.word_class(t.low) in ("stop", "clause") and t.text.islower():
                break
            out.append(t)
        return out

    def pronoun(self, tok: Token, before_pos: Optional[int] = None) -> Speaker:
        """The most recent person before ``tok`` (or before ``before_pos``) in subject
        position (a speaker, or a name opening its clause before its verb: not "... visi
        Presiden Prabowo menuju", nor "DKPP menilai Betty ..."), else the most recent
        person; the words stay the pronoun's."""
        until = tok.start if before_pos is None else min(tok.start, before_pos)
        before = self._people[bisect.bisect_left(self._people_at, until - ANTECEDENT_WINDOW):
                              bisect.bisect_left(self._people_at, until)]
        subjects = [x for x in before if self._subject_like(x[0], x[1])]
        best = (subjects or before or [None])[-1]
        if best is None:
            maybe = [x for x in self._maybe_people if until - ANTECEDENT_WINDOW <= x[0] < until]
            best = maybe[-1] if maybe else None
        if best is None:
            # no person yet: "-nya" goes back to the body last quoted ("BPS menyebut ...")
            bodies = [x for x in self._bodies if x[0] < until]
            if bodies:
                return Speaker(bodies[-1][1].name, tok.text, tok.start, tok.end, False, False)
            return Speaker(None, tok.text, tok.start, tok.end, True, False)
        return Speaker(best[1].name, tok.text, tok.start, tok.end, True, True)

    def _subject_like(self, pos: int, sp: Speaker) -> bool:
        """A name at a clause start or followed by a verb ("Kusnawan berharap, ...")."""
        if sp.text is None or sp.end is None or sp.start != pos or pos in self._speakers:
            return True   # a remembered quote speaker
        k = bisect.bisect_left(self._starts, pos)
        if k > 0 and lexicon.cue_of(self.tokens[k - 1].low):
            return True   # named by a cue: "lanjut Sri Mulyani", "menurut Andre", "disampaikan X"
        if not self._opens_clause(k):
            return False  # "... visi Presiden Prabowo menuju ...", "DKPP menilai Betty ...": not a subject
        k = bisect.bisect_left(self._starts, sp.end)
        while k < len(self.tokens) and lexicon.word_class(self.tokens[k].low) == "adverb":
            k += 1
        if k < len(self.tokens):
            low = self.tokens[k].low
            if _looks_verb(low) or lexicon.cue_of(low) or low in ("berharap", "yakin"):
                return True
            if self.tokens[k].text == "," and k + 1 < len(self.tokens) and (
                    _looks_verb(self.tokens[k + 1].low) or lexicon.cue_of(self.tokens[k + 1].low)):
                return True
        return False

    def _opens_clause(self, k: int) -> bool:
        """The name at token k opens a clause: only its titles ("Wakil Ketua Komisi X DPR")
        stand between it and a sentence start, a comma or a conjunction."""
        j = k - 1
        while j >= 0 and k - j <= 8 and self.tokens[j].is_word and (
                self.tokens[j].text[:1].isupper() or lexicon.word_class(self.tokens[j].low) == "person"):
            j -= 1
        if j < 0 or (not self.tokens[j].is_word and not self.tokens[j].text[:1].isdigit()):
            return True
        return lexicon.word_class(self.tokens[j].low) in ("clause", "adverb") or self.tokens[j].low in (
            "bahwa", "dan", "sementara", "kemudian", "lalu", "namun", "tetapi", "sedangkan")

    def role_holder(self, words: list[Token], pos: int) -> Optional[Speaker]:
        """"kata Presiden" -> the last person named with "Presiden" before it."""
        role = " ".join(t.low for t in words if t.low not in DETERMINERS)
        if not role:
            return None
        best = None
        role_before = re.compile(r"\b" + re.escape(role) + r"\b[^.]*$")  # once, not per entity
        for x in self._entities_from(pos - ANTECEDENT_WINDOW, pos):
            if x.label != "PER":
                continue
            before = self.text[max(0, x.start - 60):x.start].lower()
            if (x.role and role in x.role.lower()) or role_before.search(before):
                best = x
        if best is None:
            return None
        s, e = words[0].start, words[-1].end
        return Speaker(best.canonical, self.text[s:e], s, e, True, True)

    def antecedent(self, words: list[Token]) -> Optional[Speaker]:
        """"sumber tersebut" -> the earlier "sumber"; "kabel tersebut" -> the earlier
        "kabel perbedaan pendapat" (the noun with the modifiers that followed it)."""
        head = _head(words)
        s, e = words[0].start, words[-1].end
        for pos, sp in reversed(self._people[:bisect.bisect_left(self._people_at, s)]):
            if sp.name.lower().split()[-1:] and head.low in sp.name.lower().split():
                return Speaker(sp.name, self.text[s:e], s, e, sp.person)
        window = range(bisect.bisect_left(self._starts, s - ANTECEDENT_WINDOW), bisect.bisect_left(self._starts, s))
        idx = [i for i in window if self.tokens[i].low == head.low]
        if not idx:
            return None
        i = idx[-1]
        j = i + 1
        while (j < len(self.tokens) and j - i < 6 and self.tokens[j].is_word
               and lexicon.word_class(self.tokens[j].low) in (None, "person", "org")
               and self.tokens[j].low not in DEMONSTRATIVES and not lexicon.cue_of(self.tokens[j].low)
               and not _looks_verb(self.tokens[j].low)):
            j += 1
        name = self.text[self.tokens[i].start:self.tokens[j - 1].end]
        name = name[0].lower() + name[1:] if name[:1].isupper() and not self.tokens[i].text.isupper() else name
        return Speaker(name, self.text[s:e], s, e, lexicon.word_class(head.low) == "person")


def _role_only(e: Entity) -> bool:
    """A "person" the NER found that is only a title ("ujar Bupati")."""
    return all(lexicon.word_class(w.lower()) == "person" for w in e.text.split())


def phrase_of(text: str, words: list[Token]) -> str:
    return text[words[0].start:words[-1].end]


def _reporting(low: str) -> bool:
    """A speech cue that starts or ends a report (not an attitude verb like "meminta")."""
    hit = lexicon.cue_of(low)
    return hit is not None and hit[0] != lexicon.ATTITUDE


def _head(words: list[Token]) -> Token:
    for t in words:
        if t.low not in DETERMINERS and t.low not in ("dari", "dan"):
            return t
    return words[-1]


_VERB = re.compile(r"(?:me|ber)[a-z]{3,}")
# me-/ber- words that are nouns, not verbs
_NOT_VERBS = frozenset("menteri mereka merdeka berita beras berkas menara media medan metro menit "
                       "merek meter mesin mental mentor melayu meksiko".split())


def _looks_verb(low: str) -> bool:
    """Indonesian active verbs carry a me-/ber- prefix; a subject noun phrase does not
    reach back over one ("... yang memungkinkan diplomat menyampaikan")."""
    return bool(_VERB.fullmatch(low)) and low not in _NOT_VERBS


def _is_initial(tokens: list[Token], j: int) -> bool:
    """A period after a one-letter initial or title ("Joko S. Tjandra", "dr.")."""
    return j > 0 and tokens[j - 1].is_word and len(tokens[j - 1].text) <= 3 and tokens[j - 1].text[:1].isupper() \
        and tokens[j - 1].end == tokens[j].start
