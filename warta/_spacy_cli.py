"""spaCy's command line, loaded when first used instead of at ``import spacy``.

spaCy's package ``__init__`` imports its whole command line (``spacy.cli``: typer,
weasel, requests, httpx, jinja2) only to offer ``spacy.info``: ~0.15 s of CPU, a tenth
of a one-article ``warta extract``. warta never runs spaCy's command line in its own
process, so ``install()`` (called by ``warta/__init__``) has ``spacy.cli`` and
``spacy.cli.info`` imported as modules that run their real code on first use: reading
any attribute they do not have yet (``spacy.cli.train``, ``from spacy.cli import
setup_cli``) or calling ``spacy.info`` runs the real files in place, as the import
would have. Submodules (``import spacy.cli.train``) import as usual. Hand-written
because Python's ``importlib.util.LazyLoader`` loads a package as soon as the import
system looks up its ``__path__``, which importing any submodule does.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import types

_NAMES = ("spacy.cli", "spacy.cli.info")


class _LazyModule(types.ModuleType):
    def __getattr__(self, name: str):  # only for attributes not set (yet)
        # Dunder probes (inspect, pickle, doctest) do not load it; "__all__" (import *) does.
        if (name.startswith("__") and name != "__all__") or not _load(self):
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        return getattr(self, name)


def _load(module: types.ModuleType) -> bool:
    """Run the module's real file in it (once); False if it already ran."""
    loader = module.__dict__.pop("_warta_loader", None)
    if loader is None:
        return False
    if module.__name__ == "spacy.cli":
        info = sys.modules.get("spacy.cli.info")
        if info is not None:
            _load(info)  # its commands register before the package's own
    loader.exec_module(module)
    return True


def _info(*args, **kwargs):
    """``spacy.info``: the real one, loaded on this first call."""
    module = sys.modules["spacy.cli.info"]
    _load(module)
    return module.info(*args, **kwargs)


class _Loader(importlib.abc.Loader):
    def __init__(self, path: str):
        self.path = path

    def create_module(self, spec):
        return _LazyModule(spec.name)

    def exec_module(self, module) -> None:
        module._warta_loader = importlib.machinery.SourceFileLoader(module.__name__, self.path)
        if module.__name__ == "spacy.cli.info":
            module.info = _info


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name not in _NAMES or not path:
            return None
        folder = os.path.join(path[0], "cli") if name == "spacy.cli" else path[0]
        file = os.path.join(folder, "__init__.py" if name == "spacy.cli" else "info.py")
        if not os.path.exists(file):
            return None
        spec = importlib.util.spec_from_loader(name, _Loader(file), origin=file,
                                               is_package=name == "spacy.cli")
        if name == "spacy.cli":
            spec.submodule_search_locations = [folder]
        else:
            sys.meta_path.remove(self)  # both are registered: the finder's job is done
        spec.has_location = True
        return spec


def install() -> None:
    """Load spaCy's command line on first use (before spaCy is imported; else nothing)."""
    if "spacy" not in sys.modules and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
