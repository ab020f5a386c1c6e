"""Dart printer: translated operations → Flutter SDK source text.

Layout only. The receiver the source call was made on (``amplitude``, ``_instance?``,
``Holder.client!``) is kept verbatim, so null-aware access survives the rewrite:

- ``Init`` → ``await Mixpanel.init(token, trackAutomaticEvents: true[, serverURL: ...])`` in place
  of ``Amplitude(Configuration(...))`` (the reader checked the place can await), or
  ``Amplitude(Configuration(apiKey: ...))`` in place of ``await Mixpanel.init(...)``;
- ``ProfileUpdate`` → one ``getPeople().op(k, v)`` (``getGroup(t, n).op(k, v)``) statement per
  operation (an expression statement is needed for more than one), or
  ``identify(Identify()..op(k, v))`` (``groupIdentify(t, n, Identify()..op(k, v))``);
- no operation (the isBuilt wait) → the statement's line goes (the site is the statement).
"""

from __future__ import annotations

from rewriter.codemod.lang.dart_syntax import call_parts, vparent
from rewriter.codemod.lang.ts_base import indent_at
from rewriter.codemod.ops.ir import Init, ProfileUpdate, PropOp, Review, Translation
from rewriter.codemod.ops.site import Emitted, Rewrite, Site

#: The automatic-events switch Mixpanel requires; printed with a note (no Amplitude counterpart).
TRACK_AUTOMATIC_EVENTS = "true"


def emit(tr: Translation, site: Site) -> Emitted | Review:
    if not tr.ops:  # the isBuilt wait: its statement goes
        return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, "")])
    if len(tr.ops) != 1:
        return Review("this call becomes several operations; migrate by hand")
    op = tr.ops[0]
    if isinstance(op, Init):
        return _init(op, site)
    if isinstance(op, ProfileUpdate):
        return _profile(op, site)
    return Review(f"no Dart printer for {type(op).__name__}")


def _client_class(site: Site) -> str:
    uri = site.target.imports[0]
    if "#" in uri:
        return uri.rsplit("#", 1)[1]
    stem = uri.rsplit("/", 1)[-1].removesuffix(".dart")
    return "".join(p.capitalize() for p in stem.split("_"))


def _init(op: Init, site: Site) -> Emitted | Review:
    cls = _client_class(site)
    settings = dict(op.settings)
    if site.target.vendor == "mixpanel":
        args = [op.credential.text, f"trackAutomaticEvents: {TRACK_AUTOMATIC_EVENTS}"]
        args += [f"{k}: {_literal(v, op.credential.text)}" for k, v in settings.items()]
        text = f"await {cls}.init({', '.join(args)})"
        note = ("trackAutomaticEvents: true is required by Mixpanel and has no Amplitude counterpart "
                "(Amplitude's default session tracking is the closest): set it to what you want")
        return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, text)], notes=[note])
    if settings:
        return Review("init settings with no Amplitude Flutter Configuration spelling: " + ", ".join(sorted(settings)))
    text = f"{cls}(Configuration(apiKey: {op.credential.text}))"
    return Emitted([Rewrite(site.site.start_byte, site.site.end_byte, text)],
                   notes=["Amplitude initialises in the background: await amplitude.isBuilt where the first event must "
                          "not wait"])


def _literal(value: str | bool, like: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    q = like[:1] if like[:1] in ("'", '"') else "'"
    return f"{q}{value}{q}"


def _receiver(site: Site) -> str | None:
    """Source text of the client the matched call was made on (``$SDK``)."""
    cap = site.match.captures.get("SDK")
    return None if cap is None else site.render(cap.start, cap.end)


def _profile(op: ProfileUpdate, site: Site) -> Emitted | Review:
    recv = _receiver(site)
    if recv is None:
        return Review("no client to call the target SDK on")
    start, end = site.site.start_byte, site.site.end_byte
    group = (op.group_type.text, op.group_id.text) if op.scope == "group" else None  # type: ignore[union-attr]
    if site.target.vendor == "amplitude":
        steps = "".join(f"..{p.spelled}({_args(p)})" for p in op.ops)
        if group is not None:
            return Emitted([Rewrite(start, end, f"{recv}.groupIdentify({group[0]}, {group[1]}, Identify(){steps})")])
        return Emitted([Rewrite(start, end, f"{recv}.identify(Identify(){steps})")])
    people = f"getGroup({group[0]}, {group[1]})" if group else site.target.methods.get("people", "getPeople()")
    calls = [f"{recv}.{people}.{p.spelled}({_args(p, list_value=p.kind == 'union')})" for p in op.ops]
    if len(calls) == 1:
        return Emitted([Rewrite(start, end, calls[0])])
    stmt = site.adapter.statement_of(site.site)
    if stmt is None or stmt.children[0].start_byte != start or stmt.children[-1].type != ";":
        return Review("an Identify with several operations inside an expression: Mixpanel needs one call per "
                      "operation; migrate by hand")
    indent = indent_at(site.parsed.source, stmt.start_byte)
    eol = "\r\n" if b"\r\n" in site.parsed.source else "\n"
    return Emitted([Rewrite(start, end, (";" + eol + indent).join(calls))])


def _args(p: PropOp, list_value: bool = False) -> str:
    out = [p.key.text] if p.key is not None else []
    if p.value is not None:
        value = p.value.text
        if list_value and p.value.kind != "list":
            value = f"[{value}]"
        out.append(value)
    elif p.implied_value:
        out.append("1")
    return ", ".join(out)


__all__ = ["call_parts", "emit", "vparent"]
