"""Every registered transform name resolves to a callable; unknown names are not registered."""

from __future__ import annotations

from rewriter.codemod.transforms import TRANSFORMS


def test_every_transform_resolves() -> None:
    assert len(TRANSFORMS) >= 8
    for name in TRANSFORMS:
        assert callable(TRANSFORMS[name]), name
    assert "nope" not in TRANSFORMS
