"""Client construction in Python, both directions (sdk-map §3, §5.2 S1, trap 18).

``Amplitude(KEY[, Config(server_zone='EU')])`` ⇄ ``Mixpanel(TOKEN[, consumer=Consumer(
api_host='api-eu.mixpanel.com')])``. A key is never reused as a token (or back): it becomes a
placeholder and the note says so. Only literal configuration is mapped: EU residency (a bare host,
no scheme, on the Mixpanel side); options with no counterpart are dropped and named in the note,
while a custom endpoint, a callback or a feature-flag config is left for review. The variable the
client is assigned to keeps its name, so every later ``client.<method>`` stays valid.
"""

from __future__ import annotations

from rewriter.codemod.lang.python_tree import PyNode, is_none, string_value
from rewriter.codemod.transforms.base import Review, Rewrite, TransformContext, TransformResult
from rewriter.codemod.transforms.py_syntax import bindings, bound, constructed, qualified, str_lit

MIXPANEL_TOKEN = "YOUR_MIXPANEL_PROJECT_TOKEN"
AMPLITUDE_KEY = "YOUR_AMPLITUDE_API_KEY"
EU_HOST = "api-eu.mixpanel.com"
SYNC_NOTE = (
    "Mixpanel's default Consumer sends each call synchronously in the calling thread (Amplitude batched in a "
    "background thread); use BufferedConsumer and flush() if you need batching"
)
SHUTDOWN_NOTE = "Amplitude sends from a background thread: call shutdown() on the client before the process exits"


def init_to_mixpanel(ctx: TransformContext) -> TransformResult:
    """``Amplitude(KEY[, configuration])`` → ``Mixpanel(TOKEN[, consumer=Consumer(api_host=EU)])``."""
    b = bound(ctx, ctx.site, "amplitude.Amplitude")
    if not b.ok or b.positional or b.stars:
        return TransformResult(review=Review("Amplitude(...) with unexpected or unpacked arguments; migrate by hand"))
    if "api_key" not in b.named:
        return TransformResult(review=Review("Amplitude(...) without an API key"))
    cfg = b.named.get("configuration")
    removals: list[Rewrite] = []
    eu = False
    dropped: list[str] = []
    if cfg is not None and not is_none(cfg.value):
        got = constructed(ctx, cfg.value, "amplitude.Config", "configuration")
        if isinstance(got, Review):
            return TransformResult(review=Review("Amplitude(...) with a computed configuration: map its options by hand"))
        call, removals = got
        cb = bound(ctx, call, "amplitude.Config")
        if not cb.ok or cb.positional or cb.stars:
            return TransformResult(review=Review("Config(...) with unpacked arguments: map its options by hand"))
        for name, arg in cb.named.items():
            if is_none(arg.value):
                continue
            if name == "server_zone":
                zone = _zone(arg.value)
                if zone == "EU":
                    eu = True
                elif zone != "US":
                    return TransformResult(review=Review("server_zone is not a literal 'US'/'EU': map residency by hand"))
            elif name in ("server_url", "callback", "storage_provider", "plan", "ingestion_metadata"):
                return TransformResult(review=Review(f"Config({name}=...) has no Mixpanel equivalent; migrate by hand"))
            else:
                dropped.append(name)
    token = str_lit(ctx, MIXPANEL_TOKEN)
    text = f"Mixpanel({token}, consumer=Consumer(api_host={str_lit(ctx, EU_HOST)}))" if eu else f"Mixpanel({token})"
    notes = ["credential replaced by a placeholder: set your Mixpanel project token (an Amplitude API key cannot be reused)"]
    if dropped:
        notes.append("Config options with no Mixpanel mapping were dropped: " + ", ".join(dropped))
    notes.append(SYNC_NOTE)
    return TransformResult(rewrites=[*removals, Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join(notes))


def _zone(node: PyNode) -> str | None:
    value = string_value(node)
    if value is not None:
        return value.upper()
    text = node.cst.attr.value if node.type == "Attribute" else None  # type: ignore[attr-defined]
    return text.upper() if text in ("EU", "US") else None


def init_to_amplitude(ctx: TransformContext) -> TransformResult:
    """``Mixpanel(TOKEN[, consumer=...])`` → ``Amplitude(KEY[, Config(server_zone='EU')])``."""
    b = bound(ctx, ctx.site, "mixpanel.Mixpanel")
    if not b.ok or b.positional or b.stars:
        return TransformResult(review=Review("Mixpanel(...) with unexpected or unpacked arguments; migrate by hand"))
    if "token" not in b.named:
        return TransformResult(review=Review("Mixpanel(...) without a token"))
    eu = False
    dropped: list[str] = []
    for name, arg in b.named.items():
        if name == "token" or is_none(arg.value):
            continue
        if name == "consumer":
            host = _consumer_host(ctx, arg.value)
            if isinstance(host, Review):
                return TransformResult(review=host)
            if host == EU_HOST:
                eu = True
            elif host not in (None, "api.mixpanel.com"):
                return TransformResult(review=Review(f"custom Mixpanel host {host!r}: configure Amplitude server_url by hand"))
            dropped.append("consumer")
        elif name in ("local_flags_config", "remote_flags_config"):
            return TransformResult(review=Review("Mixpanel feature flags have no Amplitude analytics equivalent; migrate by hand"))
        else:
            dropped.append(name)
    key = str_lit(ctx, AMPLITUDE_KEY)
    text = f"Amplitude({key}, Config(server_zone={str_lit(ctx, 'EU')}))" if eu else f"Amplitude({key})"
    notes = ["credential replaced by a placeholder: set your Amplitude API key (a Mixpanel token cannot be reused)"]
    if dropped:
        notes.append("options with no Amplitude mapping were dropped: " + ", ".join(dropped) + " (Amplitude batches itself)")
    notes.append(SHUTDOWN_NOTE)
    return TransformResult(rewrites=[Rewrite(ctx.site.start_byte, ctx.site.end_byte, text)], note="; ".join(notes))


def _consumer_host(ctx: TransformContext, node: PyNode) -> str | None | Review:
    """The ``api_host`` of a literal Consumer/BufferedConsumer (inline or a consumer variable)."""
    call = node
    data = bindings(ctx)
    if node.type in ("Name", "Attribute"):
        hit = None
        if node.type == "Name":
            ref = data.referent(node)
            hit = data.instances.get(id(getattr(ref, "node", None))) if ref is not None else None
        else:
            owner = data._self_class(node.children[0])
            if owner is not None:
                hit = data.fields.get(id(owner.cst), {}).get(node.cst.attr.value)  # type: ignore[attr-defined]
        if hit is None:
            return Review("the consumer is not built in this file; map its host by hand")
        line = hit[1]
        assign = line.children[0] if line.children else None
        if assign is None or assign.type not in ("Assign", "AnnAssign"):
            return Review("the consumer is not built by a plain assignment; map its host by hand")
        call = assign.children[-1]
    if call.type != "Call" or qualified(ctx, call.children[0]) not in ("mixpanel.Consumer", "mixpanel.BufferedConsumer"):
        return Review("the consumer is not a literal Consumer/BufferedConsumer; map it by hand")
    cb = bound(ctx, call)
    if cb.stars:
        return Review("Consumer(...) with unpacked arguments; map it by hand")
    for name in ("events_url", "people_url", "import_url", "groups_url"):
        if name in cb.named and not is_none(cb.named[name].value):
            return Review(f"Consumer({name}=...) sets a custom endpoint; configure Amplitude server_url by hand")
    host = cb.named.get("api_host")
    if host is None or is_none(host.value):
        return None
    value = string_value(host.value)
    if value is None:
        return Review("api_host is not a literal; map residency by hand")
    return value.removeprefix("https://").removeprefix("http://").rstrip("/")
