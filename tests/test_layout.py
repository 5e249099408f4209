"""The module layout: no import cycle in warta/, and the light modules (ids, ingest, the
store) import without spaCy.

The cycle check is also a command (docs/choices.md):  python tests/test_layout.py
"""

from __future__ import annotations

import pytest
import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "warta"

def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """module -> the warta modules it imports anywhere in its code (a function-level
    import tangles modules as much as a top-level one). Importing ``a.b`` runs ``a``
    first, but that implicit edge is not counted: a package may import its own parts."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        is_package = path.name == "__init__.py"
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative import
                    anchor = name.split(".") if is_package else name.split(".")[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # "from pkg import mod" imports the module pkg.mod; "from mod import name" mod.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
            else:
                continue
            edges |= {t for t in targets if t in known and t != name}
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_import_graph_is_built_from_the_code():
    graph = import_graph()
    assert "warta.ids" in graph["warta.store.sqlite"]
    assert "warta.lang.words" in graph["warta.nlp.sentences"]


def test_no_import_cycle_in_warta():
    found = [sorted(c) for c in cycles(import_graph())]
    assert found == [], f"import cycles: {found}"


@pytest.mark.slow
def test_light_modules_import_without_spacy():
    light = ["warta.ids", "warta.settings", "warta.lang.words", "warta.model", "warta.ingest",
             "warta.store", "warta.store.sqlite", "warta.corpus.entities", "warta.corpus.checks",
             "warta.run.batch", "warta.export"]
    code = f"import sys; import {', '.join(light)}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_the_store_saves_without_loading_spacy(tmp_path):
    code = ("import sys; from warta.model import Article; from warta.store.sqlite import SQLiteStore; "
            f"s = SQLiteStore({str(tmp_path / 'w.db')!r}); "
            "s.save([Article(id='a', text='Banjir.', raw_text='Banjir.')]); "
            "print(s.count(), 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "False"]


if __name__ == "__main__":
    found = cycles(import_graph())
    for component in found:
        print("cycle:", " <-> ".join(sorted(component)))
    print(f"{len(found)} import cycle(s) in warta/")
    sys.exit(1 if found else 0)
