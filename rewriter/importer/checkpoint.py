"""SQLite state that makes an import resumable after any crash, SIGKILL included.

What it stores:
- `done`: per source unit, the line ranges that are settled (accepted by the server, written to an
  output part, or rejected with a reason). A rerun skips exactly these lines.
- `rejects`: one row per rejected record (unit, line, reason, message, record); the rejects file is
  rendered from it, so a resumed run never lists a record twice.
- `profiles`: the latest profile state per user / group, folded from every event as its batch
  settles, and whether it was sent.
- `meta`: the run's identity (direction, sources) and output-part offsets.
- `windows`: with `--from-api`, the state of each export window (downloaded / done / empty / split /
  failed) and where its download lives, so a rerun skips finished windows (rewriter.importer.exports).

It must never mark anything settled before the server (or the output file) accepted it: `commit`
is called only after acceptance, and writes segments, rejects and profile state in one
transaction. WAL mode makes a commit durable against process death (SIGKILL) without fsync-heavy
settings. Nothing here is ever a secret: credentials are never written.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS done (unit TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS done_unit ON done(unit);
CREATE TABLE IF NOT EXISTS rejects (
    unit TEXT NOT NULL, line INTEGER NOT NULL, reason TEXT NOT NULL, message TEXT NOT NULL,
    record TEXT, PRIMARY KEY (unit, line)
);
CREATE TABLE IF NOT EXISTS profiles (
    kind TEXT NOT NULL, key TEXT NOT NULL, time INTEGER NOT NULL, props BLOB NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, key)
);
CREATE TABLE IF NOT EXISTS windows (key TEXT PRIMARY KEY, state TEXT NOT NULL, info TEXT NOT NULL DEFAULT '{}');
"""


class CheckpointMismatch(Exception):
    """The checkpoint belongs to a different import (other direction or sources)."""


@dataclass(frozen=True, slots=True)
class ProfileRow:
    kind: str  # "user" | "group"
    key: str  # user id, or "<group type>\x00<group value>"
    time: int
    props: bytes  # JSON


def skipper(ranges: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A fast membership test for settled lines (ranges are merged and sorted)."""
    if not ranges:
        return lambda _line: False
    firsts = [first for first, _ in ranges]
    lasts = [last for _, last in ranges]

    def is_done(line: int) -> bool:
        pos = bisect_right(firsts, line) - 1
        return pos >= 0 and line <= lasts[pos]

    return is_done


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


class Checkpoint:
    """Thread-safe access to the state database. With no path, a temporary file is used."""

    def __init__(self, path: Path | None) -> None:
        self._temp_dir: tempfile.TemporaryDirectory[str] | None = None
        if path is None:
            self._temp_dir = tempfile.TemporaryDirectory(prefix="rewriter-import-")
            path = Path(self._temp_dir.name) / "state.sqlite"
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.persistent = self._temp_dir is None
        self._lock = threading.Lock()
        # Autocommit mode, so every multi-statement write must open its own transaction: `_tx()`.
        # (`with connection:` alone does not start one in this mode: a SIGKILL between two
        # statements once left a batch settled without its file offset, which lost that batch.)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One atomic transaction (the caller holds ``_lock``): all statements or none."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- identity ----------------------------------------------------------------------------

    def bind(self, identity: dict[str, str]) -> bool:
        """Record the run identity, or check it on resume. Returns True when resuming."""
        with self._lock:
            rows = dict(self._db.execute("SELECT key, value FROM meta WHERE key LIKE 'id.%'").fetchall())
            if not rows:
                with self._tx():
                    self._db.executemany(
                        "INSERT INTO meta(key, value) VALUES (?, ?)",
                        [(f"id.{k}", v) for k, v in identity.items()],
                    )
                return False
            for key, value in identity.items():
                stored = rows.get(f"id.{key}")
                if stored is not None and stored != value:
                    raise CheckpointMismatch(
                        f"checkpoint {self.path} was made for {key}={stored!r}, not {value!r}; "
                        "use another --checkpoint path"
                    )
            return True

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, self._tx():
            self._db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- settled ranges ----------------------------------------------------------------------

    def done_ranges(self) -> dict[str, list[tuple[int, int]]]:
        by_unit: dict[str, list[tuple[int, int]]] = {}
        with self._lock:
            for unit, first, last in self._db.execute("SELECT unit, first, last FROM done"):
                by_unit.setdefault(unit, []).append((first, last))
        return {unit: merge_ranges(ranges) for unit, ranges in by_unit.items()}

    def commit(
        self,
        segments: Iterable[tuple[str, int, int]],
        rejects: Iterable[tuple[str, int, str, str, str | None]],
        profiles: Iterable[ProfileRow] = (),
        profile_keys_settled: Iterable[tuple[str, str]] = (),
        meta: dict[str, str] | None = None,
    ) -> None:
        """Settle a batch: all of it or nothing, in one transaction."""
        with self._lock, self._tx():
            self._db.executemany("INSERT INTO done(unit, first, last) VALUES (?, ?, ?)", segments)
            self._db.executemany(
                "INSERT OR REPLACE INTO rejects(unit, line, reason, message, record) VALUES (?, ?, ?, ?, ?)",
                rejects,
            )
            self._db.executemany(
                "INSERT INTO profiles(kind, key, time, props, sent) VALUES (?, ?, ?, ?, 0) "
                "ON CONFLICT(kind, key) DO UPDATE SET time = excluded.time, props = excluded.props, "
                "sent = 0 WHERE excluded.time >= profiles.time",
                ((p.kind, p.key, p.time, p.props) for p in profiles),
            )
            self._db.executemany(
                "UPDATE profiles SET sent = 1 WHERE kind = ? AND key = ?", profile_keys_settled
            )
            if meta:
                self._db.executemany(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", list(meta.items())
                )

    # -- profiles ----------------------------------------------------------------------------

    def pending_profiles(self, kind: str, chunk: int = 5000) -> Iterator[tuple[str, bytes]]:
        """Profiles not yet sent, streamed in key order without holding them all."""
        last = ""
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT key, props FROM profiles WHERE kind = ? AND sent = 0 AND key > ? "
                    "ORDER BY key LIMIT ?",
                    (kind, last, chunk),
                ).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def count_profiles(self, kind: str) -> tuple[int, int]:
        """(total, not yet sent) for a profile kind."""
        with self._lock:
            total, pending = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(sent = 0), 0) FROM profiles WHERE kind = ?", (kind,)
            ).fetchone()
        return int(total), int(pending)

    # -- rejects -----------------------------------------------------------------------------

    def iter_rejects(self) -> Iterator[tuple[str, int, str, str, str | None]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT unit, line, reason, message, record FROM rejects ORDER BY unit, line"
            ).fetchall()
        yield from rows

    def reject_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._db.execute("SELECT reason, COUNT(*) FROM rejects GROUP BY reason").fetchall())

    # -- export API windows (--from-api; issue 5) -----------------------------------------------

    def get_window(self, key: str) -> tuple[str, dict[str, Any]] | None:
        """(state, info) of an export window, or None when it was never started."""
        with self._lock:
            row = self._db.execute("SELECT state, info FROM windows WHERE key = ?", (key,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def set_window(self, key: str, state: str, info: dict[str, Any]) -> None:
        with self._lock, self._tx():
            self._db.execute(
                "INSERT OR REPLACE INTO windows(key, state, info) VALUES (?, ?, ?)", (key, state, json.dumps(info))
            )

    def list_windows(self) -> list[tuple[str, str, dict[str, Any]]]:
        with self._lock:
            rows = self._db.execute("SELECT key, state, info FROM windows ORDER BY key").fetchall()
        return [(key, state, json.loads(info)) for key, state, info in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
        if self._temp_dir is not None:
            self._temp_dir.cleanup()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once, at import (in the main thread): os.umask can only be read by setting it


def atomic_write_lines(path: Path, lines: Iterable[bytes]) -> int:
    """Write `lines` to `path` through a temp file and rename; returns the number of lines.

    The temp file is created 0600 (mkstemp); the result gets the mode any other output of the run
    gets (0666 less the umask, 0644 typically), so a rejects file or report is as readable as the
    parts written beside it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    count = 0
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            for line in lines:
                handle.write(line)
                handle.write(b"\n")
                count += 1
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with _suppress():
            os.unlink(tmp)
        raise
    return count


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> bool:
        return True
