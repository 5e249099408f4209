"""A figure's scope: one event ('incident') or a running total ('cumulative'), from the
words of its sentence (``Figure.scope``; `warta figures --check` compares only
cumulative tolls)."""

from __future__ import annotations

from typing import Optional

from warta import settings
from warta.claims.figures.counts import Candidate
from warta.claims.figures.lexicon import Lexicon
from warta.claims.figures.text import Sentence


CASUALTIES = ("killed", "injured", "killed_or_injured", "missing")




def scope_of(low: str, cand: Candidate, sent: Sentence, lex: Lexicon) -> Optional[str]:
    """'cumulative' (a running total), 'incident' (one event) or None (a standing count:
    staff, members, capacity), from the words of the figure's sentence."""
    def said(kind: str) -> bool:
        return bool(lex.scope_cues[kind].all(low, sent.start, sent.end))

    if said("tally"):
        return "cumulative"
    if cand.measure in CASUALTIES and cand.number.value >= settings.FIGURE_TALLY_SIZE and not cand.number.vague:
        return "cumulative"
    if cand.measure == "displaced":
        return "incident" if said("event") else "cumulative"  # people flee over days
    if said("event"):
        return "incident"
    if said("period") or (cand.measure in CASUALTIES and said("war")):
        return "cumulative"
    if cand.measure in CASUALTIES + ("detained", "released", "hostages"):
        return "incident"
    return None
