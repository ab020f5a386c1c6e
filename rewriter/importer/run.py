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

import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from rewriter.importer import chunks
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
from rewriter.importer.checkpoint import Checkpoint, CheckpointMismatch, atomic_write_lines
from rewriter.importer.chunks import (
    AUTO_POOL_MIN_BYTES,
    Chunk,
    ChunkContext,
    ChunkResult,
    ChunkRunner,
    auto_processes,
    whole_units,
)
from rewriter.importer.model import ConfigError, ImportConfig, ImportSummary, RawRecord
from rewriter.importer.shape import ShapeOptions
from rewriter.importer.sinks import FileSink, HttpSink, NullSink, Outcome, Sink, settled_segments
from rewriter.importer.sources import (
    READ_ERRORS,
    SourceError,
    SourceUnit,
    expand_sources,
    is_engage_page,
    iter_line_blocks,
    iter_records,
    source_bytes,
    unreadable_message,
)
from rewriter.importer.transform import TransformOptions, mixpanel_group_update, mixpanel_profile_update

MIB = 1024 * 1024
PROFILE_CHANNELS = frozenset({ENGAGE, GROUPS, IDENTIFY, GROUP_IDENTIFY})
MAX_REJECT_RECORD = 1 * MIB
_MAX_CUT_KEYS = 200
_MAX_CHUNK_INPUT = 8 * MIB  # raw source bytes per chunk (bounds memory with very long lines)
_PAGE_CHUNK = 1000  # Engage page profiles per chunk


ProgressHook = Callable[[ImportSummary], None]


# --- configuration checks -------------------------------------------------------------------


def _check_config(config: ImportConfig) -> None:
    if not config.sources and config.export is None:
        raise ConfigError("give at least one SOURCE (or --from-api)")
    if config.to not in ("mixpanel", "amplitude"):
        raise ConfigError("--to must be mixpanel or amplitude")
    if not 1 <= config.batch_size <= 2000:
        raise ConfigError("--batch-size must be between 1 and 2000")
    if config.workers < 1:
        raise ConfigError("--workers must be at least 1")
    if config.since_ms is not None and config.until_ms is not None and config.since_ms >= config.until_ms:
        raise ConfigError("--since is not before --until: nothing would be imported")
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


# Small whole units (an hourly export's files) go to a worker together until they hold this many
# bytes on disk (~3 full Mixpanel requests after the ~10:1 decompression and ~2:1 transform) or
# this many files, so requests fill up inside the worker and batches are compressed there.
BUNDLE_BYTES = 1536 * 1024
BUNDLE_UNITS = 256


class _Ledger:
    """Summary counters, updated under one lock by the main thread and the senders."""

    def __init__(self, summary: ImportSummary) -> None:
        self.summary = summary
        self.lock = threading.Lock()

    def cuts(self, cuts: list[str]) -> None:
        counts = self.summary.cuts
        mapped = self.summary.profile_properties_mapped
        with self.lock:
            for cut in cuts:
                kind, _, name = cut.partition(":")
                if kind == "profile_mapped":
                    mapped[name] = mapped.get(name, 0) + 1
                    continue
                counts[kind] = counts.get(kind, 0) + 1
                key = f"{kind}:{name}" if kind != "properties_dropped" else None
                if key is not None and (key in counts or len(counts) < _MAX_CUT_KEYS):
                    counts[key] = counts.get(key, 0) + 1

    def settle(self, batch: Batch, outcome: Outcome) -> None:
        s = self.summary
        profiles = batch.profile_phase or batch.channel in PROFILE_CHANNELS
        with self.lock:
            for *_, reason, _message, _record in batch.rejects:
                s.rejected[reason] = s.rejected.get(reason, 0) + 1
            for _index, reason, _message in outcome.rejected:
                s.rejected[reason] = s.rejected.get(reason, 0) + 1
            if profiles:
                s.profiles_rejected += len(batch.rejects) + len(outcome.rejected)
                s.profiles_sent += batch.count
                s.profiles_accepted += len(outcome.accepted)
                s.profiles_undelivered += len(outcome.undelivered)
            else:
                s.sent += batch.count
                s.accepted += len(outcome.accepted)
                s.undelivered += len(outcome.undelivered)
            for reason, count in outcome.undelivered_reasons.items():
                s.undelivered_reasons[reason] = s.undelivered_reasons.get(reason, 0) + count
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
        raw = batch.raw() if outcome.rejected else b""
        for index, reason, message in outcome.rejected:
            unit, line = batch.keys[index]
            rejects.append((unit, line, reason, message, batch.item(index, raw).decode("utf-8", "replace")))
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


def _overlapping(ranges: list[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """The settled ranges that touch lines first..last (what a chunk needs to skip on resume)."""
    return [(a, b) for a, b in ranges if b >= first and a <= last]


def _identity(config: ImportConfig, units: list[SourceUnit]) -> dict[str, str]:
    mode = "files" if config.out_dir is not None else "send"
    return {
        "to": config.to,
        "mode": mode,
        "out": str(config.out_dir.resolve()) if config.out_dir else "",
        "sources": orjson.dumps(sorted(u.name for u in units)).decode(),
        "window": f"{config.since_ms}:{config.until_ms}",
    }


def default_rejects_path(config: ImportConfig) -> Path:
    """--rejects, else beside the run's other outputs: in --out, else next to --checkpoint (named
    after it, so two imports sharing a folder keep theirs apart), else the current folder."""
    if config.rejects is not None:
        return config.rejects
    if config.out_dir is not None:
        return config.out_dir / "rejects.ndjson"
    if config.checkpoint is not None:
        return config.checkpoint.with_name(config.checkpoint.stem + ".rejects.ndjson")
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
            reserved_profile_map=config.reserved_profile_map,
        )
        self.max_event = min(_limits(config)[EVENTS].bytes, MIB - 1 if config.to == "mixpanel" else 10**12)
        self.pool = _SenderPool(sink, checkpoint, self.ledger, config.workers)
        self.runner = ChunkRunner(
            ChunkContext(
                opts=self.opts,
                limits=_limits(config),
                max_event=self.max_event,
                profiles=profiles,
                since_ms=config.since_ms,
                until_ms=config.until_ms,
                # Mixpanel event batches are gzipped where they are encoded (in the workers)
                gzip_level=config.gzip_level if (config.to == "mixpanel" and not config.dry_run) else None,
                gzip_framing="file" if config.out_dir is not None else "request",
                drop_raw=config.to == "mixpanel" and not config.dry_run,
                unit_output_cap=chunks.WHOLE_UNIT_MAX_OUTPUT,
                shape=config.shape or ShapeOptions(target=config.to),
            ),
            # An export pull's size is unknown up front; windows are typically large, so the
            # pool is used as for a large file.
            auto_processes(
                config.processes,
                AUTO_POOL_MIN_BYTES if config.export is not None else source_bytes(config.sources),
            ),
        )
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
        """Cut every unit into chunks, process them (worker processes or inline), send the batches."""
        done = self.checkpoint.done_ranges()
        whole = whole_units(self.units if isinstance(self.units, list) else None, self.runner.ctx,
                            self.runner.processes)
        # Only a fixed list of files is bundled: units an export pull yields exist while their
        # window is being read, so they go to their task at once.
        bundling = isinstance(self.units, list)
        bundle: list[Chunk] = []  # small whole units waiting to go to one task together
        bundled = 0  # their bytes on disk

        def send_bundle() -> None:
            nonlocal bundle, bundled
            if bundle:
                first, *rest = bundle
                first.more = rest
                bundle, bundled = [], 0
                self._chunk(first)

        for unit in self.units:
            if self.summary.fatal or self.pool.sink_stopped():
                break
            if unit.kind == "mixpanel-profiles" and not self.profiles:
                continue
            settled = done.get(unit.name, [])
            channel = IDENTIFY if unit.kind == "mixpanel-profiles" else EVENTS
            last_line = 0
            try:
                if whole(unit) and not bundling:
                    self._chunk(Chunk(unit.name, unit.kind, 1, unit, settled))
                    continue
                if whole(unit):
                    if bundle and bundle[0].kind != unit.kind:
                        send_bundle()
                    bundle.append(Chunk(unit.name, unit.kind, 1, unit, settled))
                    bundled += max(unit.size, 1)
                    if bundled >= BUNDLE_BYTES or len(bundle) >= BUNDLE_UNITS:
                        send_bundle()
                    continue
                send_bundle()  # keep the units in order: a big unit is cut after the bundled ones
                if unit.kind == "mixpanel-profiles" and is_engage_page(unit):
                    page: list[tuple[int, Any]] = []
                    for record in iter_records(unit, lambda _line: False):
                        page.append((record.line, record.data))
                        last_line = record.line
                        if len(page) >= _PAGE_CHUNK:
                            self._chunk(Chunk(unit.name, unit.kind, page[0][0], page, _overlapping(settled, page[0][0], last_line)))
                            page = []
                    if page:
                        self._chunk(Chunk(unit.name, unit.kind, page[0][0], page, _overlapping(settled, page[0][0], last_line)))
                else:
                    for first, block, count in iter_line_blocks(unit, self._chunk_limits(channel)):
                        last_line = first + count - 1
                        self._chunk(Chunk(unit.name, unit.kind, first, block, _overlapping(settled, first, last_line), len(block)))
                        if self.pool.sink_stopped():
                            break
            except READ_ERRORS as exc:
                broken = RawRecord(unit.name, last_line + 1, b"")
                self._reject(channel, broken, "unreadable_source", unreadable_message(last_line, exc))
                self._unreadable(unit.name, last_line, exc)
        if not (self.summary.fatal or self.pool.sink_stopped()):
            send_bundle()
        for result in self.runner.drain():
            self._take(result)
        self.runner.release()  # the workers exit while the last batches are sent
        for batch in self.batcher.flush():
            self._submit(batch)

    source_errors = False

    def _unreadable(self, name: str, last_line: int, error: object) -> None:
        """A unit read here or in a worker broke off: warn, and the run cannot exit 0."""
        self.summary.warnings.append(f"{name}: unreadable after line {last_line} ({error})")
        self.source_errors = True

    def _chunk_limits(self, channel: str) -> Callable[[], tuple[int, int]]:
        """(lines, raw bytes) per chunk, so that one chunk fills one batch but does not overflow it.

        The byte budget follows the observed ratio of encoded to raw bytes (Amplitude rows shrink
        by about half on the way to Mixpanel); a chunk that still overflows becomes two batches.
        """
        limit = self.batcher.limits(channel)

        def limits() -> tuple[int, int]:
            budget = int(limit.bytes * 0.95 / max(self._ratio, 0.05))
            return limit.count, max(1, min(budget, _MAX_CHUNK_INPUT))

        return limits

    def _chunk(self, chunk: Chunk) -> None:
        for result in self.runner.submit(chunk):
            self._take(result)

    def _take(self, result: ChunkResult) -> None:
        summary = self.summary
        if result.profiles:
            summary.profiles_read += result.read
            summary.profiles_skipped_resumed += result.skipped
        else:
            summary.read += result.read
            summary.skipped_resumed += result.skipped
        summary.filtered += result.filtered
        summary.folded += result.folded
        if result.cuts:
            self.ledger.cuts(result.cuts)
        for rule, count in result.filtered_by.items():
            summary.filtered_by[rule] = summary.filtered_by.get(rule, 0) + count
        for change, count in result.changes.items():
            summary.property_changes[change] = summary.property_changes.get(change, 0) + count
        for broken in result.unreadable_more:
            self._unreadable(*broken)  # a bundled unit that broke off; its reject came with the batches
        if result.unreadable is not None:
            self._unreadable(*result.unreadable)  # its reject came with the batches
        if result.in_bytes and result.out_bytes:
            self._ratio = 0.7 * self._ratio + 0.3 * (result.out_bytes / result.in_bytes)
        batches = result.batches
        if result.tail is not None:
            batches = [*batches, *self.batcher.absorb(result.tail)]
        for batch in batches:
            self._seq += 1
            batch.seq = self._seq
            self._submit(batch)
        if result.continuation is not None:
            self._chunk(result.continuation)  # the rest of a unit whose task reached its output cap

    _ratio = 1.0
    _seq = 0

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
                    payload = mixpanel_profile_update(token, key, props, cuts, self.config.reserved_profile_map)
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
        self.runner.close()
        self.summary.warnings.extend(self.runner.warnings)
        self.pool.close()
        held = getattr(self.sink, "over_quota_events", 0)
        if held:
            ids = len(self.sink.over_quota_users) + len(self.sink.over_quota_devices)  # type: ignore[attr-defined]
            self.summary.warnings.append(
                f"Amplitude daily quota: {held:,} events of {ids:,} users/devices over their daily limit "
                "(429 exceeded_daily_quota_*) were not sent and stay pending in the checkpoint; rerun with "
                "the same --checkpoint once Amplitude's 24 h window has passed"
            )

    def barrier(self) -> None:
        """Settle everything read so far (--from-api calls it between export windows)."""
        for result in self.runner.drain():
            self._take(result)
        for batch in self.batcher.flush():
            self._submit(batch)
        _drain(self)


def run_import(config: ImportConfig, progress: ProgressHook | None = None) -> ImportSummary:
    """Run one import. Raises ConfigError for bad usage; everything else ends up in the summary."""
    started = time.monotonic()
    _check_config(config)
    api = _api_source(config)
    try:
        units = expand_sources(config.sources, config.source_kind) if api is None else []
    except SourceError as exc:
        raise ConfigError(str(exc)) from exc
    for unit in units:
        vendor = "amplitude" if unit.kind == "amplitude" else "mixpanel"
        if vendor == config.to:
            raise ConfigError(f"{unit.name} is a {unit.kind} export; it cannot be imported --to {config.to}")

    summary = ImportSummary(
        direction=f"{'amplitude' if config.to == 'mixpanel' else 'mixpanel'} -> {config.to}",
        mode="dry-run" if config.dry_run else ("files" if config.out_dir is not None else "send"),
        identity=(config.shape.identity if config.shape else "simplified") if config.to == "mixpanel" else None,
    )
    profiles = _profiles_enabled(config, units, summary)
    checkpoint = Checkpoint(None if config.dry_run else config.checkpoint)
    try:
        try:
            resumed = checkpoint.bind(_identity(config, units) | ({"sources": api.spec.identity()} if api else {}))
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
            sink = api.file_sink(config, checkpoint) if api is not None else FileSink(config, config.out_dir, checkpoint)
        else:
            sink = HttpSink(config, stop)
        pipeline = _Pipeline(config, units, checkpoint, sink, summary, profiles, progress)
        pipeline.started = started
        if api is not None:  # --from-api: units arrive window by window as they are downloaded
            api.attach(checkpoint, summary, pipeline.barrier, lambda: pipeline.pool.sink_stopped(), profiles, sink)
            pipeline.units = api.units()  # type: ignore[assignment]
        try:
            pipeline.run_records()
            if profiles and config.to == "mixpanel" and not summary.fatal:
                _drain(pipeline)
                pipeline.run_profiles()
        finally:
            pipeline.finish()
            summary.output_files = sink.close()
            if api is not None:
                api.close()
        _write_rejects(config, checkpoint, summary)
        summary.elapsed_s = time.monotonic() - started
        if summary.fatal:
            summary.exit_code = 2
        elif summary.undelivered or summary.profiles_undelivered or pipeline.source_errors or (api and api.incomplete):
            summary.exit_code = 1
        return summary
    finally:
        checkpoint.close()


def _api_source(config: ImportConfig) -> Any:
    """The export-API source for --from-api (rewriter.importer.exports), or None."""
    if config.export is None:
        return None
    from rewriter.importer.exports import ApiSource, ExportError

    try:
        return ApiSource(config, config.export)
    except ExportError as exc:
        raise ConfigError(str(exc)) from exc


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
    path = default_rejects_path(config)
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
    summary.rejects_path = str(path.resolve())
