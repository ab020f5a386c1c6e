"""SDK initialisation in JavaScript, both directions.

An Amplitude API key is not a Mixpanel project token (and vice versa), so the credential is never
carried over: it becomes a placeholder and the note says so. Only literal configuration is mapped
(EU residency); other keys are dropped and named in the note, a computed config or a callback is
left for review.
"""

from __future__ import annotations

import re
from typing import Any

from rewriter.codemod.lang.javascript import _unwrap
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult
from rewriter.codemod.transforms.js_syntax import (
    args_of,
    eol,
    is_nullish,
    object_props,
    quote_of,
    statement_indent,
    string_value,
)

MIXPANEL_TOKEN = "YOUR_MIXPANEL_PROJECT_TOKEN"
AMPLITUDE_KEY = "YOUR_AMPLITUDE_API_KEY"
CRED_NOTE = "credential replaced by a placeholder: set your {what} ({src} cannot be reused)"


def _already_initialised(ctx: TransformContext, receivers: list[str]) -> Review | None:
    """The target SDK is initialised in this file already (dual tracking, or an earlier run that
    kept the source client for sites left for review): a second init would be wrong."""
    for name in receivers:
        if re.search(rf"(?<![\w$.]){re.escape(name)}\.init\s*\(".encode(), ctx.parsed.source):
            return Review(f"this file already calls {name}.init(); migrate the remaining client by hand")
    return None


def _is_function(node: Any) -> bool:
    return node is not None and node.type in ("arrow_function", "function_expression", "function")


def init_to_mixpanel(ctx: TransformContext) -> TransformResult:
    """``amplitude.init(KEY[, userId][, cfg])`` → ``mixpanel.init('TOKEN'[, {api_host}])`` (+ identify)."""
    node_style = ctx.option("style") == "node"
    args = list(ctx.nodes("ARGS"))
    if not args:
        return TransformResult(review=Review("init() without an API key"))
    done = _already_initialised(ctx, [ctx.option("factory", "Mixpanel")] if node_style else [ctx.target])
    if done:
        return TransformResult(review=done)
    key_node = args[0]
    rest = args[1:]
    user_id, cfg = None, None
    # signature: "user_config" (AJS, RN: init(key, userId?, cfg?)), "config" (Node, unified:
    # init(key, cfg?)), "overloaded" (Browser SDK 2: both, told apart by the 2nd argument's shape).
    signature = ctx.option("signature", "user_config")
    second = _unwrap(rest[0]) if rest else None
    if second is not None and signature == "overloaded" and len(rest) == 1 and second.type not in (
        "object", "string", "template_string", "null", "undefined"
    ) and not is_nullish(second):
        return TransformResult(review=Review("init()'s 2nd argument may be a userId or the options; migrate by hand"))
    if second is not None and (second.type == "object" or signature == "config"):
        cfg, rest = second, rest[1:]
    elif rest:
        user_id, rest = rest[0], rest[1:]
        if rest:
            cfg, rest = _unwrap(rest[0]), rest[1:]
    if rest:
        return TransformResult(review=Review("init() with a callback: mixpanel's `loaded` config has another signature"))
    if cfg is not None and is_nullish(cfg):
        cfg = None
    if cfg is not None and (_is_function(cfg) or cfg.type != "object"):
        return TransformResult(review=Review("init() with a computed config: map its options by hand"))
    dropped: list[str] = []
    eu = False
    for p in object_props(cfg) or [] if cfg is not None else []:
        if p.key == "serverZone":
            zone = string_value(p.value)
            if zone == "EU":
                eu = True
            elif zone != "US":
                return TransformResult(review=Review("serverZone is not a literal 'US'/'EU': map residency by hand"))
        elif p.key != "serverZoneBasedApi":
            dropped.append(p.key or ctx.text(p.key_node))
    if cfg is not None and object_props(cfg) is None:
        return TransformResult(review=Review("init() config with spreads or computed keys: map it by hand"))
    q = quote_of(key_node if key_node.type == "string" else None)
    token = f"{q}{MIXPANEL_TOKEN}{q}"
    notes = [CRED_NOTE.format(what="Mixpanel project token", src="an Amplitude API key")]
    if dropped:
        notes.append("config options with no Mixpanel mapping were dropped: " + ", ".join(dropped))
    if node_style:
        cfg_text = f", {{ host: {q}api-eu.mixpanel.com{q} }}" if eu else ""
        call = f"{ctx.option('factory', 'Mixpanel')}.init({token}{cfg_text})"
        stmt = ctx.adapter.statement_of(ctx.site)  # type: ignore[attr-defined]
        if stmt is None or stmt.parent is None or stmt.parent.type != "program":
            return TransformResult(review=Review("Node init() must become `const mixpanel = Mixpanel.init(...)` at module level"))
        text = f"const {ctx.target} = {call}"
    else:
        cfg_text = f", {{ api_host: {q}https://api-eu.mixpanel.com{q} }}" if eu else ""
        text = f"{ctx.target}.init({token}{cfg_text})"
    if user_id is not None and not is_nullish(_unwrap(user_id)):
        stmt = ctx.adapter.statement_of(ctx.site)  # type: ignore[attr-defined]
        if stmt is None:
            return TransformResult(review=Review("init() with a user id inside an expression; migrate by hand"))
        src = ctx.parsed.source
        semi = ";" if stmt.text.rstrip().endswith(b";") else ""
        text += f"{semi}{eol(src)}{statement_indent(src, stmt.start_byte)}{ctx.target}.identify({ctx.text(user_id)})"
        notes.append("the init userId became mixpanel.identify()")
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join(notes))


def init_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``mixpanel.init(TOKEN[, cfg])`` → ``amplitude.init('KEY'[, { serverZone: 'EU' }])``."""
    args = list(ctx.nodes("ARGS"))
    if not args:
        return TransformResult(review=Review("init() without a token"))
    done = _already_initialised(ctx, [ctx.target])
    if done:
        return TransformResult(review=done)
    if len(args) > 2:
        return TransformResult(review=Review("a named Mixpanel instance (3rd argument) needs Amplitude createInstance(); migrate by hand"))
    cfg = _unwrap(args[1]) if len(args) == 2 else None
    host_key = "host" if ctx.option("style") == "node" else "api_host"
    eu = False
    dropped: list[str] = []
    if cfg is not None and not is_nullish(cfg):
        props = object_props(cfg)
        if props is None:
            return TransformResult(review=Review("init() with a computed config: map its options by hand"))
        for p in props:
            if p.key in (host_key, "api_host", "host"):
                host = string_value(p.value) or ""
                if "api-eu" in host:
                    eu = True
                elif "api-in" in host:
                    return TransformResult(review=Review("India residency has no Amplitude server zone"))
                elif host and "api.mixpanel.com" not in host and "api-js.mixpanel.com" not in host:
                    return TransformResult(review=Review(f"custom Mixpanel host {host!r}: configure Amplitude serverUrl by hand"))
            else:
                dropped.append(p.key or ctx.text(p.key_node))
    q = quote_of(args[0] if args[0].type == "string" else None)
    text = f"{ctx.target}.init({q}{AMPLITUDE_KEY}{q}" + (f", {{ serverZone: {q}EU{q} }}" if eu else "") + ")"
    notes = [CRED_NOTE.format(what="Amplitude API key", src="a Mixpanel token")]
    if dropped:
        notes.append("config options with no Amplitude mapping were dropped: " + ", ".join(dropped))
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join(notes))


__all__ = ["init_to_amplitude", "init_to_mixpanel", "args_of"]
