"""What a named transform (the ``transform:`` escape hatch) receives and returns.

Structural mappings are operations (``op:``: read, translated once, printed per language); a
transform is for a genuine one-off that is not a vendor mapping. Transforms are pure: they read
the site and return rewrites or a review reason, never touching files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rewriter.codemod.ops.ir import Review
from rewriter.codemod.ops.site import Rewrite, Site


@dataclass
class TransformResult:
    rewrites: list[Rewrite] = field(default_factory=list)
    note: str | None = None
    review: Review | None = None
    needs: frozenset[str] = frozenset()  # names the rewrites need the target SDK to import


# Readers, printers and escape-hatch transforms see the same per-site view.
TransformContext = Site


Transform = Callable[[TransformContext], TransformResult]
