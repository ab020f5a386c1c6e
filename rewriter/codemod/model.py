"""Plain data shared by every stage of the rewrite pipeline and every report renderer.

Everything here is a frozen (or simple) dataclass so results can cross process boundaries and be
compared in tests. Nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rewriter.codemod.clients import Client, ClientExport, ClientUse

FileStatus = Literal["changed", "unchanged", "error", "skipped"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` with ``text``. Offsets are byte offsets into the original file."""

    start: int
    end: int
    text: str
    rule: str
    note: str | None = None
    #: Names the text needs the target SDK's import for (``mixpanel``, ``BaseEvent``...), declared
    #: by whoever wrote the text, so import planning never searches edit text for names.
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Span:
    """Where a site is: 1-based lines, 1-based columns counted in Unicode code points.

    Code points (not bytes, not UTF-16 units) because that is what editors and SARIF's
    ``unicodeCodePoints`` column kind show; ``end_col`` is exclusive, as in SARIF regions."""

    line: int
    col: int
    end_line: int
    end_col: int


def span_of(source: bytes, start: int, end: int, line: int | None = None) -> Span:
    """The ``Span`` of ``source[start:end]`` (byte offsets into the file body).

    A caller that already knows the start line passes it: then the cost is the two lines and the
    span itself, not a count of every newline before ``start`` (which is quadratic over a file)."""
    line_start = source.rfind(b"\n", 0, start) + 1
    if line is None:
        line = source.count(b"\n", 0, start) + 1
    col = len(source[line_start:start].decode("utf-8", "replace")) + 1
    end_line = line + source.count(b"\n", start, end)
    end_line_start = source.rfind(b"\n", 0, end) + 1
    end_col = len(source[end_line_start:end].decode("utf-8", "replace")) + 1
    return Span(line, col, end_line, end_col)


@dataclass(frozen=True, slots=True)
class Change:
    """One rewritten SDK call site, as reports show it.

    ``line`` is the start line (kept for JSON schema v1); ``span`` adds columns and the end, for
    SARIF regions, annotations and editors. ``accepted`` is set when an inline
    ``rewriter: ignore[...]`` comment or the baseline accepts the site (see ``codemod.gate``)."""

    rule: str
    line: int
    before: str
    after: str
    note: str | None = None
    span: Span | None = None
    accepted: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """A call site left untouched on purpose, with the reason a human must decide."""

    rule: str
    line: int
    message: str
    code: str = ""
    span: Span | None = None
    accepted: str | None = None


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
    # The project-wide client model (codemod/clients.py): every client use this file has, the
    # clients its module exports, and the snippet globals it loads (a script tag, a `declare`).
    clients: list[ClientUse] = field(default_factory=list)
    exports: list[ClientExport] = field(default_factory=list)
    loads: tuple[str, ...] = ()


@dataclass(slots=True)
class Summary:
    """Counts every renderer prints. ``migrated_share`` = rewritten / (rewritten + review).

    Sites count SDK call sites only; dependency-manifest entries (``language == "manifest"``)
    count as changed files but not as sites, so they never move the migrated share."""

    files_scanned: int = 0
    files_changed: int = 0
    sites_rewritten: int = 0
    sites_for_review: int = 0
    errors: int = 0
    migrated_share: float = 0.0
    files_skipped: int = 0
    sites_accepted: int = 0
    clients: int = 0  # SDK clients seen (codemod.clients)
    clients_migrated: int = 0  # moved whole: every use rewritten
    clients_blocked: int = 0  # kept whole: some use cannot move, or nothing loads the global


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What reports say about a rule (SARIF rule metadata, ``explain``, Markdown suggestions).

    Copied out of the rule packs so renderers need nothing but the ``RunResult``."""

    id: str  # qualified: <sdk>/<rule-id>
    action: Literal["fix", "op", "transform", "review", "unmapped"]
    summary: str  # one line: what the rule does
    fix: str | None = None  # the replacement template, when the rule has one
    note: str | None = None
    rationale: str | None = None
    suggestion: str | None = None  # what a human could write instead, for review sites
    source: str = ""  # pack file:line


@dataclass(slots=True)
class RunResult:
    """Everything one ``migrate``/``scan`` run produced, in path order."""

    source: str
    target: str
    files: list[FileResult]
    excluded: list[str] = field(default_factory=list)
    write: bool = False
    files_without_sdk: int = 0  # read and prefiltered: no SDK name, so not listed in ``files``
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # qualified id -> metadata
    clients: dict[str, Client] = field(default_factory=dict)  # client key -> what the run saw of it

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
            if f.language == "manifest":
                continue  # dependency entries are not call sites: they never move the migrated share
            s.sites_rewritten += len(f.changes)
            s.sites_for_review += len(f.review)
            s.sites_accepted += sum(1 for c in f.changes if c.accepted) + sum(1 for r in f.review if r.accepted)
        for c in self.clients.values():
            if not c.uses:
                continue  # exported but never called: nothing to migrate
            s.clients += 1
            if c.blocked or c.review:
                s.clients_blocked += 1
            else:
                s.clients_migrated += 1
        total = s.sites_rewritten + s.sites_for_review
        s.migrated_share = round(s.sites_rewritten / total, 4) if total else 0.0
        return s
