"""The article page's stored part (warta.web.article_page, issue 13): rendered once at
ingest, read by the page; the same page as rendering on the request, in both languages;
gone when `warta reprocess` rewrites the article, ignored and dropped when an older version
of the page code rendered it. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from warta.api.app import ServeConfig, create_app
from warta.model import Article
from warta.run.batch import ingest
from warta.ingest import read_inputs
from warta.store import open_store
from warta.store.sqlite import SQLiteStore
from warta.web import article_page

pytestmark = pytest.mark.slow  # the pipeline over the seeds

HTML = {"accept": "text/html"}


def _page(app, article_id: str, lang: str) -> str:
    with TestClient(app) as client:  # a client each: no language cookie carried over
        response = client.get(f"/articles/{article_id}", params={"lang": lang}, headers=HTML)
    assert response.status_code == 200
    return response.text


def test_stored_pages_are_the_pages_rendered_on_request(served_db, tmp_path):
    import shutil

    db = tmp_path / "warta.db"
    shutil.copy(served_db, db)
    with SQLiteStore(db) as store:  # ingest stored one page per article
        ids = [a.id for a in store.articles()]
        assert all(store.aggregate_value(article_page.NAME, i) for i in ids)
    app = create_app(ServeConfig(db=db))
    stored = {(i, lang): _page(app, i, lang) for i in ids for lang in ("id", "en")}
    with SQLiteStore(db) as store:  # no stored pages: each is rendered on the request
        store.conn.execute("DELETE FROM article_aggregates WHERE name = ?", (article_page.NAME,))
        store.conn.commit()
    rendered = {(i, lang): _page(app, i, lang) for i in ids for lang in ("id", "en")}
    assert stored == rendered
    assert "Kutipan (" in stored[(ids[0], "id")] and "Quotes (" in stored[(ids[0], "en")]
    with SQLiteStore(db) as store:  # the next refresh (ingest) stores them again
        assert article_page.refresh(store) == len(ids)
        assert article_page.refresh(store) == 0


def test_hostile_text_cannot_make_a_label_placeholder():
    article = Article(id="x", raw_text="Teks <t:quotes> dan &lt;t:figures&gt; <script>alert(1)</script>",
                      text="Teks <t:quotes> dan &lt;t:figures&gt; <script>alert(1)</script>",
                      title="<t:legend>")
    title, fragment = article_page.render_parts(article)
    page = str(article_page.main(fragment, {"quotes": "Q", "figures": "F", "legend": "L"}))
    assert "&lt;t:quotes&gt;" in page and "&amp;lt;t:figures&amp;gt;" in page and "&lt;t:legend&gt;" in page
    assert "<script>" not in page and ">Q (0)<" in page and title == "<t:legend>"


def test_rewritten_articles_and_older_versions_are_rendered_again(store_url, seed_files, monkeypatch):
    with open_store(store_url) as store:
        ingest(read_inputs([str(p) for p in seed_files[:2]]), store)
        first, second = list(store.articles())[:2]
        assert store.aggregate_value(article_page.NAME, first.id) is not None
        # `warta reprocess` rewriting the article drops its page with its other derived rows
        store.replace([first.model_copy(update={"title": "Judul yang baru"})])
        assert article_page.stored(store, first.id) is None
        assert article_page.refresh(store) == 1
        assert article_page.stored(store, first.id)[0] == "Judul yang baru"
        # a new version of the page code: the old rows are not read, then dropped
        monkeypatch.setattr(article_page, "NAME", article_page.NAME_PREFIX + "next")
        assert article_page.stored(store, first.id) is None
        assert article_page.refresh(store) == store.count()
        assert store.drop_aggregates(article_page.NAME_PREFIX, keep=article_page.NAME) == 0
        assert store.aggregate_value("framing_row", second.id) is not None  # other aggregates stay
