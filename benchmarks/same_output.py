"""Show that a refactoring changed no behaviour: run warta's extract and evaluate
commands and compare their output with a saved baseline.

    python benchmarks/same_output.py save DIR              # write DIR/<check>.out for every check
    python benchmarks/same_output.py compare DIR/x.out ... # rerun those checks, report identical or diff
    python benchmarks/same_output.py compare DIR           # every baseline file in DIR

Run from the repository root (the evaluate commands read ../shared). The check is the
file name without its suffix (see CHECKS). Masked: the seconds `evaluate quotes` prints
(they measure the machine, not warta) and the checkout's own path (evaluate prints paths).
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

SHARED = Path("..") / "shared"
CHECKS: dict[str, list[str]] = {
    "extract-seeds": ["extract", *sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))],
    "extract-detik-1000": ["extract", str(SHARED / "data" / "news" / "detik-1000" / "data_berita.csv")],
    "evaluate-dates": ["evaluate", "dates"],
    "evaluate-figures": ["evaluate", "figures"],
    "evaluate-html": ["evaluate", "html"],
    "evaluate-metadata": ["evaluate", "metadata"],
    "evaluate-ner": ["evaluate", "ner"],
    "evaluate-quotes": ["evaluate", "quotes"],
}
_SECONDS = re.compile(r" *\b\d+\.\ds$", re.M)  # the column width varies with the time too


def run(check: str) -> str:
    """The output (stdout, then stderr, then the exit code) of one check."""
    warta = Path(sys.executable).with_name("warta")
    env = dict(os.environ, COLUMNS="140", TERM="dumb")
    done = subprocess.run([str(warta), *CHECKS[check]], capture_output=True, text=True, env=env)
    text = f"{done.stdout}\n--- stderr\n{done.stderr}\n--- exit {done.returncode}\n"
    return _SECONDS.sub(" <seconds>", text).replace(str(Path.cwd()), "<repo>")


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("save", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "save":
        folder = Path(argv[1])
        folder.mkdir(parents=True, exist_ok=True)
        for check in (argv[2:] or CHECKS):
            (folder / f"{check}.out").write_text(run(check), encoding="utf-8")
            print(f"saved {folder / check}.out", flush=True)
        return 0
    files = [f for a in argv[1:] for f in (sorted(Path(a).glob("*.out")) if Path(a).is_dir() else [Path(a)])]
    changed = 0
    for path in files:
        check = path.name.removesuffix(".out")
        before, after = path.read_text(encoding="utf-8"), run(check)
        if before == after:
            print(f"identical  {check}", flush=True)
            continue
        changed += 1
        print(f"DIFFERENT  {check}", flush=True)
        sys.stdout.writelines(list(difflib.unified_diff(before.splitlines(True), after.splitlines(True),
                                                        str(path), "now", n=1))[:60])
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
