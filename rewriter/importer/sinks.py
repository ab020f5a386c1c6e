"""Where batches go: the vendors' ingestion APIs over HTTP (httpx), output files, or nowhere.

HTTP semantics (import-apis.md §1.2–1.4, §4.2–4.4; issue #4):
- Mixpanel: 429/5xx/timeouts -> exponential backoff with jitter (2 s doubling to 60 s, + 1–5 s);
  413 -> split and resend; 400 -> partial success, only `failed_records` (by index) are rejected,
  never retried; 401/403 -> stop the whole run at once.
- Amplitude: 429 -> resend only the throttled events after 15–30 s while the rest go on at once;
  400 -> the invalid events (by index) are rejected and the rest resent; 413 -> split;
  5xx/timeouts -> backoff (safe because every event carries its deterministic insert_id).
- A 400 without per-record detail is bisected until the bad record is isolated.

A sink must never report a record as accepted unless the server (or the output file) took it,
and must never put a credential into a message, a file, or an exception.
"""

from __future__ import annotations

import base64
import os
import random
import ssl
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, overload
from urllib.parse import urlencode

import httpx
import orjson

from rewriter.importer import codec
from rewriter.importer.batching import ENGAGE, EVENTS, GROUP_IDENTIFY, GROUPS, IDENTIFY, Batch
from rewriter.importer.checkpoint import Checkpoint
from rewriter.importer.model import ImportConfig, RetryPolicy

MIXPANEL_HOSTS = {
    "us": "https://api.mixpanel.com",
    "eu": "https://api-eu.mixpanel.com",
    "in": "https://api-in.mixpanel.com",
}
AMPLITUDE_HOSTS = {"us": "https://api2.amplitude.com", "eu": "https://api.eu.amplitude.com"}
USER_AGENT = "rewriter-import/0.1"


class FatalSendError(Exception):
    """The run cannot continue (bad credentials, wrong endpoint)."""


@dataclass
class Outcome:
    accepted: list[int] = field(default_factory=list)
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # index, reason, message
    undelivered: list[int] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    bytes_sent: int = 0
    bytes_uncompressed: int = 0
    fatal: str | None = None
    committed: bool = False  # the sink already settled the batch in the checkpoint
    undelivered_reasons: dict[str, int] = field(default_factory=dict)  # why, for some undelivered


@dataclass
class Verdict:
    """How to treat one HTTP response for the `n` records it carried."""

    action: str  # accept | split | fatal | resolve
    rejected: dict[int, str] = field(default_factory=dict)  # local index -> message
    throttled: list[int] = field(default_factory=list)  # local indices to resend after a wait
    resend_rest: bool = False  # Amplitude 400: nothing was ingested, resend the valid ones
    bisect: bool = False  # failed without per-record detail
    message: str = ""
    # Amplitude 429 for ids over their daily quota: not retried in this run (local indices)
    over_quota: list[int] = field(default_factory=list)
    quota_ids: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())  # users, devices


class Sink(Protocol):
    def deliver(self, batch: Batch) -> Outcome: ...

    def close(self) -> list[str]: ...


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _json_body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = orjson.loads(response.content)
    except orjson.JSONDecodeError:
        return {}
    return body if isinstance(body, dict) else {}


# --- request builders and response classifiers per target -----------------------------------


class _Protocol:
    """One vendor's endpoints: how to build a request and read a response."""

    retry_statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})
    vendor = ""
    host = ""

    def request(self, channel: str, items: list[bytes]) -> tuple[str, dict[str, str], bytes]:
        raise NotImplementedError

    def whole_request(self, batch: Batch) -> tuple[str, dict[str, str], bytes] | None:
        """The request for all of `batch` without splitting it into items (None: not available)."""
        return None

    def classify(self, channel: str, response: httpx.Response, items: Sequence[bytes]) -> Verdict:
        raise NotImplementedError

    def _auth_failure(self, response: httpx.Response) -> Verdict:
        return Verdict(
            "fatal",
            message=f"{self.vendor} refused the credentials ({response.status_code}: "
            f"{_short(response.text, 120)}); check them and rerun with the same --checkpoint",
        )


class MixpanelProtocol(_Protocol):
    vendor = "Mixpanel"

    def __init__(self, config: ImportConfig) -> None:
        self.host = (config.api_host or MIXPANEL_HOSTS[config.region]).rstrip("/")
        self.level = config.gzip_level
        params = {"strict": "1", "ip": "0"}
        if config.service_account is not None:
            user, secret = config.service_account
            basic = f"{user}:{secret.reveal()}"
            if config.project_id:
                params["project_id"] = config.project_id
        elif config.token is not None:
            basic = f"{config.token.reveal()}:"
        else:
            basic = ""
        self._auth = "Basic " + base64.b64encode(basic.encode()).decode() if basic else ""
        self._import_url = f"{self.host}/import?{urlencode(params)}"
        profile_params = urlencode({"strict": "1", "verbose": "1", "ip": "0"})
        self._engage_url = f"{self.host}/engage?{profile_params}"
        self._groups_url = f"{self.host}/groups?{profile_params}"

    def request(self, channel: str, items: list[bytes]) -> tuple[str, dict[str, str], bytes]:
        headers = {"User-Agent": USER_AGENT}
        if self._auth:
            headers["Authorization"] = self._auth
        if channel == EVENTS:
            headers["Content-Type"] = "application/x-ndjson"
            headers["Content-Encoding"] = "gzip"
            body = codec.compress(b"\n".join(items), self.level)
            return self._import_url, headers, body
        headers["Content-Type"] = "application/json"
        url = self._engage_url if channel == ENGAGE else self._groups_url
        return url, headers, b"[" + b",".join(items) + b"]"

    def whole_request(self, batch: Batch) -> tuple[str, dict[str, str], bytes] | None:
        if batch.channel != EVENTS or not batch.count:
            return None
        if batch.gz is not None and batch.gz_framing == "request":
            body = batch.gz  # compressed once, in the worker process that encoded the batch
        else:
            raw = batch.raw()
            body = codec.compress(memoryview(raw)[:-1], self.level)
        headers = {"User-Agent": USER_AGENT, "Content-Type": "application/x-ndjson", "Content-Encoding": "gzip"}
        if self._auth:
            headers["Authorization"] = self._auth
        return self._import_url, headers, body

    def classify(self, channel: str, response: httpx.Response, items: Sequence[bytes]) -> Verdict:
        status = response.status_code
        if status in (401, 403):
            return self._auth_failure(response)
        if status == 413:
            return Verdict("split", message=_short(response.text))
        if status == 404:
            return Verdict("fatal", message=f"Mixpanel endpoint not found ({response.url.path}); check --api-host/--region")
        body = _json_body(response)
        if status == 200:
            if channel != EVENTS and body.get("status") in (0, "0"):
                return Verdict("resolve", bisect=True, message=str(body.get("error") or "rejected"))
            if channel != EVENTS and response.content.strip() == b"0":
                return Verdict("resolve", bisect=True, message="rejected (status 0)")
            return Verdict("accept")
        failed = body.get("failed_records")
        if isinstance(failed, list) and failed:
            rejected: dict[int, str] = {}
            for entry in failed:
                if not isinstance(entry, dict) or not isinstance(entry.get("index"), int):
                    continue
                index = entry["index"]
                if 0 <= index < len(items):
                    field_name = entry.get("field")
                    message = str(entry.get("message") or body.get("error") or "failed validation")
                    rejected[index] = f"{field_name}: {message}" if field_name else message
            if rejected:
                return Verdict("resolve", rejected=rejected, message=str(body.get("error", "")))
        return Verdict("resolve", bisect=True, message=_short(str(body.get("error") or response.text)))


class AmplitudeProtocol(_Protocol):
    vendor = "Amplitude"
    retry_statuses = frozenset({500, 502, 503, 504})

    def __init__(self, config: ImportConfig) -> None:
        region = config.region if config.region in AMPLITUDE_HOSTS else "us"
        self.host = (config.api_host or AMPLITUDE_HOSTS[region]).rstrip("/")
        key = config.api_key.reveal() if config.api_key is not None else ""
        self._key = key
        self._key_json = orjson.dumps(key)
        options = {"min_id_length": config.min_id_length} if config.min_id_length != 5 else None
        self._options = b',"options":' + orjson.dumps(options) if options else b""

    def request(self, channel: str, items: list[bytes]) -> tuple[str, dict[str, str], bytes]:
        headers = {"User-Agent": USER_AGENT}
        if channel == EVENTS:
            headers["Content-Type"] = "application/json"
            body = b'{"api_key":' + self._key_json + b',"events":[' + b",".join(items) + b"]" + self._options + b"}"
            return f"{self.host}/batch", headers, body
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        path = "/identify" if channel == IDENTIFY else "/groupidentify"
        form = urlencode({"api_key": self._key, "identification": "[" + b",".join(items).decode() + "]"})
        return f"{self.host}{path}", headers, form.encode()

    def whole_request(self, batch: Batch) -> tuple[str, dict[str, str], bytes] | None:
        if batch.channel != EVENTS or not batch.count:
            return None
        # encoded JSON never holds a raw newline, so the NDJSON buffer becomes the array by replace
        events = bytes(batch.raw()[:-1]).replace(b"\n", b",")
        body = b'{"api_key":' + self._key_json + b',"events":[' + events + b"]" + self._options + b"}"
        return f"{self.host}/batch", {"User-Agent": USER_AGENT, "Content-Type": "application/json"}, body

    def classify(self, channel: str, response: httpx.Response, items: Sequence[bytes]) -> Verdict:
        status = response.status_code
        if status == 200:
            return Verdict("accept")
        if status in (401, 403):
            return self._auth_failure(response)
        if status in (413, 414):
            return Verdict("split", message=_short(response.text))
        if status == 404:
            return Verdict("fatal", message=f"Amplitude endpoint not found ({response.url.path}); check --api-host/--region")
        body = _json_body(response)
        error = str(body.get("error") or "")
        if status == 400 and "api key" in error.lower():
            return self._auth_failure(response)
        if status == 429:
            users, devices = _id_keys(body, "exceeded_daily_quota_users"), _id_keys(body, "exceeded_daily_quota_devices")
            over = _matching(items, users, devices) if (users or devices) else []
            throttled = self._throttled(body, items)
            if over:
                skip = set(over)
                throttled = [i for i in throttled if i not in skip]
            return Verdict("resolve", throttled=throttled, resend_rest=True, message=error,
                           over_quota=over, quota_ids=(users, devices))
        if status == 400 and channel == EVENTS:
            rejected: dict[int, str] = {}
            for key, label in (("events_with_invalid_fields", "invalid"), ("events_with_missing_fields", "missing")):
                groups = body.get(key)
                if isinstance(groups, dict):
                    for field_name, indices in groups.items():
                        for index in indices if isinstance(indices, list) else []:
                            if isinstance(index, int) and 0 <= index < len(items):
                                rejected.setdefault(index, f"{label} field {field_name}: {error}")
            for index in body.get("silenced_events") or []:
                if isinstance(index, int) and 0 <= index < len(items):
                    rejected.setdefault(index, f"device silenced by Amplitude: {error}")
            throttled = [
                i for i in (body.get("throttled_events") or []) if isinstance(i, int) and 0 <= i < len(items)
            ]
            if rejected or throttled:
                return Verdict("resolve", rejected=rejected, throttled=throttled, resend_rest=True, message=error)
        return Verdict("resolve", bisect=True, message=_short(error or response.text))

    @staticmethod
    def _throttled(body: dict[str, Any], items: Sequence[bytes]) -> list[int]:
        events = body.get("throttled_events")
        if isinstance(events, list) and events:
            return [i for i in events if isinstance(i, int) and 0 <= i < len(items)]
        users = _id_keys(body, "throttled_users") | _id_keys(body, "exceeded_daily_quota_users")
        devices = _id_keys(body, "throttled_devices") | _id_keys(body, "exceeded_daily_quota_devices")
        if not users and not devices:
            return list(range(len(items)))
        return _matching(items, users, devices) or list(range(len(items)))


def _id_keys(body: dict[str, Any], key: str) -> frozenset[str]:
    value = body.get(key)
    return frozenset(str(k) for k in value) if isinstance(value, dict) else frozenset()


def _matching(items: Sequence[bytes], users: frozenset[str], devices: frozenset[str]) -> list[int]:
    """Indices of the Amplitude events whose user_id or device_id is named."""
    hits = []
    for index, item in enumerate(items):
        event = orjson.loads(item)
        if event.get("user_id") in users or event.get("device_id") in devices:
            hits.append(index)
    return hits


# --- the HTTP sink ------------------------------------------------------------------------------


def tls_context(host: str) -> ssl.SSLContext:
    """One TLS context for every client of a run.

    httpx builds (and loads the whole CA bundle into) a new context per client unless given one:
    ~25 ms of CPU for each of `--workers` clients. A plain-http host (a loopback emulator, a
    local proxy) gets a context with no CA loaded at all: it is never used, and should a request
    reach TLS anyway it verifies against nothing, so it fails closed.
    """
    if host.lower().startswith("http://"):
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return httpx.create_ssl_context()


class HttpSink:
    """Sends batches with retries; one httpx client per worker thread, one shared TLS context."""

    def __init__(self, config: ImportConfig, stop: threading.Event) -> None:
        self.protocol: _Protocol = MixpanelProtocol(config) if config.to == "mixpanel" else AmplitudeProtocol(config)
        self.policy: RetryPolicy = config.retry
        self.stop = stop
        self._local = threading.local()
        self._tls = tls_context(self.protocol.host)
        self._clients: list[httpx.Client] = []
        self._clients_lock = threading.Lock()
        self.fatal: str | None = None
        # Amplitude ids over their daily quota (429 exceeded_daily_quota_*): their events are held
        # back for the rest of the run (left pending in the checkpoint for a rerun after the 24 h
        # window) instead of being resent every 15-30 s to no avail.
        self.over_quota_users: set[str] = set()
        self.over_quota_devices: set[str] = set()
        self.over_quota_events = 0
        self._quota_lock = threading.Lock()

    def _client(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            client = httpx.Client(
                timeout=self.policy.timeout, http2=False, follow_redirects=False, verify=self._tls
            )
            self._local.client = client
            self._local.rng = random.Random()
            with self._clients_lock:
                self._clients.append(client)
        return client

    def close(self) -> list[str]:
        with self._clients_lock:
            for client in self._clients:
                client.close()
            self._clients.clear()
        return []

    def deliver(self, batch: Batch) -> Outcome:
        out = Outcome()
        proto = self.protocol
        channel = batch.channel
        ready: deque[list[int]] = deque([list(range(batch.count))] if batch.count else [])
        deferred: list[tuple[float, list[int]]] = []
        throttle_rounds = 0
        if ready and (self.over_quota_users or self.over_quota_devices) and channel == EVENTS:
            ready = deque([self._hold_over_quota(batch, ready[0], out)])
            if not ready[0]:
                ready.clear()
        while ready or deferred:
            if not ready:
                deferred.sort(key=lambda d: d[0])
                wake, idxs = deferred.pop(0)
                if self.stop.wait(max(0.0, wake - time.monotonic())):
                    out.undelivered.extend(idxs)
                    continue
                ready.append(idxs)
            idxs = ready.popleft()
            if self.stop.is_set():
                out.undelivered.extend(idxs)
                continue
            items = _Items(batch, idxs)
            response = self._post(channel, items, out)
            if response is None:
                out.undelivered.extend(idxs)
                continue
            verdict = proto.classify(channel, response, items)
            if verdict.action == "accept":
                out.accepted.extend(idxs)
            elif verdict.action == "fatal":
                out.fatal = verdict.message
                self.fatal = self.fatal or verdict.message
                self.stop.set()
                out.undelivered.extend(idxs)
            elif verdict.action == "split":
                if len(idxs) == 1:
                    out.rejected.append((idxs[0], "too_large", f"{proto.vendor} 413: {verdict.message}"))
                else:
                    half = len(idxs) // 2
                    ready.appendleft(idxs[half:])
                    ready.appendleft(idxs[:half])
            else:
                reason = f"rejected_by_{proto.vendor.lower()}"
                for local, message in verdict.rejected.items():
                    out.rejected.append((idxs[local], reason, message))
                if verdict.over_quota:
                    self._note_over_quota(verdict.quota_ids, [idxs[i] for i in verdict.over_quota], out)
                throttled = [idxs[i] for i in verdict.throttled if i not in verdict.rejected]
                skip = set(verdict.rejected) | set(verdict.throttled) | set(verdict.over_quota)
                rest = [idxs[i] for i in range(len(idxs)) if i not in skip]
                if verdict.bisect and not verdict.rejected and not verdict.throttled:
                    if len(idxs) == 1:
                        out.rejected.append((idxs[0], reason, verdict.message))
                    else:
                        half = len(idxs) // 2
                        ready.appendleft(idxs[half:])
                        ready.appendleft(idxs[:half])
                    continue
                if rest:
                    if verdict.resend_rest:
                        ready.append(rest)
                    else:
                        out.accepted.extend(rest)
                if throttled:
                    throttle_rounds += 1
                    if throttle_rounds > self.policy.max_attempts:
                        out.undelivered.extend(throttled)
                        continue
                    out.retries += 1
                    wait = self.policy.throttle_wait(self._local.rng.random())
                    deferred.append((time.monotonic() + wait, throttled))
        return out

    def _note_over_quota(self, ids: tuple[frozenset[str], frozenset[str]], idxs: list[int], out: Outcome) -> None:
        with self._quota_lock:
            self.over_quota_users.update(ids[0])
            self.over_quota_devices.update(ids[1])
            self.over_quota_events += len(idxs)
        out.undelivered.extend(idxs)
        out.undelivered_reasons["amplitude_daily_quota"] = out.undelivered_reasons.get("amplitude_daily_quota", 0) + len(idxs)

    def _hold_over_quota(self, batch: Batch, idxs: list[int], out: Outcome) -> list[int]:
        """Leave out (undelivered) the events of ids already known to be over their daily quota."""
        with self._quota_lock:
            users, devices = frozenset(self.over_quota_users), frozenset(self.over_quota_devices)
        held = set(_matching(_Items(batch, idxs), users, devices))
        if not held:
            return idxs
        self._note_over_quota((frozenset(), frozenset()), [idxs[i] for i in sorted(held)], out)
        return [idx for i, idx in enumerate(idxs) if i not in held]

    def _post(self, channel: str, items: _Items, out: Outcome) -> httpx.Response | None:
        """POST with backoff on 429/5xx/timeouts. None when retries ran out or the run stopped."""
        client = self._client()
        whole = self.protocol.whole_request(items.batch) if items.whole else None
        if whole is not None:
            url, headers, body = whole
            out.bytes_uncompressed += items.batch.size
        else:
            url, headers, body = self.protocol.request(channel, items.list())
            out.bytes_uncompressed += sum(len(i) + 1 for i in items.list())
        for attempt in range(1, self.policy.max_attempts + 1):
            if self.stop.is_set():
                return None
            out.requests += 1
            out.bytes_sent += len(body)
            retry_after = 0.0
            try:
                response = client.post(url, content=body, headers=headers)
            except (httpx.TimeoutException, httpx.TransportError):
                pass
            else:
                if response.status_code not in self.protocol.retry_statuses:
                    return response
                retry_after = _retry_after(response)
            if attempt == self.policy.max_attempts:
                break
            out.retries += 1
            delay = max(self.policy.backoff(attempt, self._local.rng.random()), retry_after)
            if self.stop.wait(delay):
                return None
        return None


class _Items(Sequence[bytes]):
    """Some items of a batch, materialised only if a request or a classifier needs them one by one."""

    def __init__(self, batch: Batch, idxs: list[int]) -> None:
        self.batch = batch
        self.idxs = idxs
        self.whole = len(idxs) == batch.count and idxs == list(range(batch.count))
        self._list: list[bytes] | None = None

    def list(self) -> list[bytes]:
        if self._list is None:
            self._list = self.batch.payloads(self.idxs)
        return self._list

    def __len__(self) -> int:
        return len(self.idxs)

    @overload
    def __getitem__(self, index: int) -> bytes: ...

    @overload
    def __getitem__(self, index: slice) -> list[bytes]: ...

    def __getitem__(self, index: int | slice) -> bytes | list[bytes]:
        return self.list()[index]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.list())


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after")
    try:
        return min(float(value), 300.0) if value else 0.0
    except ValueError:
        return 0.0


# --- file and null sinks ------------------------------------------------------------------------

_FILE_PREFIX = {
    ("mixpanel", EVENTS): "mixpanel-events",
    ("mixpanel", ENGAGE): "mixpanel-profiles",
    ("mixpanel", GROUPS): "mixpanel-groups",
    ("amplitude", EVENTS): "amplitude-events",
    ("amplitude", IDENTIFY): "amplitude-identify",
    ("amplitude", GROUP_IDENTIFY): "amplitude-groupidentify",
}


class FileSink:
    """Writes target-format NDJSON parts (gzip for Mixpanel) through `.partial` files.

    Each batch is appended as one complete unit (a gzip member for Mixpanel, so the file stays a
    valid gzip stream) and settled in the checkpoint together with the part's new length. On
    resume a `.partial` file is cut back to its committed length, so a killed run never leaves a
    half-written record behind. A part is renamed to its final name when full or at the end.
    """

    def __init__(self, config: ImportConfig, out_dir: Path, checkpoint: Checkpoint) -> None:
        self.target = config.to
        self.out_dir = out_dir
        self.checkpoint = checkpoint
        self.part_bytes = config.out_part_bytes
        self.level = config.gzip_level
        self.gzip = config.to == "mixpanel"
        self._lock = threading.Lock()
        self._opened: dict[str, Any] = {}
        self.finished: list[str] = []
        out_dir.mkdir(parents=True, exist_ok=True)

    def _state(self, channel: str) -> tuple[int, int, int]:
        """(part index, committed bytes, uncompressed bytes) of the channel's part to append to.

        The checkpoint names the last part written to. If that part was finished already (renamed
        from `.partial` when it filled up, or at the end of a run that was killed afterwards or
        completed), the next part starts fresh: the finished one is never opened again.
        """
        raw = self.checkpoint.get_meta(f"part.{channel}")
        if raw is None:
            return 1, 0, 0
        index, offset, used = (int(x) for x in raw.split(":"))
        final = self._path(channel, index)
        if offset and final.exists() and not final.with_name(final.name + ".partial").exists():
            return index + 1, 0, 0
        return index, offset, used

    def _path(self, channel: str, index: int) -> Path:
        suffix = ".ndjson.gz" if self.gzip else ".ndjson"
        return self.out_dir / f"{_FILE_PREFIX[(self.target, channel)]}-{index:05d}{suffix}"

    def deliver(self, batch: Batch) -> Outcome:
        size = batch.size
        if self.gzip and batch.gz is not None and batch.gz_framing == "file":
            blob = batch.gz  # compressed once, in the worker process that encoded the batch
        else:
            data = bytes(batch.raw())
            blob = codec.compress(data, self.level) if (self.gzip and data) else data
        with self._lock:
            index, offset, used = self._state(batch.channel)
            if blob and used and used + size > self.part_bytes:
                self._finish(batch.channel, index)
                index, offset, used = index + 1, 0, 0
            if blob:
                handle = self._handle(batch.channel, index, offset)
                handle.write(blob)
                handle.flush()
                offset += len(blob)
                used += size
            self.checkpoint.commit(
                _segments(batch, ()),
                batch.rejects,
                batch.profile_rows(),
                batch.profile_keys,
                meta={f"part.{batch.channel}": f"{index}:{offset}:{used}"},
            )
        return Outcome(
            accepted=list(range(batch.count)),
            bytes_uncompressed=size,
            bytes_sent=len(blob),
            committed=True,
        )

    def _handle(self, channel: str, index: int, offset: int) -> Any:
        current = self._opened.get(channel)
        if current is not None and current[0] == index:
            return current[1]
        partial = self._path(channel, index).with_name(self._path(channel, index).name + ".partial")
        if offset and not partial.exists():
            # committed records are gone from disk (neither the part nor its .partial is there):
            # padding a new file with zeros up to `offset` would only hide that
            raise FileNotFoundError(f"{partial} holds {offset} committed bytes but is missing")
        handle = open(partial, "r+b" if partial.exists() else "w+b")  # noqa: SIM115
        handle.truncate(offset)  # drop anything written after the last commit
        handle.seek(offset)
        self._opened[channel] = (index, handle)
        return handle

    def _finish(self, channel: str, index: int) -> None:
        current = self._opened.pop(channel, None)
        if current is not None:
            current[1].flush()
            os.fsync(current[1].fileno())
            current[1].close()
        final = self._path(channel, index)
        partial = final.with_name(final.name + ".partial")
        if partial.exists():
            os.replace(partial, final)
            self.finished.append(str(final))

    def close(self) -> list[str]:
        with self._lock:
            for channel in list(_channels_for(self.target)):
                index, offset, _ = self._state(channel)
                if offset:
                    self._handle(channel, index, offset)
                    self._finish(channel, index)
        # only the parts this run finished: a rerun that wrote nothing must not claim earlier parts
        return sorted(set(self.finished))


def _channels_for(target: str) -> list[str]:
    return [channel for (tgt, channel) in _FILE_PREFIX if tgt == target]


class NullSink:
    """--dry-run: accepts everything, sends and writes nothing."""

    def deliver(self, batch: Batch) -> Outcome:
        return Outcome(accepted=list(range(batch.count)), bytes_uncompressed=batch.size)

    def close(self) -> list[str]:
        return []


def _segments(batch: Batch, undelivered_keys: Any) -> list[tuple[str, int, int]]:
    """The batch's line ranges, minus the lines whose records were not delivered."""
    excluded = set(undelivered_keys)
    if not excluded:
        return [(unit, first, last) for unit, first, last in batch.segments]
    out: list[tuple[str, int, int]] = []
    for unit, first, last in batch.segments:
        start = first
        for line in range(first, last + 1):
            if (unit, line) in excluded:
                if start < line:
                    out.append((unit, start, line - 1))
                start = line + 1
        if start <= last:
            out.append((unit, start, last))
    return out


settled_segments = _segments
