"""`warta serve` over a PostgreSQL URL: the same start-up checks as for an SQLite file
(missing, not warta's, older / newer schema, locked: one line each) and the same routes."""

from __future__ import annotations

import os
import uuid

import pytest
from conftest import ENTLINKS_DROP

from warta.api.database import DatabaseProblem, check_database, shown


@pytest.fixture()
def pg_url(pg_database):
    if pg_database is None:
        if os.environ.get("CI"):
            pytest.fail("CI: no PostgreSQL server")
        pytest.skip("no PostgreSQL server (set WARTA_TEST_PG)")
    import psycopg

    schema = f"s_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{pg_database}?options=-csearch_path%3D{schema}"


def _sql(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def test_start_up_checks_on_postgresql(pg_url, pg_database):
    from warta.store.postgres import PostgresStore, schema

    missing = pg_database.rsplit("/", 1)[0] + f"/warta_none_{uuid.uuid4().hex[:6]}"
    with pytest.raises(DatabaseProblem, match="no database at"):
        check_database(missing)
    with pytest.raises(DatabaseProblem, match="not a warta database"):
        check_database(pg_url)  # an empty schema
    PostgresStore(pg_url).close()
    check_database(pg_url)

    latest = max(schema.MIGRATIONS)
    # Undo the latest migration (11: stored entity-link evidence), as a store before it looks.
    _sql(pg_url, ENTLINKS_DROP, f"DELETE FROM warta_schema WHERE version = {latest}")
    with pytest.raises(DatabaseProblem, match="older than this warta"):
        check_database(pg_url)
    check_database(pg_url, migrate=True)
    check_database(pg_url)  # upgraded

    _sql(pg_url, "INSERT INTO warta_schema VALUES (999)")
    with pytest.raises(DatabaseProblem, match="newer than this warta"):
        check_database(pg_url)
    _sql(pg_url, "DELETE FROM warta_schema WHERE version = 999")

    import psycopg

    with psycopg.connect(pg_url) as locker:  # e.g. a VACUUM FULL or an ALTER TABLE running
        locker.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(DatabaseProblem, match="locked"):
            check_database(pg_url)
    check_database(pg_url)


def test_messages_hide_the_password():
    assert shown("postgresql://me:s3cret@db.example/warta") == "postgresql://me:***@db.example/warta"
    assert shown("postgresql://me@db.example/warta") == "postgresql://me@db.example/warta"


def test_serving_a_postgresql_store(pg_url, served_db):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from warta.api.app import ServeConfig, create_app
    from warta.cli import app as cli
    from warta.store.postgres import PostgresStore
    from warta.store.sqlite import SQLiteStore

    with SQLiteStore(served_db) as source:
        articles = list(source.articles())
    with PostgresStore(pg_url) as store:
        store.save(articles)
    client = TestClient(create_app(ServeConfig(db=pg_url)))
    listed = client.get("/api/articles", params={"limit": 200}).json()
    assert listed["total"] == len(articles)
    one = next(a for a in articles if a.title)
    assert client.get(f"/api/articles/{one.id}").json()["id"] == one.id
    assert one.title in client.get(f"/articles/{one.id}", headers={"accept": "text/html"}).text
    assert client.get("/api/search", params={"q": "Gaza"}).json()["total"] >= 1
    assert client.get("/api/framing").status_code == 200
    _sql(pg_url, "INSERT INTO warta_schema VALUES (999)")
    result = CliRunner().invoke(cli.app, ["serve", "--db", pg_url])
    assert result.exit_code == 2 and "newer than this warta" in result.output
