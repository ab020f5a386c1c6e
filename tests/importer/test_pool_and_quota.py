"""Worker-process pipeline (chunks), line blocks, fast transform path, Amplitude daily quota."""

from __future__ import annotations

import gzip
import json
import random
import threading
import zipfile
from collections import Counter
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rewriter.importer import chunks
from rewriter.importer.batching import EVENTS, Limits
from rewriter.importer.model import ImportConfig, Secret
from rewriter.importer.run import run_import
from rewriter.importer.sources import FileOpener, SourceUnit, expand_sources, iter_line_blocks
from rewriter.importer.transform import TransformOptions, amplitude_to_mixpanel, enforce_mixpanel_limits

from .conftest import (
    FAST,
    NOW_MS,
    amp_config,
    amplitude_row,
    mp_config,
    read_rejects,
    write_amplitude_export,
    write_mixpanel_export,
)
from .emulator import Emulator

# --- the pipeline in worker processes gives exactly what the inline one gives ----------------


@pytest.mark.parametrize("whole_units", [True, False], ids=["workers-read-units", "main-cuts-chunks"])
def test_worker_processes_deliver_the_same_events_as_inline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_units: bool
) -> None:
    if not whole_units:
        monkeypatch.setattr(chunks, "WHOLE_UNIT_MAX_BYTES", 0)
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 2500, corrupt_lines=(3, 1999))
    other = tmp_path / "b.json.gz"  # two units, so that workers can each read one whole
    ids += write_amplitude_export(other, 500, seed=3)
    seen: list[dict[str, Any]] = []
    for processes in (0, 2):
        with Emulator(now_ms=NOW_MS) as emu:
            run_dir = tmp_path / f"p{processes}"
            run_dir.mkdir()
            summary = run_import(mp_config(emu, [source, other], run_dir, batch_size=300, processes=processes))
            assert summary.exit_code == 0, summary.to_dict()
            assert summary.read == 3000 and summary.accepted == 2998
            assert summary.rejected == {"corrupt_json": 2}
            assert set(emu.state.mp_events) == set(ids)
            assert max(emu.state.mp_received.values()) == 1
            assert all(h.get("Content-Encoding") == "gzip" for h in emu.state.headers_seen if h.get("Content-Type", "").endswith("ndjson"))
            rejects = read_rejects(run_dir / "rejects.ndjson")
            assert [(r["line"], r["reason"]) for r in rejects] == [(3, "corrupt_json"), (1999, "corrupt_json")]
            assert all(r["source"] == str(source.resolve()) for r in rejects)
            seen.append({"events": emu.state.mp_events, "profiles": emu.state.engage})
    assert seen[0] == seen[1]  # same payloads, same deterministic ids, same profiles


def test_which_units_a_worker_reads_itself(tmp_path: Path) -> None:
    """Small event units go whole to a worker when its batches come back gzipped; others are cut."""
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 50)
    unit = expand_sources([source])[0]
    assert unit.size == source.stat().st_size
    ctx = chunks.ChunkContext(TransformOptions(now_ms=NOW_MS), {EVENTS: Limits(2000, 2**21)}, 2**20, False,
                              gzip_level=1, drop_raw=True)
    assert chunks.whole_unit_ok(unit, ctx, 2)
    assert not chunks.whole_unit_ok(unit, ctx, 0)  # inline: stream it in chunks
    assert not chunks.whole_unit_ok(unit, replace(ctx, drop_raw=False), 2)  # raw batches: unbounded result
    assert not chunks.whole_unit_ok(replace(unit, size=chunks.WHOLE_UNIT_MAX_BYTES + 1), ctx, 2)
    assert not chunks.whole_unit_ok(replace(unit, kind="mixpanel-profiles"), ctx, 2)
    assert not chunks.whole_unit_ok(replace(unit, opener=lambda: source.open("rb")), ctx, 2)  # not picklable


def test_units_are_read_whole_only_when_every_worker_gets_one(tmp_path: Path) -> None:
    paths = [tmp_path / f"{i}.json.gz" for i in range(3)]
    for path in paths:
        write_amplitude_export(path, 20)
    units = expand_sources(paths)
    ctx = chunks.ChunkContext(TransformOptions(now_ms=NOW_MS), {EVENTS: Limits(2000, 2**21)}, 2**20, False,
                              gzip_level=1, drop_raw=True)
    assert not chunks.whole_units(units[:1], ctx, 2)(units[0])  # one file: its chunks feed both workers
    assert all(map(chunks.whole_units(units[:2], ctx, 2), units[:2]))
    assert not chunks.whole_units(units, ctx, 4)(units[0])  # 3 files, 4 workers
    assert chunks.whole_units(None, ctx, 2)(units[0])  # an export pull: units come window by window


def test_worker_reads_a_zip_export_and_a_folder(tmp_path: Path) -> None:
    """Members of an Export API zip and files of a folder, read whole by the workers, in order."""
    folder = tmp_path / "export" / "123456"
    folder.mkdir(parents=True)
    ids: list[str] = []
    for hour in range(3):
        ids += write_amplitude_export(folder / f"123456_2025-03-01_{hour}#0.json.gz", 400, seed=hour)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, f"123456/{path.name}")
    for source in (archive, folder):
        with Emulator(now_ms=NOW_MS) as emu:
            run_dir = tmp_path / f"run-{source.name}"
            run_dir.mkdir()
            summary = run_import(mp_config(emu, [source], run_dir, batch_size=300, profiles=False, processes=2))
            assert summary.exit_code == 0, summary.to_dict()
            assert summary.read == 1200 and summary.accepted == 1200
            assert sorted(emu.state.mp_events) == sorted(ids)
            assert max(emu.state.mp_received.values()) == 1


def test_worker_reading_a_truncated_gzip_lists_it_and_exits_1(tmp_path: Path) -> None:
    good = tmp_path / "0.json.gz"
    write_amplitude_export(good, 300, seed=2)
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 400)
    data = source.read_bytes()
    source.write_bytes(data[: len(data) // 2])
    config = ImportConfig(sources=[good, source], to="mixpanel", out_dir=tmp_path / "out",
                          checkpoint=tmp_path / "s.sqlite", now_ms=NOW_MS, batch_size=100, profiles=False,
                          processes=2)
    summary = run_import(config)
    assert summary.exit_code == 1
    assert summary.rejected == {"unreadable_source": 1}
    assert 300 < summary.accepted < 700 and summary.read == summary.accepted
    assert any("unreadable after line" in w and str(source.resolve()) in w for w in summary.warnings)
    rejects = read_rejects(tmp_path / "out" / "rejects.ndjson")
    assert [(r["line"], r["reason"]) for r in rejects] == [(summary.accepted - 300 + 1, "unreadable_source")]


def test_worker_processes_partial_400_and_413(tmp_path: Path) -> None:
    # batches arrive gzipped from the workers: splitting and per-record rejects inflate them again
    with Emulator(now_ms=1_750_000_000_000, max_import_bytes=60_000) as emu:
        source = tmp_path / "a.json.gz"
        ids = write_amplitude_export(source, 1200)
        config = mp_config(emu, [source], tmp_path, batch_size=500, profiles=False, processes=2,
                           now_ms=1_750_000_000_000)
        config.batch_bytes = 10 * 1024 * 1024
        emu.now_ms = 1740787200000 - 3_600_000 + 4000 * 1000  # later events are "future" for the server
        summary = run_import(config)
        rejects = read_rejects(tmp_path / "rejects.ndjson")
        statuses = [s for _, s, _ in emu.requests_to("/import")]
        assert 413 in statuses
        assert summary.exit_code == 0, summary.to_dict()
        assert summary.accepted + summary.rejected_total == 1200
        assert rejects and {r["reason"] for r in rejects} == {"rejected_by_mixpanel"}
        assert len(emu.state.mp_events) + len(rejects) == len(ids)
        assert all(r["record"]["properties"]["$insert_id"] not in emu.state.mp_events for r in rejects)


@pytest.mark.parametrize(
    ("files", "cap"),
    [(1, 10**9), (2, 10**9), (2, 1)],
    ids=["one-file-in-chunks", "units-read-whole", "whole-units-task-per-batch"],
)
def test_worker_processes_resume_after_undelivered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: int, cap: int
) -> None:
    """A batch that cannot be delivered is sent by the rerun, whichever way the workers read: a
    lone file cut into chunks, files read whole, or whole files handed back past the output cap."""
    monkeypatch.setattr(chunks, "WHOLE_UNIT_MAX_OUTPUT", cap)
    folder = tmp_path / "export"
    folder.mkdir()
    ids: list[str] = []
    for hour in range(files):
        ids += write_amplitude_export(folder / f"1_2025-03-01_{hour}#0.json.gz", 700, seed=hour)
    total, batch = 700 * files, 150
    with Emulator(now_ms=NOW_MS) as emu:
        config = mp_config(emu, [folder], tmp_path, batch_size=batch, workers=1, profiles=False, processes=2)
        config.retry = type(config.retry)(**{**config.retry.__dict__, "max_attempts": 2})
        emu.schedule("/import", None, 503, 503)  # one batch cannot be delivered in the first run
        first = run_import(config)
        assert first.exit_code == 1 and first.read == total
        assert first.undelivered == batch and first.accepted == total - batch
        second = run_import(config)
        assert second.exit_code == 0 and second.accepted == batch and second.skipped_resumed == total - batch
        assert sorted(emu.state.mp_events) == sorted(ids)
        assert max(emu.state.mp_received.values()) == 1


def test_worker_processes_files_mode(tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 3000)
    config = ImportConfig(sources=[source], to="mixpanel", out_dir=tmp_path / "out", checkpoint=tmp_path / "s.sqlite",
                          now_ms=NOW_MS, batch_size=400, out_part_bytes=300_000, processes=2)
    summary = run_import(config)
    assert summary.exit_code == 0
    parts = sorted((tmp_path / "out").glob("mixpanel-events-*.ndjson.gz"))
    assert len(parts) > 3 and not list((tmp_path / "out").glob("*.partial"))
    rows = [json.loads(line) for p in parts for line in gzip.decompress(p.read_bytes()).splitlines()]
    assert sorted(r["properties"]["$insert_id"] for r in rows) == sorted(ids)


def test_worker_processes_mixpanel_to_amplitude(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "mp.ndjson"
    ids = write_mixpanel_export(source, 1500)
    summary = run_import(amp_config(emulator, [source], tmp_path, batch_size=400, processes=2))
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.amp_events) == set(ids)


# --- line blocks ----------------------------------------------------------------------------


def _unit(path: Path) -> SourceUnit:
    return SourceUnit(str(path), FileOpener(path), "amplitude")


@pytest.mark.parametrize("limits", [(2000, 10**9), (7, 10**9), (2000, 3000), (1, 1)])
def test_line_blocks_cover_every_line_once(tmp_path: Path, limits: tuple[int, int]) -> None:
    rng = random.Random(5)
    lines = [b"x" * rng.randint(0, 400) for _ in range(5000)]
    for name, data in (("a.json.gz", gzip.compress(b"\n".join(lines))), ("b.json", b"\n".join(lines) + b"\n")):
        path = tmp_path / name
        path.write_bytes(data)
        got: list[bytes] = []
        expected_first = 1
        for first, block, count in iter_line_blocks(_unit(path), lambda: limits):
            assert first == expected_first and 1 <= count <= limits[0]
            parts = block.split(b"\n")
            if parts[-1] == b"":
                parts.pop()
            assert len(parts) == count
            got += parts
            expected_first += count
        assert got == lines


def test_line_blocks_of_a_truncated_gzip_yield_whole_lines_then_fail(tmp_path: Path) -> None:
    lines = [json.dumps({"n": i, "pad": "y" * 50}).encode() for i in range(20000)]
    data = gzip.compress(b"\n".join(lines) + b"\n")
    path = tmp_path / "a.json.gz"
    path.write_bytes(data[: len(data) // 2])
    got: list[bytes] = []
    with pytest.raises((EOFError, OSError)):
        for _first, block, _count in iter_line_blocks(_unit(path), lambda: (500, 10**9)):
            got += block.rstrip(b"\n").split(b"\n")
    assert 0 < len(got) < len(lines) and got == lines[: len(got)]  # no torn line handed on


# --- the fast transform path never skips a cut that the general path would make -----------


def _odd_row(rng: random.Random, i: int) -> dict[str, Any]:
    row = amplitude_row(i, rng)
    pick = rng.randrange(8)
    props = row["event_properties"]
    if pick == 0:
        props["long"] = "é" * rng.randint(60, 300)
    elif pick == 1:
        props["nested"] = {"a": {"b": {"c": {"d": {"e": 1}}}}, "list": list(range(rng.randint(1, 400)))}
    elif pick == 2:
        props["k" * rng.randint(250, 300)] = 1
    elif pick == 3:
        props.update({f"p{n}": n for n in range(rng.randint(200, 300))})
    elif pick == 4:
        row["groups"] = {"org": ["acme"], "team": ""}
    elif pick == 5:
        row["session_id"] = -1
        row["amplitude_session_id"] = -1  # only the session_id column's -1 means "no session"
    elif pick == 6:
        row["library"] = "z" * 70
    return row


def test_transform_output_is_already_within_mixpanel_limits() -> None:
    rng = random.Random(99)
    opts = TransformOptions(now_ms=NOW_MS)
    for i in range(400):
        row = _odd_row(rng, i)
        result = amplitude_to_mixpanel(row, opts)
        assert result.payload is not None
        props = result.payload["properties"]
        cuts: list[str] = []
        assert enforce_mixpanel_limits(props, cuts) == props and not cuts, i
        assert list(enforce_mixpanel_limits(props, [])) == list(props)
        if row.get("amplitude_session_id") == -1:
            assert props["amplitude_session_id"] == -1 and "session_id" not in props


# --- Amplitude daily quota ------------------------------------------------------------------


class _QuotaServer:
    """A loopback Amplitude /batch that answers 429 exceeded_daily_quota_users for some users."""

    def __init__(self, over_quota: set[str]) -> None:
        self.over_quota = set(over_quota)
        self.received: Counter[str] = Counter()
        self.statuses: list[int] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                events = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["events"]
                with outer.lock:
                    hit = {e.get("user_id") for e in events} & outer.over_quota
                    if hit:
                        status, body = 429, {
                            "code": 429, "error": "Too many requests for some devices and users",
                            "eps_threshold": 1000, "throttled_devices": {}, "throttled_users": {},
                            "exceeded_daily_quota_users": {u: 500_000 for u in hit},
                            "exceeded_daily_quota_devices": {},
                            "throttled_events": [i for i, e in enumerate(events) if e.get("user_id") in hit],
                        }
                    else:
                        status, body = 200, {"code": 200, "events_ingested": len(events)}
                        outer.received.update(e["insert_id"] for e in events)
                    outer.statuses.append(status)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_amplitude_daily_quota_users_are_held_back_reported_and_sent_on_rerun(tmp_path: Path) -> None:
    source = tmp_path / "mp.ndjson"
    ids = write_mixpanel_export(source, 1200)
    rows = [json.loads(line) for line in source.read_text().splitlines()]
    quota_ids = {r["properties"]["$insert_id"] for r in rows if r["properties"].get("$user_id") == "user_00007"}
    assert quota_ids
    server = _QuotaServer({"user_00007"})
    try:
        config = ImportConfig(
            sources=[source], to="amplitude", api_key=Secret("amp-key-123"), api_host=server.url,
            checkpoint=tmp_path / "state.sqlite", rejects=tmp_path / "rejects.ndjson", workers=1,
            batch_size=100, retry=FAST, now_ms=NOW_MS,
        )
        first = run_import(config)
        assert first.exit_code == 1
        assert first.undelivered == len(quota_ids)
        assert first.undelivered_reasons == {"amplitude_daily_quota": len(quota_ids)}
        assert first.to_dict()["undelivered_by_reason"] == {"amplitude_daily_quota": len(quota_ids)}
        assert any("daily quota" in w and "rerun" in w for w in first.warnings)
        assert set(server.received) == set(ids) - quota_ids  # everyone else went through
        assert max(server.received.values()) == 1
        assert server.statuses.count(429) == 1  # the quota user was not retried batch after batch
        assert first.rejected_total == 0  # held back, not rejected

        server.over_quota.clear()  # the 24 h window has passed
        second = run_import(config)
        assert second.exit_code == 0, second.to_dict()
        assert second.accepted == len(quota_ids)
        assert set(server.received) == set(ids) and max(server.received.values()) == 1
    finally:
        server.close()


def test_resume_skips_settled_lines_inside_a_chunk(tmp_path: Path) -> None:
    from rewriter.importer.batching import Limits
    from rewriter.importer.chunks import Chunk, ChunkContext, process_chunk

    rows = [json.dumps(amplitude_row(i, random.Random(i))).encode() for i in range(1, 41)]
    ctx = ChunkContext(opts=TransformOptions(now_ms=NOW_MS), limits={"events": Limits(2000, 10**9)},
                       max_event=10**6, profiles=False)
    block = b"\n".join(rows) + b"\n"
    result = process_chunk(ctx, Chunk("u", "amplitude", 101, block, [(90, 105), (120, 125), (139, 200)]))
    assert result.batches == [] and result.tail is not None  # far from full: merged with the next chunks
    batch = result.tail
    assert result.skipped == 5 + 6 + 2 and result.read == 40 - 13  # lines 101-140
    assert [line for _, line in batch.keys] == [*range(106, 120), *range(126, 139)]
    assert batch.segments == [["u", 106, 119], ["u", 126, 138]]


def test_lost_worker_processes_are_replaced_by_inline_work(tmp_path: Path) -> None:
    """SIGKILL the workers mid-run (as the OOM killer would): every chunk still comes back, in
    order and identical to inline processing, and the run is told why it slowed down."""
    import os
    import signal
    import time

    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 1200)
    lines = gzip.decompress(source.read_bytes()).splitlines(keepends=True)
    ctx = chunks.ChunkContext(TransformOptions(now_ms=NOW_MS), {EVENTS: Limits(100, 2**21)}, 2**20, False,
                              gzip_level=1, drop_raw=True)
    parts = [chunks.Chunk("u", "amplitude", 1 + i, b"".join(lines[i : i + 200])) for i in range(0, 1200, 200)]
    expected = [chunks.process_chunk(ctx, part) for part in parts]
    runner = chunks.ChunkRunner(ctx, 2)
    try:
        got = runner.submit(parts[0]) + runner.submit(parts[1])
        for pid in list(runner._pool._processes):  # type: ignore[union-attr]  # the pool's own workers
            os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        for part in parts[2:]:
            got += runner.submit(part)
        got += list(runner.drain())
    finally:
        runner.close()
    assert [[b.gz for b in r.batches] for r in got] == [[b.gz for b in r.batches] for r in expected]
    assert [r.read for r in got] == [200] * 6 and sum(len(b.ends) for r in got for b in r.batches) == 1200
    assert runner.warnings and "worker process was lost" in runner.warnings[0]


def _items(results: list[chunks.ChunkResult]) -> list[bytes]:
    return [item for r in results for b in r.batches for item in gzip.decompress(b.gz or b"").splitlines()]


def test_a_whole_unit_task_hands_the_rest_back_at_its_output_cap(tmp_path: Path) -> None:
    """A task reading a unit returns once its batches reach the cap, with the rest of the unit as
    a new chunk from the next line: every line exactly once, no line counted twice, whole batches."""
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 1000)
    unit = expand_sources([source])[0]
    ctx = chunks.ChunkContext(TransformOptions(now_ms=NOW_MS), {EVENTS: Limits(100, 2**21)}, 2**20, False,
                              gzip_level=1, drop_raw=True)
    whole = chunks.process_chunk(ctx, chunks.Chunk(unit.name, unit.kind, 1, unit))
    assert whole.continuation is None and whole.read == 1000
    capped = replace(ctx, unit_output_cap=1)  # every task stops at the first batch boundary past the cap
    results, chunk, starts = [], chunks.Chunk(unit.name, unit.kind, 1, unit), []
    while chunk is not None:
        starts.append(chunk.first_line)
        result = chunks.process_chunk(capped, chunk)
        results.append(result)
        chunk = result.continuation
    assert starts == list(range(1, 1000, 200))  # each task: the batch that reached the cap, and one more
    assert [len(b.ends) for r in results for b in r.batches] == [100] * 10
    assert sum(r.read for r in results) == 1000 and sum(r.skipped for r in results) == 0
    assert _items(results) == _items([whole])
    segments = [tuple(s) for r in results for b in r.batches for s in b.segments]
    assert segments == [(unit.name, first, first + 99) for first in range(1, 1000, 100)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=30), max_size=60), st.integers(1, 9), st.integers(1, 120))
def test_closes_on_predicts_add(sizes: list[int], count: int, size_limit: int) -> None:
    from rewriter.importer.batching import Batcher

    batcher = Batcher({EVENTS: Limits(count, size_limit)})
    for line, size in enumerate(sizes, start=1):
        predicted = batcher.closes_on(EVENTS, size)
        assert (batcher.add(EVENTS, "u", line, b"x" * size) is not None) == predicted


def test_a_prestarted_pool_is_adopted_or_shut_down(tmp_path: Path) -> None:
    """The launcher boots the workers before the command line is parsed; the run's ChunkRunner
    takes them over when it wants as many, and shuts them down when it wants none."""
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 300)
    data = gzip.decompress(source.read_bytes())
    ctx = chunks.ChunkContext(TransformOptions(now_ms=NOW_MS), {EVENTS: Limits(100, 2**21)}, 2**20, False,
                              gzip_level=1, drop_raw=True)
    chunk = chunks.Chunk("u", "amplitude", 1, data)
    expected = [b.gz for b in chunks.process_chunk(ctx, chunk).batches]

    chunks.prestart(2)
    pool = chunks._prestarted[1]  # type: ignore[index]
    runner = chunks.ChunkRunner(ctx, 2)
    try:
        assert runner._pool is pool and chunks._prestarted is None
        got = runner.submit(chunk) + list(runner.drain())
        assert [b.gz for r in got for b in r.batches] == expected
    finally:
        runner.close()

    chunks.prestart(2)
    pool = chunks._prestarted[1]  # type: ignore[index]
    inline = chunks.ChunkRunner(ctx, 0)
    assert inline._pool is None and chunks._prestarted is None
    with pytest.raises(RuntimeError):  # shut down: it takes no more work
        pool.submit(chunks._ready)
    assert [b.gz for r in inline.submit(chunk) for b in r.batches] == expected


def test_the_launcher_prestarts_as_many_workers_as_the_run_will_want(tmp_path: Path) -> None:
    import os

    small = tmp_path / "small.json.gz"
    write_amplitude_export(small, 10)
    big = tmp_path / "big"
    big.mkdir()
    (big / "a.json.gz").write_bytes(os.urandom(chunks.AUTO_POOL_MIN_BYTES))
    cases = [
        (["import", str(small), "--to", "mixpanel", "--out", str(tmp_path / "o")], small.stat().st_size),
        (["import", str(big), "--to", "mixpanel"], chunks.AUTO_POOL_MIN_BYTES),
        (["import", "--from-api", "amplitude", "--to", "mixpanel"], chunks.AUTO_POOL_MIN_BYTES),
    ]
    for args, size in cases:
        chunks.prestart_for(args[1:])
        wanted = chunks.auto_processes(None, size)  # what the run decides from its SOURCEs
        try:
            assert (chunks._prestarted[0] if chunks._prestarted else 0) == wanted, args
        finally:
            chunks.ChunkRunner(chunks.ChunkContext(TransformOptions(now_ms=NOW_MS), {}, 1, False), 0)  # shuts down
        assert chunks._prestarted is None


def test_a_bundle_of_small_units_fills_batches_across_files_and_reports_a_broken_one(tmp_path: Path) -> None:
    """Hourly exports: small whole units go to one task together (Chunk.more); requests fill across
    the files inside the worker, every line is read once, and a truncated file in the middle is
    reported while the next files are still read."""
    paths = [tmp_path / f"{i:02d}.json.gz" for i in range(4)]
    for path in paths:
        write_amplitude_export(path, 30)
    units = expand_sources(paths)
    paths[1].write_bytes(paths[1].read_bytes()[:-40])  # truncated after the run looked at it
    ctx = chunks.ChunkContext(TransformOptions(now_ms=NOW_MS), {EVENTS: Limits(50, 2**21)}, 2**20, False,
                              gzip_level=1, drop_raw=True)
    parts = [chunks.Chunk(u.name, u.kind, 1, u, []) for u in units]
    first, *rest = parts
    first.more = rest
    result = chunks.process_chunk(ctx, first)
    assert [b.count for b in result.batches][:1] == [50]  # a request filled across files 00 and 01
    assert [u[0] for u in result.unreadable_more] == [units[1].name] and result.unreadable is None
    lines = {key for b in [*result.batches, result.tail] if b is not None for key in b.keys}
    for u in (units[0], units[2], units[3]):
        assert {line for unit, line in lines if unit == u.name} == set(range(1, 31))
