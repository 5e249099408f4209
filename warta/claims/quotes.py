"""Claims stage: quotes."""

from __future__ import annotations

from warta.document import Document


def annotate(doc: Document) -> None:
    # Placeholder until the quotes extractor lands.
    return None
