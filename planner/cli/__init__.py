"""The `planner` command line: the typer app and its entry point (see `planner.cli.app`)."""

from planner.cli.app import app, main

__all__ = ["app", "main"]
