"""The `planner` command line: the typer app (`planner.cli.app`), entered through `planner.cli.startup`."""
