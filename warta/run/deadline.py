"""A CPU-time limit on a block of code (the per-article time guard of ``warta.run.batch``).

Every stage is linear in its input (issue 10), but a rule added later may not be: an
article that overruns its limit is rejected with a one-line reason instead of stalling the
whole batch. CPU time (ITIMER_PROF), not wall time, so a loaded machine does not reject
articles that would pass on a quiet one. Signals reach the main thread only; elsewhere
(a server's worker thread) and on platforms without ``setitimer`` the block runs unguarded.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional


class Overtime(BaseException):
    """Raised inside the guarded block when its CPU time is up. A BaseException, as
    KeyboardInterrupt is, so no stage's ``except Exception`` swallows it."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took over {seconds:.0f} s of CPU time")
        self.seconds = seconds


def _can_guard() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def cpu_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise ``Overtime`` in the block once it has used ``seconds`` of CPU time."""
    if not seconds or seconds <= 0 or not _can_guard():
        yield
        return

    def overtime(signum, frame):
        raise Overtime(seconds)

    previous = signal.signal(signal.SIGPROF, overtime)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
