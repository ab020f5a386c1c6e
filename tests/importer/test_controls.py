"""Issue 13's controls, end to end through the loopback emulator: filters, property controls,
--geo, reserved profile properties, --identity, --group-key, and the golden `import plan`."""

from __future__ import annotations

import gzip
import hashlib
import json
import random
from pathlib import Path
from typing import Any

import pytest

from rewriter.importer.model import ConfigError
from rewriter.importer.run import run_import
from rewriter.importer.shape import Salt, ShapeOptions

from .conftest import SAMPLES, amp_config, amplitude_row, mp_config
from .emulator import Emulator
from .test_import_cli import run

GOLDEN = Path(__file__).parent / "golden" / "plan-amplitude-sample.txt"
PLAN_ARGS = [
    str(SAMPLES / "amplitude-export-sample.zip"), "--to", "mixpanel", "--now", "2025-06-01",
    "--skip-events", "Page*", "--drop-property", "amplitude_library", "--rename-property", "page=page_path",
    "--hash-property", "amount", "--geo", "explicit", "--group-key", "org_id=company",
]
CONTROLS = ["--only-events", "--skip-events", "--keep-amplitude-events", "--skip-where", "--drop-property",
            "--rename-property", "--hash-property", "--geo", "--identity", "--group-key", "--reserved-profile-properties"]


def _export(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_bytes(gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in rows)))
    return path


def _rows(names: list[str], **extra: Any) -> list[dict[str, Any]]:
    rng = random.Random(5)
    rows = []
    for i, name in enumerate(names, start=1):
        row = amplitude_row(i, rng)
        row["event_type"] = name
        row["user_id"] = f"user_{i:05d}"
        row.update(extra)
        rows.append(row)
    return rows


def test_golden_plan_of_the_sample_export_never_shows_the_salt() -> None:
    code, out, err = run("plan", *PLAN_ARGS, env={"REWRITER_HASH_SALT": "pepper-xyz", "COLUMNS": "200"})
    assert code == 0, err
    assert out == GOLDEN.read_text()
    assert "pepper-xyz" not in out + err


def test_every_control_is_in_both_helps() -> None:
    for args in (["--help"], ["plan", "--help"]):
        code, out, _err = run(*args, env={"COLUMNS": "250"})
        assert code == 0
        for control in CONTROLS:
            assert control in out, (args, control)
    code, out, err = run("plan", str(SAMPLES / "amplitude-export-sample.zip"), "--to", "mixpanel", "--hash-property", "email")
    assert code == 2 and "REWRITER_HASH_SALT" in err


def test_filters_only_skip_amplitude_own_ignore_and_rules(emulator: Emulator, tmp_path: Path) -> None:
    names = ["Signup", "Purchase", "session_start", "session_end", "[Experiment] Exposure", "Page Viewed", "Purchase"]
    rows = _rows(names)
    rows[1]["event_properties"]["$ignore"] = True
    rows[5]["os_name"] = "HeadlessBot"
    source = _export(tmp_path / "a.json.gz", rows)
    shape = ShapeOptions(skip_where=(("$browser", "*Bot*"), ("$os", "*Bot*")))
    summary = run_import(mp_config(emulator, [source], tmp_path, profiles=False, shape=shape))
    assert summary.exit_code == 0, summary.to_dict()
    assert sorted(e["event"] for e in emulator.state.mp_events.values()) == ["Purchase", "Signup"]
    assert summary.read == 7 and summary.accepted == 2 and sum(summary.filtered_by.values()) == 5
    assert summary.filtered_by["$ignore: true"] == 1
    assert any(rule.startswith("--skip-where") for rule in summary.filtered_by)

    emulator.state.mp_events.clear()
    keep = ShapeOptions(keep_amplitude_events=True, only_events=("session_*", "[[]Experiment]*"), skip_events=("*end",))
    summary = run_import(mp_config(emulator, [source], tmp_path / "2", profiles=False, shape=keep,
                                   checkpoint=tmp_path / "2.sqlite"))
    assert sorted(e["event"] for e in emulator.state.mp_events.values()) == ["[Experiment] Exposure", "session_start"]
    assert summary.filtered_by == {"--only-events": 4, "--skip-events": 1}


def test_property_controls_and_geo_to_mixpanel(emulator: Emulator, tmp_path: Path) -> None:
    rows = _rows(["A", "B"], event_properties={"email": "a@example.com", "secret": "x", "plan": "pro"})
    source = _export(tmp_path / "a.json.gz", rows)
    shape = ShapeOptions(drop_properties=("secret",), rename_properties=(("plan", "tier"),),
                         hash_properties=("email",), salt=Salt("s4lt"), geo="none")
    summary = run_import(mp_config(emulator, [source], tmp_path, profiles=False, shape=shape))
    assert summary.exit_code == 0
    for event in emulator.state.mp_events.values():
        props = event["properties"]
        assert "secret" not in props and props["tier"] == "pro" and "plan" not in props
        assert props["email"] == hashlib.sha256(b"s4lta@example.com").hexdigest()
        assert not {"ip", "$city", "$region", "mp_country_code"} & set(props)
    assert summary.property_changes["hashed email"] == 2 and summary.property_changes["dropped secret"] == 2
    assert "s4lt" not in json.dumps(summary.to_dict()) and "s4lt" not in repr(shape)


def test_geo_explicit_and_from_ip_to_amplitude(emulator: Emulator, tmp_path: Path) -> None:
    from .conftest import write_mixpanel_export

    source = tmp_path / "mp.ndjson"
    write_mixpanel_export(source, 20)
    lines = [json.loads(line) for line in source.read_text().splitlines()]
    for i, line in enumerate(lines):
        line["properties"]["ip"] = "$remote" if i % 2 else "198.51.100.7"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    run_import(amp_config(emulator, [source], tmp_path, shape=ShapeOptions(target="amplitude")))
    ips = [e.get("ip") for e in emulator.state.amp_events.values()]
    assert ips.count("198.51.100.7") == 10 and "$remote" not in ips  # never the importer's own address
    emulator.state.amp_events.clear()
    run_import(amp_config(emulator, [source], tmp_path / "b", shape=ShapeOptions(target="amplitude", geo="explicit"),
                          checkpoint=tmp_path / "b.sqlite"))
    events = list(emulator.state.amp_events.values())
    assert len(events) == 20 and not any("ip" in e for e in events) and all(e["country"] == "United States" for e in events)


def test_identity_original_and_simplified(emulator: Emulator, tmp_path: Path) -> None:
    rows = _rows(["A", "B", "$merge"])
    rows[1]["user_id"] = None
    source = _export(tmp_path / "a.json.gz", rows)
    summary = run_import(mp_config(emulator, [source], tmp_path, profiles=False))
    assert summary.identity == "simplified" and summary.filtered_by == {"$merge (Simplified ID merge projects refuse it)": 1}
    simplified = {e["event"]: e["properties"] for e in emulator.state.mp_events.values()}
    assert simplified["B"]["distinct_id"] == "$device:" + rows[1]["device_id"] and simplified["A"]["$user_id"] == "user_00001"
    emulator.state.mp_events.clear()
    summary = run_import(mp_config(emulator, [source], tmp_path / "o", profiles=False, checkpoint=tmp_path / "o.sqlite",
                                   shape=ShapeOptions(identity="original")))
    original = {e["event"]: e["properties"] for e in emulator.state.mp_events.values()}
    assert summary.identity == "original" and set(original) == {"A", "B", "$merge"}
    assert original["B"]["distinct_id"] == rows[1]["device_id"] and original["A"]["distinct_id"] == "user_00001"
    assert not any({"$user_id", "$device_id"} & set(p) for p in original.values())


def test_reserved_profile_properties_and_group_keys_both_ways(emulator: Emulator, tmp_path: Path) -> None:
    shape = ShapeOptions(group_map=(("org_id", "company"),))
    summary = run_import(mp_config(emulator, [SAMPLES / "amplitude-export-sample.zip"], tmp_path, shape=shape))
    assert summary.exit_code == 0
    assert len(emulator.state.engage) == 3 and all("$email" in p for p in emulator.state.engage.values())
    assert not any("email" in p for p in emulator.state.engage.values())
    assert summary.profile_properties_mapped == {"email -> $email": 3}
    assert emulator.state.groups == {("company", "acme-1"): {"plan": "enterprise", "seats": 40}}
    assert all(e["properties"].get("company") == "acme-1" for e in emulator.state.mp_events.values() if "company" in e["properties"])
    assert sum("company" in e["properties"] for e in emulator.state.mp_events.values()) == 1  # two rows, one $insert_id

    off = run_import(mp_config(emulator, [SAMPLES / "amplitude-export-sample.zip"], tmp_path / "off",
                               checkpoint=tmp_path / "off.sqlite", reserved_profile_map=False))
    assert off.profile_properties_mapped == {} and any("email" in p for p in emulator.state.engage.values())

    back = run_import(amp_config(emulator, [SAMPLES / "mixpanel-export-sample.ndjson", SAMPLES / "mixpanel-engage-page-sample.json"],
                                 tmp_path / "back", checkpoint=tmp_path / "back.sqlite", group_keys=("company",),
                                 shape=ShapeOptions(target="amplitude", group_map=(("org", "company"),))))
    assert back.exit_code == 0, back.to_dict()
    sets = [i["user_properties"]["$set"] for i in emulator.state.identify.values()]
    assert any("email" in s for s in sets) and not any("$email" in s for s in sets)
    assert back.profile_properties_mapped["$email -> email"] == 2


def test_bad_controls_are_usage_errors(tmp_path: Path) -> None:
    from rewriter.importer.shape import check

    assert "cannot be dropped" in (check(ShapeOptions(drop_properties=("distinct_id",))) or "")
    assert "REWRITER_HASH_SALT" in (check(ShapeOptions(hash_properties=("email",))) or "")
    with pytest.raises(ConfigError):
        from rewriter.importer.cli import shape_options

        shape_options({"group_key": ["=x"], "only_events": [], "skip_events": [], "keep_amplitude_events": False,
                       "skip_where": [], "drop_property": [], "rename_property": [], "hash_property": [],
                       "geo": "from-ip", "identity": "simplified"}, "mixpanel")


def test_group_key_maps_mixpanel_keys_back_to_amplitude_types() -> None:
    from rewriter.importer.shape import reshape

    payload: dict[str, Any] = {"event_type": "x", "groups": {"company": "acme"}, "event_properties": {}}
    changes: dict[str, int] = {}
    reshape(payload, ShapeOptions(target="amplitude", group_map=(("org", "company"),)), changes)
    assert payload["groups"] == {"org": "acme"} and changes == {"group company -> org": 1}


def test_plan_warns_about_retention_and_project_time() -> None:
    """The plan's warnings: events past Mixpanel's 2- and 5-year windows, and Mixpanel exports of
    pre-2023 projects being in project time."""
    sample = str(SAMPLES / "amplitude-export-sample.zip")
    warnings = {}
    for now in ("2025-06-01", "2028-06-01", "2031-06-01"):
        code, out, err = run("plan", sample, "--to", "mixpanel", "--now", now, env={"COLUMNS": "250"})
        assert code == 0, err
        warnings[now] = out.split("warnings:", 1)[1]
    assert "older than" not in warnings["2025-06-01"]
    assert "older than 2 years" in warnings["2028-06-01"]
    assert "older than 5 years" in warnings["2031-06-01"]
    mixpanel = str(SAMPLES / "mixpanel-export-sample.ndjson")
    code, out, err = run("plan", mixpanel, "--to", "amplitude", "--now", "2025-06-01", env={"COLUMNS": "250"})
    assert code == 0, err
    assert "project time, not UTC" in out
