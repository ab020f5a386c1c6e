"""Command line: a thin typer layer over rewriter.api and rewriter.importer.

It parses options and maps results to exit codes; it must never hold logic of its own.
"""

from __future__ import annotations

import typer

from rewriter.importer.cli import import_command

app = typer.Typer(
    name="rewriter",
    help="Move analytics instrumentation between Amplitude and Mixpanel.",
    no_args_is_help=True,
    add_completion=False,
)

app.command("import")(import_command)
