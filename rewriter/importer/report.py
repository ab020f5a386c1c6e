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


def render_console(summary: ImportSummary, console: Console) -> None:
    data = summary.to_dict()
    table = Table(title=f"rewriter import: {summary.direction} ({summary.mode})", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", justify="right")
    accepted_label = {"send": "accepted by the server", "files": "written to files", "dry-run": "would be sent"}
    rows: list[tuple[str, str]] = [
        ("records read", f"{summary.read:,}"),
        ("skipped (settled in an earlier run)", f"{summary.skipped_resumed:,}"),
        ("sent" if summary.mode == "send" else "transformed", f"{summary.sent:,}"),
        (accepted_label.get(summary.mode, "accepted"), f"{summary.accepted:,}"),
        ("rejected (listed in the rejects file)", f"{summary.rejected_total:,}"),
    ]
    for reason, count in sorted(summary.rejected.items()):
        rows.append((f"  {reason}", f"{count:,}"))
    if summary.filtered:
        rows.append(("outside --since/--until", f"{summary.filtered:,}"))
    if summary.folded:
        rows.append(("identify rows folded into profiles", f"{summary.folded:,}"))
    rows.append(("undelivered (pending in checkpoint)", f"{summary.undelivered:,}"))
    if summary.profiles_read or summary.profiles_sent:
        rows.append(("profiles: sent / accepted", f"{summary.profiles_sent:,} / {summary.profiles_accepted:,}"))
        if summary.profiles_undelivered:
            rows.append(("profiles undelivered", f"{summary.profiles_undelivered:,}"))
    rows += [
        ("requests (retried)", f"{summary.requests:,} ({summary.retried_requests:,})"),
        ("bytes (uncompressed / on the wire)", f"{summary.bytes_uncompressed:,} / {summary.bytes_sent:,}"),
        ("time", f"{summary.elapsed_s:.2f} s"),
        ("events/s", f"{summary.events_per_s:,.0f}"),
    ]
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)
    cut_kinds = {k: v for k, v in data["cut_by_limit"].items() if ":" not in k}
    if cut_kinds:
        console.print("values cut to fit vendor limits: " + ", ".join(f"{k} {v:,}" for k, v in cut_kinds.items()))
    for path in summary.output_files:
        console.print(f"wrote {path}")
    if summary.rejects_path:
        console.print(f"rejects: {summary.rejects_path}")
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
        self._progress.update(self._task, completed=summary.accepted, read=summary.read)
