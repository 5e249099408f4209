"""Stored story summaries (migration 9): the SQL both backends share.

A story's summary row (``story_summaries``) and its outlets (``story_outlets``) are what
``warta stories``, ``/api/stories``, the home page and story pages list, so a listing reads
the rows it shows instead of every article and membership row. Every aggregate is made in
SQL from the membership rows and the articles' columns, the same way whoever writes them:
the migration's backfill (every story), and the store's writes (``save_stories``,
``delete``, ``replace``: the stories they touch, in their transaction). Only the label
(the most central headline, ``warta.corpus.story_views``) needs Python (stemming); a
recomputed row has none (NULL) until the writer fills it, and a reader computes a missing
label from the members' titles itself.

The order is the one ``story_views`` always used: members by (published or "9999", id),
byte-wise (PostgreSQL: ``COLLATE "C"``, as SQLite and Python compare); outlets by article
count, ties by whose article came first; an article with no outlet counts as "(unknown)".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional, Sequence

UNKNOWN_OUTLET = "(unknown)"
STORY_LOCK = 0x73746f72  # "stor": PostgreSQL advisory lock of the story writes
UNDATED = "9999"  # an undated member sorts last


@dataclass(frozen=True)
class Dialect:
    mark: str      # parameter placeholder
    collate: str   # byte-wise text order
    sqlite: bool

    def in_list(self, column: str, values: Sequence) -> tuple[str, list]:
        """``column`` is one of ``values`` (one parameter, however many values)."""
        if self.sqlite:
            return f"{column} IN (SELECT value FROM json_each({self.mark}))", [json.dumps(list(values))]
        return f"{column} = ANY({self.mark})", [list(values)]


SQLITE = Dialect("?", "", True)
POSTGRES = Dialect("%s", ' COLLATE "C"', False)


def _members(d: Dialect, where: str) -> str:
    """Each member with its position in its story (1 = first by the story order)."""
    c = d.collate
    return (f"SELECT m.story_id, m.thread_id, a.id, NULLIF(a.published, ''){c} AS published, "
            f"coalesce(NULLIF(a.outlet, ''), '{UNKNOWN_OUTLET}') AS outlet, "
            f"row_number() OVER (PARTITION BY m.story_id ORDER BY coalesce(NULLIF(a.published, ''), "
            f"'{UNDATED}'){c}, a.id{c}) AS pos "
            f"FROM story_members m JOIN articles a ON a.id = m.article_id{where}")


def summarise(d: Dialect, where: str = "") -> list[str]:
    """Statements (re)making the summary and outlet rows of the stories whose membership
    rows ``where`` selects (" WHERE m.story_id ..."; "" = every story); their old rows must
    be deleted first (``forget``). The label is left NULL."""
    members = _members(d, where)
    return [
        "INSERT INTO story_summaries (story_id, thread_id, n_articles, first_published, last_published, label) "
        "SELECT story_id, max(CASE WHEN pos = 1 THEN thread_id END), count(*), min(published), max(published), NULL "
        f"FROM ({members}) t GROUP BY story_id",
        "INSERT INTO story_outlets (story_id, outlet, n_articles, place) "
        "SELECT story_id, outlet, n, row_number() OVER (PARTITION BY story_id ORDER BY n DESC, first_pos) "
        f"FROM (SELECT story_id, outlet, count(*) AS n, min(pos) AS first_pos FROM ({members}) t "
        "GROUP BY story_id, outlet) u",
    ]


def forget(d: Dialect, story_ids: Optional[Sequence[int]]) -> list[tuple[str, list]]:
    """Delete the summary and outlet rows of these stories (None: of every story)."""
    if story_ids is None:
        return [("DELETE FROM story_summaries", []), ("DELETE FROM story_outlets", [])]
    out = []
    for table in ("story_summaries", "story_outlets"):
        cond, params = d.in_list("story_id", story_ids)
        out.append((f"DELETE FROM {table} WHERE {cond}", params))
    return out


def refresh(d: Dialect, story_ids: Optional[Sequence[int]]) -> list[tuple[str, list]]:
    """(statement, parameters) that remake the summaries of these stories (None: all)."""
    if story_ids is None:
        return forget(d, None) + [(sql, []) for sql in summarise(d)]
    story_ids = sorted(set(story_ids))
    if not story_ids:
        return []
    cond, params = d.in_list("m.story_id", story_ids)
    return forget(d, story_ids) + [(sql, params) for sql in summarise(d, f" WHERE {cond}")]


def stories_of_articles(d: Dialect, article_ids: Sequence[str]) -> tuple[str, list]:
    cond, params = d.in_list("article_id", article_ids)
    return f"SELECT DISTINCT story_id FROM story_members WHERE {cond}", params


def members_of(d: Dialect, story_ids: Optional[Sequence[int]]) -> tuple[str, list]:
    """The members (story_id, id, title, outlet, published) of these stories (None: of
    every story), in order."""
    cond, params = d.in_list("m.story_id", story_ids) if story_ids is not None else ("1 = 1", [])
    return (f"SELECT m.story_id, a.id, a.title, a.outlet, a.published FROM story_members m "
            f"JOIN articles a ON a.id = m.article_id WHERE {cond} ORDER BY m.story_id, "
            f"coalesce(NULLIF(a.published, ''), '{UNDATED}'){d.collate}, a.id{d.collate}", params)


@dataclass
class StoryFilter:
    """Which stories a listing shows (all optional): spans overlapping [since, until]
    (ISO dates), covered by one of ``outlets`` (exact names), at least ``min_articles``."""

    since: Optional[str] = None
    until: Optional[str] = None
    outlets: Optional[Sequence[str]] = None
    min_articles: int = 1


def where(d: Dialect, f: StoryFilter) -> tuple[str, list]:
    """The WHERE clause over ``story_summaries s`` (as ``story_views`` always filtered)."""
    conds, params = [], []
    if f.min_articles > 1:
        conds.append(f"s.n_articles >= {d.mark}")
        params.append(f.min_articles)
    if f.since:
        conds.append(f"coalesce(s.last_published, ''){d.collate} >= {d.mark}")
        params.append(f.since)
    if f.until:
        conds.append(f"coalesce(s.first_published, '{UNDATED}'){d.collate} <= {d.mark}")
        params.append(f.until + "T99")
    if f.outlets is not None:
        cond, more = d.in_list("o.outlet", f.outlets)
        conds.append(f"s.story_id IN (SELECT o.story_id FROM story_outlets o WHERE {cond})")
        params += more
    return (" WHERE " + " AND ".join(conds) if conds else ""), params


# Newest first: the story's last publication (undated: last of all), then the larger id.
ORDER = " ORDER BY coalesce(s.last_published, '') DESC, s.story_id DESC"
COLUMNS = "s.story_id, s.label, s.n_articles, s.first_published, s.last_published, s.thread_id"


def distinct_values(table: str, column: str) -> str:
    """Every distinct non-null value of an indexed column, one index probe per value (a
    loose index scan: a handful of outlets among a million rows)."""
    return (f"WITH RECURSIVE v(x) AS (SELECT min({column}) FROM {table} UNION ALL "
            f"SELECT (SELECT min({column}) FROM {table} WHERE {column} > v.x) FROM v WHERE v.x IS NOT NULL) "
            "SELECT x FROM v WHERE x IS NOT NULL")


class StoryTables:
    """The story summary methods of ``Store`` over the SQL above; a backend provides
    ``_dialect``, ``_read(sql, params)`` (rows as mappings) and ``_transaction()`` (a
    write transaction yielding a cursor whose ``execute`` returns the cursor)."""

    _dialect: Dialect

    def _read(self, sql: str, params: Sequence = ()) -> list:
        raise NotImplementedError

    def _transaction(self):
        raise NotImplementedError

    # -- writing (inside the caller's transaction) ---------------------------------------
    def _lock_stories(self, cur) -> None:
        """Take the story lock: in PostgreSQL two writers remaking one story's summary at
        once would both insert it (SQLite has one writer at a time already). Every write
        that changes stories takes it first thing in its transaction, so none deadlocks."""
        if not self._dialect.sqlite:
            cur.execute(f"SELECT pg_advisory_xact_lock({STORY_LOCK})")

    def _stories_of(self, cur, article_ids: Sequence[str]) -> set[int]:
        found: set[int] = set()
        ids = list(article_ids)
        for i in range(0, len(ids), 10_000):
            sql, params = stories_of_articles(self._dialect, ids[i:i + 10_000])
            found.update(r["story_id"] for r in cur.execute(sql, params).fetchall())
        return found

    def _refresh_stories(self, cur, story_ids: Optional[Sequence[int]]) -> None:
        """Remake the summaries of these stories (None: of all) from their members now."""
        for sql, params in refresh(self._dialect, story_ids):
            cur.execute(sql, params)

    # -- the Store methods ------------------------------------------------------------
    def story_page(self, f: StoryFilter, limit: Optional[int] = None, offset: int = 0) -> list[dict]:
        body, params = where(self._dialect, f)
        page = ""
        if limit is not None or offset:
            if limit is not None or self._dialect.sqlite:
                page = f" LIMIT {-1 if limit is None else int(limit)}"
            page += f" OFFSET {int(offset)}"
        return self._with_outlets(self._read(f"SELECT {COLUMNS} FROM story_summaries s{body}{ORDER}{page}", params))

    def story_total(self, f: StoryFilter) -> int:
        body, params = where(self._dialect, f)
        return self._read(f"SELECT count(*) AS n FROM story_summaries s{body}", params)[0]["n"]

    def stories_by_id(self, story_ids: Sequence[int]) -> list[dict]:
        if not story_ids:
            return []
        cond, params = self._dialect.in_list("s.story_id", story_ids)
        return self._with_outlets(self._read(f"SELECT {COLUMNS} FROM story_summaries s WHERE {cond}{ORDER}", params))

    def thread_stories(self, thread_id: int) -> list[dict]:
        """The stories of one thread, by first publication, then by which was stored first."""
        return self._with_outlets(self._read(
            f"SELECT {COLUMNS} FROM story_summaries s WHERE s.thread_id = {self._dialect.mark} "
            f"ORDER BY coalesce(s.first_published, ''), (SELECT min(a.seq) FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.story_id)", [thread_id]))

    def _with_outlets(self, rows: list) -> list[dict]:
        out = [dict(r) for r in rows]
        if not out:
            return out
        by_id = {r["story_id"]: r for r in out}
        for r in out:
            r["outlets"] = []
        if len(out) > 5000:  # most of the store: one pass over the outlet rows
            found = self._read("SELECT story_id, outlet, n_articles FROM story_outlets ORDER BY story_id, place")
        else:
            cond, params = self._dialect.in_list("story_id", list(by_id))
            found = self._read(f"SELECT story_id, outlet, n_articles FROM story_outlets WHERE {cond} "
                               "ORDER BY story_id, place", params)
        for o in found:
            row = by_id.get(o["story_id"])
            if row is not None:
                row["outlets"].append((o["outlet"], o["n_articles"]))
        return out

    def story_members(self, story_ids: Sequence[int]) -> dict[int, list[dict]]:
        """Per story its members (``id, title, outlet, published``) in the story order."""
        if not story_ids:
            return {}
        # Most of the store (a full listing with its article ids): one pass over them all.
        rows = self._read(*members_of(self._dialect, story_ids if len(story_ids) <= 5000 else None))
        wanted = set(story_ids)
        out: dict[int, list[dict]] = {}
        for r in rows:
            if r["story_id"] in wanted:
                out.setdefault(r["story_id"], []).append(
                    {"id": r["id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"]})
        return out

    def story_of(self, article_id: str) -> Optional[int]:
        rows = self._read(f"SELECT story_id FROM story_members WHERE article_id = {self._dialect.mark}", [article_id])
        return rows[0]["story_id"] if rows else None

    def unassigned(self) -> list[str]:
        return [r["id"] for r in self._read(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM story_members m "
            "WHERE m.article_id = a.id) ORDER BY a.seq DESC")]

    def outlet_names(self) -> list[str]:
        return [r["x"] for r in self._read(distinct_values("articles", "outlet"))]

    def story_outlet_names(self) -> list[str]:
        return [r["x"] for r in self._read(distinct_values("story_outlets", "outlet"))]

    def fill_story_labels(self, label, page: int = 2000) -> int:
        """Give every story without a label one: ``label(titles)`` of its members' titles
        in the story order. A page of stories per transaction; returns how many."""
        done = 0
        d = self._dialect
        lock = "" if d.sqlite else " FOR UPDATE SKIP LOCKED"
        while True:
            with self._transaction() as cur:
                ids = [r["story_id"] for r in cur.execute(
                    f"SELECT story_id FROM story_summaries WHERE label IS NULL ORDER BY story_id "
                    f"LIMIT {int(page)}{lock}").fetchall()]
                if not ids:
                    return done
                titles: dict[int, list[str]] = {i: [] for i in ids}
                for r in cur.execute(*members_of(d, ids)).fetchall():
                    titles[r["story_id"]].append(r["title"] or "")
                cur.executemany(f"UPDATE story_summaries SET label = {d.mark} WHERE story_id = {d.mark}",
                                [(label(t), i) for i, t in titles.items()])
                done += len(ids)
