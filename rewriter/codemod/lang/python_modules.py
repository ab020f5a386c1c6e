"""Which of the app's own Python modules a file imports, named as ``codemod.project.module_id`` names them.

The project index keys exported clients by module id (an absolute path without extension). A
Python import names a module by dots: ``from .analytics import client`` relative to the file's
package, ``from app.analytics import client`` from some source root above it. The source root is
not configured anywhere, so an absolute import is looked up from each folder above the importing
file (``src/app/views.py`` finds ``src/app/analytics.py`` for ``app.analytics``); the first that
exists wins. A module that is no file of the project (``django.conf``) resolves to nothing. Only
reads the file system; never imports anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import libcst as cst

from rewriter.codemod.lang.python_tree import PyTree, dotted


def _file_of(base: str) -> str | None:
    """``base.py`` or ``base/__init__.py``, whichever exists, without its extension."""
    if os.path.isfile(base + ".py"):
        return base
    if os.path.isfile(os.path.join(base, "__init__.py")):
        return os.path.join(base, "__init__")
    return None


def _locate(dots: str, level: int, importer: str) -> str | None:
    """The path (no extension) of the module ``dots`` imported from ``importer``, or None."""
    here = os.path.dirname(os.path.abspath(importer))
    parts = [p for p in dots.split(".") if p]
    if level:
        base = here
        for _ in range(level - 1):
            base = os.path.dirname(base)
        return _file_of(os.path.join(base, *parts)) if parts else _file_of(base)
    cur = here
    while True:
        hit = _file_of(os.path.join(cur, *parts))
        if hit is not None:
            return hit
        parent = os.path.dirname(cur)
        if parent == cur:
            return None
        cur = parent


def _module_id(path: str) -> str:
    from rewriter.codemod.project import module_id

    return module_id(path + ".py")


def imported_modules(importer: str, tree: PyTree) -> Iterator[tuple[str, str, str | None]]:
    """``(local name, module id, imported name or None)`` for each import of an app module:
    ``from app.analytics import client as c`` → ``("c", <id of app/analytics>, "client")``;
    ``from app import analytics`` / ``import app.analytics as analytics`` → ``("analytics",
    <id of app/analytics>, None)`` (the local name is the module itself)."""
    for node in tree.root.walk():
        stmt = node.cst
        if isinstance(stmt, cst.ImportFrom) and not isinstance(stmt.names, cst.ImportStar):
            dots = dotted(stmt.module) if stmt.module is not None else ""
            level = len(stmt.relative)
            module = _locate(dots or "", level, importer)
            for alias in stmt.names:
                name = dotted(alias.name) or ""
                local = alias.asname.name.value if alias.asname is not None else name  # type: ignore[union-attr]
                sub = _locate(f"{dots}.{name}" if dots else name, level, importer)
                if sub is not None and (module is None or sub != module):
                    yield local, _module_id(sub), None  # `from app import analytics`: a module
                elif module is not None:
                    yield local, _module_id(module), name
        elif isinstance(stmt, cst.Import):
            for alias in stmt.names:
                name = dotted(alias.name) or ""
                if alias.asname is None:
                    continue  # `import app.analytics` is used as `app.analytics.x`: not followed
                module = _locate(name, 0, importer)
                if module is not None:
                    yield alias.asname.name.value, _module_id(module), None  # type: ignore[union-attr]

