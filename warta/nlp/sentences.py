"""Rule sentence segmenter for Indonesian news (a spaCy component).

Hand-written because spaCy ships no trained Indonesian sentence model, and its rule
``sentencizer`` splits after every period: it breaks titles ("dr. Ali", "Jl. Thamrin"),
initials ("Susilo B. Yudhoyono") and quotes that run over several sentences.

A sentence ends at . ! ? … (plus closing quotes/brackets after it) when the next word
starts a sentence (capital, digit or an opening quote), and always at a line break.
Inside a quotation whose closing mark is found in the same paragraph no break is made,
so the quote and its attribution ("...,” kata X.) stay in one sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from warta.lang.words import MAYBE_FINAL_ABBREVIATIONS, TITLE_ABBREVIATIONS

FINAL_PUNCT = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??", ".."}
CLOSERS = {"”", "’", '"', "'", ")", "]", "»"}
QUOTE_CLOSERS = {"”", '"', "’"}
OPENERS = {"“", "‘", '"', "(", "«", "["}
DOUBLE_OPEN, DOUBLE_CLOSE = "“", "”"
# Quote runs longer than this are treated as unbalanced (a missing closing mark).
MAX_QUOTE_TOKENS = 250


def _is_closer(texts: list[str], spaces: list[str], j: int) -> bool:
    text = texts[j]
    if text not in CLOSERS:
        return False
    # A straight quote after a space and glued to the next word opens a quotation.
    opens = (text in OPENERS and not spaces[j] and spaces[j - 1]
             and j + 1 < len(texts) and texts[j + 1][:1].isalpha())
    return not opens


def _is_title_or_initial(texts: list[str], i: int) -> bool:
    """A title or abbreviation ("dr.", "Kec.") or an initial ("B." in "Susilo B. Yudhoyono"),
    also when its period is a token of its own ("Stephen R . Covey", "Kec . Wuryantoro")."""
    text = texts[i]
    if text == "." and i > 0:
        text = texts[i - 1] + text
    return text in TITLE_ABBREVIATIONS or (len(text) == 2 and text[0].isupper() and text[1] == ".")


def _ends_sentence(text: str) -> bool:
    if text in FINAL_PUNCT or (text[-1] in "!?…" and not text[0].isalnum()):
        return True
    return text in MAYBE_FINAL_ABBREVIATIONS


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in OPENERS or first in "•-–—*"


def _is_break(text: str) -> bool:
    return "\n" in text and not text.strip()


def _quoted_tokens(texts: list[str]) -> list[bool]:
    """True for tokens inside a quotation closed within the same paragraph."""
    inside = [False] * len(texts)
    open_at = None  # index of the pending opening mark
    straight_open = None
    for i, t in enumerate(texts):
        if _is_break(t):
            open_at = straight_open = None
        elif t == DOUBLE_OPEN:
            open_at = i
        elif t == DOUBLE_CLOSE and open_at is not None:
            if i - open_at <= MAX_QUOTE_TOKENS:
                inside[open_at + 1:i] = [True] * (i - open_at - 1)
            open_at = None
        elif t == '"':
            if straight_open is None:
                straight_open = i
            else:
                if i - straight_open <= MAX_QUOTE_TOKENS:
                    inside[straight_open + 1:i] = [True] * (i - straight_open - 1)
                straight_open = None
    return inside


def sentence_starts(texts: list[str], spaces: list[str]) -> list[int]:
    """Indices of the tokens that start a sentence."""
    n = len(texts)
    starts = [0] if n else []
    quoted = _quoted_tokens(texts)
    i = 0
    while i < n:
        text = texts[i]
        if _is_break(text):
            # A line break ends the sentence; the whitespace stays with the previous one.
            j = i + 1
            while j < n and not texts[j].strip():
                j += 1
            if j < n and j != starts[-1]:
                starts.append(j)
            i = j
            continue
        # Inside a quotation only its last sentence may end the sentence ("Ya.” Dia ...").
        if (_ends_sentence(text) and (not quoted[i] or (i + 1 < n and texts[i + 1] in QUOTE_CLOSERS))
                and not _is_title_or_initial(texts, i)):
            j = i + 1
            while j < n and _is_closer(texts, spaces, j):
                j += 1  # closing quotes and brackets belong to the ending sentence
            while j < n and not texts[j].strip() and not _is_break(texts[j]):
                j += 1
            if j < n and _starts_sentence(texts[j]) and j != starts[-1]:
                starts.append(j)
            i = max(j, i + 1)
            continue
        i += 1
    return _capped(starts, texts, spaces)


# A sentence longer than this (tokens or characters) is cut: text without sentence ends (a
# list, a table flattened by a scraper, hostile input) would otherwise make every rule that
# looks across "the sentence" scan the whole text for each match, quadratic in its length.
# In detik-1000, 1 sentence of 21,707 is longer (459 tokens, a list).
MAX_SENTENCE_TOKENS = 300
MAX_SENTENCE_CHARS = 3000


def _capped(starts: list[int], texts: list[str], spaces: list[str]) -> list[int]:
    out: list[int] = []
    for start, end in zip(starts, starts[1:] + [len(texts)]):
        out.append(start)
        chars = 0
        for i in range(start, end):
            if i - out[-1] >= MAX_SENTENCE_TOKENS or (chars >= MAX_SENTENCE_CHARS and i > out[-1]):
                out.append(i)
                chars = 0
            chars += len(texts[i]) + len(spaces[i])
    return out


def segment(doc: Doc) -> Doc:
    if len(doc) == 0:
        return doc
    # The tokens' strings from one array (no Token object per token; ~40% faster)
    orth, space = doc.to_array([ORTH, SPACY]).T.tolist()
    strings = doc.vocab.strings
    texts = [strings[o] for o in orth]
    spaces = [" " if s else "" for s in space]
    flags = numpy.full(len(doc), -1, dtype="int32")  # -1: not a sentence start
    flags[sentence_starts(texts, spaces)] = 1
    doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
    return doc


@Language.component("warta_sentences")
def warta_sentences(doc: Doc) -> Doc:
    return segment(doc)


def sentence_spans(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences, trimmed of surrounding whitespace. ``text``:
    ``doc.text`` when the caller has it (spaCy rebuilds it from the tokens at every call)."""
    spans = []
    text = doc.text if text is None else text
    starts = numpy.flatnonzero(doc.to_array([SENT_START]).astype("int32") == 1).tolist()
    bounds = [doc[i].idx for i in starts] + [len(text)]
    for start, end in zip(bounds, bounds[1:]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans

