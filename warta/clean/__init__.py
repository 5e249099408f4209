"""Clean stage: remove scrape residue, repair glued sentences, keep an offset map."""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.document import OffsetMap
from warta.model import Boilerplate


@dataclass
class Cleaned:
    text: str
    offsets: OffsetMap  # clean offsets -> raw offsets
    boilerplate: list[Boilerplate] = field(default_factory=list)  # raw offsets


def clean(raw_text: str, *, from_html: bool = False) -> Cleaned:
    # Placeholder until the residue rules land: text passes through unchanged.
    return Cleaned(text=raw_text, offsets=OffsetMap.identity(len(raw_text)))
