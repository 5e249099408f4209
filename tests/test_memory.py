"""The NLP stage's process reuses the memory of one batch for the next
(warta/memory.py): a large array freed stays in the process's heap instead of being
unmapped, to be faulted in again from the system by the next batch."""

from __future__ import annotations

import subprocess
import sys

import pytest

# glibc's own accounting (mallinfo2, glibc >= 2.33): hblkhd = bytes in mmap'ed blocks,
# fordblks = free bytes kept in the heap.
_ACCOUNT = """
import ctypes, sys
import numpy as np
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
if sys.argv[1] == "keep":
    from warta.memory import keep_freed_memory
    assert keep_freed_memory()
a = np.ones((48 * 2**20) // 8)  # 48 MB: over glibc's largest dynamic mmap threshold (32 MB)
mapped = libc.mallinfo2().hblkhd
del a
print(mapped, libc.mallinfo2().fordblks)
"""


def _account(mode: str) -> tuple[int, int]:
    done = subprocess.run([sys.executable, "-c", _ACCOUNT, mode], capture_output=True, text=True, check=True)
    mapped, free = done.stdout.split()
    return int(mapped), int(free)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt and mallinfo2 are glibc's")
def test_freed_batch_memory_is_kept_for_reuse():
    size = 48 * 2**20
    mapped, free = _account("default")
    assert mapped >= size and free < size  # glibc maps the array on its own and unmaps it at free
    mapped, free = _account("keep")
    assert mapped < size and free >= size  # from the heap, and kept there when freed


_CYCLES = """
import gc, weakref
from warta import nlp
nlp.load()
young = gc.get_threshold()[0]
class Node:
    pass
refs = []
for i in range(20 * young):  # cyclic garbage, 20 rounds of the young generation
    a, b = Node(), Node()
    a.other, b.other = b, a
    if i % 1000 == 0:
        refs.append(weakref.ref(a))
    del a, b
alive = sum(r() is not None for r in refs)
print(young, alive, len(refs))
"""


def test_loaded_process_still_collects_cycles():
    # load() raises the youngest generation's threshold (fewer collections); cyclic
    # garbage is still collected, in larger rounds: at most the last round is alive.
    done = subprocess.run([sys.executable, "-c", _CYCLES], capture_output=True, text=True, check=True)
    young, alive, made = map(int, done.stdout.split())
    assert young == 10_000
    assert made == 200 and alive <= made // 10
