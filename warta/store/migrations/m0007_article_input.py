"""Version 7: each article's input as it was given (the RawArticle's metadata as JSON:
source, id, url, title, outlet, published, from_html; its raw text is in the Article JSON
already), so ``warta reprocess`` runs the upgraded pipeline on exactly what a fresh ingest
would get, metadata detection included. Articles stored before have none (NULL)."""

SQL = """
ALTER TABLE articles ADD COLUMN input TEXT;
"""
