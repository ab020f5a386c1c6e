"""Plain data shared by every stage of the rewrite pipeline and every report renderer.

Everything here is a frozen (or simple) dataclass so results can cross process boundaries and be
compared in tests. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FileStatus = Literal["changed", "unchanged", "error", "skipped"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` with ``text``. Offsets are byte offsets into the original file."""

    start: int
    end: int
    text: str
    rule: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """One rewritten SDK call site, as reports show it."""

    rule: str
    line: int
    before: str
    after: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A call site left untouched on purpose, with the reason a human must decide."""

    rule: str
    line: int
    message: str
    code: str = ""


@dataclass(slots=True)
class FileResult:
    """The outcome for one file. ``original``/``rewritten`` are kept for diff rendering and writing."""

    path: str
    language: str
    status: FileStatus
    error: str | None = None
    changes: list[Change] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    original: str | None = None
    rewritten: str | None = None
    sdks: tuple[str, ...] = ()
    written: bool = False
    # The input already had parse errors the rewrite worked around (a grammar gap such as a bare
    # `&` in JSX text, or Flow syntax): what was read and where; None for a file that parsed.
    parse_warning: str | None = None


@dataclass(slots=True)
class Summary:
    """Counts every renderer prints. ``migrated_share`` = rewritten / (rewritten + review)."""

    files_scanned: int = 0
    files_changed: int = 0
    sites_rewritten: int = 0
    sites_for_review: int = 0
    errors: int = 0
    migrated_share: float = 0.0
    files_skipped: int = 0


@dataclass(slots=True)
class RunResult:
    """Everything one ``migrate``/``scan`` run produced, in path order."""

    source: str
    target: str
    files: list[FileResult]
    excluded: list[str] = field(default_factory=list)
    write: bool = False
    files_without_sdk: int = 0  # read and prefiltered: no SDK name, so not listed in ``files``

    def summary(self) -> Summary:
        """Derive the summary from the file results (never stored, so it cannot drift)."""
        s = Summary(files_scanned=self.files_without_sdk)
        for f in self.files:
            if f.status == "skipped":
                s.files_skipped += 1
                continue
            s.files_scanned += 1
            if f.status == "changed":
                s.files_changed += 1
            if f.status == "error":
                s.errors += 1
            s.sites_rewritten += len(f.changes)
            s.sites_for_review += len(f.review)
        total = s.sites_rewritten + s.sites_for_review
        s.migrated_share = round(s.sites_rewritten / total, 4) if total else 0.0
        return s
