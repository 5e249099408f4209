"""Store-wide aggregates kept per article (framing rows) and results cached per store
generation (framing profiles, the entity list) stay equal to computing them afresh from
the stored articles, through ingest, delete and re-ingest, on both backends."""

from __future__ import annotations

import json

from warta import services
from warta.corpus import outlets
from warta.store.sqlite import SQLiteStore


def _fresh(articles, **period) -> str:
    chosen = [a for a in articles if outlets.in_period(a, period.get("since"), period.get("until"))
              and (period.get("outlet") is None or (a.outlet or "").casefold() == period["outlet"].casefold())]
    return json.dumps(outlets.to_records(outlets.profiles(chosen)), sort_keys=True)


def _served(store, **period) -> str:
    return json.dumps(services.framing_profiles(store, **period), sort_keys=True)


def _fresh_entities(store) -> list[dict]:
    services._STORE_CACHE.clear()
    return services.entities(store, limit=None).items


def test_ingest_stores_each_articles_framing_row(served_db):
    with SQLiteStore(served_db) as store:
        assert store.count() > 10
        assert store.missing_aggregate(outlets.AGGREGATE, 5) == []  # written at ingest


def test_framing_and_entities_stay_equal_to_a_fresh_computation(served_db, store):
    with SQLiteStore(served_db) as source:
        articles = list(source.articles())
    store.save(articles)
    assert store.missing_aggregate(outlets.AGGREGATE, 1000) == [a.id for a in articles]  # not ingested: no rows
    assert _served(store) == _fresh(articles)  # rows made on first read
    assert store.missing_aggregate(outlets.AGGREGATE, 1000) == []
    outlet = max({a.outlet for a in articles if a.outlet}, key=lambda o: sum(a.outlet == o for a in articles))
    for period in ({"outlet": outlet.upper()}, {"since": "2023-11-23"}, {"until": "2023-11-22"}):
        assert _served(store, **period) == _fresh(articles, **period)

    # Delete the article with the most loaded spans: the profiles and the entity list change with it.
    gone = max(articles, key=lambda a: len(a.framing))
    assert gone.framing and gone.entities
    before = services.entities(store, limit=None).items
    store.delete([gone.id])
    rest = [a for a in articles if a.id != gone.id]
    assert _served(store) == _fresh(rest) != _fresh(articles)
    after = services.entities(store, limit=None).items
    assert after != before and after == _fresh_entities(store)

    # Stored again (a re-ingest): its row is made again and everything is as at first.
    store.save([gone])
    assert _served(store) == _fresh(rest + [gone])
    assert services.entities(store, limit=None).items == before

    # Rewritten in place (`warta reprocess`): same id, count and position, other annotations.
    plain = gone.model_copy(update={"framing": [], "entities": []})
    assert store.replace([plain]) == 1
    assert _served(store) == _fresh(rest + [plain]) != _fresh(rest + [gone])
    assert services.entities(store, limit=None).items == after == _fresh_entities(store)
