#!/usr/bin/env python3
"""Big-file benchmark: time to rewrite ONE file as its number of SDK calls grows.

Generated tracking wrappers (Amplitude's Ampli) put thousands of calls in one file; per-file time
must grow linearly with the call count. For each size this builds one file in memory and times
``rewrite_source`` on it (parse, bind, match, plan, apply, verify — no disk, no process pool):

  js:     import amplitude from 'amplitude-js';  + N × amplitude.getInstance().logEvent('e_i', {...});
  python: from amplitude import Amplitude, BaseEvent; client = Amplitude('KEY')
          + N × client.track(BaseEvent(event_type='e_i', user_id='u', event_properties={...}))

It prints seconds per size, the per-call cost and whether every call was rewritten and the output
reparses. Linear growth shows as a flat µs/call column.
Usage: python bench/big_file_bench.py [--sizes 1000,2000,5000] [--runs 3] [--lang js,python]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from rewriter.codemod.engine import rewrite_source  # noqa: E402
from rewriter.codemod.packs.loader import load_pack  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PACKS = {
    "js": ("app.js", ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml"),
    "python": ("app.py", ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-python.yaml"),
}


def js_source(n: int) -> str:
    """One ESM file with ``n`` getInstance().logEvent calls inside functions, like a wrapper."""
    lines = ["import amplitude from 'amplitude-js';", ""]
    for i in range(n):
        lines += [f"export function track{i}(p) {{", f"  amplitude.getInstance().logEvent('event_{i}', {{ idx: {i}, p }});", "}"]
    return "\n".join(lines) + "\n"


def python_source(n: int) -> str:
    """One module with ``n`` client.track(BaseEvent(...)) calls, each in its own function."""
    lines = ["from amplitude import Amplitude, BaseEvent", "", "client = Amplitude('API_KEY')", ""]
    for i in range(n):
        lines += [
            f"def track_{i}(user_id, p):",
            f"    client.track(BaseEvent(event_type='event_{i}', user_id=user_id, event_properties={{'idx': {i}, 'p': p}}))",
            "",
        ]
    return "\n".join(lines)


def run(lang: str, n: int, runs: int) -> tuple[float, int, bool]:
    """Median seconds over ``runs``, sites rewritten, and whether the result reports no error."""
    path, pack_path = PACKS[lang]
    packs = [load_pack(pack_path)]
    src = (js_source if lang == "js" else python_source)(n).encode()
    times = []
    res = None
    for _ in range(runs):
        t0 = time.perf_counter()
        res = rewrite_source(path, src, packs)
        times.append(time.perf_counter() - t0)
    assert res is not None
    rewritten = sum(1 for c in res.changes if "event_" in c.before)
    return statistics.median(times), rewritten, res.status == "changed"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,2000,5000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lang", default="js,python")
    args = ap.parse_args()
    ok = True
    for lang in args.lang.split(","):
        for n in (int(s) for s in args.sizes.split(",")):
            secs, rewritten, changed = run(lang, n, args.runs)
            ok &= rewritten == n and changed
            print(f"{lang:6} {n:6,} calls: {secs:7.2f} s  {secs / n * 1e6:7.0f} µs/call  "
                  f"rewritten {rewritten}/{n}  status {'changed' if changed else 'NOT changed'}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
