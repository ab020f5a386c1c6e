"""Call signatures and exports of the Python analytics SDKs (sdk-map §3, runtime-verified).

Patterns are written with keywords (``$SDK.track(distinct_id=$U, event_name=$E)``); real code
often passes the same parameters positionally. Knowing each parameter's position lets the matcher
treat ``mp.track(uid, "x")`` and ``mp.track(distinct_id=uid, event_name="x")`` as the same call.
Keys are canonical qualified names: classes as ``module.Class``, client methods as
``module.Class.method``. Only amplitude-analytics 1.3.0 and mixpanel 5.4.1 are described; a
user's own pack falls back to purely positional matching. Data only, no behaviour.
"""

from __future__ import annotations

SIGNATURES: dict[str, tuple[str, ...]] = {
    # amplitude-analytics 1.3.0
    "amplitude.Amplitude": ("api_key", "configuration"),
    "amplitude.Amplitude.track": ("event",),
    "amplitude.Amplitude.identify": ("identify_obj", "event_options", "event_properties"),
    "amplitude.Amplitude.group_identify": (
        "group_type", "group_name", "identify_obj", "event_options", "event_properties", "user_properties",
    ),
    "amplitude.Amplitude.revenue": ("revenue_obj", "event_options"),
    "amplitude.Amplitude.set_group": ("group_type", "group_name", "event_options"),
    "amplitude.Amplitude.flush": (),
    "amplitude.Amplitude.shutdown": (),
    "amplitude.BaseEvent": (
        "event_type", "user_id", "device_id", "time", "event_properties", "user_properties", "groups",
        "group_properties", "app_version", "platform", "os_name", "os_version", "device_brand",
        "device_manufacturer", "device_model", "carrier", "country", "region", "city", "dma", "language", "price",
        "quantity", "revenue", "product_id", "revenue_type", "currency", "location_lat", "location_lng", "ip",
        "idfa", "idfv", "adid", "android_id", "event_id", "session_id", "insert_id", "plan", "ingestion_metadata",
        "partner_id", "user_agent", "callback",
    ),
    "amplitude.EventOptions": (
        "user_id", "device_id", "time", "app_version", "platform", "os_name", "os_version", "device_brand",
        "device_manufacturer", "device_model", "carrier", "country", "region", "city", "dma", "language", "price",
        "quantity", "revenue", "product_id", "revenue_type", "currency", "location_lat", "location_lng", "ip",
        "idfa", "idfv", "adid", "android_id", "event_id", "session_id", "insert_id", "plan", "ingestion_metadata",
        "partner_id", "version_name", "user_agent", "callback",
    ),
    "amplitude.Revenue": (
        "price", "quantity", "product_id", "revenue_type", "receipt", "receipt_sig", "properties", "revenue", "currency",
    ),
    "amplitude.Config": (
        "api_key", "flush_queue_size", "flush_interval_millis", "flush_max_retries", "logger", "min_id_length",
        "callback", "server_zone", "use_batch", "server_url", "storage_provider", "plan", "ingestion_metadata",
        "event_log_level",
    ),
    # mixpanel 5.4.1
    "mixpanel.Mixpanel": ("token", "consumer", "serializer", "local_flags_config", "remote_flags_config", "credentials"),
    "mixpanel.Mixpanel.track": ("distinct_id", "event_name", "properties", "meta"),
    "mixpanel.Mixpanel.import_data": (
        "api_key", "distinct_id", "event_name", "timestamp", "properties", "meta", "api_secret",
    ),
    "mixpanel.Mixpanel.alias": ("alias_id", "original", "meta"),
    "mixpanel.Mixpanel.merge": ("api_key", "distinct_id1", "distinct_id2", "meta", "api_secret"),
    "mixpanel.Mixpanel.people_delete": ("distinct_id", "meta"),
    "mixpanel.Mixpanel.people_track_charge": ("distinct_id", "amount", "properties", "meta"),
    "mixpanel.Mixpanel.people_clear_charges": ("distinct_id", "meta"),
    "mixpanel.Mixpanel.people_update": ("message", "meta"),
    "mixpanel.Mixpanel.group_delete": ("group_key", "group_id", "meta"),
    "mixpanel.Mixpanel.group_update": ("message", "meta"),
    "mixpanel.Consumer": (
        "events_url", "people_url", "import_url", "request_timeout", "groups_url", "api_host", "retry_limit",
        "retry_backoff_factor", "verify_cert", "credentials",
    ),
    "mixpanel.BufferedConsumer": (
        "max_size", "events_url", "people_url", "import_url", "request_timeout", "groups_url", "api_host",
        "retry_limit", "retry_backoff_factor", "verify_cert", "credentials",
    ),
    "mixpanel.BufferedConsumer.flush": (),
}
for _op in ("set", "set_once", "increment", "append", "union", "unset", "remove"):
    SIGNATURES[f"mixpanel.Mixpanel.people_{_op}"] = ("distinct_id", "properties", "meta")
for _op in ("set", "set_once", "union", "unset", "remove"):
    SIGNATURES[f"mixpanel.Mixpanel.group_{_op}"] = ("group_key", "group_id", "properties", "meta")

# Names each SDK's top-level package exports (what a rewrite may need to import).
EXPORTS: dict[str, tuple[str, ...]] = {
    "amplitude": ("Amplitude", "BaseEvent", "Identify", "EventOptions", "Revenue", "Config"),
    "mixpanel": ("Mixpanel", "Consumer", "BufferedConsumer"),
}


def canonical(qualified: str, roots: frozenset[str] = frozenset(EXPORTS)) -> str:
    """``amplitude.event.BaseEvent`` → ``amplitude.BaseEvent``: both SDKs re-export at top level."""
    parts = qualified.split(".")
    if len(parts) > 2 and parts[0] in roots:
        return f"{parts[0]}.{parts[-1]}"
    return qualified
