"""The import pipeline: read records -> transform -> batch -> send or write -> checkpoint -> report.

`run_import(config)` is the library entry point (the CLI and the tests call it). The main thread
reads, transforms and batches; `--workers` sender threads deliver batches (gzip and HTTP release
the GIL, so this overlaps well) and settle each one in the checkpoint after acceptance.

Every record read ends in exactly one place: accepted, rejected with a reason (rejects file),
filtered by --since/--until, folded into a profile, or still pending in the checkpoint
(`undelivered`, exit code 1). This module must never swallow a record without counting it, and
never let one bad record stop the run.
"""

from __future__ import annotations

import gzip
import queue
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from rewriter.importer.batching import (
    ENGAGE,
    EVENTS,
    GROUP_IDENTIFY,
    GROUPS,
    IDENTIFY,
    Batch,
    Batcher,
    Limits,
)
from rewriter.importer.checkpoint import Checkpoint, CheckpointMismatch, atomic_write_lines, skipper
from rewriter.importer.model import ImportConfig, ImportSummary, RawRecord
from rewriter.importer.sinks import FileSink, HttpSink, NullSink, Outcome, Sink, settled_segments
from rewriter.importer.sources import SourceError, SourceUnit, expand_sources, iter_records
from rewriter.importer.transform import (
    Event,
    Reject,
    TransformOptions,
    amplitude_to_mixpanel,
    mixpanel_group_update,
    mixpanel_profile_to_identify,
    mixpanel_profile_update,
    mixpanel_to_amplitude,
)

MIB = 1024 * 1024
MAX_REJECT_RECORD = 1 * MIB
_MAX_CUT_KEYS = 200


class ConfigError(Exception):
    """Bad usage or missing credentials: the CLI exits 2."""


ProgressHook = Callable[[ImportSummary], None]


# --- configuration checks -------------------------------------------------------------------


def _check_config(config: ImportConfig) -> None:
    if not config.sources:
        raise ConfigError("give at least one SOURCE")
    if config.to not in ("mixpanel", "amplitude"):
        raise ConfigError("--to must be mixpanel or amplitude")
    if not 1 <= config.batch_size <= 2000:
        raise ConfigError("--batch-size must be between 1 and 2000")
    if config.workers < 1:
        raise ConfigError("--workers must be at least 1")
    if config.to == "amplitude" and config.region == "in" and not config.api_host:
        raise ConfigError("Amplitude has no India region; use --region us|eu or --api-host")
    if config.sends:
        if config.to == "mixpanel":
            if config.token is None and config.service_account is None:
                raise ConfigError("sending to Mixpanel needs --token or --service-account (or --out DIR)")
            if config.service_account is not None and not config.project_id:
                raise ConfigError("--service-account needs --project-id")
        elif config.api_key is None:
            raise ConfigError("sending to Amplitude needs --api-key (or --out DIR)")


def _limits(config: ImportConfig) -> dict[str, Limits]:
    count = config.batch_size
    if config.to == "mixpanel":
        size = config.batch_bytes or 2 * MIB
        return {
            EVENTS: Limits(min(count, 2000), size),
            ENGAGE: Limits(min(count, 2000), 2 * MIB),
            GROUPS: Limits(min(count, 200), 2 * MIB),
        }
    size = config.batch_bytes or 20_000_000 - 64 * 1024
    return {
        EVENTS: Limits(min(count, 2000), size),
        IDENTIFY: Limits(min(count, 1000), 1_000_000),
        GROUP_IDENTIFY: Limits(min(count, 1024), 1_000_000),
    }


# --- bookkeeping shared with the sender threads -----------------------------------------------


class _Ledger:
    """Summary counters, updated under one lock by the main thread and the senders."""

    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.lock = threading.Lock()

    def cuts(self, cuts: list[str]) -> None:
        counts = self.summary.cuts
        with self.lock:
            for cut in cuts:
                kind, _, name = cut.partition(":")
                counts[kind] = counts.get(kind, 0) + 1
                key = f"{kind}:{name}" if kind != "properties_dropped" else None
                if key is not None and (key in counts or len(counts) < _MAX_CUT_KEYS):
                    counts[key] = counts.get(key, 0) + 1

    def settle(self, batch: Batch, outcome: Outcome) -> None:
        s = self.summary
        with self.lock:
            for *_, reason, _message, _record in batch.rejects:
                s.rejected[reason] = s.rejected.get(reason, 0) + 1
            for _index, reason, _message in outcome.rejected:
                s.rejected[reason] = s.rejected.get(reason, 0) + 1
            if batch.profile_phase:
                s.profiles_sent += batch.count
                s.profiles_accepted += len(outcome.accepted)
                s.profiles_undelivered += len(outcome.undelivered)
            else:
                s.sent += batch.count
                s.accepted += len(outcome.accepted)
                s.undelivered += len(outcome.undelivered)
            s.requests += outcome.requests
            s.retried_requests += outcome.retries
            s.bytes_sent += outcome.bytes_sent
            s.bytes_uncompressed += outcome.bytes_uncompressed
            if outcome.fatal and not s.fatal:
                s.fatal = outcome.fatal


class _SenderPool:
    """`workers` threads that deliver batches and settle them in the checkpoint."""

    def __init__(self, sink: Sink, checkpoint: Checkpoint, ledger: _Ledger, workers: int) -> None:
        self.sink = sink
        self.checkpoint = checkpoint
        self.ledger = ledger
        self.queue: queue.Queue[Batch | None] = queue.Queue(maxsize=workers)
        self.threads = [threading.Thread(target=self._work, daemon=True, name=f"sender-{i}") for i in range(workers)]
        for thread in self.threads:
            thread.start()

    def sink_stopped(self) -> bool:
        stop = getattr(self.sink, "stop", None)
        return bool(stop is not None and stop.is_set())

    def submit(self, batch: Batch) -> None:
        self.queue.put(batch)

    def close(self) -> None:
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join()

    def _work(self) -> None:
        while True:
            batch = self.queue.get()
            if batch is None:
                return
            try:
                outcome = self.sink.deliver(batch)
            except Exception as exc:  # noqa: BLE001 - a sender must never die silently
                outcome = Outcome(undelivered=list(range(batch.count)))
                self.ledger.summary.warnings.append(f"batch {batch.seq} failed: {type(exc).__name__}: {exc}")
            if not outcome.committed:
                self._commit(batch, outcome)
            self.ledger.settle(batch, outcome)

    def _commit(self, batch: Batch, outcome: Outcome) -> None:
        rejects = list(batch.rejects)
        for index, reason, message in outcome.rejected:
            unit, line = batch.keys[index]
            rejects.append((unit, line, reason, message, batch.item(index).decode("utf-8", "replace")))
        undelivered = set(outcome.undelivered)
        settled_profiles = [
            batch.profile_keys[i] for i in range(len(batch.profile_keys)) if i not in undelivered
        ]
        self.checkpoint.commit(
            settled_segments(batch, (batch.keys[i] for i in undelivered)),
            rejects,
            batch.profile_rows(),
            settled_profiles,
        )


# --- the run --------------------------------------------------------------------------------


def _identity(config: ImportConfig, units: list[SourceUnit]) -> dict[str, str]:
    mode = "files" if config.out_dir is not None else "send"
    return {
        "to": config.to,
        "mode": mode,
        "out": str(config.out_dir.resolve()) if config.out_dir else "",
        "sources": orjson.dumps(sorted(u.name for u in units)).decode(),
        "window": f"{config.since_ms}:{config.until_ms}",
    }


def _default_rejects_path(config: ImportConfig) -> Path:
    if config.rejects is not None:
        return config.rejects
    if config.out_dir is not None:
        return config.out_dir / "rejects.ndjson"
    return Path("rejects.ndjson")


class _Pipeline:
    def __init__(self, config: ImportConfig, units: list[SourceUnit], checkpoint: Checkpoint, sink: Sink,
                 summary: ImportSummary, profiles: bool, progress: ProgressHook | None) -> None:
        self.config = config
        self.units = units
        self.checkpoint = checkpoint
        self.sink = sink
        self.summary = summary
        self.profiles = profiles
        self.progress = progress
        self.ledger = _Ledger(summary)
        self.batcher = Batcher(_limits(config))
        self.opts = TransformOptions(
            now_ms=config.now_ms if config.now_ms is not None else int(time.time() * 1000),
            min_id_length=config.min_id_length,
            group_keys=config.group_keys,
        )
        self.max_event = min(_limits(config)[EVENTS].bytes, MIB - 1 if config.to == "mixpanel" else 10**12)
        self.pool = _SenderPool(sink, checkpoint, self.ledger, config.workers)
        self.started = time.monotonic()
        self._last_progress = 0.0

    # main thread ------------------------------------------------------------------------

    def _submit(self, batch: Batch | None) -> None:
        if batch is None:
            return
        self.pool.submit(batch)
        now = time.monotonic()
        if self.progress is not None and now - self._last_progress > 0.25:
            self._last_progress = now
            self.summary.elapsed_s = now - self.started
            self.progress(self.summary)

    def _reject(self, channel: str, record: RawRecord, reason: str, message: str) -> None:
        data = record.data
        text = data.decode("utf-8", "replace").rstrip("\r\n") if isinstance(data, bytes) else orjson.dumps(data).decode()
        batch = self.batcher.note(channel, record.unit, record.line)
        batch.rejects.append((record.unit, record.line, reason, message, text[:MAX_REJECT_RECORD]))
        self._submit(self.batcher.full(channel))

    def run_records(self) -> None:
        done = self.checkpoint.done_ranges()
        for unit in self.units:
            if self.summary.fatal or self.pool.sink_stopped():
                break
            if unit.kind == "mixpanel-profiles" and not self.profiles:
                continue
            skip = self._counting(skipper(done.get(unit.name, [])))
            last_line = 0
            try:
                for record in iter_records(unit, skip):
                    last_line = record.line
                    self._one(unit, record)
                    if self.pool.sink_stopped():
                        break
            except (OSError, EOFError, zlib.error, zipfile.BadZipFile, gzip.BadGzipFile) as exc:
                channel = IDENTIFY if unit.kind == "mixpanel-profiles" else EVENTS
                broken = RawRecord(unit.name, last_line + 1, b"")
                self._reject(channel, broken, "unreadable_source", f"cannot read past line {last_line}: {exc}")
                self.summary.warnings.append(f"{unit.name}: unreadable after line {last_line} ({exc})")
                self.source_errors = True
        for batch in self.batcher.flush():
            self._submit(batch)

    source_errors = False

    def _counting(self, skip: Callable[[int], bool]) -> Callable[[int], bool]:
        summary = self.summary

        def counted(line: int) -> bool:
            if skip(line):
                summary.skipped_resumed += 1
                return True
            return False

        return counted

    def _one(self, unit: SourceUnit, record: RawRecord) -> None:
        self.summary.read += 1
        if unit.kind == "amplitude":
            transform, channel = amplitude_to_mixpanel, EVENTS
        elif unit.kind == "mixpanel":
            transform, channel = mixpanel_to_amplitude, EVENTS
        else:
            transform, channel = mixpanel_profile_to_identify, IDENTIFY
        data = record.data
        if isinstance(data, bytes):
            try:
                obj: Any = orjson.loads(data)
            except orjson.JSONDecodeError as exc:
                self._reject(channel, record, "corrupt_json", f"not valid JSON: {exc}")
                return
        else:
            obj = data
        result = transform(obj, self.opts)
        if isinstance(result, Reject):
            self._reject(channel, record, result.reason, result.message)
            return
        assert isinstance(result, Event)
        if result.payload is None:
            if self.profiles:
                batch = self.batcher.note(channel, record.unit, record.line)
                self._fold(batch, result)
                self.summary.folded += 1
                self._submit(self.batcher.full(channel))
            else:
                self._reject(channel, record, "profile_row", "Amplitude identify row: profile state only, not an event (profiles are off)")
            return
        if unit.kind != "mixpanel-profiles" and (
            (self.config.since_ms is not None and result.time_ms < self.config.since_ms)
            or (self.config.until_ms is not None and result.time_ms >= self.config.until_ms)
        ):
            self.summary.filtered += 1
            self.batcher.note(channel, record.unit, record.line)
            self._submit(self.batcher.full(channel))
            return
        encoded = orjson.dumps(result.payload)
        if len(encoded) > self.max_event:
            self._reject(channel, record, "event_too_large", f"{len(encoded)} bytes after transform; limit {self.max_event}")
            return
        if result.cuts:
            self.ledger.cuts(result.cuts)
        closed = self.batcher.add(channel, record.unit, record.line, encoded)
        if self.profiles and (result.user is not None or result.groups):
            self._fold(self.batcher.current(channel), result)
        self._submit(closed)

    def _fold(self, batch: Batch, event: Event) -> None:
        if event.user is not None:
            batch.fold_profile("user", event.user[0], event.time_ms, event.user[1])
        for gtype, gvalue, props in event.groups or ():
            batch.fold_profile("group", f"{gtype}\x00{gvalue}", event.time_ms, props)

    def run_profiles(self) -> None:
        """Amplitude -> Mixpanel: one /engage $set per user and one /groups $set per group."""
        token = self.config.token.reveal() if (self.config.token is not None and self.config.sends) else ""
        for kind, channel in (("user", ENGAGE), ("group", GROUPS)):
            _total, pending = self.checkpoint.count_profiles(kind)
            self.summary.profiles_read += pending
            for key, blob in self.checkpoint.pending_profiles(kind):
                if self.pool.sink_stopped():
                    return
                cuts: list[str] = []
                props = orjson.loads(blob)
                if kind == "user":
                    payload = mixpanel_profile_update(token, key, props, cuts)
                else:
                    gtype, _, gvalue = key.partition("\x00")
                    payload = mixpanel_group_update(token, gtype, gvalue, props, cuts)
                if not token:
                    payload.pop("$token", None)  # files/dry-run: credentials never go into files
                if cuts:
                    self.ledger.cuts(cuts)
                closed = self.batcher.add(channel, f"(profile {kind}) {key.replace(chr(0), '/')}", 0, orjson.dumps(payload))
                current = self.batcher.current(channel)
                current.profile_phase = True
                current.profile_keys.append((kind, key))
                self._submit(closed)
        for batch in self.batcher.flush():
            batch.profile_phase = True
            self._submit(batch)

    def finish(self) -> None:
        self.pool.close()


def run_import(config: ImportConfig, progress: ProgressHook | None = None) -> ImportSummary:
    """Run one import. Raises ConfigError for bad usage; everything else ends up in the summary."""
    started = time.monotonic()
    _check_config(config)
    try:
        units = expand_sources(config.sources, config.source_kind)
    except SourceError as exc:
        raise ConfigError(str(exc)) from exc
    for unit in units:
        vendor = "amplitude" if unit.kind == "amplitude" else "mixpanel"
        if vendor == config.to:
            raise ConfigError(f"{unit.name} is a {unit.kind} export; it cannot be imported --to {config.to}")

    summary = ImportSummary(
        direction=f"{'amplitude' if config.to == 'mixpanel' else 'mixpanel'} -> {config.to}",
        mode="dry-run" if config.dry_run else ("files" if config.out_dir is not None else "send"),
    )
    profiles = _profiles_enabled(config, units, summary)
    checkpoint = Checkpoint(None if config.dry_run else config.checkpoint)
    try:
        try:
            resumed = checkpoint.bind(_identity(config, units))
        except CheckpointMismatch as exc:
            raise ConfigError(str(exc)) from exc
        if resumed:
            summary.warnings.append(f"resuming from checkpoint {config.checkpoint}")
        summary.checkpoint_path = str(config.checkpoint) if checkpoint.persistent else None
        stop = threading.Event()
        sink: Sink
        if config.dry_run:
            sink = NullSink()
        elif config.out_dir is not None:
            sink = FileSink(config, config.out_dir, checkpoint)
        else:
            sink = HttpSink(config, stop)
        pipeline = _Pipeline(config, units, checkpoint, sink, summary, profiles, progress)
        pipeline.started = started
        try:
            pipeline.run_records()
            if profiles and config.to == "mixpanel" and not summary.fatal:
                _drain(pipeline)
                pipeline.run_profiles()
        finally:
            pipeline.finish()
            summary.output_files = sink.close()
        _write_rejects(config, checkpoint, summary)
        summary.elapsed_s = time.monotonic() - started
        if summary.fatal:
            summary.exit_code = 2
        elif summary.undelivered or summary.profiles_undelivered or pipeline.source_errors:
            summary.exit_code = 1
        return summary
    finally:
        checkpoint.close()


def _drain(pipeline: _Pipeline) -> None:
    """Wait until every event batch settled, so profile state is complete before it is sent."""
    pipeline.pool.close()
    pipeline.pool = _SenderPool(pipeline.sink, pipeline.checkpoint, pipeline.ledger, pipeline.config.workers)


def _profiles_enabled(config: ImportConfig, units: list[SourceUnit], summary: ImportSummary) -> bool:
    if config.profiles is False:
        if any(u.kind == "mixpanel-profiles" for u in units):
            summary.warnings.append("--no-profiles: Engage profile sources were skipped")
        return False
    if config.to == "mixpanel" and config.sends and config.token is None:
        if config.profiles:
            raise ConfigError("profiles need the Mixpanel project token (--token or MIXPANEL_TOKEN) for /engage")
        summary.warnings.append("profiles not sent: /engage and /groups need the project token (--token)")
        return False
    return True


def _write_rejects(config: ImportConfig, checkpoint: Checkpoint, summary: ImportSummary) -> None:
    if config.dry_run and config.rejects is None:
        return
    total = sum(checkpoint.reject_counts().values())
    path = _default_rejects_path(config)
    if total == 0:
        return

    def lines() -> Any:
        for unit, line, reason, message, record in checkpoint.iter_rejects():
            parsed: Any = record
            if record:
                try:
                    parsed = orjson.loads(record)
                except orjson.JSONDecodeError:
                    parsed = record
            yield orjson.dumps(
                {"source": unit, "line": line, "reason": reason, "message": message, "record": parsed}
            )

    atomic_write_lines(path, lines())
    summary.rejects_path = str(path)
