"""Version 10: stored near-duplicate signatures (issue 11), so wire listings read
candidate pairs by SQL instead of fingerprinting every article (``warta.store.wire_sql``):
per article its paragraph digests (the boilerplate rule as a GROUP BY), its MinHash
signature and the signature's LSH band keys. Written with the article (save, replace,
delete). Not backfilled here: a signature needs Python (shingles, MinHash), so the first
wire listing after this migration makes the rows of the articles stored before it
(``warta.corpus.wire.catch_up``, 500 articles a transaction: an interrupted catch-up
resumes), reading their clean text from the search index, not their JSON."""

from warta.store.wire_sql import schema

SQL = schema("INTEGER", "BLOB")
