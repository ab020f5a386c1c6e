"""Every registered transform name resolves to a callable; every transform a shipped pack names is
registered; unknown names are not. Transforms are the escape hatch: structural mappings are ``op:``."""

from __future__ import annotations

from rewriter.codemod.packs.loader import load_packs
from rewriter.codemod.transforms import TRANSFORMS


def test_every_transform_resolves() -> None:
    for name in TRANSFORMS:
        assert callable(TRANSFORMS[name]), name
    assert "nope" not in TRANSFORMS


def test_shipped_packs_name_only_registered_transforms_and_prefer_operations() -> None:
    rules = [r for p in load_packs() for r in p.rules]
    named = {r.transform for r in rules if r.transform is not None}
    assert named <= set(TRANSFORMS)
    assert sum(r.op is not None for r in rules) > 5 * len(named)
