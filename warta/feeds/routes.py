"""/feeds/...: an Atom feed and a JSON Feed 1.1 for any search, entity, outlet and watchlist."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from warta import feeds, services
from warta.api.deps import StoreDep, WatchlistId

router = APIRouter(prefix="/feeds", tags=["feeds"])
Format = Literal["atom", "json"]
FEED_SIZE = 50  # entries per feed, newest stored first
_MEDIA = {"atom": "application/atom+xml; charset=utf-8", "json": "application/feed+json"}


def _respond(request: Request, fmt: str, title: str, page_path: str, rows: list[dict]) -> Response:
    base = str(request.base_url).rstrip("/")
    feed_url, page_url = str(request.url), base + page_path
    if fmt == "json":
        return JSONResponse(feeds.json_feed(title, feed_url, page_url, base, rows), media_type=_MEDIA["json"])
    return Response(feeds.atom(title, feed_url, page_url, base, rows), media_type=_MEDIA["atom"])


def _rows(store, kind: str, value: str) -> list[dict]:
    return services.watch_articles(store, {"kind": kind, "value": value, "read_seq": 0}, FEED_SIZE)


@router.get("/search.{fmt}", summary="Feed of a search (newest stored first)")
def search_feed(request: Request, store: StoreDep, fmt: Format,
                q: str = Query(..., min_length=1, max_length=500)) -> Response:
    from urllib.parse import urlencode

    return _respond(request, fmt, f"warta: {q}", "/search?" + urlencode({"q": q}), _rows(store, "search", q))


@router.get("/entity/{name}.{fmt}", summary="Feed of the articles naming an entity")
def entity_feed(request: Request, store: StoreDep, name: str, fmt: Format) -> Response:
    from urllib.parse import quote

    return _respond(request, fmt, f"warta: {name}", f"/entities/{quote(name, safe='')}", _rows(store, "entity", name))


@router.get("/outlet/{name}.{fmt}", summary="Feed of one outlet's articles")
def outlet_feed(request: Request, store: StoreDep, name: str, fmt: Format) -> Response:
    from urllib.parse import urlencode

    return _respond(request, fmt, f"warta: {name}", "/?" + urlencode({"outlet": name}), _rows(store, "outlet", name))


@router.get("/story/{story_id}.{fmt}", summary="Feed of a story's articles")
def story_feed(request: Request, store: StoreDep, story_id: str, fmt: Format) -> Response:
    from urllib.parse import quote

    detail = services.story(store, story_id)
    if detail is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return _respond(request, fmt, f"warta: {detail['title']}", f"/stories/{quote(detail['id'], safe='')}",
                    _rows(store, "story", detail["id"]))


@router.get("/watchlist/{watchlist_id}.{fmt}", summary="Feed of a watchlist")
def watchlist_feed(request: Request, store: StoreDep, watchlist_id: WatchlistId, fmt: Format) -> Response:
    watchlist = store.watchlist(watchlist_id)
    if watchlist is None:
        raise HTTPException(404, f"no watchlist {watchlist_id}")
    rows = services.watch_articles(store, {**watchlist, "read_seq": 0}, FEED_SIZE)
    return _respond(request, fmt, f"warta: {watchlist['kind']} {watchlist['value']}", "/watchlists", rows)


def feed_paths(watchlist: dict) -> dict[str, str]:
    """The feed URLs (paths) of a watchlist."""
    return {fmt: f"/feeds/watchlist/{watchlist['id']}.{fmt}" for fmt in ("atom", "json")}
