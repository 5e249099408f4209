"""The article commands, run as a user runs them (in-process through typer's runner)."""

from __future__ import annotations

import pytest
import csv
import io
import json

import jsonschema
from typer.testing import CliRunner

from warta.cli import app as cli
from warta.cli import articles
from warta.ids import content_id
from warta.schema import load as load_schema

runner = CliRunner()

FIRE = ("Kebakaran melanda permukiman padat penduduk di Tambora, Jakarta Barat, Rabu malam. "
        "Sebanyak 40 rumah hangus terbakar dan ratusan warga mengungsi ke masjid terdekat.")


def run(*args: str, input: str | None = None):
    return runner.invoke(cli.app, list(args), input=input)


@pytest.mark.slow
def test_extract_seeds_jsonl_gives_valid_articles(seed_files):
    result = run("extract", *map(str, seed_files), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    schema = load_schema()
    for line, path in zip(lines, seed_files):
        article = json.loads(line)
        jsonschema.validate(article, schema)
        assert article["source"] == str(path)
        assert article["raw_text"] == path.read_text(encoding="utf-8")


def test_extract_json_is_one_list_and_reads_stdin():
    result = run("extract", "-", "--format", "json", input=json.dumps({"id": "f1", "text": FIRE}) + "\n")
    assert result.exit_code == 0, result.output
    [article] = json.loads(result.stdout)
    assert article["id"] == "f1" and article["source"] == "stdin#1"


@pytest.mark.slow
def test_ingest_list_show_search_export(tmp_path, seed_files):
    db = str(tmp_path / "w.db")
    (tmp_path / "fire.txt").write_text(FIRE, encoding="utf-8")
    result = run("ingest", str(tmp_path / "fire.txt"), *map(str, seed_files), "--db", db)
    assert result.exit_code == 0, result.output
    assert "4 stored · 0 duplicate · 0 rejected" in result.stdout

    again = run("ingest", str(tmp_path / "fire.txt"), "--db", db)
    assert again.exit_code == 0 and "0 stored · 1 duplicate" in again.stdout

    listing = run("list", "--db", db)
    assert listing.exit_code == 0 and "4 of 4 articles" in listing.stdout

    hits = run("search", "rumah hangus", "--db", db)
    assert hits.exit_code == 0 and "fire.txt" not in hits.stdout
    fire_id = hits.stdout.split()[1]
    assert "hangus" in hits.stdout

    shown = run("show", fire_id[:6], "--db", db)  # a unique prefix is enough
    assert shown.exit_code == 0, shown.output
    assert "clean text" in shown.stdout and "Tambora" in shown.stdout
    assert run("show", "tidak-ada", "--db", db).exit_code == 2

    exported = run("export", "--format", "jsonl", "--db", db)
    assert exported.exit_code == 0
    assert len(exported.stdout.splitlines()) == 4
    table = list(csv.DictReader(io.StringIO(run("export", "-f", "csv", "--db", db).stdout)))
    assert len(table) == 4 and table[0]["text"] == FIRE
    import pyarrow.parquet as pq  # a declared test dependency

    out = tmp_path / "a.parquet"
    assert run("export", "-f", "parquet", "-o", str(out), "--db", db).exit_code == 0
    assert pq.read_table(out).num_rows == 4


def test_exit_codes(tmp_path):
    db = str(tmp_path / "w.db")
    good = tmp_path / "good.txt"
    good.write_text(FIRE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    some = run("ingest", str(good), str(empty), "--db", db)
    assert some.exit_code == 1 and "empty.txt: empty file" in some.stdout
    assert run("ingest", str(empty), "--db", db).exit_code == 2
    assert run("ingest", str(tmp_path / "missing.txt"), "--db", db).exit_code == 2
    assert run("export", "--format", "xml", "--db", db).exit_code == 2
    assert run("ingest", "--db", db).exit_code == 2  # no PATH: usage error


def test_help_documents_exit_codes_and_every_command():
    top = run("--help")
    assert "Exit codes" in top.stdout
    for command in ("ingest", "extract", "demo", "list", "show", "search", "export"):
        assert command in top.stdout
        assert run(command, "--help").exit_code == 0
    assert "Exit codes" in run("ingest", "--help").stdout


def test_demo_ingests_the_examples_and_lists_them(tmp_path, seed_files, monkeypatch):
    # The seeds stand in for warta/examples/ (bundled by another module) so this tests
    # the command itself; run twice, the second run stores nothing and still lists them.
    monkeypatch.setattr(articles, "bundled_examples", lambda: seed_files)
    db = str(tmp_path / "d.db")
    first = run("demo", "--db", db)
    assert first.exit_code == 0, first.output
    assert f"{len(seed_files)} stored" in first.stdout and "warta show" in first.stdout
    second = run("demo", "--db", db)
    assert f"0 stored · {len(seed_files)} duplicate" in second.stdout
    for path in seed_files:  # listed by id (a .txt article's id is its content id)
        assert content_id(path.read_text(encoding="utf-8")) in second.stdout


@pytest.mark.parametrize("command", ["stories", "framing"])
@pytest.mark.parametrize("bound", ["--since", "--until"])
def test_a_date_bound_that_is_no_date_is_a_usage_error(tmp_path, command, bound):
    from warta.store.sqlite import SQLiteStore

    db = str(tmp_path / "w.db")
    SQLiteStore(db).close()  # an empty store (reading a missing one is an error of its own)
    # it used to print an empty table and exit 0, as if nothing had been published
    for bad in ("garbage", "2023-13-01", "10/10/2023"):
        result = run("--db", db, command, bound, bad)
        assert result.exit_code == 2, result.output
        assert "YYYY-MM-DD" in result.output
    assert run("--db", db, command, bound, "2023-10-10").exit_code == 0


def test_framing_says_nothing_to_measure_for_a_referent_an_outlet_never_named(tmp_path):
    # A fire report names no Israel, no attack and no death: its lexical choices are not
    # measured zeros (it printed "0.000 [0.000–0.000] (0/0)").
    db = str(tmp_path / "w.db")
    record = json.dumps({"text": FIRE, "outlet": "Tempo", "title": "Kebakaran di Tambora"})
    assert run("ingest", "-", "--db", db, input=record + "\n").exit_code == 0
    result = run("--db", db, "framing")
    assert result.exit_code == 0, result.output
    assert "nothing to measure" in result.stdout and "(0/0)" not in result.stdout
