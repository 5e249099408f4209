"""The HTTP faces (JSON API, web pages, feeds) through FastAPI's test client, over a
store holding the seed articles (run through the real pipeline) and a hostile article
posted through the API itself."""

from __future__ import annotations

import json
import re
import sqlite3
from html.parser import HTMLParser

import feedparser
import jsonschema
import pytest
from fastapi.testclient import TestClient

from warta.api.app import CSP, ServeConfig, create_app
from warta.api.database import DatabaseProblem, check_database
from warta.schema import load as load_schema
from warta.services import MAX_LIMIT
from warta.store.sqlite import SQLiteStore

pytestmark = pytest.mark.slow  # the fixture runs the NLP pipeline once

TOKEN = "test-token-5f3a"
AUTH = {"authorization": f"Bearer {TOKEN}"}
HTML = {"accept": "text/html"}
HOSTILE = {
    "id": "hostile-1",
    "title": "Serangan <script>alert('title')</script> di Gaza",
    "outlet": "<img src=x onerror=alert('outlet')>",
    "url": "javascript:alert('url')",
    "published": "2024-01-05",
    "text": ("Menteri Luar Negeri Retno Marsudi mengatakan <script>alert('body')</script> bantuan "
             "kemanusiaan untuk Gaza terus dikirim. <a href=\"javascript:alert('link')\" "
             "onclick=\"alert('click')\">klik di sini</a> Sebanyak 21.000 orang tewas di Gaza hingga "
             "Jumat (5/1/2024), kata Kementerian Kesehatan Gaza.\n\n"
             "\"Kami tidak akan berhenti,\" ujar Retno Marsudi <b onmouseover=alert('b')>di Jakarta</b>."),
}


@pytest.fixture(scope="module")
def db(served_db, tmp_path_factory):
    import shutil

    path = tmp_path_factory.mktemp("api") / "warta.db"  # a copy: these tests write to it
    shutil.copy(served_db, path)
    return path


@pytest.fixture(scope="module")
def client(db):
    client = TestClient(create_app(ServeConfig(db=db, token=TOKEN)))
    response = client.post("/api/articles", content=json.dumps(HOSTILE), headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 1 and response.json()["ids"] == ["hostile-1"]
    return client


@pytest.fixture(scope="module")
def seed_id(client):
    rows = client.get("/api/articles", params={"limit": MAX_LIMIT}).json()["results"]
    return next(r["id"] for r in rows if r["title"] and "Rafah" in r["title"])


# -- articles -------------------------------------------------------------------------
def test_articles_list_pages_and_filters(client):
    page = client.get("/api/articles", params={"limit": 2}).json()
    with SQLiteStore(client.app.state.config.db) as store:
        assert page["total"] == store.count() and len(page["results"]) == 2
    rest = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()["results"]
    assert {r["id"] for r in page["results"]}.isdisjoint(r["id"] for r in rest)
    dates = [r["published"] for r in page["results"] + rest if r["published"]]
    assert dates == sorted(dates, reverse=True)  # newest published first
    only = client.get("/api/articles", params={"since": "2024-01-01", "until": "2024-01-05"}).json()
    assert [r["id"] for r in only["results"]] == ["hostile-1"]
    by_entity = client.get("/api/articles", params={"entity": "retno marsudi"}).json()["results"]
    assert "hostile-1" in [r["id"] for r in by_entity]


def test_article_is_the_json_contract(client, seed_id):
    article = client.get(f"/api/articles/{seed_id}").json()
    jsonschema.validate(article, load_schema())
    for ent in article["entities"]:  # offsets still point into the raw text
        source = article["title"] if ent["field"] == "title" else article["raw_text"]
        assert source[ent["start"]:ent["end"]] == ent["text"]
    assert client.get(f"/api/articles/{seed_id[:6]}").json()["id"] == seed_id  # a unique prefix


def test_unknown_article_and_bad_parameters_are_json_errors(client):
    missing = client.get("/api/articles/no-such-article")
    assert missing.status_code == 404 and "no-such-article" in missing.json()["error"]
    too_many = client.get("/api/articles", params={"limit": MAX_LIMIT + 1})
    assert too_many.status_code == 422 and "limit" in too_many.json()["error"]
    bad_date = client.get("/api/articles", params={"since": "yesterday"})
    assert bad_date.status_code == 422 and bad_date.json()["detail"]


def test_writes_need_the_token(client, db):
    body = json.dumps({"text": "Banjir melanda Kabupaten Bogor, Senin. Tiga rumah rusak berat."})
    assert client.post("/api/articles", content=body).status_code == 401
    assert client.post("/api/articles", content=body, headers={"authorization": "Bearer wrong"}).status_code == 401
    no_token = TestClient(create_app(ServeConfig(db=db, token=None)))
    refused = no_token.post("/api/articles", content=body, headers=AUTH)
    assert refused.status_code == 403 and "WARTA_API_TOKEN" in refused.json()["error"]


def test_post_json_lines_reports_each_record(client):
    lines = "\n".join([json.dumps({"id": "banjir-bogor", "text": "Banjir melanda Kabupaten Bogor, Senin pagi. "
                                   "Sedikitnya 3 orang tewas, kata Kepala BPBD Bogor."}),
                       json.dumps({"id": "headline", "title": "Banjir bandang terjang Bogor, tiga orang tewas"}),
                       json.dumps({"id": "no-text", "url": "https://example.org/x"}),
                       json.dumps(HOSTILE)])
    response = client.post("/api/articles", content=lines, headers={**AUTH, "content-type": "application/x-ndjson"})
    assert response.status_code == 200, response.text
    report = response.json()
    # A title-only record is a headline (RSS item, Narasipal row): stored, its title the text;
    # a record with neither text nor title is rejected with a one-line reason.
    assert report["stored"] == 2 and report["ids"] == ["banjir-bogor", "headline"] and report["duplicates"] == 1, report
    assert len(report["rejected"]) == 1 and "\n" not in report["rejected"][0] and "no-text" not in report["ids"]


def test_post_refuses_bad_bodies(client):
    assert client.post("/api/articles", content="{not json", headers=AUTH).status_code == 400
    assert client.post("/api/articles", content="", headers=AUTH).status_code == 400
    assert client.post("/api/articles", content="x", headers={**AUTH, "content-type": "image/png"}).status_code == 415


def test_request_body_size_is_limited(db):
    small = TestClient(create_app(ServeConfig(db=db, token=TOKEN, max_body=1000)))
    response = small.post("/api/articles", content=json.dumps({"text": "kata " * 1000}), headers=AUTH)
    assert response.status_code == 413 and "larger than 1000" in response.json()["error"]


# -- search ---------------------------------------------------------------------------
def test_search_results_snippets_and_facets(client):
    result = client.get("/api/search", params={"q": "Gaza"}).json()
    assert result["total"] >= 2
    for hit in result["results"]:
        assert {"id", "title", "outlet", "published", "snippet"} <= hit.keys()
        assert "**" in hit["snippet"]  # the match is marked
    assert sum(result["facets"]["outlet"].values()) == result["total"]
    assert sum(result["facets"]["date"].values()) == result["total"]
    outlet = next(iter(result["facets"]["outlet"]))
    narrowed = client.get("/api/search", params={"q": "Gaza", "outlet": outlet}).json()
    assert narrowed["total"] == result["facets"]["outlet"][outlet]


@pytest.mark.parametrize("query", ['Gaza"', "AND", "Israel-", "(Gaza", "NEAR(", "*"])
def test_broken_search_syntax_is_a_400_with_a_reason(client, query):
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 400, (query, response.text)
    assert "not a valid search query" in response.json()["error"]
    page = client.get("/search", params={"q": query}, headers=HTML)  # the web page searches the words
    assert page.status_code == 200


# -- entities, quotes, figures ----------------------------------------------------------
def test_entities_and_one_entity(client):
    listing = client.get("/api/entities", params={"type": "PER"}).json()
    assert listing["total"] > 0 and all(e["label"] == "PER" for e in listing["results"])
    detail = client.get("/api/entities/retno marsudi").json()  # any case
    assert detail["canonical"] == "Retno Marsudi" and detail["articles"] >= 1
    assert sum(detail["by_month"].values()) == detail["mentions"]
    assert any(q["article_id"] == "hostile-1" for q in detail["quotes_by"])
    assert client.get("/api/entities/Nobody Here").status_code == 404


def test_quotes_and_figures_with_filters(client):
    quotes = client.get("/api/quotes", params={"limit": MAX_LIMIT}).json()
    assert quotes["total"] >= 20
    speaker = next(q["speaker"] for q in quotes["results"] if q.get("speaker"))
    mine = client.get("/api/quotes", params={"speaker": speaker.upper()}).json()
    assert mine["total"] >= 1 and all(q["speaker"] == speaker for q in mine["results"])
    killed = client.get("/api/figures", params={"measure": "killed"}).json()
    assert killed["total"] >= 1 and all(f["measure"] == "killed" for f in killed["results"])
    assert client.get("/api/figures", params={"measure": "eaten"}).status_code == 422


def test_figure_check_marks_disagreements(client):
    check = client.get("/api/figures/check", params={"limit": MAX_LIMIT}).json()
    assert check["checked"] >= 1
    # One contradiction rule: a checked figure carries exactly the flags /api/timeline gives it.
    timeline = {(r["article_id"], r["start"]): r["flags"]
                for m in ("killed", "injured")
                for r in client.get("/api/timeline", params={"measure": m, "where": "Gaza"}).json()}
    for row in check["results"]:
        assert row["flags"] == timeline[(row["article_id"], row["start"])]
        assert row["disagrees"] == bool(row["flags"])
        if "far_from_official" in row["flags"]:
            assert abs(row["value"] - row["official"]) / row["official"] > 0.25
    only = client.get("/api/figures/check", params={"disagreeing": True}).json()
    assert all(r["disagrees"] for r in only["results"]) and len(only["results"]) == check["disagreeing"]


# -- watchlists and feeds ---------------------------------------------------------------
def test_watchlists_through_the_api_and_their_feeds(client):
    assert client.post("/api/watchlists", json={"kind": "entity", "value": "Gaza"}).status_code == 401
    created = client.post("/api/watchlists", json={"kind": "entity", "value": "Gaza"}, headers=AUTH)
    assert created.status_code == 201
    watchlist = created.json()
    again = client.post("/api/watchlists", json={"kind": "entity", "value": "Gaza"}, headers=AUTH).json()
    assert again["id"] == watchlist["id"]
    assert client.post("/api/watchlists", json={"kind": "mood", "value": "x"}, headers=AUTH).status_code == 400
    articles = client.get(f"/api/watchlists/{watchlist['id']}").json()["results"]
    assert "hostile-1" in [a["id"] for a in articles]
    atom = feedparser.parse(client.get(watchlist["feeds"]["atom"]).content)
    assert not atom.bozo and atom.version == "atom10"
    assert [e.link.rsplit("/", 1)[-1] for e in atom.entries] == [a["id"] for a in articles]
    assert client.delete(f"/api/watchlists/{watchlist['id']}").status_code == 401
    assert client.delete(f"/api/watchlists/{watchlist['id']}", headers=AUTH).status_code == 204
    assert client.get(f"/api/watchlists/{watchlist['id']}").status_code == 404


# JSON Feed 1.1's required parts (https://jsonfeed.org/version/1.1); feedparser 6.0 reads
# only the XML formats.
JSON_FEED_SCHEMA = {
    "type": "object", "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"}, "title": {"type": "string"},
        "home_page_url": {"type": "string"}, "feed_url": {"type": "string"},
        "items": {"type": "array", "items": {
            "type": "object", "required": ["id"],
            "properties": {"id": {"type": "string"}, "url": {"type": "string"}, "title": {"type": "string"},
                           "content_text": {"type": "string"}, "date_published": {"type": "string"},
                           "authors": {"type": "array", "items": {"type": "object"}}}}}}}


@pytest.mark.parametrize("path", ["/feeds/search.{fmt}?q=Gaza", "/feeds/entity/Retno%20Marsudi.{fmt}",
                                  "/feeds/outlet/detik.{fmt}"])
def test_feeds_parse_with_ids_dates_and_links(client, path):
    import datetime as dt

    response = client.get(path.format(fmt="atom"))
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.entries
    for entry in feed.entries:
        assert entry.id.startswith("http://testserver/articles/")
        assert entry.link == entry.id
        assert entry.published_parsed is not None and entry.updated_parsed is not None
        assert client.get(entry.link, headers=HTML).status_code == 200  # the link opens the page

    response = client.get(path.format(fmt="json"))
    assert response.status_code == 200 and response.headers["content-type"] == "application/feed+json"
    jfeed = response.json()
    jsonschema.validate(jfeed, JSON_FEED_SCHEMA)
    assert [i["id"] for i in jfeed["items"]] == [e.id for e in feed.entries]  # the same entries
    for item in jfeed["items"]:
        assert item["url"] == item["id"]
        assert dt.datetime.fromisoformat(item["date_published"]).tzinfo is not None  # RFC 3339


def test_hostile_article_in_feeds_is_escaped(client):
    from xml.etree import ElementTree

    root = ElementTree.fromstring(client.get("/feeds/entity/Retno%20Marsudi.atom").content)
    elements = list(root.iter())
    assert {e.tag.split("}")[-1] for e in elements} <= {"feed", "id", "title", "updated", "link", "generator",
                                                        "entry", "author", "name", "summary", "published"}
    assert not any(v.lower().startswith("javascript:") for e in elements for v in e.attrib.values())
    assert any("<script>" in (e.text or "") for e in elements)  # hostile markup is text, escaped
    feed = client.get("/feeds/entity/Retno%20Marsudi.json").json()
    hostile = next(i for i in feed["items"] if i["id"].endswith("/hostile-1"))
    assert "external_url" not in hostile  # a javascript: URL is never passed on


class _Tags(HTMLParser):
    """Every tag a browser would build from the page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def active_content(page: str) -> list[str]:
    """What in the page could run: inline scripts, event handler attributes, javascript: links."""
    parser = _Tags()
    parser.feed(page)
    found = []
    for tag, attrs in parser.tags:
        if tag == "script" and not attrs.get("src", "").startswith("/static/"):
            found.append(f"script {attrs}")
        found += [f"{tag} {k}" for k in attrs if k.startswith("on")]
        found += [f"{tag} {k}={v}" for k, v in attrs.items()
                  if k in ("href", "src", "action") and v and v.strip().lower().startswith(("javascript:", "data:"))]
    return found


# -- web pages ------------------------------------------------------------------------
def _pages(seed_id):
    return ["/", "/?outlet=detik", "/search?q=Gaza", "/search?q=Gaza&outlet=detik&since=2023-01-01",
            f"/articles/{seed_id}", "/articles/hostile-1", "/entities", "/entities?type=PER",
            "/entities/Retno%20Marsudi", "/figures", "/figures?measure=injured", "/watchlists", "/docs",
            "/outlets/detik", "/outlets/Kompas",
            "/?lang=en", "/nope"]


def test_every_html_page_has_a_strict_csp(client, seed_id):
    for path in _pages(seed_id):
        response = client.get(path, headers=HTML)
        assert response.status_code == (404 if path == "/nope" else 200), path
        assert response.headers["content-type"].startswith("text/html")
        csp = response.headers["content-security-policy"]
        assert csp == CSP and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert not active_content(response.text), path


def test_hostile_article_page_is_inert(client):
    page = client.get("/articles/hostile-1", headers=HTML).text
    assert active_content(page) == []
    for raw in ("<script>alert", "<img src=x", "<a href=\"javascript:", "<b onmouseover"):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in page  # shown as text, not run
    assert "Artikel asli" not in page  # no link for a javascript: URL
    home = client.get("/", headers=HTML).text
    assert "<img src=x" not in home and "&lt;img src=x onerror=alert(&#39;outlet&#39;)&gt;" in home


def test_article_page_highlights_and_residue_toggle(client, seed_id):
    article = client.get(f"/api/articles/{seed_id}").json()
    page = client.get(f"/articles/{seed_id}", headers=HTML).text
    assert 'id="show-residue"' in page and 'id="layer-ent"' in page
    for kind, css in (("entities", "ent "), ("quotes", "quote "), ("figures", "fig"), ("dates", "date"),
                      ("boilerplate", "residue")):
        if article[kind]:
            assert f'class="{css}' in page or f' {css.strip()}' in page, kind
    residue = next((b for b in article["boilerplate"] if b["field"] == "text" and b["text"].strip()), None)
    if residue:  # removed residue stays in the page, hidden until toggled
        assert '<span class="residue"' in page
    entity = next(e for e in article["entities"] if e["field"] == "text")
    assert f'href="/entities/' in page and entity["canonical"].split()[0] in page


def test_follow_from_the_page_then_read_the_feed(client):
    refused = client.post("/follow", data={"kind": "entity", "value": "Gaza"},
                          headers={"origin": "https://evil.example"}, follow_redirects=False)
    assert refused.status_code == 403
    response = client.post("/follow", data={"kind": "entity", "value": "Retno Marsudi"},
                           headers={"origin": "http://testserver"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/watchlists"
    page = client.get("/watchlists", headers=HTML).text
    match = re.search(r'href="(/feeds/watchlist/\d+)\.atom"', page)
    assert match and "Retno Marsudi" in page
    feed = feedparser.parse(client.get(match.group(1) + ".atom").content)
    assert any(e.link.endswith("/articles/hostile-1") for e in feed.entries)


def test_labels_in_indonesian_and_english(client):
    client.cookies.clear()  # ?lang= is remembered in a cookie; start without one
    assert "Berita terbaru" in client.get("/", headers={**HTML, "accept-language": "id"}).text
    assert "Latest news" in client.get("/", headers={**HTML, "accept-language": "en-GB,en"}).text
    assert "Latest news" in client.get("/?lang=en", headers=HTML).text
    assert "Latest news" in client.get("/", headers={**HTML, "accept-language": "id"}).text  # remembered
    client.cookies.clear()


def test_static_files_and_docs_are_local(client):
    docs = client.get("/docs").text
    assert "cdn" not in docs.lower() and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    assert client.get("/static/warta.css").status_code == 200
    assert "/api/search" in client.get("/openapi.json").json()["paths"]


# -- start-up checks --------------------------------------------------------------------
def test_database_problems_are_found_at_start_up(tmp_path, db):
    with pytest.raises(DatabaseProblem, match="no database"):
        check_database(tmp_path / "missing.db")
    (tmp_path / "text.db").write_text("not a database " * 100)
    with pytest.raises(DatabaseProblem, match="not a SQLite database"):
        check_database(tmp_path / "text.db")
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    from warta.store.migrations import migrations

    for version, _, sql in migrations()[:2]:
        conn.executescript(sql + f"\nPRAGMA user_version = {version};")
    conn.close()
    with pytest.raises(DatabaseProblem, match="older than this warta"):
        check_database(old)
    check_database(old, migrate=True)
    check_database(old)  # upgraded
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseProblem, match="locked"):
            check_database(db)
    finally:
        locker.execute("ROLLBACK")
        locker.close()


# -- the CLI faces of the same functions ---------------------------------------------------
def test_follow_and_watch_from_the_command_line(db):
    from typer.testing import CliRunner

    from warta.cli import app as cli

    runner = CliRunner()
    followed = runner.invoke(cli.app, ["follow", "outlet", "detik", "--db", str(db)])
    assert followed.exit_code == 0 and "following outlet detik" in followed.stdout
    assert runner.invoke(cli.app, ["follow", "mood", "x", "--db", str(db)]).exit_code == 2
    first = runner.invoke(cli.app, ["watch", "--db", str(db)])
    assert first.exit_code == 0
    line = next(l for l in first.stdout.splitlines() if l.startswith("outlet detik"))
    assert int(line.split("—")[1].split()[0]) >= 1  # the detik seed is new
    again = runner.invoke(cli.app, ["watch", "--db", str(db)])
    assert "outlet detik — 0 new" in again.stdout  # read now


def test_serve_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from warta.cli import app as cli

    result = CliRunner().invoke(cli.app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no database at" in result.output
    assert not (tmp_path / "none.db").exists()  # nothing created


def test_loaded_terms_are_highlighted_by_category(client):
    from warta import services
    from warta.store.sqlite import SQLiteStore

    with SQLiteStore(client.app.state.config.db) as store:
        article = next(a for a in store.articles() if services.loaded_terms(a))
        loaded = services.loaded_terms(article)
    for term in loaded:  # offsets into the raw text (or the title)
        source = article.title if term["field"] == "title" else article.raw_text
        assert source[term["start"]:term["end"]] == term["text"]
    page = client.get(f"/articles/{article.id}", headers=HTML).text
    assert 'id="layer-loaded"' in page
    for category in {t["category"] for t in loaded}:
        assert f"loaded loaded-{category.replace('_', '-')}" in page
    if any(t["attributed"] for t in loaded):
        assert "loaded-attributed" in page


def test_semantic_and_hybrid_search_cross_languages(client, seed_id):
    from warta import semantic
    from warta.store.sqlite import SQLiteStore

    before = client.get("/api/search", params={"q": "US officials", "mode": "semantic"})
    if before.status_code == 409:  # no vectors yet: the error says what to run
        assert "warta embed" in before.json()["error"]
    with SQLiteStore(client.app.state.config.db) as store:
        semantic.embed_store(store)
        assert store.vector_count(semantic.MODEL) == store.count()
    # An English query, Indonesian articles: the one about the US-Israel meeting on Rafah first.
    query = {"q": "American and Israeli officials meet about the Rafah invasion"}
    assert client.get("/api/search", params=query).json()["total"] == 0  # no shared words
    result = client.get("/api/search", params={**query, "mode": "semantic"}).json()
    assert result["results"][0]["id"] == seed_id
    assert sum(result["facets"]["outlet"].values()) == result["total"]
    hybrid = client.get("/api/search", params={**query, "mode": "hybrid"}).json()
    assert hybrid["results"][0]["id"] == seed_id
    page = client.get("/search", params={**query, "mode": "semantic"}, headers=HTML).text
    assert f'href="/articles/{seed_id}"' in page
    # Once a store has vectors, ingest computes them for new articles too.
    new = {"id": "rs-gaza", "title": "Rumah sakit Indonesia di Gaza diserang",
           "text": "Rumah Sakit Indonesia di Gaza utara diserang pada Senin, kata Kementerian Kesehatan Gaza."}
    assert client.post("/api/articles", content=json.dumps(new), headers=AUTH).json()["stored"] == 1
    with SQLiteStore(client.app.state.config.db) as store:
        assert store.vector_count(semantic.MODEL) == store.count()
    found = client.get("/api/search", params={"q": "hospital attacked in Gaza", "mode": "semantic"}).json()
    assert found["results"][0]["id"] == "rs-gaza"


def test_the_store_handle_works_from_any_thread(client):
    """FastAPI may resolve the store dependency in one worker thread and run the route in
    another: the handle must not tie a route to a connection of another thread."""
    import threading

    handle = client.app.state.store
    expected = handle.count()
    seen, errors = [], []

    def use() -> None:
        try:
            seen.append(handle.count())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=use) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and seen == [expected] * 4


def test_stories_across_outlets(client):
    listing = client.get("/api/stories", params={"limit": MAX_LIMIT}).json()
    with SQLiteStore(client.app.state.config.db) as store:
        assert sum(s["articles"] for s in listing["results"]) == store.count()  # each article in one story
    widest = max(listing["results"], key=lambda s: (len(s["outlets"]), s["articles"]))
    story = client.get(f"/api/stories/{widest['id']}").json()
    assert set(story["by_outlet"]) == set(story["outlets"]) and sum(story["outlets"].values()) == story["articles"]
    times = [a["published"] for a in story["timeline"] if a["published"]]
    assert times == sorted(times)
    assert not set(story["coverage_gap"]) & set(story["outlets"])
    member = story["timeline"][-1]["id"]
    assert client.get(f"/api/stories/{member}").json()["id"] == story["id"]  # any member finds its story
    feed = feedparser.parse(client.get(f"/feeds/story/{story['id']}.atom").content)
    assert sorted(e.link.rsplit("/", 1)[-1] for e in feed.entries) == sorted(a["id"] for a in story["timeline"])
    page = client.get(f"/stories/{story['id']}", headers=HTML).text
    assert active_content(page) == [] and all(f'href="/articles/{a["id"]}"' in page for a in story["timeline"])
    home = client.get("/", headers=HTML).text
    assert "/stories/" in home and 'class="coverage"' in home
    assert client.get("/api/stories/no-such-story").status_code == 404
    followed = client.post("/api/watchlists", json={"kind": "story", "value": story["id"]}, headers=AUTH).json()
    rows = client.get(f"/api/watchlists/{followed['id']}").json()["results"]
    assert sorted(r["id"] for r in rows) == sorted(a["id"] for a in story["timeline"])


def test_framing_profiles_and_outlet_page(client):
    profiles = client.get("/api/framing").json()
    with SQLiteStore(client.app.state.config.db) as store:
        outlets = {r["outlet"] for r in store.find(services_query(), 1000)[0] if r["outlet"]}
        assert {p["outlet"] for p in profiles} - {"(unknown)"} == outlets  # articles without an outlet: "(unknown)"
        loaded = max(profiles, key=lambda p: p["per_1000_words"]["all"]["count"])
        assert loaded["per_1000_words"]["all"]["count"] > 0
        for rate in loaded["per_1000_words"].values():
            assert rate["low"] <= rate["value"] <= rate["high"]
        for article_id, field, start, end, text in loaded["per_1000_words"]["all"]["evidence"]:
            article = store.get(article_id)  # every counted span is in its article
            assert ((article.title if field == "title" else article.raw_text) or "")[start:end] == text
    one = client.get("/api/framing", params={"outlet": loaded["outlet"].upper()}).json()
    assert [p["outlet"] for p in one] == [loaded["outlet"]]
    page = client.get(f"/outlets/{loaded['outlet']}", headers=HTML)
    assert page.status_code == 200 and active_content(page.text) == []
    assert f"{loaded['per_1000_words']['all']['value']:.2f}" in page.text  # the rate with its interval
    assert client.get("/outlets/Nobody", headers=HTML).status_code == 404


def services_query():
    from warta.store.base import ArticleQuery

    return ArticleQuery()


def test_figure_timeline_is_what_warta_timeline_shows(client):
    rows = client.get("/api/timeline", params={"where": "Gaza"}).json()
    assert rows and [r["as_of"] or "9999" for r in rows] == sorted(r["as_of"] or "9999" for r in rows)
    for r in rows:
        if "far_from_official" in r["flags"]:
            assert abs(r["value"] - r["official"]) > 0.25 * r["official"]
    assert any(r["official"] is not None for r in rows)  # beside the official daily count
    assert client.get("/api/timeline", params={"measure": "eaten"}).status_code == 422


def test_article_responses_carry_an_etag_and_answer_304(client):
    article_id = client.get("/api/articles", params={"limit": 1}).json()["results"][0]["id"]
    for path, headers in ((f"/api/articles/{article_id}", {}), (f"/articles/{article_id}", HTML)):
        first = client.get(path, headers=headers)
        tag = first.headers["etag"]
        assert first.status_code == 200 and tag.startswith('"')
        again = client.get(path, headers={**headers, "if-none-match": tag})
        assert again.status_code == 304 and again.content == b""
        assert client.get(path, headers={**headers, "if-none-match": '"other"'}).text == first.text
    english = client.get(f"/articles/{article_id}", headers=HTML, params={"lang": "en"})
    assert english.headers["etag"] != client.get(f"/articles/{article_id}", headers=HTML).headers["etag"]


def test_broad_searches_count_facets_over_the_best_matches(client, monkeypatch):
    from warta import services

    full = client.get("/api/search", params={"q": "Gaza"}).json()
    assert full["total"] > 3 and full["facets_over"] is None
    assert sum(full["facets"]["outlet"].values()) == full["total"]  # all matches
    monkeypatch.setattr(services, "FACET_DEPTH", 3)
    capped = client.get("/api/search", params={"q": "Gaza", "limit": 2}).json()
    assert capped["facets_over"] == 3 and capped["total"] == full["total"]
    assert sum(capped["facets"]["outlet"].values()) == 3
    assert [r["id"] for r in capped["results"]] == [r["id"] for r in full["results"][:2]]  # same ranking
    page = client.get("/search", params={"q": "Gaza", "lang": "id"}, headers=HTML)
    assert page.status_code == 200 and "Hitungan atas 3 hasil teratas" in page.text


def test_wire_groups_are_what_warta_wire_lists(client, db):
    from warta import services
    from warta.store.sqlite import SQLiteStore

    # One seed report as a wire copy, republished hours later by another outlet with its
    # last paragraph cut.
    with SQLiteStore(db) as store:
        source = max(store.articles(), key=lambda a: len([p for p in a.raw_text.splitlines() if p.strip()]))
    paragraphs = [p for p in source.raw_text.splitlines() if p.strip()]
    assert len(paragraphs) >= 4
    copies = [{"id": "wire-a", "outlet": "Antara", "published": "2024-02-01T08:00:00", "title": source.title,
               "text": "\n\n".join(paragraphs[1:])},
              {"id": "wire-b", "outlet": "Republika", "published": "2024-02-01T11:00:00", "title": source.title,
               "text": "\n\n".join(paragraphs[1:-1])}]
    posted = client.post("/api/articles", content="\n".join(json.dumps(c) for c in copies),
                         headers={**AUTH, "content-type": "application/x-ndjson"})
    assert posted.status_code == 200 and posted.json()["stored"] == 2, posted.text
    with SQLiteStore(db) as store:
        expected = services.wire_groups(store).items
    listed = client.get("/api/wire", params={"limit": 200}).json()
    assert listed["total"] == len(expected) >= 1
    assert [g["first"]["id"] for g in listed["results"]] == [g["first"]["id"] for g in expected]
    ours = [g for g in listed["results"] if {"wire-a", "wire-b"} <= {g["first"]["id"], *(c["id"] for c in g["copies"])}]
    assert ours and ours[0]["first"]["outlet"] in ("Antara", source.outlet)  # the earliest copy leads
    assert client.get("/api/wire", params={"since": "not-a-date"}).status_code == 422
    only = client.get("/api/wire", params={"outlet": "republika"}).json()
    assert only["total"] >= 1 and all(any((c["outlet"] or "").lower() == "republika"
                                           for c in [g["first"], *g["copies"]]) for g in only["results"])
    none = client.get("/api/wire", params={"outlet": "No Such Outlet"}).json()
    assert none["total"] == 0 and none["results"] == []
