"""What a named transform receives and returns.

Transforms handle the structural cases a one-line ``fix`` template cannot express (an Identify
chain that becomes several ``people.*`` calls, an id moving between argument positions). They are
pure: they read the match and return either rewrites or a review reason, never touching files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rewriter.codemod.lang.base import FileBindings, LanguageAdapter, ParsedFile
from rewriter.codemod.match.patterns import Match
from rewriter.codemod.ops.ir import Review
from rewriter.codemod.ops.site import Rewrite
from rewriter.codemod.packs.loader import Rule, RulePack


@dataclass
class TransformResult:
    rewrites: list[Rewrite] = field(default_factory=list)
    note: str | None = None
    review: Review | None = None


@dataclass
class TransformContext:
    """Everything a transform may look at for one matched site."""

    adapter: LanguageAdapter
    parsed: ParsedFile
    bindings: FileBindings
    pack: RulePack
    rule: Rule
    match: Match
    site: Any
    render: Callable[[int, int], str]  # source text of a byte range with inner rewrites applied

    def cap(self, name: str) -> str:
        """Text of a capture, with any rewrites already planned inside it."""
        c = self.match.captures.get(name)
        if c is None:
            return ""
        return self.render(c.start, c.end)

    def node(self, name: str) -> Any:
        c = self.match.captures.get(name)
        return c.node if c is not None else None

    def nodes(self, name: str) -> tuple[Any, ...]:
        c = self.match.captures.get(name)
        return c.nodes if c is not None else ()

    def text(self, node: Any) -> str:
        return self.render(node.start_byte, node.end_byte)

    def option(self, key: str, default: Any = None) -> Any:
        return self.rule.options.get(key, default)

    @property
    def target(self) -> str:
        return self.pack.target.name


Transform = Callable[[TransformContext], TransformResult]
