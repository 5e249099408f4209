"""/api/quotes: who said what."""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter

from warta import services
from warta.api.deps import Limit, Offset, StoreDep
from warta.api.schemas import RowPage

router = APIRouter(prefix="/api/quotes", tags=["quotes"])


@router.get("", response_model=RowPage, summary="Stored quotes with speaker and article")
def list_quotes(store: StoreDep, speaker: Optional[str] = None,
                standing: Optional[Literal["public_figure", "member_of_public"]] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict:
    """``speaker``: canonical name, case-insensitive; ``standing``: how the article
    introduces the speaker."""
    page = services.quotes(store, speaker, standing, limit, offset)
    return {"results": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}
