"""Keep the NLP stage's large arrays in the process instead of returning them to the
system after every batch.

The tok2vec's arrays for one spaCy batch (``settings.NLP_BATCH_CHARS``) run to tens of MB.
glibc serves a request over its mmap threshold (dynamic, at most 32 MB) with a fresh
``mmap`` and gives it back at ``free``, and gives back the top of the heap once more than
its trim threshold is free there; the next batch then page-faults every page in again
(~280,000 minor faults and ~1.5 s of system time per 300 detik articles, measured in
docs/performance.md). Raising both thresholds lets freed memory be reused: the same peak
memory, a few hundred MB at most kept free for the next batch. Python has no binding for
``mallopt``, hence ctypes; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

# mallopt parameter numbers from glibc's <malloc.h>.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 2**20  # requests below it come from the heap, whose freed memory is reused
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD  # free memory at the heap's top kept before it is given back

_done = False


def keep_freed_memory() -> bool:
    """Set glibc's mmap and trim thresholds (once per process); False where there is no
    glibc ``mallopt`` (macOS, Windows, musl's stub refuses)."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 on success; the mmap threshold first: setting either one turns
    # off glibc's dynamic adjustment of both.
    _done = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    return _done
