"""Registry of named transforms that rule packs may call (``transform: <name>``).

Entries are ``module:function`` paths resolved on first use, so a JavaScript-only run never
imports the Python transforms (and libcst), and start-up stays short for every command.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from rewriter.codemod.transforms.base import Review, Rewrite, Transform, TransformContext, TransformResult

_PATHS: dict[str, str] = {
    "py_consumer_flush_to_amplitude": "py_lifecycle:consumer_flush_to_amplitude",
}


class _Registry(Mapping[str, Transform]):
    """A read-only name → transform mapping that imports each transform module lazily."""

    def __init__(self, paths: dict[str, str]) -> None:
        self._paths = paths
        self._loaded: dict[str, Transform] = {}

    def __getitem__(self, name: str) -> Transform:
        fn = self._loaded.get(name)
        if fn is None:
            module, attr = self._paths[name].split(":")
            fn = getattr(importlib.import_module(f"rewriter.codemod.transforms.{module}"), attr)
            self._loaded[name] = fn
        return fn

    def __contains__(self, name: object) -> bool:
        return name in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


TRANSFORMS: Mapping[str, Transform] = _Registry(_PATHS)

__all__ = ["TRANSFORMS", "Review", "Rewrite", "Transform", "TransformContext", "TransformResult"]
