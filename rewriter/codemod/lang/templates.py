"""Template expressions of pages: JavaScript that lives in markup, outside every ``<script>`` block.

A component calls the SDK from its template as often as from its script: Vue attributes
(``@click="amplitude.track('x')"``, ``v-on:click=…``, ``:prop=…``, ``v-if=…``, ``{{ … }}``), Svelte
markup (``on:click={() => amplitude.track('x')}``, ``{#if …}``, ``{…}``) and inline DOM handlers in
any page (``onclick="mixpanel.track('x')"``). These are not script regions, so the engine's rules
do not reach them. The page adapter (``embedded.py``) lists each SDK call found in one with where it
sits (never silent) and rewrites in place only the safe kind: a call on the snippet *global* from
markup that sees globals (inline ``on*`` handlers, Svelte markup) that a one-line ``fix`` rule maps,
whose text ``fits`` its container, and only when the page's loader moves too. A call through an
import stays listed, and a name the template still uses keeps its import
(``embedded.protect_template_names``): removing ``import * as amplitude`` from a ``<script setup>``
whose template still calls ``amplitude.track`` would break the component at run time.

Expressions are found with small scanners over the markup (script, style and comments cut out) and
each is parsed alone by the JS grammar through ``included_ranges``, so offsets stay file-global.
This module never edits anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node, Parser, Range

from rewriter.codemod.lang.treesitter import get_language

_CUT = re.compile(rb"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_VUE_ATTR = re.compile(
    rb"""(?<=[\s"'])(?P<name>@[\w.:\[\]-]+|v-on:[\w.:\[\]-]+|:[\w.:-]+|v-bind:[\w.:-]+|"""
    rb"""v-(?:if|else-if|show|model|html|text|for|memo))\s*=\s*(?P<q>["'])(?P<val>.*?)(?P=q)""",
    re.DOTALL,
)
_MUSTACHE = re.compile(rb"\{\{(?P<val>.*?)\}\}", re.DOTALL)
_DOM_HANDLER = re.compile(rb"""(?<=\s)(?P<name>on[a-z]+)\s*=\s*(?P<q>["'])(?P<val>.*?)(?P=q)""", re.DOTALL | re.IGNORECASE)
_FOR = re.compile(rb"\s*.*?\s+(?:in|of)\s+", re.DOTALL)
_SVELTE_BLOCK = re.compile(rb"\s*(?P<kw>#if|:else\s+if|#each|#await|#key|@html|@const|@render|@debug)\b\s*", re.DOTALL)


@dataclass(frozen=True)
class TemplateExpr:
    """One JavaScript expression in markup: ``[start, end)`` in file bytes, and where it sits."""

    start: int
    end: int
    where: str  # "Vue template attribute @click", "Svelte {#if} block", "inline onclick handler"…
    #: What a replacement may not contain, or it would end the expression early: the attribute's
    #: quote, ``}}`` for a Vue interpolation, "{}" (braces must balance) for Svelte markup.
    closer: str = ""

    @property
    def dom_handler(self) -> bool:
        """An inline ``on*`` attribute: it runs in the page's global scope (no module imports)."""
        return self.where.startswith("inline ")

    def fits(self, text: str) -> bool:
        """Whether ``text`` can replace code inside this expression without ending it."""
        if self.closer == "{}":
            return text.count("{") == text.count("}")
        return not self.closer or self.closer not in text


def _markup_spans(source: bytes) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _CUT.finditer(source):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(source)))
    return [(a, b) for a, b in out if b > a]


def _trim(source: bytes, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start] in b" \t\r\n":
        start += 1
    while end > start and source[end - 1] in b" \t\r\n":
        end -= 1
    return start, end


def _braces(source: bytes, lo: int, hi: int) -> list[tuple[int, int]]:
    """Top-level ``{…}`` spans in ``source[lo:hi]`` (the braces excluded), strings skipped."""
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        if source[i] != ord("{"):
            i += 1
            continue
        depth, j, quote = 0, i, 0
        while j < hi:
            c = source[j]
            if quote:
                if c == ord("\\"):
                    j += 2
                    continue
                if c == quote:
                    quote = 0
            elif c in b"'\"`":
                quote = c
            elif c == ord("{"):
                depth += 1
            elif c == ord("}"):
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= hi:
            break  # unbalanced: not an expression we can read
        out.append((i + 1, j))
        i = j + 1
    return out


def template_expressions(source: bytes, host: str) -> list[TemplateExpr]:
    """Every JavaScript expression in the page's markup, in file order."""
    found: list[TemplateExpr] = []
    for lo, hi in _markup_spans(source):
        chunk = source[lo:hi]
        for m in _DOM_HANDLER.finditer(chunk):
            a, b = _trim(source, lo + m.start("val"), lo + m.end("val"))
            found.append(TemplateExpr(a, b, f"inline {m.group('name').decode().lower()} handler", m.group("q").decode()))
        if host == "vue":
            for m in _VUE_ATTR.finditer(chunk):
                name = m.group("name").decode()
                a, b = lo + m.start("val"), lo + m.end("val")
                if name == "v-for":
                    f = _FOR.match(source, a, b)
                    a = f.end() if f else a
                a, b = _trim(source, a, b)
                found.append(TemplateExpr(a, b, f"Vue template attribute {name}", m.group("q").decode()))
            for m in _MUSTACHE.finditer(chunk):
                a, b = _trim(source, lo + m.start("val"), lo + m.end("val"))
                found.append(TemplateExpr(a, b, "Vue template interpolation {{ }}", "}}"))
        elif host == "svelte":
            for a, b in _braces(source, lo, hi):
                kw = _SVELTE_BLOCK.match(source, a, b)
                text = source[a:b].lstrip()
                if text[:1] in (b"/", b":") and kw is None or text.startswith(b"..."):
                    continue  # {/if}, {:else}, {...spread}
                where = "Svelte markup expression { }"
                if kw is not None:
                    word = re.sub(rb"\s+", b" ", kw.group("kw")).decode()
                    where = f"Svelte {{{word}}} block"
                    a = kw.end()
                    if word == "#each":
                        as_ = source.find(b" as ", a, b)
                        b = as_ if as_ >= 0 else b
                    elif word == "#await":
                        then = source.find(b" then", a, b)
                        b = then if then >= 0 else b
                a, b = _trim(source, a, b)
                if b > a:
                    found.append(TemplateExpr(a, b, where, "{}"))
    return sorted((e for e in found if e.end > e.start), key=lambda e: e.start)


def parse_expression(grammar: str, source: bytes, expr: TemplateExpr) -> Node:
    """The expression parsed alone by ``grammar``; nodes carry file-global offsets."""
    row = source.count(b"\n", 0, expr.start)
    col = expr.start - (source.rfind(b"\n", 0, expr.start) + 1)
    erow = source.count(b"\n", 0, expr.end)
    ecol = expr.end - (source.rfind(b"\n", 0, expr.end) + 1)
    parser = Parser(get_language(grammar), included_ranges=[Range((row, col), (erow, ecol), expr.start, expr.end)])
    return parser.parse(source).root_node


def root_name(callee: Node) -> str | None:
    """``amplitude`` for ``amplitude.track``, ``window.amplitude.getInstance().logEvent``, ``this.$mixpanel.track``."""
    node: Node | None = callee
    while node is not None:
        if node.type == "identifier":
            return node.text.decode() if node.text else None
        if node.type == "member_expression":
            obj = node.child_by_field_name("object")
            if obj is not None and obj.type in ("this", "identifier") and obj.text in (b"window", b"this", b"globalThis"):
                prop = node.child_by_field_name("property")
                return prop.text.decode() if prop is not None and prop.text else None
            node = obj
        elif node.type == "call_expression":
            node = node.child_by_field_name("function")
        elif node.type in ("parenthesized_expression", "non_null_expression"):
            node = node.named_children[0] if node.named_children else None
        else:
            return None
    return None


def sdk_calls(grammar: str, source: bytes, exprs: list[TemplateExpr], names: set[str]) -> list[tuple[Node, TemplateExpr]]:
    """The outermost calls on an SDK name (``names``, or ``$name`` as Vue plugins spell it) in
    the expressions: one item per call chain (``amplitude.getInstance().logEvent(…)`` once)."""
    wanted = names | {f"${n}" for n in names}
    out: list[tuple[Node, TemplateExpr]] = []
    for expr in exprs:
        if not any(n.encode() in source[expr.start : expr.end] for n in names):
            continue
        stack = [parse_expression(grammar, source, expr)]
        while stack:
            node = stack.pop()
            if node.type == "call_expression" and root_name(node.child_by_field_name("function") or node) in wanted:
                out.append((node, expr))
                continue
            stack.extend(reversed(node.children))
    return out


def uses(grammar: str, source: bytes, exprs: list[TemplateExpr], names: set[str]) -> set[str]:
    """Which of ``names`` the expressions reference as identifiers."""
    found: set[str] = set()
    for expr in exprs:
        if not any(n.encode() in source[expr.start : expr.end] for n in names):
            continue
        stack = [parse_expression(grammar, source, expr)]
        while stack:
            node = stack.pop()
            if node.type == "identifier" and node.text and node.text.decode() in names:
                found.add(node.text.decode())
            stack.extend(node.children)
    return found
