"""Apply non-overlapping byte-range edits; everything outside the ranges stays byte-identical.

Edits are planned against the original bytes and applied in one pass, so offsets never shift
under a transform's feet. Overlap is a bug in a rule or transform: it is reported, never "fixed"
by guessing which edit wins.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from rewriter.codemod.model import Edit


class EditConflict(ValueError):
    """Two planned edits overlap."""


def overlaps(a: Edit, b: Edit) -> bool:
    """True when two edits touch the same bytes (two inserts at one point also conflict)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start and a.text != b.text
    return a.start < b.end and b.start < a.end


def apply_edits(source: bytes, edits: list[Edit]) -> bytes:
    """Return ``source`` with every edit applied; raise ``EditConflict`` on overlap."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    out: list[bytes] = []
    pos = 0
    prev: Edit | None = None
    for e in ordered:
        if prev is not None and (e.start < prev.end or (e.start == prev.start and e == prev)):
            if e == prev:
                continue
            raise EditConflict(f"edits overlap at bytes {prev.start}-{prev.end} ({prev.rule}) and {e.start}-{e.end} ({e.rule})")
        out.append(source[pos : e.start])
        out.append(e.text.encode("utf-8"))
        pos = e.end
        prev = e
    out.append(source[pos:])
    return b"".join(out)


def render_range(source: bytes, start: int, end: int, edits: list[Edit]) -> str:
    """Text of ``source[start:end]`` with the edits that lie inside that range applied."""
    inner = [e for e in edits if start <= e.start and e.end <= end and not (e.start == e.end == end and end != start)]
    return apply_edits(source[start:end], [Edit(e.start - start, e.end - start, e.text, e.rule) for e in inner]).decode(
        "utf-8", "replace"
    )


class LineIndex:
    """Line and column of byte offsets in O(log n), from a newline table built once per source.

    Counting newlines from offset 0 for every change, review item or re-parse edit made a file
    with thousands of SDK calls quadratic. Most files ask a handful of times, though, and a
    table costs a pass over the whole file: the first ``DIRECT`` questions are answered by
    counting, and the table is built only when a file asks more."""

    DIRECT = 32
    __slots__ = ("source", "_starts", "_asked")

    def __init__(self, source: bytes) -> None:
        self.source = source
        self._starts: list[int] | None = None
        self._asked = 0

    def _table(self) -> list[int] | None:
        if self._starts is None:
            self._asked += 1
            if self._asked <= self.DIRECT:
                return None
            starts = [0]
            find = self.source.find
            i = find(b"\n")
            while i >= 0:
                starts.append(i + 1)
                i = find(b"\n", i + 1)
            self._starts = starts
        return self._starts

    def line(self, offset: int) -> int:
        """1-based line of ``offset`` (the number of newlines before it, plus one)."""
        starts = self._table()
        if starts is None:
            return self.source.count(b"\n", 0, offset) + 1
        return bisect_right(starts, offset)

    def point(self, offset: int) -> tuple[int, int]:
        """0-based (row, byte column) of ``offset``, as tree-sitter's points count them."""
        starts = self._table()
        if starts is None:
            return self.source.count(b"\n", 0, offset), offset - (self.source.rfind(b"\n", 0, offset) + 1)
        row = bisect_right(starts, offset) - 1
        return row, offset - starts[row]


class SpanIndex:
    """Answers "does one of these spans contain ``[start, end]``?" in O(log n).

    Spans are kept sorted by start with a running maximum of their ends, so nested or
    overlapping spans are answered exactly like ``any(s <= start and end <= e for s, e in spans)``
    — without a scan per question, which made big files quadratic. Adding a span marks the
    table stale; it is rebuilt on the next question."""

    __slots__ = ("_spans", "_starts", "_max_end", "_stale")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans: list[tuple[int, int]] = list(spans)
        self._starts: list[int] = []
        self._max_end: list[int] = []
        self._stale = True

    def add(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        self._stale = True

    def covers(self, start: int, end: int) -> bool:
        if self._stale:
            self._spans.sort()
            self._starts = [s for s, _ in self._spans]
            high = -1
            self._max_end = []
            for _, e in self._spans:
                high = max(high, e)
                self._max_end.append(high)
            self._stale = False
        i = bisect_right(self._starts, start) - 1
        return i >= 0 and self._max_end[i] >= end
