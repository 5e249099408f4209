"""/api/framing: loaded language per outlet, with intervals and evidence."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from fastapi import APIRouter, Query

from warta import services
from warta.api.deps import StoreDep

router = APIRouter(prefix="/api", tags=["framing"])


@router.get("/framing", summary="Loaded language per outlet (what `warta framing` shows)")
def framing(store: StoreDep, since: Optional[dt.date] = None, until: Optional[dt.date] = None,
            outlet: Optional[str] = None, top: int = Query(10, ge=1, le=50)) -> list[dict]:
    """Per outlet: loaded spans per 1,000 words (all, own, attributed, and by category),
    top terms and lexical choices ("Zionis" vs "Israel" ...), each rate with a bootstrap
    95% interval and the spans it counts ([article_id, field, start, end, text])."""
    return services.framing_profiles(store, since.isoformat() if since else None,
                                     until.isoformat() if until else None, outlet, top)
