"""/api/watchlists: follow an entity, an outlet or a search (writes need the token)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response

from warta import services
from warta.api.deps import Limit, StoreDep, WatchlistId, WriteAccess
from warta.api.schemas import ArticlePage, Error, Watchlist, WatchlistIn
from warta.feeds.routes import feed_paths

router = APIRouter(prefix="/api/watchlists", tags=["watchlists"])


def _out(row: dict) -> dict:
    return {**row, "feeds": feed_paths(row)}


@router.get("", response_model=list[Watchlist], summary="Every watchlist with its feed URLs")
def list_watchlists(store: StoreDep) -> list[dict]:
    return [_out(w) for w in store.watchlists()]


@router.post("", response_model=Watchlist, status_code=201, dependencies=[WriteAccess],
             responses={400: {"model": Error}, 401: {"model": Error}, 403: {"model": Error}},
             summary="Follow an entity, outlet or search query")
def create_watchlist(body: WatchlistIn, store: StoreDep) -> dict:
    try:
        return _out(services.follow(store, body.kind, body.value))
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None


@router.get("/{watchlist_id}", response_model=ArticlePage, responses={404: {"model": Error}},
            summary="A watchlist's articles, newest stored first")
def watchlist_articles(watchlist_id: WatchlistId, store: StoreDep, limit: Limit = 20, new: bool = False) -> dict:
    """``new=true``: only those stored since `warta watch` last read it."""
    watchlist = store.watchlist(watchlist_id)
    if watchlist is None:
        raise HTTPException(404, f"no watchlist {watchlist_id}")
    rows = services.watch_articles(store, watchlist, limit, new_only=new)[:limit]
    return {"results": rows, "total": len(rows), "limit": limit, "offset": 0}


@router.delete("/{watchlist_id}", status_code=204, dependencies=[WriteAccess],
               responses={404: {"model": Error}, 401: {"model": Error}, 403: {"model": Error}},
               summary="Stop following")
def delete_watchlist(watchlist_id: WatchlistId, store: StoreDep) -> Response:
    if not store.remove_watchlist(watchlist_id):
        raise HTTPException(404, f"no watchlist {watchlist_id}")
    return Response(status_code=204)
