"""Running the pipeline over many articles: ``batch`` (one process: batches, duplicates,
failures, progress, saving); a parallel runner (Dask) is to sit beside it."""
