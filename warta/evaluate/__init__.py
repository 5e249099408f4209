"""Scorers, one module per capability, used by the CLI (`warta evaluate ...`) and by tests."""
