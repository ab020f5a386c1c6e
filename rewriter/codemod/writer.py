"""Atomic file writes and the git safety check for ``--write``.

A rewritten file is written to a temporary file in the same directory, flushed, given the
original's mode, then renamed over the original: a crash leaves either the old or the new file,
never half of one. Files with uncommitted git changes are refused unless forced, so a user can
always review (and revert) exactly what the tool did.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path


def atomic_write(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its permission bits."""
    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".rewriter-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def dirty_files(paths: list[str]) -> set[str] | None:
    """Absolute paths with uncommitted changes (modified, staged or untracked) in the git work
    trees containing ``paths``; None when none of them is inside a work tree or git is absent."""
    roots: set[str] = set()
    for p in paths:
        d = p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)) or "."
        try:
            top = subprocess.run(
                ["git", "-C", d, "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=30
            )
        except (OSError, subprocess.SubprocessError):
            return None
        if top.returncode == 0:
            roots.add(top.stdout.strip())
    if not roots:
        return None
    dirty: set[str] = set()
    for root in roots:
        res = subprocess.run(
            ["git", "-C", root, "status", "--porcelain", "-z", "--untracked-files=all"],
            capture_output=True,
            timeout=60,
        )
        entries = res.stdout.split(b"\0")
        i = 0
        while i < len(entries):
            entry = entries[i]
            i += 1
            if len(entry) < 4:
                continue
            status, name = entry[:2], entry[3:].decode("utf-8", "replace")
            if status[:1] in (b"R", b"C"):
                i += 1  # the source path of a rename/copy follows
            dirty.add(os.path.realpath(os.path.join(root, name)))
    return dirty
