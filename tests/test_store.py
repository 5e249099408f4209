"""The store on both backends (SQLite always, PostgreSQL when a server answers; the
``store`` fixture is in conftest): schema versioning, dedup, full-text search, annotation
queries, concurrent writers."""

from __future__ import annotations

import sqlite3

import pytest

from warta.model import Article, Entity, Figure, Quote
from warta.ids import content_id
from warta.store import DB_ENV, open_store, resolve_db_path
from warta.store.migrations import LATEST
from warta.store.sqlite import SQLiteStore, safe_fts_query

FLOOD = ("Banjir bandang melanda Kabupaten Bogor. Sedikitnya 12 orang tewas dan 30 lainnya "
         "luka-luka, kata Kepala BPBD Bogor Ade Saputra.")
QUAKE = ("Gempa bumi mengguncang Cianjur pada Senin siang. \"Kami masih mendata korban,\" "
         "ujar Suharyanto. Sebanyak 5 orang tewas di Cianjur.")


def _span(text: str, part: str) -> dict:
    start = text.index(part)
    return dict(text=part, start=start, end=start + len(part))


def flood_article(**update) -> Article:
    art = Article(id="banjir-1", title="Banjir bandang di Bogor", outlet="Contoh", published="2025-01-05",
                  text=FLOOD, raw_text=FLOOD,
                  entities=[Entity(label="LOC", canonical="Bogor", **_span(FLOOD, "Kabupaten Bogor")),
                            Entity(label="PER", canonical="Ade Saputra", role="Kepala BPBD",
                                   **_span(FLOOD, "Ade Saputra"))],
                  figures=[Figure(value=12, qualifier="at_least", measure="killed", where="Bogor",
                                  **_span(FLOOD, "Sedikitnya 12 orang tewas")),
                           Figure(value=30, measure="injured", where="Bogor", **_span(FLOOD, "30 lainnya"))])
    return art.model_copy(update=update)


def quake_article() -> Article:
    return Article(id="gempa-1", title="Gempa Cianjur", outlet="Lain", published="2025-02-01",
                   text=QUAKE, raw_text=QUAKE,
                   quotes=[Quote(kind="direct", speaker="Suharyanto", cue="ujar", speaker_standing="public_figure",
                                 **_span(QUAKE, "\"Kami masih mendata korban,\""))],
                   figures=[Figure(value=5, measure="killed", where="Cianjur", **_span(QUAKE, "5 orang tewas"))])


def _columns(store, table: str) -> list[str]:
    if isinstance(store, SQLiteStore):
        return [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
    with store.pool.connection() as conn:  # row_id keeps the stored order (SQLite's rowid)
        return [r["column_name"] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s AND column_name <> 'row_id'", (table,))]


def test_schema_is_migrated_and_wal(tmp_path):
    path = tmp_path / "w.db"
    SQLiteStore(path).close()
    with SQLiteStore(path) as again:  # reopening applies nothing twice
        assert again.schema_version == LATEST >= 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "articles_fts", "entities", "quotes", "figures", "dates", "cited_sources"} <= tables


def test_a_version_1_database_is_migrated_and_keeps_its_articles(tmp_path):
    """A store written before quotes had a speaker standing opens, gains the column, and
    loses nothing: old quotes read NULL, new ones are stored with theirs."""
    from warta.store.migrations import migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    version, _, sql = migrations()[0]
    conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    conn.execute("INSERT INTO articles (id, content_hash, ingested_at, json) VALUES ('lama', 'h', 'now', ?)",
                 (flood_article(id="lama").model_dump_json(),))
    conn.execute("INSERT INTO quotes (article_id, field, text, start, \"end\", kind, speaker) "
                 "VALUES ('lama', 'text', 'x', 0, 1, 'direct', 'Ade Saputra')")
    conn.close()
    with SQLiteStore(path) as store:
        assert store.schema_version == LATEST >= 2
        assert store.has("lama")
        [old] = store.quotes(speaker="Ade Saputra")
        assert old["speaker_standing"] is None
        store.save([quake_article()])
        assert [q["speaker"] for q in store.quotes(standing="public_figure")] == ["Suharyanto"]


def test_roundtrip_and_dedup(store):
    result = store.save([flood_article(), quake_article()])
    assert (result.stored, result.duplicates) == (2, 0)
    assert store.get("banjir-1") == flood_article()
    assert [a.id for a in store.articles()] == ["banjir-1", "gempa-1"]
    # Same id with other content, and same content under another id (whitespace differs):
    # both duplicates, nothing changes.
    again = store.save([flood_article(text="lain", raw_text="teks lain sama sekali"),
                        flood_article(id="banjir-2", raw_text=FLOOD.replace(" ", "  \n"))])
    assert (again.stored, again.duplicates) == (0, 2)
    assert store.count() == 2 and store.get("banjir-1").text == FLOOD
    assert store.has_content(content_id(FLOOD)) and not store.has("banjir-2")
    assert len(list(store.entity_mentions())) == 2  # derived rows not doubled


@pytest.mark.filterwarnings("ignore::UserWarning")  # the broken figure, on purpose
def test_a_failing_batch_stores_nothing(store):
    broken = flood_article(id="rusak")
    object.__setattr__(broken, "figures", ["not a figure"])  # fails while writing rows
    with pytest.raises(Exception):
        store.save([quake_article(), broken])
    assert store.count() == 0 and list(store.entity_mentions()) == []


def test_search_ranks_and_snippets(store):
    store.save([flood_article(), quake_article()])
    hits = store.search("tewas Cianjur")
    assert [h.id for h in hits] == ["gempa-1"]
    assert "**Cianjur**" in hits[0].snippet and hits[0].title == "Gempa Cianjur"
    both = store.search("tewas")
    assert {h.id for h in both} == {"banjir-1", "gempa-1"}
    assert both[0].score >= both[1].score
    # Not valid FTS5 syntax as typed: searched word by word instead of failing.
    assert [h.id for h in store.search('Banjir-bandang "')] == ["banjir-1"]
    assert safe_fts_query("Israel-Gaza") == '"Israel" "Gaza"'


def test_annotation_queries(store):
    store.save([flood_article(), quake_article()])
    assert [(a, e["canonical"]) for a, e in store.entity_mentions("PER")] == [("banjir-1", "Ade Saputra")]
    [quote] = store.quotes(speaker="suharyanto")
    assert store.quotes(standing="member_of_public") == []
    assert quote["speaker_standing"] == "public_figure"
    assert quote["text"].startswith('"Kami') and quote["article_id"] == "gempa-1"
    assert (quote["article_outlet"], quote["article_published"], quote["article_title"]) == (
        "Lain", "2025-02-01", "Gempa Cianjur")
    killed = store.figures(measure="killed")
    assert [(f["value"], f["where"], f["article_id"]) for f in killed] == [(12, "Bogor", "banjir-1"), (5, "Cianjur", "gempa-1")]
    assert [f["measure"] for f in store.figures(where="bogor")] == ["killed", "injured"]
    assert store.listing()[0]["id"] == "gempa-1" and store.listing()[1]["figures"] == 2


def test_db_location(tmp_path, monkeypatch):
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.db"))
    assert resolve_db_path() == tmp_path / "env.db"
    assert resolve_db_path(tmp_path / "x.db") == tmp_path / "x.db"
    monkeypatch.delenv(DB_ENV)
    assert resolve_db_path().name == "warta.db"
    with open_store(tmp_path / "sub" / "new.db") as s:
        assert s.count() == 0


def test_every_stored_kind_has_its_table_with_the_models_fields(store):
    # The migrations and the registry (warta.model.ANNOTATION_KINDS) must not drift apart.
    from warta.model import STORED_KINDS

    for kind in STORED_KINDS:
        columns = _columns(store, kind.name)
        assert sorted(columns) == sorted(("article_id",) + kind.fields), kind.name
    store.save([quake_article()])
    assert set(store.listing()[0]) >= {k.name for k in STORED_KINDS}


def test_a_kind_declared_without_a_migration_gets_its_table(tmp_path, monkeypatch):
    from pydantic import Field

    import warta.store.sqlite as sqlite_store
    from warta.model import STORED_KINDS, Annotation, AnnotationKind

    class Frame(Annotation):
        frame: str
        score: float = Field(default=0.0)

    kinds = STORED_KINDS + (AnnotationKind("frames", Frame),)
    monkeypatch.setattr(sqlite_store, "STORED_KINDS", kinds)
    with SQLiteStore(tmp_path / "w.db") as s:
        columns = {r[1]: r[2] for r in s.conn.execute("PRAGMA table_info(frames)")}
    assert columns == {"article_id": "TEXT", "text": "TEXT", "start": "INTEGER", "end": "INTEGER",
                       "field": "TEXT", "frame": "TEXT", "score": "REAL"}


def test_known_answers_for_a_batch_in_one_call(store):
    store.save([flood_article(), quake_article()])
    known = store.known(["banjir-1", "baru", "gempa-1"], [content_id(QUAKE), content_id("lain")])
    assert known.ids == {"banjir-1", "gempa-1"} and known.content_ids == {content_id(QUAKE)}
    many = [f"x{i}" for i in range(2500)] + ["gempa-1"]  # more than one statement's parameters
    assert store.known(many, []).ids == {"gempa-1"}


def test_delete_removes_the_article_its_rows_and_its_search_entry(store):
    store.save([flood_article(), quake_article()])
    assert store.delete(["banjir-1", "tidak-ada"]) == 1
    assert store.count() == 1 and store.get("banjir-1") is None
    assert store.figures(where="Bogor") == [] and list(store.entity_mentions()) == []
    assert store.search("Bogor") == [] and [h.id for h in store.search("Cianjur")] == ["gempa-1"]
    assert store.save([flood_article()]).stored == 1  # its content may come back


def test_annotation_filters_must_name_a_field(store):
    with pytest.raises(ValueError, match="no field"):
        store.annotations("quotes", {"speaker; DROP TABLE articles": "x"})
    with pytest.raises(ValueError, match="not stored"):
        store.annotations("boilerplate")


def test_both_backends_have_every_migration():
    from warta.store.migrations import migrations
    from warta.store.postgres.schema import MIGRATIONS

    assert sorted(MIGRATIONS) == [version for version, _, _ in migrations()]


def test_concurrent_writers_lose_nothing_and_double_nothing(store, store_url):
    """Two ingests at once, each with its own connection, over overlapping articles."""
    import threading

    from warta.store import open_store

    articles = [flood_article(id=f"a{i}", raw_text=f"{FLOOD} {i}") for i in range(40)]
    results, errors = [], []

    def write(part):
        try:
            with open_store(store_url) as own:
                for i in range(0, len(part), 5):
                    results.append(own.save(part[i:i + 5]))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(articles[:30],)),
               threading.Thread(target=write, args=(articles[10:][::-1],))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sum(r.stored for r in results) == 40 and sum(r.duplicates for r in results) == 20
    assert store.count() == 40 and sorted(a.id for a in store.articles()) == sorted(a.id for a in articles)
    assert len(list(store.entity_mentions())) == 2 * 40


def test_find_facets_and_entity_rows(store):
    from warta.store.base import ArticleQuery

    store.save([flood_article(), quake_article()])
    rows, total = store.find(ArticleQuery(text="tewas"), 10)
    assert total == 2 and {r["id"] for r in rows} == {"banjir-1", "gempa-1"} and rows[0]["score"] >= rows[1]["score"]
    rows, total = store.find(ArticleQuery(outlet="contoh"))
    assert [r["id"] for r in rows] == ["banjir-1"] and total == 1 and rows[0]["snippet"].startswith("Banjir")
    assert [r["id"] for r in store.find(ArticleQuery(since="2025-02-01"))[0]] == ["gempa-1"]
    assert [r["id"] for r in store.find(ArticleQuery(until="2025-01-05"))[0]] == ["banjir-1"]
    assert [r["id"] for r in store.find(ArticleQuery(entity="ade saputra"))[0]] == ["banjir-1"]
    # Only given ids (the articles of an entity linked across the store, services.linked)
    assert store.find(ArticleQuery(ids=("gempa-1", "x")))[1] == 1
    assert store.find(ArticleQuery(text="tewas", ids=("banjir-1",)))[0][0]["id"] == "banjir-1"
    assert store.find(ArticleQuery(text="tewas", ids=()))[1] == 0
    assert [r["id"] for r in store.find(ArticleQuery(), order="ingested")[0]] == ["gempa-1", "banjir-1"]
    assert store.facets(ArticleQuery(text="tewas")) == {"outlet": {"Contoh": 1, "Lain": 1},
                                                        "date": {"2025-01-05": 1, "2025-02-01": 1}}
    assert [(r["article_id"], r["text"]) for r in store.entity_rows("ADE SAPUTRA")] == [("banjir-1", "Ade Saputra")]
    seqs = [r["seq"] for r in store.find(ArticleQuery(), order="ingested")[0]]
    assert [r["id"] for r in store.rows_by_seq(seqs[::-1])] == ["banjir-1", "gempa-1"]
    assert [r["seq"] for r in store.rows_by_id(["gempa-1", "x", "banjir-1"])] == seqs
    assert Article.model_validate_json(store.get_json("gempa-1")) == quake_article()
    assert store.find_ids("gem") == ["gempa-1"]


def test_watchlists_vectors_and_stories(store):
    store.save([flood_article(), quake_article()])
    first = store.add_watchlist("entity", "Bogor")
    assert store.add_watchlist("entity", "Bogor")["id"] == first["id"] and first["read_seq"] == 0
    store.mark_watchlist_read(first["id"], 2)
    store.mark_watchlist_read(first["id"], 1)  # never goes back
    assert store.watchlist(first["id"])["read_seq"] == 2 and len(store.watchlists()) == 1
    assert store.remove_watchlist(first["id"]) and store.watchlists() == []
    pending = store.articles_without_vectors("m", 10)
    assert [title for _, title, _ in pending] == ["Banjir bandang di Bogor", "Gempa Cianjur"]
    store.save_vectors("m", [(pending[0][0], b"\x00\x01")])
    store.save_vectors("m", [(pending[0][0], b"\x02\x03")])  # replaced, not doubled
    assert list(store.vectors("m")) == [(pending[0][0], b"\x02\x03")] and store.vector_count("m") == 1
    assert [t for _, t, _ in store.articles_without_vectors("m", 10)] == ["Gempa Cianjur"]
    store.save_stories([("banjir-1", 1, 1), ("gempa-1", 2, 2), ("hilang", 3, 3)], "{}")
    store.save_stories([("gempa-1", 1, 4)], '{"n": 2}')
    assert [(r["article_id"], r["story_id"], r["thread_id"]) for r in store.story_rows()] == [
        ("banjir-1", 1, 1), ("gempa-1", 1, 4)]
    assert store.corpus_state("stories") == '{"n": 2}' and store.corpus_state("lain") is None
    store.save_stories([], "{}", replace=True)
    assert store.story_rows() == []
