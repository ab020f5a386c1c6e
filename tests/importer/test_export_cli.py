"""`rewriter import --from-api` as a real process: SIGKILL in the middle of a window, resume; no secrets printed."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

from .emulator import Emulator
from .test_export_amplitude import exports, fill
from .test_export_mixpanel import event
from .test_import_cli import FAST_FLAGS, cli, run

EXPORT_FAST = [*FAST_FLAGS, "--export-rate", "100,1000"]


def amp_args(emu: Emulator, tmp_path: Path, *extra: str) -> list[str]:
    return [
        "--from-api", "amplitude", "--start", "2025-01-01", "--end", "2025-01-03", "--to", "mixpanel",
        "--export-host", emu.url, "--api-host", emu.url, "--checkpoint", str(tmp_path / "state.sqlite"),
        "--rejects", str(tmp_path / "rejects.ndjson"), "--format", "json", *EXPORT_FAST, *extra,
    ]


def test_sigkill_in_the_middle_of_a_window_then_resume(emulator: Emulator, tmp_path: Path) -> None:
    day1 = fill(emulator, 1, (0, 6), 600)
    day2 = fill(emulator, 2, (3, 9, 15), 700)
    day3 = fill(emulator, 3, (1,), 500)
    ids = set(day1 + day2 + day3)
    emulator.slow_s = 0.05
    args = amp_args(emulator, tmp_path, "--batch-size", "250", "--workers", "2", "--no-profiles")
    env = {"AMPLITUDE_API_KEY": emulator.api_key, "AMPLITUDE_SECRET_KEY": emulator.amp_secret_key,
           "MIXPANEL_TOKEN": emulator.token}
    proc = cli(*args, env=env)
    deadline = time.monotonic() + 60
    while len(emulator.state.mp_events) < len(day1) + 600 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    delivered = set(emulator.state.mp_events)
    assert set(day1) <= delivered and not set(day2) <= delivered  # killed inside day 2
    assert exports(emulator) == [(200, "20250101T00", "20250101T23"), (200, "20250102T00", "20250102T23")]
    assert list((tmp_path / "state.sqlite.downloads").glob("amplitude-20250102T00-20250102T23.zip"))

    emulator.slow_s = 0.0
    code, out, err = run(*args, env=env)
    assert code == 0, err
    summary = json.loads(out)
    assert set(emulator.state.mp_events) == ids
    # day 1 is not asked for again, day 2 resumes from its download on disk, day 3 is new
    assert exports(emulator)[2:] == [(200, "20250103T00", "20250103T23")]
    assert summary["events"]["skipped_as_settled"] > 0
    resent = sum(emulator.state.mp_received.values()) - len(ids)
    assert resent <= 2 * 250 + 250  # at most the batches in flight when the process died
    assert not (tmp_path / "state.sqlite.downloads").exists()


def test_credentials_are_never_printed_or_stored(emulator: Emulator, tmp_path: Path) -> None:
    fill(emulator, 1, (2,), 40)
    emulator.mp_export = {"2025-01-01": [event(i, 1, user="user-00001") for i in range(10)]}
    emulator.engage_profiles = [{"$distinct_id": "user-00001", "$properties": {"plan": "pro"}}]
    secrets = [emulator.api_key, emulator.amp_secret_key, emulator.token, emulator.service_account[1]]
    blobs: list[str] = []
    amp_env = {"AMPLITUDE_API_KEY": emulator.api_key, "AMPLITUDE_SECRET_KEY": emulator.amp_secret_key,
               "MIXPANEL_TOKEN": emulator.token}
    for fmt in ("console", "json"):
        code, out, err = run(*amp_args(emulator, tmp_path / fmt, "--format", fmt), env=amp_env)
        assert code == 0, err
        blobs += [out, err]
    code, out, err = run(*amp_args(emulator, tmp_path / "bad", "--secret-key", "WRONG-secret-31337"), env=amp_env)
    assert code == 2 and "credentials" in out + err
    blobs += [out, err]
    mp_env = {"MIXPANEL_SERVICE_ACCOUNT": ":".join(emulator.service_account), "MIXPANEL_PROJECT_ID": emulator.project_id,
              "AMPLITUDE_API_KEY": emulator.api_key}
    for extra in ([], ["--out", str(tmp_path / "files")]):
        code, out, err = run(
            "--from-api", "mixpanel", "--start", "2025-01-01", "--end", "2025-01-01", "--to", "amplitude",
            "--export-host", emulator.url, "--api-host", emulator.url, "--checkpoint", str(tmp_path / f"mp{len(extra)}.sqlite"),
            *EXPORT_FAST, *extra, env=mp_env,
        )
        assert code == 0, err
        blobs += [out, err]
    assert emulator.state.amp_events and emulator.state.identify
    stored = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    for secret in [*secrets, "WRONG-secret-31337"]:
        assert secret not in "\n".join(blobs), secret
        assert secret.encode() not in stored, secret


def test_from_api_usage_errors_exit_2(tmp_path: Path) -> None:
    base = ["--from-api", "amplitude", "--to", "mixpanel", "--dry-run"]
    code, _, err = run(*base, "--start", "2025-01-01")
    assert code == 2 and "--end" in err
    code, _, err = run(*base, "--start", "2025-01-02", "--end", "2025-01-01", "--api-key", "k", "--secret-key", "s")
    assert code == 2 and "before" in err
    code, _, err = run(*base, "--start", "2025-01-01", "--end", "2025-01-01", "--api-key", "k")
    assert code == 2 and "--secret-key" in err
    code, _, err = run(str(tmp_path), *base, "--start", "2025-01-01", "--end", "2025-01-01")
    assert code == 2 and "not both" in err
    code, _, err = run("--from-api", "mixpanel", "--to", "mixpanel", "--start", "2025-01-01", "--end", "2025-01-01")
    assert code == 2 and "--to amplitude" in err
