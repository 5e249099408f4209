"""/api/entities: who and what the stored news names."""

from __future__ import annotations

from typing import Literal, Optional

from fastapi import APIRouter, HTTPException

from warta import services
from warta.api.deps import Limit, Offset, StoreDep
from warta.api.schemas import EntityDetail, EntityPage, Error

router = APIRouter(prefix="/api/entities", tags=["entities"])


@router.get("", response_model=EntityPage, summary="Entities across stored articles, most articles first")
def list_entities(store: StoreDep, type: Optional[Literal["PER", "ORG", "LOC", "EVT"]] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict:
    page = services.entities(store, type, limit, offset)
    return {"results": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/{name}", response_model=EntityDetail, responses={404: {"model": Error}},
            summary="One entity: aliases, roles, mentions per month, quotes by and about it")
def get_entity(name: str, store: StoreDep, limit: Limit = 50) -> dict:
    """``name``: the canonical name or any surface form, case-insensitive."""
    detail = services.entity(store, name, limit)
    if detail is None:
        raise HTTPException(404, f"no entity named {name!r}")
    return detail
