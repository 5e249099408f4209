"""Claims stage: figures."""

from __future__ import annotations

from warta.document import Document


def annotate(doc: Document) -> None:
    # Placeholder until the figures extractor lands.
    return None
