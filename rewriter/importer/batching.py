"""Group encoded records into request-sized batches, bounded by count and by bytes.

A batch also carries the bookkeeping that must settle with it: the source line ranges it covers
(including lines that were rejected or filtered while it was open), the transform-time rejects,
and the profile state folded from its events. The checkpoint commits all of that together only
after the batch was accepted, so nothing is marked done early and nothing is forgotten.

This module must never reorder or drop a record silently: every line handed to `Batcher` ends up
in exactly one batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from rewriter.importer import codec
from rewriter.importer.checkpoint import ProfileRow

_FEED = 64 * 1024  # bytes of items per piece handed to the gzip stream

# Channels name the endpoint family a batch goes to.
EVENTS = "events"
ENGAGE = "engage"
GROUPS = "groups"
IDENTIFY = "identify"
GROUP_IDENTIFY = "groupidentify"


@dataclass(frozen=True)
class Limits:
    count: int
    bytes: int


@dataclass
class Batch:
    channel: str
    seq: int
    # Items live back to back in one buffer, each followed by "\n" (so the buffer *is* the NDJSON
    # body). This also copies each encoded record once into a right-sized home: orjson hands back
    # bytes objects with ~16 KB of capacity each, which would multiply memory by ten if kept.
    buf: bytearray = field(default_factory=bytearray)
    ends: list[int] = field(default_factory=list)  # end offset (exclusive, before "\n") per item
    keys: list[tuple[str, int]] = field(default_factory=list)  # (unit, line) for each item
    segments: list[list[Any]] = field(default_factory=list)  # [unit, first, last]
    rejects: list[tuple[str, int, str, str, str | None]] = field(default_factory=list)
    profiles: dict[tuple[str, str], tuple[int, Any]] = field(default_factory=dict)  # -> (time, props)
    profile_keys: list[tuple[str, str]] = field(default_factory=list)  # for profile-phase batches
    profile_phase: bool = False
    lines: int = 0  # source lines covered (records, rejects, filtered)
    # Set by `seal`: the items gzip-compressed once, where they were encoded (a worker process).
    # `gz_framing` says what was compressed: "request" = the items joined by "\n" (an /import
    # body), "file" = each item followed by "\n" (a member of an NDJSON.gz part). When sealed with
    # `drop_raw`, `buf` is released and the items are inflated again only if a sink needs them
    # (a 413 split, a partial 400), which keeps the hand-over between processes and memory small.
    gz: bytes | None = None
    gz_framing: str = ""
    nbytes: int = 0
    # While open: a gzip stream fed as `buf` grows (see `compress_as_you_go`), so each part is
    # compressed while it is still in the CPU cache. Never pickled: `seal` finishes and drops it.
    _z: Any = None
    _fed: int = 0
    _parts: list[bytes] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.ends)

    @property
    def size(self) -> int:
        """Uncompressed bytes of the items plus one separator each."""
        return len(self.buf) or self.nbytes

    def raw(self) -> bytes | bytearray:
        """The items back to back, each followed by "\n" (inflated again if sealed without them)."""
        if self.buf or self.gz is None:
            return self.buf
        data = codec.decompress(self.gz)
        return data + b"\n" if self.gz_framing == "request" and self.count else data

    def item(self, index: int, raw: bytes | bytearray | None = None) -> bytes:
        buf = self.raw() if raw is None else raw
        start = self.ends[index - 1] + 1 if index else 0
        return bytes(buf[start : self.ends[index]])

    def payloads(self, indices: list[int]) -> list[bytes]:
        raw = self.raw()
        return [self.item(i, raw) for i in indices]

    def append(self, payload: bytes) -> None:
        self.buf += payload
        end = len(self.buf)
        self.ends.append(end)
        self.buf.append(10)
        if self._z is not None and end - self._fed >= _FEED:
            self._z_feed(end)  # up to the end of this item; its "\n" goes with the next part

    def compress_as_you_go(self, level: int) -> None:
        self._z = codec.compressobj(level)
        self._fed = 0

    def _z_feed(self, end: int) -> None:
        with memoryview(self.buf) as view:
            self._parts.append(self._z.compress(view[self._fed : end]))
        self._fed = end

    def seal(self, level: int | None, framing: str, drop_raw: bool) -> None:
        """Precompute the gzip body (`framing` "request" or "file"); optionally release `buf`."""
        self.nbytes = len(self.buf)
        z, self._z = self._z, None
        if level is None or not self.buf:
            return
        end = len(self.buf) - 1 if framing == "request" else len(self.buf)
        if z is not None:
            self._z = z
            self._z_feed(end)
            self._z = None
            self._parts.append(z.flush())
            self.gz = b"".join(self._parts)
            self._parts = []
        else:
            with memoryview(self.buf) as view:
                self.gz = codec.compress(view[:end], level)
        self.gz_framing = framing
        if drop_raw:
            self.buf = bytearray()

    def touch(self, unit: str, line: int) -> None:
        self.lines += 1
        if self.segments:
            last = self.segments[-1]
            if last[0] == unit and last[2] + 1 == line:
                last[2] = line
                return
        self.segments.append([unit, line, line])

    def fold_profile(self, kind: str, key: str, time_ms: int, props: Any) -> None:
        """Keep the latest state per profile seen in this batch (ties: the later line wins)."""
        current = self.profiles.get((kind, key))
        if current is None or time_ms >= current[0]:
            self.profiles[(kind, key)] = (time_ms, props)

    def profile_rows(self) -> list[ProfileRow]:
        return [
            ProfileRow(kind, key, time_ms, orjson.dumps(props, option=orjson.OPT_NON_STR_KEYS))
            for (kind, key), (time_ms, props) in self.profiles.items()
        ]


class Batcher:
    """One open batch per channel; `add` returns the batches that just closed.

    With `gzip_level`, event batches are gzip-compressed while they fill (`Batch.seal` finishes).
    """

    def __init__(self, limits: dict[str, Limits], gzip_level: int | None = None) -> None:
        self._limits = limits
        self._open: dict[str, Batch] = {}
        self._seq = 0
        self._gzip_level = gzip_level

    def _current(self, channel: str) -> Batch:
        batch = self._open.get(channel)
        if batch is None:
            self._seq += 1
            batch = self._open[channel] = Batch(channel, self._seq)
            if self._gzip_level is not None and channel == EVENTS:
                batch.compress_as_you_go(self._gzip_level)
        return batch

    def add(self, channel: str, unit: str, line: int, payload: bytes) -> Batch | None:
        """Append an encoded record; returns the previous batch if this one did not fit.

        Runs once per record, so `count`/`size`/`touch` are spelled out here (an open batch's
        size is `len(buf)`); the rules are the same as theirs.
        """
        limits = self._limits[channel]
        batch = self._open.get(channel) or self._current(channel)
        closed: Batch | None = None
        count = len(batch.ends)
        if count and (count >= limits.count or len(batch.buf) + len(payload) + 1 > limits.bytes):
            closed = self._open.pop(channel)
            batch = self._current(channel)
        batch.append(payload)
        batch.keys.append((unit, line))
        batch.lines += 1
        segments = batch.segments
        if segments:
            last = segments[-1]
            if last[2] + 1 == line and last[0] == unit:
                last[2] = line
                return closed
        segments.append([unit, line, line])
        return closed

    def closes_on(self, channel: str, payload_len: int) -> bool:
        """Whether `add` of a `payload_len`-byte item would close the open batch (the same rule)."""
        batch = self._open.get(channel)
        if batch is None or not batch.ends:
            return False
        limits = self._limits[channel]
        return len(batch.ends) >= limits.count or len(batch.buf) + payload_len + 1 > limits.bytes

    def note(self, channel: str, unit: str, line: int) -> Batch:
        """A line consumed without an item (rejected, filtered, folded): ride on the open batch."""
        batch = self._current(channel)
        batch.touch(unit, line)
        return batch

    def limits(self, channel: str) -> Limits:
        return self._limits[channel]

    def current(self, channel: str) -> Batch:
        return self._current(channel)

    def full(self, channel: str) -> Batch | None:
        """Close the open batch if it holds only bookkeeping that grew large (e.g. all rejects)."""
        batch = self._open.get(channel)
        if batch is not None and not batch.count and batch.lines >= self._limits[channel].count:
            return self._open.pop(channel)
        return None

    def flush(self) -> list[Batch]:
        closed = [b for b in self._open.values() if b.count or b.lines or b.profiles]
        self._open.clear()
        return closed

    def absorb(self, tail: Batch) -> list[Batch]:
        """Move a partial batch built elsewhere (a chunk's last, unsealed batch) into the open batch
        of its channel; returns the batches that filled up on the way.

        This is what lets requests span source files: an hourly export is hundreds of small files,
        each ending in a partial batch, and sent one by one they would be hundreds of small
        requests. Items keep their order and the rule of `add` (count, then bytes); the tail's
        bookkeeping (line ranges, rejects, profile state) goes with the items it belongs to, so a
        batch still settles exactly the lines it carries. A tail is one chunk of one unit, so its
        lines rise; bookkeeping before the first item that moves on stays with the earlier batch.
        """
        channel = tail.channel
        limits = self._limits[channel]
        ends = tail.ends
        closed: list[Batch] = []
        start = 0  # first item of the tail not yet moved
        left_from = (None, 0)  # bookkeeping from this (unit, line) on has not moved yet
        while True:
            batch = self._current(channel)
            room = limits.count - len(batch.ends)
            size = len(batch.buf)
            stop = start
            while stop < len(ends) and stop - start < room:
                begin = ends[stop - 1] + 1 if stop else 0
                need = ends[stop] - begin + 1
                if (batch.ends or stop > start) and size + need > limits.bytes:
                    break
                size += need
                stop += 1
            cut = tail.keys[stop] if stop < len(ends) else None
            _move(tail, batch, start, stop, left_from, cut)
            if cut is None:
                return closed
            if stop == start and not batch.ends:  # pragma: no cover - add's rule always takes one
                raise AssertionError("an empty batch refused an item")
            left_from = cut
            start = stop
            closed.append(self._open.pop(channel))


def _before(key: tuple[str, int], low: tuple[str | None, int], high: tuple[str, int] | None) -> bool:
    """Whether a line of a tail lies in [low, high) (lines of one unit; None bounds are open)."""
    line = key[1]
    return (low[0] is None or line >= low[1]) and (high is None or line < high[1])


def _move(tail: Batch, batch: Batch, start: int, stop: int, low: tuple[str | None, int],
          high: tuple[str, int] | None) -> None:
    """Append items start..stop of `tail` to `batch` with the tail's bookkeeping in [low, high)."""
    if stop > start:
        begin = tail.ends[start - 1] + 1 if start else 0
        offset = len(batch.buf) - begin
        batch.buf += tail.buf[begin : tail.ends[stop - 1] + 1]
        batch.ends.extend(end + offset for end in tail.ends[start:stop])
        batch.keys.extend(tail.keys[start:stop])
    for unit, first, last in tail.segments:
        lo = first if low[0] is None else max(first, low[1])
        hi = last if high is None else min(last, high[1] - 1)
        if lo > hi:
            continue
        batch.lines += hi - lo + 1
        segments = batch.segments
        if segments and segments[-1][0] == unit and segments[-1][2] + 1 == lo:
            segments[-1][2] = hi
        else:
            segments.append([unit, lo, hi])
    batch.rejects.extend(r for r in tail.rejects if _before((r[0], r[1]), low, high))
    if low[0] is None:  # profile state is not per line: it settles with the first part
        for (kind, key), (time_ms, props) in tail.profiles.items():
            batch.fold_profile(kind, key, time_ms, props)
