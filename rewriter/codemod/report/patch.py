"""``--patch FILE``: the whole migration as one unified diff that ``git apply`` accepts.

Paths are relative to the repository root (``a/<path>`` / ``b/<path>``, as ``git diff`` writes
them), so the patch can be reviewed, mailed or applied on a fresh checkout. Only files whose
rewrite the run accepted appear (errors and review-only files never do); line ends, a missing
final newline and a byte-order mark are kept exactly. Never reads or writes files.
"""

from __future__ import annotations

from rewriter.codemod.model import RunResult
from rewriter.codemod.report.diff import file_patch
from rewriter.codemod.report.registry import relative


def render_patch(run: RunResult, root: str) -> str:
    """The patch text for every changed file of ``run``, in path order."""
    return "".join(file_patch(f, relative(f.path, root)) for f in run.files)
