"""Language of the clean text (ISO 639-1), by py3langid's naive Bayes classifier."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Optional

from py3langid import langid

from warta import cache

SAMPLE_CHARS = 3000  # enough text for a sure answer; the classifier is linear in length
MIN_CHARS = 20       # below this any answer is noise


@lru_cache(maxsize=1)
def identifier() -> langid.LanguageIdentifier:
    """py3langid's default identifier. Decompressing its model (xz) takes ~0.6 s, most of
    a one-article CLI call, so the built identifier is cached on disk (~0.07 s to load)."""
    model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    key = cache.digest(model.read_bytes(), version("py3langid"))
    return cache.load_or_build("py3langid", key,
                               lambda: langid.LanguageIdentifier.from_model_file(model))


def detect(text: str) -> Optional[str]:
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < MIN_CHARS:
        return None
    lang, _score = identifier().classify(sample)
    return lang
