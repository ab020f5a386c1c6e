"""Where a JavaScript/TypeScript import points inside the project, so one module has one name.

A user's wrapper is imported as ``../../services/amplitude`` from one file, ``./amplitude`` from
its neighbour and ``@/services/amplitude`` or ``src/services/amplitude`` through the project's
``tsconfig.json``/``jsconfig.json`` ``baseUrl``/``paths``. Rule packs name such modules the way a
person would (``bind.modules: ["src/services/amplitude"]``), so both sides are reduced to one
canonical form: the path relative to the project root, without extension or ``/index``. Package
imports (``mixpanel-browser``) are left as they are.

The project root of a file is the nearest folder above it holding a ``tsconfig.json``,
``jsconfig.json`` or ``package.json``; configs are read once per folder (JSON with comments and
trailing commas, as TypeScript allows). Nothing here reads source files or decides anything about
SDKs.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

CONFIGS = ("tsconfig.json", "jsconfig.json")
MARKERS = (*CONFIGS, "package.json")
EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte")


@dataclass(frozen=True)
class Project:
    """A project root and its module aliases (``paths`` patterns → targets, relative to the root)."""

    root: str
    base_url: str | None = None  # relative to root ("" = the root itself)
    paths: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def _strip_json_comments(text: str) -> str:
    """tsconfig allows ``//`` and ``/* */`` comments and trailing commas; strings are kept."""
    out = re.sub(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', lambda m: m.group(0) if m.group(0)[0] == '"' else "", text, flags=re.S)
    return re.sub(r",(\s*[}\]])", r"\1", out)


@lru_cache(maxsize=4096)
def project_of(directory: str) -> Project | None:
    """The project holding ``directory`` (absolute), or None when no marker is found above it."""
    cur = os.path.abspath(directory)
    while True:
        for name in MARKERS:
            if os.path.isfile(os.path.join(cur, name)):
                return _read(cur)
        parent = os.path.dirname(cur)
        if parent == cur:
            return None
        cur = parent


def _read(root: str) -> Project:
    for name in CONFIGS:
        path = os.path.join(root, name)
        if not os.path.isfile(path):
            continue
        opts = _compiler_options(path)
        if opts is None:
            continue  # a config we cannot read gives no aliases; relative imports still resolve
        base_abs, raw = opts
        base_rel = _norm(os.path.relpath(base_abs, root)) if base_abs is not None else None
        paths = tuple(
            (str(k), tuple(_norm(os.path.join(base_rel or "", str(t))) for t in v if isinstance(t, str)))
            for k, v in raw.items() if isinstance(v, list)
        )
        return Project(root, base_rel, paths)
    return Project(root)


def _compiler_options(path: str, depth: int = 0) -> tuple[str | None, dict[str, object]] | None:
    """``(absolute baseUrl, paths)`` of a tsconfig/jsconfig, following a relative ``extends``
    (a monorepo package's ``{"extends": "../../tsconfig"}``): ``baseUrl`` is relative to the
    config that sets it; the extending config's own options win. None: unreadable."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.loads(_strip_json_comments(fh.read()))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    base_abs: str | None = None
    paths: dict[str, object] = {}
    parent = data.get("extends")
    if isinstance(parent, str) and parent.startswith(".") and depth < 8:
        target = os.path.normpath(os.path.join(os.path.dirname(path), parent))
        if not target.endswith(".json"):
            target += ".json"
        inherited = _compiler_options(target, depth + 1)
        if inherited is not None:
            base_abs, paths = inherited
    opts = data.get("compilerOptions")
    if isinstance(opts, dict):
        if isinstance(opts.get("baseUrl"), str):
            base_abs = os.path.normpath(os.path.join(os.path.dirname(path), str(opts["baseUrl"])))
        if isinstance(opts.get("paths"), dict):
            paths = dict(opts["paths"])
    return base_abs, paths


PLATFORMS = (".web", ".native", ".ios", ".android")  # React Native platform variants of one module


def _norm(rel: str) -> str:
    """``./src/x/index.ts`` → ``src/x``: posix, no leading ``./``, no extension, no ``/index``;
    ``index.web.ts`` is the same module as ``index.ts`` (React Native resolves one per platform)."""
    p = PurePosixPath(os.path.normpath(rel.replace("\\", "/")).replace("\\", "/"))
    s = str(p)
    for ext in EXTENSIONS:
        if s.endswith(ext):
            s = s[: -len(ext)]
            for plat in PLATFORMS:
                if s.endswith(plat):
                    s = s[: -len(plat)]
                    break
            break
    if s.endswith("/index"):
        s = s[: -len("/index")]
    return "" if s in (".", "index") else s


def canonical_module(spec: str, importer: str) -> str:
    """The canonical name of import ``spec`` written in file ``importer``: a project-relative path
    for the app's own modules (relative imports and ``paths``/``baseUrl`` aliases), else ``spec``."""
    directory = os.path.dirname(os.path.abspath(importer))
    project = project_of(directory)
    target = _target(spec, directory, project)
    if target is None:
        return spec
    if project is None:
        return _norm(target)
    return _norm(os.path.relpath(target, project.root))


def resolved_module(spec: str, importer: str) -> str | None:
    """Where import ``spec`` of file ``importer`` points, as ``module_id`` names that file (an
    absolute path without extension or ``/index``), or None for a package. Absolute, so two
    packages of a monorepo importing each other by relative path agree on one name."""
    directory = os.path.dirname(os.path.abspath(importer))
    target = _target(spec, directory, project_of(directory))
    return None if target is None else _norm(target)


def _target(spec: str, directory: str, project: Project | None) -> str | None:
    """The absolute path an app-module import points to (extension not resolved), or None."""
    if spec.startswith((".", "/")):
        return os.path.normpath(os.path.join(directory, spec))
    if project is None:
        return None
    for pattern, targets in project.paths:
        if not targets:
            continue
        if "*" in pattern:
            head, _, tail = pattern.partition("*")
            if spec.startswith(head) and spec.endswith(tail) and len(spec) >= len(head) + len(tail):
                middle = spec[len(head) : len(spec) - len(tail)]
                return os.path.join(project.root, targets[0].replace("*", middle))
        elif spec == pattern:
            return os.path.join(project.root, targets[0])
    if project.base_url is not None and _exists_under(project, spec):
        return os.path.join(project.root, project.base_url, spec)
    return None


def _exists_under(project: Project, spec: str) -> bool:
    base = os.path.join(project.root, project.base_url or "", spec)
    if os.path.isdir(base):
        return True
    return any(os.path.isfile(base + ext) for ext in EXTENSIONS)


def is_path_module(name: str) -> bool:
    """A pack's ``bind.modules`` entry names one of the app's own modules when it starts with
    ``./`` or ``/`` (relative to the project root); anything else is a package name."""
    return name.startswith(("./", "/"))


def canonical_bind_module(name: str) -> str:
    """A pack's app-module entry (``./src/services/amplitude``, ``/src/x.ts``) made canonical like
    an import; a package name stays as written."""
    return _norm(name.lstrip("/")) if is_path_module(name) else name


def module_id(path: str) -> str:
    """The name of the module in file ``path`` itself: what ``resolved_module`` gives for any
    import that reaches it (absolute, no extension, no ``/index``)."""
    return _norm(os.path.abspath(path))


def display_module(module: str) -> str:
    """A module id as reports show it: relative to the current directory when below it."""
    rel = os.path.relpath(module) if os.path.isabs(module) else module
    return module if rel.startswith("..") else rel


#: Languages whose files reach another file's exported clients by name, not by module.
JVM = (".kt", ".kts", ".java")
NAME_REACHED = (".dart", *JVM)


def export_words(module: str, name: str) -> tuple[bytes, ...]:
    """What a file using export ``name`` of ``module`` must contain. A Dart library's public
    top-level names and fields are reached by name through any import (barrel files re-export
    them, ``part`` files share them), and Kotlin and Java reach another file's properties and
    fields by name (a package needs no import, and files are not imported by file name), so the
    name itself; elsewhere the module's (``module_words``)."""
    if module.endswith(JVM):
        return tuple(n.lstrip(".").encode() for n in (name, accessor_twin(name)))
    if module.endswith(NAME_REACHED):
        return (name.lstrip(".").encode(),)
    return module_words(module)


def accessor_twin(name: str) -> str:
    """The other spelling of a JVM property across Kotlin and Java: Java reaches a Kotlin property
    ``mixpanel`` (top-level or a member) through its getter ``getMixpanel()``, and Kotlin reaches a
    Java getter ``getMixpanel()`` as the property ``mixpanel``. A leading ``.`` (a member) is kept."""
    dot, bare = (".", name[1:]) if name.startswith(".") else ("", name)
    if len(bare) > 3 and bare.startswith("get") and bare[3].isupper():
        return f"{dot}{bare[3].lower()}{bare[4:]}"
    return f"{dot}get{bare[:1].upper()}{bare[1:]}"


def module_words(module: str) -> tuple[bytes, ...]:
    """What a file importing ``module`` must contain: its last path segment (or, for an
    ``index`` module, its folder's name)."""
    parts = module.rstrip("/").rsplit("/", 2)
    last = parts[-1]
    if last.endswith(".py"):  # Python module ids keep their extension; imports name them by dots
        last = last[: -len(".py")]
        if last == "__init__" and len(parts) > 1:
            last = parts[-2]  # a package: importers name its folder
    return (last.encode(),) if last else ()
