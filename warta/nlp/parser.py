"""spaCy's NER with its greedy decoding loop run while Python's GIL is held.

spaCy's ``Parser.greedy_parse`` runs its step loop (``_parseC``) with the GIL released.
The spaCy wheels for Python < 3.12 are built with Cython's ``profile`` directive, so every
inlined state accessor in that loop (``StateC.B_``, ``entity_is_open``... called ~20 times
per token and step by the move validation ``set_valid``) takes the GIL and gives it back
(``PyGILState_Ensure``/``Release``: mutexes and a condition variable each time; visible in
``objdump -d`` of ``spacy/pipeline/_parser_internals/ner.*.so``). With the GIL already
held, the same calls only read a thread-local and a counter. So this loop is spaCy's own
inference path for beam width 1, driven from Python (as spaCy's training does):

    step = model.predict(docs)                 # tok2vec and the precomputed lower layer
    while states:                              # one step: each unfinished state one move
        hidden = step.state2vec.predict(ids)   # spaCy's sum_state_features + bias + maxout
        scores = W . hidden + b                # BLIS sgemm, the call _parseC makes
        states = parser.transition_states(states, scores)   # spaCy's c_transition_batch

and the moves are the same as spaCy's C loop makes, for these reasons (every token's move,
i.e. its entity tag, compared with spaCy's loop on real text in ``tests/test_ner_parser.py``):

- the states of a step, their order and their feature ids are the same (both keep the
  unfinished states in order and fill ids with ``StateC.set_context_tokens``);
- the hidden layer is the same C function (``sum_state_features``) from zeros, plus the
  bias in one float32 rounding (numpy's add; the C loop's ``x += b * 1.0``), then the max of
  each unit's 2 pieces: the C loop takes the second piece on a tie and thinc's maxout the
  first, which can differ only in the sign of a zero, and ±0 compare equal in every
  later comparison (scores are only compared, never divided);
- the scores come from the same BLIS ``sgemm`` call (same sizes, strides, alpha 1 and
  beta 0; BLIS packs its operands, so addresses do not matter) plus the bias row by row;
- the moves are chosen and made by spaCy's own ``c_transition_batch`` (validity, argmax).

Unseen classes (none in warta's model) get the batch's minimum score as in spaCy. Any
other configuration (dropout, no upper layer, GPU) goes to spaCy's loop. Measured on 300
detik articles: the NER component 1.55 s → 0.9 s of CPU (notes of the nlpfast helper).
"""

from __future__ import annotations

import blis.py
import numpy
from spacy.pipeline import EntityRecognizer
from thinc.api import NumpyOps, set_dropout_rate


class GilHeldNER(EntityRecognizer):
    """``EntityRecognizer`` whose greedy decoding steps run with the GIL held (module doc)."""

    def greedy_parse(self, docs, drop=0.0):
        if (drop or not self.model.attrs.get("has_upper")
                or not isinstance(self.model.ops, NumpyOps)):
            return super().greedy_parse(docs, drop=drop)
        self._ensure_labels_are_added(docs)
        set_dropout_rate(self.model, drop)
        batch = self.moves.init_batch(docs)
        step = self.model.predict(docs)
        W = step.vec2scores.get_param("W")
        b = step.vec2scores.get_param("b")
        unseen = numpy.flatnonzero(step._class_mask == 0)
        states = [state for state in batch if not state.is_final()]
        while states:
            hidden = step.state2vec.predict(step.get_token_ids(states))
            scores = blis.py.gemm(hidden, W, trans2=True, beta=0.0)
            scores += b
            if unseen.size:
                scores[:, unseen] = scores.min()
            states = self.transition_states(states, scores)
        step.clear_memory()
        return batch


def hold_gil_in_ner(nlp) -> None:
    """Replace the pipeline's spaCy ``ner`` (if any) by a ``GilHeldNER`` over the same
    model, moves and settings."""
    for i, (name, component) in enumerate(nlp._components):  # disabled ones too
        if type(component) is not EntityRecognizer:
            continue
        fast = GilHeldNER(
            component.vocab, component.model, name=name, moves=component.moves,
            update_with_oracle_cut_size=component.cfg["update_with_oracle_cut_size"],
            beam_width=component.cfg["beam_width"], beam_density=component.cfg["beam_density"],
            beam_update_prob=component.cfg["beam_update_prob"],
            incorrect_spans_key=component.cfg["incorrect_spans_key"], scorer=component.scorer,
        )
        fast.cfg = component.cfg  # "moves": None as loaded, not the object passed above
        nlp._components[i] = (name, fast)
