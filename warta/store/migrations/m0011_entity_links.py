"""Version 11: entity-link evidence stored at ingest (issues 13/16), so ``warta entity``,
entity pages and ``?entity=`` link only the names they need instead of every stored
mention (``warta.corpus.entity_links`` says what is stored and why). Per fact (a PER name,
an alias, an office holder on a day, an office standing for a person on a day, a name's
case-folded form) how many stored articles give it; kept up to date by every write
(``save``, ``replace``, ``delete``). The backfill needs Python (office names, case
folding): the migration marks it ``pending`` and the store fills the counts from the
entity rows when it is next opened for writing (``fill_entity_links``); until then a
reader links every mention, as before."""

from warta.store.entity_link_sql import schema

SQL = schema(" WITHOUT ROWID")
