"""What every route shares: the store of the current worker thread, pagination
parameters, and the write token check."""

from __future__ import annotations

import hmac
from typing import Annotated, Optional

from fastapi import Depends, HTTPException, Path, Query, Request

from warta.services import MAX_LIMIT
from warta.store.base import Store


def get_store(request: Request) -> Store:
    return request.app.state.store  # a handle: each call uses the calling thread's connection


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")]
WatchlistId = Annotated[int, Path(ge=1, le=2**62, description="The watchlist's number.")]


def require_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <$WARTA_API_TOKEN>``; with no token configured
    the server refuses every write."""
    expected: Optional[str] = request.app.state.config.token
    if not expected:
        raise HTTPException(403, "writes are disabled: start the server with WARTA_API_TOKEN set")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    # compare_digest: the time taken does not reveal how much of the token was right.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"})


WriteAccess = Depends(require_token)


def etag(*parts: str) -> str:
    """An HTTP entity tag for a response made from these strings (a stored article is
    immutable until rewritten, so its JSON and the page variant identify the response)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=12)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return f'"{digest.hexdigest()}"'


def not_modified(request: Request, tag: str) -> bool:
    """The client already holds this version (If-None-Match): answer 304."""
    return tag in request.headers.get("if-none-match", "")


def article_or_error(store: Store, article_id: str):
    """The article (by id or unique prefix) for a route, or the HTTP error saying why not."""
    from warta import services

    try:
        article = services.find_article(store, article_id)
    except services.AmbiguousId as exc:
        raise HTTPException(409, str(exc)) from None
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article
