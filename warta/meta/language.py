"""Language of the clean text (ISO 639-1), by py3langid's naive Bayes classifier."""

from __future__ import annotations

from typing import Optional

import py3langid

SAMPLE_CHARS = 3000  # enough text for a sure answer; the classifier is linear in length
MIN_CHARS = 20       # below this any answer is noise


def detect(text: str) -> Optional[str]:
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < MIN_CHARS:
        return None
    lang, _score = py3langid.classify(sample)
    return lang
