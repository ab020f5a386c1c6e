#!/usr/bin/env python3
"""Rewrite benchmark: `rewriter migrate` vs ast-grep on a monorepo-sized dependency tree.

Builds (once, cached in bench/.work/) a tree like a real monorepo's dependencies: an
`npm install --ignore-scripts` of a dozen large packages, copied so no folder is called
node_modules/dist/build (both tools then see the same files), with 2,000 seeded
`amplitude.logEvent('bench_event_N', {...})` call sites appended to random files. Then times:

  (a) rewriter migrate TREE --to mixpanel --format json --output FILE
  (b) ast-grep run -p 'amplitude.logEvent($A, $B)' -r 'mixpanel.track($A, $B)' --lang js TREE --json=stream

and prints wall time, files/s and the ratio, and checks every planted site was rewritten.
With ``--variant exported`` the planted calls go through a client that one analytics module
exports, from 500 importing files (the index pass then rereads the tree for its importers).
Usage: python bench/rewrite_bench.py [--runs 3] [--sites 2000] [--seed 42] [--variant global|exported]
Needs: npm (for the corpus) and `pip install ast-grep-cli` for the comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from rewriter.codemod.discover import content_skip_reason  # noqa: E402

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PACKAGES = [
    "@babel/core", "@babel/preset-env", "webpack", "eslint", "jest", "rxjs", "lodash-es", "date-fns",
    "core-js", "@mui/material", "@emotion/react", "@emotion/styled", "antd", "moment",
]
RENAME = {"node_modules": "deps", "dist": "dist_", "build": "build_", ".cache": "cache_", "coverage": "coverage_"}


LOADER = "bench-globals.d.ts"  # what a real app has for the snippet global: `declare const amplitude: any`
EXPORTED_FILES = 500  # the "exported" variant: importers of one analytics module


def build_corpus(sites: int, seed: int, variant: str = "global") -> tuple[Path, int]:
    npm_dir = WORK / "rewrite-npm"
    tree = WORK / (f"rewrite-tree-{sites}-{seed}" if variant == "global" else f"rewrite-tree-{variant}-{sites}-{seed}")
    if tree.is_dir() and (tree / ".planted").is_file():
        if variant == "global" and not (tree / LOADER).is_file():  # trees built before the loader existed
            (tree / LOADER).write_text("declare const amplitude: any;\n")
        return tree, int((tree / ".planted").read_text())
    if not (npm_dir / "node_modules").is_dir():
        npm_dir.mkdir(parents=True, exist_ok=True)
        (npm_dir / "package.json").write_text('{"name": "bench-corpus", "private": true}')
        print("npm install (once) …", file=sys.stderr)
        subprocess.run(
            ["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", *PACKAGES],
            cwd=npm_dir, check=True,
        )
    if tree.exists():
        shutil.rmtree(tree)
    files: list[Path] = []
    for src in sorted((npm_dir / "node_modules").rglob("*")):
        if not src.is_file() or src.suffix not in (".js", ".mjs", ".cjs", ".jsx"):
            continue
        rel = src.relative_to(npm_dir / "node_modules")
        parts = [RENAME.get(p, p) for p in rel.parts]
        dst = tree.joinpath(*parts)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        files.append(dst)
    rng = random.Random(seed)
    candidates = []
    for f in files:
        if f.suffix != ".js" or f.name.endswith(".min.js"):
            continue
        data = f.read_bytes()
        if b"amplitude" in data or b"mixpanel" in data or len(data) > 1_000_000:
            continue
        if content_skip_reason(data) is not None:  # minified/generated: a codemod must not touch them
            continue
        candidates.append(f)
    if variant == "exported":
        # One analytics module creates and exports the client; 500 files import it by relative
        # path and call it by the exported name (the shape of real apps, issue 10).
        (tree / "analytics.js").write_text(
            "import amplitude from 'amplitude-js';\n\namplitude.getInstance().init('KEY');\n\n"
            "export const analytics = amplitude.getInstance();\n"
        )
        chosen = rng.sample(candidates, EXPORTED_FILES)
        per_file = sites // EXPORTED_FILES
        n = 0
        for f in chosen:
            spec = os.path.relpath(tree / "analytics", f.parent)
            spec = spec if spec.startswith(".") else "./" + spec
            lines = [f"\nimport {{ analytics }} from '{spec}';"]
            for _ in range(per_file):
                lines.append(f"analytics.logEvent('bench_event_{n}', {{ idx: {n}, src: 'bench' }});")
                n += 1
            with f.open("a", encoding="utf-8") as fh:
                fh.write("\n".join(lines) + "\n")
        (tree / ".planted").write_text(str(n))
        return tree, n
    chosen = rng.sample(candidates, sites)
    for n, f in enumerate(chosen):
        with f.open("a", encoding="utf-8") as fh:
            fh.write(f"\namplitude.logEvent('bench_event_{n}', {{ idx: {n}, src: 'bench' }});\n")
    (tree / LOADER).write_text("declare const amplitude: any;\n")
    (tree / ".planted").write_text(str(sites))
    return tree, sites


def timed(cmd: list[str], runs: int) -> tuple[float, list[float], subprocess.CompletedProcess[bytes]]:
    times = []
    last = None
    for _ in range(runs):
        t0 = time.perf_counter()
        last = subprocess.run(cmd, capture_output=True)
        times.append(time.perf_counter() - t0)
    assert last is not None
    return statistics.median(times), times, last


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sites", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--variant", choices=["global", "exported"], default="global",
                    help="global: calls on the snippet global in random files; exported: calls on a client an "
                         "analytics module exports, from 500 importing files")
    args = ap.parse_args()
    tree, planted = build_corpus(args.sites, args.seed, args.variant)
    nfiles = sum(1 for p in tree.rglob("*") if p.suffix in (".js", ".mjs", ".cjs", ".jsx"))
    mb = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file()) / 1e6
    print(f"corpus: {nfiles} JS files, {mb:.1f} MB, {planted} planted sites, {os.cpu_count()} cores")

    report = WORK / "rewrite-report.json"
    # Time the tool as installed: a wheel install byte-compiles the package, an editable checkout
    # under PYTHONDONTWRITEBYTECODE=1 would recompile ~50 modules in every process of every run.
    import rewriter

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(rewriter.__file__).parent)],
                   check=True, capture_output=True)
    # rewriter.cli has no __main__ block (`python -m rewriter.cli` would time an import): without
    # the console script, call the launcher the script calls.
    ours_cmd = [sys.executable, "-c", "from rewriter.launcher import main; main()", "migrate", str(tree), "--to",
                "mixpanel", "--format", "json", "--output", str(report)]
    rewriter_bin = shutil.which("rewriter")
    if rewriter_bin:
        ours_cmd = [rewriter_bin, *ours_cmd[3:]]
    subprocess.run(ours_cmd, capture_output=True)  # untimed warm-up (page cache), as for ast-grep below
    ours, ours_all, res = timed(ours_cmd, args.runs)
    timing = subprocess.run(ours_cmd, capture_output=True, env={**os.environ, "REWRITER_TIMINGS": "1"})
    index_line = next((ln for ln in timing.stderr.decode().splitlines() if ln.startswith("index:")), "index: n/a")
    data = json.loads(report.read_text())
    rewritten = sum(1 for f in data["files"] for c in f["changes"] if "bench_event_" in c["before"])
    print(f"rewriter: median {ours:.2f} s over {args.runs} runs {[f'{t:.2f}' for t in ours_all]}, "
          f"{nfiles / ours:,.0f} files/s, planted sites rewritten: {rewritten}/{planted} "
          f"(exit {res.returncode}, errors in report: {data['summary']['errors']})")
    print(f"rewriter {index_line}")
    sg = shutil.which("ast-grep") or shutil.which("sg")
    if not sg:
        print("ast-grep not installed (pip install ast-grep-cli): comparison skipped")
        return 0 if rewritten == planted else 1
    pattern = ("amplitude.logEvent($A, $B)", "mixpanel.track($A, $B)") if args.variant == "global" else (
        "analytics.logEvent($A, $B)", "analytics.track($A, $B)")
    sg_cmd = [sg, "run", "-p", pattern[0], "-r", pattern[1], "--lang", "js", "--json=stream", str(tree)]
    subprocess.run(sg_cmd, capture_output=True)  # untimed warm-up
    theirs, theirs_all, sres = timed(sg_cmd, args.runs)
    found = sum(1 for line in sres.stdout.splitlines() if b"bench_event_" in line)
    print(f"ast-grep: median {theirs:.2f} s over {args.runs} runs {[f'{t:.2f}' for t in theirs_all]}, "
          f"{nfiles / theirs:,.0f} files/s, sites found: {found}")
    print(f"ratio: rewriter is {theirs / ours:.1f}x faster than ast-grep (target >= 3x)")
    return 0 if rewritten == planted else 1


if __name__ == "__main__":
    raise SystemExit(main())
