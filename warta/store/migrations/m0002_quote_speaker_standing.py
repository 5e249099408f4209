"""Version 2: quotes.speaker_standing (public_figure / member_of_public), so a user can
keep to officials' and experts' statements. Quotes stored before it read NULL (unknown):
the standing is decided at extraction, so ingest those articles into a new database to
have it."""

SQL = """
ALTER TABLE quotes ADD COLUMN speaker_standing TEXT;
CREATE INDEX quotes_standing ON quotes (speaker_standing);
"""
