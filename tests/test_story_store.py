"""Stories in the store, through the CLI: title-only headlines (Narasipal CSV rows)
ingested get stories at ingest; a re-ingest doubles nothing; ``stories rebuild`` gives the
same grouping; ``warta stories --format jsonl`` and ``warta story ID`` show them."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import shared_path
from typer.testing import CliRunner

from warta.cli.app import app

runner = CliRunner()


@pytest.fixture(scope="module")
def headlines_db(tmp_path_factory):
    """60 Narasipal headlines of 20 Nov 2023 (five outlets), title-only, in a fresh store."""
    src = shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv")
    with open(src, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["tanggal_publikasi"].startswith("2023-11-20")][:60]
    folder = tmp_path_factory.mktemp("stories")
    path = folder / "headlines.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    db = folder / "w.db"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, rows


def _stories(db) -> list[dict]:
    result = runner.invoke(app, ["stories", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


@pytest.mark.slow
def test_ingest_assigns_every_headline_to_one_story(headlines_db):
    db, rows = headlines_db
    stories = _stories(db)
    members = [a for s in stories for a in s["articles"]]
    assert len(members) == len(set(members)) == len(rows)
    for s in stories:
        assert {"id", "label", "articles", "outlets", "first_published", "last_published", "thread"} <= set(s)
        assert s["label"] and s["first_published"] <= s["last_published"]
    # Outlets of the day cover some story together (a multi-outlet story exists).
    assert any(len(s["outlets"]) > 1 for s in stories)


@pytest.mark.slow
def test_reingest_and_rebuild_keep_stories(headlines_db, tmp_path):
    db, rows = headlines_db
    before = _stories(db)
    src = tmp_path / "again.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    assert runner.invoke(app, ["ingest", str(src), "--db", str(db)]).exit_code == 0
    assert _stories(db) == before
    assert runner.invoke(app, ["stories", "rebuild", "--db", str(db)]).exit_code == 0
    grouping = lambda ss: sorted(sorted(s["articles"]) for s in ss)  # noqa: E731
    assert grouping(_stories(db)) == grouping(before)


@pytest.mark.slow
def test_story_shows_outlets_and_coverage_gap(headlines_db):
    db, _ = headlines_db
    stories = _stories(db)
    big = max(stories, key=lambda s: len(s["outlets"]))
    result = runner.invoke(app, ["story", str(big["id"]), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    detail = json.loads(result.stdout)
    assert set(detail["by_outlet"]) == set(big["outlets"])
    all_outlets = {o for s in stories for o in s["outlets"]}
    assert set(detail["coverage_gap"]) == all_outlets - set(big["outlets"])
    text = runner.invoke(app, ["story", str(big["id"]), "--db", str(db)])
    assert big["label"] in text.stdout and "Coverage gap" in text.stdout
    assert runner.invoke(app, ["story", "999999", "--db", str(db)]).exit_code == 2
    # a member article's id finds its story, as /api/stories/{id} does
    by_member = runner.invoke(app, ["story", big["articles"][-1], "--db", str(db), "--json"])
    assert by_member.exit_code == 0, by_member.output
    assert json.loads(by_member.stdout)["id"] == big["id"]
    assert runner.invoke(app, ["story", "no-such-article", "--db", str(db)]).exit_code == 2


@pytest.mark.slow
def test_delete_and_reingest_keep_stories_consistent(headlines_db, tmp_path):
    from warta.store import open_store

    db, rows = headlines_db
    before = _stories(db)
    story = max(before, key=lambda s: s["n_articles"])
    gone = story["articles"][0]
    with open_store(db) as store:
        assert store.delete([gone]) == 1
    after = _stories(db)
    assert gone not in {a for s in after for a in s["articles"]}
    assert sum(s["n_articles"] for s in after) == sum(s["n_articles"] for s in before) - 1
    # Ingesting the same headline again puts it back into the story it left.
    src = tmp_path / "again.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    assert runner.invoke(app, ["ingest", str(src), "--db", str(db)]).exit_code == 0
    again = {s["id"]: s for s in _stories(db)}
    assert gone in again[story["id"]]["articles"]
