"""End-to-end sends through the loopback emulator: real HTTP, real retries, real checkpoint."""

from __future__ import annotations

import gzip
from pathlib import Path

from rewriter.importer.model import Secret
from rewriter.importer.run import run_import

from .conftest import (
    SAMPLES,
    amp_config,
    mp_config,
    read_rejects,
    write_amplitude_export,
    write_mixpanel_export,
)
from .emulator import Emulator


def test_amplitude_sample_arrives_in_mixpanel_with_profiles(emulator: Emulator, tmp_path: Path) -> None:
    summary = run_import(mp_config(emulator, [SAMPLES / "amplitude-export-sample.zip"], tmp_path))
    assert summary.exit_code == 0, summary.to_dict()
    assert summary.read == 32 and summary.accepted == 30 and summary.rejected_total == 0
    assert sum(summary.filtered_by.values()) == 2  # session_start / session_end: Amplitude's own, skipped
    # part#1 line 1 duplicates part#0 line 7: the same $insert_id, so 29 distinct events
    assert len(emulator.state.mp_events) == 29
    assert set(emulator.state.engage) == {"user_00017", "user_00042", "alice@example.com"}
    assert emulator.state.engage_updates == 3  # one $set per user, not one per event
    assert emulator.state.groups[("org_id", "acme-1")] == {"plan": "enterprise", "seats": 40}
    assert not emulator.state.amp_events


def test_many_events_all_arrive_once(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "123_2025-03-01_0#0.json.gz"
    ids = write_amplitude_export(source, 5000)
    summary = run_import(mp_config(emulator, [source], tmp_path, batch_size=400, profiles=False))
    assert summary.exit_code == 0
    assert summary.accepted == 5000 and summary.requests == 13
    assert set(emulator.state.mp_events) == set(ids)
    assert max(emulator.state.mp_received.values()) == 1
    assert all(h.get("Content-Encoding") == "gzip" for h in emulator.state.headers_seen)


def test_429_storm_is_survived_with_backoff(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 1200)
    emulator.storm("/import", 0.6)
    config = mp_config(emulator, [source], tmp_path, batch_size=300, profiles=False)
    config.retry = type(config.retry)(**{**config.retry.__dict__, "base": 0.05, "cap": 0.4, "max_attempts": 20})
    summary = run_import(config)
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.mp_events) == set(ids)
    assert summary.retried_requests > 0
    statuses = [status for _, status, _ in emulator.requests_to("/import")]
    assert statuses.count(429) >= 4 and statuses[-1] == 200


def test_5xx_timeouts_and_dropped_connections_are_retried(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 900)
    emulator.schedule("/import", 502, 503, "drop", 500, "timeout", ("slow", 0.2))
    summary = run_import(mp_config(emulator, [source], tmp_path, batch_size=300, workers=2, profiles=False))
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.mp_events) == set(ids)
    assert summary.retried_requests >= 5


def test_413_splits_the_batch(tmp_path: Path) -> None:
    with Emulator(now_ms=1_750_000_000_000, max_import_bytes=60_000) as emu:
        source = tmp_path / "a.json.gz"
        ids = write_amplitude_export(source, 1000)
        config = mp_config(emu, [source], tmp_path, batch_size=500, profiles=False, now_ms=1_750_000_000_000)
        config.batch_bytes = 10 * 1024 * 1024  # larger than the server allows, so 413s happen
        summary = run_import(config)
        assert summary.exit_code == 0, summary.to_dict()
        assert set(emu.state.mp_events) == set(ids)
        statuses = [s for _, s, _ in emu.requests_to("/import")]
        assert 413 in statuses and statuses.count(200) > 2


def test_partial_400_rejects_only_the_failed_records(emulator: Emulator, tmp_path: Path) -> None:
    # a time that passes our check but fails the server's (the server's clock is earlier)
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 600)
    config = mp_config(emulator, [source], tmp_path, batch_size=200, profiles=False)
    emulator.now_ms = 1740787200000 - 3_600_000 + 1500 * 1000  # server clock: later events are "future"
    summary = run_import(config)
    rejects = read_rejects(tmp_path / "rejects.ndjson")
    assert summary.accepted + summary.rejected_total == 600
    assert summary.rejected.get("rejected_by_mixpanel") == len(rejects) > 0
    assert summary.exit_code == 0  # every record accepted or listed
    assert {r["record"]["properties"]["$insert_id"] for r in rejects}.isdisjoint(emulator.state.mp_events)
    assert len(emulator.state.mp_events) + len(rejects) == len(ids)
    assert all(r["source"].endswith("a.json.gz") and r["line"] >= 1 and "time" in r["message"] for r in rejects)
    # rejected records were never retried
    sent = sum(n for _, s, n in emulator.requests_to("/import"))
    assert sent == len(emulator.state.mp_events)


def test_corrupt_lines_are_rejected_with_location_and_the_run_continues(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 300, corrupt_lines=(5, 77))
    summary = run_import(mp_config(emulator, [source], tmp_path, profiles=False))
    assert summary.exit_code == 0
    assert summary.rejected == {"corrupt_json": 2}
    assert set(emulator.state.mp_events) == set(ids)
    rejects = read_rejects(tmp_path / "rejects.ndjson")
    assert [(r["line"], r["reason"]) for r in rejects] == [(5, "corrupt_json"), (77, "corrupt_json")]


def test_bad_credentials_stop_at_once_with_exit_2(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 3000)
    config = mp_config(emulator, [source], tmp_path, token=Secret("wrong-token-000"), batch_size=100)
    summary = run_import(config)
    assert summary.exit_code == 2
    assert summary.fatal and "credentials" in summary.fatal and "wrong-token-000" not in summary.fatal
    assert len(emulator.requests_to("/import")) <= config.workers + 1
    assert summary.accepted == 0


def test_service_account_auth(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 100)
    user, secret = emulator.service_account
    config = mp_config(
        emulator, [source], tmp_path, token=None, service_account=(user, Secret(secret)), project_id=emulator.project_id
    )
    summary = run_import(config)
    assert summary.exit_code == 0 and set(emulator.state.mp_events) == set(ids)
    assert any("profiles not sent" in w for w in summary.warnings)


def test_undeliverable_batches_exit_1_and_resume_sends_them(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 600)
    config = mp_config(emulator, [source], tmp_path, batch_size=200, workers=1, profiles=False)
    config.retry = type(config.retry)(**{**config.retry.__dict__, "max_attempts": 2})
    emulator.schedule("/import", 200 and None, 503, 503)  # 2nd batch fails twice -> given up
    first = run_import(config)
    assert first.exit_code == 1 and first.undelivered == 200 and first.accepted == 400
    second = run_import(config)
    assert second.exit_code == 0 and second.accepted == 200 and second.skipped_resumed == 400
    assert set(emulator.state.mp_events) == set(ids)
    assert max(emulator.state.mp_received.values()) == 1


def test_rerun_after_success_sends_nothing(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 250, corrupt_lines=(3,))
    config = mp_config(emulator, [source], tmp_path, profiles=False)
    assert run_import(config).exit_code == 0
    again = run_import(config)
    assert again.read == 0 and again.sent == 0 and again.skipped_resumed == 250
    assert len(read_rejects(tmp_path / "rejects.ndjson")) == 1  # listed once, not twice


# --- Mixpanel -> Amplitude --------------------------------------------------------------------


def test_mixpanel_sample_and_profiles_arrive_in_amplitude(emulator: Emulator, tmp_path: Path) -> None:
    sources = [SAMPLES / "mixpanel-export-sample.ndjson", SAMPLES / "mixpanel-engage-page-sample.json"]
    summary = run_import(amp_config(emulator, sources, tmp_path))
    assert summary.exit_code == 0, summary.to_dict()
    assert summary.rejected == {"identity_event": 1}
    assert len(emulator.state.amp_events) == 23  # 25 lines - $identify - 1 exact duplicate
    assert set(emulator.state.identify) == {"user_00017", "user_00042", "alice@example.com"}
    rejects = read_rejects(tmp_path / "rejects.ndjson")
    assert rejects[0]["line"] == 3 and rejects[0]["reason"] == "identity_event"


def test_amplitude_429_resends_only_throttled_users(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "mp.ndjson"
    ids = write_mixpanel_export(source, 1000)
    emulator.throttle["user_00007"] = 2
    summary = run_import(amp_config(emulator, [source], tmp_path, batch_size=500, workers=1))
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.amp_events) == set(ids)
    log = emulator.requests_to("/batch")
    assert [s for _, s, _ in log].count(429) == 2
    # after a 429 the next request carries everything except the throttled user's events
    after = log[1]
    assert after[1] == 200 and 0 < after[2] < 500


def test_amplitude_400_rejects_invalid_events_by_index_and_resends_the_rest(
    emulator: Emulator, tmp_path: Path
) -> None:
    source = tmp_path / "mp.ndjson"
    ids = write_mixpanel_export(source, 300)
    emulator.server_min_id_length = 11  # user_xxxxx (10 chars) fails on the server only
    summary = run_import(amp_config(emulator, [source], tmp_path, batch_size=100))
    rejects = read_rejects(tmp_path / "rejects.ndjson")
    assert summary.exit_code == 0, summary.to_dict()
    assert summary.accepted + summary.rejected_total == 300
    assert rejects and {r["reason"] for r in rejects} == {"rejected_by_amplitude"}
    assert all("user_id" in r["message"] and r["record"]["user_id"].startswith("user_") for r in rejects)
    assert len(emulator.state.amp_events) + len(rejects) == len(ids)
    assert not {r["record"]["insert_id"] for r in rejects} & set(emulator.state.amp_events)


def test_transform_rejects_short_ids_before_sending(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "mp.ndjson"
    write_mixpanel_export(source, 200)
    summary = run_import(amp_config(emulator, [source], tmp_path, min_id_length=11))
    assert summary.rejected.get("id_too_short", 0) > 0
    assert summary.accepted + summary.rejected_total == 200 and summary.exit_code == 0


def test_amplitude_bad_api_key_exit_2(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "mp.ndjson"
    write_mixpanel_export(source, 50)
    summary = run_import(amp_config(emulator, [source], tmp_path, api_key=Secret("nope-nope")))
    assert summary.exit_code == 2 and "nope-nope" not in (summary.fatal or "")


def test_gzip_mixpanel_export_source(emulator: Emulator, tmp_path: Path) -> None:
    plain = tmp_path / "mp.ndjson"
    ids = write_mixpanel_export(plain, 120)
    packed = tmp_path / "export.bin"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    summary = run_import(amp_config(emulator, [packed], tmp_path))
    assert summary.exit_code == 0 and set(emulator.state.amp_events) == set(ids)


def test_tls_context_is_shared_and_verifies() -> None:
    """One context per run: real hosts get the CA bundle and verification; a plain-http host
    gets no CA at all, so a stray TLS handshake would fail rather than go unverified."""
    import ssl

    from rewriter.importer.sinks import tls_context

    real = tls_context("https://api.mixpanel.com")
    assert real.verify_mode == ssl.CERT_REQUIRED and real.check_hostname
    assert real.cert_store_stats()["x509_ca"] > 0
    loopback = tls_context("http://127.0.0.1:8080")
    assert loopback.verify_mode == ssl.CERT_REQUIRED and loopback.check_hostname
    assert loopback.cert_store_stats()["x509_ca"] == 0
