"""The figures lexicon (``claims/data/figures_lexicon.json``): labelled phrases matched on
word boundaries, longest first."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional


LEXICON_PATH = Path(__file__).resolve().parents[1] / "data" / "figures_lexicon.json"


class Phrases:
    """A lexicon of labelled phrases matched on word boundaries, longest first."""

    def __init__(self, labelled: dict[str, list[str]], possessive: bool = False) -> None:
        self.label_of: dict[str, str] = {}
        for label, phrases in labelled.items():
            for p in phrases:
                self.label_of.setdefault(p.lower(), label)
        alts = "|".join(re.escape(p).replace(r"\ ", r"[^\S\n]+")
                        for p in sorted(self.label_of, key=len, reverse=True))
        # Nouns take the possessive "-nya" ("stafnya", "keluarganya") without changing meaning.
        suffix = "(?:nya)?" if possessive else ""
        self._at = re.compile(rf"[^\S\n]*({alts}){suffix}(?![\w-])")
        self._before = re.compile(rf"(?<![\w-])({alts})[^\S\n]*$")
        self._any = re.compile(rf"(?<![\w-])({alts})(?![\w-])")

    def _label(self, phrase: str) -> str:
        return self.label_of[re.sub(r"\s+", " ", phrase)]

    def at_end(self, low: str, pos: int) -> Optional[int]:
        """End of the phrase starting at ``pos``, including a possessive suffix."""
        m = self._at.match(low, pos)
        return m.end() if m else None

    def at(self, low: str, pos: int, end: Optional[int] = None) -> Optional[tuple[str, int, int]]:
        """A phrase starting at ``pos`` (after spaces): (label, start, end)."""
        m = self._at.match(low, pos, end if end is not None else len(low))
        return (self._label(m.group(1)), m.start(1), m.end(1)) if m else None

    def before(self, low: str, pos: int, start: int = 0) -> Optional[tuple[str, int, int]]:
        """A phrase ending at ``pos`` (before spaces): (label, start, end)."""
        m = self._before.search(low, start, pos)
        return (self._label(m.group(1)), m.start(1), m.end(1)) if m else None

    def all(self, low: str, start: int, end: int) -> list[tuple[str, int, int]]:
        return [(self._label(m.group(1)), m.start(1), m.end(1)) for m in self._any.finditer(low, start, end)]


@dataclass
class Lexicon:
    raw: dict
    qual_before: Phrases = field(init=False)
    qual_after: Phrases = field(init=False)
    after: Phrases = field(init=False)
    before: Phrases = field(init=False)
    nouns: Phrases = field(init=False)
    groups: Phrases = field(init=False)
    places: Phrases = field(init=False)
    rates: Phrases = field(init=False)

    def __post_init__(self) -> None:
        r = self.raw
        self.qual_before = Phrases(r["qualifiers_before"])
        self.qual_after = Phrases(r["qualifiers_after"])
        self.after = Phrases(r["measures_after"])
        # Post-nominal cues also work before the number in headlines ("Warga Mati Tembus 35.000").
        merged = {k: list(v) for k, v in r["measures_after"].items()}
        for k, v in r["measures_before"].items():
            merged.setdefault(k, []).extend(v)
        self.before = Phrases(merged)
        self.nouns = Phrases(r["measure_nouns"])
        self.groups = Phrases(r["groups"], possessive=True)
        self.places = Phrases(r["places"])
        self.rates = Phrases(r["rates"])
        self.non_people = Phrases({"x": r["non_people_after"]})
        self.money = Phrases({"x": r["money_before"]})
        self.no_count_before = Phrases({"x": r["age_before"]})
        self.listicle = Phrases({"x": r["listicle_before"]})
        self.source_before = Phrases({"x": r["source_before_cues"]})
        self.source_after = Phrases({"x": r["source_after_cues"]})
        self.speech = Phrases({"x": r["speech_verbs"]})
        self.source_stop = set(r["source_stopwords"])
        self.headline_labels = set(r["headline_labels"])
        self.attacker = Phrases({"x": r["attacker_before"]})
        self.demonym = Phrases({"x": r["demonym_before"]})
        self.locative = Phrases({"x": r["locative_before"]})
        self.actor_verbs = set(r["actor_verbs"])
        self.countries = {c.lower() for c in r["countries"]}
        self.national = Phrases({"national": r["national_cues"]})
        self.spread = Phrases({"spread": r["spread_cues"]})
        self.within = {country: set(inner) for country, inner in r["places_within"].items()}
        self.scope_cues = {k: Phrases({"x": v}) for k, v in r["scope_cues"].items()
                           if not k.startswith("_") and isinstance(v, list)}
        self.scope_by_group = dict(r["scope_cues"]["by_group"])
        self.quantity_predicates = Phrases({"x": r["quantity_predicates"]})
        self.breakdown = Phrases({"x": r["breakdown_markers"]})
        self.source_pronouns = Phrases({"x": r["source_pronoun_cues"]})
        self.source_adverbs = set(r["source_adverbs"])
        self.continuation = re.compile(
            r"\s*(?:" + "|".join(re.escape(p) for p in sorted(r["continuation_openers"], key=len, reverse=True)) + r")\b")
        # "serangan Hamas" names the attacker; the figure is where it struck (Israel).
        self.attack_targets = [
            (re.compile(rf"\b(?:serangan|militan|pejuang|milisi|kelompok)\s+{actor}\b"), target)
            for actor, target in r["attack_targets"].items()]
        # A noun naming the measure counts people ("253 sandera": hostages, group people).
        self.group_aliases = {k: tuple(v) for k, v in r["group_aliases"].items()}
        self.negations = set(r["negations"])
        self.demonyms_after = r["demonyms_after"]
        self.conjunctions = set(r["clause_conjunctions"])
        self.bare_followers = set(r["bare_number_followers"])
        self.qualifier_verbs = set(p for v in r["qualifiers_before"].values() for p in v)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(json.loads(LEXICON_PATH.read_text(encoding="utf-8")))
