"""Inference forwards of thinc's ``maxout`` and ``layernorm`` layers (the tok2vec's five
Maxout+LayerNorm blocks) with fewer passes over memory and the same bits.

Maxout (``Y = X.W^T + b``, then the max of each unit's pieces): thinc multiplies with
numpy's ``dot`` (which zeroes its output, then OpenBLAS's ``sgemm`` zeroes it again for
beta = 0) and adds the bias in another pass. Here the output starts as the bias and the
same OpenBLAS ``sgemm`` — the library numpy itself calls, found among the process's
loaded libraries, with the same arguments — adds the product with beta = 1. OpenBLAS adds
each element's finished dot product to C in one rounding (alpha = 1), so the result is
``b + dot`` = ``dot + b``, the bits of thinc's, provided the dot product is not cut into K
blocks (K up to a few hundred: OpenBLAS's GEMM_Q; the tok2vec's K are 192 and 320) and
numpy used ``gemm`` at all (it uses ``gemv`` for one row). Both depend on the CPU's
OpenBLAS kernel, so the first batch of each size class (``_size_key``) in a process is
also multiplied thinc's way and compared bit for bit; a class that differs goes through
thinc's forward from then on. The max over pieces is thinc's own ``ops.maxout``.

LayerNorm: thinc computes ``X.mean``, then ``X.var`` (which sums X again and subtracts
the mean again), then ``X - mu`` a third time. Here each is done once, by the same numpy
operations in the same order as ``numpy.var`` does them (``numpy/_core/_methods.py``), so
every intermediate has the same bits; the last scale and shift are done in place.

Training (``is_train``) always goes through thinc's own forwards, which keep the
backpropagation; these forwards return no usable backprop callback. Both together: the
tok2vec on detik-1000 4.85 -> 4.18 s of CPU (notes of the nlpfast helper)."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

import numpy
from thinc.layers import layernorm as _thinc_layernorm
from thinc.layers import maxout as _thinc_maxout
from thinc.model import Model

_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112
MAX_K = 448  # above it OpenBLAS cuts the dot products into blocks (checked anyway)


def _numpys_openblas():
    """The OpenBLAS library numpy's ``dot`` calls (numpy's wheels bundle scipy-openblas:
    64-bit integers, prefixed and suffixed names), found among the loaded libraries, or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return None
    libs = {line.split(None, 5)[-1] for line in maps.splitlines()
            if "openblas" in line and os.sep + "numpy" in line and line.endswith(".so")}
    for path in sorted(libs):
        try:
            lib = ctypes.CDLL(path)
            lib.scipy_cblas_sgemm64_, lib.scipy_openblas_set_num_threads64_
        except (OSError, AttributeError):
            continue
        return lib
    return None


def _numpys_sgemm():
    """``cblas_sgemm`` of numpy's OpenBLAS (``_numpys_openblas``), or None."""
    if _OPENBLAS is None:
        return None
    sgemm = _OPENBLAS.scipy_cblas_sgemm64_
    i64, ptr = ctypes.c_int64, ctypes.c_void_p
    sgemm.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, i64, i64, i64, ctypes.c_float,
                      ptr, i64, ptr, i64, ctypes.c_float, ptr, i64]
    sgemm.restype = None
    return sgemm


# Environment variables by which OpenBLAS is told its number of threads.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def one_blas_thread() -> bool:
    """Make numpy's OpenBLAS run on the calling thread only, unless its thread count was
    set through the environment. warta runs one process per core (workers); OpenBLAS's
    default, a thread per core, wakes its threads for every product, and the tok2vec's
    and NER's many small products mostly paid their wake-up and spin-wait: 300 detik
    articles through process_many, alternately: 7.4 / 7.6 s of CPU with OpenBLAS's
    default, 5.9 / 5.6 s with one thread (shared machine; wall time also shorter there).
    The bits of a product do not depend on the thread count (threads split rows and
    columns, never an element's dot product; same_output identical). True if set."""
    if _OPENBLAS is None or any(os.environ.get(v) for v in THREAD_VARIABLES):
        return False
    _OPENBLAS.scipy_openblas_set_num_threads64_(ctypes.c_int(1))
    return True


_OPENBLAS = _numpys_openblas()
_SGEMM = _numpys_sgemm()
_checked: dict[tuple[int, int, int], bool] = {}  # _size_key -> same bits as thinc's


def _dot_plus_bias(X, W, b):
    """thinc's ``ops.gemm(X, W, trans2=True)`` then ``+= b`` (numpy's dot)."""
    Y = numpy.dot(X, W.T)
    Y += b
    return Y


def _bias_then_sgemm(X, W, b):
    M, K = X.shape
    N = W.shape[0]
    Y = numpy.empty((M, N), dtype=numpy.float32)
    Y[...] = b
    _SGEMM(_ROW_MAJOR, _NO_TRANS, _TRANS, M, N, K, 1.0, X.ctypes.data, K, W.ctypes.data, K,
           1.0, Y.ctypes.data, N)
    return Y


def _size_key(M: int, K: int, N: int) -> tuple[int, int, int]:
    """OpenBLAS's result for an element depends on K (its blocking of the dot product) and
    on which kernel runs, chosen by the sizes: it has small-matrix kernels for a few rows
    (up to M*N*K = 100^3, some for exact row counts only). So every row count up to 64 is
    its own class, larger ones are classed by powers of two."""
    return (M if M <= 64 else 64 + M.bit_length(), K, N)


def _no_backprop(dY):
    raise NotImplementedError("warta's inference forward has no backprop: call with is_train=True")


def maxout_forward(model: Model, X, is_train: bool):
    nO, nP, nI = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    W = model.get_param("W")
    b = model.get_param("b")
    if (is_train or _SGEMM is None or not isinstance(X, numpy.ndarray) or X.ndim != 2
            or X.dtype != numpy.float32 or W.dtype != numpy.float32 or b.dtype != numpy.float32
            or not X.flags.c_contiguous or not W.flags.c_contiguous or X.shape[0] < 2
            or X.shape[1] != nI or nI > MAX_K):
        return _thinc_maxout.forward(model, X, is_train)
    W, b = W.reshape(nO * nP, nI), b.reshape(nO * nP)
    key = _size_key(X.shape[0], nI, nO * nP)
    same = _checked.get(key)
    if same is False:
        return _thinc_maxout.forward(model, X, is_train)
    Y = _bias_then_sgemm(X, W, b)
    if same is None:  # first batch of this size class: thinc's bits, checked on it
        _checked[key] = same = numpy.array_equal(Y.view(numpy.uint32), _dot_plus_bias(X, W, b).view(numpy.uint32))
        if not same:
            return _thinc_maxout.forward(model, X, is_train)
    best, _ = model.ops.maxout(Y.reshape(Y.shape[0], nO, nP))
    return best, _no_backprop


def layernorm_forward(model: Model, X, is_train: bool):
    if is_train or not isinstance(X, numpy.ndarray) or X.ndim != 2 or X.dtype != numpy.float32:
        return _thinc_layernorm.forward(model, X, is_train)
    n = numpy.intp(X.shape[1])
    mu = numpy.add.reduce(X, axis=1, keepdims=True)  # X.mean(axis=1, keepdims=True)
    numpy.true_divide(mu, n, out=mu, casting="unsafe", subok=False)
    Y = numpy.subtract(X, mu)  # X - mu, as numpy.var and thinc's Xhat both compute it
    var = numpy.add.reduce(numpy.square(Y), axis=1, keepdims=True)
    numpy.true_divide(var, n, out=var, casting="unsafe", subok=False)
    var += 1e-08
    Y *= var ** (-1.0 / 2.0)  # thinc: Xhat = (X - mu) * var ** (-1/2)
    Y *= model.get_param("G")  # thinc: Y = Xhat * G; Y += b
    Y += model.get_param("b")
    return Y, _no_backprop


def use_fast_forwards(model: Model) -> None:
    """Give every thinc maxout and layernorm layer under ``model`` these forwards."""
    for node in model.walk():
        if node._func is _thinc_maxout.forward:
            node._func = maxout_forward
        elif node._func is _thinc_layernorm.forward:
            node._func = layernorm_forward
