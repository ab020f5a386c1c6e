"""Sources (zip, folder, gzip, pages, broken files) and the --out file sink with resume."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rewriter.importer.checkpoint import merge_ranges, skipper
from rewriter.importer.model import ImportConfig
from rewriter.importer.run import ConfigError, run_import
from rewriter.importer.sources import expand_sources, iter_records

from .conftest import NOW_MS, SAMPLES, read_rejects, write_amplitude_export


def files_config(sources: list[Path], tmp_path: Path, **extra: object) -> ImportConfig:
    values: dict[str, object] = dict(
        sources=sources, to="mixpanel", out_dir=tmp_path / "out", checkpoint=tmp_path / "state.sqlite", now_ms=NOW_MS
    )
    values.update(extra)
    return ImportConfig(**values)  # type: ignore[arg-type]


def read_gz_lines(paths: list[Path]) -> list[dict[str, object]]:
    rows = []
    for path in paths:
        rows += [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines() if line]
    return rows


def test_zip_members_in_natural_order_with_locations() -> None:
    units = expand_sources([SAMPLES / "amplitude-export-sample.zip"])
    assert [u.name.split("!")[1] for u in units] == [
        "123456/123456_2025-03-01_0#0.json.gz",
        "123456/123456_2025-03-01_0#1.json.gz",
        "123456/123456_2025-03-01_13#0.json.gz",
    ]
    assert {u.kind for u in units} == {"amplitude"}
    records = list(iter_records(units[0], lambda _line: False))
    assert [r.line for r in records] == list(range(1, 15))


def test_folder_and_engage_page_detection(tmp_path: Path) -> None:
    with zipfile.ZipFile(SAMPLES / "amplitude-export-sample.zip") as archive:
        archive.extractall(tmp_path / "x")
    units = expand_sources([tmp_path / "x"])
    assert len(units) == 3 and all(u.kind == "amplitude" for u in units)
    page = expand_sources([SAMPLES / "mixpanel-engage-page-sample.json"])
    assert page[0].kind == "mixpanel-profiles"
    assert [r.line for r in iter_records(page[0], lambda _l: False)] == [1, 2, 3]
    assert expand_sources([SAMPLES / "mixpanel-export-sample.ndjson"])[0].kind == "mixpanel"


def test_undetectable_source_is_a_usage_error(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text('{"hello": 1}\n')
    with pytest.raises(ConfigError, match="--from"):
        run_import(files_config([odd], tmp_path))


def test_truncated_gzip_is_listed_and_exit_1(tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 400)
    data = source.read_bytes()
    source.write_bytes(data[: len(data) // 2])
    summary = run_import(files_config([source], tmp_path, profiles=False))
    assert summary.exit_code == 1
    assert summary.rejected.get("unreadable_source") == 1
    assert 0 < summary.accepted < 400
    rejects = read_rejects(tmp_path / "out" / "rejects.ndjson")
    assert rejects[-1]["reason"] == "unreadable_source"


def test_files_mode_parts_and_content(tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 3000)
    summary = run_import(files_config([source], tmp_path, out_part_bytes=400_000, batch_size=500))
    assert summary.exit_code == 0
    parts = sorted((tmp_path / "out").glob("mixpanel-events-*.ndjson.gz"))
    assert len(parts) > 3
    rows = read_gz_lines(parts)
    # batches are written as workers finish them: every record exactly once, in any order
    assert sorted(r["properties"]["$insert_id"] for r in rows) == sorted(ids)  # type: ignore[index]
    assert all(set(r) == {"event", "properties"} for r in rows)
    assert not list((tmp_path / "out").glob("*.partial"))
    profiles = read_gz_lines(sorted((tmp_path / "out").glob("mixpanel-profiles-*.ndjson.gz")))
    assert profiles and all("$token" not in p for p in profiles)
    assert len({p["$distinct_id"] for p in profiles}) == len(profiles)  # one per user


def test_files_mode_resume_after_a_crash_leaves_no_torn_record(tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    ids = write_amplitude_export(source, 2000)
    config = files_config([source], tmp_path, batch_size=300, profiles=False, out_part_bytes=10**9)
    first = run_import(config)
    assert first.exit_code == 0
    # now pretend the last part was still open and a torn write followed the last commit
    part = tmp_path / "out" / "mixpanel-events-00001.ndjson.gz"
    partial = part.with_name(part.name + ".partial")
    part.rename(partial)
    with open(partial, "ab") as handle:
        handle.write(b"\x1f\x8b torn write")
    again = run_import(config)
    assert again.read == 0 and again.exit_code == 0
    rows = read_gz_lines([part])
    assert sorted(r["properties"]["$insert_id"] for r in rows) == sorted(ids)  # type: ignore[index]


@pytest.mark.parametrize("to", ["mixpanel", "amplitude"])
def test_files_mode_rerun_after_a_finished_run_leaves_every_part_as_it_was(tmp_path: Path, to: str) -> None:
    # The checkpoint still names the last part of each channel after the run finished (renamed)
    # it; resuming (a rerun, or a run killed after its end-of-run renames) must not open that part
    # again: reopening it as a new, empty .partial padded to the committed length and renaming
    # that over the finished part replaced its records with zeros.
    if to == "mixpanel":
        source = tmp_path / "a.json.gz"
        write_amplitude_export(source, 900)
    else:
        source = SAMPLES / "mixpanel-export-sample.ndjson"
    config = files_config([source], tmp_path, to=to, batch_size=100, out_part_bytes=60_000)
    first = run_import(config)
    assert first.exit_code == 0 and first.accepted
    before = {p: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    assert len([p for p in before if "-events-" in p.name]) >= (2 if to == "mixpanel" else 1)
    assert any("-events-" not in p.name for p in before)  # profiles too
    again = run_import(config)
    assert again.exit_code == 0 and again.read == 0
    assert {p: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == before
    assert again.output_files == []  # issue 13: a rerun that wrote nothing does not claim the parts


def test_amplitude_files_are_batch_event_ndjson(tmp_path: Path) -> None:
    config = ImportConfig(
        sources=[SAMPLES / "mixpanel-export-sample.ndjson"], to="amplitude", out_dir=tmp_path / "o", now_ms=NOW_MS
    )
    summary = run_import(config)
    assert summary.exit_code == 0
    lines = (tmp_path / "o" / "amplitude-events-00001.ndjson").read_text().splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) == 24 and all({"event_type", "time", "insert_id"} <= set(e) for e in events)


def test_since_until_filter(tmp_path: Path) -> None:
    source = tmp_path / "a.json.gz"
    write_amplitude_export(source, 1000)  # 2025-03-01 00:00 + ~7 s per row
    start = 1740787200000
    summary = run_import(
        files_config([source], tmp_path, since_ms=start + 1000 * 1000, until_ms=start + 3000 * 1000, profiles=False)
    )
    assert summary.filtered + summary.accepted == 1000
    assert 200 < summary.accepted < 400


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    config = ImportConfig(sources=[SAMPLES / "amplitude-export-sample.zip"], to="mixpanel", dry_run=True, now_ms=NOW_MS)
    summary = run_import(config)
    assert summary.sent == 30 and summary.mode == "dry-run" and not summary.output_files


def test_checkpoint_for_other_sources_is_refused(tmp_path: Path) -> None:
    run_import(files_config([SAMPLES / "amplitude-export-sample.zip"], tmp_path))
    other = tmp_path / "b.json.gz"
    write_amplitude_export(other, 10)
    with pytest.raises(ConfigError, match="checkpoint"):
        run_import(files_config([other], tmp_path))


def test_skipper_and_merge() -> None:
    ranges = merge_ranges([(5, 9), (1, 3), (4, 4), (12, 20), (15, 16)])
    assert ranges == [(1, 9), (12, 20)]
    done = skipper(ranges)
    assert [n for n in range(1, 23) if done(n)] == [*range(1, 10), *range(12, 21)]


def _cut_by_walking(buf: bytes, start: int, max_lines: int, max_bytes: int) -> tuple[int, int]:
    """The rule `_cut` implements, spelled out one line at a time (the reference)."""
    pos, count, limit = start, 0, start + max_bytes
    while count < max_lines:
        nxt = buf.find(b"\n", pos) + 1
        if not nxt or (count and nxt > limit):
            break
        pos, count = nxt, count + 1
    return pos, count


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"")), max_size=30),
    st.booleans(),
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=1, max_value=80),
)
def test_cut_matches_the_line_by_line_rule(
    lines: list[bytes], torn_tail: bool, start_line: int, max_lines: int, max_bytes: int
) -> None:
    from rewriter.importer.sources import _cut

    buf = b"".join(line + b"\n" for line in lines) + (b"partial" if torn_tail else b"")
    start = sum(len(line) + 1 for line in lines[: min(start_line, len(lines))])
    assert _cut(buf, start, max_lines, max_bytes) == _cut_by_walking(buf, start, max_lines, max_bytes)
