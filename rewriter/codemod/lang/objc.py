"""Objective-C adapter: legacy Amplitude-iOS ⇄ Mixpanel (mixpanel-iphone) message sends.

A message ``[receiver sel:arg other:arg]`` is the call. The SDK is reached through its class
(``[Amplitude instance]``, ``[Mixpanel sharedInstance]``, ``[Mixpanel sharedInstanceWithToken:...]``)
and through variables and properties typed as it (``Mixpanel *mixpanel = ...``, ``@property
Mixpanel *mixpanel`` used as ``self.mixpanel`` or ``_mixpanel``). Rules are ``fix:`` templates
that keep ``$SDK`` as the receiver, and the shared-instance message itself is a rule of its own
(``[Amplitude instance]`` → ``[Mixpanel sharedInstance]``): the inner rewrite shows through
``$SDK`` in the outer one, so ``[[Amplitude instance] logEvent:x]`` and ``[amp logEvent:x]`` both
come out right, and the variable's type is swapped with the import once every message was
rewritten. A client is migrated whole or not at all (``ts_clients``). Headers (``.h``) are read
but never edited: their SDK types and imports are listed, since their ``.m`` decides.

Never writes files and never decides what a call means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tree_sitter import Node, QueryCursor

from rewriter.codemod.lang.base import FileBindings, ParsedFile
from rewriter.codemod.lang.treesitter import get_query
from rewriter.codemod.lang.ts_base import ImportLine, node_text
from rewriter.codemod.lang.ts_clients import ClientAdapter, ClientBindings, Declaration, client_bindings
from rewriter.codemod.match.patterns import MatchContext, Pattern
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.ops.profiles import load_profile
from rewriter.codemod.packs.loader import RulePack

PATTERN_PREFIX = b"void __rewriter_pattern__(void) {\n"
PATTERN_SUFFIX = b";\n}\n"
MESSAGE = "message_expression"


def selector(msg: Node) -> str:
    """``logEvent:withEventProperties:`` of a message (``instance`` for a unary one)."""
    names = [node_text(c) for c in msg.children_by_field_name("method")]
    has_args = any(c.type == ":" for c in msg.children)
    return "".join(f"{n}:" for n in names) if has_args else "".join(names)


def receiver(msg: Node) -> Node | None:
    return msg.child_by_field_name("receiver")


@dataclass
class ObjCBindings(ClientBindings):
    """Client bindings plus the class messages that give a client and the pack's selectors."""

    instances: tuple[str, ...] = ()
    factories: tuple[str, ...] = ()
    client_type: str | None = None
    selectors: frozenset[str] = frozenset()
    properties: set[str] = field(default_factory=set)  # @property names typed as the SDK class
    header: bool = False


class ObjCAdapter(ClientAdapter):
    """``.m`` / ``.mm`` files (and ``.h``, read for review only)."""

    id = "objc"
    family = "objc"
    grammar = "objc"
    extensions = (".m", ".mm", ".h")
    PATTERN_PREFIX = PATTERN_PREFIX
    PATTERN_SUFFIX = PATTERN_SUFFIX
    DOLLAR_IDENTIFIERS = False
    COMMENTS = frozenset({"comment"})
    TRIVIA = frozenset({"[", "]", ":", ";", "(", ")", ",", '"', "@", "{", "}"})
    CALL = MESSAGE
    reader_module = "rewriter.codemod.lang.objc_read"  # values only: the packs rewrite with fix templates
    STATEMENT_WRAPPERS = frozenset({"expression_statement"})

    # -- patterns --------------------------------------------------------------------------------
    def pattern_key(self, pattern: Pattern) -> str | None:
        root = pattern.root
        if root.type != MESSAGE or len(root.children) < 2:
            return None
        first = root.children[1]
        return first.text if first.meta is None and first.type == "identifier" else None

    def callee_query(self, node_type: str, quoted_names: str) -> str | None:
        if node_type != MESSAGE:
            return None
        return f"(({MESSAGE} method: (identifier) @k) @n (#any-of? @k {quoted_names}))"

    def call_parts(self, node: Node | None) -> tuple[Node | None, str, Node | None] | None:
        if node is None or node.type != MESSAGE:
            return None
        methods = node.children_by_field_name("method")
        return receiver(node), selector(node), methods[0] if methods else None

    # -- imports ---------------------------------------------------------------------------------
    def imports_of(self, parsed: ParsedFile) -> list[ImportLine]:
        out = []
        for node in parsed.tree.root_node.children:
            if node.type == "preproc_include":
                path = node.child_by_field_name("path")
                text = node_text(path).strip('<>"') if path is not None else ""
                out.append(ImportLine(node, text.split("/", 1)[0].removesuffix(".h").replace("-", "_"), None, True))
            elif node.type == "module_import":
                path = node.child_by_field_name("path")
                out.append(ImportLine(node, node_text(path).split(".", 1)[0], None, True))
        return out

    # -- bindings --------------------------------------------------------------------------------
    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        spec = pack.bind
        source = load_profile(pack.sdk)
        data = ObjCBindings(
            instances=tuple(spec.instances), factories=tuple(spec.factories), client_type=source.methods.get("type"),
            selectors=frozenset(s for r in pack.rules for p in r.match for s in _selectors(p)),
            header=parsed.path.endswith(".h"),
        )
        imports = [i for i in self.imports_of(parsed) if i.path in spec.modules]
        for cls in spec.classes:
            if imports:
                data.classes[cls] = imports[0]
        if not data.classes and self._class_messages(parsed, set(spec.classes)):
            for cls in spec.classes:
                data.classes[cls] = None  # type: ignore[assignment]  # a prefix header brought it
        fb = FileBindings(pack=pack, ctx=MatchContext(parsed.source, lambda n: False), style=self.family)
        fb.lang = data
        if not data.classes:
            return fb
        other = next((i for i in self.imports_of(parsed) if i.path in OTHER_GENERATIONS.get(pack.sdk, ())), None)
        if other is not None:
            # AmplitudeSwift's Objective-C API also names its class Amplitude: no pack reads it yet.
            data.blockers.append((other.node, f"{other.path}'s Objective-C API ([Amplitude initWithConfiguration:], "
                                              "AMPConfiguration) has no rules yet"))
        for decl in self._declarations(parsed, set(spec.classes)):
            data.clients.setdefault(decl.name, []).append(decl)
            data.decl_ids.add(decl.name_node.id)
            if decl.holder.type == "property_declaration":
                data.properties.add(decl.name)
        live = {"on": False}
        fb.ctx = MatchContext(source=parsed.source, is_sdk=lambda n: self.sdk_here(n, data, live["on"]),
                              significant=self.significant)
        fb.declarations = [i.node for i in imports] + [d.holder for ds in data.clients.values() for d in ds]
        if not fb.declarations:
            fb.globals = set(data.classes)
        self.classify(parsed, data, [*spec.instances, *spec.factories])
        live["on"] = True
        self.plan_uses(parsed, fb, data)
        live["on"] = data.blocked is None
        return fb

    def _class_messages(self, parsed: ParsedFile, classes: set[str]) -> list[Node]:
        query = get_query(self.grammar, f"(({MESSAGE} receiver: (identifier) @c) @n)")
        return [caps["n"][0] for _, caps in QueryCursor(query).matches(parsed.tree.root_node)
                if node_text(caps["c"][0]) in classes]

    def _declarations(self, parsed: ParsedFile, classes: set[str]) -> list[Declaration]:
        """Locals, parameters, globals and properties declared with an SDK class type."""
        out = []
        query = get_query(self.grammar, "(declaration) @d (struct_declaration) @d (parameter_declaration) @d")
        for node in sorted(QueryCursor(query).captures(parsed.tree.root_node).get("d", []), key=lambda n: n.start_byte):
            tnode = next((c for c in node.children if c.type == "type_identifier"), None)
            if tnode is None or node_text(tnode) not in classes:
                continue
            holder = node.parent if node.type == "struct_declaration" and node.parent is not None and \
                node.parent.type == "property_declaration" else node
            for ident in _declared_names(node):
                out.append(Declaration(node_text(ident), ident, holder, tnode, node_text(tnode)))
        return out

    def is_class_ref(self, node: Node, data: Any) -> bool:
        return node.type == "identifier" and node_text(node) in data.classes and node_text(node) not in data.clients

    def is_client(self, node: Node, data: Any) -> bool:
        if node.type == "parenthesized_expression" and node.named_child_count == 1:
            node = node.named_children[0]
        if node.type == MESSAGE:
            recv = receiver(node)
            return recv is not None and self.is_class_ref(recv, data) and selector(node) in data.instances
        if node.type == "identifier":
            name = node_text(node)
            if name in data.clients:
                return True
            return name.startswith("_") and name[1:] in data.properties  # the property's ivar
        if node.type == "field_expression":
            arg, fld = node.child_by_field_name("argument"), node.child_by_field_name("field")
            return arg is not None and node_text(arg) == "self" and fld is not None and node_text(fld) in data.properties
        return False

    def sdk_here(self, node: Node, data: Any, live: bool) -> bool:
        """``$SDK`` is a client, or the class as the receiver of a class message."""
        if not (self.is_client(node, data) or self.is_class_ref(node, data)):
            return False
        if live:
            return True
        msg = node.parent
        while msg is not None and msg.type != MESSAGE:
            msg = msg.parent
        return msg is not None and msg.id in data.review_calls

    def classify(self, parsed: ParsedFile, data: Any, statics: list[str]) -> None:
        """Every message to the class or a client is a use; any other mention of a client (passed
        on, a property read) and, in a header, any SDK type keeps the client whole."""
        if data.header:
            for imp in {id(i.node): i for i in data.classes.values() if i is not None}.values():
                data.blockers.append((imp.node, "the SDK imported in a header (change it with its .m file)"))
        for ident in self._type_refs(parsed, set(data.classes)):
            data.types.append(ident)
            if data.header:
                data.blockers.append((ident, f"the type {node_text(ident)} in a header (change it with its .m file)"))
            elif node_text(ident) != data.client_type:
                data.blockers.append((ident, f"the type {node_text(ident)} (it has no counterpart in the other SDK)"))
        query = get_query(self.grammar, f"({MESSAGE}) @n")
        for msg in sorted(QueryCursor(query).captures(parsed.tree.root_node).get("n", []), key=lambda n: n.start_byte):
            recv = receiver(msg)
            if recv is None:
                continue
            people = recv.type == "field_expression" and node_text(recv.child_by_field_name("field")) == "people"
            base = recv.child_by_field_name("argument") if people else recv
            if base is not None and (self.is_client(base, data) or self.is_class_ref(base, data)):
                outer = msg.parent
                if selector(msg) == "people" and outer is not None and outer.type == MESSAGE and receiver(outer) == msg:
                    continue  # [[mixpanel people] set:...]: the outer message is the use
                data.uses.append((msg, ("people " if people else "") + selector(msg)))
                continue
            inner = recv if recv.type == MESSAGE and selector(recv) == "people" else None
            inner_base = receiver(inner) if inner is not None else None
            if inner_base is not None and self.is_client(inner_base, data):
                data.uses.append((msg, "people " + selector(msg)))
            elif selector(msg) in data.selectors and selector(msg).count(":") >= 2:
                data.blockers.append((msg, f"[... {selector(msg)}] on {node_text(recv)}, which this file does not "
                                           "declare as a client (declared in another file?)"))
        used = {n.id for m, _ in data.uses for n in (receiver(m),)}
        for ident in self.nodes_named(parsed, set(data.clients) | {f"_{p}" for p in data.properties}):
            if ident.id in data.decl_ids or ident.parent is None:
                continue
            holder = ident.parent
            if holder.id in used or ident.id in used or (holder.type == "field_expression" and holder.parent is not None
                                                         and holder.parent.id in used):
                continue
            if holder.type == "field_expression" and holder.parent is not None and holder.parent.type == "field_expression":
                if holder.parent.parent is not None and receiver(holder.parent.parent) == holder.parent:
                    continue  # [mixpanel.people set:...]
            if holder.type == "init_declarator" or (holder.type == "assignment_expression"
                                                    and holder.child_by_field_name("left") == ident):
                continue
            data.blockers.append((ident, f"the client {node_text(ident)} used as a value"))

    def _type_refs(self, parsed: ParsedFile, classes: set[str]) -> list[Node]:
        quoted = " ".join(f'"{c}"' for c in sorted(classes))
        query = get_query(self.grammar, f"((type_identifier) @i (#any-of? @i {quoted}))")
        return sorted(QueryCursor(query).captures(parsed.tree.root_node).get("i", []), key=lambda n: n.start_byte)

    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Any, str]]:
        """As ``ClientAdapter``'s, with messages shown as ``[... selector]``."""
        return [(node, _bracketed(desc)) for node, desc in super().unaccounted_calls(parsed, fb)]

    # -- sites and imports -----------------------------------------------------------------------
    def expand_site(self, node: Node, source: bytes) -> tuple[Node, str | None]:
        return node, None

    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        """Swap the SDK header import and the client class in declarations, once every message
        was rewritten (never in a header: it is listed instead)."""
        data = client_bindings(fb)
        if data.blocked is not None or getattr(data, "header", False):
            return []
        spans = [(e.start, e.end) for e in edits]
        if not all(any(s <= c.start_byte and c.end_byte <= e for s, e in spans) for c, _ in data.uses):
            return []
        source, target = load_profile(fb.pack.sdk), load_profile(fb.pack.target.sdk)
        rule = f"{fb.pack.sdk}/imports"
        out: list[Edit] = []
        header, module = target.methods.get("objc_header"), target.methods.get("objc_module")
        for imp in {id(i.node): i for i in data.classes.values() if i is not None}.values():
            node = imp.node
            path = node.child_by_field_name("path")
            if path is None:
                continue
            if node.type == "module_import" and module:
                out.append(Edit(path.start_byte, path.end_byte, module, rule))
            elif header:
                text = node_text(path)
                new = f'"{header.rsplit("/", 1)[-1]}"' if text.startswith('"') else f"<{header}>"
                out.append(Edit(path.start_byte, path.end_byte, new, rule))
        new_type = target.methods.get("type")
        for ident in data.types:
            if node_text(ident) == source.methods.get("type") and new_type:
                out.append(Edit(ident.start_byte, ident.end_byte, new_type, rule))
        return out


#: Per pack: modules whose class shares the SDK's name but is another SDK generation.
OTHER_GENERATIONS = {"amplitude-ios-legacy-objc": ("AmplitudeSwift",)}


def _bracketed(desc: str) -> str:
    """``logEvent:() (why)`` → ``[... logEvent:] (why)``: how Objective-C readers name a message."""
    m = re.match(r"^(no rule maps )?(people )?([A-Za-z_][\w:]*)\(\)(.*)$", desc, re.S)
    return f"{m.group(1) or ''}[... {m.group(2) or ''}{m.group(3)}]{m.group(4)}" if m else desc


def _selectors(pattern: str) -> list[str]:
    """The selector a message pattern sends (``logEvent:withEventProperties:``)."""
    m = re.fullmatch(r"\s*\[\s*\S+\s+(.*)\]\s*", pattern)
    if m is None:
        return []
    parts = re.findall(r"([A-Za-z_]\w*)\s*:", m.group(1))
    return ["".join(f"{p}:" for p in parts)] if parts else [m.group(1).strip()]


def _declared_names(node: Node) -> list[Node]:
    """The identifiers a declaration declares (through pointers and initialisers)."""
    out: list[Node] = []
    for c in node.children:
        cur: Node | None = c
        while cur is not None and cur.type in ("init_declarator", "pointer_declarator", "struct_declarator"):
            cur = cur.child_by_field_name("declarator") or next((x for x in cur.children if x.is_named), None)
        if cur is not None and cur.type in ("identifier", "field_identifier") and c.type != "type_identifier":
            out.append(cur)
    return out
