"""Version 9: stored story summaries (issues 11/13/16), so listing stories reads the rows it
shows, not every article: per story its thread, article count, first and last publication
and label (``story_summaries``), and per story and outlet its article count and place in
the listing's outlet order (``story_outlets``). Backfilled here from the membership rows in
SQL aggregates (``warta.store.story_sql``: no pass over the articles in Python); labels,
which need the headlines' stemmed words, are NULL until the next writer fills them (a
reader computes a missing one itself). Kept up to date by every write that changes a
story (``save_stories``, ``delete``, ``replace``)."""

from warta.store.story_sql import SQLITE, summarise

SQL = """
CREATE TABLE story_summaries (
    story_id        INTEGER PRIMARY KEY,
    thread_id       INTEGER NOT NULL,
    n_articles      INTEGER NOT NULL,
    first_published TEXT,
    last_published  TEXT,
    label           TEXT
);
CREATE INDEX story_summaries_latest ON story_summaries (coalesce(last_published, ''), story_id);
CREATE INDEX story_summaries_thread ON story_summaries (thread_id);
CREATE INDEX story_summaries_unlabelled ON story_summaries (story_id) WHERE label IS NULL;
CREATE TABLE story_outlets (
    story_id   INTEGER NOT NULL,
    outlet     TEXT NOT NULL,
    n_articles INTEGER NOT NULL,
    place      INTEGER NOT NULL,
    PRIMARY KEY (story_id, outlet)
);
CREATE INDEX story_outlets_outlet ON story_outlets (outlet, story_id);
CREATE INDEX articles_outlet_name ON articles (outlet);
""" + ";\n".join(summarise(SQLITE)) + ";\n"
