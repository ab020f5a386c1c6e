"""`--from-api`: pull the source vendor's export API window by window, resumably (issue 5).

Instead of SOURCE files, `rewriter import --from-api amplitude|mixpanel --start D --end D` downloads
the export itself, one window at a time (a day by default), and hands each downloaded window to the
ordinary pipeline as source units. Endpoints, limits and status codes: ../shared/import-apis.md
§2 (Mixpanel raw export, Engage query) and §3 (Amplitude Export API).

- Amplitude `GET /api/2/export?start=YYYYMMDDTHH&end=YYYYMMDDTHH` (Basic api_key:secret_key): the
  zip is streamed to a file on disk (never held in memory). 404 = an empty window; 400 ("The file
  size of the exported data is too large ... The limit size is 4GB.") splits the window: several
  days into days, a day into hours; an hour that is still too large fails (use Amplitude's S3
  export for it). 429/5xx/timeouts back off (Retry-After honoured); repeated 504s split as well.
- Mixpanel `GET /api/2.0/export?from_date&to_date&project_id&time_in_ms=true` (service account):
  the NDJSON body (gzip on the wire when offered) is streamed through a per-window dedupe on the
  Mixpanel 4-tuple (event, distinct_id, time, $insert_id) — the raw export is never deduplicated,
  and duplicates share `time`, so they share a window — and an optional `--timezone-offset` (projects
  created before 2023 export project time, not UTC), into a gzip file on disk. The documented limits
  (3 queries/s, 60/hour) are kept by a rate limiter whose history lives in the checkpoint.
- Mixpanel profiles: Engage query pages (`session_id`/`page`) -> the Identify API through the
  pipeline; group profiles (`data_group_id`) -> the Group Identify API, sent from here.

Every window is recorded in the checkpoint (`windows` table): `downloaded` (its file is on disk and
the pipeline resumes it line by line), `done`/`empty` (a rerun skips it without a request), `split`
(replaced by its children) or `failed` (retried by the next run; the run exits 1). A window is
marked done only after every batch made from it settled; then its download is deleted.

This module must never print or store a credential: they live in `Secret`s, go into the
Authorization header only, and no message here is built from a request's headers.
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
import threading
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlencode

import httpx
import orjson

from rewriter.importer import codec
from rewriter.importer.checkpoint import Checkpoint
from rewriter.importer.model import ImportConfig, ImportSummary, Secret
from rewriter.importer.sinks import AMPLITUDE_HOSTS, FileSink
from rewriter.importer.sources import SourceError, SourceUnit, expand_sources

AMPLITUDE_EXPORT_HOSTS = {"us": "https://amplitude.com", "eu": "https://analytics.eu.amplitude.com"}
MIXPANEL_EXPORT_HOSTS = {
    "us": "https://data.mixpanel.com",
    "eu": "https://data-eu.mixpanel.com",
    "in": "https://data-in.mixpanel.com",
}
MIXPANEL_QUERY_HOSTS = {"us": "https://mixpanel.com", "eu": "https://eu.mixpanel.com", "in": "https://in.mixpanel.com"}
# The documented 400 body of the Amplitude Export API (export.md, "Status codes").
AMPLITUDE_TOO_LARGE = (
    "The file size of the exported data is too large. Shorten the time ranges and try again. The limit size is 4GB."
)
USER_AGENT = "rewriter-import/0.1 (export)"
HOUR = timedelta(hours=1)
_CHUNK = 1 << 20
_GATEWAY_TIMEOUTS_BEFORE_SPLIT = 3
_GROUP_BATCH = 1024  # Group Identify: <= 1024 groups and <= 1 MB per request
_GROUP_BYTES = 900_000
_AMP_MAX_STRING = 1024


class ExportError(Exception):
    """A --from-api option that cannot work (the CLI exits 2)."""


@dataclass(frozen=True)
class ExportSpec:
    """What to pull. Built by the CLI (`--from-api …`) or directly by tests."""

    vendor: Literal["amplitude", "mixpanel"]
    start: date
    end: date  # inclusive
    api_key: Secret | None = None  # Amplitude source project
    secret_key: Secret | None = None
    service_account: tuple[str, Secret] | None = None  # Mixpanel source project
    project_id: str | None = None
    region: str = "us"
    host: str | None = None  # one host for export and Engage (proxies, the loopback emulator)
    window_days: int = 1
    timezone_offset_hours: float = 0.0  # Mixpanel projects created before 2023 export project time
    engage: bool = True  # Mixpanel user profiles (when profiles are on)
    group_profiles: tuple[tuple[str, str], ...] = ()  # (data_group_id, group key)
    download_dir: Path | None = None  # default: next to the checkpoint
    keep_downloads: bool = False
    export_rate: tuple[int, int] = (3, 60)  # Mixpanel raw export: queries per second, per hour
    query_rate: tuple[int, int] = (5, 60)  # Mixpanel query API (Engage): per second (concurrency 5), per hour
    read_timeout: float = 600.0  # an export may take minutes before its first byte

    def identity(self) -> str:
        host = self.host or self.region
        extra = f":tz{self.timezone_offset_hours:g}" if self.timezone_offset_hours else ""
        project = self.project_id or ""
        return f"api:{self.vendor}:{host}:{project}:{self.start}..{self.end}:{self.window_days}d{extra}"


# --- windows -------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Window:
    """A range of whole hours, both ends inclusive (UTC; Mixpanel: project days)."""

    first: datetime
    last: datetime

    @property
    def hours(self) -> int:
        return int((self.last - self.first) / HOUR) + 1

    @property
    def label(self) -> str:
        return f"{self.first:%Y%m%dT%H}-{self.last:%Y%m%dT%H}"

    @property
    def day(self) -> str:
        return f"{self.first:%Y-%m-%d}"

    def children(self) -> list[Window]:
        """Several days -> days; one day (or less) -> hours; one hour -> nothing."""
        step = timedelta(days=1) if self.hours > 24 else HOUR
        out = []
        first = self.first
        while first <= self.last:
            last = min(first + step - HOUR, self.last)
            out.append(Window(first, last))
            first = last + HOUR
        return out if len(out) > 1 else []


def plan_windows(start: date, end: date, days: int) -> list[Window]:
    first = datetime(start.year, start.month, start.day, tzinfo=UTC)
    stop = datetime(end.year, end.month, end.day, 23, tzinfo=UTC)
    out = []
    while first <= stop:
        last = min(first + timedelta(days=days) - HOUR, stop)
        out.append(Window(first, last))
        first = last + HOUR
    return out


# --- rate limiting -------------------------------------------------------------------------------


class RateLimiter:
    """At most `per_second` calls in any second and `per_hour` in any hour (wall clock).

    `history` seeds the limiter with earlier calls (kept in the checkpoint), so that a rerun right
    after a crash does not spend an hourly budget that the killed run already used.
    """

    def __init__(self, per_second: int, per_hour: int, history: list[float] | None = None,
                 clock: Callable[[], float] = time.time, sleep: Callable[[float], None] = time.sleep,
                 margin: float = 0.1) -> None:
        # The vendor counts a query when it arrives, not when we send it: `margin` seconds of
        # slack keep the budget even when one request is delayed on the way and the next is not.
        self.margin = max(0.0, margin)
        self.per_second = max(1, per_second)
        self.per_hour = max(1, per_hour)
        self.clock = clock
        self.sleep = sleep
        self.calls: deque[float] = deque(sorted(history or [])[-self.per_hour :])
        self.waited = 0.0

    def delay(self, now: float) -> float:
        while self.calls and now - self.calls[0] >= 3600.0:
            self.calls.popleft()
        wait = 0.0
        if len(self.calls) >= self.per_hour:
            wait = self.calls[-self.per_hour] + 3600.0 - now
        window = 1.0 + self.margin
        in_second = [t for t in self.calls if now - t < window]
        if len(in_second) >= self.per_second:
            wait = max(wait, in_second[-self.per_second] + window - now)
        return max(0.0, wait)

    def acquire(self) -> None:
        while True:
            now = self.clock()
            wait = self.delay(now)
            if wait <= 0:
                self.calls.append(now)
                return
            self.waited += wait
            self.sleep(wait)

    def history(self) -> list[float]:
        return list(self.calls)


# --- HTTP ----------------------------------------------------------------------------------------


class _Incomplete(Exception):
    """A 200 whose body ended early or is not what it should be: download it again."""


@dataclass
class _Fetched:
    status: str  # ok | empty | split | failed | fatal
    value: Any = None
    message: str = ""


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after")
    try:
        return min(max(float(value), 0.0), 3600.0) if value else 0.0
    except ValueError:
        return 0.0


def _check_length(response: httpx.Response) -> None:
    expected = response.headers.get("content-length")
    if expected and expected.isdigit() and int(expected) != response.num_bytes_downloaded:
        raise _Incomplete(f"got {response.num_bytes_downloaded} of {expected} bytes")


# --- group profiles (Mixpanel Engage data_group_id -> Amplitude Group Identify) -------------------


def mixpanel_group_to_group_identify(record: Any, group_key: str) -> dict[str, Any] | str:
    """One Engage group result `{"$distinct_id": id, "$properties": {...}}` -> a Group Identify object.

    Returns the reason text when the record cannot be used.
    """
    if not isinstance(record, dict) or not isinstance(record.get("$properties", {}), dict):
        return "group profile is not {\"$distinct_id\", \"$properties\": {...}}"
    value = record.get("$distinct_id", record.get("$group_id"))
    if value is None or isinstance(value, bool) or not str(value).strip():
        return "group profile has no $distinct_id (group id)"
    props: dict[str, Any] = {}
    for key, item in (record.get("$properties") or {}).items():
        if key in ("$last_seen", "$distinct_id", "$group_key", "$group_id") or key.startswith("$mp_"):
            continue
        name = key[1:] if key.startswith("$") else key
        props[name[:_AMP_MAX_STRING]] = item[:_AMP_MAX_STRING] if isinstance(item, str) else item
    return {"group_type": group_key, "group_value": str(value)[:_AMP_MAX_STRING], "group_properties": {"$set": props}}


# --- --out: one folder of parts per window date ---------------------------------------------------


class _NamespacedCheckpoint:
    """The checkpoint as one date folder's FileSink sees it: its part offsets under their own keys."""

    def __init__(self, checkpoint: Checkpoint, prefix: str) -> None:
        self._checkpoint = checkpoint
        self._prefix = prefix

    def get_meta(self, key: str) -> str | None:
        return self._checkpoint.get_meta(self._prefix + key)

    def commit(self, segments: Any, rejects: Any, profiles: Any = (), profile_keys_settled: Any = (),
               meta: dict[str, str] | None = None) -> None:
        renamed = {self._prefix + k: v for k, v in (meta or {}).items()} or None
        self._checkpoint.commit(segments, rejects, profiles, profile_keys_settled, renamed)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._checkpoint, name)


class DatedFileSink:
    """`--out` with `--from-api`: events go to `DIR/<YYYY-MM-DD>/…-00001.ndjson[.gz]` by window.

    Each date folder is a complete, independently uploadable set of parts (≤ 1 GB each) for Mixpanel
    Cloud Import or Amplitude's bucket import; it is finished (renamed from `.partial`) as soon as
    the import moves past that date. Profiles go to DIR itself. The switch happens only while the
    pipeline is idle (between windows, after the barrier), so no batch is in flight.

    `deliver` runs on every sender thread at once. There must be exactly one `FileSink` per date
    folder: two would each keep their own handle and part offsets on the same `.partial` file, so
    one truncates or overwrites what the other wrote and committed (records lost although settled).
    So the folder's sink is made once, under `_lock`, and a switch (`use`, `close`) waits until no
    delivery is in progress before it finishes the folder.
    """

    def __init__(self, config: ImportConfig, checkpoint: Checkpoint) -> None:
        assert config.out_dir is not None
        self.config = config
        self.out_dir = config.out_dir
        self.checkpoint = checkpoint
        self.root = FileSink(config, config.out_dir, checkpoint)
        self._label: str | None = None
        self._sink: Any = None
        self._finished: list[str] = []
        self._started = time.time()  # files modified since then were written by this run
        self._lock = threading.Condition()
        self._delivering = 0  # deliveries in progress (sender threads)

    def use(self, label: str | None) -> None:
        with self._lock:
            if label == self._label:
                return
            self._close_current()
            self._label = label

    def _close_current(self) -> None:
        """Finish the current folder (under `_lock`), once no batch is being written to it."""
        self._lock.wait_for(lambda: self._delivering == 0)
        if self._sink is not None and self._sink is not self.root:
            self._finished += self._sink.close()
        self._sink = None

    def _current(self) -> Any:
        """The current folder's sink, made on first use (under `_lock`)."""
        if self._sink is None:
            if self._label is None:
                self._sink = self.root
            else:
                prefix = f"dated.{self._label}."
                self._sink = FileSink(self.config, self.out_dir / self._label,
                                      _NamespacedCheckpoint(self.checkpoint, prefix))  # type: ignore[arg-type]
        return self._sink

    def deliver(self, batch: Any) -> Any:
        with self._lock:
            sink = self._current()
            self._delivering += 1
        try:
            return sink.deliver(batch)  # FileSink serialises its own appends
        finally:
            with self._lock:
                self._delivering -= 1
                self._lock.notify_all()

    def close(self) -> list[str]:
        with self._lock:
            self._close_current()
        files = set(self._finished) | set(self.root.close())
        # group profile files are written whole by the source (not through a sink): the ones
        # written by this run (a rerun that skips finished windows writes none)
        files |= {
            str(p) for p in self.out_dir.glob("amplitude-groupidentify-*.ndjson") if p.stat().st_mtime >= self._started
        }
        return sorted(files)


# --- the source ----------------------------------------------------------------------------------


@dataclass
class _Hooks:
    checkpoint: Checkpoint
    summary: ImportSummary
    barrier: Callable[[], None]
    stopped: Callable[[], bool]
    profiles: bool
    sink: Any = None


@dataclass
class _Progress:
    windows_done: int = 0
    windows_skipped: int = 0
    windows_empty: int = 0
    windows_split: int = 0
    windows_failed: list[str] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    downloaded_bytes: int = 0


class ApiSource:
    """Lazily yields the source units of one window after another, downloading each when its turn comes."""

    def __init__(self, config: ImportConfig, spec: ExportSpec) -> None:
        self.config = config
        self.spec = spec
        self._check()
        self.progress = _Progress()
        self.incomplete = False
        self._hooks: _Hooks | None = None
        self._temp: tempfile.TemporaryDirectory[str] | None = None
        self._client: httpx.Client | None = None
        self._rng = random.Random()
        self.spool = Path()
        self._limiters: dict[str, RateLimiter] = {}

    # -- set-up -------------------------------------------------------------------------------

    def _check(self) -> None:
        spec, config = self.spec, self.config
        if spec.vendor not in ("amplitude", "mixpanel"):
            raise ExportError("--from-api must be amplitude or mixpanel")
        if config.sources:
            raise ExportError("give either SOURCE files or --from-api, not both")
        if spec.end < spec.start:
            raise ExportError("--end is before --start")
        if spec.window_days < 1:
            raise ExportError("--window-days must be at least 1")
        if spec.vendor == "amplitude":
            if config.to != "mixpanel":
                raise ExportError("--from-api amplitude imports into Mixpanel: use --to mixpanel")
            if not spec.api_key or not spec.secret_key:
                raise ExportError("--from-api amplitude needs the source project's --api-key and --secret-key")
            if spec.region not in AMPLITUDE_EXPORT_HOSTS and not spec.host:
                raise ExportError("Amplitude exports from region us or eu")
            if (spec.end - spec.start).days >= 365 and spec.window_days > 365:
                raise ExportError("an Amplitude export call covers at most 365 days: lower --window-days")
        else:
            if config.to != "amplitude":
                raise ExportError("--from-api mixpanel imports into Amplitude: use --to amplitude")
            if spec.service_account is None or not spec.project_id:
                raise ExportError("--from-api mixpanel needs --service-account USER:SECRET and --project-id")

    def attach(self, checkpoint: Checkpoint, summary: ImportSummary, barrier: Callable[[], None],
               stopped: Callable[[], bool], profiles: bool, sink: Any = None) -> None:
        """Called by run_import once the checkpoint is bound and the pipeline exists."""
        self._hooks = _Hooks(checkpoint, summary, barrier, stopped, profiles, sink)
        if self.spec.download_dir is not None:
            self.spool = self.spec.download_dir
        elif checkpoint.persistent:
            self.spool = checkpoint.path.with_name(checkpoint.path.name + ".downloads")
        else:
            self._temp = tempfile.TemporaryDirectory(prefix="rewriter-export-")
            self.spool = Path(self._temp.name)
        self.spool.mkdir(parents=True, exist_ok=True)
        policy = self.config.retry
        self._client = httpx.Client(
            timeout=httpx.Timeout(policy.timeout, read=max(policy.timeout, self.spec.read_timeout)),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def file_sink(self, config: ImportConfig, checkpoint: Checkpoint) -> DatedFileSink:
        return DatedFileSink(config, checkpoint)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._temp is not None:
            self._temp.cleanup()
            self._temp = None
        elif not self.incomplete and self.spool != Path() and not self.spec.keep_downloads:
            try:
                self.spool.rmdir()  # only when empty: every window settled
            except OSError:
                pass

    @property
    def hooks(self) -> _Hooks:
        assert self._hooks is not None, "attach() first"
        return self._hooks

    # -- the unit stream --------------------------------------------------------------------------

    def units(self) -> Iterator[SourceUnit]:
        if self.spec.vendor == "mixpanel" and not self.spec.timezone_offset_hours:
            self.hooks.summary.warnings.append(
                "Mixpanel projects created before 2023 export in project time, not UTC: if yours is one, "
                "rerun with --timezone-offset HOURS (the project's UTC offset) and a new --checkpoint"
            )
        yield from self._event_windows()
        if self.spec.vendor == "mixpanel" and self.hooks.profiles and self._going():
            yield from self._profiles()
        if self._going():
            self._use_out(None)  # profiles (Amplitude -> Mixpanel) are written to DIR itself
        self._report()

    def _going(self) -> bool:
        return not (self.hooks.summary.fatal or self.hooks.stopped())

    def _event_windows(self) -> Iterator[SourceUnit]:
        checkpoint = self.hooks.checkpoint
        pending: deque[Window] = deque(plan_windows(self.spec.start, self.spec.end, self.spec.window_days))
        now = datetime.now(UTC)
        if pending and pending[-1].last + 3 * HOUR > now:
            self.hooks.summary.warnings.append(
                "the export range ends less than 3 hours ago: the vendor may not have all of it yet"
            )
        while pending and self._going():
            window = pending.popleft()
            key = f"{self.spec.vendor}:{window.label}"
            state, info = checkpoint.get_window(key) or ("new", {})
            if state in ("done", "empty"):
                self.progress.windows_skipped += 1
                continue
            if state == "split":
                pending.extendleft(reversed(window.children()))
                continue
            path = self._spooled(info) if state == "downloaded" else None
            if path is None:
                fetched = self._download(window)
                if fetched.status == "fatal":
                    self.hooks.summary.fatal = fetched.message
                    return
                if fetched.status == "stopped":
                    return
                if fetched.status == "empty":
                    checkpoint.set_window(key, "empty", {})
                    self.progress.windows_empty += 1
                    continue
                if fetched.status == "split":
                    children = window.children() if self.spec.vendor == "amplitude" else []
                    if children:
                        checkpoint.set_window(key, "split", {"children": [c.label for c in children], "why": fetched.message})
                        self.progress.windows_split += 1
                        pending.extendleft(reversed(children))
                        continue
                    fetched = _Fetched("failed", message=f"{fetched.message} (a single hour cannot be split: "
                                       "export it through Amplitude's Amazon S3 / GCS export instead)")
                if fetched.status == "failed":
                    self._fail(key, window.label, fetched.message)
                    continue
                path, info = fetched.value
                checkpoint.set_window(key, "downloaded", info)
            yield from self._settle(key, window.day, path, "amplitude" if self.spec.vendor == "amplitude" else "mixpanel")

    def _settle(self, key: str, day: str | None, path: Path, kind: str) -> Iterator[SourceUnit]:
        """Yield a downloaded window's units, then wait until they settled and mark the window done."""
        try:
            units = expand_sources([path], kind)  # type: ignore[arg-type]
        except SourceError:
            units = []  # a zip without data members: nothing in this window
        self._use_out(day)
        summary = self.hooks.summary
        before = (summary.undelivered, summary.rejected.get("unreadable_source", 0))
        for unit in units:
            if not self._going():
                break
            yield unit
        self.hooks.barrier()
        after = (summary.undelivered, summary.rejected.get("unreadable_source", 0))
        if self._going() and before == after:
            info = self.hooks.checkpoint.get_window(key)
            self.hooks.checkpoint.set_window(key, "done", {**(info[1] if info else {}), "file": None})
            self.progress.windows_done += 1
            if not self.spec.keep_downloads:
                path.unlink(missing_ok=True)
        else:
            self.incomplete = True

    def _fail(self, key: str, label: str, message: str) -> None:
        self.hooks.checkpoint.set_window(key, "failed", {"why": message})
        self.progress.windows_failed.append(label)
        self.hooks.summary.warnings.append(f"export window {label} failed: {message}; rerun to retry it")
        self.incomplete = True

    def _spooled(self, info: dict[str, Any]) -> Path | None:
        name = info.get("file")
        if not name:
            return None
        path = self.spool / name
        try:
            if path.stat().st_size == int(info.get("bytes", -1)):
                return path
        except OSError:
            pass
        return None  # gone or torn: download the window again

    def _use_out(self, day: str | None) -> None:
        sink = self._hooks.sink if self._hooks is not None else None
        if isinstance(sink, DatedFileSink):
            sink.use(day)

    def _report(self) -> None:
        p = self.progress
        summary = self.hooks.summary
        duplicates = sum(int(info.get("duplicates", 0)) for _key, _state, info in self.hooks.checkpoint.list_windows())
        parts = [f"{p.windows_done} downloaded and settled"]
        if p.windows_skipped:
            parts.append(f"{p.windows_skipped} already done earlier")
        if p.windows_empty:
            parts.append(f"{p.windows_empty} empty")
        if p.windows_split:
            parts.append(f"{p.windows_split} split (over the export size limit)")
        if p.windows_failed:
            parts.append(f"{len(p.windows_failed)} failed")
        summary.warnings.append(
            f"{self.spec.vendor} export API: windows {', '.join(parts)}; {p.requests} export requests "
            f"({p.retries} retried), {p.downloaded_bytes:,} bytes downloaded"
        )
        if duplicates:
            summary.warnings.append(
                f"mixpanel raw export: {duplicates} duplicate rows dropped (same event, distinct_id, time and $insert_id)"
            )
        waited = sum(limiter.waited for limiter in self._limiters.values())
        if waited >= 1:
            summary.warnings.append(f"waited {waited:.0f} s to stay within Mixpanel's export/query rate limits")

    # -- downloads -------------------------------------------------------------------------------

    def _limiter(self, name: str) -> RateLimiter:
        limiter = self._limiters.get(name)
        if limiter is None:
            per_second, per_hour = self.spec.export_rate if name == "export" else self.spec.query_rate
            raw = self.hooks.checkpoint.get_meta(f"ratelimit.{name}")
            history = [float(x) for x in orjson.loads(raw)] if raw else []
            limiter = self._limiters[name] = RateLimiter(per_second, per_hour, history)
        return limiter

    def _download(self, window: Window) -> _Fetched:
        if self.spec.vendor == "amplitude":
            return self._download_amplitude(window)
        return self._download_mixpanel(window)

    def _fetch(self, what: str, method: str, url: str, *, auth: tuple[str, str], params: dict[str, str],
               form: dict[str, str] | None, on_ok: Callable[[httpx.Response], Any], not_found: str,
               splittable: bool = False, limiter: str | None = None) -> _Fetched:
        """One logical request with retries. Messages never contain credentials."""
        assert self._client is not None
        policy = self.config.retry
        gateway_timeouts = 0
        last = ""
        body = urlencode(form).encode() if form is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if form is not None else {}
        for attempt in range(1, policy.max_attempts + 1):
            if self.hooks.stopped():
                return _Fetched("stopped")
            if limiter is not None:
                lim = self._limiter(limiter)
                lim.acquire()
                self.hooks.checkpoint.set_meta(f"ratelimit.{limiter}", orjson.dumps(lim.history()).decode())
            self.progress.requests += 1
            retry_after = 0.0
            try:
                with self._client.stream(method, url, params=params, content=body, headers=headers,
                                         auth=httpx.BasicAuth(*auth)) as response:
                    status = response.status_code
                    if status == 200:
                        value = on_ok(response)
                        self.progress.downloaded_bytes += response.num_bytes_downloaded
                        return _Fetched("ok", value) if value is not None else _Fetched("empty")
                    text = response.read()[:4096].decode("utf-8", "replace")
                    retry_after = _retry_after(response)
            except _Incomplete as exc:
                last = f"incomplete body ({exc})"
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                last = f"{type(exc).__name__}"
            else:
                if status == 404 and not_found == "empty":
                    return _Fetched("empty")
                if status in (401, 403):
                    return _Fetched("fatal", message=f"{what} refused the credentials ({status}: {_short(text, 120)}); "
                                    "check them and rerun with the same --checkpoint")
                if status == 404:
                    return _Fetched("fatal", message=f"{what}: endpoint not found (404); check --from-region/--export-host")
                if status == 400:
                    if splittable:
                        return _Fetched("split", message=_short(text) or "400")
                    return _Fetched("failed", message=f"400: {_short(text)}")
                if status == 504 and splittable:
                    gateway_timeouts += 1
                    if gateway_timeouts >= _GATEWAY_TIMEOUTS_BEFORE_SPLIT:
                        return _Fetched("split", message=f"{gateway_timeouts} gateway timeouts (504): too much data")
                if status not in (408, 429, 500, 502, 503, 504, 524):
                    return _Fetched("failed", message=f"{status}: {_short(text)}")
                last = f"{status}: {_short(text, 120)}"
            if attempt == policy.max_attempts:
                break
            self.progress.retries += 1
            time.sleep(max(policy.backoff(attempt, self._rng.random()), retry_after))
        return _Fetched("failed", message=f"gave up after {policy.max_attempts} attempts (last: {last})")

    def _download_amplitude(self, window: Window) -> _Fetched:
        spec = self.spec
        host = (spec.host or AMPLITUDE_EXPORT_HOSTS[spec.region]).rstrip("/")
        name = f"amplitude-{window.label}.zip"
        dest = self.spool / name

        def on_ok(response: httpx.Response) -> Any:
            part = dest.with_name(name + ".part")
            size = 0
            with open(part, "wb") as handle:
                for chunk in response.iter_bytes(_CHUNK):
                    handle.write(chunk)
                    size += len(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            _check_length(response)
            if size == 0:
                part.unlink()
                return None
            if not zipfile.is_zipfile(part):
                part.unlink()
                raise _Incomplete("the body is not a complete zip")
            os.replace(part, dest)
            return dest, {"file": name, "bytes": size}

        assert spec.api_key is not None and spec.secret_key is not None
        return self._fetch(
            f"Amplitude export {window.label}", "GET", f"{host}/api/2/export",
            auth=(spec.api_key.reveal(), spec.secret_key.reveal()),
            params={"start": f"{window.first:%Y%m%dT%H}", "end": f"{window.last:%Y%m%dT%H}"},
            form=None, on_ok=on_ok, not_found="empty", splittable=True,
        )

    def _mixpanel_auth(self) -> tuple[str, str]:
        assert self.spec.service_account is not None
        user, secret = self.spec.service_account
        return user, secret.reveal()

    def _download_mixpanel(self, window: Window) -> _Fetched:
        spec = self.spec
        host = (spec.host or MIXPANEL_EXPORT_HOSTS[spec.region]).rstrip("/")
        name = f"mixpanel-{window.first:%Y-%m-%d}_{window.last:%Y-%m-%d}.ndjson.gz"
        dest = self.spool / name
        shift = round(spec.timezone_offset_hours * 3600)

        def on_ok(response: httpx.Response) -> Any:
            part = dest.with_name(name + ".part")
            seen: set[bytes] = set()
            counts = {"lines": 0, "duplicates": 0}
            with codec.open_writer(part, 1) as out:
                pending = b""
                for chunk in response.iter_bytes(_CHUNK):
                    pending += chunk
                    lines = pending.split(b"\n")
                    pending = lines.pop()
                    for line in lines:
                        _dedupe_line(line, seen, shift, counts, out)
                if pending.strip():
                    _dedupe_line(pending, seen, shift, counts, out)
            _check_length(response)
            if counts["lines"] == 0:
                part.unlink()
                return None
            os.replace(part, dest)
            return dest, {"file": name, "bytes": dest.stat().st_size, "records": counts["lines"],
                          "duplicates": counts["duplicates"]}

        assert spec.project_id is not None
        return self._fetch(
            f"Mixpanel export {window.first:%Y-%m-%d}..{window.last:%Y-%m-%d}", "GET", f"{host}/api/2.0/export",
            auth=self._mixpanel_auth(),
            params={"from_date": f"{window.first:%Y-%m-%d}", "to_date": f"{window.last:%Y-%m-%d}",
                    "project_id": spec.project_id, "time_in_ms": "true"},
            form=None, on_ok=on_ok, not_found="empty", limiter="export",
        )

    # -- Mixpanel profiles -------------------------------------------------------------------------

    def _profiles(self) -> Iterator[SourceUnit]:
        checkpoint = self.hooks.checkpoint
        self._use_out(None)
        jobs: list[tuple[str, str | None, str | None]] = []
        if self.spec.engage:
            jobs.append(("engage:users", None, None))
        for group_id, group_key in self.spec.group_profiles:
            jobs.append((f"engage:group:{group_id}", group_id, group_key))
        for key, group_id, group_key in jobs:
            if not self._going():
                return
            state, info = checkpoint.get_window(key) or ("new", {})
            if state in ("done", "empty"):
                self.progress.windows_skipped += 1
                continue
            path = self._spooled(info) if state == "downloaded" else None
            if path is None:
                fetched = self._download_engage(key, group_id)
                if fetched.status == "fatal":
                    self.hooks.summary.fatal = fetched.message
                    return
                if fetched.status == "stopped":
                    return
                if fetched.status == "empty":
                    checkpoint.set_window(key, "empty", {})
                    self.progress.windows_empty += 1
                    continue
                if fetched.status == "failed":
                    self._fail(key, key, fetched.message)
                    continue
                path, info = fetched.value
                checkpoint.set_window(key, "downloaded", info)
            if group_id is None:
                yield from self._settle(key, None, path, "mixpanel-profiles")
            else:
                assert group_key is not None
                self.hooks.barrier()
                if self._send_groups(key, path, group_id, group_key):
                    checkpoint.set_window(key, "done", {**info, "file": None})
                    self.progress.windows_done += 1
                    if not self.spec.keep_downloads:
                        path.unlink(missing_ok=True)
                else:
                    self.incomplete = True

    def _download_engage(self, key: str, group_id: str | None) -> _Fetched:
        spec = self.spec
        host = (spec.host or MIXPANEL_QUERY_HOSTS[spec.region]).rstrip("/")
        name = "engage-users.ndjson" if group_id is None else f"engage-group-{_safe(group_id)}.ndjson"
        dest = self.spool / name
        part = dest.with_name(name + ".part")
        count = 0
        session_id: str | None = None
        page = 0
        assert spec.project_id is not None
        with open(part, "wb") as handle:
            while True:
                form: dict[str, str] = {}
                if group_id is not None:
                    form["data_group_id"] = group_id
                if session_id is not None:
                    form["session_id"] = session_id
                    form["page"] = str(page)

                def on_ok(response: httpx.Response) -> Any:
                    try:
                        data = orjson.loads(response.read())
                    except orjson.JSONDecodeError as exc:
                        raise _Incomplete("Engage page is not JSON") from exc
                    if not isinstance(data, dict) or not isinstance(data.get("results", []), list):
                        raise _Incomplete("Engage page has no results list")
                    return data

                fetched = self._fetch(
                    f"Mixpanel Engage query ({key}, page {page})", "POST", f"{host}/api/query/engage",
                    auth=self._mixpanel_auth(), params={"project_id": spec.project_id}, form=form,
                    on_ok=on_ok, not_found="fatal", limiter="query",
                )
                if fetched.status != "ok":
                    handle.close()
                    part.unlink(missing_ok=True)
                    return fetched
                data = fetched.value
                results = data.get("results") or []
                for result in results:
                    handle.write(orjson.dumps(result) + b"\n")
                count += len(results)
                page_size = data.get("page_size")
                page_size = page_size if isinstance(page_size, int) and page_size > 0 else 1000
                if len(results) < page_size or not data.get("session_id"):
                    break
                session_id = str(data["session_id"])
                page = int(data.get("page", page)) + 1
            handle.flush()
            os.fsync(handle.fileno())
        if count == 0:
            part.unlink()
            return _Fetched("empty")
        os.replace(part, dest)
        return _Fetched("ok", (dest, {"file": name, "bytes": dest.stat().st_size, "records": count}))

    def _send_groups(self, key: str, path: Path, group_id: str, group_key: str) -> bool:
        """Group profiles -> Amplitude Group Identify (or a file with --out). True when all settled."""
        summary = self.hooks.summary
        checkpoint = self.hooks.checkpoint
        unit = f"mixpanel-engage data_group_id={group_id} ({group_key})"
        items: list[tuple[int, bytes]] = []
        rejects: list[tuple[str, int, str, str, str | None]] = []
        with open(path, "rb") as handle:
            for line_no, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                summary.profiles_read += 1
                try:
                    record = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    rejects.append((unit, line_no, "corrupt_json", f"not valid JSON: {exc}", line.decode("utf-8", "replace")))
                    continue
                ident = mixpanel_group_to_group_identify(record, group_key)
                if isinstance(ident, str):
                    rejects.append((unit, line_no, "malformed_record", ident, line.decode("utf-8", "replace").rstrip()))
                    continue
                items.append((line_no, orjson.dumps(ident)))
        for reject in rejects:
            summary.rejected[reject[2]] = summary.rejected.get(reject[2], 0) + 1
        summary.profiles_rejected += len(rejects)
        if rejects:
            checkpoint.commit([], rejects)
        summary.profiles_sent += len(items)
        if self.config.dry_run:
            summary.profiles_accepted += len(items)
            return True
        if self.config.out_dir is not None:
            out = self.config.out_dir / f"amplitude-groupidentify-{_safe(group_id)}.ndjson"
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = out.with_name(out.name + ".partial")
            tmp.write_bytes(b"".join(item + b"\n" for _line, item in items))
            os.replace(tmp, out)
            summary.profiles_accepted += len(items)
            return True
        sender = _GroupSender(self.config, self.progress)
        try:
            accepted, refused, undelivered, fatal = sender.send(items)
        finally:
            sender.close()
        summary.profiles_accepted += accepted
        summary.profiles_undelivered += undelivered
        if refused:
            rows = [(unit, line_no, "rejected_by_amplitude", message, item.decode()) for line_no, item, message in refused]
            checkpoint.commit([], rows)
            summary.rejected["rejected_by_amplitude"] = summary.rejected.get("rejected_by_amplitude", 0) + len(rows)
            summary.profiles_rejected += len(rows)
        if fatal and not summary.fatal:
            summary.fatal = fatal
        return undelivered == 0 and not fatal


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text)[:80]


def _dedupe_line(line: bytes, seen: set[bytes], shift: int, counts: dict[str, int], out: Any) -> None:
    """Write one raw-export line unless it repeats an earlier (event, distinct_id, time, $insert_id)."""
    if not line.strip():
        return
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        record = None  # handed on as it is: the pipeline lists it as corrupt_json, with its line
    if isinstance(record, dict) and isinstance(record.get("properties"), dict):
        props = record["properties"]
        insert_id = props.get("$insert_id")
        if insert_id is not None:  # Mixpanel does not deduplicate events without one either
            blob = orjson.dumps([record.get("event"), props.get("distinct_id"), props.get("time"), insert_id],
                                option=orjson.OPT_NON_STR_KEYS)
            digest = hashlib.blake2b(blob, digest_size=16).digest()
            if digest in seen:
                counts["duplicates"] += 1
                return
            seen.add(digest)
        if shift:
            moment = props.get("time")
            if isinstance(moment, int | float) and not isinstance(moment, bool):
                # project time -> UTC; the export sends ms here (time_in_ms=true), seconds otherwise
                props["time"] = moment - (shift * 1000 if moment >= 10_000_000_000 else shift)
                line = orjson.dumps(record)
    counts["lines"] += 1
    out.write(line.rstrip(b"\r\n") + b"\n")


class _GroupSender:
    """POST /groupidentify with the pipeline's retry policy (429/5xx back off, 400 bisects)."""

    def __init__(self, config: ImportConfig, progress: _Progress) -> None:
        region = config.region if config.region in AMPLITUDE_HOSTS else "us"
        self.url = (config.api_host or AMPLITUDE_HOSTS[region]).rstrip("/") + "/groupidentify"
        assert config.api_key is not None
        self.key = config.api_key
        self.policy = config.retry
        self.progress = progress
        self.client = httpx.Client(timeout=self.policy.timeout, headers={"User-Agent": USER_AGENT})
        self.rng = random.Random()

    def close(self) -> None:
        self.client.close()

    def send(self, items: list[tuple[int, bytes]]) -> tuple[int, list[tuple[int, bytes, str]], int, str | None]:
        accepted = 0
        refused: list[tuple[int, bytes, str]] = []
        undelivered = 0
        todo: deque[list[tuple[int, bytes]]] = deque()
        batch: list[tuple[int, bytes]] = []
        size = 0
        for item in items:
            if batch and (len(batch) >= _GROUP_BATCH or size + len(item[1]) > _GROUP_BYTES):
                todo.append(batch)
                batch, size = [], 0
            batch.append(item)
            size += len(item[1]) + 1
        if batch:
            todo.append(batch)
        while todo:
            part = todo.popleft()
            status, message = self._post([payload for _line, payload in part])
            if status == 200:
                accepted += len(part)
            elif status in (401, 403) or (status == 400 and "api key" in message.lower()):
                return accepted, refused, undelivered + len(part) + sum(len(p) for p in todo), (
                    f"Amplitude refused the credentials ({status}); check them and rerun with the same --checkpoint")
            elif status in (400, 413, 414) and len(part) > 1:
                half = len(part) // 2
                todo.appendleft(part[half:])
                todo.appendleft(part[:half])
            elif status in (400, 413, 414):
                refused.append((part[0][0], part[0][1], f"Group Identify {status}: {message}"))
            else:
                undelivered += len(part)
        return accepted, refused, undelivered, None

    def _post(self, payloads: list[bytes]) -> tuple[int | None, str]:
        form = urlencode({"api_key": self.key.reveal(), "identification": "[" + b",".join(payloads).decode() + "]"})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        last: tuple[int | None, str] = (None, "")
        for attempt in range(1, self.policy.max_attempts + 1):
            self.progress.requests += 1
            retry_after = 0.0
            try:
                response = self.client.post(self.url, content=form.encode(), headers=headers)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                last = (None, type(exc).__name__)
            else:
                if response.status_code not in (429, 500, 502, 503, 504):
                    return response.status_code, _short(response.text)
                last = (response.status_code, _short(response.text))
                retry_after = _retry_after(response)
                if response.status_code == 429:
                    retry_after = max(retry_after, self.policy.throttle_wait(self.rng.random()))
            if attempt == self.policy.max_attempts:
                break
            self.progress.retries += 1
            time.sleep(max(self.policy.backoff(attempt, self.rng.random()), retry_after))
        return last
