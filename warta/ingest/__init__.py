"""Ingest: files, directories, JSON Lines, CSV, HTML and stdin -> ``RawArticle``s.

Readers never raise for bad input; they yield ``Rejected(source, reason)`` and go on.
``read_inputs`` dispatches paths; ``warta.run.batch`` runs the pipeline and stores."""

from warta.ingest.errors import InputError, Rejected
from warta.ingest.files import DEFAULT_MAX_BYTES, ReadOptions, read_inputs
from warta.ingest.tabular import Columns

__all__ = ["Columns", "DEFAULT_MAX_BYTES", "InputError", "ReadOptions", "Rejected", "read_inputs"]
