"""Find, detect and stream source records from exports on disk.

Accepted SOURCEs: an Amplitude Export API zip (a project folder of `{pid}_{date}_{H}#{n}.json.gz`
members), a folder of such files, single `.json.gz` / `.json` / `.ndjson[.gz]` files, a Mixpanel
raw-export NDJSON file (plain or gzip) and Mixpanel Engage pages (`{"results": [...]}`) or
profile NDJSON. Every record carries its unit (file or `zip!member`) and 1-based line so that a
reject can point at it and the checkpoint can skip it on resume.

This module must never load a whole export into memory: zip members and gzip files are
decompressed as streams, line by line. (An Engage *page* is a single JSON document of at most a
page of profiles, so it alone is parsed whole.) It must never parse records either: lines are
handed on as raw bytes and a corrupt line becomes a reject downstream, not an exception here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import orjson

from rewriter.importer import codec
from rewriter.importer.model import RawRecord, SourceKind

_DATA_SUFFIXES = (".json.gz", ".json", ".ndjson", ".ndjson.gz", ".jsonl", ".jsonl.gz")
_MAX_PAGE_BYTES = 256 * 1024 * 1024
_SNIFF_LINES = 50
_BUFFER = 64 * 1024  # small read-ahead: a truncated gzip loses at most this much before the error


# What reading a unit can raise part-way (a truncated or corrupt file, a vanished disk): the
# lines read before it stand, the rest of the unit is reported with `unreadable_message`.
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, zipfile.BadZipFile, *codec.GZIP_ERRORS)


def unreadable_message(last_line: int, error: object) -> str:
    """The reject reason's message for a unit that could not be read past `last_line`."""
    return f"cannot read past line {last_line}: {error}"


class SourceError(Exception):
    """A SOURCE that cannot be used at all (missing, unreadable, undetectable)."""


@dataclass(frozen=True)
class SourceUnit:
    name: str  # stable label: absolute path, or `archive.zip!member`
    opener: Callable[[], IO[bytes]]  # a fresh decompressed byte stream
    kind: SourceKind
    size: int = 0  # bytes on disk (compressed), 0 when unknown


def _natural_key(text: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def _is_data_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(_DATA_SUFFIXES) and not Path(lower).name.startswith(".")


def _gunzip_if(name: str, raw: IO[bytes]) -> IO[bytes]:
    if name.lower().endswith(".gz"):
        return io.BufferedReader(codec.open_reader(raw), buffer_size=_BUFFER)  # type: ignore[arg-type]
    return raw


@dataclass(frozen=True)
class FileOpener:
    """Opens a file as a decompressed stream. A plain value (not a closure) so that a unit can be
    pickled: a worker process then reads the file itself instead of receiving its bytes."""

    path: Path

    def __call__(self) -> IO[bytes]:
        raw = open(self.path, "rb", buffering=1 << 20)  # noqa: SIM115 - caller closes
        if self.path.name.lower().endswith(".gz") or _has_gzip_magic(self.path):
            return io.BufferedReader(codec.open_reader(raw), buffer_size=_BUFFER)  # type: ignore[arg-type]
        return raw


def _has_gzip_magic(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


@dataclass(frozen=True)
class ZipMemberOpener:
    """Opens one member of a zip archive as a decompressed stream (picklable, as `FileOpener`)."""

    path: Path
    member: str

    def __call__(self) -> IO[bytes]:
        archive = zipfile.ZipFile(self.path)
        stream = archive.open(self.member)
        wrapped = _gunzip_if(self.member, stream)
        return _ClosingStream(wrapped, archive)


class _ClosingStream(io.RawIOBase):
    """Reads from `inner` and also closes the owning archive when closed."""

    def __init__(self, inner: IO[bytes], owner: zipfile.ZipFile) -> None:
        self._inner = inner
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n

    def close(self) -> None:
        try:
            self._inner.close()
            self._owner.close()
        finally:
            super().close()


def _units_for_path(path: Path) -> list[tuple[str, Callable[[], IO[bytes]], int]]:
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_dir():
        files = sorted(
            (p for p in path.rglob("*") if p.is_file() and _is_data_name(p.name)),
            key=lambda p: _natural_key(str(p.relative_to(path))),
        )
        if not files:
            raise SourceError(f"{path}: folder holds no .json/.json.gz/.ndjson files")
        return [(str(p.resolve()), FileOpener(p), p.stat().st_size) for p in files]
    if not path.is_file():  # a FIFO, socket or device: opening it could wait forever
        raise SourceError(f"{path}: not a regular file or folder (a FIFO, socket or device); give the export file")
    if zipfile.is_zipfile(path) or _looks_like_zip(path):
        try:
            with zipfile.ZipFile(path) as archive:
                members = sorted(
                    (m for m in archive.infolist() if not m.is_dir() and _is_data_name(m.filename)),
                    key=lambda m: _natural_key(m.filename),
                )
        except (zipfile.BadZipFile, OSError) as exc:
            raise SourceError(f"{path}: damaged or truncated zip archive ({exc}); download the export again") from exc
        if not members:
            raise SourceError(f"{path}: zip holds no .json.gz/.json members")
        return [(f"{path.resolve()}!{m.filename}", ZipMemberOpener(path, m.filename), m.compress_size) for m in members]
    return [(str(path.resolve()), FileOpener(path), path.stat().st_size)]


def _looks_like_zip(path: Path) -> bool:
    """A zip by name or by its first bytes, even when its central directory is gone (truncated):
    such a file must be called a damaged archive, not read as NDJSON or left undetected."""
    if path.name.lower().endswith(".zip"):
        return True
    with open(path, "rb") as handle:
        return handle.read(4) in (b"PK\x03\x04", b"PK\x05\x06")


def source_bytes(paths: list[Path]) -> int:
    """Compressed size of the SOURCEs on disk (decides whether worker processes pay off)."""
    total = 0
    for path in paths:
        try:
            if path.is_dir():
                total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
            else:
                total += path.stat().st_size
        except OSError:
            continue
    return total


def detect_kind(name: str, opener: Callable[[], IO[bytes]]) -> SourceKind | None:
    """Look at the first parseable line (or the whole page) and name the format."""
    first_text = b""
    try:
        with opener() as stream:
            for index, line in enumerate(stream):
                if index >= _SNIFF_LINES:
                    break
                if not line.strip():
                    continue
                if not first_text:
                    first_text = line.strip()
                try:
                    obj = orjson.loads(line)
                except orjson.JSONDecodeError:
                    continue
                kind = _kind_of(obj)
                if kind is not None:
                    return kind
    except codec.GZIP_ERRORS:
        if not first_text:
            raise SourceError(f"{name}: cannot read (corrupt or truncated compression)") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise SourceError(f"{name}: cannot read ({exc})") from exc
    if first_text.startswith(b"{"):
        page = _load_page(name, opener)
        if isinstance(page, dict) and isinstance(page.get("results"), list):
            return "mixpanel-profiles"
    return None


def _kind_of(obj: object) -> SourceKind | None:
    if not isinstance(obj, dict):
        return None
    if "event_type" in obj:
        return "amplitude"
    if "event" in obj and "properties" in obj:
        return "mixpanel"
    if "$distinct_id" in obj:
        return "mixpanel-profiles"
    if isinstance(obj.get("results"), list):
        return "mixpanel-profiles"
    return None


def _load_page(name: str, opener: Callable[[], IO[bytes]]) -> object:
    with opener() as stream:
        data = stream.read(_MAX_PAGE_BYTES + 1)
    if len(data) > _MAX_PAGE_BYTES:
        return None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return None


def expand_sources(paths: list[Path], forced: SourceKind | None = None) -> list[SourceUnit]:
    """Every readable unit under the given SOURCEs, in a stable order, with its format."""
    units: list[SourceUnit] = []
    seen: set[str] = set()
    for path in paths:
        for name, opener, size in _units_for_path(path):
            if name in seen:
                continue
            seen.add(name)
            kind = forced or detect_kind(name, opener)
            if kind is None:
                raise SourceError(f"{name}: cannot tell the export format; pass --from")
            units.append(SourceUnit(name, opener, kind, size))
    return units


def iter_records(unit: SourceUnit, skip: Callable[[int], bool]) -> Iterator[RawRecord]:
    """Yield the unit's records as raw bytes (NDJSON) or dicts (Engage page results).

    `skip(line)` says a line was already settled in an earlier run; such lines are not yielded.
    """
    if unit.kind == "mixpanel-profiles" and is_engage_page(unit):
        page = _load_page(unit.name, unit.opener)
        results = page.get("results") if isinstance(page, dict) else None
        for index, item in enumerate(results or [], start=1):
            if not skip(index):
                yield RawRecord(unit.name, index, item if isinstance(item, dict) else {"_": item})
        return
    with unit.opener() as stream:
        for lineno, line in enumerate(stream, start=1):
            if skip(lineno):
                continue
            if not line.strip():
                continue
            yield RawRecord(unit.name, lineno, line)


def is_engage_page(unit: SourceUnit) -> bool:
    """An Engage page is one JSON document; profile NDJSON has a `$distinct_id` object per line."""
    with unit.opener() as stream:
        for line in stream:
            if not line.strip():
                continue
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError:
                return True  # a pretty-printed page starts with a lone "{"
            return not (isinstance(obj, dict) and "$distinct_id" in obj)
    return False


def iter_line_blocks(
    unit: SourceUnit, limits: Callable[[], tuple[int, int]]
) -> Iterator[tuple[int, bytes, int]]:
    """Yield (first line number, block, lines in block): the unit's NDJSON cut into runs of whole lines.

    `limits()` gives (max lines, max bytes) for the next block; a block holds at least one line.
    Lines are neither parsed nor copied one by one here (the block is handed on as it is), so the
    reading thread spends its time in decompression only. When the stream breaks (truncated gzip),
    the whole lines read before the break are yielded first, then the error is raised.
    """
    line = 1
    pieces: list[bytes] = []
    held = 0  # bytes in pieces
    want = 0  # bytes to gather before cutting: the expected size of max_lines lines
    failure: BaseException | None = None
    with unit.opener() as stream:
        while True:
            try:
                piece = stream.read(_BUFFER)
            except READ_ERRORS as exc:
                failure = exc
                piece = b""
            eof = not piece
            if piece:
                pieces.append(piece)
                held += len(piece)
            max_lines, max_bytes = limits()
            if not eof and held < min(max_bytes, want or max_bytes):
                continue
            pending = b"".join(pieces) if len(pieces) > 1 else (pieces[0] if pieces else b"")
            start = 0
            while start < len(pending):
                cut, count = _cut(pending, start, max_lines, max_bytes)
                if cut == start:
                    if not eof:
                        break  # no whole line yet: read on
                    if failure is not None:
                        start = len(pending)  # a torn last line is never handed on
                        break
                    cut, count = len(pending), 1  # the last line has no newline
                elif not eof and count < max_lines and cut - start < max_bytes and pending.find(b"\n", cut) < 0:
                    break  # the rest holds no whole line and there is room: read on
                yield line, pending[start:cut], count
                line += count
                want = int((cut - start) / count * max_lines * 1.05) + 1
                start = cut
                max_lines, max_bytes = limits()
            rest = pending[start:] if start else pending
            pieces = [rest] if rest else []
            held = len(rest)
            if eof:
                break
    if failure is not None:
        raise failure


def _cut(buf: bytes, start: int, max_lines: int, max_bytes: int) -> tuple[int, int]:
    """End offset after at most `max_lines` whole lines from `start` within `max_bytes` (>= 1 line).

    A line counts as within the budget when its end (after its newline) is at most `start + max_bytes`;
    the first whole line is taken even when it alone is longer. Found with `rfind`/`count` (C
    speed); a Python walk line by line happens only when more than `max_lines` lines fit.
    """
    if max_lines <= 0:
        return start, 0
    end = buf.rfind(b"\n", start, start + max_bytes) + 1
    if not end:  # no whole line within the budget: the first line alone, if it is whole
        nxt = buf.find(b"\n", start) + 1
        return (nxt, 1) if nxt else (start, 0)
    count = buf.count(b"\n", start, end)
    if count <= max_lines:
        return end, count
    pos = start
    find = buf.find
    for _ in range(max_lines):
        pos = find(b"\n", pos) + 1
    return pos, max_lines
