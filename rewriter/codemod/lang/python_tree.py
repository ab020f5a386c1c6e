"""Byte-addressed view of a libcst tree, for the pattern matcher and the Python transforms.

The engine plans edits as byte ranges into the original file, and ``rewriter.codemod.match.patterns`` matches
nodes that expose ``type``/``start_byte``/``end_byte``/``is_named``/``children``/``parent``.
libcst nodes have none of these (no parent links, no offsets), so after parsing we build one
``PyNode`` per meaningful libcst node, with offsets from ``ByteSpanPositionProvider``. Trivia
(whitespace, comments, commas, dots, brackets, ``=`` of keyword arguments) is left out, so
``children`` is already the "significant" list the matcher wants; operators stay in as unnamed
leaves. A parenthesised expression's span includes its parentheses, so a captured ``(a + b)``
keeps its grouping when it is pasted elsewhere.

This module only reads: it never edits a tree or a file.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import libcst as cst
from libcst.metadata import ByteSpanPositionProvider, MetadataWrapper

from rewriter.codemod.match.arguments import BoundArgs, CallArg, bind_args

__all__ = ["ArgInfo", "BoundArgs", "bind_args"]

TRIVIA = frozenset(
    {
        "SimpleWhitespace", "ParenthesizedWhitespace", "TrailingWhitespace", "EmptyLine", "Newline", "Comment",
        "Comma", "Dot", "LeftParen", "RightParen", "LeftSquareBracket", "RightSquareBracket", "LeftCurlyBrace",
        "RightCurlyBrace", "AssignEqual", "Colon", "Semicolon", "ImportStar",
    }
)
STRINGS = frozenset({"SimpleString", "ConcatenatedString", "FormattedString"})


class PyNode:
    """One libcst node with byte offsets and a parent link (satisfies ``patterns.SyntaxNode``)."""

    __slots__ = ("cst", "type", "start_byte", "end_byte", "is_named", "children", "parent")

    def __init__(self, node: cst.CSTNode, start: int, end: int, parent: PyNode | None) -> None:
        self.cst = node
        self.type = type(node).__name__
        self.start_byte = start
        self.end_byte = end
        self.is_named = not isinstance(node, (cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp,
                                               cst.BaseUnaryOp, cst.BaseAugOp))
        self.children: list[PyNode] = []
        self.parent = parent

    def __repr__(self) -> str:
        return f"PyNode({self.type}, {self.start_byte}, {self.end_byte})"

    def walk(self) -> Iterator[PyNode]:
        """Pre-order, iterative (deep trees must not hit the recursion limit here)."""
        stack = [self]
        while stack:
            n = stack.pop()
            yield n
            stack.extend(reversed(n.children))

    def ancestors(self) -> Iterator[PyNode]:
        cur = self.parent
        while cur is not None:
            yield cur
            cur = cur.parent


@dataclass
class PyTree:
    """A parsed module: the libcst tree, its metadata wrapper and the ``PyNode`` mirror."""

    module: cst.Module
    wrapper: MetadataWrapper
    root: PyNode
    by_cst: dict[int, PyNode]
    _scopes: Any = None

    @property
    def scopes(self) -> Any:
        """``ScopeProvider`` results, computed on first use (it is the slowest part of libcst)."""
        if self._scopes is None:
            from libcst.metadata import ScopeProvider

            self._scopes = self.wrapper.resolve(ScopeProvider)
        return self._scopes

    def node(self, c: cst.CSTNode) -> PyNode | None:
        return self.by_cst.get(id(c))


def build_tree(module: cst.Module) -> PyTree:
    """Mirror ``module`` as ``PyNode``s with byte offsets (iteratively)."""
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    spans = wrapper.resolve(ByteSpanPositionProvider)
    by_cst: dict[int, PyNode] = {}

    def span(n: cst.CSTNode) -> tuple[int, int]:
        s = spans[n]
        start, end = s.start, s.start + s.length
        lpar = getattr(n, "lpar", None)
        rpar = getattr(n, "rpar", None)
        if isinstance(lpar, (list, tuple)) and isinstance(rpar, (list, tuple)) and lpar and rpar:
            a, b = spans[lpar[0]], spans[rpar[-1]]
            start, end = min(start, a.start), max(end, b.start + b.length)
        return start, end

    root = PyNode(module, *span(module), None)
    by_cst[id(module)] = root
    stack: list[PyNode] = [root]
    while stack:
        parent = stack.pop()
        for child in parent.cst.children:
            if type(child).__name__ in TRIVIA:
                continue
            node = PyNode(child, *span(child), parent)
            by_cst[id(child)] = node
            parent.children.append(node)
            stack.append(node)
    return PyTree(module, wrapper, root, by_cst)


def post_order(root: PyNode) -> list[PyNode]:
    out: list[PyNode] = []
    stack: list[tuple[PyNode, bool]] = [(root, False)]
    while stack:
        node, seen = stack.pop()
        if seen:
            out.append(node)
            continue
        stack.append((node, True))
        for child in reversed(node.children):
            stack.append((child, False))
    return out


# -- literals ----------------------------------------------------------------------------------
def string_value(node: PyNode | cst.CSTNode | None) -> str | None:
    """The value of a plain (non-f, non-bytes) string literal, else None."""
    c = node.cst if isinstance(node, PyNode) else node
    if isinstance(c, cst.SimpleString):
        try:
            v = ast.literal_eval(c.value)
        except (ValueError, SyntaxError):
            return None
        return v if isinstance(v, str) else None
    if isinstance(c, cst.ConcatenatedString):
        left, right = string_value(c.left), string_value(c.right)
        return None if left is None or right is None else left + right
    return None


def quote_of(node: PyNode | None, default: str = '"') -> str:
    """The quote character a string literal uses (for writing new strings in the same style)."""
    if node is not None and isinstance(node.cst, cst.SimpleString):
        body = node.cst.value.lstrip("rRbBuUfF")
        return body[0]
    return default


def is_none(node: PyNode | None) -> bool:
    return node is not None and isinstance(node.cst, cst.Name) and node.cst.value == "None"


# -- calls -------------------------------------------------------------------------------------
class ArgInfo(CallArg):
    """One argument of a Python call: ``kw`` (None when positional), ``star`` ("", "*", "**")."""

    node: PyNode  # the Arg
    value: PyNode


def call_args(call: PyNode) -> list[ArgInfo]:
    out = []
    for a in call.children[1:]:
        if a.type != "Arg":
            continue
        arg: cst.Arg = a.cst  # type: ignore[assignment]
        value = a.children[-1]
        out.append(ArgInfo(a, value, arg.keyword.value if arg.keyword is not None else None, str(arg.star)))
    return out


def callee_name(call: PyNode) -> str | None:
    """The last name of the called expression (``track`` for ``client.track(...)``)."""
    func = call.children[0] if call.children else None
    if func is None:
        return None
    if isinstance(func.cst, cst.Name):
        return func.cst.value
    if isinstance(func.cst, cst.Attribute):
        return func.cst.attr.value
    return None


def dotted(node: PyNode | cst.CSTNode | None) -> str | None:
    """``a.b.c`` for a chain of plain names, else None."""
    c = node.cst if isinstance(node, PyNode) else node
    parts: list[str] = []
    while isinstance(c, cst.Attribute):
        parts.append(c.attr.value)
        c = c.value
    if isinstance(c, cst.Name):
        parts.append(c.value)
        return ".".join(reversed(parts))
    return None


def root_name(node: PyNode) -> PyNode | None:
    cur = node
    while cur.type == "Attribute":
        cur = cur.children[0]
    return cur if cur.type == "Name" else None


# -- statements --------------------------------------------------------------------------------
def line_bounds(src: bytes, start: int, end: int) -> tuple[int, int]:
    ls = src.rfind(b"\n", 0, start) + 1
    nl = src.find(b"\n", end)
    return ls, (len(src) if nl < 0 else nl + 1)


def indent_at(src: bytes, pos: int) -> str:
    ls = src.rfind(b"\n", 0, pos) + 1
    head = src[ls:pos]
    return head.decode() if not head.strip() else re.match(rb"[ \t]*", head).group(0).decode()  # type: ignore[union-attr]


def eol(src: bytes) -> str:
    return "\r\n" if b"\r\n" in src else "\n"


def removal(src: bytes, line: PyNode) -> tuple[int, int, str]:
    """Delete a simple-statement line: its whole physical lines, or ``pass`` when it is alone in a block."""
    block = line.parent
    alone = block is not None and block.type == "IndentedBlock" and len(block.children) == 1
    ls, le = line_bounds(src, line.start_byte, line.end_byte)
    tail = src[line.end_byte : le].strip()
    whole = not src[ls : line.start_byte].strip() and (not tail or tail.startswith(b"#"))
    if alone:
        return line.start_byte, line.end_byte, "pass"
    if whole:
        return ls, le, ""
    return line.start_byte, line.end_byte, "pass"
