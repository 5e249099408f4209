"""The long fuzz run (issue 10): tests/test_fuzz.py's properties with random examples.

    nice -n 10 python benchmarks/fuzz_long.py [--minutes 20] [--examples 100] [-k EXPR]

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=20)
    parser.add_argument("--examples", type=int, default=100, help="random examples per property per round")
    parser.add_argument("-k", default="", help="only the properties matching this pytest -k expression")
    args = parser.parse_args()
    env = dict(os.environ, WARTA_FUZZ_PROFILE="long", WARTA_FUZZ_EXAMPLES=str(args.examples),
               OMP_NUM_THREADS="1")
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(REPO / "tests" / "test_fuzz.py"),
           "--hypothesis-show-statistics"]
    if args.k:
        cmd += ["-k", args.k]
    start, rounds, failures = time.monotonic(), 0, []
    print(f"fuzzing tests/test_fuzz.py for {args.minutes:g} min, {args.examples} random examples per "
          f"property per round; the machine may be shared")
    while time.monotonic() - start < args.minutes * 60:
        rounds += 1
        t = time.monotonic()
        out = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
        summary = (out.stdout.strip().splitlines() or ["(no output)"])[-1]
        examples = sum(int(n) for n in re.findall(r"- (\d+) passing", out.stdout))
        print(f"round {rounds}: {summary} ({examples:,} passing examples, {time.monotonic() - t:.0f} s)", flush=True)
        if out.returncode != 0:
            found = [block for block in out.stdout.split("\n_") if "Falsifying example" in block
                     or "Error" in block]
            failures += found
            for block in found:
                print(block[-3000:])
    print(f"{rounds} rounds in {(time.monotonic() - start) / 60:.1f} min; "
          f"{'no failure found' if not failures else f'{len(failures)} failing properties (above)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
