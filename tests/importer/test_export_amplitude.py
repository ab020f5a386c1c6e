"""--from-api amplitude: the Amplitude Export API pulled window by window through the loopback emulator."""

from __future__ import annotations

import contextlib
import gzip
import json
import random
import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from rewriter.importer.batching import EVENTS, Batch, Batcher, Limits
from rewriter.importer.checkpoint import Checkpoint
from rewriter.importer.exports import DatedFileSink, ExportSpec, RateLimiter, Window, plan_windows
from rewriter.importer.model import ImportConfig, Secret
from rewriter.importer.run import run_import
from rewriter.importer.sinks import FileSink

from .conftest import amplitude_row, mp_config
from .emulator import AMPLITUDE_TOO_LARGE, Emulator


def fill(emu: Emulator, day: int, hours: tuple[int, ...], per_hour: int, seed: int = 1) -> list[str]:
    """Rows uploaded in the given hours of 2025-01-<day>; returns their $insert_ids."""
    rng = random.Random(seed * 100 + day)
    ids = []
    for hour in hours:
        rows = [amplitude_row(i, rng, base=datetime(2025, 1, day, hour, tzinfo=UTC)) for i in range(per_hour)]
        emu.amp_export[f"202501{day:02d}T{hour:02d}"] = rows
        ids += [row["$insert_id"] for row in rows]
    return ids


def spec(emu: Emulator, first: int, last: int, **extra: Any) -> ExportSpec:
    return ExportSpec(
        "amplitude", date(2025, 1, first), date(2025, 1, last), api_key=Secret(emu.api_key),
        secret_key=Secret(emu.amp_secret_key), host=emu.url, **extra,
    )


def exports(emu: Emulator) -> list[tuple[int, str, str]]:
    return [(status, q.get("start", ""), q.get("end", "")) for path, status, q in emu.state.exports if path == "/api/2/export"]


def windows(checkpoint: Path) -> dict[str, str]:
    with sqlite3.connect(checkpoint) as db:
        return dict(db.execute("SELECT key, state FROM windows").fetchall())


def test_multi_day_pull_with_an_empty_day_then_rerun_skips_everything(emulator: Emulator, tmp_path: Path) -> None:
    ids = fill(emulator, 1, (0, 7, 23), 30) + fill(emulator, 3, (2, 11), 40)
    config = mp_config(emulator, [], tmp_path, export=spec(emulator, 1, 3))
    summary = run_import(config)
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.mp_events) == set(ids) and summary.accepted == len(ids)
    assert exports(emulator) == [
        (200, "20250101T00", "20250101T23"), (404, "20250102T00", "20250102T23"), (200, "20250103T00", "20250103T23"),
    ]
    assert windows(tmp_path / "state.sqlite") == {
        "amplitude:20250101T00-20250101T23": "done", "amplitude:20250102T00-20250102T23": "empty",
        "amplitude:20250103T00-20250103T23": "done",
    }
    assert not (tmp_path / "state.sqlite.downloads").exists()  # downloads go once their window settled
    assert emulator.state.engage  # A -> M profiles still come from the events' user_properties

    before = sum(emulator.state.mp_received.values())
    again = run_import(mp_config(emulator, [], tmp_path, export=spec(emulator, 1, 3)))
    assert again.exit_code == 0 and again.read == 0
    assert len(exports(emulator)) == 3  # finished and empty windows are not requested again
    assert sum(emulator.state.mp_received.values()) == before


def test_an_oversized_day_is_split_into_hours(emulator: Emulator, tmp_path: Path) -> None:
    ids = fill(emulator, 2, (1, 9, 22), 25)
    emulator.amp_export_max_rows = 30  # the day (75 rows) is "over 4 GB", each hour is not
    summary = run_import(mp_config(emulator, [], tmp_path, export=spec(emulator, 2, 2)))
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.mp_events) == set(ids)
    calls = exports(emulator)
    assert calls[0] == (400, "20250102T00", "20250102T23")
    assert [(s, a) for s, a, _ in calls[1:]] == [
        (200 if hour in (1, 9, 22) else 404, f"20250102T{hour:02d}") for hour in range(24)
    ]
    assert all(a == b for _, a, b in calls[1:])  # one hour per request
    states = windows(tmp_path / "state.sqlite")
    assert states["amplitude:20250102T00-20250102T23"] == "split"
    assert states["amplitude:20250102T09-20250102T09"] == "done"


def test_an_hour_over_the_limit_fails_the_window_and_exits_1(emulator: Emulator, tmp_path: Path) -> None:
    fill(emulator, 2, (5,), 10)
    emulator.amp_export_max_rows = 5
    summary = run_import(mp_config(emulator, [], tmp_path, export=spec(emulator, 2, 2)))
    assert summary.exit_code == 1
    assert any("S3" in w and "20250102T05" in w for w in summary.warnings)
    assert windows(tmp_path / "state.sqlite")["amplitude:20250102T05-20250102T05"] == "failed"


def test_429_504_and_a_torn_download_back_off_and_retry(emulator: Emulator, tmp_path: Path) -> None:
    ids = fill(emulator, 1, (3,), 50)
    emulator.schedule("/api/2/export", 429, 504, "truncate", "drop")
    summary = run_import(mp_config(emulator, [], tmp_path, export=spec(emulator, 1, 1)))
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.mp_events) == set(ids)
    assert any("5 export requests (4 retried)" in w for w in summary.warnings), summary.warnings


def test_refused_export_credentials_stop_the_run(emulator: Emulator, tmp_path: Path) -> None:
    fill(emulator, 1, (3,), 5)
    bad = ExportSpec("amplitude", date(2025, 1, 1), date(2025, 1, 2), api_key=Secret(emulator.api_key),
                     secret_key=Secret("WRONG-SECRET-xyz"), host=emulator.url)
    summary = run_import(mp_config(emulator, [], tmp_path, export=bad))
    assert summary.exit_code == 2 and summary.fatal and "credentials" in summary.fatal
    assert "WRONG-SECRET-xyz" not in json.dumps(summary.to_dict())
    assert len(exports(emulator)) == 1  # no point asking for the next window


def test_out_writes_cloud_import_parts_by_date(emulator: Emulator, tmp_path: Path) -> None:
    ids = fill(emulator, 1, (0, 12), 60) + fill(emulator, 2, (4,), 60)
    out = tmp_path / "out"
    config = mp_config(emulator, [], tmp_path, export=spec(emulator, 1, 2), token=None, out_dir=out,
                       out_part_bytes=20_000, batch_size=50)
    summary = run_import(config)
    assert summary.exit_code == 0, summary.to_dict()
    day1 = sorted((out / "2025-01-01").glob("mixpanel-events-*.ndjson.gz"))
    day2 = sorted((out / "2025-01-02").glob("mixpanel-events-*.ndjson.gz"))
    assert len(day1) > 1 and day2  # parts bounded by size, per date
    seen = []
    for part in day1 + day2:
        for line in gzip.decompress(part.read_bytes()).splitlines():
            seen.append(json.loads(line)["properties"]["$insert_id"])
    assert sorted(seen) == sorted(ids)
    assert (out / "mixpanel-profiles-00001.ndjson.gz").exists()  # profiles at the top, not per date
    assert not list(out.rglob("*.partial"))
    assert set(summary.output_files) >= {str(p) for p in day1 + day2}
    blob = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert emulator.amp_secret_key.encode() not in blob and emulator.api_key.encode() not in blob


def _part_ids(parts: list[Path]) -> list[str]:
    return [json.loads(line)["properties"]["$insert_id"]
            for part in parts for line in gzip.decompress(part.read_bytes()).splitlines()]


@pytest.mark.parametrize("processes", [0, 2], ids=["inline", "worker-processes"])
def test_out_by_date_keeps_every_event_over_many_windows_and_tiny_parts(
    emulator: Emulator, tmp_path: Path, processes: int,
) -> None:
    # day 1: one window; day 2: empty (404); day 3: too large, so split into three hour windows
    # that share one date folder. Every batch is its own part, so parts rotate all the time while
    # four senders write; the rerun must neither read nor write anything again.
    day1 = fill(emulator, 1, (0, 12), 28)
    day3 = fill(emulator, 3, (1, 9, 22), 25)
    emulator.amp_export_max_rows = 60
    out = tmp_path / "out"

    def config() -> ImportConfig:
        return mp_config(emulator, [], tmp_path, export=spec(emulator, 1, 3), token=None, out_dir=out,
                         out_part_bytes=1, batch_size=7, workers=4, processes=processes)

    summary = run_import(config())
    assert summary.exit_code == 0, summary.to_dict()
    assert summary.accepted == len(day1) + len(day3)
    parts1 = sorted((out / "2025-01-01").glob("mixpanel-events-*.ndjson.gz"))
    parts3 = sorted((out / "2025-01-03").glob("mixpanel-events-*.ndjson.gz"))
    assert sorted(_part_ids(parts1)) == sorted(day1)  # nothing lost, nothing twice, right folder
    assert sorted(_part_ids(parts3)) == sorted(day3)
    assert len(parts1) >= len(day1) // 7 and len(parts3) >= len(day3) // 7  # a part per batch
    assert not (out / "2025-01-02").exists() and not list(out.rglob("*.partial"))
    assert set(summary.output_files) >= {str(p) for p in parts1 + parts3}
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    again = run_import(config())
    assert again.exit_code == 0 and again.read == 0 and again.accepted == 0
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def _events(first: int, n: int) -> Batch:
    batcher = Batcher({EVENTS: Limits(1000, 10**9)})
    for i in range(first, first + n):
        payload = json.dumps({"event": "E", "properties": {"$insert_id": f"id-{i}", "time": i}}).encode()
        assert batcher.add(EVENTS, "unit", i, payload) is None
    (batch,) = batcher.flush()
    return batch


def test_senders_racing_into_a_new_date_share_its_one_part_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first batches of a date are delivered by several sender threads at once. A second
    # FileSink for the same folder would keep its own handle and offsets on the same .partial
    # file and truncate or overwrite what the first one wrote and committed.
    made: list[str] = []
    both_inside = threading.Barrier(2, timeout=0.5)
    real_init = FileSink.__init__

    def init(self: FileSink, config: ImportConfig, out_dir: Path, checkpoint: Any) -> None:
        made.append(out_dir.name)
        if out_dir.name == "2025-01-01":
            with contextlib.suppress(threading.BrokenBarrierError):
                both_inside.wait()  # without a guard the other sender gets here as well
        real_init(self, config, out_dir, checkpoint)

    monkeypatch.setattr(FileSink, "__init__", init)
    out = tmp_path / "out"
    checkpoint = Checkpoint(tmp_path / "state.sqlite")
    try:
        sink = DatedFileSink(ImportConfig(sources=[], to="mixpanel", out_dir=out), checkpoint)
        sink.use("2025-01-01")
        batches = [_events(1, 5), _events(6, 5)]
        threads = [threading.Thread(target=sink.deliver, args=(batch,)) for batch in batches]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        files = sink.close()
    finally:
        checkpoint.close()
    assert made.count("2025-01-01") == 1
    parts = sorted((out / "2025-01-01").glob("mixpanel-events-*.ndjson.gz"))
    assert sorted(_part_ids(parts)) == sorted(f"id-{i}" for i in range(1, 11))
    assert set(files) >= {str(p) for p in parts}


def test_a_date_is_finished_only_after_its_last_batch_was_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entered, release = threading.Event(), threading.Event()
    real_deliver = FileSink.deliver

    def deliver(self: FileSink, batch: Batch) -> Any:
        if self.out_dir.name == "2025-01-01":
            entered.set()
            assert release.wait(5)
        return real_deliver(self, batch)

    monkeypatch.setattr(FileSink, "deliver", deliver)
    out = tmp_path / "out"
    checkpoint = Checkpoint(tmp_path / "state.sqlite")
    try:
        sink = DatedFileSink(ImportConfig(sources=[], to="mixpanel", out_dir=out), checkpoint)
        sink.use("2025-01-01")
        sender = threading.Thread(target=sink.deliver, args=(_events(1, 3),))
        sender.start()
        assert entered.wait(5)
        switch = threading.Thread(target=sink.use, args=("2025-01-02",))
        switch.start()
        switch.join(0.3)
        assert switch.is_alive()  # the switch waits for the batch being written
        release.set()
        switch.join(5)
        sender.join(5)
        assert not switch.is_alive() and not sender.is_alive()
        sink.close()
    finally:
        release.set()
        checkpoint.close()
    parts = sorted((out / "2025-01-01").glob("mixpanel-events-*.ndjson.gz"))
    assert _part_ids(parts) == ["id-1", "id-2", "id-3"] and not list(out.rglob("*.partial"))


def test_windows_plan_and_split_rules() -> None:
    plan = plan_windows(date(2025, 1, 30), date(2025, 2, 3), 2)
    assert [w.label for w in plan] == ["20250130T00-20250131T23", "20250201T00-20250202T23", "20250203T00-20250203T23"]
    assert [w.label for w in plan[0].children()] == ["20250130T00-20250130T23", "20250131T00-20250131T23"]
    day = plan[2]
    assert len(day.children()) == 24 and day.children()[5].label == "20250203T05-20250203T05"
    assert Window(day.first, day.first).children() == []


def test_rate_limiter_keeps_per_second_and_per_hour_budgets() -> None:
    now = [1000.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    limiter = RateLimiter(3, 5, clock=lambda: now[0], sleep=sleep, margin=0.1)
    for _ in range(5):
        limiter.acquire()
    assert slept == [pytest.approx(1.1)]  # the 4th call waited for the second (+ jitter margin) to pass
    limiter.acquire()  # the 6th waits for the first call to leave the hour
    assert now[0] == 1000.0 + 3600.0
    resumed = RateLimiter(3, 5, history=[now[0] - 60] * 5, clock=lambda: now[0], sleep=sleep)
    assert resumed.delay(now[0]) == 3600 - 60  # a rerun inherits the budget an earlier run spent


def test_the_documented_too_large_body_is_what_the_emulator_sends() -> None:
    from rewriter.importer.exports import AMPLITUDE_TOO_LARGE as ours

    assert ours == AMPLITUDE_TOO_LARGE and "4GB" in ours
