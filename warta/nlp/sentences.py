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

from spacy.language import Language
from spacy.tokens import Doc

from warta.nlp.lexicon import MAYBE_FINAL_ABBREVIATIONS, TITLE_ABBREVIATIONS

FINAL_PUNCT = {".", "!", "?", "…", "...", "?!", "!?", "!!", "??", ".."}
CLOSERS = {"”", "’", '"', "'", ")", "]", "»"}
QUOTE_CLOSERS = {"”", '"', "’"}
OPENERS = {"“", "‘", '"', "(", "«", "["}
DOUBLE_OPEN, DOUBLE_CLOSE = "“", "”"
# Quote runs longer than this are treated as unbalanced (a missing closing mark).
MAX_QUOTE_TOKENS = 250


def _is_closer(doc: Doc, j: int) -> bool:
    text = doc[j].text
    if text not in CLOSERS:
        return False
    # A straight quote after a space and glued to the next word opens a quotation.
    opens = (text in OPENERS and not doc[j].whitespace_ and doc[j - 1].whitespace_
             and j + 1 < len(doc) and doc[j + 1].is_alpha)
    return not opens


def _is_initial(text: str) -> bool:
    # "B." in "Susilo B. Yudhoyono"
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _ends_sentence(text: str) -> bool:
    if text in FINAL_PUNCT or (text[-1] in "!?…" and not text[0].isalnum()):
        return True
    return text in MAYBE_FINAL_ABBREVIATIONS


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in OPENERS or first in "•-–—*"


def _quoted_tokens(doc: Doc) -> list[bool]:
    """True for tokens inside a quotation closed within the same paragraph."""
    inside = [False] * len(doc)
    open_at = None  # index of the pending opening mark
    straight_open = None
    for tok in doc:
        t = tok.text
        if tok.is_space and "\n" in t:
            open_at = straight_open = None
            continue
        if t == DOUBLE_OPEN:
            open_at = tok.i
        elif t == DOUBLE_CLOSE and open_at is not None:
            if tok.i - open_at <= MAX_QUOTE_TOKENS:
                for j in range(open_at + 1, tok.i):
                    inside[j] = True
            open_at = None
        elif t == '"':
            if straight_open is None:
                straight_open = tok.i
            else:
                if tok.i - straight_open <= MAX_QUOTE_TOKENS:
                    for j in range(straight_open + 1, tok.i):
                        inside[j] = True
                straight_open = None
    return inside


def segment(doc: Doc) -> Doc:
    n = len(doc)
    if n == 0:
        return doc
    starts = [False] * n
    starts[0] = True
    quoted = _quoted_tokens(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space and "\n" in tok.text:
            # A line break ends the sentence; the whitespace stays with the previous one.
            j = i + 1
            while j < n and doc[j].is_space:
                j += 1
            if j < n:
                starts[j] = True
            i = j
            continue
        text = tok.text
        # Inside a quotation only its last sentence may end the sentence ("Ya.” Dia ...").
        closes_quote = i + 1 < n and doc[i + 1].text in QUOTE_CLOSERS
        if (_ends_sentence(text) and (not quoted[i] or closes_quote)
                and text not in TITLE_ABBREVIATIONS and not _is_initial(text)):
            j = i + 1
            while j < n and _is_closer(doc, j):
                j += 1  # closing quotes and brackets belong to the ending sentence
            while j < n and doc[j].is_space and "\n" not in doc[j].text:
                j += 1
            if j < n and _starts_sentence(doc[j].text):
                starts[j] = True
            i = max(j, i + 1)
            continue
        i += 1
    for tok, start in zip(doc, starts):
        tok.is_sent_start = start
    return doc


@Language.component("warta_sentences")
def warta_sentences(doc: Doc) -> Doc:
    return segment(doc)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences, trimmed of surrounding whitespace."""
    spans = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding [start, end) (for showing a stored mention)."""
    from warta.nlp import load

    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    doc = segment(load().make_doc(text[line_start:line_end]))
    for s, e in sentence_spans(doc):
        if s <= start - line_start < e or (s < end - line_start <= e):
            return doc.text[s:e]
    return text[line_start:line_end].strip()
