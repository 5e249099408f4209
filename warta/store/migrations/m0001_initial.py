"""Version 1: articles (whole Article JSON + columns to filter on), full-text index, and
one flat table per annotation kind for querying across articles."""

SQL = """
-- seq is the ingestion order and the full-text rowid. An explicit INTEGER PRIMARY KEY,
-- because VACUUM may renumber an implicit rowid and break the link to articles_fts.
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    title        TEXT,
    outlet       TEXT,
    published    TEXT,
    language     TEXT,
    source       TEXT,
    url          TEXT,
    ingested_at  TEXT NOT NULL,
    json         TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);

-- Title and clean text; remove_diacritics so "Gaza" also finds "Gazá".
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id),
    field TEXT NOT NULL, text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
    label TEXT NOT NULL, canonical TEXT, role TEXT
);
CREATE INDEX entities_article ON entities (article_id);
CREATE INDEX entities_canonical ON entities (label, canonical);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id),
    field TEXT NOT NULL, text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT NOT NULL, speaker TEXT, speaker_text TEXT,
    speaker_start INTEGER, speaker_end INTEGER, cue TEXT
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker ON quotes (speaker COLLATE NOCASE);

CREATE TABLE figures (
    article_id TEXT NOT NULL REFERENCES articles (id),
    field TEXT NOT NULL, text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value REAL NOT NULL, qualifier TEXT NOT NULL, measure TEXT NOT NULL,
    "group" TEXT, "where" TEXT, source TEXT, as_of TEXT, rate TEXT
);
CREATE INDEX figures_article ON figures (article_id);
CREATE INDEX figures_measure ON figures (measure);

CREATE TABLE dates (
    article_id TEXT NOT NULL REFERENCES articles (id),
    field TEXT NOT NULL, text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
    value TEXT, kind TEXT NOT NULL
);
CREATE INDEX dates_article ON dates (article_id);

CREATE TABLE cited_sources (
    article_id TEXT NOT NULL REFERENCES articles (id),
    field TEXT NOT NULL, text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
    name TEXT NOT NULL, cue TEXT
);
CREATE INDEX cited_sources_article ON cited_sources (article_id);
"""
