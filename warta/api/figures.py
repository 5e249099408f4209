"""/api/figures: numeric claims about people, and the check against official counts."""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, HTTPException, Request

from warta import services
from warta.api.deps import Limit, Offset, StoreDep
from warta.api.schemas import Error, FigureCheck, RowPage

router = APIRouter(prefix="/api/figures", tags=["figures"])
Measure = Literal["killed", "injured", "killed_or_injured", "hostages", "released", "detained",
                  "displaced", "missing", "other_people"]


@router.get("", response_model=RowPage, summary="Stored figures (casualties, hostages, displaced ...)")
def list_figures(store: StoreDep, measure: Optional[Measure] = None, where: Optional[str] = None,
                 limit: Limit = 50, offset: Offset = 0) -> dict:
    page = services.figures(store, measure, where, limit, offset)
    return {"results": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/check", response_model=FigureCheck, responses={503: {"model": Error}},
            summary="Killed/injured tallies beside the official count of their as-of date")
def check_figures(request: Request, store: StoreDep, measure: Optional[Literal["killed", "injured"]] = None,
                  disagreeing: bool = False, limit: Limit = 50, offset: Offset = 0) -> dict:
    """``flags``: what warta's one contradiction rule (the one of /api/timeline and `warta
    timeline`) says of the figure: ``conflict``, ``decrease``, ``far_from_official``;
    ``disagrees``: it has a flag. ``disagreeing=true`` keeps only those."""
    source = reference(request)
    rows = services.figure_check(store, source, measure)
    shown = [r for r in rows if r["disagrees"]] if disagreeing else rows
    return {"reference": source.name, "checked": len(rows), "disagreeing": sum(r["disagrees"] for r in rows),
            "results": shown[offset: offset + limit]}


def reference(request: Request):
    """The official counts, loaded once per server (503 when they are not there)."""
    state = request.app.state
    if getattr(state, "reference", None) is None:
        try:
            state.reference = services.reference_source(state.config.reference)
        except (FileNotFoundError, ValueError) as exc:
            raise HTTPException(503, f"no official counts to check against: {exc}") from None
    return state.reference
