"""``warta reprocess`` and ``warta stories rebuild`` on the runner: a store built by an
older pipeline, reprocessed, is the store a fresh ingest makes (serially and on 2 Dask
workers, on SQLite and PostgreSQL); a second run changes nothing."""

from __future__ import annotations

import itertools
import re

import pytest

from conftest import shared_path
from warta import pipeline
from warta.corpus.story_views import rebuild
from warta.ingest import read_inputs
from warta.model import Article
from warta.run.batch import ingest, reprocess
from warta.run.dask import DaskRunner
from warta.store import open_store

pytestmark = pytest.mark.slow
N_DETIK = 37  # with the seeds: 40 articles, 10 batches of 4


def _inputs():
    detik = shared_path("data", "news", "detik-1000", "data_berita.csv")
    return itertools.islice(read_inputs([str(shared_path("seeds")), str(detik)]), 3 + N_DETIK)


def _found_by_title(store, articles) -> list[str]:
    """Ids of the articles a search for their own headline (as a phrase) finds: the
    search entries follow the titles (ranking differs between the engines, this does not)."""
    found = []
    for a in articles:
        words = re.findall(r"\w+", a.title or "")
        if words and a.id in {h.id for h in store.search('"' + " ".join(words) + '"', limit=50)}:
            found.append(a.id)
    return found


def _snapshot(store) -> dict:
    """Everything a user can read back: the export, annotation rows, search, stories."""
    articles = list(store.articles())
    return {"export": [a.model_dump_json() for a in articles],
            "quotes": store.annotations("quotes"), "figures": store.annotations("figures"),
            "stories": store.story_rows()}


def _headline_search_follows(old_store_found: list[str], store) -> None:
    """Before: the old pipeline's articles had no title, their headlines were not
    searchable; after: nearly all are (each engine tokenises a few headlines its own way)."""
    titled = [a for a in store.articles() if a.title]
    found = _found_by_title(store, titled)
    assert len(old_store_found) < 5 and len(found) >= 0.9 * len(titled) > 30, (len(found), len(titled))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict:
    with open_store(tmp_path_factory.mktemp("fresh") / "w.db") as store:
        report = ingest(_inputs(), store, batch_size=4)
        assert report.stored == 40 and not report.rejected, report.rejected
        return _snapshot(store)


def _older_pipeline(monkeypatch):
    """An 'old model' in this process: no titles detected, no quotes, no figures."""
    real = pipeline.process_batch

    def old(raws):
        return [a.model_copy(update={"title": None, "quotes": [], "figures": []}) for a in real(raws)]

    monkeypatch.setattr(pipeline, "process_batch", old)


def _store_from_older_pipeline(store, monkeypatch, fresh):
    with monkeypatch.context() as m:
        _older_pipeline(m)
        assert ingest(_inputs(), store, batch_size=4).stored == 40
    old = _snapshot(store)
    assert old["export"] != fresh["export"] and not old["quotes"] and not old["figures"]
    titled = [Article.model_validate_json(j) for j in fresh["export"]]
    return old, _found_by_title(store, titled)


def test_reprocess_gives_the_fresh_store(store, monkeypatch, fresh):
    old, old_found = _store_from_older_pipeline(store, monkeypatch, fresh)
    seen = []
    report = reprocess(store, batch_size=4, on_progress=lambda r: seen.append(r.seen))
    assert (report.seen, report.failed) == (40, []) and seen == list(range(4, 41, 4))
    assert report.changed == sum(a != b for a, b in zip(old["export"], fresh["export"]))
    assert _snapshot(store) == fresh  # ids, order, annotations, stories
    _headline_search_follows(old_found, store)  # search entries
    again = reprocess(store, batch_size=4)
    assert (again.seen, again.changed) == (40, 0)


def test_reprocess_on_two_workers(store, monkeypatch, fresh):
    _, old_found = _store_from_older_pipeline(store, monkeypatch, fresh)  # workers: the real pipeline
    with DaskRunner(workers=2) as runner:
        report = reprocess(store, batch_size=4, map_batches=runner, stories_map=runner.map)
        assert (report.seen, report.failed) == (40, []) and report.changed > 0
        assert _snapshot(store) == fresh
        _headline_search_follows(old_found, store)
        store.save_stories([], "{}", replace=True)  # forget the stories: rebuilt on the workers
        rebuild(store, map_function=runner.map)
    assert store.story_rows() == fresh["stories"]


def test_a_store_without_inputs_is_reprocessed_from_its_articles(tmp_path, fresh):
    """Articles stored before the input was kept (schema 6): rebuilt from their own
    metadata, the fresh store's annotations come back."""
    with open_store(tmp_path / "w.db") as store:
        ingest(_inputs(), store, batch_size=4)
        store.conn.execute("UPDATE articles SET input = NULL")
        stripped = [a.model_copy(update={"quotes": [], "figures": []}) for a in store.articles()]
        assert store.replace(stripped) == 40 and not store.annotations("quotes")
        report = reprocess(store, batch_size=8)
        assert report.changed > 0 and not report.failed
        assert _snapshot(store) == fresh
