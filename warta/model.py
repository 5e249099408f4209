"""The typed data model every stage shares: an Article and its annotations.

This module *is* the JSON contract (``warta/schema/article.schema.json`` is generated
from it by ``python -m warta.schema``; a test keeps the two in step).

Offsets: every annotation carries ``text``, ``start`` and ``end``. ``start``/``end`` are
character offsets into the article's *raw input text* (the file's decoded text, or a JSON
Lines record's ``text`` field as given; for HTML input, the text trafilatura extracted),
and ``text == raw_text[start:end]`` always holds. An annotation found in a title that was
given as metadata (not part of the raw text) has ``field == "title"`` and offsets into the
title string instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1.0"

Field_ = Literal["text", "title"]


# Every field is always written, so the schema marks fields with defaults as required:
# a consumer can rely on lists being present (empty), never missing.
_CONTRACT = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True)


class Annotation(BaseModel):
    """Base of every annotation: the words it came from and where they are."""

    model_config = _CONTRACT

    text: str = Field(description="The exact source characters, source[start:end].")
    start: int = Field(ge=0, description="Start offset (characters) into the source.")
    end: int = Field(ge=0, description="End offset (exclusive) into the source.")
    field: Field_ = Field(
        default="text",
        description='"text": offsets into the raw input text; "title": into the given title.',
    )


class Boilerplate(Annotation):
    """Scrape residue removed from the clean text, kept so a user can audit it."""

    reason: str = Field(description="Why it was removed, e.g. 'caption', 'ad-label', 'comment-form'.")


class CitedSource(Annotation):
    """An outlet, agency or body named as the origin of the report ("dilansir Al Arabiya")."""

    name: str = Field(description="Normalised name of the source, e.g. 'Al Arabiya'.")
    cue: Optional[str] = Field(default=None, description="The citing words, e.g. 'dilansir', 'menurut'.")


class Entity(Annotation):
    label: Literal["PER", "ORG", "LOC", "EVT"]
    canonical: str = Field(description="The name all mentions of this entity resolve to.")
    role: Optional[str] = Field(default=None, description="Title or role attached, e.g. 'Menteri Luar Negeri'.")


class Quote(Annotation):
    kind: Literal["direct", "indirect"]
    speaker: Optional[str] = Field(default=None, description="Canonical speaker name, or the description of an anonymous speaker.")
    speaker_text: Optional[str] = Field(default=None, description="The words naming the speaker where the quote is attributed.")
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    cue: Optional[str] = Field(default=None, description="The speech verb, e.g. 'kata', 'mengatakan'.")
    speaker_standing: Optional[Literal["public_figure", "member_of_public"]] = Field(
        default=None,
        description="How the article introduces the speaker: with an office, organisation or "
                    "expertise (public_figure) or as an ordinary person (member_of_public); "
                    "null when the speaker is unknown or the description says neither (a document).")


Qualifier = Literal["exact", "about", "at_least", "more_than", "nearly", "less_than", "vague"]
Measure = Literal[
    "killed", "injured", "killed_or_injured", "hostages", "released", "detained",
    "displaced", "missing", "other_people",
]


Scope = Literal["incident", "cumulative"]


class Figure(Annotation):
    """A numeric claim about people (casualties, hostages, displaced ...)."""

    value: float = Field(description="The number; the lower bound for vague quantities.")
    qualifier: Qualifier = "exact"
    measure: Measure = "other_people"
    group: Optional[str] = Field(default=None, description="Who is counted: people, children, women ...")
    where: Optional[str] = None
    source: Optional[str] = Field(default=None, description="Whom the article credits for the figure.")
    as_of: Optional[str] = Field(default=None, description="ISO date the figure holds for.")
    rate: Optional[str] = Field(default=None, description="e.g. 'per_day' for 'setiap hari'.")
    scope: Optional[Scope] = Field(
        default=None,
        description="What the count covers: one event ('incident': 'serangan ... tewaskan 20 orang') "
                    "or a running total over a period or a war ('cumulative': 'korban tewas sejak "
                    "7 Oktober mencapai ...'); null for standing counts (staff, members, capacity).")


class DateMention(Annotation):
    """A time expression normalised against the publication date."""

    value: Optional[str] = Field(default=None, description="ISO value: YYYY-MM-DD, YYYY-MM or YYYY; for durations an ISO 8601 duration such as P40D.")
    kind: Literal["date", "month", "year", "duration", "time"] = "date"


FramingCategory = Literal["pejorative_label", "atrocity_term", "glorifying_term", "emotive_intensifier"]


class Framing(Annotation):
    """Loaded language (``specs/framing.md``): a word or phrase with emotional or
    evaluative force where a neutral wording was available."""

    category: FramingCategory
    attributed: bool = Field(default=False, description="True when the words are someone's the article quotes, "
                                                        "false when they are the outlet's own.")
    speaker: Optional[str] = Field(default=None, description="Whose words, when attributed and known.")


class Article(BaseModel):
    """One news article as warta knows it: metadata, clean text and annotations."""

    model_config = _CONTRACT

    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="Stable id: the input's own id if given, else derived from content.")
    source: Optional[str] = Field(default=None, description="Where the input came from: a path, 'path#line' or 'stdin#line'.")
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = Field(default=None, description="ISO date or datetime of publication; null if unknown.")
    language: Optional[str] = None
    text: str = Field(description="Clean text: residue removed, glued sentences repaired.")
    raw_text: str = Field(description="The raw input text all offsets point into.")
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    cited_sources: list[CitedSource] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    framing: list[Framing] = Field(default_factory=list)

    def source_of(self, annotation: Annotation) -> str:
        """The string an annotation's offsets point into."""
        return (self.title or "") if annotation.field == "title" else self.raw_text


_SURROGATE = re.compile("[\ud800-\udfff]")


def unpaired_surrogate(value: str) -> Optional[re.Match]:
    """Where ``value`` holds an unpaired UTF-16 surrogate ("\\ud800" is valid JSON and a
    valid Python str, but no character: it can be neither tokenized, hashed, stored nor
    written as UTF-8), or None."""
    return _SURROGATE.search(value)


class RawArticle(BaseModel):
    """What ingest hands to the pipeline: raw text plus any metadata the input gave.

    Its text fields must be text: one holding an unpaired surrogate is refused here
    (``ValueError``, a pydantic ``ValidationError``), at the one door every input passes,
    rather than failing deep in a stage (issue 10; ``tests/test_fuzz.py``). ``source``
    is exempt: it names where the input came from (a file name that is not valid UTF-8
    is decoded with surrogate escapes) and is not analysed."""

    model_config = ConfigDict(extra="forbid")

    raw_text: str
    source: Optional[str] = None
    id: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    # Set by HTML ingest: the raw text is already main text extracted by trafilatura.
    from_html: bool = False

    @field_validator("raw_text", "id", "url", "title", "outlet", "published")
    @classmethod
    def _is_text(cls, value: Optional[str]) -> Optional[str]:
        bad = unpaired_surrogate(value) if value is not None else None
        if bad:
            raise ValueError(f"holds an unpaired surrogate (\\u{ord(bad.group()):04x}) at character "
                             f"{bad.start()}, which is not text")
        return value


# -- the annotation kinds, declared once -----------------------------------------------
# Each kind is an Article list field of Annotation subclasses. From this tuple, in this
# order, follow the store's tables (one per stored kind, its columns the model's fields,
# created when missing), the export's count columns and the pipeline's assembly;
# tests/test_contract.py fails when it and Article disagree. Adding a kind: its model class
# and Article field above, one line here, and the stage that produces it.
@dataclass(frozen=True)
class AnnotationKind:
    name: str                  # the Article field, the store table, the export column n_<name>
    model: type[Annotation]
    stored: bool = True        # flattened into a store table for queries across articles

    @property
    def fields(self) -> tuple[str, ...]:
        """The annotation's fields, which are the store table's columns (after article_id)."""
        return tuple(self.model.model_fields)


ANNOTATION_KINDS: tuple[AnnotationKind, ...] = (
    AnnotationKind("entities", Entity),
    AnnotationKind("quotes", Quote),
    AnnotationKind("figures", Figure),
    AnnotationKind("dates", DateMention),
    AnnotationKind("cited_sources", CitedSource),
    AnnotationKind("framing", Framing),
    AnnotationKind("boilerplate", Boilerplate, stored=False),  # the audit trail, read with its article
)
STORED_KINDS: tuple[AnnotationKind, ...] = tuple(k for k in ANNOTATION_KINDS if k.stored)


def annotation_kind(name: str) -> AnnotationKind:
    for kind in ANNOTATION_KINDS:
        if kind.name == name:
            return kind
    raise KeyError(f"no annotation kind {name!r}; known: {', '.join(k.name for k in ANNOTATION_KINDS)}")
