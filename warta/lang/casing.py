"""Which words running Indonesian text writes in lower case (the "common words"), from
data/casing.tsv built by training/casing.py. Used to read Title-Case headlines in sentence
case (``warta.nlp.casing``), to split glued words (``warta.clean.repair``) and to tell a
clean name from a run of words (``warta.corpus.entities``). Hand-written: no Indonesian
truecasing lexicon ships in a package reachable here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).parent / "data" / "casing.tsv"
# Short words Title Case itself often leaves in lower case ("Israel Serang Gaza dari
# Utara"): they say nothing about a line's casing.
FUNCTION_WORDS = frozenset("di ke dari dan yang untuk dengan pada atau oleh dalam bagi telah "
                           "akan sudah masih juga tak tidak vs hingga sampai terhadap soal "
                           "usai jadi ini itu saat".split())


@lru_cache(maxsize=1)
def lower_words() -> frozenset[str]:
    words = []
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            words.append(line.split("\t", 1)[0])
    return frozenset(words)


def _active_forms(stem: str) -> tuple[str, ...]:
    """The prefixed forms running text uses for a headline's bare verb: "serang" ->
    "menyerang", "tembak" -> "menembak", "desak" -> "mendesak", plus di-/ber- forms."""
    c = stem[:1]
    if c in "aiueogh":
        me = "meng" + stem
    elif c == "k":
        me = "meng" + stem[1:]
    elif c in "bfv":
        me = "mem" + stem
    elif c == "p":
        me = "mem" + stem[1:]
    elif c in "cdjz":
        me = "men" + stem
    elif c == "t":
        me = "men" + stem[1:]
    elif c == "s":
        me = "meny" + stem[1:]
    else:
        me = "me" + stem
    return (me, "di" + stem, "ber" + stem)


def is_common_word(lower: str, common: frozenset[str]) -> bool:
    """A word running text writes in lower case, or the bare form of such a verb
    (headlines write "Israel Serang Gaza" where prose has "Israel menyerang Gaza")."""
    return lower in common or (len(lower) >= 4 and any(f in common for f in _active_forms(lower)))
