"""Metadata stage: title, outlet, publication date, language, cited sources.

Metadata given by the input (``RawArticle.title/outlet/published``) always wins over what
is read from the text; what cannot be determined stays None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from warta.clean import Cleaned
from warta.document import Document
from warta.meta import language, outlet, published, sources, title
from warta.model import CitedSource, RawArticle


@dataclass
class Metadata:
    title: Optional[str] = None
    # (start, end) of the headline line in the clean text, when the title came from it
    title_span: Optional[tuple[int, int]] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO date or datetime
    language: Optional[str] = None
    # Wire credits found only in removed residue ("Reuters+ FOLLOW"): RAW offsets
    # (field "text"), to be added to the article's cited sources as they are.
    cited_sources_raw: list[CitedSource] = field(default_factory=list)


def detect(raw: RawArticle, cleaned: Cleaned) -> Metadata:
    meta = Metadata(language=language.detect(cleaned.text))

    span = title.find(cleaned.text)
    if raw.title:
        meta.title = raw.title
        # the given headline may also open the text: keep it out of the body
        if span and title.same_title(cleaned.text[span[0]:span[1]], raw.title):
            meta.title_span = span
    elif span:
        meta.title, meta.title_span = cleaned.text[span[0]:span[1]], span

    meta.outlet = outlet.canonical(raw.outlet) if raw.outlet else outlet.detect(raw.raw_text, cleaned.text, cleaned.boilerplate, raw.url)
    meta.published = raw.published or published.detect(raw.raw_text, cleaned.text)
    meta.cited_sources_raw = sources.from_boilerplate(raw.raw_text, cleaned.boilerplate)
    return meta


def find_cited_sources(doc: Document) -> list[CitedSource]:
    """Outlets, agencies and bodies ``doc`` names as the origin of its report (local offsets)."""
    return sources.find(doc.text)
