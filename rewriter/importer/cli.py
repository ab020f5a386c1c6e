"""`rewriter import` command (placeholder until the importer lands)."""

import typer


def import_command() -> None:
    """Import historical data (not implemented yet)."""
    typer.echo("rewriter import: not implemented yet", err=True)
    raise typer.Exit(2)
