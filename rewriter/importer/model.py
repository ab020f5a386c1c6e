"""Plain data shared by the import pipeline stages: configuration, records, outcomes, summary.

Nothing here does I/O. Secrets live in `Secret` so that no repr, f-string, log line or JSON
summary can ever show them; code that needs the value calls `.reveal()` at the HTTP edge only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rewriter.importer.exports import ExportSpec

Target = Literal["mixpanel", "amplitude"]
SourceKind = Literal["amplitude", "mixpanel", "mixpanel-profiles"]
OutputFormat = Literal["console", "json"]


class Secret:
    """A credential that never prints itself."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> Any:  # pragma: no cover - guard against accidental pickling
        raise TypeError("Secret values are not picklable")


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff settings. Defaults are the documented ones; tests pass tiny values.

    Mixpanel 429/502/503/5xx/timeouts: base, doubling up to cap, plus uniform jitter.
    Amplitude 429 (per-id throttle): wait uniform(amp_throttle_min, amp_throttle_max).
    """

    base: float = 2.0
    cap: float = 60.0
    jitter_min: float = 1.0
    jitter_max: float = 5.0
    amp_throttle_min: float = 15.0
    amp_throttle_max: float = 30.0
    max_attempts: int = 30
    timeout: float = 90.0

    def backoff(self, attempt: int, rnd: float) -> float:
        """Delay before retry number `attempt` (1-based); `rnd` is uniform in [0, 1)."""
        delay = min(self.base * (2 ** (attempt - 1)), self.cap)
        return delay + self.jitter_min + (self.jitter_max - self.jitter_min) * rnd

    def throttle_wait(self, rnd: float) -> float:
        return self.amp_throttle_min + (self.amp_throttle_max - self.amp_throttle_min) * rnd


@dataclass
class ImportConfig:
    """Everything `run_import` needs. Built by the CLI or directly by tests."""

    sources: list[Path]
    to: Target
    source_kind: SourceKind | None = None  # None = detect from content
    out_dir: Path | None = None
    token: Secret | None = None
    service_account: tuple[str, Secret] | None = None
    project_id: str | None = None
    api_key: Secret | None = None
    region: Literal["us", "eu", "in"] = "us"
    api_host: str | None = None
    checkpoint: Path | None = None
    rejects: Path | None = None
    workers: int = 10
    batch_size: int = 2000
    batch_bytes: int | None = None  # None = target default (2 MiB Mixpanel, 20 MB Amplitude)
    profiles: bool | None = None  # None = on when the target's credentials allow it
    dry_run: bool = False
    since_ms: int | None = None
    until_ms: int | None = None  # exclusive
    min_id_length: int = 5
    group_keys: tuple[str, ...] = ()
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    out_part_bytes: int = 1_000_000_000
    gzip_level: int = 1  # any level is valid gzip for Mixpanel; 1 is ~2.5x faster than 6, ~25 % bigger
    processes: int | None = None  # worker processes for parse/transform/encode; None = auto, 0 = inline
    now_ms: int | None = None
    progress: bool = False
    export: ExportSpec | None = None  # --from-api: pull from the vendor's export API instead of SOURCEs

    @property
    def sends(self) -> bool:
        return self.out_dir is None and not self.dry_run


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One line (or one profile) read from a source, with where it came from."""

    unit: str  # stable name of the file or zip member
    line: int  # 1-based line (or result index for profile pages)
    data: bytes | dict[str, Any]  # raw JSON bytes, or an already-parsed object


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why one record was not imported; ends up as one line of the rejects file."""

    unit: str
    line: int
    reason: str
    message: str
    record: str | None = None  # the raw record (or the payload we sent), for re-import after a fix


@dataclass
class ImportSummary:
    """What a run did. Rendered as a rich table or JSON; never contains credentials."""

    direction: str = ""
    mode: str = "send"  # send | files | dry-run
    read: int = 0
    skipped_resumed: int = 0
    filtered: int = 0
    folded: int = 0  # Amplitude identify rows turned into profile state
    sent: int = 0
    accepted: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    undelivered: int = 0
    undelivered_reasons: dict[str, int] = field(default_factory=dict)  # e.g. amplitude_daily_quota
    retried_requests: int = 0
    requests: int = 0
    bytes_uncompressed: int = 0
    bytes_sent: int = 0
    profiles_read: int = 0
    profiles_sent: int = 0
    profiles_accepted: int = 0
    profiles_undelivered: int = 0
    cuts: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0
    output_files: list[str] = field(default_factory=list)
    rejects_path: str | None = None
    checkpoint_path: str | None = None
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None
    exit_code: int = 0

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def events_per_s(self) -> float:
        return self.accepted / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "mode": self.mode,
            "records_read": self.read,
            "skipped_already_done": self.skipped_resumed,
            "filtered_by_time": self.filtered,
            "folded_into_profiles": self.folded,
            "sent": self.sent,
            "accepted": self.accepted,
            "rejected": self.rejected_total,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "undelivered": self.undelivered,
            "undelivered_by_reason": dict(sorted(self.undelivered_reasons.items())),
            "requests": self.requests,
            "retried_requests": self.retried_requests,
            "bytes_uncompressed": self.bytes_uncompressed,
            "bytes_sent": self.bytes_sent,
            "profiles": {
                "read": self.profiles_read,
                "sent": self.profiles_sent,
                "accepted": self.profiles_accepted,
                "undelivered": self.profiles_undelivered,
            },
            "cut_by_limit": dict(sorted(self.cuts.items())),
            "elapsed_s": round(self.elapsed_s, 3),
            "events_per_s": round(self.events_per_s, 1),
            "output_files": self.output_files,
            "rejects_path": self.rejects_path,
            "checkpoint_path": self.checkpoint_path,
            "warnings": self.warnings,
            "fatal": self.fatal,
            "exit_code": self.exit_code,
        }


class ConfigError(Exception):
    """Bad usage or missing credentials: the CLI exits 2."""
