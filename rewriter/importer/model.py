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
    from rewriter.importer.shape import ShapeOptions

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
    shape: ShapeOptions | None = None  # filters and property controls (None: the defaults)
    reserved_profile_map: bool = True  # email <-> $email etc. on profiles

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
    """What a run did. Rendered as a rich table or JSON; never contains credentials.

    The counters are kept per stage; `to_dict` names them with the verbs of the run's mode, so a
    summary never claims what did not happen: a dry run only reads and transforms, `--out` writes
    (nothing is sent or accepted), a send run sends and the server accepts. Events and profiles
    (Engage users, group profiles, Amplitude identify rows) are counted apart.
    """

    direction: str = ""
    mode: str = "send"  # send | files | dry-run
    read: int = 0
    skipped_resumed: int = 0
    filtered: int = 0  # outside --since/--until
    filtered_by: dict[str, int] = field(default_factory=dict)  # event filters (rule -> events dropped)
    folded: int = 0  # Amplitude identify rows turned into profile state
    sent: int = 0  # events transformed and handed to the sink (sent, written, or counted in a dry run)
    accepted: int = 0  # events the sink took: accepted by the server, or written to a file
    rejected: dict[str, int] = field(default_factory=dict)  # events and profiles, as in the rejects file
    undelivered: int = 0
    undelivered_reasons: dict[str, int] = field(default_factory=dict)  # e.g. amplitude_daily_quota
    retried_requests: int = 0
    requests: int = 0
    bytes_uncompressed: int = 0
    bytes_sent: int = 0
    profiles_read: int = 0
    profiles_skipped_resumed: int = 0
    profiles_sent: int = 0  # transformed and handed to the sink
    profiles_accepted: int = 0
    profiles_rejected: int = 0
    profiles_undelivered: int = 0
    profile_properties_mapped: dict[str, int] = field(default_factory=dict)  # "email -> $email": profiles
    property_changes: dict[str, int] = field(default_factory=dict)  # --drop/--rename/--hash-property, --geo
    cuts: dict[str, int] = field(default_factory=dict)
    elapsed_s: float = 0.0
    output_files: list[str] = field(default_factory=list)  # parts this run finished writing
    rejects_path: str | None = None
    checkpoint_path: str | None = None
    identity: str | None = None  # Mixpanel destinations: the ID merge mode assumed
    warnings: list[str] = field(default_factory=list)
    fatal: str | None = None
    exit_code: int = 0

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def events_rejected(self) -> int:
        return self.rejected_total - self.profiles_rejected

    @property
    def done_verb(self) -> str:
        """What happened to the records that went all the way, in this mode."""
        return {"send": "accepted", "files": "written"}.get(self.mode, "transformed")

    @property
    def events_done(self) -> int:
        return self.sent if self.mode == "dry-run" else self.accepted

    @property
    def events_per_s(self) -> float:
        return self.events_done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def _block(self, read: int, skipped: int, transformed: int, done: int, rejected: int,
               undelivered: int) -> dict[str, Any]:
        block: dict[str, Any] = {"read": read, "skipped_as_settled": skipped, "transformed": transformed}
        if self.mode == "send":
            block |= {"sent": transformed, "accepted": done, "undelivered": undelivered}
        elif self.mode == "files":
            block |= {"written": done}
        block["rejected"] = rejected
        return block

    def to_dict(self) -> dict[str, Any]:
        events = self._block(self.read, self.skipped_resumed, self.sent, self.accepted, self.events_rejected,
                             self.undelivered)
        events |= {
            "filtered_by_time": self.filtered,
            "filtered_by_rule": dict(sorted(self.filtered_by.items())),
            "folded_into_profiles": self.folded,
        }
        profiles = self._block(self.profiles_read, self.profiles_skipped_resumed, self.profiles_sent,
                               self.profiles_accepted, self.profiles_rejected, self.profiles_undelivered)
        profiles["reserved_properties_mapped"] = dict(sorted(self.profile_properties_mapped.items()))
        data: dict[str, Any] = {
            "direction": self.direction,
            "mode": self.mode,
            "identity": self.identity,
            "events": events,
            "profiles": profiles,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "property_changes": dict(sorted(self.property_changes.items())),
            "cut_by_limit": dict(sorted(self.cuts.items())),
        }
        if self.mode == "send":
            data |= {
                "undelivered_by_reason": dict(sorted(self.undelivered_reasons.items())),
                "requests": self.requests,
                "retried_requests": self.retried_requests,
                "bytes_uncompressed": self.bytes_uncompressed,
                "bytes_sent": self.bytes_sent,
            }
        elif self.mode == "files":
            data |= {"bytes_uncompressed": self.bytes_uncompressed, "bytes_written": self.bytes_sent}
        data |= {
            "elapsed_s": round(self.elapsed_s, 3),
            f"events_{self.done_verb}_per_s": round(self.events_per_s, 1),
            "output_files": self.output_files,
            "rejects_path": self.rejects_path,
            "checkpoint_path": self.checkpoint_path,
            "warnings": self.warnings,
            "fatal": self.fatal,
            "exit_code": self.exit_code,
        }
        return data


class ConfigError(Exception):
    """Bad usage or missing credentials: the CLI exits 2."""
