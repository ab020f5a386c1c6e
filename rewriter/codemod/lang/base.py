"""The language-adapter interface: everything the engine needs from a language, nothing more.

A new language (Python via libcst, Kotlin, Swift...) arrives as one adapter module plus rule
packs; the engine, reports and CLI do not change. Adapters are stateless apart from caches and
are created once per process.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from rewriter.codemod.match.patterns import MatchContext, Pattern
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.ops.ir import Review, Translation, Value
from rewriter.codemod.ops.site import Emitted, ReadResult, Site
from rewriter.codemod.packs.loader import RulePack


@dataclass
class ParsedFile:
    """A parsed source file. ``tree`` is adapter-specific; ``source`` is the exact bytes read."""

    path: str
    source: bytes
    tree: Any
    language: str


@dataclass
class FileBindings:
    """Which syntax in one file denotes one rule pack's SDK.

    ``ctx.is_sdk`` answers "is this node the SDK?"; ``declarations`` are the import/require/instance
    statements that become dead once every use is rewritten; ``style`` is "esm", "cjs", "global" or
    the language's own and picks how the target import is written; ``globals`` are the snippet
    globals that bound; ``lang`` is the language's own binding data (each adapter reads it back
    through a typed accessor); ``sdk_calls`` caches the SDK call sites a candidate query found.
    """

    pack: RulePack
    ctx: MatchContext
    style: str = "global"
    declarations: list[Any] = field(default_factory=list)
    globals: set[str] = field(default_factory=set)
    lang: Any = None
    sdk_calls: list[Any] | None = None

    @property
    def bound(self) -> bool:
        return bool(self.declarations) or bool(self.globals)


def _module(name: str | None) -> Any:
    return importlib.import_module(name or "")


class LanguageAdapter(ABC):
    """Parse, match, bind, verify and fix imports for one language id."""

    id: str
    family: str
    extensions: tuple[str, ...]
    #: Operation rules (``op: <name>``) this language can read and print.
    operations: frozenset[str] = frozenset()

    #: The language's reader and printer modules (imported on first use, so a run that never
    #: meets an operation rule never loads them). A reader module has ``READERS`` (operation name
    #: → function of a ``Site``) and may have ``value_of(site, node)``; a printer has ``emit``.
    reader_module: str | None = None
    printer_module: str | None = None

    def read_op(self, name: str, site: Site) -> ReadResult:
        """Read the matched call at ``site`` into an operation (or say why not)."""
        readers = getattr(_module(self.reader_module), "READERS", {}) if self.reader_module else {}
        reader = readers.get(name)
        return reader(site) if reader is not None else Review(f"no {self.id} reader for {name}")

    def emit_ops(self, translation: Translation, site: Site) -> Emitted | Review:
        """Print translated operations as the text that replaces ``site``."""
        if self.printer_module is None:
            return Review(f"no {self.id} printer")
        return _module(self.printer_module).emit(translation, site)  # type: ignore[no-any-return]

    def read_value(self, site: Site, node: Any) -> Value:
        """A captured expression as a ``Value`` (its literal kind when the language can tell)."""
        value_of = getattr(_module(self.reader_module), "value_of", None) if self.reader_module else None
        if value_of is not None:
            return value_of(site, node)  # type: ignore[no-any-return]
        return Value(site.text(node), "other", node.start_byte, node.end_byte, node=node)

    def for_source(self, source: bytes) -> LanguageAdapter:
        """The adapter that reads this file's bytes: itself, except where the extension does not
        decide the grammar (a ``.vue`` page with ``<script lang="ts">`` is read as TypeScript)."""
        return self

    def report_language(self) -> str:
        """The language id results and reports name (an embedded script reports its page: ``vue``)."""
        return self.id

    def page_reviews(self, parsed: ParsedFile, pack: RulePack, rewritten: bool) -> list[tuple[int, int, str, str]]:
        """File-level review items ``(start, end, rule, message)`` beyond call sites: a page's SDK
        loader tags, a server template emitting the vendor snippet. ``rewritten`` says whether
        ``pack``'s calls in this file were rewritten. Asked for every applicable pack, bound or not."""
        return []

    def client_ref(self, parsed: ParsedFile, fb: FileBindings, node: Any) -> tuple[str, str | None]:
        """Which client (``codemod.clients`` key) the SDK call ``node`` talks to, and the name a
        rewrite must keep calling it by (None: the target SDK's own name).

        The default is one client per file and pack: what a language without project-wide
        resolution can promise (it is migrated whole or not at all within the file)."""
        return f"{fb.pack.sdk}:{parsed.path}#*", None

    def client_exports(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[str, Any, str, str | None, str | None]]:
        """``(export name, node, client key, text, problem)`` for every client this module
        exports: ``node`` is the exported expression, ``text`` what replaces it when the client
        migrates (``mixpanel`` for ``amplitude.getInstance()`` in ``export const amp =
        amplitude.getInstance()``; None: nothing to write), ``problem`` why the export cannot be
        migrated (it then blocks its client)."""
        return []

    def string_at(self, parsed: ParsedFile, start: int, end: int) -> Any | None:
        """The string or template literal holding ``[start, end)``, if any (SDK code hidden in a
        string is listed for review)."""
        return None

    def statement_of(self, node: Any) -> Any | None:
        """The statement whose whole expression is ``node`` (None inside a larger expression)."""
        return None

    @abstractmethod
    def parse(self, path: str, source: bytes) -> ParsedFile: ...

    @abstractmethod
    def syntax_error(self, parsed: ParsedFile) -> str | None:
        """``"line L, column C: ..."`` for the first syntax error, or None when the file parses."""

    def check_rewrite(self, parsed: ParsedFile, edits: list[Edit], new_source: bytes) -> str | None:
        """Syntax error of the rewritten source, or None. Adapters may reparse incrementally.

        For an input with parse errors (see ``error_spans``) the rule is "no new errors": the
        output may keep the input's error nodes, shifted by the edits, and nothing else."""
        return self.syntax_error(self.parse(parsed.path, new_source))

    def error_spans(self, parsed: ParsedFile) -> list[tuple[int, int]] | None:
        """Byte spans of the parse errors in ``parsed`` (empty when it parsed cleanly).

        None means the parser has no error recovery (libcst): a file with an error cannot be
        read at all, so it must parse. A recovering parser (tree-sitter) lists its error and
        missing nodes, and the engine keeps rewriting outside them."""
        return None

    def value_kinds(self, node: Any) -> frozenset[str]:
        """The node kinds a captured node counts as for ``where: {X: {kind: [...]}}``.

        Its own type; adapters add the kind of a value seen through syntax that does not change
        it (parentheses, type casts), so a rule need not list every spelling of ``null``."""
        return frozenset({node.type})

    def fallbacks(self) -> tuple[str, ...]:
        """Language ids whose grammar may read this language's files better when they do not
        parse (a Flow-annotated ``.js`` file reads cleanly with the TSX grammar). Tried in order;
        a fallback is used only when it leaves fewer bytes in error."""
        return ()

    @abstractmethod
    def compile_pattern(self, text: str) -> Pattern:
        """Compile a rule pattern; raise ``ValueError`` when it does not parse."""

    @abstractmethod
    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        """Resolve which names/expressions in this file denote ``pack``'s SDK."""

    @abstractmethod
    def candidates(
        self,
        parsed: ParsedFile,
        types: frozenset[str],
        keys: dict[str, frozenset[str] | None] | None = None,
        fb: FileBindings | None = None,
    ) -> list[Any]:
        """Nodes whose type is in ``types``, innermost first (post-order).

        ``keys`` says, per node type, which callee names some pattern requires (None: any), so an
        adapter may filter early (tree-sitter does it in C); ``fb`` lets it also collect the
        file's SDK call sites in the same pass. Both are hints: returning more nodes is correct."""

    def pattern_key(self, pattern: Pattern) -> str | None:
        """The callee name a call pattern requires (``logEvent`` in ``$SDK.logEvent(...)``), or None."""
        return None

    @abstractmethod
    def expand_site(self, node: Any, source: bytes) -> tuple[Any, str | None]:
        """Widen a matched call to the span a rewrite must replace (``await x(...).promise``)."""

    @abstractmethod
    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Any, str]]:
        """Every SDK call site, with a short description, so nothing goes unreported."""

    @abstractmethod
    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        """Remove declarations left unused by ``edits`` and add the target SDK's import."""
