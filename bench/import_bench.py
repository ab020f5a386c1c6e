"""Benchmark `rewriter import` against `mixpanel-import` (npm) on a loopback Mixpanel sink.

What it does (issue #4, "Speed and memory"):
1. Writes a seeded Amplitude-shaped export of N events (~1.6 KB each) as a folder of
   `{pid}_{date}_{H}#{n}.json.gz` files under bench/.work/ (reused when already there).
2. Starts a loopback sink in a separate process that answers like Mixpanel `/import`
   (counts records, returns `num_records_imported`), on 127.0.0.1.
3. Runs (a) `rewriter import DIR --to mixpanel` and (b) `mixpanel-import DIR --vendor amplitude`
   with the same batch size, workers and gzip, each as a child process, and reports events/s,
   CPU seconds (user+sys of the child and every process it started, from `wait4`) and peak RSS:
   the largest *sum* of the RSS of the child and all its descendants, sampled from /proc every
   100 ms (rewriter import runs worker processes; counting only one of them would flatter it),
   plus the ratio.
   mixpanel-import has no host option; the preload shim of ../shared/import-apis.md §7 points it
   at the sink. If it is not installed (bench/.work/npm) or cannot run, the script says so.
4. Reports the machine's ceiling: decode + re-encode (no transform) + gzip (level 1, as rewriter
   import sends) of the same records, per 2000, no HTTP: in one process and in one process per
   CPU (files spread over them), since rewriter import itself uses every CPU. The ceiling is a
   program of its own run and timed exactly like the tools (a child process, from spawn to exit:
   interpreter start and pool start-up included, as they are for rewriter import); the same work
   inside the bench process with its pool already started is printed as a stricter figure.
   Each of --rounds rounds runs rewriter import and then the ceilings, so every ratio pairs runs
   made seconds apart (this machine's speed drifts by tens of percent within minutes); medians
   are reported.

Run: python bench/import_bench.py [--events 200000] [--workers 10] [--batch 2000] [--rounds 3] [--skip-mi]
Not part of pytest. Never sends anything off the machine: both tools get a fake token and a
loopback host.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent
WORK = ROOT / ".work"
NPM_DIR = WORK / "npm"
FILES = 8

SHIM = r"""
// Preload for mixpanel-import: send everything to the loopback sink (import-apis.md §7).
const target = process.env.MI_SINK;
const undici = require('undici');
const Orig = undici.Pool;
class LocalPool extends Orig { constructor(_origin, opts) { super(target, opts); } }
undici.Pool = LocalPool;
try {
  const Job = require('mixpanel-import/components/job.js');
  const proto = Job.prototype;
  const desc = Object.getOwnPropertyDescriptor(proto, 'url');
  if (desc && desc.get) {
    Object.defineProperty(proto, 'url', { get() { return desc.get.call(this).replace(/^https:\/\/[^/]+/, target); } });
  }
} catch (e) { /* older layout: the Pool patch is enough */ }
"""


# --- data ---------------------------------------------------------------------------------------


def _row(i: int, rng: random.Random, base: datetime) -> dict[str, Any]:
    when = base + timedelta(milliseconds=i * 400 + rng.randint(0, 399))
    stamp = when.strftime("%Y-%m-%d %H:%M:%S.%f")
    user = f"user_{rng.randint(1, 3000):05d}" if rng.random() < 0.7 else None
    web = rng.random() < 0.5
    props = {f"prop_{k}": rng.choice(["alpha", "beta", "gamma", "delta"]) + str(rng.randint(0, 999)) for k in range(7)}
    props.update({"page": f"/p/{i % 500}", "amount": round(rng.random() * 100, 2), "items": rng.randint(1, 9)})
    return {
        "$insert_id": str(uuid.UUID(int=rng.getrandbits(128))), "$insert_key": None, "$schema": None, "adid": None,
        "amplitude_attribution_ids": None, "amplitude_event_type": None,
        "amplitude_id": 1_000_000_000 + rng.randint(0, 10**6), "app": 123456,
        "city": rng.choice(["Berlin", "Puchong", "San Francisco", "Paris"]),
        "client_event_time": stamp, "client_upload_time": stamp,
        "country": rng.choice(["Germany", "Malaysia", "United States", "France"]),
        "data": {"path": "/2/httpapi", "group_first_event": {}, "group_ids": {}}, "data_type": "event",
        "device_brand": None, "device_carrier": None, "device_family": "Mac" if web else "Apple iPhone",
        "device_id": str(uuid.UUID(int=rng.getrandbits(128))).upper(), "device_manufacturer": None,
        "device_model": None, "device_type": "Mac" if web else "Apple iPhone 15", "dma": None, "event_id": i,
        "event_properties": props, "event_time": stamp,
        "event_type": rng.choice(["Button Clicked", "Page Viewed", "Purchase", "Signup", "Search"]),
        "global_user_properties": None, "group_properties": {}, "groups": {}, "idfa": None,
        "ip_address": f"203.0.113.{rng.randint(1, 254)}", "is_attribution_event": None, "language": "English",
        "library": "amplitude-ts/2.11.0" if web else "amplitude-swift/1.13.6", "location_lat": None,
        "location_lng": None, "os_name": "Chrome" if web else "ios", "os_version": "126" if web else "18.5",
        "partner_id": None, "paying": None, "plan": {}, "platform": "Web" if web else "iOS",
        "processed_time": stamp, "region": "Selangor", "sample_rate": None, "server_received_time": stamp,
        "server_upload_time": stamp, "session_id": 1740787405000 + i, "source_id": None,
        "start_version": "1.0.80", "user_creation_time": None, "user_id": user,
        "user_properties": {"plan": rng.choice(["free", "pro"]), "email": f"{user}@example.com"} if user else {},
        "uuid": str(uuid.UUID(int=rng.getrandbits(128))), "version_name": "1.0.81",
    }


def make_export(n: int, seed: int = 20261123, per_file: int = 0) -> Path:
    """`n` events in FILES big files, or (`per_file` > 0, the "hourly" layout of issue 13) in
    files of `per_file` events each, as an Amplitude export of many upload hours is laid out."""
    files = FILES if per_file <= 0 else -(-n // per_file)
    folder = WORK / (f"amplitude-{n}-{seed}" if per_file <= 0 else f"amplitude-{n}-{seed}-hourly{per_file}")
    marker = folder / ".complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    base = datetime(2025, 3, 1, tzinfo=UTC)
    per_file = -(-n // files)
    total_bytes = 0
    for part in range(files):
        hour = base + timedelta(hours=part)
        path = folder / f"123456_{hour:%Y-%m-%d}_{hour.hour}#0.json.gz"
        with gzip.open(path, "wb", compresslevel=6) as handle:
            for i in range(part * per_file, min(n, (part + 1) * per_file)):
                line = orjson.dumps(_row(i, rng, base)) + b"\n"
                total_bytes += len(line)
                handle.write(line)
    marker.write_text(json.dumps({"events": n, "bytes": total_bytes, "files": files}))
    return folder


# --- sink ---------------------------------------------------------------------------------------


def _sink(port_queue: Any, counter: Any) -> None:
    # The sink stands in for Mixpanel's servers and shares the 2 CPUs with the tool under test:
    # the cheapest gunzip there is (ISA-L when installed) keeps its share small for both tools.
    try:
        from isal import isal_zlib as inflate
    except ImportError:  # pragma: no cover
        inflate = zlib  # type: ignore[assignment]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Content-Encoding") == "gzip":
                body = inflate.decompress(body, 47)
            n = body.count(b'{"event":')
            with counter.get_lock():
                counter.value += n
            data = json.dumps({"code": 200, "num_records_imported": n, "status": "OK"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port_queue.put(server.server_address[1])
    server.serve_forever()


# --- measuring ----------------------------------------------------------------------------------


_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICK = os.sysconf("SC_CLK_TCK")


def _tree_rss(root: int, cpu_seen: dict[int, float] | None = None) -> int:
    """Bytes resident in `root` and all its descendants right now (Linux /proc).

    `cpu_seen`, when given, is updated with the CPU seconds each process of the tree has used so
    far (the last sample before a process exits is what the split by process reports)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
            with open(f"/proc/{entry}/statm", "rb") as handle:
                resident = int(handle.read().split()[1]) * _PAGE
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = resident
        cpu[int(entry)] = (int(fields[11]) + int(fields[12])) / _TICK
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        if cpu_seen is not None and pid in cpu:
            cpu_seen[pid] = cpu[pid]
        todo.extend(children.get(pid, ()))
    return total


def _machine_busy_s() -> float:
    """CPU seconds all CPUs of the machine have been busy since boot (/proc/stat)."""
    with open("/proc/stat") as handle:
        fields = [int(x) for x in handle.readline().split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def _process_cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat", "rb") as handle:
        stat = handle.read()
    fields = stat[stat.rindex(b")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _rewriter_command() -> list[str]:
    """How a user runs the tool: the installed `rewriter` console script (spawned worker
    processes re-import it, so its cost is part of what users get), else `python -m rewriter`."""
    script = Path(sys.executable).parent / "rewriter"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rewriter"]


def measure(cmd: list[str], env: dict[str, str], cwd: Path, sink_pid: int | None = None) -> dict[str, float]:
    busy0 = _machine_busy_s()
    self0 = time.process_time()  # this script's own sampling, not foreign load
    sink0 = _process_cpu_s(sink_pid) if sink_pid else 0.0
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = b""
    err = b""
    # read pipes without deadlock; wait4 gives the rusage of the child and its reaped descendants
    import threading

    peak = {"tree": 0}
    cpu_seen: dict[int, float] = {}
    finished = threading.Event()

    def sample() -> None:
        while not finished.wait(0.05):
            peak["tree"] = max(peak["tree"], _tree_rss(proc.pid, cpu_seen))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    chunks: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        chunks[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(k, s)) for k, s in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    finished.set()
    sampler.join()
    busy = _machine_busy_s() - busy0 - (time.process_time() - self0)
    sink_cpu = (_process_cpu_s(sink_pid) - sink0) if sink_pid else 0.0
    for reader in readers:
        reader.join()
    out, err = chunks.get("out", b""), chunks.get("err", b"")
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": max(peak["tree"] / 2**20, usage.ru_maxrss / 1024),  # whole process tree
        "largest_process_rss_mb": usage.ru_maxrss / 1024,
        "sink_cpu_s": sink_cpu,
        # sampled every 50 ms, so a little under the truth: where the CPU went, not a total
        "main_process_cpu_s": cpu_seen.get(proc.pid, 0.0),
        "other_processes_cpu_s": sum(v for k, v in cpu_seen.items() if k != proc.pid),
        # CPU the machine spent on anything but the tool and the sink while the tool ran: a
        # shared machine shows up here, and such a run is not comparable
        "foreign_cpu_s": max(0.0, busy - (usage.ru_utime + usage.ru_stime) - sink_cpu),
        "exit": proc.returncode,
        "stdout": out.decode(errors="replace")[-3000:],
        "stderr": err.decode(errors="replace")[-3000:],
    }  # type: ignore[return-value]


CEILING_GZIP_LEVEL = 1  # what rewriter import sends (any level is valid gzip for Mixpanel)


def _ceiling_files(paths: list[Path], batch: int) -> int:
    # The same gzip library the importer uses (rewriter.importer.codec: ISA-L when installed),
    # so the ceiling is as fast as this machine can go, not a zlib-handicapped one.
    from rewriter.importer import codec

    n = 0
    pending: list[bytes] = []
    for path in paths:
        with path.open("rb") as raw, codec.open_reader(raw) as handle:
            for line in handle:
                pending.append(orjson.dumps(orjson.loads(line)))
                n += 1
                if len(pending) == batch:
                    codec.compress(b"\n".join(pending), CEILING_GZIP_LEVEL)
                    pending.clear()
    if pending:
        codec.compress(b"\n".join(pending), CEILING_GZIP_LEVEL)
    return n


def ceiling_program(folder: Path, batch: int, processes: int, sink_pid: int | None) -> dict[str, Any]:
    """The ceiling as a program of its own, measured exactly as the tools are: a child process
    (interpreter start, imports and, with 2+ processes, pool start-up included) that only
    decodes, re-encodes and gzips the records, from spawn to exit."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--ceiling-run", str(processes), str(folder),
           "--batch", str(batch)]
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(cmd, dict(os.environ), Path(tmp), sink_pid)
    if result["exit"] != 0:
        raise RuntimeError(f"ceiling program failed: {result['stderr'][-500:]}")
    events = int(result["stdout"].strip().splitlines()[-1])
    return {"events": events, "processes": processes, "wall_s": result["wall_s"], "cpu_s": result["cpu_s"],
            "events_per_s": events / result["wall_s"]}


def ceiling(folder: Path, batch: int, processes: int = 1) -> dict[str, float]:
    """Decode + encode (no transform) + gzip-1, no HTTP: the practical ceiling on `processes` CPUs."""
    files = sorted(folder.glob("*.json.gz"))
    start = time.process_time()
    wall = time.monotonic()
    if processes <= 1:
        n = _ceiling_files(files, batch)
    else:
        shares = [files[i::processes] for i in range(processes)]
        with multiprocessing.get_context("spawn").Pool(processes) as pool:
            wall = time.monotonic()  # pool start-up not counted: the most favourable ceiling
            n = sum(pool.starmap(_ceiling_files, [(share, batch) for share in shares]))
    elapsed = time.monotonic() - wall
    return {"events": n, "processes": processes, "wall_s": elapsed, "cpu_s": time.process_time() - start,
            "events_per_s": n / elapsed}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=10)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--skip-mi", action="store_true", help="do not run mixpanel-import")
    parser.add_argument("--layout", choices=["files", "hourly"], default="files",
                        help="files: 8 big .json.gz files; hourly: one small file per upload hour (issue 13)")
    parser.add_argument("--per-file", type=int, default=42, help="--layout hourly: events per file")
    parser.add_argument("--ceiling-run", nargs=2, metavar=("PROCESSES", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of (rewriter import, then both ceilings), medians reported: this "
                             "machine's speed drifts by tens of percent within minutes, so each ratio "
                             "to the ceiling pairs runs made seconds apart")
    args = parser.parse_args()
    if args.ceiling_run:  # the child of ceiling_program
        print(ceiling(Path(args.ceiling_run[1]), args.batch, int(args.ceiling_run[0]))["events"])
        return 0

    t0 = time.monotonic()
    folder = make_export(args.events, per_file=args.per_file if args.layout == "hourly" else 0)
    meta = json.loads((folder / ".complete").read_text())
    print(f"input: {meta['events']:,} events, {meta['bytes'] / 1e6:,.1f} MB uncompressed "
          f"({meta['bytes'] / meta['events']:,.0f} B/event), {meta.get('files', FILES):,} .json.gz files "
          f"(prepared in {time.monotonic() - t0:.1f} s)")
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")

    cpus = len(os.sched_getaffinity(0))
    ctx = multiprocessing.get_context("spawn")
    port_queue = ctx.Queue()
    counter = ctx.Value("q", 0)
    sink = ctx.Process(target=_sink, args=(port_queue, counter), daemon=True)
    sink.start()
    port = port_queue.get(timeout=10)
    sink_url = f"http://127.0.0.1:{port}"
    results: dict[str, Any] = {}
    try:
        runs: list[dict[str, Any]] = []
        for round_no in range(1, args.rounds + 1):
            with tempfile.TemporaryDirectory() as tmp:
                cmd = [
                    *_rewriter_command(), "import", str(folder),
                    "--to", "mixpanel", "--token", "bench-token", "--api-host", sink_url,
                    "--workers", str(args.workers), "--batch-size", str(args.batch), "--no-profiles",
                    "--format", "json", "--checkpoint", str(Path(tmp) / "state.sqlite"),
                ]
                counter.value = 0
                ours = measure(cmd, dict(os.environ), Path(tmp), sink.pid)
            ours["received"] = counter.value
            ours["events_per_s"] = args.events / ours["wall_s"]
            summary = json.loads(ours["stdout"]) if ours["exit"] == 0 else {}
            print(f"\n(a) round {round_no}: rewriter import: exit {ours['exit']}, {ours['received']:,} events at the sink, "
                  f"{ours['wall_s']:.2f} s wall, {ours['events_per_s']:,.0f} events/s, "
                  f"CPU {ours['cpu_s']:.2f} s, peak RSS {ours['peak_rss_mb']:.0f} MB (all processes; "
                  f"largest one {ours['largest_process_rss_mb']:.0f} MB), "
                  f"requests {summary.get('requests')}, accepted {summary.get('events', {}).get('accepted')}; "
                  f"main process ~{ours['main_process_cpu_s']:.2f} s + worker processes "
                  f"~{ours['other_processes_cpu_s']:.2f} s (sampled); "
                  f"sink CPU {ours['sink_cpu_s']:.2f} s, other load on the machine {ours['foreign_cpu_s']:.2f} CPU s")
            if ours["exit"] != 0:
                print(ours["stderr"])
            # the ceilings right after, on the same machine state: as programs run like the tools
            # (the yardstick), and inside this process with the pool already started (stricter)
            ours["ceiling_one_process"] = one = ceiling_program(folder, args.batch, 1, sink.pid)
            ours["ceiling"] = ceil = ceiling_program(folder, args.batch, cpus, sink.pid) if cpus > 1 else one
            ours["ceiling_in_process"] = warm = ceiling(folder, args.batch, cpus) if cpus > 1 else ceiling(folder, args.batch)
            print(f"    ceiling program (decode + encode + gzip-{CEILING_GZIP_LEVEL}, no HTTP, run as a "
                  f"process like the tools): one process {one['events_per_s']:,.0f} events/s "
                  f"({one['wall_s']:.2f} s); {cpus} processes {ceil['events_per_s']:,.0f} events/s "
                  f"({ceil['wall_s']:.2f} s) -> rewriter import reaches "
                  f"{ours['events_per_s'] / ceil['events_per_s']:.0%} of the {cpus}-process ceiling "
                  f"({ours['events_per_s'] / one['events_per_s']:.0%} of the one-process one)")
            print(f"    stricter: the {cpus}-process ceiling measured inside the bench with its pool already "
                  f"started does {warm['events_per_s']:,.0f} events/s ({warm['wall_s']:.2f} s): "
                  f"{ours['events_per_s'] / warm['events_per_s']:.0%}")
            runs.append(ours)
        results["rewriter_rounds"] = runs
        results["rewriter"] = sorted(runs, key=lambda r: r["events_per_s"])[len(runs) // 2]  # the median run

        mi_index = NPM_DIR / "node_modules" / "mixpanel-import" / "index.js"
        if args.skip_mi:
            print("\n(b) mixpanel-import: skipped (--skip-mi)")
        elif not mi_index.exists() or shutil.which("node") is None:
            print(f"\n(b) mixpanel-import: NOT RUN - not installed. Install with: "
                  f"mkdir -p {NPM_DIR} && cd {NPM_DIR} && npm install mixpanel-import")
        else:
            shim = NPM_DIR / "redirect.cjs"
            shim.write_text(SHIM)
            for label, extra in (("gzip", ["--compress"]), ("no gzip (its CLI default)", [])):
                with tempfile.TemporaryDirectory() as tmp:
                    mi_cmd = [
                        "node", "-r", str(shim), str(mi_index), str(folder), "--token", "bench-token",
                        "--vendor", "amplitude", "--workers", str(args.workers), "--batch", str(args.batch),
                        "--verbose", "false", "--logs", "false", "--where", tmp, *extra,
                    ]
                    env = {**os.environ, "MI_SINK": sink_url, "NODE_PATH": str(NPM_DIR / "node_modules")}
                    counter.value = 0
                    mi = measure(mi_cmd, env, NPM_DIR, sink.pid)
                    mi["received"] = counter.value
                    mi["events_per_s"] = args.events / mi["wall_s"]
                    results[f"mixpanel-import ({label})"] = mi
                    print(f"\n(b) mixpanel-import 3.1.43 --vendor amplitude, {label}: exit {mi['exit']}, "
                          f"{mi['received']:,} events at the sink, {mi['wall_s']:.2f} s wall, "
                          f"{mi['events_per_s']:,.0f} events/s, CPU {mi['cpu_s']:.2f} s, "
                          f"peak RSS {mi['peak_rss_mb']:.0f} MB (all processes); sink CPU {mi['sink_cpu_s']:.2f} s, "
                          f"other load on the machine {mi['foreign_cpu_s']:.2f} CPU s")
                    if mi["exit"] != 0 or mi["received"] == 0:
                        print("   mixpanel-import did not deliver; its stderr tail:\n" + mi["stderr"][-800:])
            fair = results.get("mixpanel-import (gzip)")
            if fair and fair["received"]:
                print(f"\nratio (same gzip, batch, workers): rewriter is "
                      f"{results['rewriter']['events_per_s'] / fair['events_per_s']:.1f}x the events/s of "
                      f"mixpanel-import, using {results['rewriter']['cpu_s'] / fair['cpu_s']:.2f}x its CPU seconds")
    finally:
        sink.terminate()

    runs = results["rewriter_rounds"]
    to_two = sorted(r["events_per_s"] / r["ceiling"]["events_per_s"] for r in runs)
    to_one = sorted(r["events_per_s"] / r["ceiling_one_process"]["events_per_s"] for r in runs)
    to_warm = sorted(r["events_per_s"] / r["ceiling_in_process"]["events_per_s"] for r in runs)
    print(f"\nrewriter import, median of {len(runs)} rounds: {results['rewriter']['events_per_s']:,.0f} events/s; "
          f"{statistics.median(to_two):.0%} of the {cpus}-process ceiling (rounds: "
          f"{', '.join(f'{x:.0%}' for x in to_two)}), {statistics.median(to_one):.0%} of the one-process one; "
          f"{statistics.median(to_warm):.0%} of the stricter in-process {cpus}-process ceiling (rounds: "
          f"{', '.join(f'{x:.0%}' for x in to_warm)})")
    (WORK / f"last-import-bench-{args.layout}.json").write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
