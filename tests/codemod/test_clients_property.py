"""Never silent, never half-migrated — as a property over generated module graphs.

An analytics module creates the Amplitude client and exports it one of several ways; importers
reach it through relative paths or a ``tsconfig`` alias and call it by their own names, with calls
that have a Mixpanel equivalent or not. Whatever the graph, the migration is all or nothing per
client: either every use is rewritten and nothing is listed, or nothing of the client changes and
every use is listed (the ones that cannot move with their own reason, the others naming them).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod import api
from rewriter.codemod.packs.loader import load_packs

PACKS = load_packs()
EXPORTS = {
    "default": ("export default amplitude;", "import {local} from '{spec}';"),
    "const": ("export const analytics = amplitude;", "import {{ analytics as {local} }} from '{spec}';"),
    "clause": ("export {{ amplitude as analytics }};", "import {{ analytics as {local} }} from '{spec}';"),
}
MAPPED = ["track('Viewed')", "track('Bought', { sku: 'a' })", "setUserId('u1')", "reset()"]
UNMAPPED = ["add(plugin)", "remove('plugin')"]

graph = st.fixed_dictionaries({
    "export": st.sampled_from(sorted(EXPORTS)),
    "importers": st.lists(
        st.tuples(
            st.sampled_from(["relative", "alias", "baseurl"]),
            st.sampled_from(["analytics", "amp", "tracker"]),
            st.lists(st.sampled_from(MAPPED + UNMAPPED), min_size=1, max_size=3),
        ),
        min_size=1,
        max_size=5,
    ),
})


def _write(root: Path, g: dict) -> dict[str, list[tuple[int, str]]]:
    """The app on disk; returns path -> [(line, call)] of every client use written."""
    (root / "tsconfig.json").write_text('{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["src/*"]}}}\n')
    (root / "src" / "lib").mkdir(parents=True)
    export_line, import_tpl = EXPORTS[g["export"]]
    (root / "src" / "lib" / "amp.ts").write_text(
        "import * as amplitude from '@amplitude/analytics-browser';\n\namplitude.init('KEY');\n\n"
        + export_line.replace("{{", "{").replace("}}", "}") + "\n"
    )
    uses: dict[str, list[tuple[int, str]]] = {"src/lib/amp.ts": [(3, "init")]}
    for i, (how, local, calls) in enumerate(g["importers"]):
        folder = root / "src" / "features" / f"f{i}"
        folder.mkdir(parents=True)
        spec = {"relative": "../../lib/amp", "alias": "@/lib/amp", "baseurl": "src/lib/amp"}[how]
        lines = [import_tpl.format(local=local, spec=spec), "", "export function run(plugin: unknown) {"]
        rel = f"src/features/f{i}/index.ts"
        for call in calls:
            lines.append(f"  {local}.{call};")
            uses.setdefault(rel, []).append((len(lines), call))
        lines.append("}")
        (folder / "index.ts").write_text("\n".join(lines) + "\n")
    return uses


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph)
def test_a_client_moves_whole_or_stays_whole_and_nothing_is_silent(g: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        uses = _write(root, g)
        run = api.migrate([str(root)], "mixpanel", packs=PACKS, jobs=1, manifests=False)
        by_path = {Path(f.path).resolve().relative_to(root.resolve()).as_posix(): f for f in run.files}
        blocked = any(call in UNMAPPED for _how, _local, calls in g["importers"] for call in calls)
        for rel, sites in uses.items():
            f = by_path[rel]
            reviewed = {r.line: r for r in f.review}
            changed = {c.line for c in f.changes}
            for line, call in sites:
                if blocked:
                    assert line in reviewed and line not in changed, (rel, line, call)
                    r = reviewed[line]
                    assert call in UNMAPPED or ("stays whole" in r.message and "blocked by" in r.message), r.message
                else:
                    assert line in changed and line not in reviewed, (rel, line, call, f.review)
        if blocked:
            assert all(f.status == "unchanged" for f in run.files)
            assert run.summary().clients_migrated == 0
        else:
            exporter = by_path["src/lib/amp.ts"]
            assert exporter.rewritten is not None and "mixpanel" in exporter.rewritten
            assert "@amplitude" not in exporter.rewritten
            assert not any(f.review for f in run.files)
            assert run.summary().clients_migrated == 1
