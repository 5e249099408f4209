"""Version 8: per-article rows of store-wide aggregates (issue 13). ``name`` says which
aggregate (e.g. ``framing_row``: what one article adds to its outlet's framing profile),
``value`` is that article's part as JSON. Written at ingest (and caught up on read for
articles stored before); deleting an article deletes its rows, so an aggregate summed over
them always matches the articles stored."""

SQL = """
CREATE TABLE article_aggregates (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (name, article_id)
);
"""
