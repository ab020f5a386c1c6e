"""Issue 13's small defects: damaged zips, --since after --until, special files, output modes and
where the rejects file goes. Run as users run them (the CLI in a child process) where the exit
code and the printed text are the point."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from rewriter.importer.model import ConfigError, ImportConfig
from rewriter.importer.run import run_import

from .conftest import NOW_MS, SAMPLES, write_amplitude_export
from .test_import_cli import run


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("forced", [[], ["--from", "amplitude"]], ids=["detect", "from-amplitude"])
def test_a_truncated_zip_is_an_error_naming_the_file(tmp_path: Path, forced: list[str]) -> None:
    data = (SAMPLES / "amplitude-export-sample.zip").read_bytes()
    broken = tmp_path / "export.zip"
    broken.write_bytes(data[: len(data) // 2])
    code, out, err = run(str(broken), "--to", "mixpanel", "--out", str(tmp_path / "out"), *forced, env={"COLUMNS": "400"})
    assert code == 2, (out, err)
    text = " ".join(err.split())
    assert "export.zip" in text and "damaged or truncated zip" in text
    assert "Traceback" not in err and not (tmp_path / "out" / "rejects.ndjson").exists()


def test_a_zip_renamed_without_its_suffix_is_still_called_damaged(tmp_path: Path) -> None:
    data = (SAMPLES / "amplitude-export-sample.zip").read_bytes()
    broken = tmp_path / "download"
    broken.write_bytes(data[:3000])
    with pytest.raises(ConfigError, match="damaged or truncated zip"):
        run_import(ImportConfig(sources=[broken], to="mixpanel", out_dir=tmp_path / "out", now_ms=NOW_MS))


def test_since_after_until_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run(str(SAMPLES / "amplitude-export-sample.zip"), "--to", "mixpanel", "--out", str(tmp_path / "o"),
                         "--since", "2025-03-02", "--until", "2025-03-01")
    assert code == 2 and "--since" in err and "not before --until" in " ".join(err.split())
    assert not (tmp_path / "o").exists()


def test_a_fifo_among_the_sources_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    folder = tmp_path / "export"
    folder.mkdir()
    write_amplitude_export(folder / "1_2025-03-01_0#0.json.gz", 20)
    os.mkfifo(folder / "1_2025-03-01_1#0.json.gz")  # inside a folder: not a data file, passed over
    outcome: dict[str, object] = {}

    def go() -> None:
        try:
            run_import(ImportConfig(sources=[folder, fifo], to="mixpanel", out_dir=tmp_path / "out", now_ms=NOW_MS))
        except ConfigError as exc:
            outcome["error"] = str(exc)

    thread = threading.Thread(target=go, daemon=True)
    thread.start()
    thread.join(30)
    if thread.is_alive():  # unblock the reader so the test process can exit, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("the run hung on a FIFO")
    assert "pipe.json" in str(outcome["error"]) and "not a regular file" in str(outcome["error"])
    summary = run_import(ImportConfig(sources=[folder], to="mixpanel", out_dir=tmp_path / "out2", now_ms=NOW_MS,
                                      profiles=False))
    assert summary.exit_code == 0 and summary.accepted == 20


def test_rejects_file_and_json_report_use_the_umask_and_the_path_is_printed(tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 30, corrupt_lines=(4,))
    out_dir, report = tmp_path / "out", tmp_path / "run" / "summary.json"
    code, out, err = run(str(source), "--to", "mixpanel", "--out", str(out_dir), "--checkpoint", str(tmp_path / "s.sqlite"),
                         "--report", str(report), "--no-profiles", env={"COLUMNS": "400"})
    assert code == 0, err
    rejects = out_dir / "rejects.ndjson"
    expected = 0o666 & ~_umask()
    part = next(out_dir.glob("mixpanel-events-*.ndjson.gz"))
    assert stat.S_IMODE(rejects.stat().st_mode) == expected == stat.S_IMODE(part.stat().st_mode)
    assert stat.S_IMODE(report.stat().st_mode) == expected
    assert json.loads(report.read_text())["events"]["rejected"] == 1
    assert f"rejects: {rejects.resolve()}" in out


def test_rejects_default_beside_the_checkpoint_and_its_path_is_printed(tmp_path: Path) -> None:
    from .conftest import mp_config
    from .emulator import Emulator

    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 30, corrupt_lines=(4,))
    with Emulator(now_ms=NOW_MS) as emu:
        config = mp_config(emu, [source], tmp_path, rejects=None, checkpoint=tmp_path / "state" / "job.sqlite",
                           profiles=False)
        summary = run_import(config)
    expected = tmp_path / "state" / "job.rejects.ndjson"
    assert summary.exit_code == 0 and summary.rejects_path == str(expected.resolve())
    assert [json.loads(line)["line"] for line in expected.read_text().splitlines()] == [4]
