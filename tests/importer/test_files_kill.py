"""--out file mode under a real SIGKILL: the rerun completes the parts, with no record lost or doubled."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import NOW_MS, write_amplitude_export, write_hourly_export


def _library_cmd(source: Path, out: Path, state: Path, batch: int = 40) -> list[str]:
    # the library entry point with worker processes forced on (the CLI picks them for big inputs)
    code = (
        "import sys; from pathlib import Path; "
        "from rewriter.importer.model import ImportConfig; from rewriter.importer.run import run_import; "
        f"s = run_import(ImportConfig(sources=[Path({str(source)!r})], to='mixpanel', out_dir=Path({str(out)!r}), "
        f"checkpoint=Path({str(state)!r}), batch_size={batch}, profiles=False, out_part_bytes=2_000_000, "
        f"processes=2, now_ms={NOW_MS})); sys.exit(s.exit_code)"
    )
    return [sys.executable, "-c", code]


def _cli_cmd(source: Path, out: Path, state: Path) -> list[str]:
    # as users run it: the installed console script (its worker processes re-import the script),
    # or `python -m rewriter` where no script is installed next to this interpreter
    script = Path(sys.executable).parent / "rewriter"
    launcher = [str(script)] if script.exists() else [sys.executable, "-m", "rewriter"]
    return [
        *launcher, "import", str(source), "--to", "mixpanel",
        "--out", str(out), "--checkpoint", str(state), "--batch-size", "40", "--no-profiles", "--format", "json",
    ]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_bytes()
            except OSError:
                continue
            if int(stat[stat.rindex(b")") + 2 :].split()[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().split(b")")[-1].split()[0] != b"Z"
    except OSError:
        return False


def _written_bytes(out: Path) -> int:
    total = 0
    for path in out.glob("mixpanel-events-*"):
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


@pytest.mark.parametrize("runner", ["cli", "library-with-worker-processes", "hourly-files-merged"])
def test_sigkill_while_writing_files_then_rerun_completes_them(tmp_path: Path, runner: str) -> None:
    if runner == "cli":  # one file: the main process cuts it into chunks
        source = tmp_path / "a.json.gz"
        ids = write_amplitude_export(source, 40_000, corrupt_lines=(17, 30_001))
        corrupt = [17, 30_001]
    elif runner == "library-with-worker-processes":  # a folder of two files: each worker reads one whole
        source = tmp_path / "export"
        source.mkdir()
        ids = write_amplitude_export(source / "1_2025-03-01_0#0.json.gz", 20_000, corrupt_lines=(17,))
        ids += write_amplitude_export(source / "1_2025-03-01_1#0.json.gz", 20_000, seed=9, corrupt_lines=(10_001,))
        corrupt = [17, 10_001]
    else:  # 250 small hourly files: each batch of 500 spans ~3-4 of them
        source = tmp_path / "hourly"
        ids = write_hourly_export(source, 250, 160, corrupt=((0, 17), (200, 1)))
        corrupt = [1, 17]
    out, state = tmp_path / "out", tmp_path / "state.sqlite"
    if runner == "cli":
        cmd = _cli_cmd(source, out, state)
    else:
        cmd = _library_cmd(source, out, state, 500 if runner == "hourly-files-merged" else 40)
    env = {**os.environ, "NO_COLOR": "1"}
    # The kill must land with a part open. The part seen open may close between the look and the
    # signal (a scheduling race, seen on a 2-core CI run): such an attempt did not set up the
    # scenario, so it starts again from nothing (at most three times).
    for _attempt in range(3):
        shutil.rmtree(out, ignore_errors=True)
        for leftover in (state, *tmp_path.glob(state.name + "-*")):  # with SQLite's -wal/-shm/-journal
            leftover.unlink(missing_ok=True)
        proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        # Kill with a part open (not between two parts: a loaded machine can stop there).
        while (_written_bytes(out) < 200_000 or not list(out.glob("*.partial"))) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.005)
        assert proc.poll() is None, "the run finished before it could be killed; make the input bigger"
        workers = _children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        if runner != "cli":
            assert workers  # the worker processes were running
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "worker processes outlived the killed run"
        if list(out.glob("*.partial")):
            break
    assert list(out.glob("*.partial"))  # killed with a part still open

    rerun = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    assert not list(out.glob("*.partial"))
    parts = sorted(out.glob("mixpanel-events-*.ndjson.gz"))
    rows = [json.loads(line) for part in parts for line in gzip.decompress(part.read_bytes()).splitlines()]
    got = [row["properties"]["$insert_id"] for row in rows]
    assert len(got) == len(set(got))  # nothing written twice
    assert set(got) == set(ids)  # nothing lost
    rejects = [json.loads(line) for line in (out / "rejects.ndjson").read_text().splitlines()]
    assert sorted(r["line"] for r in rejects) == corrupt
