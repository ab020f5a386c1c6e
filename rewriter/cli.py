"""Command line: a thin typer layer over ``rewriter.codemod.api`` and ``rewriter.importer``.

It parses options, picks a renderer and maps results to exit codes (0 done; 1 with ``--check``
when anything would change or needs review, or when a file errored; 2 bad usage or a bad rule
file). It must never hold rewrite logic, and never print a traceback for a user error.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from rewriter.codemod.report.registry import names as report_formats
from rewriter.importer.cli import ImportCommand, import_command

# The rewrite engine (tree-sitter, pydantic packs) is imported inside the commands that need it,
# so `rewriter import` and `--help` start fast, and the other way round.

app = typer.Typer(
    name="rewriter",
    help="Move analytics instrumentation between Amplitude and Mixpanel: code rewrites and data import.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List, show, validate and test rule packs.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.command("import", cls=ImportCommand)(import_command)


def _wide_help_when_piped() -> None:
    """Help that is piped or captured is not cut to 80 columns (full option names and choices).

    typer sizes its rich help from ``TERMINAL_WIDTH``; when the user has not set it and stdout
    is no terminal, give it room. A terminal keeps its own width."""
    import typer.rich_utils as rich_utils

    if rich_utils.MAX_WIDTH is None and not sys.stdout.isatty():
        rich_utils.MAX_WIDTH = 160


_wide_help_when_piped()


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"rewriter {version('rewriter')}")
        except PackageNotFoundError:
            typer.echo("rewriter (not installed as a package)")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_version, is_eager=True)
    ] = False,
) -> None:
    """Move analytics instrumentation between Amplitude and Mixpanel: code rewrites and data import."""


class Vendor(StrEnum):
    mixpanel = "mixpanel"
    amplitude = "amplitude"


Format = StrEnum("Format", {n: n for n in report_formats()})  # type: ignore[misc]  # choices come from the registry


class ScanFormat(StrEnum):
    console = "console"
    json = "json"


class PlanFormat(StrEnum):
    csv = "csv"
    lexicon = "mixpanel-lexicon"
    amplitude = "amplitude"


def user_properties_path(path: Path) -> Path:
    """The second file of ``--plan-format amplitude``: ``plan.csv`` → ``plan.user-properties.csv``."""
    return path.with_name(f"{path.stem}.user-properties{path.suffix}") if path.suffix else path.with_name(
        f"{path.name}.user-properties"
    )


def _err(message: str) -> None:
    Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {message}", highlight=False)


RulesOpt = Annotated[
    list[Path] | None, typer.Option("--rules", help="Extra rule pack file or folder (repeatable).")
]
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")]


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Files or folders (default: `paths` from the config, else the config's folder).", show_default=False),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Config file (default: nearest .rewriter.toml or pyproject.toml \\[tool.rewriter])."),
]
IncludeOpt = Annotated[
    list[str] | None, typer.Option("--include", help="Only files matching this gitignore-style pattern (repeatable).")
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", help="Skip files matching this gitignore-style pattern (repeatable).")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def _settings(config: Path | None, *, to: str | None, paths: list[Path] | None, needs_to: bool = True, **flags):  # type: ignore[no-untyped-def]
    """Flags over config (``rewriter.codemod.config``); config problems are usage errors."""
    from rewriter.codemod.config import ConfigError, find_config, load_config, resolve

    try:
        cfg = load_config(config) if config is not None else find_config()
        return resolve(
            cfg,
            to=to if to is not None else (None if needs_to else "mixpanel"),
            paths=[str(p) for p in paths or []],
            **flags,
        )
    except ConfigError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


@app.command()
def migrate(
    paths: PathsArg = None,
    to: Annotated[Vendor | None, typer.Option("--to", help="Vendor to migrate to (or `to` in the config).")] = None,
    write: Annotated[bool, typer.Option("--write", help="Apply the changes (default: dry run).")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 if a site not accepted by an inline ignore or the baseline is found.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help=f"Report format: {', '.join(report_formats())}.")] = Format.console,  # type: ignore[valid-type]
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    patch: Annotated[
        Path | None, typer.Option("--patch", help="Also write a unified diff (git apply-able, paths from the repo root).")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Baseline of accepted sites for --check (or `baseline` in the config).")
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write every current site to the baseline file.")
    ] = False,
    link_base: Annotated[
        str | None, typer.Option("--link-base", help="Markdown: URL prefix for path:line links (…/blob/<sha>/).")
    ] = None,
    notes: Annotated[
        bool, typer.Option("--notes/--no-notes", help="SARIF/GitHub: also report each rewritten site as a note.")
    ] = True,
    manifests: Annotated[
        bool,
        typer.Option("--manifests/--no-manifests", help="Also move the SDK dependency in package.json, requirements*.txt, pyproject.toml, build.gradle(.kts); list other vendor packages (Podfile, Package.swift, pubspec.yaml too) for review."),
    ] = True,
    rules: RulesOpt = None,
    target_sdk: Annotated[
        str | None, typer.Option("--target-sdk", help="Target SDK when several exist (e.g. analytics-browser).")
    ] = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Write even over files with uncommitted git changes.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain console output.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Rewrite SDK calls to the other vendor; prints a diff report (dry run unless --write)."""
    from rewriter.codemod import api
    from rewriter.codemod.baseline import BaselineError, baseline_bytes, load_baseline, open_sites
    from rewriter.codemod.packs.loader import RuleFileError
    from rewriter.codemod.report import registry
    from rewriter.codemod.report.progress import FileProgress

    st = _settings(
        config, to=to.value if to else None, paths=paths, include=include, exclude=exclude,
        rules=[str(r) for r in rules or []], target_sdk=target_sdk, baseline=str(baseline) if baseline else None,
    )
    renderer = registry.get(fmt.value)
    try:
        api.check_paths(list(st.paths))
        root = api.project_root(st.paths[0])
        baseline_path = st.baseline or str(Path(root) / ".rewriter-baseline.json")
        accepted = None if update_baseline else load_baseline(baseline_path)
        with FileProgress(enabled=not quiet) as progress:
            run = api.migrate(
                list(st.paths),
                st.to,  # type: ignore[arg-type]
                write=write,
                rules=list(st.rules),
                target_sdk=st.target_sdk,
                jobs=jobs,
                force=force,
                diffs=renderer.needs_diffs or patch is not None,
                include=st.include,
                exclude=st.exclude,
                base=st.base,
                on_file=progress,
                on_sites=progress.sites,
                accepted=accepted,
                root=root,
                manifests=manifests,
            )
    except (RuleFileError, api.UsageError, BaselineError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    tty = output is None and sys.stdout.isatty()
    options = registry.RenderOptions(
        root=root,
        color=tty and not no_color,
        width=None if not tty else Console().width,
        link_base=link_base,
        rewrites_as_notes=notes,
    )
    _emit(renderer.render(run, options), output)
    if patch is not None:
        from rewriter.codemod.report.patch import render_patch

        _emit(render_patch(run, root), patch)
    if update_baseline:
        _emit(baseline_bytes(run, root).decode("utf-8"), Path(baseline_path))
        n = sum(len(f.changes) + len(f.review) for f in run.files if f.status != "error")
        Console(stderr=True, highlight=False).print(f"baseline: {n} sites accepted in {baseline_path}", markup=False)
    if run.summary().errors or (check and not update_baseline and open_sites(run)):
        raise typer.Exit(1)


def _emit(text: str, output: Path | None) -> None:
    """Machine or human output: to ``--output`` atomically, else to stdout as UTF-8 bytes."""
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from rewriter.codemod.writer import atomic_write

    try:
        atomic_write(output, data)
    except OSError as exc:
        _err(f"cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(2) from None


@app.command()
def scan(
    paths: PathsArg = None,
    fmt: Annotated[ScanFormat, typer.Option("--format", help="Report format.")] = ScanFormat.console,
    rules: RulesOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    config: ConfigOpt = None,
    jobs: JobsOpt = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain console output.")] = False,
    tracking_plan: Annotated[
        Path | None,
        typer.Option(
            "--tracking-plan",
            help="Also write the tracking plan found in code (events, property keys and value types, "
            "user/group properties, call sites) to this file.",
        ),
    ] = None,
    plan_format: Annotated[
        PlanFormat,
        typer.Option(
            "--plan-format",
            help="csv: one row per event/property with call sites; mixpanel-lexicon: a Lexicon Schemas API "
            "body (JSON); amplitude: Amplitude Data's CSV import, two files: FILE (events and event "
            "properties) and FILE with .user-properties before the suffix (plan.csv → plan.user-properties.csv).",
        ),
    ] = PlanFormat.csv,
) -> None:
    """Inventory SDK call sites: which SDKs, which operations, which files, what migrates automatically;
    raw vendor HTTP API use for review; optionally the tracking plan (--tracking-plan)."""
    from rewriter.codemod import api
    from rewriter.codemod.packs.loader import RuleFileError
    from rewriter.codemod.report import scan as scan_report
    from rewriter.codemod.report.registry import RenderOptions

    st = _settings(config, to=None, paths=paths, needs_to=False, include=include, exclude=exclude,
                   rules=[str(r) for r in rules or []])
    try:
        res = api.scan(list(st.paths), rules=list(st.rules), jobs=jobs, include=st.include, exclude=st.exclude,
                       base=st.base, tracking_plan=tracking_plan is not None)
    except (RuleFileError, api.UsageError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    if tracking_plan is not None and res.plan is not None:
        _write_plan(res.plan, tracking_plan, plan_format)
    if fmt is ScanFormat.json:
        _emit(scan_report.render_json(res), None)
    else:
        tty = sys.stdout.isatty()
        options = RenderOptions(color=tty and not no_color, width=Console().width if tty else None)
        _emit(scan_report.render_console(res, options), None)
    if res.errors:
        raise typer.Exit(1)


def _write_plan(plan, path: Path, fmt: PlanFormat) -> None:  # type: ignore[no-untyped-def]
    """Write the tracking plan atomically (every file or a usage error); a line on stderr says where."""
    import json

    from rewriter.codemod import tracking

    if fmt is PlanFormat.csv:
        outputs = [(path, tracking.to_csv(plan))]
    elif fmt is PlanFormat.lexicon:
        outputs = [(path, json.dumps(tracking.to_lexicon(plan), indent=2, sort_keys=True) + "\n")]
    else:
        events, users = tracking.to_amplitude_csv(plan)
        outputs = [(path, events), (user_properties_path(path), users)]
    for target, text in outputs:
        _emit(text, target)
    where = " and ".join(str(t) for t, _ in outputs)
    Console(stderr=True, highlight=False, soft_wrap=True).print(
        f"tracking plan: {len(plan.events)} events, {len(plan.user_properties)} user properties → {where}",
        markup=False,
    )


@rules_app.command("list")
def rules_list(rules: RulesOpt = None) -> None:
    """List every rule id, grouped by pack (direction, target SDK, languages, file)."""
    packs = _packs(rules)
    lines: list[str] = []
    for p in packs:
        lines.append(
            f"{p.sdk}  {p.from_} → {p.to}  target: {p.target.sdk}  languages: {', '.join(p.languages)}"
            f"  ({len(p.rules)} rules, {p.path})"
        )
        width = max((len(p.qualified(r)) for r in p.rules), default=0)
        for r in p.rules:
            action = "fix" if r.fix is not None else "review" if r.review is not None else f"transform {r.transform}"
            lines.append(f"  {p.qualified(r):<{width}}  {action}")
        lines.append("")
    typer.echo("\n".join(lines).rstrip("\n"))


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument(help="<sdk>/<rule-id>, e.g. amplitude-js/track")], rules: RulesOpt = None) -> None:
    """Show one rule: its patterns, action, note and where it is defined."""
    for p in _packs(rules):
        for r in p.rules:
            if p.qualified(r) == rule_id:
                c = Console(highlight=False)
                c.print(f"[bold cyan]{rule_id}[/]  ({p.from_} → {p.to}, {p.path}:{p.rule_lines.get(r.id, 1)})")
                for m in r.match:
                    c.print(f"  match:     {m}", markup=False)
                if r.fix is not None:
                    c.print(f"  fix:       {r.fix}", markup=False)
                if r.transform is not None:
                    c.print(f"  transform: {r.transform}", markup=False)
                if r.review is not None:
                    c.print(f"  review:    {r.review}", markup=False)
                if r.note:
                    c.print(f"  note:      {r.note}", markup=False)
                return
    _err(f"no rule {rule_id!r} (see `rewriter rules list`)")
    raise typer.Exit(2)


@rules_app.command("validate")
def rules_validate(files: Annotated[list[Path], typer.Argument(help="Rule pack files.")]) -> None:
    """Validate rule pack files; every problem of a file is listed as file:line:col."""
    from rewriter.codemod.packs.validate import validate_pack_file

    bad = 0
    for f in files:
        problems = validate_pack_file(f)
        for problem in problems:
            _err(str(problem))
        if problems:
            bad += 1
            continue
        from rewriter.codemod.packs.loader import load_pack

        typer.echo(f"ok {f}: {len(load_pack(f).rules)} rules")
    if bad:
        raise typer.Exit(2)


@rules_app.command("test")
def rules_test(directory: Annotated[Path | None, typer.Argument(help="Folder of packs (default: shipped packs).")] = None) -> None:
    """Run every rule's fixture pairs (input → expected) and report failures. A review rule without
    a pair is listed as "no fixture (review rule)" after its patterns are checked; it does not fail."""
    from rewriter.codemod.packs.fixtures import run_fixtures
    from rewriter.codemod.packs.loader import RuleFileError, builtin_rules_dir

    try:
        outcomes = run_fixtures(directory or builtin_rules_dir())
    except RuleFileError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    failed = [o for o in outcomes if not o.ok]
    unpaired = [o for o in outcomes if o.ok and o.no_fixture]
    console = Console(highlight=False, soft_wrap=True)
    for o in failed:
        console.print(f"[red]FAIL[/] {o.pack} {o.rule} {o.input}\n{o.message}", markup=True)
    for o in unpaired:
        console.print(f"no fixture (review rule): {o.pack} {o.rule}", markup=False)
    console.print(
        f"{len(outcomes) - len(failed) - len(unpaired)} passed, {len(failed)} failed"
        + (f", {len(unpaired)} review rules without a fixture (patterns checked)" if unpaired else "")
    )
    if failed:
        raise typer.Exit(1)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(help="Rule id, e.g. amplitude-js/track (or track when unique).")],
    rules: RulesOpt = None,
) -> None:
    """Explain one rule: what it matches and writes, why, and its fixture pair as an example."""
    from rewriter.codemod.explain import UnknownRule
    from rewriter.codemod.explain import explain as explain_rule

    try:
        ex = explain_rule(_packs(rules), rule_id)
    except UnknownRule as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    r = ex.rule
    out = [f"{ex.qualified}  ({ex.pack.from_} → {ex.pack.to}, target {ex.pack.target.sdk}; {ex.where})", ""]
    out += [f"  match:      {m}" for m in r.match]
    for label, value in (("fix", r.fix), ("transform", r.transform), ("review", r.review), ("note", r.note),
                         ("suggestion", r.suggestion)):
        if value is not None:
            out.append(f"  {label + ':':<11} {value}")
    out += ["", "Why:", f"  {ex.why}", ""]
    if ex.example is None:
        out.append("Example: this rule has no fixture pair (run `rewriter rules test` to see which rules lack one).")
    else:
        inp, exp = ex.example_files or ("", "")
        head = f"Example ({inp} → {exp}):" if ex.example_changes else f"Example ({inp}: left as it is, listed for review):"
        out += [head, ex.example.rstrip("\n")]
    typer.echo("\n".join(out))


def _packs(rules: list[Path] | None):  # type: ignore[no-untyped-def]
    from rewriter.codemod.packs.loader import RuleFileError, load_packs

    try:
        return load_packs([str(r) for r in rules or []])
    except RuleFileError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
