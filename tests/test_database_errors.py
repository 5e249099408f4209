"""Issue 10: a database that cannot be used as asked (missing folder, a directory, not
SQLite, another program's SQLite, a newer schema, locked, read-only) is one line on stderr
and exit code 2, never a traceback; reading commands work on a read-only database."""

from __future__ import annotations

import ctypes
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from warta.cli.app import app
from warta.model import Article
from warta.store.migrations import LATEST
from warta.store.sqlite import SQLiteStore

TEXT = ("Kebakaran melanda permukiman padat penduduk di Tambora, Jakarta Barat, Rabu malam. "
        "Sebanyak 40 rumah hangus terbakar dan ratusan warga mengungsi ke masjid terdekat.")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def one_line_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture()
def article_file(tmp_path) -> Path:
    path = tmp_path / "fire.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _stored(db: Path) -> Path:
    text = "Harga cabai rawit di Surabaya turun menjadi Rp40 ribu per kilogram pekan ini."
    with SQLiteStore(db) as store:
        store.save([Article(id="a1", source="cabai.txt", title="Harga cabai turun", text=text, raw_text=text)])
    return db


def test_a_db_in_a_missing_folder_is_refused_not_created(tmp_path, article_file):
    db = tmp_path / "no-such-folder" / "w.db"
    one_line_error(run("ingest", str(article_file), "--db", str(db)), "does not exist")
    one_line_error(run("list", "--db", str(db)), "no database at")
    assert not db.parent.exists()


def test_reading_a_missing_database_says_how_to_make_one(tmp_path):
    db = tmp_path / "typo.db"
    for command in (["list"], ["search", "api"], ["entities"], ["stories"], ["quotes"], ["timeline"], ["wire"]):
        one_line_error(run(*command, "--db", str(db)), "no database at", "warta ingest")
    assert not db.exists()  # a read never creates a database


@pytest.mark.parametrize("command", [["list"], ["ingest", "FILE"], ["show", "a1"], ["stories", "rebuild"]])
def test_a_directory_is_not_a_database(tmp_path, article_file, command):
    command = [str(article_file) if c == "FILE" else c for c in command]
    one_line_error(run(*command, "--db", str(tmp_path)), "is a directory")


@pytest.mark.parametrize("command", [["list"], ["ingest", "FILE"], ["search", "api"]])
def test_a_file_that_is_not_sqlite(tmp_path, article_file, command):
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    before = db.read_bytes()
    command = [str(article_file) if c == "FILE" else c for c in command]
    one_line_error(run(*command, "--db", str(db)), "not an SQLite database")
    assert db.read_bytes() == before


def test_another_programs_sqlite_database_is_left_alone(tmp_path, article_file):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    one_line_error(run("ingest", str(article_file), "--db", str(db)), "not warta's")
    one_line_error(run("list", "--db", str(db)), "not warta's")
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["contacts"]


def test_a_newer_schema_is_refused(tmp_path, article_file):
    db = _stored(tmp_path / "w.db")
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    one_line_error(run("list", "--db", str(db)), "newer", "upgrade warta")
    one_line_error(run("ingest", str(article_file), "--db", str(db)), "newer")


def test_a_locked_database(tmp_path, article_file, monkeypatch):
    from warta import settings

    db = _stored(tmp_path / "w.db")
    monkeypatch.setattr(settings, "DB_BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing
    try:
        one_line_error(run("ingest", str(article_file), "--db", str(db)), "locked")
        listed = run("list", "--db", str(db))  # readers do not wait for a writer (WAL)
        assert listed.exit_code == 0 and "1 of 1 articles" in listed.output
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def _without_root_powers() -> None:
    """In the child: drop the capabilities that let root ignore file permissions, so a
    read-only file is read-only (the tests may run as root in a container)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def warta(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from warta.cli.app import main; main()", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=_without_root_powers if os.geteuid() == 0 else None)


@pytest.mark.slow
def test_read_commands_work_on_a_read_only_database(tmp_path, article_file):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "w.db"
    assert run("ingest", str(article_file), "--db", str(db)).exit_code == 0
    db.chmod(0o444)
    folder.chmod(0o555)  # no -shm or -wal file can be made beside it
    try:
        probe = warta("ingest", str(article_file), "--db", str(db))  # nothing new: still refused up front
        assert probe.returncode == 2 and probe.stderr.startswith("error: ") and "read-only" in probe.stderr, probe
        assert len(probe.stderr.strip().splitlines()) == 1
        listed = warta("list", "--db", str(db))
        assert listed.returncode == 0 and "1 of 1 articles" in listed.stdout, listed.stderr
        found = warta("search", "rumah hangus", "--db", str(db))
        assert found.returncode == 0 and "hangus" in found.stdout, found.stderr
        assert warta("entities", "--db", str(db)).returncode == 0
        assert sorted(p.name for p in folder.iterdir()) == ["w.db"]
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)


def test_a_postgresql_server_that_is_not_there():
    # Port 1 on loopback: nothing listens. It was a 30 s wait, then a PoolTimeout traceback.
    result = run("list", "--db", "postgresql://reader:s3cret@127.0.0.1:1/news")
    one_line_error(result, "cannot connect to postgresql://reader:***@127.0.0.1:1/news", "refused")
    assert "s3cret" not in result.output


def test_db_given_to_the_stories_group_reaches_rebuild(tmp_path, monkeypatch):
    # `warta stories --db F rebuild` rebuilt (and created) the default database instead of F
    monkeypatch.setenv("WARTA_DB", str(tmp_path / "default.db"))
    db = _stored(tmp_path / "w.db")
    for args in (["stories", "--db", str(db), "rebuild"], ["--db", str(db), "stories", "rebuild"],
                 ["stories", "rebuild", "--db", str(db)]):
        result = run(*args)
        assert result.exit_code == 0 and "1 stories" in result.output, (args, result.output)
    assert not (tmp_path / "default.db").exists()
