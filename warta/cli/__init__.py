"""Command-line interface: a typer app, one module per command group."""
