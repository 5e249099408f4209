"""The web pages: thin handlers that call warta.services and render a template."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from warta import services
from warta.api.deps import StoreDep, WatchlistId, article_or_error, etag, not_modified
from warta.model import Article
from warta.store.base import ArticleQuery
from warta.web import article_page as article_fragment
from warta.web import i18n, render, templating

router = APIRouter(include_in_schema=False)
PAGE = 20
templates = Jinja2Templates(env=templating.env)


def _lang(request: Request) -> str:
    return i18n.choose(request.query_params.get("lang"), request.cookies.get("lang"),
                       request.headers.get("accept-language", ""))


def _remember_lang(request: Request, response: HTMLResponse, lang: str) -> HTMLResponse:
    if request.query_params.get("lang") in i18n.LANGS:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def page(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    lang = _lang(request)
    context.update(request=request, t=i18n.LABELS[lang], lang=lang)
    return _remember_lang(request, templates.TemplateResponse(request, name, context, status_code=status), lang)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return page(request, "error.html", status=status, status_code=status, message=message)


def _date(value: Optional[str]) -> Optional[str]:
    """A date filter from a form: YYYY-MM-DD or nothing."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(400, f"not a date (YYYY-MM-DD): {value!r}") from None


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, outlet: Optional[str] = None, p: int = Query(1, ge=1, le=10_000)):
    query = ArticleQuery(outlet=outlet)
    latest = services.list_articles(store, query, PAGE, (p - 1) * PAGE)
    coverage = store.facets(ArticleQuery())["outlet"]
    stories = services.stories(store, 10) if not outlet and p == 1 else None
    return page(request, "home.html", latest=latest, coverage=coverage, outlet=outlet, p=p,
                top=max(coverage.values(), default=1), stories=stories,
                outlet_class={name: f"o{i % 8}" for i, name in enumerate(coverage)})


@router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet_page(request: Request, name: str, store: StoreDep):
    latest = services.list_articles(store, ArticleQuery(outlet=name), 10)
    if not latest.total:
        raise HTTPException(404, f"no articles from {name!r}")
    profiles = services.framing_profiles(store, outlet=name)
    return page(request, "outlet.html", outlet=name, latest=latest, profile=profiles[0] if profiles else None)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: StoreDep):
    detail = services.story(store, story_id)
    if detail is None:
        raise HTTPException(404, f"no story {story_id!r}")
    coverage = store.facets(ArticleQuery())["outlet"]
    return page(request, "story.html", s=detail, outlet_class={name: f"o{i % 8}" for i, name in enumerate(coverage)})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: str = Query("", max_length=500), outlet: Optional[str] = None,
                since: Optional[str] = None, until: Optional[str] = None, p: int = Query(1, ge=1, le=10_000),
                mode: str = Query("fulltext", pattern="^(fulltext|semantic|hybrid)$")):
    result, words_only, problem = None, False, None
    if q.strip():
        query = ArticleQuery(text=q, outlet=outlet or None, since=_date(since), until=_date(until))
        try:
            try:
                result = services.search(store, query, PAGE, (p - 1) * PAGE, strict=True, mode=mode)
            except services.SearchSyntaxError:
                words_only = True  # a person gets results for the words, and a note why
                result = services.search(store, query, PAGE, (p - 1) * PAGE, mode=mode)
        except LookupError as exc:  # no vectors for a semantic search
            problem = str(exc)

    def link(**change) -> str:
        params = {"q": q, "mode": None if mode == "fulltext" else mode, "outlet": outlet, "since": since,
                  "until": until, **change}
        # urlencode's output, each pair quoted once per process: a result page has ~30
        # links and quoting them afresh was a third of its rendering.
        return "/search?" + "&".join(_query_pair(k, str(v)) for k, v in params.items() if v)

    return page(request, "search.html", q=q, result=result, outlet=outlet, since=since, until=until, p=p,
                words_only=words_only, link=link, mode=mode, problem=problem)


@lru_cache(maxsize=4096)
def _query_pair(key: str, value: str) -> str:
    return urlencode({key: value})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep):
    # The article's part of the page is read as stored at ingest (warta.web.article_page:
    # one indexed row, no rendering); an article without a current row is rendered here.
    parts = article_fragment.stored(store, article_id)
    if parts is None:
        stored = store.get_json(article_id)
        article = Article.model_validate_json(stored) if stored is not None else article_or_error(store, article_id)
        parts = article_fragment.render_parts(article)
    title, fragment = parts
    lang = _lang(request)
    tag = etag(article_fragment.NAME, title, fragment, lang, str(request.url.path), request.url.query)
    headers = {"etag": tag, "cache-control": "no-cache"}
    if not_modified(request, tag):
        return Response(status_code=304, headers=headers)
    response = page(request, "article.html", page_title=title, main=article_fragment.main(fragment, i18n.LABELS[lang]))
    response.headers.update(headers)
    return response


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep, type: Optional[str] = None, p: int = Query(1, ge=1, le=10_000)):
    label = type if type in ("PER", "ORG", "LOC", "EVT") else None
    result = services.entities(store, label, 50, (p - 1) * 50)
    return page(request, "entities.html", result=result, type=label, p=p)


@router.get("/entities/{name}", response_class=HTMLResponse)
def entity_page(request: Request, name: str, store: StoreDep):
    detail = services.entity(store, name, limit=50)
    if detail is None:
        raise HTTPException(404, f"no entity named {name!r}")
    months = render.months_between(detail["by_month"])
    return page(request, "entity.html", e=detail, bars=render.bar_chart(months), chart_months=months)


@router.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request, store: StoreDep, measure: str = Query("killed", pattern="^(killed|injured)$")):
    from warta.api.figures import reference

    source = reference(request)
    rows = services.figure_check(store, source, measure)
    rows.sort(key=lambda r: r["as_of"])
    series = []
    if rows:
        first = dt.date.fromisoformat(rows[0]["as_of"]) - dt.timedelta(days=7)
        last = dt.date.fromisoformat(rows[-1]["as_of"]) + dt.timedelta(days=7)
        series = services.official_series(source, measure, first, last)
    chart = render.time_chart(series, rows)
    return page(request, "figures.html", rows=rows, chart=chart, measure=measure, source=source)


@router.get("/watchlists", response_class=HTMLResponse)
def watchlists_page(request: Request, store: StoreDep):
    lists = [(w, services.watch_articles(store, w, 5), len(services.watch_articles(store, w, new_only=True)))
             for w in store.watchlists()]
    return page(request, "watchlists.html", lists=lists)


def _same_origin(request: Request) -> None:
    """Form posts must come from warta's own pages (a page elsewhere cannot make the
    browser follow things here): the Origin (or Referer) must be this server."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if request.headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
        raise HTTPException(403, "cross-site form post refused")
    if origin and urlsplit(origin).netloc != request.url.netloc:
        raise HTTPException(403, "cross-site form post refused")


@router.post("/follow")
def follow(request: Request, store: StoreDep, kind: str = Form(..., max_length=20),
           value: str = Form(..., max_length=500)):
    _same_origin(request)
    try:
        services.follow(store, kind, value)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse("/watchlists", status_code=303)


@router.post("/watchlists/{watchlist_id}/delete")
def unfollow(request: Request, watchlist_id: WatchlistId, store: StoreDep):
    _same_origin(request)
    store.remove_watchlist(watchlist_id)
    return RedirectResponse("/watchlists", status_code=303)
