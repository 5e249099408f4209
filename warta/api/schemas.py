"""Response shapes of the JSON API (the OpenAPI document is generated from them). An
article itself is the JSON contract, ``warta.model.Article``."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict


class Error(BaseModel):
    error: str
    detail: Optional[list] = None


class ArticleSummary(BaseModel):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    ingested_at: Optional[str] = None
    snippet: str = ""
    score: Optional[float] = None


class PageInfo(BaseModel):
    total: int
    limit: int
    offset: int


class ArticlePage(PageInfo):
    results: list[ArticleSummary]


class Facets(BaseModel):
    outlet: dict[str, int]
    date: dict[str, int]


class SearchResponse(ArticlePage):
    query: str
    mode: str = "fulltext"
    facets: Facets
    facets_over: Optional[int] = None  # facets count the best this many matches (more matched)


class IngestResponse(BaseModel):
    stored: int
    duplicates: int
    rejected: list[str]
    ids: list[str]


class EntitySummary(BaseModel):
    canonical: str
    label: str
    aliases: list[str]
    roles: list[str]
    articles: int
    mentions: int


class EntityPage(PageInfo):
    results: list[EntitySummary]


class Mention(BaseModel):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    text: str
    field: str
    start: int
    end: int
    sentence: str


class Row(BaseModel):
    """A quote or figure with the article it comes from (article_* keys)."""

    model_config = ConfigDict(extra="allow")
    text: str
    start: int
    end: int
    article_id: str


class EntityDetail(BaseModel):
    name: str
    canonical: str
    label: str
    names: list[str]
    aliases: list[str]
    roles: list[str]
    mentions: int
    articles: int
    by_month: dict[str, int]
    latest: list[Mention]
    quotes_by: list[Row]
    quotes_about: list[Row]


class RowPage(PageInfo):
    results: list[Row]


class WireGroup(BaseModel):
    """One wire-copy group (warta.corpus.wire.group_record)."""

    model_config = ConfigDict(extra="allow")
    first: dict
    copies: list[dict]  # the first ``max_copies`` republications, in time order
    n_copies: int       # how many republications the group has in all


class WirePage(PageInfo):
    results: list[WireGroup]


class FigureCheckRow(Row):
    as_of: str
    official: Optional[float] = None
    difference: Optional[float] = None
    flags: list[str] = []
    disagrees: bool


class FigureCheck(BaseModel):
    reference: str
    checked: int
    disagreeing: int
    results: list[FigureCheckRow]


class Watchlist(BaseModel):
    id: int
    kind: str
    value: str
    created_at: str
    read_seq: int
    read_at: Optional[str] = None
    feeds: dict[str, str] = {}


class WatchlistIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    value: str


class StorySummary(BaseModel):
    id: str
    title: str
    articles: int
    outlets: dict[str, int]
    first: Optional[str] = None
    last: Optional[str] = None


class StoryPage(PageInfo):
    results: list[StorySummary]


class StoryArticle(BaseModel):
    id: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None
    loaded: list[str]


class StoryDetail(StorySummary):
    timeline: list[StoryArticle]
    by_outlet: dict[str, list[StoryArticle]]
    coverage_gap: list[str]
    wire_groups: list[dict]
    figures: list[dict]
    entities: list[list]
    thread_stories: list[dict]
