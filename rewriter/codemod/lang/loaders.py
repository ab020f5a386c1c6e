"""Page loaders: whether a page's SDK loader is replaced by the target vendor's, and with what.

A web page reaches a snippet SDK through a *loader*: a ``<script src="https://cdn.amplitude.com/…">``
tag or the vendor's inline snippet that creates the global (``window.amplitude``/``window.mixpanel``)
and injects the library. The loader is part of the client (design.md "Codemod v2"): rewriting
``amplitude.track`` to ``mixpanel.track`` while the page still loads Amplitude leaves calls on a
global nothing defines, so the loader moves together with the calls or not at all.

Two questions, kept apart so each can be asked on its own:

* ``loader_migrates`` — *should* this page's loader move? A small pure function over facts: were
  this page's calls of the vendor rewritten, is anything of the vendor left for review on the
  page, and (when the caller knows it) does the global client migrate project-wide
  (``client_migrates=True/False``); without it the page decides alone. In a project run the
  engine (``engine._page_reviews``) asks with ``True`` (the global's other uses are the project's
  business), records the loader as a use of the global's clients (kind "loader": moved, or
  blocking with its own reason) and keeps it, listed, while the project has the client blocked.
* ``plan_loaders`` — *how*: each source-vendor loader of the page becomes the target SDK's official
  loader from ``sdks/_loaders.yaml`` (verbatim vendor text, never built here), or a review item
  with the reason. Only loaders recognised as the vendor's own SDK loader are replaced: a plugin
  script (session replay, autocapture) or a hand-written loader function is listed and keeps the
  others as they are (a page is migrated whole or not at all).

This module edits nothing itself; it returns spans and texts the engine plans like any rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import yaml
from tree_sitter import Node, Tree

from rewriter.codemod.lang.regions import Loader, Page, scan

_VENDORS = {"amplitude": "Amplitude", "mixpanel": "Mixpanel"}


@dataclass(frozen=True)
class LoaderSpec:
    """One SDK's official browser loader, as ``sdks/_loaders.yaml`` gives it."""

    sdk: str
    vendor: str
    global_name: str
    source: str
    element: str  # HTML replacing a <script src> tag; "{snippet}" is the statement
    snippet: str  # one JavaScript statement


@dataclass(frozen=True)
class Recognise:
    """How a vendor's loaders are told apart from its plugins and from hand-written loaders."""

    core_urls: tuple[re.Pattern[str], ...]
    snippet_markers: tuple[re.Pattern[bytes], ...]
    credential_in_url: re.Pattern[str] | None
    global_name: str


@dataclass(frozen=True)
class Decision:
    """Whether the loader moves; ``reason`` says why not (it becomes the review message)."""

    migrate: bool
    reason: str = ""


@dataclass(frozen=True)
class LoaderPlan:
    """One loader's fate: ``text`` replaces ``[start, end)``, or None (listed with ``message``)."""

    start: int
    end: int
    message: str  # the note riding with the rewrite, or the review reason
    text: str | None = None
    blocker: str = ""  # why it stays, in a few words (for the page's other sites)


@cache
def loader_data() -> tuple[dict[str, LoaderSpec], dict[str, Recognise]]:
    """``sdks/_loaders.yaml``, read once per process: loaders by SDK id, recognisers by vendor."""
    from rewriter.codemod.ops.profiles import builtin_sdks_dir

    path = builtin_sdks_dir() / "_loaders.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    specs = {
        sdk: LoaderSpec(sdk, str(d["vendor"]), str(d["global"]), str(d["source"]), str(d["element"]), str(d["snippet"]))
        for sdk, d in (data.get("loaders") or {}).items()
    }
    recog = {
        vendor: Recognise(
            tuple(re.compile(p) for p in d.get("core_urls", ())),
            tuple(re.compile(p.encode()) for p in d.get("snippet_markers", ())),
            re.compile(d["credential_in_url"]) if d.get("credential_in_url") else None,
            str(d.get("global", vendor)),
        )
        for vendor, d in (data.get("recognise") or {}).items()
    }
    return specs, recog


def loader_migrates(vendor: str, rewritten: bool, blockers: Sequence[str] = (), client_migrates: bool | None = None) -> Decision:
    """Whether a page's ``vendor`` loader is replaced by the other vendor's.

    ``rewritten``: some of this page's ``vendor`` calls were rewritten. ``blockers``: what of the
    vendor stays on the page for review (a call no rule maps, a plugin script, a snippet in a
    string); any one keeps the loader, since the code still needs the global it defines.
    ``client_migrates``: the project-wide answer for the global client when the caller has one
    (True: every use in the project is rewritten; False: some use elsewhere is not); None means
    "unknown", and then the page decides alone: the loader moves only when the page's own calls
    were rewritten, because a page with no calls may load the SDK for scripts elsewhere."""
    name = _VENDORS[vendor]
    if blockers:
        return Decision(False, f"{name} code on this page stays for review ({blockers[0]}{' …' if len(blockers) > 1 else ''})")
    if client_migrates is False:
        return Decision(False, f"the {name} client it defines is not migrated as a whole elsewhere in the project")
    if client_migrates or rewritten:
        return Decision(True)
    return Decision(False, f"no {name} call on this page was rewritten; scripts elsewhere may use its global")


def statement_at(tree: Tree, start: int, end: int, markers: Sequence[re.Pattern[bytes]] = (),
                 global_name: str = "") -> Node | None:
    """The snippet statement holding ``[start, end)``: the outermost expression statement around it
    that is an IIFE (``(function(…){…})(…)``, ``!function(){…}()``), holds every marker, and makes
    no call through the global itself (``amplitude.init(…)`` next to the snippet is a call site of
    its own, never swallowed by the replacement). None: not the vendor's snippet."""
    node = tree.root_node.descendant_for_byte_range(start, end)
    found: list[Node] = []
    while node is not None:
        if node.type == "expression_statement":
            found.append(node)
        node = node.parent
    call = re.compile(rb"(?<![\w$.])(?:window\.)?" + re.escape(global_name.encode()) + rb"\s*\.\s*[\w$]+\s*\(") if global_name else None
    for stmt in reversed(found):
        body = stmt.text or b""
        if not _iife(stmt) or not all(m.search(body) for m in markers):
            continue
        if call is not None and call.search(body):
            continue
        return stmt
    return None


def _iife(stmt: Node) -> bool:
    """Whether an expression statement is an immediately invoked function expression."""
    expr = stmt.named_children[0] if stmt.named_children else None
    while expr is not None and expr.type in ("unary_expression", "parenthesized_expression"):
        expr = expr.named_children[-1] if expr.named_children else None
    if expr is None or expr.type != "call_expression":
        return False
    fn = expr.child_by_field_name("function")
    while fn is not None and fn.type == "parenthesized_expression":
        fn = fn.named_children[0] if fn.named_children else None
    return fn is not None and fn.type in ("function_expression", "function", "arrow_function")


def _line(source: bytes, offset: int) -> int:
    return source.count(b"\n", 0, offset) + 1


def _indent(source: bytes, offset: int) -> tuple[str, bytes]:
    """The whitespace before ``offset`` on its line, when only whitespace precedes it, and the EOL."""
    line_start = source.rfind(b"\n", 0, offset) + 1
    lead = source[line_start:offset]
    eol = "\r\n" if b"\r\n" in source else "\n"
    return eol, (lead if not lead.strip() else b"")


def _layout(text: str, source: bytes, offset: int) -> str:
    eol, lead = _indent(source, offset)
    return (eol + lead.decode()).join(text.split("\n"))


def plan_loaders(
    source: bytes,
    tree: Tree,
    page: Page,
    vendor: str,
    target_sdk: str,
    rewritten: bool,
    blockers: Sequence[str] = (),
    client_migrates: bool | None = None,
) -> list[LoaderPlan]:
    """The fate of every ``vendor`` loader of a page read by the JS/TS grammar (``tree``).

    Every loader comes back, replaced or listed: never silent. Loaders of the page that cannot be
    replaced (a plugin script, a hand-written loader, an ES-module CDN import, several SDK
    loaders, no official loader for ``target_sdk``) block the others too."""
    specs, recog = loader_data()
    rec = recog.get(vendor)
    spec = specs.get(target_sdk)
    name, target = _VENDORS[vendor], _VENDORS["mixpanel" if vendor == "amplitude" else "amplitude"]
    mine = [ld for ld in page.loaders if ld.vendor == vendor]
    stays: list[LoaderPlan] = []
    kinds: list[str] = []  # per stay, the short reason it blocks the page's other loaders
    movable: list[tuple[Loader, int, int, str]] = []  # loader, span to replace, replacement
    for ld in mine:
        what = f"the {name} snippet loading {ld.url}" if ld.inline else f"<script src=\"{ld.url}\">"
        if ld.imported:
            stays.append(LoaderPlan(ld.start, ld.end, f"imports the {name} SDK from a CDN URL ({ld.url}), not a package name: "
                                    f"the calls through this import are not rewritten; move the import and its calls to {target} by hand"))
            kinds.append("an SDK imported from a CDN URL")
            stays[-1] = LoaderPlan(ld.start, ld.end, stays[-1].message, None, kinds[-1])
            continue
        if rec is None or not any(p.search(ld.url) for p in rec.core_urls):
            stays.append(LoaderPlan(ld.start, ld.end, f"{what} loads {name} code that is not the SDK itself (a plugin?): "
                                    f"{target} has no equivalent to load; remove or replace it by hand"))
            kinds.append(f"an {name} script that is not the SDK" if name[0] == "A" else f"a {name} script that is not the SDK")
            stays[-1] = LoaderPlan(ld.start, ld.end, stays[-1].message, None, kinds[-1])
            continue
        if ld.inline:
            stmt = statement_at(tree, ld.start, ld.end, rec.snippet_markers, rec.global_name)
            if stmt is None:
                stays.append(LoaderPlan(ld.start, ld.end, f"{what} is not the official {name} snippet (a hand-written loader?): "
                                        f"replace it with the {target} snippet by hand"))
                kinds.append(f"a hand-written {name} loader")
                stays[-1] = LoaderPlan(ld.start, ld.end, stays[-1].message, None, kinds[-1])
                continue
            movable.append((ld, stmt.start_byte, stmt.end_byte, "" if spec is None else _layout(spec.snippet, source, stmt.start_byte)))
        else:
            a, b = ld.element or (ld.start, ld.end)
            text = "" if spec is None else _layout(spec.element.replace("{snippet}", spec.snippet), source, a)
            movable.append((ld, a, b, text))
    own = [f"line {_line(source, s.start)}: {kind}" for s, kind in zip(stays, kinds, strict=True)]
    if len(movable) > 1:
        own.append(f"{len(movable)} {name} SDK loaders on one page")
    if spec is None and movable:
        own.append(f"no official loader of {target_sdk} in sdks/_loaders.yaml")
    decision = loader_migrates(vendor, rewritten, [*own, *blockers], client_migrates)
    out = list(stays)
    for ld, a, b, text in movable:
        what = f"the {name} snippet loading {ld.url}" if ld.inline else f"<script src=\"{ld.url}\">"
        if not decision.migrate or spec is None:
            # An inline snippet is listed as its whole statement: its own URL strings are not
            # further "SDK code in a string" items.
            out.append(LoaderPlan(a if ld.inline else ld.start, b if ld.inline else ld.end,
                                  f"{what} loads the {name} SDK (part of the client; left unchanged): "
                                  f"{decision.reason}; switch it to the {target} snippet together with the calls that use its global",
                                  None, decision.reason))
            continue
        note = (f"{name} loader replaced by the official {target} snippet ({spec.source.split(':')[0].split('@')[0]}); "
                f"it only defines `{spec.global_name}`: the page's init call sets the {target} credential")
        if rec is not None and rec.credential_in_url is not None and rec.credential_in_url.search(ld.url):
            note += f"; the {name} key in the loader URL was not carried over"
        dropped = [] if ld.inline else _dropped_attributes(source[a:b])
        if dropped:
            note += (f"; the old tag's {', '.join(dropped)} attribute{'s are' if len(dropped) > 1 else ' is'} "
                     "not carried over (the snippet is inline code; an integrity hash pinned the old file)")
        out.append(LoaderPlan(a, b, note, text))
    return out


_ATTRIBUTE = re.compile(rb"""\s([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?""")


def _dropped_attributes(element: bytes) -> list[str]:
    """Attributes of a replaced ``<script src>`` tag other than ``src``/``type`` (``defer``,
    ``integrity``, ``crossorigin``, ``nonce``...): the inline snippet replacing it cannot keep
    them, and a reviewer must hear that rather than find them gone."""
    if not element[:7].lower() == b"<script":
        return []
    head = element[7 : element.find(b">") if b">" in element else len(element)]
    names = [m.group(1).decode("ascii", "replace").lower() for m in _ATTRIBUTE.finditer(head)]
    return [n for n in dict.fromkeys(names) if n not in ("src", "type")]


def page_markup(source: bytes, host: str = "html") -> list[bytes]:
    """The page's bytes outside its ``<script>`` elements (JavaScript blocks and vendor loader
    tags) and template expressions, in order: what a page migration must keep byte for byte.
    Coarser than the engine's own check (``EmbeddedScriptAdapter.check_rewrite`` compares against
    the input with the loader and template edits applied); for tests and project-level checks."""
    from rewriter.codemod.lang.templates import template_expressions

    page = scan(source)
    cut = [ld.element for ld in page.loaders if ld.element is not None] + [r.element for r in page.regions]
    cut += [(e.start, e.end) for e in template_expressions(source, host)
            if not any(a <= e.start and e.end <= b for a, b in cut)]
    cut.sort()
    out, pos = [], 0
    for a, b in cut:
        out.append(source[pos:a])
        pos = b
    out.append(source[pos:])
    return out
