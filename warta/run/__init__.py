"""Running the pipeline over many articles: ``batch`` (one process: batches, duplicates,
failures, progress, saving; ``ingest`` and ``reprocess``), ``dask`` (the same batches on
Dask workers), ``mapping`` (the map-function shape both share)."""
