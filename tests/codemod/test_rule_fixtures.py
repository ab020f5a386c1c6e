"""Every shipped rule has fixture pairs, and every pair passes (input → expected, idempotent)."""

from __future__ import annotations

import pytest

from rewriter.codemod.packs.fixtures import fixture_pairs, run_pack_fixtures
from rewriter.codemod.packs.loader import builtin_rules_dir, load_pack, pack_files

PACKS = pack_files(builtin_rules_dir())


@pytest.mark.parametrize("pack_path", PACKS, ids=[p.stem for p in PACKS])
def test_pack_fixtures(pack_path) -> None:  # type: ignore[no-untyped-def]
    pack = load_pack(pack_path)
    assert fixture_pairs(pack_path), "pack has no fixture pairs"
    failures = [o for o in run_pack_fixtures(pack) if not o.ok]
    assert not failures, "\n\n".join(f"{o.rule} {o.input}: {o.message}" for o in failures)
