"""Whom the text credits for a figure: "menurut X", "X mengatakan", ", kata X",
"dilansir X", the speaker of the quote it is in, a headline's "X: ..." label."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Optional

from warta import settings
from warta.document import Document
from warta.model import Quote
from warta.claims.figures.counts import Candidate
from warta.claims.figures.lexicon import Lexicon
from warta.claims.figures.text import ACTIVE_VERB, Sentence, WORD


def _clean_source(words: list[str], lex: Lexicon) -> Optional[str]:
    while words and words[0].lower() in ("para", "pihak", "sang", "oleh", "seperti", "dari", "seorang", "sebuah"):
        words = words[1:]
    if not words or words[0].lower() in ("dia", "ia", "mereka", "kami", "kita", "saya", "beliau", "ini", "itu"):
        return None
    return " ".join(words)


# A short form in brackets inside a name ("Menteri Ketenagakerjaan (Menaker) Yassierli",
# "Kejaksaan Negeri (Kejari) Sikka"): the name goes on after it.
_BRACKETED_SHORT_FORM = re.compile(r"[^\S\n]\([A-Z][\w-]{1,15}\)(?=[^\S\n]+[A-Z])")


# "menurut data yang sama dari BPS": the same data as before, credited after "dari".
_SAME_SOURCE = re.compile(r"[^\S\n]*yang[^\S\n]+sama[^\S\n]+(?:dari|milik)\b")


# A name's short form in brackets where the name ends ("Badan Pusat Statistik (BPS) mencatat",
# "berdasarkan data ... Badan Pusat Statistik (BPS) tahun 2025"): the name the article goes on
# to use, and the one a reader credits.
_SHORT_FORM_AFTER = re.compile(r"[^\S\n]*\(([A-Z][A-Za-z-]{1,12})\)")
_SHORT_FORM_BEFORE = re.compile(r"\(([A-Z][A-Za-z-]{1,12})\)[^\S\n]*$")


def _source_after_cue(text: str, low: str, pos: int, end: int, lex: Lexicon) -> Optional[str]:
    same = _SAME_SOURCE.match(low, pos, end)
    if same:
        pos = same.end()
    short = _BRACKETED_SHORT_FORM.search(text, pos, min(end, pos + 120))
    if short:  # blank it out, offsets kept
        text = text[:short.start()] + " " * (short.end() - short.start()) + text[short.end():]
    words = []
    for w in WORD.finditer(text, pos, end):
        between = text[words[-1].end() if words else pos:w.start()]
        if words and any(c in between for c in ",.;:()\"“”"):
            after = _SHORT_FORM_AFTER.match(text, words[-1].end(), end)
            if after and words[-1].group(0)[0].isupper():
                return after.group(1)
            break
        word = w.group(0)
        if word.lower() in lex.source_stop or len(words) >= 6 or word[0].isdigit() \
                or (words and ACTIVE_VERB.match(word.lower())):
            break
        words.append(w)
    return _clean_source([w.group(0) for w in words], lex)


def _source_before_cue(text: str, pos: int, start: int, lex: Lexicon) -> Optional[str]:
    short = _SHORT_FORM_BEFORE.search(text, max(start, pos - 20), pos)
    if short:
        return short.group(1)
    words = list(WORD.finditer(text, start, pos))
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
        if not taken and word.lower() in lex.source_adverbs:
            continue  # "BNPB juga mencatat": an adverb between the subject and its verb
        if word.lower() in lex.source_stop or two in lex.source_stop or len(taken) >= 6:
            break
        taken.insert(0, word)
    return _clean_source(taken, lex)


def sentence_sources(doc: Document, low: str, sent: Sentence, lex: Lexicon,
                     quotes: Optional[QuoteIndex] = None) -> list[tuple[int, str]]:
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
    for _, s, e in lex.source_pronouns.all(low, sent.start, sent.end):
        # "Dalam paparannya, ...", "Menurutnya, ...": the person last quoted
        last = quotes.last_before(sent.start) if quotes is not None else None
        if last is not None:
            out.append((s, last.speaker))
    return out


class QuoteIndex:
    """The document's attributed quotes (the quotes stage runs first), looked up by
    position with bisect: a text dense with figures and quotes stays linear."""

    def __init__(self, doc: Document) -> None:
        quotes = sorted((q for q in doc.quotes if q.speaker), key=lambda q: q.start)
        self._all = (quotes, [q.start for q in quotes])
        self._kind = {}
        for kind in ("direct", "indirect"):
            mine = [q for q in quotes if q.kind == kind]
            self._kind[kind] = (mine, [q.start for q in mine])

    def around(self, pos: int, kind: str) -> Optional[Quote]:
        """The quote of this kind the position is in: its speaker says what is there."""
        quotes, starts = self._kind[kind]
        i = bisect_right(starts, pos) - 1
        return quotes[i] if i >= 0 and pos < quotes[i].end else None

    def last_before(self, pos: int) -> Optional[Quote]:
        """The last attributed quote starting before ``pos``."""
        quotes, starts = self._all
        i = bisect_left(starts, pos) - 1
        return quotes[i] if i >= 0 else None


def pick_source(sources: list[tuple[int, str]], cand: Candidate) -> Optional[str]:
    best, best_dist = None, None
    for pos, src in sources:
        if pos < 0:  # "X mengatakan ... <figure>": the figure must follow closely
            verb_end = -pos - 1
            if not (0 <= cand.number.start - verb_end <= settings.FIGURE_SOURCE_AFTER_VERB):
                continue
            dist = cand.number.start - verb_end
        else:
            dist = abs(cand.number.start - pos)
        if best_dist is None or dist < best_dist:
            best, best_dist = src, dist
    return best


def credited_in_headline(doc: Document, lex: Lexicon) -> Optional[str]:
    m = re.match(r"\s*([^:]{2,40}?)\s*:\s+\S", doc.text)
    if not m:
        return None
    label = m.group(1).strip()
    if label.lower() in lex.headline_labels or len(label.split()) > 4 or re.search(r"\d", label):
        return None
    if re.search(r"\s(?:di|ke)\s", label):
        # "Update WNI di Gaza: ...", "Ngerinya Situasi di Gaza: ...": a label placing its
        # subject names a topic, not who speaks (the development headlines' "X di Y:"
        # labels are topics but for two without figures, "Puan di Monas")
        return None
    return label
