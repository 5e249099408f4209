"""Stories over a store: assign, rebuild, list, and show one with its coverage.

Plain functions over a ``Store`` that the CLI (``warta stories``, ``warta story``) and the
HTTP API share. Story membership and the online clusterer's state live in the store
(migration 6); ``assign`` resumes the clusterer from that state, so ingesting a batch adds
its articles to the open stories without re-clustering anything; ``rebuild`` replays every
stored article from scratch.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Iterable, Optional

from warta.corpus.stories import StoryClusterer, StoryConfig, arrival_order, from_article, words
from warta.model import Article

STATE = "stories"


def _clusterer(store, config: Optional[StoryConfig] = None) -> StoryClusterer:
    state = store.corpus_state(STATE)
    return StoryClusterer.from_state(json.loads(state), config) if state else StoryClusterer(config or StoryConfig())


def _rows(clusterer: StoryClusterer, ids: Iterable[str]) -> list[tuple[str, int, int]]:
    out = []
    for aid in ids:
        sid = clusterer.story_of.get(aid)
        if sid is not None:
            out.append((aid, sid, clusterer.stories[sid].thread if clusterer.stories[sid].thread is not None else sid))
    return out


def assign(store, articles: Iterable[Article], config: Optional[StoryConfig] = None) -> dict[str, int]:
    """Put newly stored articles into stories (joining open ones or opening new ones) and
    store the result; an article already assigned keeps its story (a re-ingest doubles
    nothing). Returns article id -> story id for ``articles``."""
    items = arrival_order(from_article(a) for a in articles)
    if not items:
        return {}
    clusterer = _clusterer(store, config)
    before = dict(clusterer.story_of)
    for item in items:
        clusterer.add(item)
    clusterer.consolidate()
    # A merge moves earlier members to another story: their rows change too.
    changed = [aid for aid, sid in clusterer.story_of.items() if before.get(aid) != sid]
    # An article deleted and stored again keeps its story: its row is written anew.
    changed += [i.id for i in items if i.id in before]
    store.save_stories(_rows(clusterer, changed), json.dumps(clusterer.state()))
    fill_labels(store)
    return {i.id: clusterer.story_of[i.id] for i in items}


def assign_pending(store, config: Optional[StoryConfig] = None) -> int:
    """Assign every stored article that is in no story yet (what ``ingest`` calls once per
    run); returns how many, and labels the stories that have none (after migration 9, or
    an article's deletion). A store without story tables (another backend) is skipped."""
    try:
        pending = [a for a in (store.get(i) for i in store.unassigned()) if a]
    except NotImplementedError:
        return 0
    n = len(assign(store, pending, config))
    fill_labels(store)
    return n


def fill_labels(store) -> int:
    """Label every stored story summary that has no label yet; returns how many."""
    return store.fill_story_labels(_label)


REBUILD_PAGE = 256  # stored articles per task


def story_inputs(article_jsons: list[str]) -> list:
    """What clustering needs from each stored Article JSON (a pure batch function: the
    part of a rebuild that ``map_function`` may spread over Dask workers)."""
    return [from_article(Article.model_validate_json(j)) for j in article_jsons]


def rebuild(store, config: Optional[StoryConfig] = None, map_function=None) -> int:
    """Recompute every story from scratch (in publication order); returns how many.

    ``map_function(func, batches)`` runs ``story_inputs`` over pages of stored articles
    (``warta.run.dask.DaskRunner.map`` on a cluster; default: in this process). The
    clustering itself is online, one article after another in arrival order, so it runs
    here: the result does not depend on the runner."""
    from warta.run.mapping import map_serially

    def pages():
        after = 0
        while rows := store.stored_inputs(after, REBUILD_PAGE):
            after = rows[-1][0]
            yield [article_json for _, article_json, _ in rows]

    items = [item for batch in (map_function or map_serially)(story_inputs, pages()) for item in batch]
    clusterer = StoryClusterer(config or StoryConfig())
    for item in arrival_order(items):
        clusterer.add(item)
    clusterer.consolidate()
    store.save_stories(_rows(clusterer, list(clusterer.story_of)), json.dumps(clusterer.state()), replace=True)
    fill_labels(store)
    return len({s for s in clusterer.story_of.values()})


# ----------------------------------------------------------------------------- views

def _label(titles: list[str]) -> str:
    """The most central headline: the one whose words the other headlines share most."""
    titles = [t for t in titles if t]
    if not titles:
        return ""
    counts = Counter(w for t in titles for w in set(words(t)))
    return max(titles, key=lambda t: (sum(counts[w] for w in set(words(t))), -len(t)))


def summary_from_members(story_id: int, arts: list[dict]) -> dict:
    """A story's listing record from its members (``id, title, outlet, published`` and
    ``thread``), computed in full: what the stored summary (``warta.store.story_sql``)
    must always equal."""
    far = "9999"
    arts = sorted(arts, key=lambda a: (a.get("published") or far, a["id"]))
    dated = [a["published"] for a in arts if a.get("published")]
    outlets = Counter(a.get("outlet") or "(unknown)" for a in arts)
    return {
        "id": story_id, "label": _label([a.get("title") or "" for a in arts]),
        "articles": [a["id"] for a in arts], "n_articles": len(arts),
        "outlets": [o for o, _ in outlets.most_common()],
        "first_published": min(dated) if dated else None,
        "last_published": max(dated) if dated else None,
        "thread": arts[0]["thread"],
    }


def full_listing(store) -> list[dict]:
    """Every story built from every article's listing row and membership row, newest first:
    how ``list_stories`` worked before the stored summaries (linear in the store; kept to
    check them against, in the tests and ``benchmarks/store_benchmark.py scale``)."""
    meta = {r["id"]: r for r in store.listing()}
    by_story: dict[int, list[dict]] = defaultdict(list)
    for row in store.story_rows():
        info = meta.get(row["article_id"])
        if info is not None:
            by_story[row["story_id"]].append({**info, "thread": row["thread_id"]})
    stories = [summary_from_members(sid, arts) for sid, arts in by_story.items()]
    return sorted(stories, key=lambda s: (s["last_published"] or "", s["id"]), reverse=True)


def _records(store, rows: list[dict], with_articles: bool = True, counts: bool = False) -> list[dict]:
    """Listing records from stored summary rows: labels a writer has not filled yet are
    computed from the members' titles, article ids read for these stories only."""
    need = [r["story_id"] for r in rows if with_articles or r["label"] is None]
    members = store.story_members(need) if need else {}
    out = []
    for r in rows:
        arts = members.get(r["story_id"], [])
        record = {"id": r["story_id"],
                  "label": r["label"] if r["label"] is not None else _label([a["title"] or "" for a in arts])}
        if with_articles:
            record["articles"] = [a["id"] for a in arts]
        record.update({"n_articles": r["n_articles"], "outlets": [o for o, _ in r["outlets"]],
                       "first_published": r["first_published"], "last_published": r["last_published"],
                       "thread": r["thread_id"]})
        if counts:
            record["outlet_counts"] = dict(r["outlets"])
        out.append(record)
    return out


def _filter(store, since: Optional[str], until: Optional[str], outlet: Optional[str], min_articles: int):
    from warta.store.story_sql import StoryFilter

    # The outlet matches case-insensitively (Python's lower(), not the database's).
    names = None if not outlet else [o for o in store.story_outlet_names() if o.lower() == outlet.lower()]
    return StoryFilter(since=since, until=until, outlets=names, min_articles=min_articles)


def list_stories(store, since: Optional[str] = None, until: Optional[str] = None,
                 outlet: Optional[str] = None, min_articles: int = 1, limit: Optional[int] = None,
                 offset: int = 0, with_articles: bool = True) -> list[dict]:
    """Stories, newest first: id, label, articles (stored ids; left out when not
    ``with_articles``), n_articles, outlets, first_published, last_published, thread.
    ``since``/``until`` are ISO dates compared with the story's span (a story overlapping
    the range is listed); ``outlet`` keeps stories that outlet covered (case-insensitive).
    Read from the stored summaries (migration 9): only the rows listed."""
    f = _filter(store, since, until, outlet, min_articles)
    return _records(store, store.story_page(f, limit, offset), with_articles)


def story_page(store, min_articles: int = 1, limit: int = 20, offset: int = 0) -> tuple[list[dict], int]:
    """One page of ``list_stories`` (without article ids, with ``outlet_counts``: outlet ->
    articles, most first) and how many stories there are in all."""
    f = _filter(store, None, None, None, min_articles)
    return _records(store, store.story_page(f, limit, offset), False, counts=True), store.story_total(f)


def story_detail(store, story_id: int, top: int = 10) -> Optional[dict]:
    """One story: its summary, per outlet its articles in time order, the coverage (per
    outlet: count, first and last time) and the coverage gap (outlets in the store that
    did not cover it), the wire-copy groups among its articles, key entities, quotes and
    figures. None when there is no such story."""
    from warta.corpus.wire import find_groups, group_record

    rows = store.stories_by_id([story_id])
    if not rows:
        return None
    s = _records(store, rows)[0]
    arts = [a for a in (store.get(i) for i in s["articles"]) if a is not None]
    per_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in arts:
        per_outlet[a.outlet or "(unknown)"].append({"id": a.id, "title": a.title, "published": a.published, "url": a.url})
    coverage = {o: {"articles": len(v), "first": v[0]["published"], "last": v[-1]["published"]}
                for o, v in per_outlet.items()}
    all_outlets = {o for o in store.outlet_names() if o}
    entities = Counter(e.canonical for a in arts for e in a.entities)
    thread = [t for t in _records(store, store.thread_stories(s["thread"]), False) if t["id"] != story_id]
    return {
        **s,
        "by_outlet": dict(per_outlet),
        "coverage": coverage,
        "coverage_gap": sorted(all_outlets - set(per_outlet)),
        "wire_copies": [group_record(g) for g in find_groups(arts)],
        "entities": entities.most_common(top),
        "quotes": [{"article": a.id, "speaker": q.speaker, "text": q.text} for a in arts for q in a.quotes][:top],
        "figures": [{"article": a.id, "value": f.value, "measure": f.measure, "qualifier": f.qualifier,
                     "group": f.group, "source": f.source, "as_of": f.as_of, "text": f.text}
                    for a in arts for f in a.figures][:top],
        "thread_stories": sorted(({"id": t["id"], "label": t["label"], "first_published": t["first_published"]}
                                  for t in thread), key=lambda t: t["first_published"] or ""),
    }
