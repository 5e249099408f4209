"""Version 6: stories (issue 11). Which story and thread each article belongs to, and the
online clusterer's state (JSON) that ingest resumes from; both rebuilt by
``warta stories rebuild``. Deleting an article deletes its membership."""

SQL = """
CREATE TABLE story_members (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL,
    thread_id  INTEGER NOT NULL
);
CREATE INDEX story_members_story ON story_members (story_id);
CREATE TABLE corpus_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
