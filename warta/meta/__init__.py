"""Metadata stage: title, outlet, publication date, language, cited sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from warta.clean import Cleaned
from warta.document import Document
from warta.model import CitedSource, RawArticle


@dataclass
class Metadata:
    title: Optional[str] = None
    # (start, end) of the headline line in the clean text, when the title came from it
    title_span: Optional[tuple[int, int]] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO date or datetime
    language: Optional[str] = None


def detect(raw: RawArticle, cleaned: Cleaned) -> Metadata:
    # Placeholder until detection lands: metadata given in the input only.
    return Metadata(title=raw.title, outlet=raw.outlet, published=raw.published)


def find_cited_sources(doc: Document) -> list[CitedSource]:
    return []
