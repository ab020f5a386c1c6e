"""Shared fixtures: the shipped packs, and a helper that rewrites a snippet with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def packs() -> list[RulePack]:
    return load_packs()


@pytest.fixture(scope="session")
def to_mixpanel(packs: list[RulePack]) -> list[RulePack]:
    return select_packs(packs, "mixpanel")


@pytest.fixture(scope="session")
def to_amplitude(packs: list[RulePack]) -> list[RulePack]:
    return select_packs(packs, "amplitude")


def rewrite(code: str | bytes, packs: list[RulePack], path: str = "a.js") -> FileResult:
    data = code.encode() if isinstance(code, str) else code
    return rewrite_source(path, data, packs)


def output(code: str, packs: list[RulePack], path: str = "a.js") -> str:
    res = rewrite(code, packs, path)
    assert res.status != "error", res.error
    return res.rewritten if res.status == "changed" else code  # type: ignore[return-value]
