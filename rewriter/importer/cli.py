"""`rewriter import`: parse options, build an ImportConfig, call run_import, map to exit codes.

Thin by design: no pipeline logic lives here. Credentials are read from options or environment
variables and wrapped in `Secret` at once; this module must never echo them (help output hides
defaults for credential options, and errors name the option, never its value).
Exit codes: 0 all records accepted or deliberately rejected and listed; 1 some not delivered;
2 bad usage or credentials.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
import typer.core
import typer.main
from rich.console import Console

from rewriter.importer.model import ConfigError, ImportConfig, RetryPolicy, Secret
from rewriter.importer.shape import ShapeOptions

if TYPE_CHECKING:
    from rewriter.importer.exports import ExportSpec

# The pipeline (httpx, exports, reports) is imported inside the command: `rewriter migrate` and
# `rewriter --help` should not pay for the importer's start-up.

DEFAULT_OUT = Path("rewriter-import-out")
SALT_ENV = "REWRITER_HASH_SALT"

# Controls shared by `rewriter import` and `rewriter import plan` (issue 13): declared once.
ONLY_EVENTS = typer.Option([], "--only-events", metavar="GLOB", help="Import only events whose name matches (repeatable).")
SKIP_EVENTS = typer.Option([], "--skip-events", metavar="GLOB", help="Skip events whose name matches (repeatable).")
KEEP_AMP = typer.Option(
    False, "--keep-amplitude-events",
    help="Keep Amplitude's own session_start/session_end and [Experiment] events (skipped by default).",
)
SKIP_WHERE = typer.Option(
    [], "--skip-where", metavar="PROP=GLOB",
    help="Skip events whose property matches, e.g. '$browser=*bot*' (repeatable). Events with $ignore: true are always skipped.",
)
DROP_PROP = typer.Option([], "--drop-property", metavar="NAME", help="Remove this event property (repeatable).")
RENAME_PROP = typer.Option([], "--rename-property", metavar="OLD=NEW", help="Rename an event property (repeatable).")
HASH_PROP = typer.Option(
    [], "--hash-property", metavar="NAME",
    help=f"Replace the value by its salted SHA-256 (salt from ${SALT_ENV}, never printed; repeatable).",
)
GEO = typer.Option("from-ip", "--geo", help="from-ip (send ip for the vendor's lookup), explicit (city/region/country only) or none.")
IDENTITY = typer.Option(
    "simplified", "--identity",
    help="Mixpanel ID merge of the destination project: simplified ($user_id/$device_id, no $identify/$merge events) or original.",
)
GROUP_KEY = typer.Option(
    [], "--group-key", metavar="AMPLITUDE_TYPE=MIXPANEL_KEY",
    help="Map an Amplitude group type to a Mixpanel group key for events and group profiles, both ways (KEY alone: same name; repeatable).",
)
RESERVED = typer.Option(
    True, "--reserved-profile-properties/--no-reserved-profile-properties",
    help="Map email/name/first_name/last_name/phone/avatar/created to Mixpanel's $email/$name/... on profiles, both ways.",
)


def _pairs(values: list[str], option: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        left, sep, right = value.partition("=")
        if not sep or not left or not right:
            raise ConfigError(f"{option} takes {'PROP=GLOB' if option == '--skip-where' else 'OLD=NEW'}, not {value!r}")
        pairs.append((left, right))
    return tuple(pairs)


def shape_options(opts: dict[str, object], to: str) -> tuple[ShapeOptions, tuple[str, ...]]:
    """The controls as ShapeOptions, plus the Mixpanel group keys the transform must recognise."""
    from rewriter.importer.shape import Salt, check

    groups = []
    for item in opts["group_key"]:  # type: ignore[attr-defined]
        amp, sep, mp = str(item).partition("=")
        groups.append((amp, mp) if sep else (amp, amp))
    if any(not amp or not mp for amp, mp in groups):
        raise ConfigError("--group-key takes AMPLITUDE_TYPE=MIXPANEL_KEY or KEY")
    salt = os.environ.get(SALT_ENV)
    shape = ShapeOptions(
        target=to,
        only_events=tuple(opts["only_events"]),  # type: ignore[arg-type]
        skip_events=tuple(opts["skip_events"]),  # type: ignore[arg-type]
        keep_amplitude_events=bool(opts["keep_amplitude_events"]),
        skip_where=_pairs(list(opts["skip_where"]), "--skip-where"),  # type: ignore[call-overload]
        drop_properties=tuple(opts["drop_property"]),  # type: ignore[arg-type]
        rename_properties=_pairs(list(opts["rename_property"]), "--rename-property"),  # type: ignore[call-overload]
        hash_properties=tuple(opts["hash_property"]),  # type: ignore[arg-type]
        salt=Salt(salt) if salt else None,
        geo=str(opts["geo"]),
        identity=str(opts["identity"]),
        group_map=tuple(groups),
    )
    problem = check(shape)
    if problem:
        raise ConfigError(problem)
    return shape, tuple(mp for _amp, mp in groups)


def _parse_when(value: str | None, *, end: bool) -> int | None:
    """YYYY-MM-DD (a whole day; --until includes it) or an ISO datetime (UTC when no zone) -> ms."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            if end:
                moment += timedelta(days=1)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    except ValueError as exc:
        raise ConfigError(f"cannot read date {text!r}: use YYYY-MM-DD or an ISO datetime") from exc
    return int(moment.timestamp() * 1000)


def import_command(
    sources: list[Path] = typer.Argument(
        None, show_default=False, help="Amplitude export zip / folder / .json(.gz), Mixpanel export NDJSON(.gz), Engage pages."
    ),
    to: str = typer.Option(..., "--to", help="Destination: mixpanel or amplitude."),
    source_format: str | None = typer.Option(
        None, "--from", help="Force the source format: amplitude, mixpanel, mixpanel-profiles."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write target-format files here instead of sending (default without credentials)."
    ),
    token: str | None = typer.Option(
        None, "--token", envvar="MIXPANEL_TOKEN", show_default=False, help="Mixpanel project token."
    ),
    service_account: str | None = typer.Option(
        None, "--service-account", envvar="MIXPANEL_SERVICE_ACCOUNT", show_default=False,
        help="Mixpanel service account USER:SECRET.",
    ),
    project_id: str | None = typer.Option(
        None, "--project-id", envvar="MIXPANEL_PROJECT_ID", show_default=False, help="Mixpanel project id."
    ),
    api_key: str | None = typer.Option(
        None, "--api-key", envvar="AMPLITUDE_API_KEY", show_default=False, help="Amplitude API key."
    ),
    region: str = typer.Option("us", "--region", help="us, eu or in (Mixpanel only)."),
    api_host: str | None = typer.Option(None, "--api-host", help="Override the region's host, e.g. http://127.0.0.1:8080."),
    checkpoint: Path | None = typer.Option(None, "--checkpoint", help="SQLite state; rerun with the same path to resume."),
    rejects: Path | None = typer.Option(
        None, "--rejects",
        help="Rejects file (default: --out DIR/rejects.ndjson, else CHECKPOINT.rejects.ndjson beside --checkpoint, "
        "else ./rejects.ndjson); its path is printed.",
    ),
    report: Path | None = typer.Option(None, "--report", help="Also write the JSON summary to this file."),
    workers: int = typer.Option(10, "--workers", min=1, max=64, help="Concurrent requests."),
    batch_size: int = typer.Option(2000, "--batch-size", min=1, max=2000, help="Records per request."),
    profiles: bool | None = typer.Option(
        None, "--profiles/--no-profiles", show_default=False,
        help="Import user and group profiles too (default: when the credentials allow it).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Read and transform only; send and write nothing."),
    since: str | None = typer.Option(None, "--since", help="Only events at or after this date/time (UTC)."),
    until: str | None = typer.Option(None, "--until", help="Only events before the end of this date (or before this time)."),
    output_format: str = typer.Option("console", "--format", help="Summary format: console or json."),
    min_id_length: int = typer.Option(5, "--min-id-length", min=1, help="Amplitude options.min_id_length."),
    only_events: list[str] = ONLY_EVENTS,
    skip_events: list[str] = SKIP_EVENTS,
    keep_amplitude_events: bool = KEEP_AMP,
    skip_where: list[str] = SKIP_WHERE,
    drop_property: list[str] = DROP_PROP,
    rename_property: list[str] = RENAME_PROP,
    hash_property: list[str] = HASH_PROP,
    geo: str = GEO,
    identity: str = IDENTITY,
    group_key: list[str] = GROUP_KEY,
    reserved_profile_properties: bool = RESERVED,
    max_attempts: int = typer.Option(30, "--max-attempts", min=1, help="Tries per request before giving up."),
    request_timeout: float = typer.Option(90.0, "--request-timeout", help="Seconds per HTTP request."),
    retry_base: float = typer.Option(2.0, "--retry-base", hidden=True),
    retry_cap: float = typer.Option(60.0, "--retry-cap", hidden=True),
    retry_jitter: str = typer.Option("1,5", "--retry-jitter", hidden=True),
    throttle_wait: str = typer.Option("15,30", "--throttle-wait", hidden=True),
    from_api: str | None = typer.Option(
        None, "--from-api", help="Pull from the vendor's export API instead of SOURCE files: amplitude or mixpanel."
    ),
    start: str | None = typer.Option(None, "--start", help="--from-api: first day, YYYY-MM-DD (UTC; Mixpanel: see docs)."),
    end: str | None = typer.Option(None, "--end", help="--from-api: last day, YYYY-MM-DD (inclusive)."),
    secret_key: str | None = typer.Option(
        None, "--secret-key", envvar="AMPLITUDE_SECRET_KEY", show_default=False,
        help="--from-api amplitude: the source project's secret key (with --api-key).",
    ),
    from_region: str | None = typer.Option(None, "--from-region", help="--from-api: source region us, eu or in (default --region)."),
    export_host: str | None = typer.Option(None, "--export-host", help="--from-api: override the export/Engage host."),
    window_days: int = typer.Option(1, "--window-days", min=1, max=365, help="--from-api: days per export request."),
    timezone_offset: float = typer.Option(
        0.0, "--timezone-offset", help="--from-api mixpanel: project UTC offset in hours (projects created before 2023)."
    ),
    group_profile: list[str] = typer.Option(
        [], "--group-profile", help="--from-api mixpanel: DATA_GROUP_ID:GROUP_KEY group profiles to import (repeatable)."
    ),
    keep_downloads: bool = typer.Option(False, "--keep-downloads", help="--from-api: keep each window's download."),
    export_rate: str = typer.Option("3,60", "--export-rate", hidden=True),
) -> None:
    """Import historical events and profiles from Amplitude into Mixpanel, or back.

    Run `rewriter import plan SOURCE... --to ...` first: it shows what would be imported, what the
    filters and mappings change, the requests and time it will take, and the warnings.
    """
    opts = dict(locals())
    from rewriter.importer.report import ProgressView, render_console, render_json
    from rewriter.importer.run import run_import

    err = Console(stderr=True)
    try:
        config = _build_config(**opts)
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    show_progress = output_format == "console" and sys.stderr.isatty()
    try:
        if show_progress:
            with ProgressView(sys.stderr) as view:
                summary = run_import(config, progress=view.update)
        else:
            summary = run_import(config)
    except ConfigError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print("interrupted: rerun with the same --checkpoint to continue")
        raise typer.Exit(130) from None
    if report is not None:
        from rewriter.importer.checkpoint import atomic_write_lines

        atomic_write_lines(report, [render_json(summary).encode()])
    if output_format == "json":
        typer.echo(render_json(summary))
    else:
        render_console(summary, Console())
    raise typer.Exit(summary.exit_code)


def _pair(text: str, option: str) -> tuple[float, float]:
    try:
        low, high = (float(x) for x in text.split(","))
    except ValueError as exc:
        raise ConfigError(f"{option} takes MIN,MAX") from exc
    return low, high


def _build_config(**opts: object) -> ImportConfig:
    to = str(opts["to"]).lower()
    if to not in ("mixpanel", "amplitude"):
        raise ConfigError("--to must be mixpanel or amplitude")
    region = str(opts["region"]).lower()
    if region not in ("us", "eu", "in"):
        raise ConfigError("--region must be us, eu or in")
    if opts["output_format"] not in ("console", "json"):
        raise ConfigError("--format must be console or json")
    source_format = opts["source_format"]
    if source_format is not None and source_format not in ("amplitude", "mixpanel", "mixpanel-profiles"):
        raise ConfigError("--from must be amplitude, mixpanel or mixpanel-profiles")
    token = Secret(str(opts["token"])) if opts["token"] else None
    service_account = None
    if opts["service_account"]:
        user, sep, secret = str(opts["service_account"]).partition(":")
        if not sep or not user or not secret:
            raise ConfigError("--service-account must be USER:SECRET")
        service_account = (user, Secret(secret))
    api_key = Secret(str(opts["api_key"])) if opts["api_key"] else None
    if to == "mixpanel" and token and service_account:
        pass  # the service account authenticates /import; the token signs /engage and /groups
    out = opts["out"]
    dry_run = bool(opts["dry_run"])
    has_credentials = (token or service_account) if to == "mixpanel" else api_key
    if out is None and not dry_run and not has_credentials:
        out = DEFAULT_OUT
        Console(stderr=True).print(f"no {to} credentials given: writing files to {out}/ (see --out)")
    jitter = _pair(str(opts["retry_jitter"]), "--retry-jitter")
    throttle = _pair(str(opts["throttle_wait"]), "--throttle-wait")
    retry = RetryPolicy(
        base=float(opts["retry_base"]),  # type: ignore[arg-type]
        cap=float(opts["retry_cap"]),  # type: ignore[arg-type]
        jitter_min=jitter[0],
        jitter_max=jitter[1],
        amp_throttle_min=throttle[0],
        amp_throttle_max=throttle[1],
        max_attempts=int(opts["max_attempts"]),  # type: ignore[call-overload]
        timeout=float(opts["request_timeout"]),  # type: ignore[arg-type]
    )
    since_ms = _parse_when(opts["since"], end=False)  # type: ignore[arg-type]
    until_ms = _parse_when(opts["until"], end=True)  # type: ignore[arg-type]
    if since_ms is not None and until_ms is not None and since_ms >= until_ms:
        raise ConfigError(f"--since {opts['since']} is not before --until {opts['until']}: nothing would be imported")
    shape, group_keys = shape_options(opts, to)
    export = _export_spec(opts, to, region)
    if export is not None:  # the source project's credentials are not the destination's
        if export.vendor == "amplitude":
            api_key = None
        else:
            service_account, opts["project_id"] = None, None
    return ImportConfig(
        sources=list(opts["sources"] or []),  # type: ignore[call-overload]
        to=to,  # type: ignore[arg-type]
        source_kind=source_format,  # type: ignore[arg-type]
        out_dir=out,  # type: ignore[arg-type]
        token=token,
        service_account=service_account,
        project_id=str(opts["project_id"]) if opts["project_id"] else None,
        api_key=api_key,
        region=region,  # type: ignore[arg-type]
        api_host=str(opts["api_host"]) if opts["api_host"] else None,
        checkpoint=opts["checkpoint"],  # type: ignore[arg-type]
        rejects=opts["rejects"],  # type: ignore[arg-type]
        workers=int(opts["workers"]),  # type: ignore[call-overload]
        batch_size=int(opts["batch_size"]),  # type: ignore[call-overload]
        profiles=opts["profiles"],  # type: ignore[arg-type]
        dry_run=dry_run,
        since_ms=since_ms,
        until_ms=until_ms,
        min_id_length=int(opts["min_id_length"]),  # type: ignore[call-overload]
        group_keys=group_keys,
        shape=shape,
        reserved_profile_map=bool(opts["reserved_profile_properties"]),
        retry=retry,
        progress=False,
        export=export,
    )


def _export_spec(opts: dict[str, object], to: str, region: str) -> ExportSpec | None:
    """--from-api options -> an ExportSpec. The source credentials reuse --api-key (Amplitude) or
    --service-account/--project-id (Mixpanel): the destination is the other vendor, so they are free."""
    vendor = opts["from_api"]
    if vendor is None:
        for name in ("start", "end"):
            if opts[name]:
                raise ConfigError(f"--{name} needs --from-api")
        return None
    vendor = str(vendor).lower()
    if vendor not in ("amplitude", "mixpanel"):
        raise ConfigError("--from-api must be amplitude or mixpanel")
    if opts["sources"]:
        raise ConfigError("give either SOURCE files or --from-api, not both")
    if not opts["start"] or not opts["end"]:
        raise ConfigError("--from-api needs --start and --end (YYYY-MM-DD)")
    try:
        first, last = date.fromisoformat(str(opts["start"])), date.fromisoformat(str(opts["end"]))
    except ValueError as exc:
        raise ConfigError("--start/--end take YYYY-MM-DD") from exc
    source_region = str(opts["from_region"] or region).lower()
    if source_region not in ("us", "eu", "in"):
        raise ConfigError("--from-region must be us, eu or in")
    groups = []
    for item in opts["group_profile"]:  # type: ignore[attr-defined]
        group_id, sep, key = str(item).partition(":")
        if not sep or not group_id or not key:
            raise ConfigError("--group-profile takes DATA_GROUP_ID:GROUP_KEY")
        groups.append((group_id, key))
    rate = _pair(str(opts["export_rate"]), "--export-rate")
    service_account = None
    if opts["service_account"] and vendor == "mixpanel":
        user, _, secret = str(opts["service_account"]).partition(":")
        service_account = (user, Secret(secret))
    from rewriter.importer.exports import ExportSpec

    return ExportSpec(
        vendor=vendor,  # type: ignore[arg-type]
        start=first,
        end=last,
        api_key=Secret(str(opts["api_key"])) if (opts["api_key"] and vendor == "amplitude") else None,
        secret_key=Secret(str(opts["secret_key"])) if opts["secret_key"] else None,
        service_account=service_account,
        project_id=str(opts["project_id"]) if (opts["project_id"] and vendor == "mixpanel") else None,
        region=source_region,
        host=str(opts["export_host"]) if opts["export_host"] else None,
        window_days=int(opts["window_days"]),  # type: ignore[call-overload]
        timezone_offset_hours=float(opts["timezone_offset"]),  # type: ignore[arg-type]
        group_profiles=tuple(groups),
        keep_downloads=bool(opts["keep_downloads"]),
        export_rate=(int(rate[0]), int(rate[1])),
    )


# --- `rewriter import plan` ---------------------------------------------------------------------


def plan_command(
    sources: list[Path] = typer.Argument(..., show_default=False, help="The SOURCEs the import would read."),
    to: str = typer.Option(..., "--to", help="Destination: mixpanel or amplitude."),
    source_format: str | None = typer.Option(None, "--from", help="Force the source format (as for the import)."),
    since: str | None = typer.Option(None, "--since", help="As for the import."),
    until: str | None = typer.Option(None, "--until", help="As for the import."),
    batch_size: int = typer.Option(2000, "--batch-size", min=1, max=2000, help="Records per request."),
    min_id_length: int = typer.Option(5, "--min-id-length", min=1, help="Amplitude options.min_id_length."),
    only_events: list[str] = ONLY_EVENTS,
    skip_events: list[str] = SKIP_EVENTS,
    keep_amplitude_events: bool = KEEP_AMP,
    skip_where: list[str] = SKIP_WHERE,
    drop_property: list[str] = DROP_PROP,
    rename_property: list[str] = RENAME_PROP,
    hash_property: list[str] = HASH_PROP,
    geo: str = GEO,
    identity: str = IDENTITY,
    group_key: list[str] = GROUP_KEY,
    reserved_profile_properties: bool = RESERVED,
    now: str | None = typer.Option(None, "--now", hidden=True),  # a fixed clock for golden tests
) -> None:
    """Show what `rewriter import` would do with these SOURCEs and options; sends and writes nothing.

    Counts per event name and property, the time range, usable and blocked ids, what each filter
    and mapping removes or changes, the estimated requests and duration at the destination's rate
    limit, and warnings (retention, pre-2023 project time, the ID merge mode assumed).
    """
    opts = dict(locals())
    from rewriter.importer.plan import make_plan, render_plan
    from rewriter.importer.sources import SourceError

    err = Console(stderr=True)
    try:
        to_ = str(to).lower()
        if to_ not in ("mixpanel", "amplitude"):
            raise ConfigError("--to must be mixpanel or amplitude")
        if source_format is not None and source_format not in ("amplitude", "mixpanel", "mixpanel-profiles"):
            raise ConfigError("--from must be amplitude, mixpanel or mixpanel-profiles")
        since_ms, until_ms = _parse_when(since, end=False), _parse_when(until, end=True)
        if since_ms is not None and until_ms is not None and since_ms >= until_ms:
            raise ConfigError(f"--since {since} is not before --until {until}: nothing would be imported")
        shape, group_keys = shape_options(opts, to_)
        config = ImportConfig(
            sources=list(sources), to=to_, source_kind=source_format, dry_run=True,  # type: ignore[arg-type]
            batch_size=batch_size, since_ms=since_ms, until_ms=until_ms, min_id_length=min_id_length,
            group_keys=group_keys, shape=shape, reserved_profile_map=reserved_profile_properties,
        )
        now_ms = _parse_when(now, end=False) if now else int(datetime.now(UTC).timestamp() * 1000)
        plan = make_plan(config, now_ms)  # type: ignore[arg-type]
    except (ConfigError, SourceError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    sys.stdout.write(render_plan(plan, config))


class ImportCommand(typer.core.TyperCommand):
    """`rewriter import`, which also answers `rewriter import plan ...` (a subcommand in all but
    name: `import` itself takes SOURCE arguments, so it cannot be a click group)."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if args[:1] == ["plan"]:
            return _plan_click().make_context(f"{info_name} plan", args[1:], parent=parent, **extra)
        return super().make_context(info_name, args, parent=parent, **extra)


def _plan_click() -> Any:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(plan_command)
    return typer.main.get_command(app)
