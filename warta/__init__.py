"""warta: open, offline news intelligence for Indonesian-language media."""

__version__ = "0.1.0"

from warta import _spacy_cli

_spacy_cli.install()  # spaCy's command line is loaded on first use (start-up time)
