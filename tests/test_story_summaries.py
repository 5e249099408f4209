"""Stored story summaries (migration 9) list exactly what building every story from every
article's listing row and membership row gave (the way ``warta stories`` worked before),
on real data — seeds, Narasipal headlines of two days (title-only, five outlets), detik
articles — after ingest, after a rebuild, after deleting and re-ingesting articles, after
rewriting articles in place, and after migrating a store made before the summaries; on
SQLite and on PostgreSQL. And the listings read no article listing or membership scan."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import ENTLINKS_DROP, WIRE_DROP, forget_migrations, shared_path
from typer.testing import CliRunner

from warta.cli.app import app

from warta.corpus import story_views
from warta.corpus.story_views import full_listing, list_stories, story_detail, story_page
from warta.ingest import read_inputs
from warta.run.batch import ingest
from warta.store import open_store

pytestmark = pytest.mark.slow


def _inputs(folder, seed_files) -> list[str]:
    with open(shared_path("data", "news", "narasipal-gaza-headlines", "dataset.csv"), encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["tanggal_publikasi"][:10] in ("2023-11-20", "2023-11-21")][:160]
    assert len({r["sumber_berita"] for r in rows}) >= 4, "the Narasipal headlines changed"
    headlines = folder / "headlines.jsonl"
    headlines.write_text("".join(json.dumps({"text": r["judul_berita"], "title": r["judul_berita"],
                                             "outlet": r["sumber_berita"], "url": r["url"],
                                             "published": r["tanggal_publikasi"]}, ensure_ascii=False) + "\n"
                                 for r in rows), encoding="utf-8")
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8", newline="") as f:
        detik = list(csv.DictReader(f))[:40]
    part = folder / "detik.csv"
    with open(part, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(detik[0]))
        w.writeheader()
        w.writerows(detik)
    return [str(p) for p in seed_files] + [str(headlines), str(part)]


def old_stories(store) -> dict[int, dict]:
    """Every story built from every article's listing row and membership row."""
    return {s["id"]: s for s in full_listing(store)}


def old_listing(store, since=None, until=None, outlet=None, min_articles=1) -> list[dict]:
    out = []
    for s in old_stories(store).values():
        if s["n_articles"] < min_articles:
            continue
        if outlet and outlet.lower() not in (o.lower() for o in s["outlets"]):
            continue
        if since and (s["last_published"] or "") < since:
            continue
        if until and (s["first_published"] or "9999") > until + "T99":
            continue
        out.append(s)
    return sorted(out, key=lambda s: (s["last_published"] or "", s["id"]), reverse=True)


def _no_full_reads(monkeypatch, store) -> None:
    def refuse(*_a, **_k):
        raise AssertionError("a story listing read every article or membership row")

    for name in ("listing", "story_rows", "articles"):
        monkeypatch.setattr(store, name, refuse)


def check_same(store, monkeypatch) -> int:
    """The summary listings equal the full computation; returns how many stories."""
    expected = {k: old_listing(store, **dict(k)) for k in _FILTERS(store)}
    full = old_stories(store)
    all_outlets = sorted({r["outlet"] for r in store.listing() if r["outlet"]})
    with monkeypatch.context() as m:
        _no_full_reads(m, store)
        for k, want in expected.items():
            assert list_stories(store, **dict(k)) == want, k
        table = list_stories(store, with_articles=False)
        assert table == [{k: v for k, v in s.items() if k != "articles"} for s in expected[()]]
        # Pages (the API and the home page).
        pairs = list_stories(store, min_articles=2)
        for offset in (0, 3):
            rows, total = story_page(store, 2, 5, offset)
            assert total == len(pairs)
            assert [r["id"] for r in rows] == [s["id"] for s in pairs[offset:offset + 5]]
        # A story page: the biggest story, and its thread's other stories.
        biggest = max(full.values(), key=lambda s: (s["n_articles"], -s["id"]))
        detail = story_detail(store, biggest["id"])
    assert {k: detail[k] for k in biggest} == biggest
    assert detail["coverage_gap"] == sorted(set(all_outlets) - set(detail["by_outlet"]))
    thread = [t for t in full.values() if t["thread"] == biggest["thread"] and t["id"] != biggest["id"]]
    assert [t["id"] for t in detail["thread_stories"]] == [t["id"] for t in sorted(
        thread, key=lambda t: t["first_published"] or "")]
    assert expected[()], "no stories"
    return len(expected[()])


def _FILTERS(store):
    outlets = sorted({r["outlet"] for r in store.listing() if r["outlet"]})
    yield ()
    yield (("min_articles", 2),)
    yield (("since", "2023-11-21"),)
    yield (("until", "2023-11-20"),)
    yield (("since", "2023-11-20"), ("until", "2023-11-20"), ("min_articles", 2))
    yield (("outlet", outlets[0].upper()),)
    yield (("outlet", outlets[-1]), ("since", "2023-11-21"))
    yield (("outlet", "no such outlet"),)


def test_summaries_equal_the_full_listing(store_url, tmp_path, seed_files, monkeypatch):
    inputs = _inputs(tmp_path, seed_files)
    with open_store(store_url) as store:
        report = ingest(read_inputs(inputs), store)
        assert report.stored > 150
        check_same(store, monkeypatch)
        assert any(len(s["outlets"]) > 2 for s in list_stories(store)), "no story spans outlets"
        result = CliRunner().invoke(app, ["stories", "--db", store_url, "--min-articles", "2", "--limit", "3",
                                          "--format", "jsonl"])
        assert result.exit_code == 0, result.output
        assert [json.loads(line) for line in result.stdout.splitlines()] == old_listing(store, min_articles=2)[:3]

        story_views.rebuild(store)
        n = check_same(store, monkeypatch)

        # Delete: the biggest story's first article, and a story's only article.
        stories = list_stories(store)
        big = max(stories, key=lambda s: s["n_articles"])
        single = next(s for s in stories if s["n_articles"] == 1)
        gone = [big["articles"][0], single["articles"][0]]
        assert store.delete(gone) == 2
        # Labels wait for the next writer; a listing computes the missing ones itself.
        assert check_same(store, monkeypatch) == n - 1
        assert single["id"] not in {s["id"] for s in list_stories(store)}
        report = ingest(read_inputs(inputs), store)
        assert report.stored == 2
        assert check_same(store, monkeypatch) == n

        # Rewritten in place (reprocess): a new title and date move the summary with them.
        article = store.get(big["articles"][1])
        store.replace([article.model_copy(update={"title": "Judul baru sama sekali", "published": "2023-11-25T08:00:00"})])
        check_same(store, monkeypatch)
        assert story_detail(store, big["id"])["last_published"] == "2023-11-25T08:00:00"


def _downgrade(store) -> None:
    """Make ``store`` look as a store before migration 9 did (no summaries)."""
    forget_migrations(store, ENTLINKS_DROP + WIRE_DROP + " DROP TABLE story_summaries; DROP TABLE story_outlets; "
                      "DROP INDEX articles_outlet_name;", 9)


def test_migration_backfills_in_sql(store_url, tmp_path, seed_files, monkeypatch):
    with open_store(store_url) as store:
        ingest(read_inputs(_inputs(tmp_path, seed_files)), store)
        before = list_stories(store)
        _downgrade(store)
    with open_store(store_url) as store:
        # Backfilled: every aggregate in SQL, labels left to the next writer...
        rows = store.story_page(story_views._filter(store, None, None, None, 1))
        assert len(rows) == len(before) and all(r["label"] is None for r in rows)
        # ... and a reader computes them meanwhile.
        assert list_stories(store) == before
        check_same(store, monkeypatch)
        # `warta stories labels` (or the next ingest) labels them all, once.
        result = CliRunner().invoke(app, ["stories", "--db", store_url, "labels"])
        assert result.exit_code == 0, result.output
        assert f"{len(before)} stories labelled" in result.output
        assert all(r["label"] is not None for r in store.story_page(story_views._filter(store, None, None, None, 1)))
        assert list_stories(store) == before
