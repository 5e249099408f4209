"""Entity links from the evidence stored at ingest (migration 11, warta.corpus.entity_links)
give what linking every stored mention gives (warta.corpus.entities.linked + matching, the
way `warta entity`, entity pages and ?entity= worked before), mention for mention, on real
news — the seeds and detik-1000 — after ingest, after deleting articles that made short
names resolvable and re-ingesting them, after rewriting articles in place, and after
migrating a store of schema 9 (before wire signatures and the evidence); on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter

import pytest
from conftest import ENTLINKS_DROP, WIRE_DROP, forget_migrations, shared_path

from warta import services
from warta.corpus.entities import OFFICE_WINDOW_DAYS, aggregate, matching
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
    stored = dict(store.entity_link_counts(("name", "alias", "holder", "office", "form", "entity")))
    assert stored == dict(expected)
    check_list(store, mentions)
    return found


def _former_list(mentions, label, aliases: int, roles: int) -> tuple[list[dict], int, int]:
    """The entity list as `warta entities` made it before the stored counts: every mention
    linked (``mentions``), then ``aggregate``."""
    chosen = [(a, m) for a, m in mentions if label is None or m["label"] == label]
    rows = aggregate(chosen, label)
    return ([{"canonical": e.canonical, "label": e.label, "aliases": [a for a, _ in e.aliases.most_common(aliases)],
              "roles": [r for r, _ in e.roles.most_common(roles)], "articles": len(e.articles),
              "mentions": e.mentions} for e in rows], len(rows), len(chosen))


def check_list(store, mentions) -> None:
    """`warta entities` (every row, each type), /api/entities pages and the former
    aggregate of every linked mention give the same rows, in the same order, with the same
    aliases, roles and counts."""
    for label in (None, "PER", "ORG", "LOC", "EVT"):
        services._STORE_CACHE.clear()
        want = _former_list(mentions, label, 5, 3)
        assert services.entity_list(store, label, None, aliases=5, roles=3) == want, label
        assert want[1] > (1000 if label in (None, "PER", "ORG", "LOC") else 3)
    page = services.entities(store, "PER", limit=50, offset=20)
    assert page.items == _former_list(mentions, "PER", 10, 5)[0][20:70]
    # the list exercises what it must: names merged by linking, offices, ties between types
    rows, _ = services._stored_links(store).listing(store, store.entity_link_counts(("entity",)))
    assert any(len(e.sources) > 1 for e in rows) and any(e.offices and e.sources for e in rows)
    assert any(e.first for e in rows)
    # An office's holders near a day are a slice of its rows by date: the rows a scan keeps.
    linker = services._stored_links(store).linker
    window = dt.timedelta(days=OFFICE_WINDOW_DAYS)
    for office, held in linker._holders.items():
        for day in {r[0] for r in held if r[0]}:
            for when in (day, day - window, day + window, day - window - dt.timedelta(days=1)):
                near = [r for r in held if r[0] is not None and abs((r[0] - when).days) <= OFFICE_WINDOW_DAYS]
                assert sorted(linker._holders_near(office, when), key=repr) == sorted(near, key=repr)


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
        # A store of schema 11 (evidence counted, not the entity list's): counted again.
        with store._transaction() as cur:
            cur.execute("DELETE FROM entity_link_counts WHERE kind = 'entity'")
        forget_migrations(store, "", 12)
    services._STORE_CACHE.clear()
    with open_store(store_url) as store:
        assert store.schema_version == LATEST and store.entity_links_ready()
        check_list(store, _all_mentions(store))


def test_a_read_only_store_lists_entities(tmp_path, processed):
    """A store opened read-only lists entities from its stored counts, and by linking every
    mention when they are not counted yet (a write would count them): the same rows."""
    from warta.store.sqlite import SQLiteStore

    articles, content_ids, inputs = processed
    path = tmp_path / "w.db"
    with SQLiteStore(path) as store:
        store.save(articles[:300], content_ids[:300], inputs[:300])
        want = _former_list(_all_mentions(store), None, 5, 3)
    services._STORE_CACHE.clear()
    with SQLiteStore(path, read_only=True) as store:
        assert store.entity_links_ready()
        assert services.entity_list(store, None, None, aliases=5, roles=3) == want
    with SQLiteStore(path) as store:
        store.conn.execute("INSERT INTO corpus_state (name, value) VALUES ('entity_links', 'pending') "
                           "ON CONFLICT (name) DO UPDATE SET value = 'pending'")  # as migration 12 leaves it
    services._STORE_CACHE.clear()
    with SQLiteStore(path, read_only=True) as store:
        assert not store.entity_links_ready()
        assert services.entity_list(store, None, None, aliases=5, roles=3) == want
