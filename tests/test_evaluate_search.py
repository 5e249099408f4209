"""The judged search queries and the ranking scores of `warta evaluate search`."""

from __future__ import annotations

from conftest import shared_path

from warta.evaluate.search import load_queries, ndcg, recall, row_urls


def test_queries_are_judged_against_real_rows():
    queries = load_queries()
    assert len(queries) >= 40
    assert {q.lang for q in queries} == {"id", "en"} and sum(q.lang == "en" for q in queries) >= 20
    assert {q.split for q in queries} == {"dev", "heldout"}
    urls = row_urls(shared_path("data", "news", "detik-1000", "data_berita.csv"))
    for q in queries:
        assert q.relevant_rows and all(n in urls for n in q.relevant_rows), q.id


def test_ndcg_and_recall():
    relevant = {"a", "b"}
    assert ndcg(["a", "b", "x"], relevant) == 1.0
    assert ndcg(["x", "y"], relevant) == 0.0
    assert 0 < ndcg(["x", "a", "b"], relevant) < 1
    assert ndcg(["x", "a"], relevant) < ndcg(["a", "x"], relevant)
    assert recall(["a", "x"], relevant) == 0.5
