"""The ASGI application ``warta serve`` runs: the JSON API (/api), the web pages (/),
the feeds (/feeds) and the OpenAPI document and docs, over one store."""

from __future__ import annotations

import json
import os
import threading
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta.api.database import StorePool, ThreadStore

TOKEN_ENV = "WARTA_API_TOKEN"
REFERENCE_ENV = "WARTA_SERVE_REFERENCE"
MAX_BODY = 8 * 1024 * 1024  # request bodies larger than this are refused (413)
STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
# No inline script anywhere: every script is a file under /static.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


@dataclass
class ServeConfig:
    db: Union[Path, str]                 # an SQLite file or a PostgreSQL URL
    token: Optional[str] = None          # $WARTA_API_TOKEN: without it writes are refused
    max_body: int = MAX_BODY
    reference: Optional[Path] = None     # official daily counts for /api/figures/check
    warm_up: bool = False                # load the language pipeline at start-up, not on first use


class SecurityMiddleware:
    """Refuses bodies over the limit and sets the security headers on every response
    (plain ASGI, so it sees streamed bodies too)."""

    def __init__(self, app, max_body: int) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await self._too_large(send)
        received = 0

        async def limited_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge()
            return message

        async def secured_send(message):
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except _BodyTooLarge:
            await self._too_large(send)

    async def _too_large(self, send):
        body = json.dumps({"error": f"request body larger than {self.max_body} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-security-policy", CSP.encode())]})
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api") or path.startswith("/feeds") or path.startswith("/openapi")) \
        and "text/html" in request.headers.get("accept", "")


def create_app(config: ServeConfig) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if config.warm_up:
            # Entity pages cut sentences with the spaCy pipeline; loading it takes seconds,
            # so do it in the background now rather than in the first reader's request.
            from warta.nlp import load

            threading.Thread(target=load, name="warta-warm-up", daemon=True).start()
        yield

    app = FastAPI(title="warta", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Offline news intelligence for Indonesian-language media: stored "
                              "articles, search, entities, quotes, figures, watchlists and feeds.")
    app.state.config = config
    app.state.pool = StorePool(config.db)
    app.state.store = ThreadStore(app.state.pool)
    app.state.reference = None

    from warta.api import articles, entities, figures, framing, quotes, search, stories, timeline, watchlists
    from warta.feeds import routes as feed_routes
    from warta.web import routes as web_routes

    for module in (articles, search, stories, entities, quotes, figures, timeline, framing, watchlists, feed_routes,
                   web_routes):
        app.include_router(module.router)
    app.include_router(stories.wire_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI vendored from npm (swagger-ui-dist), started by a script file: no CDN,
        # no inline script.
        return HTMLResponse(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>warta API</title>'
            '<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>'
            '<body><div id="swagger-ui"></div>'
            '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>'
            '<script src="/static/docs.js"></script></body></html>')

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if _wants_html(request):
            return web_routes.error_page(request, exc.status_code, str(exc.detail))
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        errors = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                  for e in exc.errors()]
        message = "; ".join(f"{e['where']}: {e['problem']}" for e in errors) or "invalid request"
        if _wants_html(request):
            return web_routes.error_page(request, 400, message)
        return JSONResponse({"error": message, "detail": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # pragma: no cover - logged by uvicorn too
        return JSONResponse({"error": f"internal error: {type(exc).__name__}"}, status_code=500)

    app.add_middleware(SecurityMiddleware, max_body=config.max_body)
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn warta.api.app:app_from_env --factory`` (and each worker of `warta serve
    --workers N`): the database from $WARTA_DB, the token from $WARTA_API_TOKEN, the
    official counts from $WARTA_SERVE_REFERENCE."""
    from warta.settings import database

    reference = os.environ.get(REFERENCE_ENV)
    return create_app(ServeConfig(db=database(None), token=os.environ.get(TOKEN_ENV) or None,
                                  reference=Path(reference) if reference else None, warm_up=True))
