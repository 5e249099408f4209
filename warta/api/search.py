"""/api/search: full-text search with facets by outlet and day."""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional

from fastapi import APIRouter, HTTPException, Query

from warta import services
from warta.api.articles import article_query
from warta.api.deps import Limit, Offset, StoreDep
from warta.api.schemas import Error, SearchResponse

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchResponse, responses={400: {"model": Error}, 409: {"model": Error}},
            summary="Full-text search over titles and clean text")
def search(store: StoreDep, q: str = Query(..., min_length=1, max_length=500,
                                           description='FTS5 syntax: words, "a phrase", OR, NOT, prefix*'),
           limit: Limit = 20, offset: Offset = 0, outlet: Optional[str] = None,
           since: Optional[dt.date] = None, until: Optional[dt.date] = None, entity: Optional[str] = None,
           mode: Literal["fulltext", "semantic", "hybrid"] = "fulltext") -> dict:
    """``mode=fulltext``: best match first (bm25, title weighted twice), each with a
    snippet (matches in **bold** markers), plus counts of the matches by outlet and
    publication day (of all of them; of the best ``facets_over`` when more match); a
    query that is not valid search syntax is a 400 with the reason.
    ``semantic``: nearest articles by the meaning of title + lead, in any language (an
    English query finds Indonesian articles); ``hybrid``: both rankings fused. Semantic
    modes return the best 200 and facet those; they ignore ``entity``."""
    try:
        result = services.search(store, article_query(outlet, since, until, entity, q), limit, offset, strict=True,
                                 mode=mode)
    except services.SearchSyntaxError as exc:
        raise HTTPException(400, str(exc)) from None
    except LookupError as exc:
        raise HTTPException(409, str(exc)) from None
    return {"query": q, "mode": mode, "results": result.results, "total": result.total, "limit": result.limit,
            "offset": result.offset, "facets": result.facets, "facets_over": result.facets_over}
