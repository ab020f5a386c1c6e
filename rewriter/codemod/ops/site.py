"""What a reader or printer sees of one matched call site, and what it hands back.

``Site`` bundles the file, the match and the two SDK profiles; ``Read`` is a reader's answer (an
operation plus the spans of local builder statements it absorbed, e.g. a ``const id = new
Identify()`` a few lines up, which must go when the call is rewritten); ``Emitted`` a printer's
(the rewrites, and extra notes). Readers and printers never touch files; semantics never sees a
``Site``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rewriter.codemod.ops.ir import Op, Review

if TYPE_CHECKING:  # annotations only: profiles (pydantic) load when an operation rule first runs
    from rewriter.codemod.lang.base import FileBindings, LanguageAdapter, ParsedFile
    from rewriter.codemod.match.patterns import Match
    from rewriter.codemod.ops.profiles import SdkProfile
    from rewriter.codemod.packs.loader import Rule, RulePack


@dataclass(frozen=True)
class Rewrite:
    """Replace ``[start, end)`` of the original bytes with ``text``."""

    start: int
    end: int
    text: str


@dataclass
class Read:
    op: Op
    removals: list[Rewrite] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what only the reader can tell (a device id used as the user)


@dataclass
class Emitted:
    rewrites: list[Rewrite]
    notes: list[str] = field(default_factory=list)
    needs: set[str] = field(default_factory=set)  # names the printed text needs imported


@dataclass
class Site:
    """Everything a reader/printer may look at for one matched call."""

    adapter: LanguageAdapter
    parsed: ParsedFile
    bindings: FileBindings
    pack: RulePack
    rule: Rule
    match: Match
    site: Any
    render: Callable[[int, int], str]  # source text of a byte range with inner rewrites applied
    source: SdkProfile
    target: SdkProfile
    receiver: str | None = None  # a client imported from an app module keeps its name (codemod.clients)

    def cap(self, name: str) -> str:
        """Text of a capture, with any rewrites already planned inside it."""
        c = self.match.captures.get(name)
        return "" if c is None else self.render(c.start, c.end)

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
    def client(self) -> str:
        """The name the rewritten code calls the target client by: the target SDK's own name, or
        the app's name for a client it imports from its own module (that module's export becomes
        the target client when the client migrates)."""
        return self.receiver or self.pack.target.name


ReadResult = Read | Review
