"""Dependency manifests, so the migrated app builds: the SDK dependency moves with the code.

``package.json``, ``requirements*.txt``, ``pyproject.toml`` (PEP 621 and Poetry) and
``build.gradle(.kts)`` get the source SDK's package replaced by the target SDK's, in place: the
same line, the same quotes and key order, every other byte kept; the version comes from the SDK
profiles (``sdks/*.yaml`` ``versions``), never from the network. Lock files are left alone (the
note says to reinstall). A source package is left as it is, and listed for review, when its code
is not fully migrated (sites of that SDK are still listed for review: removing the package would
break the build), when no rule pack migrates it (``sdks/_packages.yaml``), or in a manifest kind
whose target we cannot write yet (``Podfile``, ``Package.swift``, ``pubspec.yaml``). Never silent:
every package of the source vendor found in a manifest is either rewritten or listed.

Pure planning over text; the caller writes (atomically) and reports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from rewriter.codemod.discover import EXCLUDED_DIRS
from rewriter.codemod.ops.profiles import builtin_sdks_dir, load_profile
from rewriter.codemod.packs.loader import RulePack

NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
REINSTALL = {
    "npm": "reinstall to update the lock file (npm install / yarn / pnpm install); lock files were left alone",
    "pypi": "reinstall your Python dependencies (pip install -r / poetry lock / uv lock); lock files were left alone",
    "maven": "sync Gradle to fetch the new dependency",
}


@dataclass(frozen=True)
class Target:
    package: str
    version: str
    sdk: str  # the source SDK profile whose code must be fully migrated first


@dataclass
class ManifestChange:
    line: int
    before: str
    after: str
    note: str


@dataclass
class ManifestReview:
    line: int
    package: str
    message: str


@dataclass
class ManifestResult:
    path: str
    kind: str
    original: str
    rewritten: str
    changes: list[ManifestChange] = field(default_factory=list)
    review: list[ManifestReview] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.rewritten != self.original


# -- what maps to what --------------------------------------------------------------------------------
def package_map(packs: Iterable[RulePack]) -> dict[str, dict[str, Target]]:
    """ecosystem -> source package -> target package/version, from the selected packs' profiles."""
    out: dict[str, dict[str, Target]] = {}
    for pack in packs:
        src, dst = load_profile(pack.sdk), load_profile(pack.target.sdk)
        for eco, name in src.packages.items():
            target, version = dst.packages.get(eco), dst.versions.get(eco)
            if target and version:
                out.setdefault(eco, {}).setdefault(name, Target(target, version, pack.sdk))
    return out


@cache
def _unsupported() -> dict[str, dict[str, str]]:
    path = builtin_sdks_dir() / "_packages.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return {eco: dict(names or {}) for eco, names in (data or {}).items()}


def _vendor_packages(source: str, packs: Iterable[RulePack]) -> dict[str, set[str]]:
    """ecosystem -> every package of the source vendor we know (mapped or not)."""
    out: dict[str, set[str]] = {}
    for pack in packs:
        for eco, name in load_profile(pack.sdk).packages.items():
            out.setdefault(eco, set()).add(name)
    for eco, names in _unsupported().items():
        out.setdefault(eco, set()).update(n for n, v in names.items() if v == source)
    return out


# -- discovery ----------------------------------------------------------------------------------------
def manifest_kind(name: str) -> str | None:
    if name == "package.json":
        return "npm"
    if re.fullmatch(r"requirements[\w.-]*\.(txt|in)", name):
        return "requirements"
    if name == "pyproject.toml":
        return "pyproject"
    if name in ("build.gradle", "build.gradle.kts"):
        return "gradle"
    if name == "Podfile":
        return "pods"
    if name == "Package.swift":
        return "swiftpm"
    if name == "pubspec.yaml":
        return "pub"
    return None


def find_manifests(paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for root in paths:
        p = Path(root)
        if p.is_file():
            if manifest_kind(p.name):
                out.append(p)
            continue
        stack = [p]
        while stack:
            d = stack.pop()
            try:
                entries = sorted(d.iterdir())
            except OSError:
                continue
            for e in entries:
                if e.is_dir() and not e.is_symlink():
                    if e.name not in EXCLUDED_DIRS and not e.name.startswith("."):
                        stack.append(e)
                elif manifest_kind(e.name):
                    out.append(e)
    return sorted(set(out))


# -- planning -----------------------------------------------------------------------------------------
def plan_manifest(path: str, text: str, source: str, packs: list[RulePack], blocked: dict[str, int]) -> ManifestResult:
    """Rewrite or list every source-vendor package in one manifest's text.

    ``blocked`` maps a source SDK id to how many of its sites are still listed for review."""
    kind = manifest_kind(Path(path).name) or ""
    result = ManifestResult(path, kind, text, text)
    mapped = package_map(packs)
    known = _vendor_packages(source, packs)
    planner = {"npm": _npm, "requirements": _requirements, "pyproject": _pyproject, "gradle": _gradle}.get(kind)
    if planner is None:
        _list_only(result, kind, known.get(kind, set()))
        return result
    planner(result, mapped, known, blocked)
    return result


def _decide(result: ManifestResult, line: int, name: str, eco: str, mapped: dict[str, dict[str, Target]],
            blocked: dict[str, int]) -> Target | None:
    target = mapped.get(eco, {}).get(name)
    if target is None:
        result.review.append(ManifestReview(line, name, f"{name}: no rule pack migrates this package's code; "
                                                        "replace or remove the dependency by hand"))
        return None
    left = blocked.get(target.sdk, 0)
    if left:
        result.review.append(ManifestReview(
            line, name, f"{name} is still used by {left} site(s) left for review: keep it until they are migrated, "
                        f"then replace it with {target.package} {target.version}"))
        return None
    return target


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _replace(result: ManifestResult, start: int, end: int, new: str, eco: str) -> None:
    """Replace ``[start, end)`` of the current text (offsets into it) and record the change."""
    cur = result.rewritten
    old = cur[start:end]
    result.rewritten = cur[:start] + new + cur[end:]
    result.changes.append(ManifestChange(_line_of(cur, start), old, new, REINSTALL[eco]))


def _npm(result: ManifestResult, mapped: dict[str, dict[str, Target]], known: dict[str, set[str]], blocked: dict[str, int]) -> None:
    try:
        data = json.loads(result.original)
    except ValueError as exc:
        result.review.append(ManifestReview(1, "", f"package.json does not parse ({exc}); not changed"))
        return
    if not isinstance(data, dict):
        return
    for section in NPM_SECTIONS:
        deps = data.get(section)
        if not isinstance(deps, dict):
            continue
        for name in [n for n in deps if n in known.get("npm", set())]:
            rx = re.compile(r'"' + re.escape(name) + r'"(\s*:\s*)"([^"]*)"')
            m = _in_section(rx, result.rewritten, section)
            if m is None:
                continue
            line = _line_of(result.rewritten, m.start())
            target = _decide(result, line, name, "npm", mapped, blocked)
            if target is None:
                continue
            if target.package in deps:
                _remove_json_entry(result, m.start(), m.end())
            else:
                _replace(result, m.start(), m.end(), f'"{target.package}"{m.group(1)}"{target.version}"', "npm")


def _in_section(rx: re.Pattern[str], text: str, section: str) -> re.Match[str] | None:
    """The match of ``rx`` inside the ``"section": { ... }`` object (not another section's)."""
    head = re.search(r'"' + re.escape(section) + r'"\s*:\s*\{', text)
    if head is None:
        return None
    depth, i = 1, head.end()
    while i < len(text) and depth:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            i = j
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return rx.search(text, head.end(), i)


def _remove_json_entry(result: ManifestResult, start: int, end: int) -> None:
    """Remove one ``"k": "v"`` entry and its separating comma, keeping the lines around it tidy."""
    text = result.rewritten
    after = re.compile(r"\s*,").match(text, end)
    if after is not None:
        end = after.end()
    else:
        before = re.search(r",\s*$", text[:start])
        if before is not None:
            start = before.start()
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    if not text[ls:start].strip() and (le < 0 or not text[end:le].strip()):
        start, end = ls, (le + 1 if le >= 0 else len(text))
    old = text[start:end]
    result.rewritten = text[:start] + text[end:]
    result.changes.append(ManifestChange(_line_of(text, start), old.strip(), "", REINSTALL["npm"] + " (the target package was already a dependency)"))


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(result: ManifestResult, mapped: dict[str, dict[str, Target]], known: dict[str, set[str]],
                  blocked: dict[str, int]) -> None:
    names = {_norm(n): n for n in known.get("pypi", set())}
    pos = 0
    for raw in result.original.splitlines(keepends=True):
        m = re.match(r"^(\s*)([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(\s*[<>=!~][^;#\r\n]*)?", raw)
        if m and _norm(m.group(2)) in names:
            name = names[_norm(m.group(2))]
            line = _line_of(result.original, pos)
            target = _decide(result, line, name, "pypi", mapped, blocked)
            if target is not None:
                shift = len(result.rewritten) - len(result.original)
                end = m.start(2) + len(m.group(0)[m.start(2) - m.start() :].rstrip())  # keep the space before a marker
                _replace(result, pos + shift + m.start(2), pos + shift + end, f"{target.package}{target.version}", "pypi")
        pos += len(raw)


def _pyproject(result: ManifestResult, mapped: dict[str, dict[str, Target]], known: dict[str, set[str]],
               blocked: dict[str, int]) -> None:
    names = {_norm(n): n for n in known.get("pypi", set())}
    table = ""
    pos = 0
    for raw in result.original.splitlines(keepends=True):
        header = re.match(r"^\s*\[+([^\]]+)\]+", raw)
        if header:
            table = header.group(1).strip()
        shift = len(result.rewritten) - len(result.original)
        line = _line_of(result.original, pos)
        if table.startswith("tool.poetry") and "dependencies" in table:
            m = re.match(r"^(\s*)([A-Za-z0-9][A-Za-z0-9._-]*)(\s*=\s*)(.*?)(\s*(#.*)?)$", raw.rstrip("\r\n"))
            if m and _norm(m.group(2)) in names:
                target = _decide(result, line, names[_norm(m.group(2))], "pypi", mapped, blocked)
                if target is not None:
                    version = target.version.removeprefix(">=")
                    _replace(result, pos + shift + m.start(2), pos + shift + m.end(4),
                             f'{target.package}{m.group(3)}"^{version}"', "pypi")
        else:
            for m in re.finditer(r"""(["'])([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(\s*[<>=!~][^"';]*)?((?:\s*;[^"']*)?)\1""", raw):
                if _norm(m.group(2)) not in names:
                    continue
                target = _decide(result, line, names[_norm(m.group(2))], "pypi", mapped, blocked)
                if target is not None:
                    shift = len(result.rewritten) - len(result.original)
                    _replace(result, pos + shift + m.start(2), pos + shift + (m.end(4) if m.group(4) else m.end(3) if m.group(3) else m.end(2)),
                             f"{target.package}{target.version}", "pypi")
        pos += len(raw)


def _gradle(result: ManifestResult, mapped: dict[str, dict[str, Target]], known: dict[str, set[str]],
            blocked: dict[str, int]) -> None:
    for coord in sorted(known.get("maven", set())):
        for m in list(re.finditer(r"""(["'])""" + re.escape(coord) + r""":([^"']+)\1""", result.original)):
            line = _line_of(result.original, m.start())
            target = _decide(result, line, coord, "maven", mapped, blocked)
            if target is None:
                continue
            shift = len(result.rewritten) - len(result.original)
            _replace(result, m.start() + 1 + shift, m.end() - 1 + shift, f"{target.package}:{target.version}", "maven")


def _list_only(result: ManifestResult, kind: str, names: set[str]) -> None:
    """Manifests whose target SDK we cannot write yet: every source-vendor package is listed."""
    for name in sorted(names):
        for m in re.finditer(re.escape(name), result.original):
            before = result.original[m.start() - 1 : m.start()]
            after = result.original[m.end() : m.end() + 1]
            if (before.isalnum() or before in "_-") or (after.isalnum() or after in "_-"):
                continue
            line = _line_of(result.original, m.start())
            result.review.append(ManifestReview(
                line, name, f"{name}: no rule pack migrates this platform's code yet; change this dependency by hand "
                            "when its code is migrated"))
            break
