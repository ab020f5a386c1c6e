"""Regions: where the code of a page sits (``.vue``, ``.svelte``, ``.html`` and server templates).

A page is markup with ``<script>`` blocks in it. This module finds them with the tree-sitter HTML
grammar (comments, attributes and ``</script>`` handled the way a browser does) and describes each
as plain data: the byte span of its content, the grammar it is written in (``lang="ts"`` →
TypeScript), and what it is for. Script bodies are then parsed by the JS/TS grammar through
tree-sitter ``included_ranges`` (``parse_regions``), so every node keeps its file-global byte
offset and line: rewrites, reports and verification need no offset translation.

Also found here, because they are part of the SDK client (issue 10): script tags that *load* a
vendor SDK (``<script src="https://cdn.amplitude.com/...">``) and inline snippets that inject one
(a script block naming the vendor CDN). And whether the page is a server template (Jinja/Django
``{% %}``, ERB ``<% %>``, template syntax inside a script block): such a page is listed for review,
never rewritten.

Blocks that are not JavaScript (``type="application/json"``, ``importmap``, ``text/template``,
``ld+json``) are never regions. This module never edits anything and never decides what an SDK
call means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tree_sitter import Node, Parser, Range, Tree

from rewriter.codemod.lang.treesitter import get_language

#: ``type`` attribute values that mean "this block is JavaScript" (no ``type`` also does).
JS_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "text/ecmascript", "application/ecmascript",
     "application/x-javascript", "text/jsx", "text/babel"}
)
#: ``lang`` attribute values (Vue, Svelte) → grammar id.
LANGS = {"": "javascript", "js": "javascript", "javascript": "javascript", "ts": "typescript",
         "typescript": "typescript", "jsx": "javascript", "tsx": "tsx"}
#: A vendor SDK URL: CDN hosts and the packages on npm CDNs.
_VENDOR_URL = re.compile(
    rb"""(?:https?:)?//[^\s"'`<>]*?(?P<host>cdn\.amplitude\.com|d24n15hnbwhuhn\.cloudfront\.net/libs/amplitude|"""
    rb"""cdn\d*\.mxpnl\.com|mixpanel\.com/libs|"""
    rb"""/npm/@amplitude/|/@amplitude/analytics|/amplitude-js@|/npm/amplitude-js|/mixpanel-browser)[^\s"'`<>]*"""
)
#: Server-template syntax anywhere in a page (Jinja, Django, Twig, Liquid, Nunjucks).
_SERVER_TAGS = re.compile(rb"\{%-?\s*[a-z]")
#: Template syntax that cannot be JavaScript inside a script block.
_SCRIPT_TEMPLATE = re.compile(rb"\{\{|\{%|<%|\[#|\{#[a-z]")
_IMPORT_BEFORE = re.compile(rb"""(\bfrom|\bimport)\s*\(?\s*['"]$""")
_SCRIPT_OPEN = re.compile(rb"<script[\s>/]", re.IGNORECASE)
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class ScriptRegion:
    """One ``<script>`` block's content: ``[start, end)`` in file bytes, and its grammar."""

    start: int
    end: int
    lang: str
    element: tuple[int, int]  # the whole <script ...>...</script> element
    setup: bool = False  # Vue <script setup>
    module: bool = False  # Svelte <script context="module"> / <script module>


@dataclass(frozen=True)
class Loader:
    """A place that loads a vendor SDK: a ``<script src>`` tag or a CDN URL inside an inline snippet."""

    start: int
    end: int
    vendor: str  # "amplitude" | "mixpanel"
    url: str
    inline: bool  # True: a URL inside a script block (the vendor's snippet); False: <script src>
    imported: bool = False  # the URL is an ES module specifier (`import ... from 'https://esm.sh/...'`)
    element: tuple[int, int] | None = None  # a <script src> tag: the whole element, end tag included


@dataclass
class Page:
    """What a page holds: its script regions, SDK loaders, and why parts of it were not read."""

    regions: tuple[ScriptRegion, ...]
    loaders: tuple[Loader, ...] = ()
    template: str | None = None  # server-template syntax found (a reason), or None
    unread: tuple[str, ...] = field(default=())  # problems locating script blocks
    #: Template expressions (``templates.template_expressions``), found on first use: most pages
    #: a run reads never need them.
    expressions: list[Any] | None = field(default=None, compare=False)

    @property
    def language(self) -> str:
        """The one grammar every region is parsed with: TypeScript when any block says so."""
        langs = {r.lang for r in self.regions}
        if "tsx" in langs:
            return "tsx"
        return "typescript" if "typescript" in langs else "javascript"


def vendor_of(url: bytes | str) -> str | None:
    """``amplitude``/``mixpanel`` for an SDK URL, else None."""
    text = url.encode() if isinstance(url, str) else url
    m = _VENDOR_URL.search(text)
    if m is None:
        return None
    return "mixpanel" if b"mxpnl" in m.group(0) or b"mixpanel" in m.group(0) else "amplitude"


@cache
def _html_parser() -> Parser:
    return Parser(get_language("html"))


def _attrs(start_tag: Node, src: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in start_tag.children:
        if a.type != "attribute":
            continue
        name = value = ""
        for c in a.children:
            if c.type == "attribute_name":
                name = src[c.start_byte : c.end_byte].decode("utf-8", "replace").lower()
            elif c.type == "attribute_value":
                value = src[c.start_byte : c.end_byte].decode("utf-8", "replace")
            elif c.type == "quoted_attribute_value":
                value = src[c.start_byte + 1 : c.end_byte - 1].decode("utf-8", "replace")
        if name:
            out[name] = value.strip()
    return out


def scan(source: bytes, server_template: str | None = None) -> Page:
    """Find the script regions and SDK loaders of a page.

    ``server_template`` names the template language when the file's extension says it is one
    (``Jinja``); an ``.html`` page becomes one when it holds ``{% ... %}`` tags or template syntax
    inside a script block (Django, Jinja, ERB-in-HTML)."""
    tree = _html_parser().parse(source)
    regions: list[ScriptRegion] = []
    loaders: list[Loader] = []
    found = 0
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type != "script_element":
            stack.extend(reversed(node.children))
            continue
        found += 1
        tag = next((c for c in node.children if c.type == "start_tag"), None)
        raw = next((c for c in node.children if c.type == "raw_text"), None)
        attrs = _attrs(tag, source) if tag is not None else {}
        src_url = attrs.get("src")
        if src_url is not None:
            vendor = vendor_of(src_url)
            if vendor is not None and tag is not None:
                loaders.append(Loader(tag.start_byte, tag.end_byte, vendor, src_url, False,
                                      element=(node.start_byte, node.end_byte)))
            continue  # a browser ignores the body of a script with src
        kind = attrs.get("type", "").lower()
        lang = LANGS.get(attrs.get("lang", "").lower())
        if kind not in JS_TYPES or lang is None or raw is None:
            continue
        regions.append(
            ScriptRegion(raw.start_byte, raw.end_byte, lang, (node.start_byte, node.end_byte), "setup" in attrs,
                         attrs.get("context") == "module" or "module" in attrs)
        )
        seen: set[str] = set()  # a snippet spells its URL several times: one item per vendor
        for m in _VENDOR_URL.finditer(source, raw.start_byte, raw.end_byte):
            vendor = vendor_of(m.group(0))
            if vendor is not None and vendor not in seen:
                seen.add(vendor)
                before = source[source.rfind(b"\n", raw.start_byte, m.start()) + 1 : m.start()]
                imported = _IMPORT_BEFORE.search(before) is not None
                loaders.append(Loader(m.start(), m.end(), vendor, m.group(0).decode("utf-8", "replace"), True, imported))
    unread: list[str] = []
    expected = len(_SCRIPT_OPEN.findall(_COMMENT.sub(b"", source)))
    if found < expected:
        unread.append(f"{expected - found} of {expected} <script> blocks could not be located (markup the HTML grammar misreads)")
    template = server_template
    if template is None:
        if _SERVER_TAGS.search(source):
            template = "a server template ({% %} tags)"
        elif any(_SCRIPT_TEMPLATE.search(source, r.start, r.end) for r in regions):
            template = "a server template (template syntax inside a <script> block)"
    return Page(tuple(regions), tuple(loaders), template, tuple(unread))


def _point(src: bytes, offset: int) -> tuple[int, int]:
    return (src.count(b"\n", 0, offset), offset - (src.rfind(b"\n", 0, offset) + 1))


def ranges(source: bytes, regions: tuple[ScriptRegion, ...]) -> list[Range]:
    """tree-sitter ranges of the regions (an empty page gets one empty range, never "everything")."""
    out = [Range(_point(source, r.start), _point(source, r.end), r.start, r.end) for r in regions if r.end > r.start]
    return out or [Range((0, 0), (0, 0), 0, 0)]


def parse_regions(grammar: str, source: bytes, regions: tuple[ScriptRegion, ...]) -> Tree:
    """Parse only the regions' bytes with ``grammar``; nodes keep file-global offsets and lines.

    A fresh parser per call: the process-wide cached parser must never carry included ranges."""
    return Parser(get_language(grammar), included_ranges=ranges(source, regions)).parse(source)


def gaps(source: bytes, regions: tuple[ScriptRegion, ...]) -> list[bytes]:
    """The bytes outside every region, in order (markup, styles, templates): a rewrite keeps them."""
    out, pos = [], 0
    for r in sorted(regions, key=lambda r: r.start):
        out.append(source[pos : r.start])
        pos = r.end
    out.append(source[pos:])
    return out


def region_at(regions: tuple[ScriptRegion, ...], start: int, end: int) -> ScriptRegion | None:
    """The region holding ``[start, end)`` (an insertion may sit at either boundary), or None."""
    for r in regions:
        if r.start <= start and end <= r.end:
            return r
    return None
