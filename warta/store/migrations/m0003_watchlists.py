"""Version 3: watchlists (what a user follows: an entity, an outlet, a search or a story)
and case-insensitive indexes for finding an entity's articles by name."""

SQL = """
CREATE TABLE watchlists (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL CHECK (kind IN ('entity', 'outlet', 'search', 'story')),
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- articles.seq of the newest article already shown by `warta watch` (0: none yet)
    read_seq   INTEGER NOT NULL DEFAULT 0,
    read_at    TEXT,
    UNIQUE (kind, value)
);
CREATE INDEX entities_canonical_nocase ON entities (canonical COLLATE NOCASE);
CREATE INDEX entities_canonical_exact ON entities (canonical);
CREATE INDEX entities_text_nocase ON entities (text COLLATE NOCASE);
"""
