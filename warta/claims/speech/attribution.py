"""Finding who said each quote, and reported speech without quote marks.

Direct quotes (from ``marks``) are attributed, in order of preference, by
  1. a cue right after the closing mark:  “…,” kata X / “…,” ujarnya / “…,” X menegaskan
  2. a cue before the opening mark in the same sentence:  X mengatakan, “…” / X menyatakan
     bahwa 'lebih banyak hal' … (a partial quote)
  3. a cue ending the previous sentence with a colon:  X mengatakan: ¶ “…”
  4. the quote right before it (a continuation: the same speaker goes on).
Indirect quotes come from cues outside quote marks:
  X mengatakan (bahwa) CLAUSE / CLAUSE, kata X / menurut X, CLAUSE (X a person).
Hand-written rules: no library does Indonesian quote attribution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from warta.claims.speech import lexicon
from warta.claims.speech.lexicon import ACCORDING, AFTER_QUOTE, ATTITUDE, INVERTED, SAY, SUFFIX
from warta.claims.speech.marks import QuoteSpan
from warta.claims.speech.speakers import DEMONSTRATIVES, Resolver, Speaker
from warta.claims.speech.text import QUOTE_CHARS, Layout, Token

# How many words may stand between a closing mark and its cue ("…,” salah satu dari
# mereka kata sumber"); more than that and the cue belongs to another statement.
MAX_WORDS_BEFORE_CUE = 6
# An indirect quote shorter than this many words is an object, not a clause
# ("mengatakan hal itu").
MIN_CLAUSE_WORDS = 3
# A partial quote this many words or fewer after a cue is the cue speaker's words
# ("menyatakan bahwa 'lebih banyak hal'"); further in, a quoted term is the writer's.
MAX_GOVERN_WORDS = 8
# A quote with no cue is a continuation when the previous quote ended this close.
CONTINUATION_GAP = 3   # sentences
# Prepositional phrases that may stand between a cue and its clause
# ("mengatakan kepada wartawan, ...", "menuturkan dalam keterangan tertulis, ...").
PP_HEADS = {"kepada", "dalam", "di", "pada", "saat", "usai", "seusai", "melalui", "lewat", "ketika", "dari", "seperti", "sebagaimana"}


# Verbs that also take an abstract noun as object ("menyatakan keprihatinan",
# "menyampaikan kekhawatiran", "mengungkapkan kekecewaan"): then no speech is reported.
OBJECT_TAKING = {"menyatakan", "menyampaikan", "mengungkapkan", "mengemukakan", "menegaskan",
                 "menjelaskan", "memaparkan", "menanggapi", "menanyakan"}
_NOMINAL = re.compile(r"(?:ke|pe|per|pen|pem|peng|peny)[a-z]+an")
# Objects that make the verb tell what was talked about, not report words ("menyampaikan
# apresiasi", "menjelaskan sejumlah isu", "menanggapi munculnya nama", "menanyakan apakah").
_OBJECT_WORDS = {"sejumlah", "beberapa", "berbagai", "apresiasi", "terima", "permohonan", "isi", "hal",
                 "soal", "terkait", "munculnya", "rencana", "kemungkinan", "harapan", "harapannya",
                 "rasa", "ucapan", "apakah", "mengenai", "tentang"}


@dataclass
class Found:
    kind: str
    start: int
    end: int
    speaker: Optional[Speaker]
    cue: Optional[str]
    cue_pos: Optional[int] = None   # token index of the cue, so no cue is used twice


class Attributor:
    def __init__(self, text: str, tokens: list[Token], layout: Layout, resolver: Resolver,
                 quotes: list[QuoteSpan]):
        self.text = text
        self.tokens = tokens
        self.layout = layout
        self.resolver = resolver
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_starts = [q.start for q in self.quotes]
        self._tok_starts = [t.start for t in tokens]
        self.used_cues: set[int] = set()
        self.speaker_at_cue: dict[int, Speaker] = {}
        # Token indices of every cue, looked up once: a quote's search for its cue is then
        # a bisect, not a scan of its sentence (quadratic in a sentence dense with quotes),
        # and only these tokens can open reported speech (``indirect``).
        cue_words = lexicon.cue_words()  # (t.low is lower-case: in it exactly when cue_of answers)
        self.cue_at = [i for i, t in enumerate(tokens) if t.low in cue_words]

    # -- helpers --------------------------------------------------------------------

    def _tok_index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self._tok_starts, pos)

    def _in_quote(self, pos: int) -> Optional[QuoteSpan]:
        i = bisect.bisect_right(self._quote_starts, pos) - 1   # quotes do not overlap
        if i >= 0 and pos < self.quotes[i].end:
            return self.quotes[i]
        return None

    def _cue(self, i: int) -> Optional[tuple[str, str]]:
        return lexicon.cue_of(self.tokens[i].low) if 0 <= i < len(self.tokens) else None

    def _speaker_for_cue(self, i: int, cls: str, lemma: str, limit: int, floor: int) -> Optional[Speaker]:
        if cls == SUFFIX:
            return self.resolver.pronoun(self.tokens[i])
        if cls in (SAY, ATTITUDE):
            a, b = self.resolver.np_before(i, floor)
            sp = self.resolver.resolve(a, b)
            if sp is not None and not sp.named:
                sp = self.resolver.apposition_before(a, floor) or sp
            return sp
        a, b = self.resolver.np_after(i + 1, limit)
        sp = self.resolver.named_after_title(a, b) or self.resolver.resolve(a, b)
        if sp is not None and not sp.named and b < len(self.tokens) and self.tokens[b].low == "yang":
            # "ujar perempuan pertama yang menjabat sebagai Menko PMK itu"
            c = b
            while c < len(self.tokens) and c - b < 12 and self.tokens[c].is_word and self.tokens[c].start < limit:
                c += 1
            if self.tokens[c - 1].low in DEMONSTRATIVES:
                sp = self.resolver.resolve(a, c) or sp
        if sp is not None and not sp.named:
            sp = self.resolver.apposition_after(b, limit) or sp
        return sp

    # -- direct quotes --------------------------------------------------------------

    def attribute(self, q: QuoteSpan, previous: Optional[Found]) -> Optional[Found]:
        for rule in (self._after, self._before, self._colon_before):
            found = rule(q)
            if found is not None:
                if found.cue_pos is not None and found.speaker is not None:
                    self.speaker_at_cue[found.cue_pos] = found.speaker
                return found
        return self._continuation(q, previous)

    def _after(self, q: QuoteSpan) -> Optional[Found]:
        """“…,” kata X / “…,” ujarnya / “…,” X mengatakan."""
        s_start, s_end = self.layout.sentence_at(max(q.end - 1, 0))
        limit = min(max(s_end, q.end), self.layout.paragraph_end(q.end))
        if limit <= q.end:  # the sentence ended with the quote: allow the next one
            limit = self.layout.sentence_at(q.end + 1)[1] if q.end + 1 < len(self.text) else q.end
            limit = min(limit, self.layout.paragraph_end(q.end))
        i = self._tok_index(q.end)
        words = 0
        while i < len(self.tokens) and self.tokens[i].start < limit:
            t = self.tokens[i]
            if t.text in QUOTE_CHARS or t.text in ".!?;" and not (words == 0):
                break
            hit = self._cue(i)
            if hit and i not in self.used_cues:
                cls, lemma = hit
                if cls in (INVERTED, AFTER_QUOTE, SUFFIX):
                    sp = self._speaker_for_cue(i, cls, lemma, limit, q.end)
                    if sp is None and words:   # "…,” X kata" is rare; take the words before
                        a, b = self._tok_index(q.end), i
                        sp = self.resolver.resolve(*self._words_only(a, b))
                    if sp is not None:
                        self.used_cues.add(i)
                        return Found("direct", q.content_start, q.content_end, sp, lemma, i)
                if cls == SAY and words:
                    a, b = self._words_only(self._tok_index(q.end), i)
                    sp = self.resolver.resolve(a, b)
                    if sp is not None:
                        self.used_cues.add(i)
                        return Found("direct", q.content_start, q.content_end, sp, lemma, i)
            if t.is_word:
                words += 1
                if words > MAX_WORDS_BEFORE_CUE:
                    break
            i += 1
        return self._bare_name_after(q, limit)

    def _bare_name_after(self, q: QuoteSpan, limit: int) -> Optional[Found]:
        """“…,” Juru Bicara Lion Air Danang Mandala. — the verb left out: a named person
        alone between the ',”' and the end of the sentence."""
        if not self.text[q.content_end:q.end].startswith(","):
            return None
        a = self._tok_index(q.end)
        a, b = self.resolver.np_after(a, limit)
        if b >= len(self.tokens) or self.tokens[b].text not in ".!?" or b == a:
            return None
        sp = self.resolver.resolve(a, b)
        if sp is None or not sp.named:
            return None
        return Found("direct", q.content_start, q.content_end, sp, None)

    def _words_only(self, a: int, b: int) -> tuple[int, int]:
        while a < b and not self.tokens[a].is_word:
            a += 1
        while b > a and not self.tokens[b - 1].is_word:
            b -= 1
        return a, b

    def _before(self, q: QuoteSpan) -> Optional[Found]:
        """X mengatakan, “…” / X menyatakan bahwa 'lebih banyak hal' perlu … / Menurut X, “…”."""
        s_start, _ = self.layout.sentence_at(q.start)
        floor = max(s_start, self.layout.paragraph_start(q.start))
        first = self._tok_index(floor)
        qi = self._tok_index(q.start)
        cues = [i for i in self.cue_at[bisect.bisect_left(self.cue_at, first):bisect.bisect_left(self.cue_at, qi)]
                if not self._in_quote(self.tokens[i].start)]
        if not cues:
            return None
        i = cues[-1]
        cls, lemma = self._cue(i)
        if cls == AFTER_QUOTE or i in self.used_cues:
            return None
        if any(self._cue(j)[0] in (SAY, INVERTED, SUFFIX, ACCORDING) for j in cues[:-1]):
            return None  # nested: someone reports what this cue's speaker said
        if not self._introduced(q) and self._words_between(i, qi) > MAX_GOVERN_WORDS:
            return None  # a term quoted deep inside a report ("terhadap “pertumpahan darah”")
        if cls == ACCORDING:
            a, b = self.resolver.np_after(i + 1, q.start)
            sp = self.resolver.resolve(a, b)
        else:
            sp = self._speaker_for_cue(i, cls, lemma, q.start, floor)
        if sp is None:
            return None
        self.used_cues.add(i)
        return Found("direct", q.content_start, q.content_end, sp, lemma, i)

    def _introduced(self, q: QuoteSpan) -> bool:
        """The quote follows a comma or colon ("X mengatakan, “…”"), not a running clause."""
        j = q.start - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        return j >= 0 and self.text[j] in ",:"

    def _words_between(self, i: int, j: int) -> int:
        return sum(1 for t in self.tokens[i + 1:j] if t.is_word)

    def _colon_before(self, q: QuoteSpan) -> Optional[Found]:
        """X mengatakan: ¶ “…” (the cue sentence ends with a colon)."""
        j = q.start - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] != ":":
            return None
        s_start, _ = self.layout.sentence_at(j)
        floor = max(s_start, self.layout.paragraph_start(j))
        for i in range(self._tok_index(j) - 1, self._tok_index(floor) - 1, -1):
            hit = self._cue(i)
            if hit and hit[0] in (SAY, INVERTED, SUFFIX) and i not in self.used_cues:
                sp = self._speaker_for_cue(i, hit[0], hit[1], j, floor)
                if sp is not None:
                    self.used_cues.add(i)
                    return Found("direct", q.content_start, q.content_end, sp, hit[1], i)
        return None

    def _continuation(self, q: QuoteSpan, previous: Optional[Found]) -> Optional[Found]:
        if previous is None or previous.speaker is None or previous.kind != "direct":
            return None
        gap_from = previous.end
        if previous.cue_pos is not None:
            gap_from = max(gap_from, self.tokens[previous.cue_pos].end)
        if q.start < gap_from:
            return None
        gap = self.layout.sentence_index(q.start) - self.layout.sentence_index(gap_from)
        if gap > CONTINUATION_GAP:
            return None
        # a new speaker named in between breaks the chain
        if any(self._cue(i) for i in range(self._tok_index(gap_from), self._tok_index(q.start))
               if not self._in_quote(self.tokens[i].start)):
            return None
        sp = Speaker(previous.speaker.name, None, None, None, previous.speaker.person)
        return Found("direct", q.content_start, q.content_end, sp, previous.cue)

    # -- indirect quotes ------------------------------------------------------------

    def indirect(self, i: int) -> Optional[Found]:
        """Reported speech around the cue at token i, or None."""
        hit = self._cue(i)
        if hit is None or i in self.used_cues or self._in_quote(self.tokens[i].start):
            return None
        cls, lemma = hit
        s_start, s_end = self.layout.sentence_at(self.tokens[i].start)
        p_start = self.layout.paragraph_start(self.tokens[i].start)
        p_end = self.layout.paragraph_end(self.tokens[i].start)
        floor, ceil = max(s_start, p_start), min(s_end, p_end)
        prev = self.tokens[i - 1] if i > 0 else None
        if cls == SAY:
            if prev is not None and prev.low in _WHILE:
                # "…,” ujarnya, seraya menambahkan bahwa …": the same speaker goes on
                sp = self._earlier_speaker(floor, i)
            elif prev is not None and prev.low in (",", "dan", "serta") and self._earlier_speaker(floor, i):
                # "X mengatakan …, menambahkan bahwa …": the same subject goes on
                sp = self._earlier_speaker(floor, i)
            elif prev is not None and prev.low in ("dan", "serta"):
                # "X menghadiri rapat dan menjelaskan …": the sentence's subject speaks
                sp = self.resolver.resolve(*self.resolver.sentence_subject(self._tok_index(floor), i))
            else:
                sp = self._speaker_for_cue(i, cls, lemma, ceil, floor)
            if sp is None or self._requested(i, floor):
                return None
            if lemma in OBJECT_TAKING and i + 1 < len(self.tokens) and (
                    _NOMINAL.fullmatch(self.tokens[i + 1].low) or self.tokens[i + 1].low in _OBJECT_WORDS):
                return None  # "menyatakan keprihatinan": voicing a feeling, not reporting words
            span = self._clause_after(i + 1, ceil)
        elif cls in (INVERTED, SUFFIX) and prev is not None and prev.text == "," and prev.start >= floor:
            # "CLAUSE, kata X." / "CLAUSE, ujarnya."
            if self._quote_ends_at(prev.start):
                return None
            sp = self._speaker_for_cue(i, cls, lemma, ceil, floor)
            if sp is not None and sp.name and sp.text and _is_pronoun(sp.text) and sp.name.split()[0] in \
                    self.text[floor:prev.start]:
                # "Sedangkan Noel, kata dia, tidak menempuh ...": the person the clause is
                # about is not who speaks of him; the pronoun goes back before the sentence
                sp = self.resolver.pronoun(self.tokens[self._tok_index(sp.start)], before_pos=floor)
            b = i + 1 if cls == SUFFIX else self.resolver.np_after(i + 1, ceil)[1]
            if b < len(self.tokens) and self.tokens[b].text == "," and self.tokens[b].end < ceil - 2:
                span = self._split_around(floor, prev.start, self.tokens[b].end, ceil)   # "A, kata X, B."
            else:
                span = self._trim(floor, prev.start)
        elif cls == ACCORDING and self.tokens[i].low.endswith("nya"):
            # "Menurutnya, CLAUSE.": the pronoun's person says it
            sp = self.resolver.pronoun(self.tokens[i])
            if not sp.named:
                return None
            span = self._clause_after(i + 1, ceil)
        elif cls == ACCORDING:
            a, b = self.resolver.np_after(i + 1, ceil)
            sp = self.resolver.resolve(a, b)
            if sp is None or not sp.person:
                return None
            if not sp.named:
                named = self.resolver.apposition_after(b, ceil)   # "Menurut pengamat ..., Yannes Pasaribu, ..."
                if named is not None:
                    sp, b = named, self._tok_index(named.end) + 1
            after = self.tokens[b] if b < len(self.tokens) else None
            if prev is not None and prev.text == "," and prev.start >= floor:
                if after is not None and after.text == "," and after.end < ceil - 2:
                    span = self._split_around(floor, prev.start, after.end, ceil)   # "A, menurut X, B."
                else:
                    span = self._trim(floor, prev.start)       # "CLAUSE, menurut X."
            else:
                span = self._clause_after(b, ceil)             # "Menurut X, CLAUSE."
        else:
            return None
        if sp is None or span is None:
            return None
        s, e = span
        if cls in (SAY, ATTITUDE) and self._governs_quote(i, s, e):
            return None  # "X menyebut timnya ‘belum siap’ ...": the quoted words are the record
        if sum(1 for t in self.tokens[self._tok_index(s):self._tok_index(e)] if t.is_word) < MIN_CLAUSE_WORDS:
            return None
        self.used_cues.add(i)
        self.speaker_at_cue[i] = sp
        return Found("indirect", s, e, sp, lemma, i)

    def _requested(self, i: int, floor: int) -> bool:
        """"Dia meminta agar TNI mengungkapkan sejelas-jelasnya ...": the speech is asked
        for, not reported (a request word at most a few words before the cue)."""
        j = i - 1
        while j >= 0 and i - j <= 5 and self.tokens[j].start >= floor:
            if self.tokens[j].low in _REQUEST:
                return True
            if not self.tokens[j].is_word:
                return False
            j -= 1
        return False

    def _earlier_speaker(self, floor: int, i: int) -> Optional[Speaker]:
        for j in range(i - 1, self._tok_index(floor) - 1, -1):
            if j in self.speaker_at_cue:
                return self.speaker_at_cue[j]
        return None

    def _governs_quote(self, i: int, s: int, e: int) -> bool:
        """The cue at token i directly governs a quote inside its clause [s, e) (no other
        reporting verb stands between them)."""
        first = bisect.bisect_left(self._quote_starts, s)
        for q in self.quotes[first:bisect.bisect_left(self._quote_starts, e, first)]:
            if _char_before(self.text, q.start) not in (".", "!", "?", ":"):
                if self._words_between(i, self._tok_index(q.start)) > MAX_GOVERN_WORDS:
                    return False
                between = range(i + 1, self._tok_index(q.start))
                return not any(self._cue(j) and self._cue(j)[0] in (SAY, INVERTED, SUFFIX, ACCORDING) for j in between)
        return False

    def _quote_ends_at(self, pos: int) -> bool:
        j = pos - 1
        while j >= 0 and self.text[j] in " ,":
            j -= 1
        return j >= 0 and self.text[j] in QUOTE_CHARS and self._in_quote(j) is not None

    def _clause_after(self, i: int, ceil: int) -> Optional[tuple[int, int]]:
        """The reported clause after a cue: skips "kepada wartawan", a comma, "bahwa", ":"."""
        n = len(self.tokens)
        if i < n and self.tokens[i].low in PP_HEADS:
            j = i
            while j < n and self.tokens[j].start < ceil and self.tokens[j].text != "," and j - i < 8:
                j += 1
            if j < n and self.tokens[j].text == "," and self.tokens[j].start < ceil:
                i = j
            else:
                i += 2   # "kepada wartawan penasihat ..." : the phrase is preposition + noun
        while i < n and self.tokens[i].start < ceil and (self.tokens[i].text in ",:" or self.tokens[i].low == "bahwa"):
            i += 1
        if i >= n or self.tokens[i].start >= ceil:
            return None
        if self.tokens[i].text in QUOTE_CHARS and self._in_quote(self.tokens[i].start):
            return None  # the cue introduces a direct quote
        # "X mengatakan A, menambahkan bahwa B" is one statement: the second cue is used up
        for j in range(i + 1, n):
            if self.tokens[j].start >= ceil:
                break
            hit = self._cue(j)
            if hit and hit[0] == SAY and self.tokens[j - 1].text == ",":
                self.used_cues.add(j)
        return self._trim(self.tokens[i].start, ceil)

    def _split_around(self, a_start: int, a_end: int, b_start: int, b_end: int) -> Optional[tuple[int, int]]:
        """"A, kata X, B.": one span cannot skip the attribution, and a quote must not hold
        its own speaker and cue (it did: "Kemudian, kata Senantara, tata kelola ..."). A,
        where the statement starts ("Penggeledahan di Dinas PUPR Lembata, tutur Risal,
        berdasarkan ..."), unless A is only a connective or a subject ("Kemudian", "Sedangkan
        Noel"): then B."""
        if len(WORDS.findall(self.text, a_start, a_end)) < MIN_CLAUSE_WORDS:
            return self._trim(b_start, b_end)
        return self._trim(a_start, a_end)

    def _trim(self, s: int, e: int) -> Optional[tuple[int, int]]:
        while s < e and (self.text[s].isspace() or self.text[s] in ",:"):
            s += 1
        while e > s and (self.text[e - 1].isspace() or self.text[e - 1] in ".,;:"):
            e -= 1
        return (s, e) if e > s else None


WORDS = re.compile(r"\w+")


def _is_pronoun(words: str) -> bool:
    low = words.lower()
    return low in ("dia", "ia", "beliau") or low.endswith("nya")


# "seraya/sambil menambahkan": the subject of the statement before goes on speaking.
_WHILE = {"seraya", "sambil", "sembari"}


# Words that make the next clause a request, not a report: "meminta agar X mengungkapkan".
_REQUEST = {"agar", "supaya", "meminta", "minta", "mendesak", "menuntut", "mengimbau", "memerintahkan",
            "menyuruh", "harus", "wajib", "perlu", "diminta", "didesak", "dituntut"}


def _char_before(text: str, pos: int) -> str:
    """The last non-space character before ``pos`` ('' at the start): a backward scan, not
    a copy of everything before it."""
    j = pos - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""
