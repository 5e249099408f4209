"""Version 7: figures.scope (incident / cumulative, issue 15), so `warta figures --check`
compares only cumulative tolls. Figures stored before it read NULL (unknown) and are not
checked: ingest those articles again to have it."""

SQL = """
ALTER TABLE figures ADD COLUMN scope TEXT;
"""
