"""Hourly exports (hundreds of small files): requests fill up across files, chunks and workers.

Issue 13: an export of 480 hourly files of ~42 events went out as ~480 requests; the request
count for N events must be about ceil(N / 2000) (plus the retried ones) whatever the layout, and
the checkpoint must still settle every line exactly once.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rewriter.importer.run import run_import

from .conftest import FAST, amp_config, mp_config, read_rejects, write_hourly_export
from .emulator import Emulator


@pytest.mark.parametrize("processes", [0, 2], ids=["inline", "worker-processes"])
def test_480_hourly_files_go_out_as_full_requests(emulator: Emulator, tmp_path: Path, processes: int) -> None:
    ids = write_hourly_export(tmp_path / "export", 480, 42)
    # a generous timeout: a request answered late on a loaded machine would be sent twice
    summary = run_import(mp_config(emulator, [tmp_path / "export"], tmp_path, profiles=False, processes=processes,
                                   retry=replace(FAST, timeout=30.0)))
    assert summary.exit_code == 0, summary.to_dict()
    assert summary.accepted == 480 * 42
    imports = emulator.requests_to("/import")
    assert len(imports) == math.ceil(480 * 42 / 2000) == 11
    assert sorted((count for _, _, count in imports), reverse=True)[:-1] == [2000] * 10  # all full but the last
    assert set(emulator.state.mp_events) == set(ids) and max(emulator.state.mp_received.values()) == 1


def test_hourly_files_under_503s_cost_only_the_retried_requests(emulator: Emulator, tmp_path: Path) -> None:
    ids = write_hourly_export(tmp_path / "export", 200, 40)
    emulator.schedule("/import", 503, None, 503, None, None, 503)
    summary = run_import(mp_config(emulator, [tmp_path / "export"], tmp_path, profiles=False, processes=2,
                                   retry=replace(FAST, timeout=30.0)))
    assert summary.exit_code == 0, summary.to_dict()
    assert summary.requests == 4 + 3 and summary.retried_requests == 3  # ceil(8000 / 2000) + the 503s
    assert len(emulator.requests_to("/import")) == 7
    assert set(emulator.state.mp_events) == set(ids) and max(emulator.state.mp_received.values()) == 1


def test_amplitude_destination_batches_span_files_too(emulator: Emulator, tmp_path: Path) -> None:
    from .conftest import write_mixpanel_export

    folder = tmp_path / "mp"
    folder.mkdir()
    ids: list[str] = []
    for day in range(60):
        ids += write_mixpanel_export(folder / f"day-{day:02d}.ndjson", 50, seed=day)
    summary = run_import(amp_config(emulator, [folder], tmp_path, processes=2, retry=replace(FAST, timeout=30.0)))
    assert summary.exit_code == 0, summary.to_dict()
    assert len(emulator.requests_to("/batch")) == math.ceil(3000 / 2000)
    assert set(emulator.state.amp_events) == set(ids)


def test_merged_batches_settle_every_line_once_across_an_undelivered_run(emulator: Emulator, tmp_path: Path) -> None:
    """A merged request that is given up leaves exactly its lines (in several files) pending: the
    rerun sends those and nothing else, and corrupt lines are listed once."""
    corrupt = ((3, 5), (150, 1))
    ids = write_hourly_export(tmp_path / "export", 160, 30, corrupt=corrupt)
    config = mp_config(emulator, [tmp_path / "export"], tmp_path, profiles=False, workers=1, processes=2)
    config.retry = replace(FAST, max_attempts=2, timeout=30.0)
    emulator.schedule("/import", None, 503, 503)  # the second request (2000 events of ~67 files) fails
    first = run_import(config)
    assert first.exit_code == 1 and first.undelivered == 2000
    assert first.accepted == 160 * 30 - 2 - 2000
    second = run_import(config)
    assert second.exit_code == 0, second.to_dict()
    assert second.accepted == 2000 and second.skipped_resumed == 160 * 30 - 2000
    assert len(emulator.requests_to("/import")) == 3 + 1 + 1  # ceil(4798 / 2000), the failed one's 2nd try, the rerun's one
    assert set(emulator.state.mp_events) == set(ids) and max(emulator.state.mp_received.values()) == 1
    rejects = read_rejects(tmp_path / "rejects.ndjson")
    assert [(Path(r["source"]).name.split("_")[-1], r["line"]) for r in rejects] == [("3#0.json.gz", 5), ("6#0.json.gz", 1)]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=40), max_size=25), max_size=12),
    st.integers(1, 9),
    st.integers(20, 200),
)
def test_absorb_keeps_order_limits_and_settles_each_line_once(chunks: list[list[int]], count: int, size: int) -> None:
    """Tails of many chunks merged: items in order, no batch over the limits, and every line (items,
    and notes: size 0 stands for a rejected line) in exactly one batch, with its reject."""
    from rewriter.importer.batching import EVENTS, Batcher, Limits

    limits = {EVENTS: Limits(count, size)}
    main = Batcher(limits)
    closed = []
    expected_items, expected_lines = [], []
    for index, sizes in enumerate(chunks):
        unit = f"file-{index}"
        local = Batcher({EVENTS: Limits(10**6, 10**9)})
        for line, item_size in enumerate(sizes, start=1):
            expected_lines.append((unit, line))
            if item_size == 0:
                local.note(EVENTS, unit, line).rejects.append((unit, line, "corrupt_json", "x", None))
                continue
            payload = f"{unit}:{line}:".encode().ljust(item_size + 12, b"x")
            expected_items.append(payload)
            local.add(EVENTS, unit, line, payload)
        for tail in local.flush():
            closed += main.absorb(tail)
    closed += main.flush()
    assert [item for b in closed for item in b.payloads(list(range(b.count)))] == expected_items
    for b in closed:
        assert b.count <= count and (b.count <= 1 or b.size <= size)
    lines = [(unit, line) for b in closed for unit, first, last in b.segments for line in range(first, last + 1)]
    assert sorted(lines) == sorted(expected_lines) and sum(b.lines for b in closed) == len(expected_lines)
    for b in closed:
        covered = {(unit, line) for unit, first, last in b.segments for line in range(first, last + 1)}
        assert {(r[0], r[1]) for r in b.rejects} <= covered
        assert set(b.keys) <= covered
