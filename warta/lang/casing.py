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


_PARTICLES = ("kah", "lah", "pun", "tah")


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
    """A word running text writes in lower case, the bare form of such a verb (headlines
    write "Israel Serang Gaza" where prose has "Israel menyerang Gaza"), or either with a
    clitic particle ("Bisakah", "Tolaklah")."""
    stems = [lower] + [lower[:-len(p)] for p in _PARTICLES if lower.endswith(p) and len(lower) - len(p) >= 3]
    return any(w in common or (len(w) >= 4 and any(f in common for f in _active_forms(w))) for w in stems)


def _is_verb(low: str, common: frozenset[str]) -> bool:
    """A verb, by its me- form in the lexicon: "ingatkan", "disoraki" (menyoraki), "bisakah"
    (bisa). Names that are nouns ("Budi", "Putri") have no me- form there."""
    prefixed = [low[len(p):] for p in ("di", "ter", "ber") if low.startswith(p) and len(low) - len(p) >= 4]
    particle = [low[:-len(p)] for p in _PARTICLES if low.endswith(p) and len(low) - len(p) >= 3]
    return (any(_active_forms(w)[0] in common for w in [low, *prefixed] if len(w) >= 4)
            or any(w in common for w in particle))


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from warta.lang.offices import HONORIFICS, RANKS
    from warta.lang.words import ROLE_HEADS

    return RANKS | HONORIFICS | frozenset(w for h in ROLE_HEADS for w in h.split())


@lru_cache(maxsize=65536)
def is_clean_name(name: str) -> bool:
    """A person's name as written in full, not a run of words the NER took with it:
    every word capitalised (name particles aside), none a function word, headline verb,
    rank, form of address or role word. Common nouns stay: they are names too ("Budi",
    "Putri", "Bintang"). "Prabowo Subianto", "Abdel Fattah el-Sisi" are clean; "Bisakah Donald Trump", "Prabowo Jenderal", "Hasto tengah" are not."""
    from warta.lang.words import NAME_PARTICLES

    common = lower_words()
    titles = _titles()
    for part in name.split():
        low = part.lower()
        if low in NAME_PARTICLES or low.split("-")[0] in NAME_PARTICLES:
            continue  # "bin", "el-Sisi"
        if not part[:1].isalpha() or part[:1].islower() or low in titles or low in FUNCTION_WORDS:
            return False
        if _is_verb(low, common):
            return False  # a headline verb: "Ingatkan" (mengingatkan), "Disoraki", "Bisakah"
    return True
