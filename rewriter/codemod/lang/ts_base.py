"""The shared base of every tree-sitter language adapter: what does not depend on the language.

A language on tree-sitter (JavaScript/TypeScript/TSX and Kotlin today; Java, Swift, Dart next) supplies node-type
names and a few syntax hooks; this base supplies parsing, the syntax check, the incremental
re-parse that verifies a rewrite (no new parse errors: a grammar gap in the input never blocks a
file), pattern compilation from a snippet (``pattern_source`` says how
a snippet parses in the language), candidate search with one compiled query filtered by callee
name (C speed), statement and line helpers, and import lines as data (read, swap in place, add
after a wildcard, drop when the target is already imported).

The client model of languages whose clients are variables (``val amplitude = Amplitude(...)``)
sits on top of this in ``ts_clients``. This module never writes files and never decides what an
SDK call means.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tree_sitter import Node, QueryCursor

from rewriter.codemod.edits import LineIndex
from rewriter.codemod.lang.base import LanguageAdapter, ParsedFile
from rewriter.codemod.lang.treesitter import error_nodes, first_error, get_parser, get_query, has_node_type
from rewriter.codemod.match.patterns import Pattern, compile_tree
from rewriter.codemod.model import Edit


# -- text and line helpers (pure functions over the file's bytes) ----------------------------------
def node_text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


def line_start(src: bytes, pos: int) -> int:
    return src.rfind(b"\n", 0, pos) + 1


def line_end(src: bytes, pos: int) -> int:
    """Offset just past the newline ending the line that holds ``pos`` (or the end of the file)."""
    nl = src.find(b"\n", pos)
    return len(src) if nl < 0 else nl + 1


def indent_at(src: bytes, pos: int) -> str:
    """The indentation before ``pos`` when only whitespace precedes it on its line, else ""."""
    start = line_start(src, pos)
    return src[start:pos].decode() if not src[start:pos].strip() else ""


def eol_of(src: bytes) -> str:
    """The file's line ending: CRLF files stay CRLF."""
    return "\r\n" if b"\r\n" in src else "\n"


def remove_lines(src: bytes, start: int, end: int, rule: str) -> Edit:
    """Delete ``[start, end)``; when it sits alone on its lines, delete those whole lines."""
    ls, le = line_start(src, start), line_end(src, end)
    if not src[ls:start].strip() and not src[end:le].strip():
        return Edit(ls, le, "", rule)
    return Edit(start, end, "", rule)


def point(src: bytes, offset: int) -> tuple[int, int]:
    """(row, byte column) of ``offset``, as tree-sitter counts them."""
    return (src.count(b"\n", 0, offset), offset - (src.rfind(b"\n", 0, offset) + 1))


def point_after(removed: bytes, start: tuple[int, int]) -> tuple[int, int]:
    """End point of ``removed`` text that began at ``start`` (the document before an edit)."""
    nl = removed.count(b"\n")
    if nl:
        return (start[0] + nl, len(removed) - (removed.rfind(b"\n") + 1))
    return (start[0], start[1] + len(removed))


META_TOKEN = re.compile(rb"\$(\$\$)?(?=[A-Z_])")  # `$X` / `$$$X` in a pattern snippet


def descendants(node: Node | None, node_type: str) -> list[Node]:
    """Every node of ``node_type`` under ``node`` (itself included)."""
    out: list[Node] = []
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if n.type == node_type:
            out.append(n)
        stack.extend(n.children)
    return out


def inside(node: Node, node_type: str) -> bool:
    """Whether an ancestor of ``node`` is of ``node_type``."""
    cur = node.parent
    while cur is not None:
        if cur.type == node_type:
            return True
        cur = cur.parent
    return False


def walk(node: Node) -> Iterator[Node]:
    """Every node under ``node`` in document order (iterative: deep files do not recurse)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


# -- imports as data -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportLine:
    """One import statement: the path it names, the local alias, and whether it is a wildcard."""

    node: Node
    path: str
    alias: str | None = None
    wildcard: bool = False

    @property
    def local(self) -> str:
        """The name the file uses for the imported symbol."""
        return self.alias or self.path.rsplit(".", 1)[-1]

    def provides(self, qualified: str) -> bool:
        """True when this import brings ``qualified`` (``a.b.C``) into scope."""
        if self.wildcard:
            return qualified.rsplit(".", 1)[0] == self.path
        return self.path == qualified


class TreeSitterAdapter(LanguageAdapter):
    """Parse, verify, compile patterns, find candidates and bind clients for a tree-sitter grammar.

    Subclasses set the node-type vocabulary below and implement the syntax hooks
    (``pattern_source``, ``call_parts``, ``imports_of``, ``declarations_of``, ``callee_query``)."""

    #: tree-sitter grammar id for ``treesitter.get_parser``.
    grammar: str = ""
    #: Comment node types (never significant for matching).
    COMMENTS: frozenset[str] = frozenset()
    #: Punctuation and quotes the matcher skips, so ``'a'`` matches ``"a"``.
    TRIVIA: frozenset[str] = frozenset()
    #: The call node type patterns start with.
    CALL: str = "call_expression"
    #: Node types whose children are statements (a call directly inside one is a statement).
    STATEMENT_CONTAINERS: frozenset[str] = frozenset()
    #: Node types that wrap one expression into a statement (JavaScript's ``expression_statement``).
    STATEMENT_WRAPPERS: frozenset[str] = frozenset()
    #: The identifier node type.
    IDENTIFIER: str = "identifier"


    # -- parsing and verification --------------------------------------------------------------
    def parse(self, path: str, source: bytes) -> ParsedFile:
        return ParsedFile(path=path, source=source, tree=get_parser(self.grammar).parse(source), language=self.id)

    def syntax_error(self, parsed: ParsedFile) -> str | None:
        err = first_error(parsed.tree.root_node)
        if err is None:
            return None
        row, col = err.start_point
        what = f"missing {err.type}" if err.is_missing else "unexpected syntax"
        return f"line {row + 1}, column {col + 1}: {what}"

    def check_rewrite(self, parsed: ParsedFile, edits: list[Edit], new_source: bytes) -> str | None:
        """Re-parse the output incrementally: tree-sitter reuses every subtree outside the edits.

        A clean input must give a clean output. An input with parse errors (a grammar gap) must
        give exactly its own error nodes back, each shifted by the edits before it, with the same
        text: "no new errors" instead of "must parse"."""
        old = parsed.source
        tree = parsed.tree.copy()  # the parsed file stays valid for later readers
        before = [(n.start_byte, n.end_byte, n.type, n.is_missing) for n in error_nodes(tree.root_node)]
        # The order apply_edits used: an insert and a replacement at one offset, insert first.
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        lines = LineIndex(new_source)  # points by bisection: counting from 0 per edit was quadratic
        shift = 0
        for e in ordered:
            start = e.start + shift
            new_text = e.text.encode("utf-8")
            start_point = lines.point(start)
            tree.edit(
                start_byte=start,
                old_end_byte=e.end + shift,
                new_end_byte=start + len(new_text),
                start_point=start_point,
                old_end_point=point_after(old[e.start : e.end], start_point),
                new_end_point=lines.point(start + len(new_text)),
            )
            shift += len(new_text) - (e.end - e.start)
        new_tree = self.reparse(parsed, new_source, tree)
        if not before:
            return self.syntax_error(ParsedFile(parsed.path, new_source, new_tree, self.id))
        ends = [e.end for e in ordered]
        deltas = list(itertools.accumulate(len(e.text.encode("utf-8")) - (e.end - e.start) for e in ordered))

        def moved(offset: int) -> int:
            i = bisect_right(ends, offset)  # edits ending at or before `offset` moved it
            return offset + (deltas[i - 1] if i else 0)

        expected = {(moved(s), moved(e), t, m, old[s:e]) for s, e, t, m in before}
        for n in error_nodes(new_tree.root_node):
            key = (n.start_byte, n.end_byte, n.type, n.is_missing, new_source[n.start_byte : n.end_byte])
            if key not in expected:
                row, col = n.start_point
                what = f"missing {n.type}" if n.is_missing else "unexpected syntax"
                return f"line {row + 1}, column {col + 1}: {what} (a new parse error)"
        return None

    def reparse(self, parsed: ParsedFile, new_source: bytes, edited: Any) -> Any:
        """Parse the rewritten source, reusing ``edited`` (the old tree with the edits applied).
        Embedded scripts override this to parse only the new page's script regions."""
        return get_parser(self.grammar).parse(new_source, edited)

    def error_spans(self, parsed: ParsedFile) -> list[tuple[int, int]]:
        """Error and missing nodes of tree-sitter's recovering parse, as byte spans."""
        return [(n.start_byte, n.end_byte) for n in error_nodes(parsed.tree.root_node)]


    # -- patterns ------------------------------------------------------------------------------
    def significant(self, node: Node) -> list[Node]:
        """Children that carry meaning for matching: no comments, punctuation or quotes."""
        return [c for c in node.children if c.type not in self.COMMENTS and c.type not in self.TRIVIA]

    #: Context a pattern snippet is parsed in (a function body for Kotlin, Swift, Java…).
    PATTERN_PREFIX: bytes = b""
    PATTERN_SUFFIX: bytes = b""
    #: Whether ``$X`` is an identifier of the language (JavaScript, Java); if not, the snippet is
    #: parsed with ``_X`` in its place (same length) and read back with the metavariables.
    DOLLAR_IDENTIFIERS = True

    def pattern_source(self, text: str) -> tuple[bytes, bytes, int]:
        """How a pattern snippet is parsed: ``(source to parse, the same bytes with the
        metavariables intact, offset of the snippet)``. Both byte strings must have equal length,
        so nodes found in the first are read from the second."""
        raw = text.encode()
        parse_src = raw if self.DOLLAR_IDENTIFIERS else META_TOKEN.sub(lambda m: b"_" * len(m.group(0)), raw)
        pre, post = self.PATTERN_PREFIX, self.PATTERN_SUFFIX
        return pre + parse_src + post, pre + raw + post, len(pre)

    def pattern_root(self, node: Node, text: str) -> Node:
        """Language fix-ups of the node a snippet parsed to (JavaScript drops a statement wrapper)."""
        return node

    @lru_cache(maxsize=1024)  # noqa: B019 - adapters live for the whole process
    def compile_pattern(self, text: str) -> Pattern:
        parse_src, source, offset = self.pattern_source(text)
        tree = get_parser(self.grammar).parse(parse_src)
        err = first_error(tree.root_node)
        if err is not None:
            raise ValueError(f"syntax error at column {err.start_point[1] - offset + 1} in {text!r}")
        end = offset + len(text.rstrip().encode())
        node = _outermost_spanning(tree.root_node, offset, end)
        if node is None:
            raise ValueError(f"a pattern must be one expression or statement: {text!r}")
        node = self.pattern_root(node, text)
        return Pattern(source=text, root=compile_tree(node, source, self.significant))

    def pattern_key(self, pattern: Pattern) -> str | None:
        """The callee name a call pattern requires (``track`` in ``$SDK.track(...)``), or None."""
        root = pattern.root
        if root.type != self.CALL or not root.children:
            return None
        callee = root.children[0]
        while callee.children:
            callee = callee.children[-1]
        if callee.meta is None and callee.text is not None and callee.type == self.IDENTIFIER:
            return callee.text
        return None

    def callee_query(self, node_type: str, quoted_names: str) -> str | None:
        """A query capturing ``@n`` nodes of ``node_type`` whose callee name is one of
        ``quoted_names`` (already quoted, space separated), or None when the language has none."""
        return None

    def candidates(
        self, parsed: ParsedFile, types: frozenset[str], keys: dict[str, frozenset[str] | None] | None = None,
        fb: Any = None,
    ) -> list[Node]:
        """Nodes of ``types`` found by one compiled query, innermost first; call nodes are
        filtered on their callee name in C when every pattern of that type names one."""
        parts = []
        for t in sorted(types):
            if not has_node_type(self.grammar, t):
                continue
            names = (keys or {}).get(t)
            query = self.callee_query(t, " ".join(f'"{n}"' for n in sorted(names))) if names else None
            parts.append(query or f"({t}) @n")
        if not parts:
            return []
        caps = QueryCursor(get_query(self.grammar, "\n".join(parts))).captures(parsed.tree.root_node)
        uniq = {(n.start_byte, n.end_byte, n.type): n for n in caps.get("n", [])}
        return sorted(uniq.values(), key=lambda n: (n.end_byte, -n.start_byte))

    def nodes_named(self, parsed: ParsedFile, names: set[str]) -> list[Node]:
        """Every identifier node spelled as one of ``names``, in document order (one C query)."""
        if not names:
            return []
        quoted = " ".join(f'"{n}"' for n in sorted(names))
        query = get_query(self.grammar, f"(({self.IDENTIFIER}) @i (#any-of? @i {quoted}))")
        found = QueryCursor(query).captures(parsed.tree.root_node).get("i", [])
        return sorted(found, key=lambda n: n.start_byte)

    # -- statements ----------------------------------------------------------------------------
    def statement_of(self, node: Node) -> Node | None:
        """The statement whose whole expression is ``node`` (None inside a larger expression)."""
        parent = node.parent
        if parent is None:
            return None
        if parent.type in self.STATEMENT_WRAPPERS:
            return parent
        if parent.type in self.STATEMENT_CONTAINERS:
            return node
        return None

    # -- imports -------------------------------------------------------------------------------
    def imports_of(self, parsed: ParsedFile) -> list[ImportLine]:
        """Every import statement of the file (language hook)."""
        return []

    def import_line(self, qualified: str, alias: str | None = None) -> str:
        """Source text importing ``qualified`` (language hook)."""
        raise NotImplementedError

    def swap_import_edits(
        self, parsed: ParsedFile, source_import: ImportLine, target: str, rule: str
    ) -> list[Edit]:
        """Replace the import of the source SDK's class with the target's, in place.

        A wildcard import stays (other classes of that package may be used) and the target import
        is added on the line after it; when the file imports the target already, the source import
        is only removed."""
        src = parsed.source
        have = any(i.provides(target) for i in self.imports_of(parsed))
        node = source_import.node
        if source_import.wildcard:
            if have:
                return []
            at = line_end(src, node.end_byte)
            lead = "" if src[:at].endswith(b"\n") else eol_of(src)
            text = lead + indent_at(src, node.start_byte) + self.import_line(target) + eol_of(src)
            return [Edit(at, at, text, rule)]
        if have:
            return [remove_lines(src, node.start_byte, node.end_byte, rule)]
        return [Edit(node.start_byte, node.end_byte, self.import_line(target, source_import.alias), rule)]


def _outermost_spanning(root: Node, start: int, end: int) -> Node | None:
    """The outermost node covering exactly ``[start, end)``, descending from ``root``."""
    cur: Node | None = root
    while cur is not None:
        if cur.start_byte == start and cur.end_byte == end and cur.parent is not None:
            return cur
        nxt = None
        for c in cur.children:
            if c.start_byte <= start and end <= c.end_byte:
                nxt = c
                break
        cur = nxt
    return None


