"""A loopback emulator of the Mixpanel and Amplitude ingestion APIs for end-to-end tests.

It is a real HTTP server (ThreadingHTTPServer on 127.0.0.1, port 0) that validates requests like
the documented APIs (../shared/import-apis.md §1.2-1.4, §4.2-4.4): strict Mixpanel validation
with partial 400s, id and time rules, batch limits -> 413, bad credentials -> 401 (Mixpanel) or
400 "Invalid API key" (Amplitude). A fault schedule injects 429/5xx, timeouts, dropped
connections and slow responses, and a 429 "storm" can be switched on for a while.

It stores what it accepted (deduplicated by insert id, with raw receive counts) so tests can
assert that every record arrived exactly as often as allowed. It never mocks the client.

Export side (issue 5, import-apis.md §2-§3): `GET /api/2/export` (Amplitude: a zip of
`{pid}/{pid}_{date}_{H}#0.json.gz` members from `amp_export`, 404 when the range is empty, the
documented 400 when it holds more than `amp_export_max_rows` rows, 403 on bad keys),
`GET /api/2.0/export` (Mixpanel raw export NDJSON from `mp_export`, gzip when asked) and
`POST /api/query/engage` (Engage paging with `session_id`/`page`, `data_group_id` groups). Faults
for these paths: 429 (with `Retry-After: retry_after`), 5xx, "drop" and "truncate" (a body cut off
mid-way under a full Content-Length).
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import re
import threading
import time
import zipfile
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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
    exports: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)  # (path, status, query)
    export_times: list[float] = field(default_factory=list)  # time.time() of each export/Engage request


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
        # export side
        self.amp_secret_key = "amp-secret-000"
        self.amp_project = 123456
        self.amp_export: dict[str, list[dict[str, Any]]] = {}  # "YYYYMMDDTHH" (upload hour) -> rows
        self.amp_export_max_rows: int | None = None  # more rows in a range -> 400 "too large"
        self.mp_export: dict[str, list[dict[str, Any]]] = {}  # "YYYY-MM-DD" -> events (time in ms)
        self.engage_profiles: list[dict[str, Any]] = []
        self.engage_groups: dict[str, list[dict[str, Any]]] = {}  # data_group_id -> group profiles
        self.engage_page_size = 1000
        self.retry_after = 0
        self.export_slow_s = 0.0
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
                    "/api/query/engage": emulator._engage_query,
                    "/api/2.0/engage": emulator._engage_query,
                }.get(path)
                if route is None:
                    self._reply(path, 404, {"error": "not found"}, 0)
                    return
                status, payload, count = route(self.headers, query, body)
                self._reply(path, status, payload, count)

            def do_GET(self) -> None:
                parsed = urlparse(self.path)
                path = parsed.path
                query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
                with emulator.lock:
                    emulator.state.export_times.append(time.time())
                fault = emulator._next_fault(path)
                if fault == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if emulator.export_slow_s:
                    time.sleep(emulator.export_slow_s)
                if isinstance(fault, int):
                    text = "Too many requests" if fault == 429 else "The amount of data is large causing a timeout"
                    extra = {"Retry-After": str(emulator.retry_after)} if fault == 429 else {}
                    self._send_raw(path, query, fault, text.encode(), "text/plain", extra)
                    return
                route = {"/api/2/export": emulator._amp_export_get, "/api/2.0/export": emulator._mp_export_get}.get(path)
                if route is None:
                    self._send_raw(path, query, 404, b"not found", "text/plain", {})
                    return
                status, data, ctype, extra = route(self.headers, query)
                if fault == "truncate" and status == 200:
                    with emulator.lock:
                        emulator.state.exports.append((path, status, query))
                    self.send_response(200)
                    self.send_header("Content-Type", ctype)
                    for key, value in extra.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.close()
                    return
                self._send_raw(path, query, status, data, ctype, extra)

            def _send_raw(self, path: str, query: dict[str, str], status: int, data: bytes, ctype: str,
                          extra: dict[str, str]) -> None:
                with emulator.lock:
                    emulator.state.exports.append((path, status, query))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                for key, value in extra.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

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


    # -- export side (issue 5) -----------------------------------------------------------------

    def _basic(self, headers: Any) -> tuple[str, str] | None:
        auth = headers.get("Authorization") or ""
        if not auth.startswith("Basic "):
            return None
        try:
            user, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        except ValueError:
            return None
        return user, secret

    def _amp_export_get(self, headers: Any, query: dict[str, str]) -> tuple[int, bytes, str, dict[str, str]]:
        if self._basic(headers) != (self.api_key, self.amp_secret_key):
            return 403, b"Invalid API Key", "text/plain", {}
        try:
            start = datetime.strptime(query["start"], "%Y%m%dT%H")
            end = datetime.strptime(query["end"], "%Y%m%dT%H")
        except (KeyError, ValueError):
            return 400, b"Invalid start or end", "text/plain", {}
        hours = []
        moment = start
        while moment <= end:
            label = moment.strftime("%Y%m%dT%H")
            if self.amp_export.get(label):
                hours.append((moment, self.amp_export[label]))
            moment += timedelta(hours=1)
        total = sum(len(rows) for _, rows in hours)
        if not total:
            return 404, b"Raw data files were not found.", "text/plain", {}
        if self.amp_export_max_rows is not None and total > self.amp_export_max_rows:
            return 400, AMPLITUDE_TOO_LARGE.encode(), "text/plain", {}
        buffer = io.BytesIO()
        pid = self.amp_project
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for moment, rows in hours:
                body = gzip.compress(b"".join(json.dumps(row).encode() + b"\n" for row in rows))
                archive.writestr(f"{pid}/{pid}_{moment:%Y-%m-%d}_{moment.hour}#0.json.gz", body)
        return 200, buffer.getvalue(), "application/zip", {}

    def _mp_export_get(self, headers: Any, query: dict[str, str]) -> tuple[int, bytes, str, dict[str, str]]:
        if self._basic(headers) != self.service_account or query.get("project_id") != self.project_id:
            return 401, b'{"error": "Invalid credentials"}', "application/json", {}
        try:
            first = date.fromisoformat(query["from_date"])
            last = date.fromisoformat(query["to_date"])
        except (KeyError, ValueError):
            return 400, b'{"error": "from_date and to_date are required"}', "application/json", {}
        in_ms = query.get("time_in_ms") == "true"
        lines = []
        day = first
        while day <= last:
            for event in self.mp_export.get(day.isoformat(), []):
                if not in_ms and isinstance(event.get("properties", {}).get("time"), int):
                    event = {**event, "properties": {**event["properties"], "time": event["properties"]["time"] // 1000}}
                lines.append(json.dumps(event).encode() + b"\n")
            day += timedelta(days=1)
        body = b"".join(lines)
        extra: dict[str, str] = {}
        if "gzip" in (headers.get("Accept-Encoding") or "") and body:
            body = gzip.compress(body)
            extra["Content-Encoding"] = "gzip"
        return 200, body, "text/plain; charset=utf-8", extra

    def _engage_query(self, headers: Any, query: dict[str, str], body: bytes) -> tuple[int, Any, int]:
        with self.lock:
            self.state.export_times.append(time.time())
        if self._basic(headers) != self.service_account or query.get("project_id") != self.project_id:
            return 401, {"error": "Invalid credentials", "status": "error"}, 0
        form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
        group = form.get("data_group_id")
        profiles = self.engage_groups.get(group, []) if group else self.engage_profiles
        page = int(form.get("page", "0"))
        session = form.get("session_id")
        expected = f"session-{group or 'users'}"
        if page and session != expected:
            return 400, {"error": "session_id is required for page > 0", "status": "error"}, 0
        size = self.engage_page_size
        results = profiles[page * size : (page + 1) * size]
        with self.lock:
            self.state.exports.append(("/api/query/engage", 200, {**query, **form}))
        return 200, {
            "page": page, "page_size": size, "session_id": expected, "status": "ok",
            "total": len(profiles), "results": results,
        }, len(results)


AMPLITUDE_TOO_LARGE = (
    "The file size of the exported data is too large. Shorten the time ranges and try again. The limit size is 4GB."
)


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
