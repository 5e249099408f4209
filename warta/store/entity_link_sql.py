"""Stored entity-link evidence (migration 11): the SQL both backends share.

``entity_link_counts`` holds, per fact (``warta.corpus.entity_links``: a PER name, an
alias, an office holder on a day, an office standing for someone on a day, a name's
case-folded form), how many stored articles give it. Every write that adds, rewrites or
removes an article's entity rows changes the counts of its facts in the same transaction
(``save``, ``replace``, ``delete``); a fact no article gives any more is deleted. A store
migrated from schema 10 or older fills them once, from its entity rows, when it is
first opened for writing (``corpus_state`` ``entity_links``: ``pending`` until then;
readers of a store not yet filled link every mention as before)."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional, Sequence

from warta.store.story_sql import Dialect

TABLE = "entity_link_counts"
STATE = "entity_links"  # corpus_state: "pending" until the counts are filled
LINK_LOCK = 0x656e746c  # "entl": PostgreSQL advisory lock of the backfill
_MENTION_COLUMNS = ("text", "label", "canonical", "role")


def refill() -> str:
    """The evidence marked to be counted (again) from the entity rows when the store is next
    opened for writing (``fill_entity_links``), if it has articles: in migration 11 (first
    count) and migration 12 (the entity list's "entity" facts,
    ``warta.corpus.entity_links.article_facts``, which 11 did not count). Both backends."""
    return (f"INSERT INTO corpus_state (name, value) SELECT '{STATE}', 'pending' WHERE EXISTS (SELECT 1 FROM articles)\n"
            "    ON CONFLICT (name) DO UPDATE SET value = excluded.value;\n")


def schema(without_rowid: str = "") -> str:
    """Migration 11's SQL (both backends): the table, and the backfill marked pending when
    there are articles. ``without_rowid``: SQLite's " WITHOUT ROWID" (a key-only table)."""
    return f"""
CREATE TABLE {TABLE} (
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    other      TEXT NOT NULL,
    day        TEXT NOT NULL,
    n_articles INTEGER NOT NULL,
    PRIMARY KEY (kind, name, other, day)
){without_rowid};
{refill()}"""


def _sorted(counts: Counter) -> list[tuple]:
    # One key order for every writer, so concurrent PostgreSQL transactions updating the
    # same rows wait for one another instead of deadlocking.
    return [(*fact, n) for fact, n in sorted(counts.items()) if n]


class EntityLinkTables:
    """The entity-link methods of ``Store``; a backend provides ``_dialect``, ``_read`` and
    ``_transaction`` (see ``StoryTables``), ``_entity_fields`` (the entities columns in
    order) and ``_row_order`` (the column keeping the entities rows' stored order)."""

    _dialect: Dialect
    _row_order: str

    def _read(self, sql: str, params: Sequence = ()) -> list:
        raise NotImplementedError

    def _transaction(self):
        raise NotImplementedError

    # -- writing (inside the caller's transaction) ---------------------------------------
    def _change_link_counts(self, cur, counts: Counter) -> None:
        """Add ``counts`` to the stored ones, in one pass (a transaction's only one)."""
        m = self._dialect.mark
        rows = _sorted(counts)
        cur.executemany(
            f"INSERT INTO {TABLE} (kind, name, other, day, n_articles) VALUES ({m}, {m}, {m}, {m}, {m}) "
            f"ON CONFLICT (kind, name, other, day) DO UPDATE SET n_articles = {TABLE}.n_articles + excluded.n_articles",
            rows)
        gone = [r[:4] for r in rows if r[4] < 0]
        if gone:
            cur.executemany(f"DELETE FROM {TABLE} WHERE kind = {m} AND name = {m} AND other = {m} AND day = {m} "
                            "AND n_articles <= 0", gone)

    @staticmethod
    def _article_link_counts(articles: Iterable, sign: int = 1) -> Counter:
        """The facts of these Articles, each counted ``sign`` (1: stored, -1: gone)."""
        from warta.corpus.entity_links import article_facts, entity_dicts

        counts: Counter = Counter()
        for article in articles:
            for fact in article_facts(entity_dicts(article), article.published):
                counts[fact] += sign
        return counts

    def _stored_link_counts(self, cur, article_ids: Sequence[str]) -> Counter:
        """The facts of these stored articles, each counted -1 (read before they go)."""
        counts: Counter = Counter()
        if article_ids:
            for facts in self._stored_facts(cur, article_ids):
                for fact in facts:
                    counts[fact] -= 1
        return counts

    def _stored_facts(self, cur, article_ids: Optional[Sequence[str]] = None, after_seq: int = 0,
                      upto_seq: Optional[int] = None):
        """The facts of each of these stored articles (or those in a range of ingestion
        positions), from their entity rows and date."""
        from warta.corpus.entity_links import article_facts

        d = self._dialect
        if article_ids is not None:
            cond, params = d.in_list("a.id", list(article_ids))
        else:
            cond, params = f"a.seq > {d.mark} AND a.seq <= {d.mark}", [after_seq, upto_seq]
        cols = ", ".join(f'e."{c}"' for c in _MENTION_COLUMNS)
        rows = cur.execute(f"SELECT a.id, a.published, {cols} FROM articles a JOIN entities e ON e.article_id = a.id "
                           f"WHERE {cond} ORDER BY a.id", params).fetchall()
        current, published, ents = None, None, []
        for r in rows:
            if r["id"] != current:
                if current is not None:
                    yield article_facts(ents, published)
                current, published, ents = r["id"], r["published"], []
            ents.append({c: r[c] for c in _MENTION_COLUMNS})
        if current is not None:
            yield article_facts(ents, published)

    # -- the Store methods ------------------------------------------------------------
    def entity_links_ready(self) -> bool:
        rows = self._read(f"SELECT value FROM corpus_state WHERE name = {self._dialect.mark}", [STATE])
        return not rows or rows[0]["value"] != "pending"

    def fill_entity_links(self, page: int = 5000) -> Optional[int]:
        """Count the facts of every stored article, once, when the migration left them to
        do (``pending``); how many articles (None: nothing to do). One transaction: a
        concurrent writer waits, and a reader links every mention meanwhile."""
        if self.entity_links_ready():
            return None
        d = self._dialect
        with self._transaction() as cur:
            if not d.sqlite:
                cur.execute(f"SELECT pg_advisory_xact_lock({LINK_LOCK})")
                cur.execute(f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE")  # writers' counts wait for the fill
            state = cur.execute(f"SELECT value FROM corpus_state WHERE name = {d.mark}", [STATE]).fetchall()
            if not state or state[0]["value"] != "pending":
                return None
            cur.execute(f"DELETE FROM {TABLE}")
            top = cur.execute("SELECT coalesce(max(seq), 0) AS n FROM articles").fetchall()[0]["n"]
            done, counts = 0, Counter()
            for start in range(0, top, page):  # a page of articles at a time: bounded memory
                for facts in self._stored_facts(cur, after_seq=start, upto_seq=start + page):
                    counts.update(facts)
                    done += 1
            self._change_link_counts(cur, counts)
            cur.execute(f"UPDATE corpus_state SET value = 'ready' WHERE name = {d.mark}", [STATE])
        return done

    def entity_link_counts(self, kinds: Sequence[str]) -> list[tuple[tuple[str, str, str, str], int]]:
        """((kind, name, other, day), articles) of every stored fact of these kinds."""
        cond, params = self._dialect.in_list("kind", list(kinds))
        return [((r["kind"], r["name"], r["other"], r["day"]), r["n_articles"]) for r in self._read(
            f"SELECT kind, name, other, day, n_articles FROM {TABLE} WHERE {cond}", params)]

    def entity_forms(self, folded: str) -> list[str]:
        """The stored names (canonical or surface form) whose ``str.casefold`` is ``folded``."""
        m = self._dialect.mark
        return sorted(r["other"] for r in self._read(
            f"SELECT other FROM {TABLE} WHERE kind = 'form' AND name = {m}", [folded]))

    def entity_mentions_by(self, column: str, values: Sequence[str],
                           published: bool = False) -> list[tuple[int, str, Optional[str], dict]]:
        """(stored order, article id, published or None, mention fields) of every entity
        mention whose ``column`` (canonical or text) is one of ``values`` exactly, in the
        order stored; ``published``: read the article's date too (a join per mention)."""
        if column not in ("canonical", "text"):
            raise ValueError(column)
        if not values:
            return []
        target = f'e."{column}"'
        if self._dialect.sqlite and column == "text":
            target += " COLLATE NOCASE"  # SQLite's index on text is case-insensitive: exact below
        cond, params = self._dialect.in_list(target, list(values))
        fields = self._entity_fields
        cols = ", ".join(f'e."{c}"' for c in fields)
        if published:
            body = "a.published FROM entities e JOIN articles a ON a.id = e.article_id"
        else:
            body = "NULL FROM entities e"
        rows = self._read(f"SELECT e.{self._row_order}, e.article_id, {cols}, {body} WHERE {cond} "
                          f"ORDER BY e.{self._row_order}", params)
        at = 2 + fields.index(column)
        wanted = set(values)
        out = []
        for r in rows:
            r = tuple(r.values()) if isinstance(r, dict) else tuple(r)
            if r[at] in wanted:
                out.append((r[0], r[1], r[-1], dict(zip(fields, r[2:-1]))))
        return out

    def entity_spellings(self, names: Optional[Sequence[str]]) -> list[tuple[str, str, str, Optional[str], int, int]]:
        """(label, canonical, text, role, mentions, first stored order) per distinct
        (label, canonical, text, role) of the mentions whose canonical is one of ``names``
        (None: of every mention): the aliases and roles of the entities listed."""
        cond, params = ("", []) if names is None else self._dialect.in_list("canonical", list(names))
        o = self._row_order
        return [(r["label"], r["canonical"], r["text"], r["role"], r["n"], r["first"]) for r in self._read(
            f"SELECT label, canonical, text, role, count(*) AS n, min({o}) AS first FROM entities "
            + (f"WHERE {cond} " if cond else "") + "GROUP BY label, canonical, text, role", params)]

    def entity_articles(self, names: Sequence[str]) -> list[tuple[str, str, str]]:
        """Distinct (label, canonical, article id) of the mentions whose canonical is one of
        ``names``: the articles of names listed as one entity, counted once."""
        cond, params = self._dialect.in_list("canonical", list(names))
        return [(r["label"], r["canonical"], r["article_id"]) for r in self._read(
            f"SELECT DISTINCT label, canonical, article_id FROM entities WHERE {cond}", params)]

    def entity_roles(self, article_ids: Sequence[str]) -> list[tuple[str, str, str]]:
        """(article id, canonical, role) of the mentions with a role in these articles."""
        out = []
        ids = list(article_ids)
        for i in range(0, len(ids), 10_000):
            cond, params = self._dialect.in_list("article_id", ids[i:i + 10_000])
            out.extend((r["article_id"], r["canonical"], r["role"]) for r in self._read(
                f"SELECT article_id, canonical, role FROM entities WHERE {cond} AND role IS NOT NULL", params))
        return out
