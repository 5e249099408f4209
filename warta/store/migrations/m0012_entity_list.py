"""Version 12: the entity list's counts (issue 16): per (name, type) how many stored
articles name it k times (``entity`` facts of ``entity_link_counts``, see
``warta.corpus.entity_links.article_facts``), so `warta entities`, /api/entities and the
entities page sum stored counts instead of reading and linking every mention. The
evidence is counted again from the entity rows when the store is next opened for
writing (as after migration 11); until then a reader links every mention, as before."""

from warta.store.entity_link_sql import refill

SQL = refill()
