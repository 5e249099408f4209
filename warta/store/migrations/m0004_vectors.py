"""Version 4: sentence vectors of each article's title and lead (semantic search)."""

SQL = """
CREATE TABLE article_vectors (
    seq    INTEGER PRIMARY KEY REFERENCES articles (seq),
    model  TEXT NOT NULL,
    vector BLOB NOT NULL  -- float32, unit length
);
"""
