"""What ingest reports instead of raising: a rejected input and its one-line reason.

Bad input must never stop a batch, so readers *yield* a ``Rejected`` for each input they
cannot use and carry on with the next one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rejected:
    source: str  # "path", "path#line" or "stdin#line"
    reason: str  # one line, for a person

    def __post_init__(self) -> None:
        # A reason may quote the input (a CSV header, a value) and so hold line breaks,
        # which would break the one-line report (found by fuzzing: docs/fuzz.md).
        if len(self.reason.splitlines()) > 1:
            object.__setattr__(self, "reason", " ".join(self.reason.split()))

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class InputError(ValueError):
    """Raised inside a reader for one input; turned into a ``Rejected`` by the caller."""
