"""Word tokens with offsets, for matching the lexicon. A hyphen is a token of its own, so
"Ngamuk-Fakta" holds "Ngamuk" and lexicon entries spell reduplications as three tokens
("megap - megap")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+|[^\w\s]")


# Not frozen (nothing assigns to a token): a frozen dataclass's __init__ is ~3.5x slower
# (see warta.claims.speech.text.Token); unsafe_hash keeps its value equality and hash.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end], with offsets into ``text``."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]
