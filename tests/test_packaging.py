"""Issue 10: what warta needs at run time ships inside the package — the official daily
counts are found in an installed copy of warta, with no checkout or ../shared beside it."""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from conftest import REPO


def test_the_reference_counts_are_package_data():
    from warta.corpus.checks import DEFAULT_GAZA_PATH

    relative = DEFAULT_GAZA_PATH.relative_to(REPO / "warta" / "corpus").as_posix()
    globs = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["*"]
    assert any(fnmatch.fnmatch(relative, g) for g in globs), (relative, globs)
    assert (DEFAULT_GAZA_PATH.parent / "SOURCE.txt").read_text().count("Tech For Palestine")


def test_an_installed_copy_finds_the_reference_counts(tmp_path):
    """The package alone, copied away from the checkout (as a wheel installs it): the
    default reference is its own copy, read without ../shared."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "warta", site / "warta", ignore=shutil.ignore_patterns("__pycache__", "model"))
    env = {k: v for k, v in os.environ.items() if k not in ("WARTA_GAZA_CASUALTIES", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    code = ("import warta, sys; from warta.corpus.checks import gaza_casualties; s = gaza_casualties(); "
            "import datetime as dt; print(warta.__file__); print(s.path); "
            "print(s.count(dt.date(2023, 11, 20), 'killed').value)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    package, path, value = done.stdout.split("\n")[:3]
    assert Path(package).is_relative_to(site) and Path(path).is_relative_to(site), done.stdout
    assert float(value) == 13300  # the Government Media Office's toll of that day (SOURCE.txt)
