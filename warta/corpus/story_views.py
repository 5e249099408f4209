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
    return {i.id: clusterer.story_of[i.id] for i in items}


def assign_pending(store, config: Optional[StoryConfig] = None) -> int:
    """Assign every stored article that is in no story yet (what ``ingest`` calls once per
    run); returns how many. A store without story tables (another backend) is skipped."""
    try:
        done = {r["article_id"] for r in store.story_rows()}
    except NotImplementedError:
        return 0
    pending = [a for a in (store.get(r["id"]) for r in store.listing() if r["id"] not in done) if a]
    return len(assign(store, pending, config))


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
    return len({s for s in clusterer.story_of.values()})


# ----------------------------------------------------------------------------- views

def _label(titles: list[str]) -> str:
    """The most central headline: the one whose words the other headlines share most."""
    titles = [t for t in titles if t]
    if not titles:
        return ""
    counts = Counter(w for t in titles for w in set(words(t)))
    return max(titles, key=lambda t: (sum(counts[w] for w in set(words(t))), -len(t)))


def _summaries(store) -> tuple[dict[int, dict], dict[str, dict]]:
    meta = {r["id"]: r for r in store.listing()}
    by_story: dict[int, list[dict]] = defaultdict(list)
    for row in store.story_rows():
        info = meta.get(row["article_id"])
        if info is not None:
            by_story[row["story_id"]].append({**info, "thread": row["thread_id"]})
    stories = {}
    far = "9999"
    for sid, arts in by_story.items():
        arts.sort(key=lambda a: (a.get("published") or far, a["id"]))
        dated = [a["published"] for a in arts if a.get("published")]
        outlets = Counter(a.get("outlet") or "(unknown)" for a in arts)
        stories[sid] = {
            "id": sid, "label": _label([a.get("title") or "" for a in arts]),
            "articles": [a["id"] for a in arts], "n_articles": len(arts),
            "outlets": [o for o, _ in outlets.most_common()],
            "first_published": min(dated) if dated else None,
            "last_published": max(dated) if dated else None,
            "thread": arts[0]["thread"],
        }
    return stories, meta


def list_stories(store, since: Optional[str] = None, until: Optional[str] = None,
                 outlet: Optional[str] = None, min_articles: int = 1) -> list[dict]:
    """Stories, newest first: id, label, articles (stored ids), n_articles, outlets,
    first_published, last_published, thread. ``since``/``until`` are ISO dates compared
    with the story's span (a story overlapping the range is listed); ``outlet`` keeps
    stories that outlet covered (case-insensitive)."""
    stories, _ = _summaries(store)
    out = []
    for s in stories.values():
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


def story_detail(store, story_id: int, top: int = 10) -> Optional[dict]:
    """One story: its summary, per outlet its articles in time order, the coverage (per
    outlet: count, first and last time) and the coverage gap (outlets in the store that
    did not cover it), the wire-copy groups among its articles, key entities, quotes and
    figures. None when there is no such story."""
    from warta.corpus.wire import find_groups, group_record

    stories, meta = _summaries(store)
    s = stories.get(story_id)
    if s is None:
        return None
    arts = [a for a in (store.get(i) for i in s["articles"]) if a is not None]
    per_outlet: dict[str, list[dict]] = defaultdict(list)
    for a in arts:
        per_outlet[a.outlet or "(unknown)"].append({"id": a.id, "title": a.title, "published": a.published, "url": a.url})
    coverage = {o: {"articles": len(v), "first": v[0]["published"], "last": v[-1]["published"]}
                for o, v in per_outlet.items()}
    all_outlets = {r.get("outlet") for r in meta.values() if r.get("outlet")}
    entities = Counter(e.canonical for a in arts for e in a.entities)
    thread = [t for t in stories.values() if t["thread"] == s["thread"] and t["id"] != story_id]
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
