"""Version 5: a narrow index over the article columns search filters and facets read, so a
search never touches the wide rows (the whole JSON) of its matches."""

SQL = """
CREATE INDEX articles_listing ON articles (seq, outlet, published);
"""
