"""The `rewriter import` command run as a real process: exit codes, secrets, SIGKILL + resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .conftest import SAMPLES, write_amplitude_export
from .emulator import Emulator

FAST_FLAGS = [
    "--retry-base", "0.01", "--retry-cap", "0.05", "--retry-jitter", "0,0.01", "--throttle-wait", "0.01,0.02",
    "--request-timeout", "2",
]


def cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.Popen[str]:
    # never run in the repository: a default ./rejects.ndjson or ./rewriter-import-out must land elsewhere
    cwd = cwd or Path(tempfile.mkdtemp(prefix="rewriter-import-cli-"))
    return subprocess.Popen(
        [sys.executable, "-c", "from rewriter.cli import app; app()", "import", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[int, str, str]:
    proc = cli(*args, env=env, cwd=cwd)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def test_secrets_never_printed(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 200, corrupt_lines=(4,))
    env = {"MIXPANEL_TOKEN": emulator.token}
    outputs = []
    for fmt in ("console", "json"):
        code, out, err = run(
            str(source), "--to", "mixpanel", "--api-host", emulator.url, "--format", fmt,
            "--checkpoint", str(tmp_path / f"{fmt}.sqlite"), "--rejects", str(tmp_path / "rejects.ndjson"),
            *FAST_FLAGS, env=env,
        )
        assert code == 0, err
        outputs += [out, err]
    bad_code, bad_out, bad_err = run(
        str(source), "--to", "mixpanel", "--api-host", emulator.url, "--token", "SUPERSECRET-wrong",
        "--checkpoint", str(tmp_path / "bad.sqlite"), *FAST_FLAGS,
    )
    assert bad_code == 2 and "credentials" in (bad_out + bad_err)
    outputs += [bad_out, bad_err]
    help_code, help_out, help_err = run("--help", env={"MIXPANEL_TOKEN": "HELPSECRET", "AMPLITUDE_API_KEY": "HELPSECRET"})
    assert help_code == 0
    outputs += [help_out, help_err, (tmp_path / "rejects.ndjson").read_text()]
    blob = "\n".join(outputs)
    for secret in (emulator.token, "SUPERSECRET-wrong", "HELPSECRET"):
        assert secret not in blob


def test_json_summary_and_exit_codes(emulator: Emulator, tmp_path: Path) -> None:
    code, out, err = run(
        str(SAMPLES / "mixpanel-export-sample.ndjson"), "--to", "amplitude", "--api-host", emulator.url,
        "--api-key", emulator.api_key, "--format", "json", "--rejects", str(tmp_path / "r.ndjson"), *FAST_FLAGS,
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["events"]["read"] == 25 and summary["events"]["accepted"] == 24
    assert summary["rejected_by_reason"] == {"identity_event": 1}
    assert {"retried_requests", "bytes_sent", "elapsed_s", "events_accepted_per_s"} <= set(summary)


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run(str(tmp_path / "missing.zip"), "--to", "mixpanel", "--dry-run")[0] == 2
    assert run(str(SAMPLES / "amplitude-export-sample.zip"), "--to", "amplitude", "--dry-run")[0] == 2
    assert run(str(SAMPLES / "amplitude-export-sample.zip"), "--to", "nowhere")[0] == 2
    code, _, err = run(str(SAMPLES / "amplitude-export-sample.zip"), "--to", "mixpanel", "--service-account", "u:s")
    assert code == 2 and "--project-id" in err


def test_no_credentials_writes_files_by_default(tmp_path: Path) -> None:
    code, out, err = run(str(SAMPLES / "amplitude-export-sample.zip"), "--to", "mixpanel", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "rewriter-import-out" / "mixpanel-events-00001.ndjson.gz").exists()


def test_sigkill_mid_run_then_resume_loses_nothing(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "big.json.gz"
    ids = set(write_amplitude_export(source, 12_000, corrupt_lines=(10, 9000)))
    emulator.slow_s = 0.08
    args = [
        str(source), "--to", "mixpanel", "--api-host", emulator.url, "--token", emulator.token,
        "--checkpoint", str(tmp_path / "state.sqlite"), "--rejects", str(tmp_path / "rejects.ndjson"),
        "--batch-size", "250", "--workers", "3", "--no-profiles", "--format", "json", *FAST_FLAGS,
    ]
    proc = cli(*args)
    deadline = time.monotonic() + 60
    while len(emulator.state.mp_events) < 3000 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    delivered_before = len(emulator.state.mp_events)
    assert 0 < delivered_before < len(ids)

    emulator.slow_s = 0.0
    code, out, err = run(*args)
    assert code == 0, err
    summary = json.loads(out)
    assert set(emulator.state.mp_events) == ids  # every record arrived
    resent = sum(emulator.state.mp_received.values()) - len(ids)
    assert resent <= 3 * 250 + 250  # at most the batches in flight (workers, plus one being queued)
    assert summary["events"]["skipped_as_settled"] > 0
    rejects = [json.loads(line) for line in (tmp_path / "rejects.ndjson").read_text().splitlines()]
    assert sorted(r["line"] for r in rejects) == [10, 9000]
