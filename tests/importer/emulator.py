"""A loopback emulator of the Mixpanel and Amplitude ingestion APIs for end-to-end tests.

It is a real HTTP server (ThreadingHTTPServer on 127.0.0.1, port 0) that validates requests like
the documented APIs (../shared/import-apis.md §1.2-1.4, §4.2-4.4): strict Mixpanel validation
with partial 400s, id and time rules, batch limits -> 413, bad credentials -> 401 (Mixpanel) or
400 "Invalid API key" (Amplitude). A fault schedule injects 429/5xx, timeouts, dropped
connections and slow responses, and a 429 "storm" can be switched on for a while.

It stores what it accepted (deduplicated by insert id, with raw receive counts) so tests can
assert that every record arrived exactly as often as allowed. It never mocks the client.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

MP_BLOCKED = {
    "00000000-0000-0000-0000-000000000000", "anon", "anonymous", "nil", "none", "null", "n/a", "na",
    "undefined", "unknown", "<nil>", "0", "-1", "true", "false", "[]", "{}",
}
AMP_BLOCKED = {
    "anonymous", "nil", "none", "null", "n/a", "na", "undefined", "unknown", "",
    "00000000-0000-0000-0000-000000000000", "{}", "lmy47d", "0", "-1",
}
INSERT_ID = re.compile(r"^[A-Za-z0-9-]{1,36}$")
MIN_MS = 31_536_000_000


@dataclass
class EmulatorState:
    mp_events: dict[str, dict[str, Any]] = field(default_factory=dict)  # $insert_id -> event
    mp_received: Counter[str] = field(default_factory=Counter)  # $insert_id -> times accepted
    engage: dict[str, dict[str, Any]] = field(default_factory=dict)
    engage_updates: int = 0
    groups: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    amp_events: dict[str, dict[str, Any]] = field(default_factory=dict)  # insert_id -> event
    amp_received: Counter[str] = field(default_factory=Counter)
    identify: dict[str, dict[str, Any]] = field(default_factory=dict)
    group_identify: list[dict[str, Any]] = field(default_factory=list)
    log: list[tuple[str, int, int]] = field(default_factory=list)  # (path, status, records)
    headers_seen: list[dict[str, str]] = field(default_factory=list)


class Emulator:
    """Start with `with Emulator() as emu:`; point the importer at `emu.url`."""

    def __init__(
        self,
        *,
        token: str = "mp-token-123",
        service_account: tuple[str, str] = ("svc.user", "svc-secret-456"),
        project_id: str = "4242",
        api_key: str = "amp-key-789",
        now_ms: int | None = None,
        max_import_bytes: int = 2 * 1024 * 1024,
        max_batch: int = 2000,
    ) -> None:
        self.token = token
        self.service_account = service_account
        self.project_id = project_id
        self.api_key = api_key
        self.now_ms = now_ms
        self.max_import_bytes = max_import_bytes
        self.max_batch = max_batch
        self.state = EmulatorState()
        self.lock = threading.Lock()
        self.faults: dict[str, deque[Any]] = {}
        self.storm_until: dict[str, float] = {}
        self.throttle: Counter[str] = Counter()  # Amplitude id -> how many more 429s it gets
        self.slow_s = 0.0
        self.server_min_id_length: int | None = None  # a stricter server-side rule than the client's
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Emulator:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- fault control -------------------------------------------------------------------

    def schedule(self, path: str, *faults: Any) -> None:
        """Queue faults for the next requests to `path`: 429, 500, 503, "timeout", "drop", ("slow", s)."""
        with self.lock:
            self.faults.setdefault(path, deque()).extend(faults)

    def storm(self, path: str, seconds: float) -> None:
        with self.lock:
            self.storm_until[path] = time.monotonic() + seconds

    def requests_to(self, path: str) -> list[tuple[str, int, int]]:
        with self.lock:
            return [entry for entry in self.state.log if entry[0] == path]

    # -- HTTP --------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                parsed = urlparse(self.path)
                path = parsed.path
                with emulator.lock:
                    emulator.state.headers_seen.append(dict(self.headers.items()))
                fault = emulator._next_fault(path)
                if fault == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if fault == "timeout":
                    time.sleep(2.0)
                    self.close_connection = True
                    self.connection.close()
                    return
                if isinstance(fault, tuple) and fault[0] == "slow":
                    time.sleep(fault[1])
                    fault = None
                if emulator.slow_s:
                    time.sleep(emulator.slow_s)
                if isinstance(fault, int):
                    self._reply(path, fault, _error_body(fault), 0)
                    return
                if self.headers.get("Content-Encoding") == "gzip":
                    try:
                        body = gzip.decompress(body)
                    except OSError:
                        self._reply(path, 400, {"code": 400, "error": "bad gzip"}, 0)
                        return
                query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
                route = {
                    "/import": emulator._import,
                    "/engage": emulator._engage,
                    "/groups": emulator._groups,
                    "/batch": emulator._batch,
                    "/identify": emulator._identify,
                    "/groupidentify": emulator._group_identify,
                }.get(path)
                if route is None:
                    self._reply(path, 404, {"error": "not found"}, 0)
                    return
                status, payload, count = route(self.headers, query, body)
                self._reply(path, status, payload, count)

            def _reply(self, path: str, status: int, payload: Any, count: int) -> None:
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                with emulator.lock:
                    emulator.state.log.append((path, status, count))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _next_fault(self, path: str) -> Any:
        with self.lock:
            if self.storm_until.get(path, 0) > time.monotonic():
                return 429
            queue = self.faults.get(path)
            if queue:
                return queue.popleft()
        return None

    def _now(self) -> int:
        return self.now_ms if self.now_ms is not None else int(time.time() * 1000)

    # -- Mixpanel ------------------------------------------------------------------------------

    def _mp_auth_ok(self, headers: Any, query: dict[str, str]) -> bool:
        auth = headers.get("Authorization") or ""
        if not auth.startswith("Basic "):
            return False
        try:
            user, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        except ValueError:
            return False
        if user == self.token and secret == "":
            return True
        return (user, secret) == self.service_account and query.get("project_id") == self.project_id

    def _import(self, headers: Any, query: dict[str, str], body: bytes) -> tuple[int, Any, int]:
        if not self._mp_auth_ok(headers, query):
            return 401, {"code": 401, "error": "Invalid credentials", "status": "Unauthorized"}, 0
        if len(body) > self.max_import_bytes:
            return 413, {
                "code": 413,
                "error": f"request exceeds max limit of {self.max_import_bytes} bytes",
                "status": "Request Entity Too Large",
            }, 0
        try:
            if (headers.get("Content-Type") or "").startswith("application/x-ndjson"):
                records = [json.loads(line) for line in body.splitlines() if line.strip()]
            else:
                records = json.loads(body)
        except ValueError:
            return 400, {"code": 400, "error": "unable to parse body", "status": "Bad Request"}, 0
        if len(records) > self.max_batch:
            return 413, {"code": 413, "error": "too many records", "status": "Request Entity Too Large"}, 0
        failed = []
        good = []
        for index, record in enumerate(records):
            problem = self._mp_problem(record)
            if problem is None:
                good.append(record)
            else:
                field_name, message = problem
                props = record.get("properties") if isinstance(record, dict) else None
                failed.append(
                    {
                        "index": index,
                        "$insert_id": (props or {}).get("$insert_id") if isinstance(props, dict) else None,
                        "field": field_name,
                        "message": message,
                    }
                )
        with self.lock:
            for record in good:
                insert_id = record["properties"]["$insert_id"]
                self.state.mp_events[insert_id] = record
                self.state.mp_received[insert_id] += 1
        if failed:
            return 400, {
                "code": 400,
                "error": "some data points in the request failed validation",
                "status": "Bad Request",
                "num_records_imported": len(good),
                "failed_records": failed,
            }, len(good)
        return 200, {"code": 200, "num_records_imported": len(good), "status": "OK"}, len(good)

    def _mp_problem(self, record: Any) -> tuple[str, str] | None:
        if not isinstance(record, dict) or set(record) - {"event", "properties"}:
            return "event", "record must be {event, properties}"
        if not isinstance(record.get("event"), str) or not record["event"]:
            return "event", "'event' must be a non-empty string"
        props = record.get("properties")
        if not isinstance(props, dict):
            return "properties", "'properties' must be an object"
        time_value = props.get("time")
        if not isinstance(time_value, int | float) or isinstance(time_value, bool):
            return "properties.time", "'properties.time' is invalid: must be specified as seconds since epoch"
        ms = time_value if time_value >= 10_000_000_000 else time_value * 1000
        if ms < MIN_MS or ms > self._now() + 3_600_000:
            return "properties.time", "'properties.time' is out of range"
        distinct = props.get("distinct_id")
        if not isinstance(distinct, str) or distinct.lower() in MP_BLOCKED:
            return "properties.distinct_id", "'properties.distinct_id' is invalid"
        insert_id = props.get("$insert_id")
        if not isinstance(insert_id, str) or not INSERT_ID.match(insert_id) or insert_id.lower() in MP_BLOCKED:
            return "properties.$insert_id", "'properties.$insert_id' is invalid"
        if len(props) >= 255:
            return "properties", "too many properties"
        for key, value in props.items():
            problem = _mp_value_problem(value, 1)
            if problem:
                return f"properties.{key}", problem
        return None

    def _engage(self, headers: Any, query: dict[str, str], body: bytes) -> tuple[int, Any, int]:
        updates, error = _json_array(body)
        if error:
            return 400, {"status": 0, "error": error}, 0
        if len(updates) > self.max_batch:
            return 413, {"status": 0, "error": "too many updates"}, 0
        for update in updates:
            if not isinstance(update, dict) or update.get("$token") != self.token:
                return 400, {"status": 0, "error": "$token is missing or invalid"}, 0
            distinct = update.get("$distinct_id")
            if not isinstance(distinct, str) or not distinct or distinct.lower() in MP_BLOCKED:
                return 400, {"status": 0, "error": "$distinct_id is invalid"}, 0
            if not isinstance(update.get("$set"), dict):
                return 400, {"status": 0, "error": "missing operation"}, 0
        with self.lock:
            for update in updates:
                self.state.engage.setdefault(update["$distinct_id"], {}).update(update["$set"])
                self.state.engage_updates += 1
        return 200, {"status": 1, "error": None}, len(updates)

    def _groups(self, headers: Any, query: dict[str, str], body: bytes) -> tuple[int, Any, int]:
        updates, error = _json_array(body)
        if error:
            return 400, {"status": 0, "error": error}, 0
        if len(updates) > 200:
            return 413, {"status": 0, "error": "too many updates"}, 0
        for update in updates:
            if not isinstance(update, dict) or update.get("$token") != self.token:
                return 400, {"status": 0, "error": "$token is missing or invalid"}, 0
            if not update.get("$group_key") or not update.get("$group_id"):
                return 400, {"status": 0, "error": "$group_key and $group_id are required"}, 0
        with self.lock:
            for update in updates:
                key = (update["$group_key"], update["$group_id"])
                self.state.groups.setdefault(key, {}).update(update.get("$set") or {})
        return 200, {"status": 1, "error": None}, len(updates)

    # -- Amplitude -----------------------------------------------------------------------------

    def _batch(self, headers: Any, query: dict[str, str], body: bytes) -> tuple[int, Any, int]:
        if len(body) > 20_000_000:
            return 413, {"code": 413, "error": "Payload too large"}, 0
        try:
            payload = json.loads(body)
        except ValueError:
            return 400, {"code": 400, "error": "Invalid JSON request body"}, 0
        if not isinstance(payload, dict) or "api_key" not in payload:
            return 400, {"code": 400, "error": "Request missing required field", "missing_field": "api_key"}, 0
        if payload["api_key"] != self.api_key:
            return 400, {"code": 400, "error": "Invalid API key"}, 0
        events = payload.get("events")
        if not isinstance(events, list):
            return 400, {"code": 400, "error": "Request missing required field", "missing_field": "events"}, 0
        if len(events) > self.max_batch:
            return 413, {"code": 413, "error": "Payload too large"}, 0
        min_len = int((payload.get("options") or {}).get("min_id_length", 5))
        if self.server_min_id_length is not None:
            min_len = self.server_min_id_length
        invalid: dict[str, list[int]] = {}
        missing: dict[str, list[int]] = {}
        for index, event in enumerate(events):
            for kind, name in self._amp_problems(event, min_len):
                (invalid if kind == "invalid" else missing).setdefault(name, []).append(index)
        if invalid or missing:
            return 400, {
                "code": 400,
                "error": "Invalid field values on some events",
                "events_with_invalid_fields": invalid,
                "events_with_missing_fields": missing,
            }, 0
        with self.lock:
            throttled_users = {}
            throttled_events = []
            for index, event in enumerate(events):
                for key in ("user_id", "device_id"):
                    ident = event.get(key)
                    if ident is not None and self.throttle.get(ident, 0) > 0:
                        throttled_users[ident] = 1500
                        throttled_events.append(index)
                        break
            if throttled_events:
                for ident in throttled_users:
                    self.throttle[ident] -= 1
                return 429, {
                    "code": 429,
                    "error": "Too many requests for some devices and users",
                    "eps_threshold": 1000,
                    "throttled_devices": {},
                    "throttled_users": throttled_users,
                    "throttled_events": throttled_events,
                }, 0
            for event in events:
                self.state.amp_events[event["insert_id"]] = event
                self.state.amp_received[event["insert_id"]] += 1
        return 200, {
            "code": 200,
            "events_ingested": len(events),
            "payload_size_bytes": len(body),
            "server_upload_time": self._now(),
        }, len(events)

    def _amp_problems(self, event: Any, min_len: int) -> list[tuple[str, str]]:
        if not isinstance(event, dict):
            return [("invalid", "event")]
        problems = []
        if not isinstance(event.get("event_type"), str) or not event["event_type"]:
            problems.append(("missing", "event_type"))
        elif event["event_type"] in ("$identify", "$groupidentify"):
            problems.append(("invalid", "event_type"))
        if "time" in event and (not isinstance(event["time"], int) or event["time"] < MIN_MS):
            problems.append(("invalid", "time"))
        ids = 0
        for key in ("user_id", "device_id"):
            value = event.get(key)
            if value is None:
                continue
            if not isinstance(value, str) or value.lower() in AMP_BLOCKED or len(value) < min_len:
                problems.append(("invalid", key))
            else:
                ids += 1
        if ids == 0 and not any(k == "invalid" for k, _ in problems):
            problems.append(("missing", "user_id"))
        if not isinstance(event.get("insert_id"), str):
            problems.append(("missing", "insert_id"))
        for key, value in (event.get("event_properties") or {}).items():
            if isinstance(value, str) and len(value) > 1024:
                problems.append(("invalid", f"event_properties.{key}"))
        return problems

    def _form(self, body: bytes) -> tuple[str | None, list[Any] | None]:
        form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
        try:
            ident = json.loads(form.get("identification", ""))
        except ValueError:
            return form.get("api_key"), None
        return form.get("api_key"), ident if isinstance(ident, list) else [ident]

    def _identify(self, headers: Any, query: dict[str, str], body: bytes) -> tuple[int, Any, int]:
        key, items = self._form(body)
        if key != self.api_key:
            return 400, {"code": 400, "error": "Invalid API key"}, 0
        if items is None:
            return 400, b"missing_event", 0
        for item in items:
            ident = item.get("user_id") or item.get("device_id") if isinstance(item, dict) else None
            if not isinstance(ident, str) or len(ident) < 5 or ident.lower() in AMP_BLOCKED:
                return 400, b"invalid user_id", 0
        with self.lock:
            for item in items:
                self.state.identify[item.get("user_id") or item.get("device_id")] = item
        return 200, b"success", len(items)

    def _group_identify(self, headers: Any, query: dict[str, str], body: bytes) -> tuple[int, Any, int]:
        key, items = self._form(body)
        if key != self.api_key:
            return 400, {"code": 400, "error": "Invalid API key"}, 0
        if items is None or len(items) > 1024:
            return 400, b"bad identification", 0
        with self.lock:
            self.state.group_identify.extend(items)
        return 200, b"success", len(items)


def _json_array(body: bytes) -> tuple[list[Any], str | None]:
    try:
        data = json.loads(body)
    except ValueError:
        return [], "invalid JSON"
    if not isinstance(data, list):
        return [], "body must be a JSON array"
    return data, None


def _mp_value_problem(value: Any, depth: int) -> str | None:
    if isinstance(value, str):
        return "string longer than 255 bytes" if len(value.encode()) > 255 else None
    if isinstance(value, list):
        if len(value) >= 255:
            return "list longer than 255"
        for item in value:
            problem = _mp_value_problem(item, depth + 1 if isinstance(item, dict) else depth)
            if problem:
                return problem
        return None
    if isinstance(value, dict):
        if depth > 3:
            return "object nested deeper than 3"
        if len(value) >= 255:
            return "object with 255 keys or more"
        for item in value.values():
            problem = _mp_value_problem(item, depth + 1 if isinstance(item, dict) else depth)
            if problem:
                return problem
    return None


def _error_body(status: int) -> dict[str, Any]:
    if status == 429:
        return {
            "code": 429,
            "error": "Project exceeded rate limits. Please retry the request with exponential backoff.",
            "status": "Too Many Requests",
        }
    return {"code": status, "error": "server error", "status": "error"}
