"""Render an ImportSummary: a rich table for people, JSON for machines, and a progress line.

Renderers read only the summary, which by construction holds no credentials; they must never be
handed the config or anything else that could carry a secret.
"""

from __future__ import annotations

from typing import IO

import orjson
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from rewriter.importer.model import ImportSummary


def render_json(summary: ImportSummary) -> str:
    return orjson.dumps(summary.to_dict(), option=orjson.OPT_INDENT_2).decode()


_DONE_LABEL = {"send": "accepted by the server", "files": "written to files"}


def _record_rows(summary: ImportSummary, what: str, block: dict[str, int]) -> list[tuple[str, str]]:
    """One section of the table, in the verbs of the run's mode (see ImportSummary.to_dict)."""
    rows = [(f"{what} read", f"{block['read']:,}")]
    if block["skipped_as_settled"]:
        rows.append(("  skipped (settled in an earlier run)", f"{block['skipped_as_settled']:,}"))
    rows.append(("  transformed" + (" (dry run: nothing sent or written)" if summary.mode == "dry-run" else ""),
                 f"{block['transformed']:,}"))
    if summary.mode == "send":
        rows.append(("  sent", f"{block['sent']:,}"))
        rows.append(("  " + _DONE_LABEL["send"], f"{block['accepted']:,}"))
        rows.append(("  undelivered (pending in checkpoint)", f"{block['undelivered']:,}"))
    elif summary.mode == "files":
        rows.append(("  " + _DONE_LABEL["files"], f"{block['written']:,}"))
    rows.append(("  rejected (listed in the rejects file)", f"{block['rejected']:,}"))
    return rows


def render_console(summary: ImportSummary, console: Console) -> None:
    data = summary.to_dict()
    title = f"rewriter import: {summary.direction} ({summary.mode})"
    table = Table(title=title, show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", justify="right")
    events = data["events"]
    rows = _record_rows(summary, "events", events)
    if events["filtered_by_time"]:
        rows.append(("  outside --since/--until", f"{events['filtered_by_time']:,}"))
    for rule, count in events["filtered_by_rule"].items():
        rows.append((f"  skipped by filter {rule}", f"{count:,}"))
    if events["folded_into_profiles"]:
        rows.append(("  identify rows folded into profiles", f"{events['folded_into_profiles']:,}"))
    profiles = data["profiles"]
    if profiles["read"] or profiles["transformed"] or profiles["skipped_as_settled"]:
        rows += _record_rows(summary, "profiles", profiles)
    for reason, count in data["rejected_by_reason"].items():
        rows.append((f"rejected: {reason}", f"{count:,}"))
    for change, count in data["property_changes"].items():
        rows.append((f"property {change}", f"{count:,}"))
    if summary.mode == "send":
        rows.append(("requests (retried)", f"{summary.requests:,} ({summary.retried_requests:,})"))
        rows.append(("bytes (uncompressed / on the wire)", f"{summary.bytes_uncompressed:,} / {summary.bytes_sent:,}"))
    elif summary.mode == "files":
        rows.append(("bytes (uncompressed / written)", f"{summary.bytes_uncompressed:,} / {summary.bytes_sent:,}"))
    rows += [
        ("time", f"{summary.elapsed_s:.2f} s"),
        (f"events {summary.done_verb}/s", f"{summary.events_per_s:,.0f}"),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)
    if summary.identity:
        console.print(f"identity: Mixpanel {summary.identity} ID merge assumed (--identity)")
    mapped = profiles["reserved_properties_mapped"]
    if mapped:
        console.print("reserved profile properties mapped: " + ", ".join(f"{k} ({v:,})" for k, v in mapped.items()))
    cut_kinds = {k: v for k, v in data["cut_by_limit"].items() if ":" not in k}
    if cut_kinds:
        console.print("values cut to fit vendor limits: " + ", ".join(f"{k} {v:,}" for k, v in cut_kinds.items()))
    for path in summary.output_files:
        console.print(f"wrote {path}", soft_wrap=True)
    if summary.mode == "files" and not summary.output_files:
        console.print("no output file written by this run (nothing new to write)")
    if summary.rejects_path:
        console.print(f"rejects: {summary.rejects_path}", soft_wrap=True)
    for warning in summary.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    if summary.fatal:
        console.print(Text(f"stopped: {summary.fatal}", style="bold red"))
    elif summary.exit_code == 1:
        console.print(
            Text(
                "some records were not delivered; rerun with the same --checkpoint to send the rest",
                style="bold red",
            )
        )


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} events/s")


class ProgressView:
    """A live line on stderr: records read, accepted, events/s."""

    def __init__(self, stream: IO[str]) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.fields[read]:,} read · {task.completed:,} accepted"),
            _RateColumn(),
            TimeElapsedColumn(),
            console=Console(file=stream),
            transient=True,
        )
        self._task = self._progress.add_task("import", total=None, read=0)

    def __enter__(self) -> ProgressView:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, summary: ImportSummary) -> None:
        self._progress.update(self._task, completed=summary.events_done, read=summary.read)
