"""Shared test fixtures. Tests read real data from ../shared/ (relative to the repo root)
and fail loudly when it is missing: a skipped test proves nothing."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def shared_path(*parts: str) -> Path:
    """Path inside ../shared; raises (never skips) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: these tests need the shared data beside the repository "
            f"(../shared from {REPO})")
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_path()


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    files = sorted(shared_path("seeds").glob("*.txt"))
    assert files, "no seed articles in ../shared/seeds"
    return files


@pytest.fixture(scope="session")
def served_db(tmp_path_factory, seed_files) -> Path:
    """A store for the HTTP faces' tests, built once per session through the real
    pipeline: the seed articles, and the Narasipal headlines of 23 November 2023 about the
    Gaza ceasefire (several outlets reporting one event, so stories span outlets)."""
    import csv
    import json

    from warta.ingest import read_inputs
    from warta.run.batch import ingest
    from warta.store.sqlite import SQLiteStore

    folder = tmp_path_factory.mktemp("served")
    with open(shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv"), encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f)
                if r["tanggal_publikasi"].startswith("2023-11-23") and "gencatan" in r["judul_berita"].lower()]
    assert len(rows) >= 5, "the Narasipal headlines changed"
    headlines = folder / "headlines.jsonl"
    headlines.write_text("".join(json.dumps({"text": r["judul_berita"], "title": r["judul_berita"],
                                             "outlet": r["sumber_berita"], "url": r["url"],
                                             "published": r["tanggal_publikasi"]}, ensure_ascii=False) + "\n"
                                 for r in rows), encoding="utf-8")
    path = folder / "warta.db"
    with SQLiteStore(path) as store:
        report = ingest(read_inputs([str(p) for p in seed_files] + [str(headlines)]), store)
    assert report.stored == len(seed_files) + len(rows), report.rejected
    return path


# -- store backends ----------------------------------------------------------------------
# Store tests run on SQLite always and on PostgreSQL whenever a server answers at
# $WARTA_TEST_PG (default: the CI server, trust authentication). One database is created
# per test run and dropped after it; each test gets a schema of its own inside it.
PG_ADMIN_URL = os.environ.get("WARTA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_admin():
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)


@pytest.fixture(scope="session")
def pg_database():
    """URL of a fresh PostgreSQL database for this test run (None: no server reachable)."""
    import psycopg

    try:
        admin = _pg_admin()
    except psycopg.OperationalError:
        yield None
        return
    name = f"warta_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with _pg_admin() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path, pg_database) -> str:
    """Where a test's empty store lives: an SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        return str(tmp_path / "w.db")
    if pg_database is None:
        # CI always has a server (.ci/run starts it): a missing one there is a failure.
        if os.environ.get("CI"):
            pytest.fail(f"CI: no PostgreSQL server answers at {PG_ADMIN_URL}")
        pytest.skip(f"no PostgreSQL server at {PG_ADMIN_URL} (set WARTA_TEST_PG)")
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{pg_database}?options=-csearch_path%3D{schema}"


@pytest.fixture()
def store(store_url):
    from warta.store import open_store

    with open_store(store_url) as s:
        yield s


# Undoes migration 10 (stored wire signatures): part of any downgrade to before it.
WIRE_DROP = "DROP TABLE wire_bands; DROP TABLE wire_signatures; DROP TABLE wire_paragraphs;"
# Undoes migration 11 (stored entity-link evidence): part of any downgrade to before it.
ENTLINKS_DROP = "DROP TABLE entity_link_counts; DELETE FROM corpus_state WHERE name = 'entity_links';"


def forget_migrations(store, drop: str, version: int) -> None:
    """Make ``store`` look as a store made before migration ``version`` did: run ``drop``
    (the statements undoing it and any later one) and record ``version - 1``."""
    if hasattr(store, "pool"):
        with store.pool.connection() as conn:
            conn.execute(drop + f" DELETE FROM warta_schema WHERE version >= {int(version)}")
    else:
        store.conn.executescript(drop + f" PRAGMA user_version = {int(version) - 1};")
