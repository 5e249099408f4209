"""Corpus-level views over stored articles (outlet profiles, ...)."""
