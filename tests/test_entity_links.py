"""Entity links from the evidence stored at ingest (migration 11, warta.corpus.entity_links)
give what linking every stored mention gives (warta.corpus.entities.linked + matching, the
way `warta entity`, entity pages and ?entity= worked before), mention for mention, on real
news — the seeds and detik-1000 — after ingest, after deleting articles that made short
names resolvable and re-ingesting them, after rewriting articles in place, and after
migrating a store of schema 9 (before wire signatures and the evidence); on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from conftest import ENTLINKS_DROP, WIRE_DROP, forget_migrations, shared_path

from warta import services
from warta.corpus.entities import matching
from warta.corpus.entity_links import article_facts, entity_dicts
from warta.store import open_store
from warta.store.base import ArticleQuery
from warta.store.migrations import LATEST

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def processed(tmp_path_factory, seed_files):
    """The seeds and detik-1000 through the real pipeline, once: (articles, content ids,
    inputs) to store into each backend."""
    from warta.ingest import read_inputs
    from warta.run.batch import ingest

    path = tmp_path_factory.mktemp("entlinks") / "source.db"
    with open_store(str(path)) as store:
        report = ingest(read_inputs([str(p) for p in seed_files]
                                    + [str(shared_path("data", "news", "detik-1000", "data_berita.csv"))]), store)
        assert report.stored > 900, report
        rows = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT id, content_hash, input FROM articles")}
        articles = list(store.articles())
    return articles, [rows[a.id][0] for a in articles], [rows[a.id][1] for a in articles]


def _all_mentions(store) -> list:
    """Every mention linked across the store by linking them all, the linker made from the
    mentions themselves (the former way)."""
    services._STORE_CACHE.clear()
    ready = store.entity_links_ready
    store.entity_links_ready = lambda: False
    try:
        return services.entity_mentions(store)
    finally:
        store.entity_links_ready = ready
        services._STORE_CACHE.clear()


def _names(mentions, every: int) -> list[str]:
    """Every name some link touches, and every ``every``-th other name (by text order),
    in the case given and in other cases."""
    linked = {n for _, m in mentions if m.get("article_canonical")
              for n in (m["text"], m["canonical"], m["article_canonical"])}
    others = sorted({n for _, m in mentions for n in (m["text"], m["canonical"])} - linked)
    names = sorted(linked) + others[::every]
    return names + [n.upper() for n in names[::7]] + [n.lower() for n in names[3::7]]


def check_same(store, names: list[str]) -> int:
    """The stored path answers each name as linking every mention did; the counts are those
    of the stored articles. Returns how many names found mentions."""
    assert store.entity_links_ready()
    mentions = _all_mentions(store)
    links = services._stored_links(store)
    found = 0
    for name in names:
        want = matching(mentions, name)
        assert links.matching(store, name) == want, name
        found += bool(want)
    expected = Counter()
    for article in store.articles():
        expected.update(article_facts(entity_dicts(article), article.published))
    stored = dict(store.entity_link_counts(("name", "alias", "holder", "office", "form")))
    assert stored == dict(expected)
    return found


def _linked_via_full_name(mentions) -> tuple[str, str]:
    """A short name linked to a full name written in full in few articles."""
    by_full = Counter()
    for _, m in mentions:
        if m.get("article_canonical") and "full name" in m.get("link_evidence", ""):
            by_full[(m["article_canonical"], m["canonical"])] += 1
    return by_full.most_common(1)[0][0]


def test_stored_links_equal_linking_every_mention(store_url, processed):
    articles, content_ids, inputs = processed
    with open_store(store_url) as store:
        assert store.save(articles, content_ids, inputs).stored == len(articles)
        mentions = _all_mentions(store)
        names = _names(mentions, 10)
        assert sum(1 for _, m in mentions if m.get("article_canonical")) > 1000  # linking has work to do
        assert check_same(store, names) > 500

        # The faces read the stored path: the same entity page, API body and ?entity= pages.
        short, full = _linked_via_full_name(mentions)
        everything = services.entities(store, limit=200)  # `warta entities`: the stored linker
        for name in (short, full, "Presiden", "menlu", "JAKARTA"):
            services._STORE_CACHE.clear()
            page = services.entity(store, name)
            listed = services.list_articles(store, ArticleQuery(entity=name), limit=200)
            services._STORE_CACHE.clear()
            ready = store.entity_links_ready
            store.entity_links_ready = lambda: False  # the former path, for comparison
            try:
                assert services.entity(store, name) == page
                assert services.list_articles(store, ArticleQuery(entity=name), limit=200) == listed
                assert services.entities(store, limit=200) == everything
            finally:
                store.entity_links_ready = ready
                services._STORE_CACHE.clear()
        assert page is not None and listed.total > 0

        # Delete the articles that write the full name: the short name stays short; the
        # articles return (re-ingest) and link it again.
        holders = sorted({a for a, m in mentions if m["canonical"] == full and not m.get("article_canonical")
                          and m["text"] == full})
        assert 0 < len(holders) < 40
        gone = [a for a in articles if a.id in set(holders)]
        assert store.delete(holders) == len(holders)
        touched = sorted({m[k] for _, m in mentions for k in ("text", "canonical") if full in m.get(k, "")})
        assert check_same(store, touched + [short] + names[::5]) > 0
        assert all(m["canonical"] != full for _, m in services.entity_hits(store, short))
        back = {a.id: i for i, a in enumerate(articles)}
        assert store.save(gone, [content_ids[back[a.id]] for a in gone], [inputs[back[a.id]] for a in gone]).stored \
            == len(gone)
        assert check_same(store, touched + [short] + names[::5]) > 0
        assert any(m["canonical"] == full for _, m in services.entity_hits(store, short))

        # Rewritten in place (`warta reprocess`): another date moves an office's evidence,
        # fewer entities drop theirs.
        office = next(a for a in articles if any(e.role and e.canonical == "Presiden" for e in a.entities))
        changed = [office.model_copy(update={"published": "2019-01-01T08:00:00"}),
                   gone[0].model_copy(update={"entities": gone[0].entities[1:]})]
        assert store.replace(changed) == 2
        assert check_same(store, touched + [short, "Presiden", "presiden"] + names[::5]) > 0


def test_migration_fills_the_evidence(store_url, processed):
    articles, content_ids, inputs = processed
    with open_store(store_url) as store:
        store.save(articles, content_ids, inputs)
        forget_migrations(store, ENTLINKS_DROP + WIRE_DROP, 10)  # as a store of schema 9 looks
    with open_store(store_url) as store:  # migrated (10 and 11) and filled on opening
        assert store.schema_version == LATEST
        assert store.entity_links_ready()
        mentions = _all_mentions(store)
        assert check_same(store, _names(mentions, 25)) > 200
