"""The one place that imports tree-sitter grammar packages.

py-tree-sitter breaks its API at nearly every minor release, so every other module goes through
``get_language``/``get_parser`` here. A missing or broken grammar wheel raises
``LanguageUnavailable``, which the engine turns into a per-file "skipped" entry instead of a crash.
This module must never import a grammar eagerly: start-up cost matters in worker processes.
"""

from __future__ import annotations

import importlib
from functools import cache

from tree_sitter import Language, Node, Parser, Query, QueryCursor

_GRAMMARS: dict[str, tuple[str, str]] = {
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "kotlin": ("tree_sitter_kotlin", "language"),
    "java": ("tree_sitter_java", "language"),
    "swift": ("tree_sitter_swift", "language"),
    "objc": ("tree_sitter_objc", "language"),
    "html": ("tree_sitter_html", "language"),  # locates <script> regions (lang/regions.py)
}


class LanguageUnavailable(RuntimeError):
    """The grammar for a language id could not be loaded (wheel missing or incompatible)."""


@cache
def get_language(lang_id: str) -> Language:
    """Return the cached tree-sitter ``Language`` for ``lang_id``."""
    try:
        module_name, func = _GRAMMARS[lang_id]
    except KeyError as exc:
        raise LanguageUnavailable(f"no tree-sitter grammar registered for {lang_id!r}") from exc
    try:
        module = importlib.import_module(module_name)
        return Language(getattr(module, func)())
    except Exception as exc:  # an ImportError or an ABI mismatch both mean "unavailable"
        raise LanguageUnavailable(f"grammar for {lang_id} could not be loaded: {exc}") from exc


@cache
def get_parser(lang_id: str) -> Parser:
    """Return a cached parser; parsers are per process and never shared across processes."""
    return Parser(get_language(lang_id))


def first_error(node: Node) -> Node | None:
    """Return the first ERROR or MISSING node under ``node`` in document order, if any."""
    if not node.has_error:
        return None
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.is_error or cur.is_missing:
            return cur
        if cur.has_error:
            stack.extend(reversed(cur.children))
    return node


def error_nodes(node: Node) -> list[Node]:
    """Every outermost ERROR node and every MISSING node under ``node``, in document order.

    An ERROR node's own descendants are not listed: the region is unreadable as a whole."""
    out: list[Node] = []
    if not node.has_error:
        return out
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.is_error or cur.is_missing:
            out.append(cur)
        elif cur.has_error:
            stack.extend(reversed(cur.children))
    return out


@cache
def get_query(lang_id: str, source: str) -> Query:
    """A compiled query, cached per process (compiling costs more than running)."""
    return Query(get_language(lang_id), source)


def has_node_type(lang_id: str, name: str) -> bool:
    """True when the grammar defines a named node type ``name`` (queries reject unknown ones)."""
    try:
        return get_language(lang_id).id_for_node_kind(name, True) is not None
    except Exception:
        return False


def capture_nodes(query: Query, node: Node, name: str) -> list[Node]:
    """Nodes captured as ``@name`` anywhere under ``node``."""
    return QueryCursor(query).captures(node).get(name, [])
