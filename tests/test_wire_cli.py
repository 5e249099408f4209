"""``warta wire``: the store-wide wire-copy listing (``services.wire_groups``) on real
detik-1000 articles ingested through the CLI: a text rewritten under three headlines is
one group, with its first publication and delays; other articles are in no group."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import shared_path
from typer.testing import CliRunner

from warta.cli.app import app

runner = CliRunner()
# detik-1000 rows 98, 129 and 90: Bahlil on fuel imports for private stations, published
# at 13:08 and 18:00 on 20 Oct and 08:01 on 21 Oct 2025 under three headlines; the others
# are other articles of 20 Oct that share no text with any article of detik-1000.
REWRITES = {"98", "129", "90"}
OTHERS = {"2", "6", "22", "23", "24", "25"}


@pytest.fixture(scope="module")
def wire_db(tmp_path_factory):
    src = shared_path("data", "news", "detik-1000", "data_berita.csv")
    with open(src, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["id"] in REWRITES | OTHERS]
        fields = reader.fieldnames
    folder = tmp_path_factory.mktemp("wire")
    path = folder / "detik.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    db = folder / "w.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, {r["judul"]: r["id"] for r in rows}


@pytest.mark.slow
def test_wire_lists_the_rewritten_text_as_one_group(wire_db):
    db, row_of_title = wire_db
    result = runner.invoke(app, ["wire", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    groups = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(groups) == 1, groups
    g = groups[0]
    copies = [g["first"]] + g["copies"]
    assert {row_of_title[c["title"]] for c in copies} == REWRITES
    assert row_of_title[g["first"]["title"]] == "98"            # 13:08, the earliest
    assert [round(c["delay_minutes"]) for c in g["copies"]] == [292, 1133]   # 18:00, next day 08:01
    assert all(c["headline_rewritten"] for c in g["copies"])
    # --since after the last copy, --outlet of nobody: nothing; the table names the copies.
    for extra in (["--since", "2025-10-22"], ["--outlet", "Kompas"]):
        result = runner.invoke(app, ["wire", "--db", str(db), "--format", "jsonl", *extra])
        assert result.exit_code == 0 and not result.stdout.strip(), result.output
    result = runner.invoke(app, ["wire", "--db", str(db)])
    assert result.exit_code == 0 and "Menohok" in result.stdout and "first" in result.stdout
