"""Fixtures for importer tests: the loopback emulator, fast retry settings, synthetic exports."""

from __future__ import annotations

import gzip
import json
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from rewriter.importer.model import ImportConfig, RetryPolicy, Secret

from .emulator import Emulator

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "exports"
FAST = RetryPolicy(
    base=0.01, cap=0.05, jitter_min=0.0, jitter_max=0.01, amp_throttle_min=0.02, amp_throttle_max=0.05,
    max_attempts=8, timeout=1.0,
)
NOW_MS = int(datetime(2025, 6, 1, tzinfo=UTC).timestamp() * 1000)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with Emulator(now_ms=NOW_MS) as emu:
        yield emu


def amplitude_row(i: int, rng: random.Random, *, base: datetime | None = None) -> dict[str, Any]:
    """One Amplitude export row with the 55-column shape (values vary with the seed)."""
    base = base or datetime(2025, 3, 1, tzinfo=UTC)
    when = base + timedelta(seconds=i * 7 + rng.randint(0, 6), microseconds=rng.randint(0, 999) * 1000)
    stamp = when.strftime("%Y-%m-%d %H:%M:%S.%f")
    user = f"user_{rng.randint(1, 300):05d}" if rng.random() < 0.7 else None
    web = rng.random() < 0.5
    return {
        "$insert_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "$insert_key": None, "$schema": None, "adid": None, "amplitude_attribution_ids": None,
        "amplitude_event_type": None, "amplitude_id": 1_000_000_000 + rng.randint(0, 10**6), "app": 123456,
        "city": rng.choice(["Berlin", "Puchong", "San Francisco", None]),
        "client_event_time": stamp, "client_upload_time": stamp,
        "country": rng.choice(["Germany", "Malaysia", "United States", None]),
        "data": {"path": "/2/httpapi"}, "data_type": "event", "device_brand": None, "device_carrier": None,
        "device_family": "Mac" if web else "Apple iPhone", "device_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "device_manufacturer": None, "device_model": None, "device_type": None, "dma": None,
        "event_id": i, "event_properties": {"page": f"/p/{i % 50}", "amount": round(rng.random() * 100, 2)},
        "event_time": stamp, "event_type": rng.choice(["Button Clicked", "Page Viewed", "Purchase"]),
        "global_user_properties": None, "group_properties": {}, "groups": {}, "idfa": None,
        "ip_address": f"203.0.113.{rng.randint(1, 254)}", "is_attribution_event": None,
        "language": "English", "library": "amplitude-ts/2.11.0" if web else "amplitude-swift/1.13.6",
        "location_lat": None, "location_lng": None, "os_name": "Chrome" if web else "ios",
        "os_version": "126" if web else "18.5", "partner_id": None, "paying": None, "plan": {},
        "platform": "Web" if web else "iOS", "processed_time": stamp, "region": None, "sample_rate": None,
        "server_received_time": stamp, "server_upload_time": stamp, "session_id": -1, "source_id": None,
        "start_version": None, "user_creation_time": None, "user_id": user,
        "user_properties": {"plan": rng.choice(["free", "pro"])} if user else {},
        "uuid": str(uuid.UUID(int=rng.getrandbits(128))), "version_name": "1.0.81",
    }


def write_amplitude_export(path: Path, n: int, seed: int = 7, corrupt_lines: tuple[int, ...] = ()) -> list[str]:
    """Write n rows as a gzip NDJSON export; returns the $insert_ids of the valid rows."""
    rng = random.Random(seed)
    ids = []
    with gzip.open(path, "wb") as handle:
        for i in range(1, n + 1):
            if i in corrupt_lines:
                handle.write(b'{"event_type": "Broken", "event_time": \n')
                continue
            row = amplitude_row(i, rng)
            ids.append(row["$insert_id"])
            handle.write(json.dumps(row).encode() + b"\n")
    return ids


def write_mixpanel_export(path: Path, n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    ids = []
    with open(path, "wb") as handle:
        for i in range(n):
            insert_id = uuid.UUID(int=rng.getrandbits(128)).hex
            ids.append(insert_id)
            device = str(uuid.UUID(int=rng.getrandbits(128)))
            user = f"user_{rng.randint(1, 200):05d}" if rng.random() < 0.6 else None
            props = {
                "time": 1740787200 + i,
                "distinct_id": user or f"$device:{device}",
                "$device_id": device,
                "$insert_id": insert_id,
                "mp_lib": "web",
                "$browser": "Chrome",
                "$os": "Mac OS X",
                "mp_country_code": "US",
                "$mp_api_endpoint": "api-js.mixpanel.com",
                "plan": rng.choice(["free", "pro"]),
            }
            if user:
                props["$user_id"] = user
            handle.write(json.dumps({"event": "Button Clicked", "properties": props}).encode() + b"\n")
    return ids


def _config(emu: Emulator, sources: list[Path], tmp_path: Path, to: str, creds: dict[str, Any], overrides: dict[str, Any]) -> ImportConfig:
    values: dict[str, Any] = dict(
        sources=sources,
        to=to,
        api_host=emu.url,
        checkpoint=tmp_path / "state.sqlite",
        rejects=tmp_path / "rejects.ndjson",
        workers=4,
        retry=FAST,
        now_ms=NOW_MS,
        **creds,
    )
    values.update(overrides)
    return ImportConfig(**values)


def mp_config(emu: Emulator, sources: list[Path], tmp_path: Path, **overrides: Any) -> ImportConfig:
    return _config(emu, sources, tmp_path, "mixpanel", {"token": Secret(emu.token)}, overrides)


def amp_config(emu: Emulator, sources: list[Path], tmp_path: Path, **overrides: Any) -> ImportConfig:
    return _config(emu, sources, tmp_path, "amplitude", {"api_key": Secret(emu.api_key)}, overrides)


def read_rejects(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def write_hourly_export(folder: Path, files: int, per_file: int, seed: int = 13,
                        corrupt: tuple[tuple[int, int], ...] = ()) -> list[str]:
    """An Amplitude export as the Export API lays it out: one small gzip file per upload hour
    (`{pid}_{date}_{H}#0.json.gz`). `corrupt` holds (file index, line) pairs written as broken JSON.
    Returns the $insert_ids of the valid rows."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    base = datetime(2025, 2, 1, tzinfo=UTC)
    ids: list[str] = []
    n = 0
    for index in range(files):
        hour = base + timedelta(hours=index)
        lines = []
        for line in range(1, per_file + 1):
            n += 1
            if (index, line) in corrupt:
                lines.append(b'{"event_type": "Broken", "event_time": ')
                continue
            row = amplitude_row(n, rng, base=hour - timedelta(seconds=n * 7))
            ids.append(row["$insert_id"])
            lines.append(json.dumps(row).encode())
        name = f"123456_{hour:%Y-%m-%d}_{hour.hour}#0.json.gz"
        (folder / name).write_bytes(gzip.compress(b"\n".join(lines) + b"\n", compresslevel=1))
    return ids
