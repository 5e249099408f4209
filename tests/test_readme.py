"""The README is the user's manual: its commands must be the ones that run."""

from __future__ import annotations

import re

from conftest import REPO

from warta.cli.app import app, evaluate_app

README = (REPO / "README.md").read_text("utf-8")


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    commands = [line for block in blocks for line in block.splitlines()
                if "pytest" in line and not line.startswith("#")]
    assert len(commands) == 1, commands
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert commands[0].strip() in ci.splitlines()


def _command_names(typer_app) -> set[str]:
    return {c.name or c.callback.__name__ for c in typer_app.registered_commands}


def test_every_command_is_documented():
    for name in _command_names(app):
        assert f"`warta {name}" in README, f"warta {name} is missing from README's CLI reference"
    for name in _command_names(evaluate_app):
        assert re.search(rf"warta evaluate [a-z|\\\\]*\b{name}\b", README), f"warta evaluate {name} undocumented"
