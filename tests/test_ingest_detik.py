"""The 1,000 real detik.com articles, end to end: CSV -> pipeline -> store, twice.

detik-1000 holds 909 distinct articles (the same URL was scraped more than once), so the
first ingest stores 909 and counts 91 duplicates; the second adds nothing. The clean text
must have lost detik's in-article residue."""

from __future__ import annotations

import csv
import re

import pytest

from conftest import shared_path
from warta.ingest import read_inputs
from warta.run.batch import ingest
from warta.store.sqlite import SQLiteStore

pytestmark = pytest.mark.slow  # the pipeline over a corpus (see pyproject: markers)

RESIDUE = ("SCROLL TO CONTINUE WITH CONTENT", "Simak juga Video")


@pytest.fixture(scope="module")
def detik_csv():
    return shared_path("data", "news", "detik-1000", "data_berita.csv")


@pytest.fixture(scope="module")
def distinct_articles(detik_csv) -> int:
    with detik_csv.open(encoding="utf-8", newline="") as f:
        bodies = {re.sub(r"\s+", " ", row["isi_berita"]).strip().lower() for row in csv.DictReader(f)}
    return len(bodies)


@pytest.fixture(scope="module")
def store(detik_csv, tmp_path_factory):
    with SQLiteStore(tmp_path_factory.mktemp("detik") / "w.db") as s:
        first = ingest(read_inputs([str(detik_csv)]), s, batch_size=64)
        yield s, first


def test_first_ingest_stores_each_distinct_article_once(store, distinct_articles):
    s, first = store
    assert first.rejected == []
    assert first.stored == distinct_articles == s.count()
    assert first.stored + first.duplicates == 1000


def test_second_ingest_adds_nothing(store, detik_csv):
    s, _ = store
    before = s.count()
    again = ingest(read_inputs([str(detik_csv)]), s, batch_size=64)
    assert (again.stored, again.duplicates, again.rejected) == (0, 1000, [])
    assert s.count() == before


def test_clean_text_has_no_detik_residue(store):
    s, _ = store
    articles = list(s.articles())
    assert sum(any(r in a.raw_text for r in RESIDUE) for a in articles) > 100  # the residue is real
    dirty = [a.id for a in articles if any(r in a.text for r in RESIDUE)]
    assert dirty == []
    # Metadata from the CSV columns survived the pipeline.
    assert all(a.url and a.url.startswith("https://") and a.published for a in articles)
