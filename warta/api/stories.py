"""/api/stories: articles about one event across outlets; /api/wire: wire copies."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from fastapi import APIRouter, HTTPException, Query

from warta import services
from warta.api.deps import Limit, Offset, StoreDep
from warta.api.schemas import Error, WirePage, StoryDetail, StoryPage

router = APIRouter(prefix="/api/stories", tags=["stories"])


@router.get("", response_model=StoryPage,
            summary="Stories, latest first, with each outlet's article count")
def list_stories(store: StoreDep, limit: Limit = 20, offset: Offset = 0,
                 min_articles: int = Query(1, ge=1, le=1000, description="Only stories with this many articles.")) -> dict:
    page = services.stories(store, limit, offset, min_articles)
    return {"results": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/{story_id}", response_model=StoryDetail, responses={404: {"model": Error}},
            summary="One story: timeline, outlets side by side, wire copies, coverage gap, figures")
def get_story(story_id: str, store: StoreDep) -> dict:
    """``story_id``: the story's id, or the id of any of its articles."""
    detail = services.story(store, story_id)
    if detail is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return detail


wire_router = APIRouter(prefix="/api/wire", tags=["stories"])


@wire_router.get("", response_model=WirePage,
                 summary="Wire copies: the same text published more than once, largest group first")
def list_wire_groups(store: StoreDep, limit: Limit = 20, offset: Offset = 0, since: Optional[dt.date] = None,
                     until: Optional[dt.date] = None, outlet: Optional[str] = None,
                     max_copies: int = Query(services.WIRE_COPIES_SHOWN, ge=1, le=1000,
                                             description="Per group, the first publisher and this many "
                                                         "republications (n_copies: how many in all).")) -> dict:
    """What `warta wire` shows: each group's first publisher, its republications (delay,
    similarity, what each changed), credited sources and provenance. ``since``/``until``
    keep groups with a copy published in the range, ``outlet`` those it took part in."""
    page = services.wire_groups(store, since.isoformat() if since else None,
                                until.isoformat() if until else None, outlet, limit, offset, max_copies)
    return {"results": page.items, "total": page.total, "limit": limit, "offset": offset}
