"""Word tokens and sentence spans for the attribution rules.

The rules need every quote mark and comma as its own token and names such as
"Jean-Pierre" or "Ma’ruf" kept whole; a regex does that at ~1 µs per token, so the
stage does not depend on how (or whether) the NLP stage tokenised the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+(?:[-'’‘]\w+)*|[^\w\s]")

QUOTE_CHARS = "\"“”„«»'‘’"


# Not frozen (nothing assigns to a token): a frozen dataclass's __init__ sets each field
# through object.__setattr__, ~3.5x slower, and quotes makes a token per word.
# unsafe_hash keeps the frozen class's value equality and hash.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str
    low: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        out.append(Token(word, word.lower(), start, start + len(word)))  # (no span tuple to unpack)
    return out


class Layout:
    """Sentence and paragraph lookups by character offset."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]):
        self.text = text
        self.sentences = sorted(sentences) or [(0, len(text))]
        self._sent_starts = [s for s, _ in self.sentences]
        self._breaks = [m.start() for m in re.finditer(r"\n", text)]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self._sent_starts, pos) - 1, 0)
        return self.sentences[i]

    def sentence_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self._sent_starts, pos) - 1, 0)

    def paragraph_start(self, pos: int) -> int:
        i = bisect.bisect_left(self._breaks, pos) - 1
        return self._breaks[i] + 1 if i >= 0 else 0

    def paragraph_end(self, pos: int) -> int:
        i = bisect.bisect_left(self._breaks, pos)
        return self._breaks[i] if i < len(self._breaks) else len(self.text)
