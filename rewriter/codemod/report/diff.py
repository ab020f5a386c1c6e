"""Unified-diff hunks of one file's rewrite, shared by the console, Markdown and patch renderers.

Lines are split on ``\\n`` only (``str.splitlines`` would also split on form feeds, ``\\u2028``
and friends, which git does not, and the patch would not apply) and keep their ``\\r``, so a
CRLF file gets a CRLF patch. A file with nothing rewritten has no hunks: review items alone never
produce a diff (the old console report showed such a file as deleted line by line).
This module never reads or writes files.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rewriter.codemod.model import FileResult

BOM = "\ufeff"
NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True, slots=True)
class Hunk:
    """One ``@@`` block: where it starts in the old file, how long it is, and its lines (each
    ending in ``\\n``, the header included; a line without a final newline is followed by the
    ``\\ No newline at end of file`` marker, as git writes it)."""

    old_start: int
    old_len: int
    lines: tuple[str, ...]

    def text(self) -> str:
        return "".join(self.lines)


def split_lines(text: str) -> list[str]:
    """Split on ``\\n`` only, keeping the line ends (``\\r`` stays part of a CRLF line)."""
    parts = text.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def texts(f: FileResult) -> tuple[str, str] | None:
    """``(before, after)`` as they are on disk, or None when the file has no rewrite to show.

    The engine hands back the rewritten text with its byte-order mark but the original without
    it; the mark is put back on the original here so a patch applies to the real file."""
    if f.status != "changed" or f.rewritten is None or f.original is None:
        return None
    before, after = f.original, f.rewritten
    if after.startswith(BOM) and not before.startswith(BOM):
        before = BOM + before
    return before, after


def _raw(f: FileResult, context: int) -> list[str]:
    pair = texts(f)
    if pair is None:
        return []
    a, b = (split_lines(t) for t in pair)
    out: list[str] = []
    for line in difflib.unified_diff(a, b, n=context, lineterm="\n"):
        if line.startswith(("---", "+++")) and not out:
            continue  # file headers: the caller writes its own
        if line.endswith("\n"):
            out.append(line)
        else:
            out.extend((line + "\n", NO_NEWLINE))
    return out


def hunks(f: FileResult, context: int = 2) -> list[Hunk]:
    """The file's hunks (none when nothing is rewritten)."""
    out: list[Hunk] = []
    cur: list[str] = []
    start = length = 0
    for line in _raw(f, context):
        if line.startswith("@@"):
            if cur:
                out.append(Hunk(start, length, tuple(cur)))
            old = line.split()[1][1:]
            s, _, n = old.partition(",")
            start, length = int(s), int(n or 1)
            cur = [line]
        else:
            cur.append(line)
    if cur:
        out.append(Hunk(start, length, tuple(cur)))
    return out


def file_patch(f: FileResult, path: str, context: int = 3) -> str:
    """A git-style unified diff of one file (``diff --git`` header, ``a/``/``b/`` prefixes),
    with ``path`` as the file's name inside the repository; empty when nothing is rewritten."""
    body = hunks(f, context)
    if not body:
        return ""
    head = f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"
    return head + "".join(h.text() for h in body)
