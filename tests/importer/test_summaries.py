"""Issue 13: summaries say what happened in the run's mode (read, transformed, written, sent,
accepted, skipped as settled), events and profiles apart, and never claim what did not happen."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from rewriter.importer.model import ImportConfig, ImportSummary
from rewriter.importer.report import render_console
from rewriter.importer.run import run_import

from .conftest import NOW_MS, SAMPLES, mp_config
from .emulator import Emulator

SAMPLE = SAMPLES / "amplitude-export-sample.zip"  # 32 rows, 3 users, 1 group


def console_text(summary: ImportSummary) -> str:
    buffer = io.StringIO()
    render_console(summary, Console(file=buffer, width=200, no_color=True))
    return buffer.getvalue()


def test_dry_run_only_reads_and_transforms(tmp_path: Path) -> None:
    summary = run_import(ImportConfig(sources=[SAMPLE], to="mixpanel", dry_run=True, now_ms=NOW_MS))
    data = summary.to_dict()
    assert data["events"]["read"] == 32 and data["events"]["transformed"] == 30
    assert data["profiles"]["transformed"] == 3 + 1
    for block in (data["events"], data["profiles"]):
        assert not {"sent", "accepted", "written", "undelivered"} & set(block)
    assert "requests" not in data and "bytes_sent" not in data
    text = console_text(summary)
    assert "sent" not in text.replace("nothing sent", "") and "accepted" not in text and "wrote" not in text
    assert "events transformed/s" in text


def test_files_mode_writes_and_a_rerun_claims_nothing(tmp_path: Path) -> None:
    config = ImportConfig(sources=[SAMPLE], to="mixpanel", out_dir=tmp_path / "out", checkpoint=tmp_path / "s.sqlite",
                          now_ms=NOW_MS)
    first = run_import(config)
    data = first.to_dict()
    assert data["events"]["written"] == 30 and data["profiles"]["written"] == 4
    for block in (data["events"], data["profiles"]):
        assert not {"sent", "accepted"} & set(block)
    assert "bytes_sent" not in data and data["bytes_written"] > 0
    text = console_text(first)
    assert "written to files" in text and "accepted" not in text and " sent" not in text
    assert [Path(p).name for p in first.output_files] == [
        "mixpanel-events-00001.ndjson.gz", "mixpanel-groups-00001.ndjson.gz", "mixpanel-profiles-00001.ndjson.gz",
    ]
    again = run_import(config)
    data = again.to_dict()
    assert data["events"]["read"] == 0 and data["events"]["skipped_as_settled"] == 32 and data["events"]["written"] == 0
    assert again.output_files == []
    text = console_text(again)
    assert "wrote" not in text and "no output file written by this run" in text
    assert "skipped (settled in an earlier run)" in text


def test_send_mode_sends_and_counts_profiles_apart(emulator: Emulator, tmp_path: Path) -> None:
    summary = run_import(mp_config(emulator, [SAMPLE], tmp_path))
    data = summary.to_dict()
    assert data["events"].items() >= {"read": 32, "transformed": 30, "sent": 30, "accepted": 30, "undelivered": 0}.items()
    assert data["profiles"]["sent"] == 4 and data["profiles"]["accepted"] == 4
    assert data["requests"] == summary.requests > 0
    text = console_text(summary)
    assert "accepted by the server" in text and "written" not in text
    rerun = run_import(mp_config(emulator, [SAMPLE], tmp_path))
    assert rerun.to_dict()["events"].items() >= {"read": 0, "skipped_as_settled": 32, "sent": 0, "accepted": 0}.items()
