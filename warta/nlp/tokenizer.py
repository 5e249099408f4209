"""Tweaks to spaCy's Indonesian tokenizer for scraped news text."""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_infix_regex

from warta.lang.words import TITLE_ABBREVIATIONS

# "PBB.Lalu": a sentence glued after an acronym. spaCy only splits "a.B" (lower.Upper).
_GLUED_AFTER_ACRONYM = r"(?<=[A-Z]{2})\.(?=[A-Z][a-z])"


def customize(nlp: Language) -> Language:
    """Keep title abbreviations whole ("Jl.", "Kab.") and split glued sentences."""
    tokenizer = nlp.tokenizer
    for abbr in TITLE_ABBREVIATIONS:
        if "." in abbr[:-1]:
            continue  # "K.H.", "a.n." are handled by the base exceptions/regexes
        tokenizer.add_special_case(abbr, [{"ORTH": abbr}])
    infixes = list(nlp.Defaults.infixes) + [_GLUED_AFTER_ACRONYM]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp
