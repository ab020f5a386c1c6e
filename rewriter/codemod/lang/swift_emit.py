"""Swift printer: translated operations → the text replacing one call.

Layout only. The receiver stays as written (``amplitude.``, ``self.amp?.``, ``amp!.``) except a
shared instance, which becomes the target's (``Amplitude.instance()?.`` → ``Mixpanel.mainInstance().``:
the target's is not optional). Method names come from the target profile's ``methods`` and every
argument label from its ``signatures`` (``_`` = unlabelled), so a label is never made up here.
Operations that become several calls (an Identify with two kinds of operation, an init with a user
id) are printed one statement a line, only where the call was a statement of its own.
"""

from __future__ import annotations

import json

from tree_sitter import Node

from rewriter.codemod.lang.swift import argument_value, call_arguments, call_parts, nav_name, nav_target
from rewriter.codemod.lang.swift_read import client_of, is_shared
from rewriter.codemod.lang.ts_base import eol_of, indent_at
from rewriter.codemod.ops.ir import (
    Flush,
    Identify,
    Init,
    Op,
    ProfileUpdate,
    Reset,
    Review,
    SetGroup,
    Track,
    Translation,
    Value,
)
from rewriter.codemod.ops.profiles import SdkProfile
from rewriter.codemod.ops.site import Emitted, Rewrite, Site


def emit(tr: Translation, site: Site) -> Emitted | Review:
    """The target calls replacing the whole matched call."""
    call: Node = site.site
    lines: list[str] = []
    for op in tr.ops:
        got = _op(op, site, call)
        if isinstance(got, Review):
            return got
        lines.extend(got)
    if not lines:
        return Review("nothing to print for this call; migrate by hand")
    if len(lines) > 1 and site.adapter.statement_of(call) is None:
        return Review("this call becomes several calls but its value is used; migrate by hand")
    sep = eol_of(site.parsed.source) + indent_at(site.parsed.source, call.start_byte)
    return Emitted([Rewrite(call.start_byte, call.end_byte, sep.join(lines))])


def _op(op: Op, site: Site, call: Node) -> list[str] | Review:
    target = site.target
    methods = target.methods
    if isinstance(op, Init):
        first = _init(op, target)
        if op.user is None or op.user.is_null:
            return [first]
        shared = methods.get("shared")
        if shared is None:
            return Review(f"{target.id} has no shared instance to log the init's user in on; migrate by hand")
        return [first, _call(shared, methods["identify"], target, [op.user.text])]
    head = _head(site, call)
    if isinstance(head, Review):
        return head
    simple = _simple(op, methods)
    if simple is not None:
        method, values = simple
        spliced = _splice(site, call, head, method, values)
        return [spliced if spliced is not None else _call(head, method, target, [v.text for v in values])]
    if isinstance(op, ProfileUpdate):
        return _profile(op, head, target)
    return Review(f"no Swift printer for {type(op).__name__}")


def _simple(op: Op, methods: dict[str, str]) -> tuple[str, list[Value]] | None:
    """A one-call operation whose arguments keep their order: (target method, argument values)."""
    if isinstance(op, Track):
        return methods["track"], [op.event] + ([op.props] if op.props is not None and not op.props.is_null else [])
    if isinstance(op, Identify):
        return methods["identify"], [op.user]
    if isinstance(op, Reset):
        return methods["reset"], []
    if isinstance(op, SetGroup):
        return methods["set_group"], [op.group_type, op.group_name]
    if isinstance(op, Flush):
        return op.method, []
    return None


def _splice(site: Site, call: Node, head: str, method: str, values: list[Value]) -> str | None:
    """The call rewritten in place: new method name and labels, the same values, line breaks and
    comments; an argument left over (``eventProperties: nil``) is removed with its separator.
    None when the values are not the call's own arguments in order (then it is printed anew)."""
    parts = call_parts(call)
    args = call_arguments(call)
    if parts is None or parts[2] is None or len(values) > len(args):
        return None
    if any(v.node is None or argument_value(a).start_byte != v.start for v, a in zip(values, args, strict=False)):
        return None
    name = parts[2]
    client = client_of(call)
    if is_shared(client, site.pack):
        suffix = name.parent
        prefix = head + site.render(suffix.start_byte, name.start_byte)  # type: ignore[union-attr]
    else:
        prefix = site.render(call.start_byte, name.start_byte)
    labels = site.target.signatures.get(method, [])
    if not args:
        return prefix + method + site.render(name.end_byte, call.end_byte)
    if not values:  # every argument dropped: keep the parentheses only
        return prefix + method + "()"
    out = [prefix, method, site.render(name.end_byte, args[0].start_byte)]
    for i, (value, arg) in enumerate(zip(values, args, strict=False)):
        label = labels[i] if i < len(labels) else "_"
        out.append("" if label == "_" else f"{label}: ")
        out.append(value.text)
        if i + 1 < len(values):
            out.append(site.render(arg.end_byte, args[i + 1].start_byte))
    out.append(site.render(args[-1].end_byte, call.end_byte))  # dropped arguments go with their commas
    return "".join(out)


def _head(site: Site, call: Node) -> str | Review:
    """The receiver text the new call is made on (up to, not including, the ``.method``)."""
    client = client_of(call)
    if client is None:
        return Review("no receiver to call the target SDK on")
    if is_shared(client, site.pack):
        shared = site.target.methods.get("shared")
        return shared if shared else Review(f"{site.target.id} has no shared instance; migrate by hand")
    nav = client.parent
    while nav is not None and nav.type != "navigation_expression":
        nav = nav.parent
    if nav is None or nav_target(nav) is None or nav_name(nav) is None:
        return Review("no receiver to call the target SDK on")
    suffix = nav.child_by_field_name("suffix")
    return site.render(call.start_byte, suffix.start_byte)  # type: ignore[union-attr]


def _call(head: str, method: str, target: SdkProfile, args: list[str]) -> str:
    """``head.method(label: a, ...)`` with the labels of the target's signature."""
    return f"{head}.{method}({_arguments(method, target, args)})"


def _arguments(method: str, target: SdkProfile, args: list[str]) -> str:
    labels = target.signatures.get(method.rsplit(".", 1)[-1], [])
    out = []
    for i, text in enumerate(args):
        label = labels[i] if i < len(labels) else "_"
        out.append(text if label == "_" else f"{label}: {text}")
    return ", ".join(out)


def _setting(value: str | bool) -> str:
    """A profile setting as Swift: ``false``, ``.EU`` (an enum member), or a string literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if value.startswith(".") else json.dumps(value)


def _init(op: Init, target: SdkProfile) -> str:
    methods = target.methods
    settings = dict(op.settings)
    if target.vendor == "mixpanel":
        init = methods["init"]
        order = target.signatures.get(init.rsplit(".", 1)[-1], [])
        parts = [f"{order[0]}: {op.credential.text}"]
        parts += [f"{name}: {_setting(settings[name])}" for name in order[1:] if name in settings]
        return f"{init}({', '.join(parts)})"
    config = methods.get("config", "Configuration")
    parts = [f"apiKey: {op.credential.text}"] + [f"{k}: {_setting(v)}" for k, v in op.settings]
    label = target.signatures.get(methods["init"], ["configuration"])[0]
    return f"{methods['init']}({label}: {config}({', '.join(parts)}))"


def _profile(op: ProfileUpdate, head: str, target: SdkProfile) -> list[str] | Review:
    if target.vendor == "amplitude":
        chain = target.methods.get("identify_builder", "Identify") + "()"
        for p in op.ops:
            if p.key is None:
                chain += f".{p.spelled}()"
            elif p.value is None:
                chain += f".{p.spelled}(property: {p.key.text})"
            else:
                chain += f".{p.spelled}(property: {p.key.text}, value: {p.value.text})"
        return [_call(head, target.methods["profile"], target, [chain])]
    people = f"{head}.{target.methods.get('people', 'people')}"
    lines = []
    for method in dict.fromkeys(p.spelled for p in op.ops):
        ops = [p for p in op.ops if p.spelled == method]
        if any(p.key is None for p in ops):
            return Review(f"people.{method} without a key; migrate by hand")
        if target.neutral("user", method) == "unset":
            body = "[" + ", ".join(p.key.text for p in ops) + "]"  # type: ignore[union-attr]
        else:
            if any(p.value is None for p in ops):
                return Review(f"people.{method} without a value; migrate by hand")
            body = "[" + ", ".join(f"{p.key.text}: {p.value.text}" for p in ops) + "]"  # type: ignore[union-attr]
        lines.append(_call(people, method, target, [body]))
    return lines


__all__ = ["emit", "call_parts"]
