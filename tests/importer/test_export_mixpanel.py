"""--from-api mixpanel: raw export + Engage profiles pulled through the loopback emulator into Amplitude."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from rewriter.importer.exports import ExportSpec, mixpanel_group_to_group_identify
from rewriter.importer.model import Secret
from rewriter.importer.run import run_import

from .conftest import amp_config
from .emulator import Emulator

DAY_MS = 86_400_000
JAN1_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z


def event(n: int, day: int, *, user: str | None = None, insert_id: str | None = None, offset_ms: int = 0) -> dict[str, Any]:
    device = f"device-{n:05d}"
    props: dict[str, Any] = {
        "time": JAN1_MS + (day - 1) * DAY_MS + n * 1000 + offset_ms,
        "distinct_id": user or f"$device:{device}",
        "$device_id": device,
        "$insert_id": insert_id or f"ins-{day}-{n:05d}",
        "mp_lib": "web",
        "$browser": "Chrome",
        "plan": "pro",
    }
    if user:
        props["$user_id"] = user
    return {"event": "Page Viewed", "properties": props}


def spec(emu: Emulator, first: int, last: int, **extra: Any) -> ExportSpec:
    values: dict[str, Any] = dict(
        service_account=(emu.service_account[0], Secret(emu.service_account[1])), project_id=emu.project_id,
        host=emu.url, export_rate=(100, 1000), query_rate=(100, 1000),
    )
    values.update(extra)
    return ExportSpec("mixpanel", date(2025, 1, first), date(2025, 1, last), **values)


def calls(emu: Emulator, path: str) -> list[tuple[int, dict[str, str]]]:
    return [(status, query) for p, status, query in emu.state.exports if p == path]


def test_raw_export_days_are_deduplicated_shifted_and_sent(emulator: Emulator, tmp_path: Path) -> None:
    day1 = [event(i, 1, user="user-00001" if i % 2 else None) for i in range(30)]
    day3 = [event(i, 3) for i in range(20)]
    near = event(5, 3, offset_ms=1)  # same $insert_id, other time: not a duplicate for Mixpanel
    emulator.mp_export = {"2025-01-01": day1 + day1[:4], "2025-01-03": [*day3, day3[0], near]}
    emulator.schedule("/api/2.0/export", 429)
    emulator.retry_after = 1
    started = time.monotonic()
    config = amp_config(emulator, [], tmp_path, export=spec(emulator, 1, 3, timezone_offset_hours=-8), profiles=False)
    summary = run_import(config)
    assert summary.exit_code == 0, summary.to_dict()
    assert time.monotonic() - started >= 1.0  # Retry-After was honoured
    assert summary.read == 30 + 20 + 1 and summary.accepted == 51
    assert any("5 duplicate rows dropped" in w for w in summary.warnings), summary.warnings
    assert not any("project time" in w for w in summary.warnings)  # an offset was given
    statuses = [(s, q["from_date"]) for s, q in calls(emulator, "/api/2.0/export")]
    assert statuses == [(429, "2025-01-01"), (200, "2025-01-01"), (200, "2025-01-02"), (200, "2025-01-03")]
    assert all(q["time_in_ms"] == "true" and q["project_id"] == emulator.project_id
               for _, q in calls(emulator, "/api/2.0/export"))
    sent = emulator.state.amp_events["ins-1-00003"]
    assert sent["time"] == JAN1_MS + 3000 + 8 * 3_600_000  # project time (UTC-8) -> UTC
    assert sent["user_id"] == "user-00001" and sent["device_id"] == "device-00003"
    assert emulator.state.amp_received["ins-3-00005"] == 2  # the near-duplicate went too (Amplitude dedupes it)

    again = run_import(amp_config(emulator, [], tmp_path, export=spec(emulator, 1, 3, timezone_offset_hours=-8),
                                  profiles=False))
    assert again.exit_code == 0 and again.read == 0
    assert len(calls(emulator, "/api/2.0/export")) == 4


def test_export_rate_limit_spaces_requests(emulator: Emulator, tmp_path: Path) -> None:
    emulator.mp_export = {f"2025-01-0{d}": [event(1, d)] for d in range(1, 5)}
    config = amp_config(emulator, [], tmp_path, export=spec(emulator, 1, 4, export_rate=(3, 60)), profiles=False)
    summary = run_import(config)
    assert summary.exit_code == 0 and summary.accepted == 4
    assert any("project time" in w and "--timezone-offset" in w for w in summary.warnings)  # the pre-2023 note
    times = emulator.state.export_times
    assert len(times) == 4 and times[3] - times[0] >= 0.99  # at most 3 queries in any second


def test_engage_users_and_group_profiles_go_to_identify_and_group_identify(emulator: Emulator, tmp_path: Path) -> None:
    emulator.mp_export = {"2025-01-01": [event(1, 1, user="user-00001")]}
    emulator.engage_page_size = 2
    emulator.engage_profiles = [
        {"$distinct_id": f"user-{i:05d}", "$properties": {"$email": f"u{i}@example.com", "plan": "pro", "$last_seen": "x"}}
        for i in range(5)
    ]
    emulator.engage_groups = {"2": [
        {"$distinct_id": f"acme-{i}", "$properties": {"$name": f"Acme {i}", "seats": i}} for i in range(3)
    ]}
    emulator.schedule("/api/query/engage", 429)
    config = amp_config(emulator, [], tmp_path, export=spec(emulator, 1, 1, group_profiles=(("2", "company_id"),)))
    summary = run_import(config)
    assert summary.exit_code == 0, summary.to_dict()
    assert set(emulator.state.identify) == {f"user-{i:05d}" for i in range(5)}
    assert emulator.state.identify["user-00003"]["user_properties"] == {"$set": {"email": "u3@example.com", "plan": "pro"}}
    assert sorted(g["group_value"] for g in emulator.state.group_identify) == ["acme-0", "acme-1", "acme-2"]
    assert emulator.state.group_identify[0] == {
        "group_type": "company_id", "group_value": "acme-0", "group_properties": {"$set": {"name": "Acme 0", "seats": 0}},
    }
    engage = calls(emulator, "/api/query/engage")
    user_pages = [q.get("page", "0") for _, q in engage if "data_group_id" not in q]
    assert user_pages == ["0", "1", "2"]  # 5 profiles, 2 per page: paged with session_id until a short page
    assert all(q.get("session_id") == "session-users" for _, q in engage if q.get("page", "0") != "0" and "data_group_id" not in q)
    assert [q["page"] if "page" in q else "0" for _, q in engage if q.get("data_group_id") == "2"] == ["0", "1"]
    # issue 13: Engage users and group profiles are profiles, not events (they used to inflate events/s)
    assert summary.read == summary.accepted == 1
    assert summary.profiles_read == 5 + 3 and summary.profiles_accepted == 5 + 3
    data = summary.to_dict()
    assert data["events"]["accepted"] == 1 and data["profiles"]["accepted"] == 8

    again = run_import(amp_config(emulator, [], tmp_path, export=spec(emulator, 1, 1, group_profiles=(("2", "company_id"),))))
    assert again.exit_code == 0 and len(calls(emulator, "/api/query/engage")) == len(engage)


def test_group_profile_transform() -> None:
    assert mixpanel_group_to_group_identify({"$distinct_id": 42, "$properties": {"$mp_x": 1, "tier": "gold"}}, "org") == {
        "group_type": "org", "group_value": "42", "group_properties": {"$set": {"tier": "gold"}},
    }
    assert isinstance(mixpanel_group_to_group_identify({"$properties": {}}, "org"), str)


def test_refused_service_account_stops_the_run(emulator: Emulator, tmp_path: Path) -> None:
    bad = spec(emulator, 1, 2, service_account=(emulator.service_account[0], Secret("NOPE-secret-777")))
    summary = run_import(amp_config(emulator, [], tmp_path, export=bad))
    assert summary.exit_code == 2 and summary.fatal and "NOPE-secret-777" not in summary.fatal
