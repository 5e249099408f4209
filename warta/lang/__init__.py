"""Plain Indonesian word lists several stages share (abbreviations, role words, place
types), importable without spaCy, and the shared stemmer (``stem``, PySastrawi). Lists one stage alone reads stay with that stage
(speech cue verbs in ``claims/speech``, month names in ``claims/timex``, which takes them
from dateparser)."""
