"""Version 2: quotes.speaker_standing (public_figure / member_of_public), so a user can
keep to officials' and experts' statements. Quotes stored before it read NULL until their
articles are extracted again."""

SQL = """
ALTER TABLE quotes ADD COLUMN speaker_standing TEXT;
CREATE INDEX quotes_standing ON quotes (speaker_standing);
"""
