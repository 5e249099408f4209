"""The name lists as a post-hoc rule (issue 14's comparison for the lists as model
features): after the model, a longest list match the model left untagged becomes an
entity when it is capitalised and its lists agree on one label (DBpedia PER -> PER, ORG ->
ORG, DBpedia LOC / region names -> LOC). Measurement only.

    python -m training.lists_rule [MODEL_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from training.convert import ner_paths
from warta.evaluate.ner import evaluate
from warta.nlp import MODEL_DIR, build
from warta.nlp.namelists import LISTS, longest_matches, table
from warta.settings import shared_root

LABELS = {"P": "PER", "O": "ORG", "L": "LOC", "W": "LOC"}


@Language.component("warta_name_list_rule")
def name_list_rule(doc: Doc) -> Doc:
    names = table()
    taken = {i for e in doc.ents for i in range(e.start, e.end)}
    new = []
    for start, end, bits in longest_matches(doc, names):
        labels = {LABELS[c] for b, c in enumerate(LISTS) if bits & (1 << b)}
        if len(labels) != 1 or any(i in taken for i in range(start, end)):
            continue
        if not (doc[start].is_title or doc[start].is_upper) or not doc[start].is_alpha:
            continue
        new.append(Span(doc, start, end, label=labels.pop()))
    doc.ents = filter_spans(list(doc.ents) + new)
    return doc


def main() -> None:
    model = Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_DIR
    paths = ner_paths(shared_root())
    for rule in (False, True):
        nlp = build(model)
        if rule:
            nlp.add_pipe("warta_name_list_rule", after="warta_entity_repair")
        cells = [f"{name} {evaluate(nlp, paths[name]).prf()[2]:.3f}"
                 for name in ("nergrit_valid", "nerui_test", "nerugm_test")]
        print(f"{model} list rule={rule}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
