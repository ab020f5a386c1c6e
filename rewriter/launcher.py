"""The `rewriter` console script's entry point, import-light on purpose.

With the spawn start method, `multiprocessing` re-imports the script that started the program in
every worker process it creates. The script pip generates runs `from <module> import <function>`
at its top level, so an entry point in `rewriter.cli` would make each `rewriter import` worker load
typer, rich, pydantic and the CLI (~0.1 s of CPU each, measured) before doing any work. This
module imports the CLI only when the script is actually run.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["import"] and not {"--help", "-h"} & set(sys.argv[2:]):
        # Boot the import's worker processes while the CLI below is still being imported and
        # parsed (see `rewriter.importer.chunks.prestart`), when the run will want them.
        from rewriter.importer.chunks import prestart_for

        prestart_for(sys.argv[2:])
    from rewriter.cli import app

    app()
