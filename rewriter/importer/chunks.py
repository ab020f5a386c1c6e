"""The CPU-heavy stage of the import: source lines -> parsed, transformed, encoded, gzipped batches.

The main thread cuts each source unit into chunks of whole lines (`Chunk`, at most one batch's
worth) and hands them to `ChunkRunner`, which runs `process_chunk` in a pool of worker processes
(or inline when the input is small or the machine has one core). Results come back in submission
order as closed `Batch`es that carry everything that must settle with them (line ranges, rejects
with file/line, profile state), so the sending side and the checkpoint work exactly as for
batches built in the main thread: progress is committed only after a batch was accepted.

`process_chunk` is a pure function of its inputs: the same lines give the same payloads and ids
in any process. It must never drop a line silently: every non-blank line of a chunk ends up as an
item, a reject, a filtered line or folded profile state of one of the returned batches, or is
counted as already settled (resume).
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import threading
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from rewriter.importer.batching import EVENTS, IDENTIFY, Batch, Batcher, Limits
from rewriter.importer.model import SourceKind
from rewriter.importer.shape import ShapeOptions, drop_rule, reshape
from rewriter.importer.sources import (
    READ_ERRORS,
    FileOpener,
    SourceUnit,
    ZipMemberOpener,
    iter_line_blocks,
    source_bytes,
    unreadable_message,
)
from rewriter.importer.transform import (
    Event,
    Reject,
    TransformOptions,
    amplitude_to_mixpanel,
    mixpanel_profile_to_identify,
    mixpanel_to_amplitude,
)

MIB = 1024 * 1024
MAX_REJECT_RECORD = 1 * MIB
AUTO_POOL_MIN_BYTES = 4 * MIB  # compressed source bytes below which the pool is not worth starting
WHOLE_UNIT_MAX_BYTES = 8 * MIB  # on disk (compressed): see `whole_unit_ok`
WHOLE_UNIT_MAX_OUTPUT = 32 * MIB  # compressed batches a whole-unit task returns at most (plus one)
_UNIT_BLOCK = (10_000, 1 * MIB)  # lines, bytes: how a worker reads a whole unit (streaming granularity)


@dataclass(frozen=True)
class ChunkContext:
    """What every chunk of one run is processed with (sent to each worker once)."""

    opts: TransformOptions
    limits: dict[str, Limits]
    max_event: int
    profiles: bool
    since_ms: int | None = None
    until_ms: int | None = None
    gzip_level: int | None = None  # precompress event batches at this level (None: the sink does it)
    gzip_framing: str = "request"  # "request" (an /import body) or "file" (an NDJSON.gz part)
    drop_raw: bool = False  # release the uncompressed items once compressed
    unit_output_cap: int = 0  # compressed bytes a whole-unit task holds before handing back (0: none)
    shape: ShapeOptions | None = None  # the user's filters and property controls (issue 13)


@dataclass
class Chunk:
    unit: str
    kind: SourceKind
    first_line: int
    # Whole NDJSON lines from first_line, parsed page records, or a whole unit that the worker
    # opens and reads itself (no decompressed bytes through the pipe; see `whole_unit_ok`).
    data: bytes | list[tuple[int, Any]] | SourceUnit
    done: list[tuple[int, int]] = field(default_factory=list)  # settled ranges to skip (resume)
    in_bytes: int = 0
    # Further whole units of the same kind processed by the same task with the same batcher (an
    # hourly export is thousands of small files: one task per file left every request part-full
    # and every batch to be merged and compressed in the main process).
    more: list[Chunk] = field(default_factory=list)


@dataclass
class ChunkResult:
    batches: list[Batch]
    read: int = 0
    skipped: int = 0
    filtered: int = 0
    folded: int = 0
    cuts: list[str] = field(default_factory=list)
    in_bytes: int = 0
    out_bytes: int = 0
    # A whole unit that could not be read to its end: (unit, last line read, error). Its lines up
    # to there are in `batches`; the caller reports it as the main thread does for its own reads.
    unreadable: tuple[str, int, str] | None = None
    unreadable_more: list[tuple[str, int, str]] = field(default_factory=list)  # the same, for bundled units
    # A whole unit whose output reached `unit_output_cap`: the rest of it, from the next line, as
    # a chunk of its own (so a task's result, and the worker holding it, stay bounded).
    continuation: Chunk | None = None
    # The chunk's last batch when it is far from full: unsealed, for the caller to merge with the
    # next chunks' items (`Batcher.absorb`), so requests fill up across files, chunks and workers.
    tail: Batch | None = None
    profiles: bool = False  # the chunk held profiles (Engage), not events: counted apart
    filtered_by: dict[str, int] = field(default_factory=dict)  # filter rule -> events dropped
    changes: dict[str, int] = field(default_factory=dict)  # property control -> events changed


def _reject(batcher: Batcher, channel: str, unit: str, line: int, data: Any, reason: str, message: str,
            close: Callable[[Batch], None]) -> None:
    if isinstance(data, bytes | bytearray):
        text = bytes(data).decode("utf-8", "replace").rstrip("\r\n")
    else:
        text = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode()
    batch = batcher.note(channel, unit, line)
    batch.rejects.append((unit, line, reason, message, text[:MAX_REJECT_RECORD]))
    full = batcher.full(channel)
    if full is not None:
        close(full)


def _fold(batch: Batch, event: Event, shape: ShapeOptions | None) -> None:
    if event.user is not None:
        batch.fold_profile("user", event.user[0], event.time_ms, event.user[1])
    for gtype, gvalue, props in event.groups or ():
        key = shape.mp_group_key(gtype) if shape is not None else gtype  # --group-key
        batch.fold_profile("group", f"{key}\x00{gvalue}", event.time_ms, props)


def _records(chunk: Chunk, result: ChunkResult) -> Iterator[tuple[int, Any]]:
    """(line, raw bytes or parsed object) for every line of the chunk not settled before."""
    done = chunk.done
    firsts = [first for first, _ in done]
    data = chunk.data
    if isinstance(data, list):
        for line, obj in data:
            if done:
                pos = bisect_right(firsts, line) - 1
                if pos >= 0 and line <= done[pos][1]:
                    result.skipped += 1
                    continue
            yield line, obj
        return
    if isinstance(data, bytes):
        yield from _block_lines(data, chunk.first_line, done, firsts, result)
        return
    blocks = iter_line_blocks(data, lambda: _UNIT_BLOCK)
    start = chunk.first_line  # > 1 for the continuation of a unit: earlier lines are another task's
    last = 0
    try:
        while True:
            try:
                first, block, count = next(blocks)
            except StopIteration:
                return
            except READ_ERRORS as exc:
                result.unreadable = (data.name, last, str(exc))
                return
            last = first + count - 1
            if last < start:
                continue
            if first < start:  # the block this task starts in: drop the lines before it
                offset = 0
                for _ in range(start - first):
                    offset = block.index(b"\n", offset) + 1
                block, first = block[offset:], start
            yield from _block_lines(block, first, done, firsts, result)
    finally:
        blocks.close()  # a task that stops early (output cap) closes the unit's stream at once


def _block_lines(
    data: bytes, first_line: int, done: list[tuple[int, int]], firsts: list[int], result: ChunkResult
) -> Iterator[tuple[int, bytes]]:
    # One line at a time (not split() up front): only the line in hand is copied out of the
    # block, which keeps the working set of a worker small enough to stay in cache.
    find = data.find
    end = len(data)
    pos = 0
    line = first_line - 1
    while pos < end:
        nxt = find(b"\n", pos)
        if nxt < 0:
            nxt = end
        raw = data[pos:nxt]
        pos = nxt + 1
        line += 1
        if done:
            at = bisect_right(firsts, line) - 1
            if at >= 0 and line <= done[at][1]:
                result.skipped += 1
                continue
        if not raw or raw.isspace():
            continue
        yield line, raw


def process_chunk(ctx: ChunkContext, chunk: Chunk) -> ChunkResult:
    """Parse, transform and encode one chunk; returns its closed (and sealed) batches in order."""
    if chunk.kind == "amplitude":
        transform, channel = amplitude_to_mixpanel, EVENTS
    elif chunk.kind == "mixpanel":
        transform, channel = mixpanel_to_amplitude, EVENTS
    else:
        transform, channel = mixpanel_profile_to_identify, IDENTIFY
    result = ChunkResult(batches=[], in_bytes=chunk.in_bytes, profiles=chunk.kind == "mixpanel-profiles")
    batcher = Batcher(ctx.limits, ctx.gzip_level)
    closed = result.batches
    held = 0  # compressed bytes of the batches closed so far

    def close(batch: Batch) -> None:
        # Sealed as soon as it is closed: only its compressed body stays in memory, so a task
        # holds one open batch's raw items at most, however long its input.
        nonlocal held
        result.out_bytes += batch.size
        if batch.channel == EVENTS:
            batch.seal(ctx.gzip_level, ctx.gzip_framing, ctx.drop_raw)
        else:
            batch.nbytes = batch.size
        held += len(batch.gz) if batch.gz is not None else batch.size
        closed.append(batch)

    opts = ctx.opts
    since, until = ctx.since_ms, ctx.until_ms
    windowed = since is not None or until is not None
    profiles = ctx.profiles
    shape = ctx.shape
    max_event = ctx.max_event
    loads, dumps = orjson.loads, orjson.dumps
    decode_error = orjson.JSONDecodeError
    cuts = result.cuts
    read = 0
    parts = [chunk, *chunk.more]
    for index, part in enumerate(parts):
        cap = ctx.unit_output_cap if isinstance(part.data, SourceUnit) else 0
        unit = part.unit
        records = _records(part, result)
        for line, data in records:
            read += 1
            if isinstance(data, bytes):
                try:
                    obj: Any = loads(data)
                except decode_error as exc:
                    _reject(batcher, channel, unit, line, data, "corrupt_json", f"not valid JSON: {exc}", close)
                    continue
            else:
                obj = data
            event = transform(obj, opts)
            if type(event) is Reject:
                _reject(batcher, channel, unit, line, data, event.reason, event.message, close)
                continue
            assert isinstance(event, Event)
            if event.payload is None:
                if profiles:
                    _fold(batcher.note(channel, unit, line), event, shape)
                    result.folded += 1
                    full = batcher.full(channel)
                    if full is not None:
                        close(full)
                else:
                    _reject(batcher, channel, unit, line, data, "profile_row",
                            "Amplitude identify row: profile state only, not an event (profiles are off)", close)
                continue
            if windowed and part.kind != "mixpanel-profiles" and (
                (since is not None and event.time_ms < since) or (until is not None and event.time_ms >= until)
            ):
                result.filtered += 1
                batcher.note(channel, unit, line)
                full = batcher.full(channel)
                if full is not None:
                    close(full)
                continue
            if shape is not None and channel == EVENTS:
                rule = drop_rule(event.payload, shape, part.kind)
                if rule is not None:
                    result.filtered_by[rule] = result.filtered_by.get(rule, 0) + 1
                    batcher.note(channel, unit, line)
                    full = batcher.full(channel)
                    if full is not None:
                        close(full)
                    continue
                reshape(event.payload, shape, result.changes)
            encoded = dumps(event.payload)
            if len(encoded) > max_event:
                _reject(batcher, channel, unit, line, data, "event_too_large",
                        f"{len(encoded)} bytes after transform; limit {max_event}", close)
                continue
            if cap and held >= cap and batcher.closes_on(channel, len(encoded)):
                # A whole unit's task has returned enough: the rest of the unit, from this line (which
                # would open a new batch), goes back as a task of its own.
                result.continuation = Chunk(part.unit, part.kind, line, part.data, part.done)
                read -= 1
                break
            if event.cuts:
                cuts.extend(event.cuts)
            done_batch = batcher.add(channel, unit, line, encoded)
            if done_batch is not None:
                close(done_batch)
            if profiles and (event.user is not None or event.groups):
                _fold(batcher.current(channel), event, shape)
        records.close()
        if result.unreadable is not None:
            _name, last, error = result.unreadable
            _reject(batcher, channel, unit, last + 1, b"", "unreadable_source", unreadable_message(last, error), close)
            if index < len(parts) - 1:  # the next bundled unit reads on; this one is reported
                result.unreadable_more.append(result.unreadable)
                result.unreadable = None
        if result.continuation is not None:
            result.continuation.more = parts[index + 1 :]  # the units of the bundle not read yet
            break
    result.read = read
    for batch in batcher.flush():
        if _partial(batch, ctx.limits[batch.channel]):
            result.out_bytes += batch.size
            batch._z, batch._parts = None, []  # its compression restarts where it is merged
            result.tail = batch
        else:
            close(batch)
    return result


TAIL_FULL = 0.9  # a chunk's last batch this full (by count or bytes) is sent as it is


def _partial(batch: Batch, limits: Limits) -> bool:
    """Whether a chunk's last batch should be merged with other chunks' items instead of sent alone.

    Chunks cut from one big file hold one batch's worth, so their batches are (nearly) full and
    keep being sealed where they were encoded; the last batch of a small file is not.
    """
    return batch.count < limits.count * TAIL_FULL and len(batch.buf) < limits.bytes * TAIL_FULL


# --- worker processes ---------------------------------------------------------------------------

def _init_worker() -> None:
    # A worker must not outlive its run: after a SIGKILL of the importer nobody would shut the
    # pool down (the call queue never reports EOF, since every process holds both of its ends).
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True, name="parent-watch").start()
    # Records are acyclic: reference counting frees them. The cyclic collector would only rescan
    # the chunk's ~100k live objects over and over (10-30 % of the time spent on a chunk).
    gc.disable()


def _exit_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # ready once the parent process is gone
    os._exit(1)


def _work(ctx: ChunkContext, chunk: Chunk) -> ChunkResult:
    # The context travels with each task (a few hundred bytes), so a pool can be started before
    # the run's context is known: see `prestart`.
    return process_chunk(ctx, chunk)


def _ready() -> None:
    """A no-op task: submitting one per process makes the pool start them all at once."""


def _new_pool(processes: int) -> ProcessPoolExecutor:
    # spawn: workers never inherit the sender threads, the SQLite handle or any lock of this
    # process (fork would), and as direct children their CPU time is accounted to the run.
    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker)
    for _ in range(processes):
        pool.submit(_ready)
    return pool


_prestarted: tuple[int, ProcessPoolExecutor] | None = None


def prestart(processes: int) -> None:
    """Start the worker processes now, while the command line is still being parsed.

    A spawned worker takes 0.1-0.2 s to boot (a fresh interpreter importing the pipeline). Started
    by the launcher, that happens during the main process's own start-up (typer, pydantic, httpx:
    ~0.3 s) instead of after it. The first `ChunkRunner` adopts the pool if it wants that many
    processes; otherwise the pool is shut down then (or at exit, if no runner is ever made).
    """
    global _prestarted
    if processes > 0 and _prestarted is None:
        _prestarted = (processes, _new_pool(processes))


def prestart_for(args: list[str]) -> None:
    """`prestart` for an `import` command line that is about to be parsed, with as many workers as
    its run will want (`auto_processes`): an export pull, or sources of at least
    AUTO_POOL_MIN_BYTES on disk. Sources are told by existing paths among the arguments; an
    existing output folder counted by mistake only starts workers the run then shuts down."""
    if any(arg == "--from-api" or arg.startswith("--from-api=") for arg in args):
        size = AUTO_POOL_MIN_BYTES
    else:
        size = source_bytes([Path(arg) for arg in args if not arg.startswith("-") and Path(arg).exists()])
    prestart(auto_processes(None, size))


def _adopt_prestarted(processes: int) -> ProcessPoolExecutor | None:
    global _prestarted
    if _prestarted is None:
        return None
    count, pool = _prestarted
    _prestarted = None
    if count == processes:
        return pool
    pool.shutdown(wait=False, cancel_futures=True)
    return None


def whole_unit_ok(unit: SourceUnit, ctx: ChunkContext, processes: int) -> bool:
    """Whether a worker process should read `unit` itself, in one task.

    That spares the main process decompressing and cutting the unit and both sides pickling and
    piping its decompressed bytes (the export compresses ~10:1, so those are most of the bytes
    moved). Only for units small on disk whose batches leave the worker gzipped (`drop_raw`): a
    task returns its batches at once, so they must be small; and a task whose batches still
    reach `ChunkContext.unit_output_cap` (a very compressible unit) hands the rest of the unit
    back as a continuation. Larger units are cut into chunks by the main process.
    """
    return (
        processes > 0
        and ctx.drop_raw
        and unit.kind in ("amplitude", "mixpanel")
        and 0 < unit.size <= WHOLE_UNIT_MAX_BYTES
        and isinstance(unit.opener, FileOpener | ZipMemberOpener)
    )


def whole_units(
    units: list[SourceUnit] | None, ctx: ChunkContext, processes: int
) -> Callable[[SourceUnit], bool]:
    """Which of a run's units workers read whole (`units` None: not known up front).

    Only when at least as many units qualify as there are worker processes: one unit is one task,
    so a single file read whole would keep one worker busy and leave the others idle, where its
    chunks keep them all busy. Units of an export pull arrive a window at a time, their number
    unknown; a window holds many hourly files, so they are taken as many.
    """
    if units is not None and sum(whole_unit_ok(unit, ctx, processes) for unit in units) < processes:
        return lambda _unit: False
    return lambda unit: whole_unit_ok(unit, ctx, processes)


def auto_processes(requested: int | None, source_bytes: int) -> int:
    """Worker processes to use: `requested`, or all CPUs when the input is large enough to pay."""
    if requested is not None:
        return max(0, requested)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cpus < 2 or source_bytes < AUTO_POOL_MIN_BYTES:
        return 0
    return min(cpus, 8)


class ChunkRunner:
    """Runs chunks in `processes` worker processes (0: inline) and yields results in order.

    At most `depth` chunks are pending, so memory stays bounded whatever the input size. A chunk
    whose worker failed (a crashed process) is processed again inline: nothing is lost.
    """

    def __init__(self, ctx: ChunkContext, processes: int) -> None:
        self.ctx = ctx
        self.processes = processes
        self.depth = max(2, 2 * processes)
        self._pending: deque[tuple[Future[ChunkResult], Chunk]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        self.warnings: list[str] = []
        prestarted = _adopt_prestarted(processes)
        if processes > 0:
            self._pool = prestarted or _new_pool(processes)

    def submit(self, chunk: Chunk) -> list[ChunkResult]:
        """Queue a chunk; returns the results that are ready (in order), waiting only when full."""
        if self._pool is not None:
            try:
                future = self._pool.submit(_work, self.ctx, chunk)
            except BrokenProcessPool:  # a worker died
                self._abandon_pool(lost=True)
            except RuntimeError:  # the pool was already released: nothing was lost
                self._abandon_pool(lost=False)
            else:
                self._pending.append((future, chunk))
                ready: list[ChunkResult] = []
                while self._pending and (len(self._pending) > self.depth or self._pending[0][0].done()):
                    ready.append(self._take())
                return ready
        # Inline, after the chunks still pending (whose results, or inline reruns, come first).
        return [*self.drain(), process_chunk(self.ctx, chunk)]

    def _abandon_pool(self, lost: bool) -> None:
        """Go on in this process. After a worker died (killed by the OOM killer, say) the pool
        refuses new work; nothing is lost: pending chunks are redone inline."""
        assert self._pool is not None
        self._pool.shutdown(wait=False, cancel_futures=False)
        self._pool = None
        if lost:
            self.warnings.append("a worker process was lost; the rest of the run was processed in the main process")

    def drain(self) -> Iterator[ChunkResult]:
        """The pending results in order, each as soon as it is ready (not all at the end: the
        caller sends a result's batches while the later chunks are still being processed)."""
        while self._pending:
            yield self._take()

    def _take(self) -> ChunkResult:
        future, chunk = self._pending.popleft()
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker process: do the chunk here instead
            if isinstance(exc, BrokenProcessPool) and self._pool is not None:
                self._abandon_pool(lost=True)
            return process_chunk(self.ctx, chunk)

    def release(self) -> None:
        """No more chunks will come: let the worker processes exit without waiting for them."""
        if self._pool is not None and not self._pending:
            self._pool.shutdown(wait=False)

    def close(self) -> None:
        for future, _chunk in self._pending:
            future.cancel()
        self._pending.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
