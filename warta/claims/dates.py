"""Claims stage: dates."""

from __future__ import annotations

from warta.document import Document


def annotate(doc: Document) -> None:
    # Placeholder until the dates extractor lands.
    return None
