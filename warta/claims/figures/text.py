"""Text helpers of the figures stage: lower-casing that keeps offsets, word and verb
patterns, and the document's sentences with their paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.document import Document


WORD = re.compile(r"[\w%$€£]+(?:[-'’][\w]+)*")


# An active verb (me-) starts a new clause; a cue on the far side of it is not this number's.
ACTIVE_VERB = re.compile(r"^(?:me[mnr]?|meng|meny)\w{3,}$")


NEXT_WORD = re.compile(r"[^\S\n]+(\w+)(?![\w-])")


def lower(text: str) -> str:
    # Same length as the input, so offsets stay valid (str.lower can grow "İ").
    low = text.lower()
    if len(low) == len(text) and "Σ" not in text:
        # No character grew, and no capital sigma (the one letter str.lower reads in
        # context): the same as lowering character by character, ~30x faster.
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


def split_sentences(doc: Document) -> list[Sentence]:
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


def words_between(low: str, start: int, end: int) -> list[re.Match]:
    return list(WORD.finditer(low, start, end))
