"""The Indonesian stemmer the stages share: PySastrawi (Nazief-Adriani affix stripping
over a root dictionary), cached per word because news repeats its vocabulary.

    stem("pembantaian") == "bantai"; stem("diserang") == "serang"
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem of a lower-case word; a word that is not all letters is returned as it is."""
    if not word.isalpha():
        return word
    return _stemmer().stem(word) or word


@lru_cache(maxsize=50_000)
def is_root(word: str) -> bool:
    """Whether ``word`` is a root in PySastrawi's dictionary ('desak', 'desa'; not 'desakan')."""
    return _stemmer().delegatedStemmer.dictionary.contains(word)
