"""The PostgreSQL schema: numbered migrations with the same version numbers as SQLite's
(``warta/store/migrations``), recorded in ``warta_schema``, plus the annotation tables,
which follow from the annotation-kind registry (``warta.model.STORED_KINDS``) as SQLite's
do. SQL differs where the engines do: full text is a generated ``tsvector`` column with a
GIN index (FTS5 in SQLite), ids are identity columns, case-insensitive lookups use
``lower()`` indexes (COLLATE NOCASE in SQLite).

Text search configuration: ``indonesian`` (PostgreSQL's Snowball stemmer, since 13), so
"membunuh" finds "dibunuh"/"pembunuhan"; measured against ``simple`` and SQLite FTS5 in
docs/scale.md.
"""

from __future__ import annotations


from warta.store.columns import column_definitions as _columns_for
from warta.model import AnnotationKind
from warta.store.entity_link_sql import refill as entity_link_refill
from warta.store.entity_link_sql import schema as entity_link_schema
from warta.store.story_sql import POSTGRES, summarise
from warta.store.wire_sql import schema as wire_schema

TS_CONFIG = "indonesian"

# {ts_config}: the text search configuration, chosen when the database is created and
# recorded in warta_config (the tsvector column and every query must use the same).
MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE warta_config (name TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO warta_config (name, value) VALUES ('text_search', '{ts_config}');
CREATE TABLE articles (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    outlet       TEXT,
    published    TEXT,
    language     TEXT,
    source       TEXT,
    url          TEXT,
    ingested_at  TEXT NOT NULL,
    json         TEXT NOT NULL,
    text         TEXT NOT NULL,
    -- title weighted A, text B: ranked like SQLite's bm25(title 2.0, text 1.0)
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{ts_config}', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('{ts_config}', text), 'B')) STORED
);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (lower(outlet));
""",
    # SQLite's version 2 added quotes.speaker_standing: here the annotation tables come
    # from the registry, which has the field.
    2: "",
    3: """
CREATE TABLE watchlists (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('entity', 'outlet', 'search', 'story')),
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_seq   BIGINT NOT NULL DEFAULT 0,
    read_at    TEXT,
    UNIQUE (kind, value)
);
""",
    4: """
CREATE TABLE article_vectors (
    seq    BIGINT PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    model  TEXT NOT NULL,
    vector BYTEA NOT NULL
);
""",
    # SQLite's narrow (seq, outlet, published) index keeps searches off the wide JSON rows;
    # PostgreSQL keeps long values (the JSON, the text) out of line (TOAST) already.
    5: "",
    6: """
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   BIGINT NOT NULL,
    thread_id  BIGINT NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_id);
CREATE TABLE corpus_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
""",
    # The input as given (see SQLite's m0007_article_input), for ``warta reprocess``.
    7: "ALTER TABLE articles ADD COLUMN input TEXT;",
    8: """
CREATE TABLE article_aggregates (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (name, article_id)
);
""",
    # Stored story summaries, backfilled in SQL (see SQLite's m0009_story_summaries).
    # Published dates order byte-wise (COLLATE "C"), as SQLite and Python compare them.
    9: """
CREATE TABLE story_summaries (
    story_id        BIGINT PRIMARY KEY,
    thread_id       BIGINT NOT NULL,
    n_articles      INTEGER NOT NULL,
    first_published TEXT COLLATE "C",
    last_published  TEXT COLLATE "C",
    label           TEXT
);
CREATE INDEX story_summaries_latest ON story_summaries ((coalesce(last_published, '')), story_id);
CREATE INDEX story_summaries_thread ON story_summaries (thread_id);
CREATE INDEX story_summaries_unlabelled ON story_summaries (story_id) WHERE label IS NULL;
CREATE TABLE story_outlets (
    story_id   BIGINT NOT NULL,
    outlet     TEXT NOT NULL,
    n_articles INTEGER NOT NULL,
    place      INTEGER NOT NULL,
    PRIMARY KEY (story_id, outlet)
);
CREATE INDEX story_outlets_outlet ON story_outlets (outlet, story_id);
CREATE INDEX articles_outlet_name ON articles (outlet);
""" + ";\n".join(summarise(POSTGRES)) + ";\n",
    # Stored near-duplicate signatures (see SQLite's m0010_wire_signatures).
    10: wire_schema("BIGINT", "BYTEA"),
    # Entity-link evidence (see SQLite's m0011_entity_links), filled by the store when
    # opened (``fill_entity_links``); the exact-name indexes it reads by are EXTRA_INDEXES.
    11: entity_link_schema(),
    # The entity list's counts (see SQLite's m0012_entity_list): counted again when opened.
    12: entity_link_refill(),
}


# Lookups the store makes on annotation tables beyond "rows of this article".
EXTRA_INDEXES: dict[str, tuple[str, ...]] = {
    "entities": ("lower(canonical)", "lower(text)", "label", "canonical", "text"),
    "quotes": ("lower(speaker)", "lower(speaker_standing)"),
    "figures": ("lower(measure)", "lower(\"where\")"),
}


def column_definitions(kind: AnnotationKind) -> dict[str, str]:
    """Column -> SQL type and constraint, for the table of ``kind`` (after article_id)."""
    return _columns_for(kind, {int: "BIGINT", float: "DOUBLE PRECISION"})


def table_sql(kind: AnnotationKind) -> str:
    # row_id keeps the order rows were stored in (SQLite's rowid).
    columns = ", ".join(f'"{n}" {t}' for n, t in column_definitions(kind).items())
    return (f"CREATE TABLE {kind.name} (row_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            f"article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE, {columns});\n"
            f"CREATE INDEX {kind.name}_article ON {kind.name} (article_id);")


def index_sql(kind: AnnotationKind) -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {kind.name}_{i} ON {kind.name} ({expr});"
            for i, expr in enumerate(EXTRA_INDEXES.get(kind.name, ()))]
