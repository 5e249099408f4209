"""NLP stage: sentences and named entities (canonicalised within an article)."""

from __future__ import annotations

from warta.document import Document


def annotate(articles: list[list[Document]]) -> None:
    """Annotate every document of every article (title and body) in one batch."""
    # Placeholder until the trained pipeline lands.
    return None
