"""warta's inference forwards of thinc's maxout and layernorm (warta/nlp/layers.py) give
the tok2vec's output bit for bit as thinc's own forwards, on real news."""

from __future__ import annotations

import csv

import numpy
import pytest
from thinc.layers import layernorm, maxout

from conftest import shared_path
from warta.nlp import layers, load
from warta.nlp.casing import sentence_case


def _texts(seed_files, n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in seed_files]
    csv.field_size_limit(10**8)
    with open(shared_path("data", "news", "detik-1000", "data_berita.csv"), encoding="utf-8") as fh:
        for row, _ in zip(csv.DictReader(fh), range(n)):
            texts += [sentence_case(row["judul"]), sentence_case(row["isi_berita"])]
    return texts


def test_tok2vec_output_has_thincs_bits(seed_files, monkeypatch):
    nlp = load()
    model = nlp.get_pipe("tok2vec").model
    fast = [node for node in model.walk() if node._func in (layers.maxout_forward, layers.layernorm_forward)]
    assert len(fast) == 10  # five Maxout+LayerNorm blocks
    texts = _texts(seed_files, 30)
    # batches of several sizes, down to one short text (few rows: OpenBLAS's small kernels)
    batches = [texts[:1], texts[:5], texts[5:40], texts, ["Jokowi ke Solo."]]
    ours = [model.predict([nlp.make_doc(t) for t in batch]) for batch in batches]
    assert layers._SGEMM is not None and layers._checked and all(layers._checked.values())  # fast path ran
    for node in fast:
        monkeypatch.setattr(node, "_func", maxout.forward if node.name == "maxout" else layernorm.forward)
    thincs = [model.predict([nlp.make_doc(t) for t in batch]) for batch in batches]
    for a, b in zip(ours, thincs):
        for x, y in zip(a, b):
            assert x.dtype == y.dtype == numpy.float32
            assert numpy.array_equal(x.view(numpy.uint32), y.view(numpy.uint32))  # also the sign of 0


def test_training_goes_through_thincs_forwards():
    nlp = load()
    node = next(n for n in nlp.get_pipe("tok2vec").model.walk() if n._func is layers.maxout_forward)
    X = numpy.random.default_rng(0).standard_normal((7, node.get_dim("nI"))).astype(numpy.float32)
    Y, backprop = node._func(node, X, is_train=True)
    assert backprop(numpy.ones_like(Y)).shape == X.shape  # thinc's backprop
    Yp, _ = node._func(node, X, is_train=False)
    assert numpy.array_equal(Y.view(numpy.uint32), Yp.view(numpy.uint32))


_THREADS = """
import sys
import numpy
from warta.nlp import layers
if sys.argv[1] == "load":
    from warta import nlp
    nlp.load()
print(layers._OPENBLAS.scipy_openblas_get_num_threads64_())
"""


@pytest.mark.slow
def test_loaded_process_multiplies_on_one_thread_unless_told_otherwise():
    import os
    import subprocess
    import sys

    def threads(mode: str, **env: str) -> int:
        clean = {k: v for k, v in os.environ.items() if k not in layers.THREAD_VARIABLES}
        done = subprocess.run([sys.executable, "-c", _THREADS, mode], env={**clean, **env},
                              capture_output=True, text=True, check=True)
        return int(done.stdout)

    assert threads("load") == 1
    assert threads("load", OPENBLAS_NUM_THREADS="2") == threads("bare", OPENBLAS_NUM_THREADS="2")
