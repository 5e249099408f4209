"""/api/timeline: figures of one measure over time, beside the official counts, flagged."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter

from warta import services
from warta.api.deps import StoreDep
from warta.api.figures import Measure

router = APIRouter(prefix="/api", tags=["figures"])


@router.get("/timeline", summary="What `warta timeline` shows: figures in as-of order, official counts, flags")
def figure_timeline(store: StoreDep, measure: Measure = "killed", where: Optional[str] = None,
                    group: Optional[str] = None) -> list[dict]:
    """Rows in as-of order: as_of, value, qualifier, group, scope, source, where, outlet,
    article_id, title, text, official, official_source and ``flags`` (``conflict``: another
    running count of that date differs; ``decrease``: below an earlier running count;
    ``far_from_official``)."""
    return services.figure_timeline(store, measure, where, group)
