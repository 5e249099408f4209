"""The long fuzz run (issue 10): tests/test_fuzz.py's properties with random examples.

    nice -n 10 python benchmarks/fuzz_long.py [--minutes 20] [--examples 100] [--scale 1] [-k EXPR]

CI runs the same properties derandomized, 40 examples each (about a minute and a half).
This runs them in rounds of ``--examples`` random examples per property (hypothesis
profile ``long``, a fresh seed each round; failing examples are kept in
``.hypothesis/`` and replayed first by the next round) until ``--minutes`` have passed,
and prints each round's result and every falsifying example found. Findings and their
fixes are listed in docs/fuzz.md; each fixed one stays in tests/test_fuzz.py as an
``@example``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _findings(output: str) -> str:
    """From pytest's report: each failing property, its error and its minimal example."""
    keep, seen = [], set()
    for line in output.splitlines():
        text = line.strip().lstrip("|").strip()
        if (line.startswith(("E ", "FAILED", "___")) or "Error:" in text or "reproduce_failure" in text
                or text.startswith(("Falsifying", "Failing test case"))) and text not in seen:
            seen.add(text)
            keep.append("  " + text[:400])
    return "\n".join(keep[:80])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--examples", type=int, default=100, help="random examples per property per round")
    parser.add_argument("--scale", type=int, default=1, help="texts up to this many times CI's length")
    parser.add_argument("-k", default="", help="only the properties matching this pytest -k expression")
    args = parser.parse_args()
    env = dict(os.environ, WARTA_FUZZ_PROFILE="long", WARTA_FUZZ_EXAMPLES=str(args.examples),
               WARTA_FUZZ_SCALE=str(args.scale), OMP_NUM_THREADS="1")
    # -p no:schemathesis: its pytest plugin blanks the values in hypothesis' "Failing test case".
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:schemathesis",
           str(REPO / "tests" / "test_fuzz.py"),
           "--hypothesis-show-statistics"]
    if args.k:
        cmd += ["-k", args.k]
    start, rounds, failures = time.monotonic(), 0, []
    print(f"fuzzing tests/test_fuzz.py for {args.minutes:g} min, {args.examples} random examples per "
          f"property per round, texts up to {args.scale}x CI's length; the machine may be shared")
    while time.monotonic() - start < args.minutes * 60:
        rounds += 1
        t = time.monotonic()
        out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
        summary = (out.stdout.strip().splitlines() or ["(no output)"])[-1]
        examples = sum(int(n) for n in re.findall(r"- (\d+) passing", out.stdout))
        print(f"round {rounds}: {summary} ({examples:,} passing examples, {time.monotonic() - t:.0f} s)", flush=True)
        if out.returncode != 0:
            failures.append(rounds)
            print(_findings(out.stdout), flush=True)
    print(f"{rounds} rounds in {(time.monotonic() - start) / 60:.1f} min; "
          f"{'no failure found' if not failures else f'failures in round(s) {failures} (above)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
