"""Fixture-pair tests for rule packs (``rewriter rules test``), like ``ast-grep test``.

Layout: next to ``rules/<dir>/<pack>.yaml`` sits ``<pack>.fixtures/`` holding
``<rule-id>[--case].input.<ext>`` and ``<rule-id>[--case].expected.<ext>``. A pair passes when
rewriting the input with that pack gives exactly the expected bytes, the named rule fired (as a
rewrite or a review item), and rewriting the expected output changes nothing (idempotence).

Every rule that rewrites needs a pair. A ``review`` rule does not: it never changes a byte, so a
pair could only show that its pattern matches; without one, its patterns are still compiled for
every language of the pack (a pattern that does not parse fails), and it is listed as "no
fixture (review rule)" rather than as a failure. A pair for a review rule is still run when
present (it proves the pattern fires and the file stays as it was).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.packs.loader import Rule, RulePack, load_pack, pack_files

PAIR_RE = re.compile(r"^(?P<rule>[a-z0-9][a-z0-9._-]*?)(--(?P<case>[A-Za-z0-9_-]+))?\.input(?P<ext>\.[a-z]+)$")


@dataclass
class FixtureOutcome:
    pack: str
    rule: str
    input: str
    ok: bool
    message: str = ""
    no_fixture: bool = False  # a review rule without a pair: patterns checked, nothing run


def fixtures_dir(pack_path: str | Path) -> Path:
    p = Path(pack_path)
    return p.with_name(p.stem + ".fixtures")


def fixture_pairs(pack_path: str | Path) -> list[tuple[str, Path, Path]]:
    """``(rule_id, input, expected)`` for every pair of a pack."""
    d = fixtures_dir(pack_path)
    out = []
    if d.is_dir():
        for f in sorted(d.iterdir()):
            m = PAIR_RE.match(f.name)
            if m:
                out.append((m.group("rule"), f, f.with_name(f.name.replace(".input.", ".expected.", 1))))
    return out


def run_pack_fixtures(pack: RulePack) -> list[FixtureOutcome]:
    results: list[FixtureOutcome] = []
    pairs = fixture_pairs(pack.path)
    covered = {rule for rule, _, _ in pairs}
    for rule in pack.rules:
        if rule.id in covered:
            continue
        if _is_review(rule):
            results.append(_check_patterns(pack, rule))
        else:
            results.append(FixtureOutcome(pack.path, rule.id, "", False, "no fixture pair for this rule"))
    for rule_id, inp, exp in pairs:
        results.append(_run_pair(pack, rule_id, inp, exp))
    return results


def _is_review(rule: Rule) -> bool:
    return rule.review is not None and rule.fix is None and rule.op is None and rule.transform is None


def _check_patterns(pack: RulePack, rule: Rule) -> FixtureOutcome:
    """A review rule with no pair: every pattern must compile for every language of the pack."""
    from rewriter.codemod.lang import get_adapter

    for pattern in rule.match:
        for lang in pack.languages:
            try:
                get_adapter(lang).compile_pattern(pattern)
            except ValueError as exc:  # how adapters (and ``rules validate``) report a bad pattern
                return FixtureOutcome(pack.path, rule.id, "", False,
                                      f"pattern {pattern!r} does not parse as {lang}: {exc}")
    return FixtureOutcome(pack.path, rule.id, "", True, "no fixture (review rule)", no_fixture=True)


def _run_pair(pack: RulePack, rule_id: str, inp: Path, exp: Path) -> FixtureOutcome:
    name = str(inp)
    if rule_id not in {r.id for r in pack.rules}:
        return FixtureOutcome(pack.path, rule_id, name, False, f"no rule {rule_id!r} in the pack")
    if not exp.is_file():
        return FixtureOutcome(pack.path, rule_id, name, False, f"missing {exp.name}")
    source = inp.read_bytes()
    display = inp.name.replace(".input", "")
    res = rewrite_source(display, source, [pack])
    if res.status == "error":
        return FixtureOutcome(pack.path, rule_id, name, False, f"error: {res.error}")
    got = (res.rewritten if res.status == "changed" else source.decode("utf-8")).encode("utf-8")
    want = exp.read_bytes()
    qualified = f"{pack.sdk}/{rule_id}"
    fired = any(c.rule == qualified for c in res.changes) or any(r.rule == qualified for r in res.review)
    if not fired:
        return FixtureOutcome(pack.path, rule_id, name, False, f"rule {qualified} did not fire")
    if got != want:
        return FixtureOutcome(pack.path, rule_id, name, False, "output differs from expected:\n" + _diff(want, got))
    again = rewrite_source(display, want, [pack])
    if again.status == "changed":
        return FixtureOutcome(pack.path, rule_id, name, False, "not idempotent: a second run changes the output")
    return FixtureOutcome(pack.path, rule_id, name, True)


def _diff(want: bytes, got: bytes) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            want.decode().splitlines(True), got.decode().splitlines(True), "expected", "actual"
        )
    )


def run_fixtures(root: str | Path) -> list[FixtureOutcome]:
    """Run the fixture pairs of every pack under ``root``."""
    out: list[FixtureOutcome] = []
    for f in pack_files(root):
        out.extend(run_pack_fixtures(load_pack(f)))
    return out
