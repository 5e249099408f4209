"""Reported speech in Indonesian news: direct quotes (quote marks), indirect quotes
(speech verbs, "menurut"), and who said them.

    marks.py      quote-mark spans (paired, multi-paragraph, apostrophe-safe)
    lexicon.py    cue verbs and speaker words, read from warta/claims/data/quote_*.tsv
    text.py       word tokens and sentence spans the rules walk over
    speakers.py   the speaker noun phrase around a cue, and what it resolves to
    attribution.py  direct-quote attribution and indirect-quote extraction

``warta.claims.quotes.annotate`` composes them on a Document.
"""
