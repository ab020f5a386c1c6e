"""Apply non-overlapping byte-range edits; everything outside the ranges stays byte-identical.

Edits are planned against the original bytes and applied in one pass, so offsets never shift
under a transform's feet. Overlap is a bug in a rule or transform: it is reported, never "fixed"
by guessing which edit wins.
"""

from __future__ import annotations

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
