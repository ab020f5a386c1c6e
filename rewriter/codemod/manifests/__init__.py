"""Dependency manifests, so the migrated app builds: the SDK dependency in ``package.json``,
``requirements*.txt``, ``pyproject.toml`` (PEP 621 and Poetry), ``build.gradle(.kts)`` and
``pubspec.yaml`` follows the code.

Never silent: every package of the source vendor found in a manifest under the run's paths
(``Podfile``, ``Package.swift`` and ``pubspec.yaml`` included) that this step does not edit is a
review item, one per package: packages no selected pack maps (``sdks/_packages.yaml`` and the
profiles of the source vendor), platforms without a rule pack yet, and mapped packages in a
manifest whose folder had no SDK code in this run.

Which manifests: those in the folders of files where the run found SDK code, and their parent
folders up to the given path (or up to the repository root when the path lies inside one: a
``package.json`` usually sits above ``src/``). Which packages: every selected rule pack maps its
source SDK to its target SDK; the SDK profiles (``sdks/*.yaml``) say which package provides each and
the version range to write (data, never the network). Never half-migrated: while any call site of the old SDK
is left for review, a file failed, or the run did not cover the manifest's whole folder (``src/``
given, ``package.json`` one level up), the old dependency stays and the new one is added beside
it, with a review item saying when to remove the old one. Results are ordinary ``FileResult``s
(language ``manifest``), so every report, ``--patch`` and ``--write`` handle them; lock files are
never touched (each change says to reinstall).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rewriter.codemod.manifests import formats
from rewriter.codemod.model import Change, FileResult, ReviewItem, RuleInfo, RunResult, span_of
from rewriter.codemod.ops.profiles import all_profiles, unprofiled_packages
from rewriter.codemod.packs.loader import RulePack

REQUIREMENTS = re.compile(r"^requirements.*\.txt$")
RULE = "dependency"
VENDOR_BYTES = re.compile(rb"(?i)amplitude|mixpanel")
UNMAPPED_RULE = "dependency/unmapped-package"
EDITABLE = ("npm", "pypi", "maven", "pub")
SKIP_DIRS = frozenset({"node_modules", ".git", "Pods", ".build", "build", "dist", ".venv", "venv", "__pycache__",
                       ".gradle", ".dart_tool", "vendor", "DerivedData", "Carthage"})
# Target packages that need a DOM: wrong in a React Native package (fixtures/real-shapes/rn-package-browser-sdk).
WEB_ONLY = frozenset({"mixpanel-browser", "amplitude-js", "@amplitude/analytics-browser", "@amplitude/unified"})
NATIVE_DEPENDENCIES = ("react-native", "expo")


def _is_react_native(text: str) -> bool:
    """True when a package.json depends on React Native (or Expo) in any dependency table."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    tables = [data.get(k) for k in ("dependencies", "devDependencies", "peerDependencies")] if isinstance(data, dict) else []
    return any(isinstance(t, dict) and any(d in t for d in NATIVE_DEPENDENCIES) for t in tables)


@dataclass(frozen=True)
class SdkPackage:
    ecosystem: str
    package: str
    version: str


@dataclass(frozen=True)
class Mapping:
    sdk: str  # the source pack's sdk: rule ids are "<sdk>/dependency"
    ecosystem: str
    old: str
    new: str
    version: str


@cache
def table() -> dict[str, SdkPackage]:
    """SDK name (as packs use it) → package and version range, from the SDK profiles
    (``sdks/*.yaml``: ``packages`` and ``versions``; the versions sdk-map was checked against)."""
    out: dict[str, SdkPackage] = {}
    for profile in all_profiles():
        for eco, package in profile.packages.items():
            version = profile.versions.get(eco)
            if version and eco in EDITABLE:
                out.setdefault(profile.id, SdkPackage(eco, package, version))
    return out


def mappings(packs: list[RulePack]) -> list[Mapping]:
    out: dict[tuple[str, str], Mapping] = {}
    t = table()
    for p in packs:
        src, dst = t.get(p.sdk), t.get(p.target.sdk)
        if src is None or dst is None or src.ecosystem != dst.ecosystem or src.package == dst.package:
            continue
        out.setdefault(
            (src.ecosystem, src.package), Mapping(p.sdk, src.ecosystem, src.package, dst.package, dst.version)
        )
    return list(out.values())


def _kind(name: str) -> str | None:
    if name == "package.json":
        return "npm"
    if name == "pyproject.toml" or REQUIREMENTS.match(name):
        return "pypi"
    if name in ("build.gradle", "build.gradle.kts"):
        return "maven"
    return {"Podfile": "pods", "Package.swift": "swiftpm", "pubspec.yaml": "pub"}.get(name)


def vendor_packages(vendor: str) -> dict[str, list[str]]:
    """Ecosystem -> every package of ``vendor`` known (SDK profiles and ``_packages.yaml``)."""
    out: dict[str, set[str]] = {}
    for profile in all_profiles():
        if profile.vendor == vendor:
            for eco, package in profile.packages.items():
                out.setdefault(eco, set()).add(package)
    for eco, names in unprofiled_packages().items():
        out.setdefault(eco, set()).update(n for n, v in names.items() if v == vendor)
    return {eco: sorted(names) for eco, names in out.items()}


def walk_manifests(paths: list[str]) -> list[str]:
    """Every manifest under the given folders (and given manifest files), vendored and build
    folders skipped: where the review-only listing looks."""
    found: set[str] = set()
    for p in paths:
        if os.path.isfile(p):
            if _kind(os.path.basename(p)):
                found.add(os.path.abspath(p))
            continue
        for d, dirs, names in os.walk(p):
            dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith("."))
            found.update(os.path.abspath(os.path.join(d, n)) for n in names if _kind(n))
    return sorted(found)


def find_manifests(run: RunResult, paths: list[str], root: str, seen: list[str] | None = None) -> list[str]:
    """Manifests governing the files where SDK code was found (see the module docstring).

    ``seen``: the manifests the file walk passed; a folder inside a walked path is answered from
    it, only folders above the walked paths are listed on disk."""
    by_dir: dict[str, list[str]] = {}
    for m in seen or ():
        by_dir.setdefault(os.path.dirname(m), []).append(m)
    walked = [os.path.abspath(p) for p in paths if os.path.isdir(p)] if seen is not None else []
    tops = []
    for p in paths:
        top = os.path.abspath(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p)))
        r = os.path.abspath(root)
        tops.append(r if top == r or top.startswith(r + os.sep) else top)
    dirs: set[str] = set()
    for f in run.files:
        if not (f.sdks or f.changes or f.review):
            continue
        d = os.path.dirname(os.path.abspath(f.path))
        top = next((t for t in tops if d == t or d.startswith(t + os.sep)), None)
        while top is not None:
            dirs.add(d)
            if d == top:
                break
            d = os.path.dirname(d)
    found: list[str] = []
    for d in sorted(dirs):
        if any(d == w or d.startswith(w + os.sep) for w in walked):
            found += sorted(by_dir.get(d, []))
            continue
        try:
            names = sorted(os.listdir(d))
        except OSError:
            continue
        found += [os.path.join(d, n) for n in names if _kind(n) and os.path.isfile(os.path.join(d, n))]
    return found


def _display(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _covered(manifest: str, paths: list[str]) -> bool:
    """Whether every file under the manifest's folder was part of the run: the folder lies in
    a folder given on the command line. When only ``src/`` of a package was migrated, code
    elsewhere in it may still use the old SDK, so its dependency must stay."""
    d = os.path.dirname(os.path.abspath(manifest))
    tops = [os.path.abspath(p) for p in paths if os.path.isdir(p)]
    return any(d == t or d.startswith(t + os.sep) for t in tops)


def _why(sdk: str, open_sites: dict[str, int], blocked_all: bool, covered: bool, manifest: str) -> str:
    if open_sites.get(sdk):
        return f"{open_sites[sdk]} {sdk} call sites still need review"
    if blocked_all:
        return "a file failed, so its SDK calls were not migrated"
    if not covered:
        where = os.path.dirname(_display(manifest)) or "."
        return f"only part of {where} was migrated in this run, or only some of its files were selected"
    return "call sites still need review"


def manifest_results(
    run: RunResult, packs: list[RulePack], paths: list[str], root: str, partial: bool = False,
    seen: list[str] | None = None,
) -> list[FileResult]:
    """One ``FileResult`` per manifest that names an SDK dependency of the run's direction.

    ``partial``: include/exclude patterns narrowed the run, so no manifest counts as covered."""
    maps = mappings(packs)
    blocked_all = any(f.status == "error" for f in run.files)
    open_sites: dict[str, int] = {}
    for f in run.files:
        for r in f.review:
            sdk = r.rule.split("/", 1)[0]
            open_sites[sdk] = open_sites.get(sdk, 0) + 1
    out: list[FileResult] = []
    governing = {os.path.abspath(p) for p in find_manifests(run, paths, root, seen)}
    known = vendor_packages(run.source)
    everywhere = walk_manifests(paths) if seen is None else [
        m for m in seen if not any(part in SKIP_DIRS or part.startswith(".") for part in Path(m).parent.parts[1:])
        or any(os.path.isfile(p) and os.path.abspath(p) == m for p in paths)
    ]
    for path in sorted(governing | set(everywhere)):
        kind = _kind(os.path.basename(path))
        try:
            raw = Path(path).read_bytes()
            if not VENDOR_BYTES.search(raw):
                continue  # names neither vendor (most manifests of a monorepo): nothing to do or list
            original = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            out.append(FileResult(_display(path), "manifest", "error", error=f"cannot read manifest: {exc}"))
            continue
        text = original
        covered = not partial and _covered(path, paths)
        changes: list[Change] = []
        review: list[ReviewItem] = []
        sdks: list[str] = []
        folded = formats.canonical(original)  # cheap test first: most manifests name no SDK
        mapped_here = {m.old for m in maps if m.ecosystem == kind}
        edited: set[str] = set()
        for m in maps:
            if m.ecosystem != kind or formats.canonical(m.old) not in folded or path not in governing:
                continue
            keep_old = blocked_all or bool(open_sites.get(m.sdk)) or not covered
            mode: formats.Mode = "add" if keep_old else "replace"
            editor = (
                formats.package_json
                if kind == "npm"
                else formats.gradle
                if kind == "maven"
                else formats.pubspec
                if kind == "pub"
                else (formats.pyproject if path.endswith("pyproject.toml") else formats.requirements)
            )
            before_text = text
            text, findings = editor(text, m.old, m.new, m.version, mode)
            if findings:
                edited.add(m.old)
            rule = f"{m.sdk}/{RULE}"
            data = before_text.encode("utf-8")
            for fd in findings:
                if m.sdk not in sdks:
                    sdks.append(m.sdk)
                s = len(before_text[: fd.start].encode("utf-8"))
                e = len(before_text[: fd.end].encode("utf-8"))
                sp = span_of(data, s, e)
                if fd.kind == "change":
                    changes.append(Change(rule, sp.line, fd.before, fd.after, fd.message, sp))
                else:
                    review.append(ReviewItem(rule, sp.line, fd.message, fd.before, sp))
                if fd.kind == "change" and m.new in WEB_ONLY and kind == "npm" and _is_react_native(before_text):
                    review.append(
                        ReviewItem(
                            rule, sp.line,
                            f"{m.new} needs a browser DOM and is not a React Native SDK, but this package depends on "
                            "react-native: migrate its code to a React Native SDK (@amplitude/analytics-react-native "
                            "or mixpanel-react-native) by hand",
                            fd.before, sp,
                        )
                    )
                if fd.kind == "change" and mode == "add":
                    why = _why(m.sdk, open_sites, blocked_all, covered, path)
                    review.append(
                        ReviewItem(
                            rule, sp.line, f"remove {m.old} once the old SDK is gone ({why})", fd.before, sp
                        )
                    )
        data = original.encode("utf-8")
        for package in known.get(kind or "", []):
            if package in edited:
                continue
            spans = _find(original, path, kind or "", package)
            if not spans:
                continue
            s = len(original[: spans[0][0]].encode("utf-8"))
            e = len(original[: spans[0][1]].encode("utf-8"))
            sp = span_of(data, s, e)
            ls = original.rfind("\n", 0, spans[0][0]) + 1
            le = original.find("\n", spans[0][0])
            code = original[ls : le if le >= 0 else len(original)].strip()
            review.append(ReviewItem(UNMAPPED_RULE, sp.line, _unmapped_why(package, kind or "", mapped_here,
                                                                             path in governing, run.target),
                                     code, sp))
        review.sort(key=lambda r: r.line)
        if not (changes or review):
            continue
        status = "changed" if text != original else "unchanged"
        out.append(
            FileResult(
                _display(path),
                "manifest",
                status,
                changes=changes,
                review=review,
                original=original,
                rewritten=text if status == "changed" else None,
                sdks=tuple(sdks),
            )
        )
    return out


def _find(text: str, path: str, kind: str, package: str) -> list[tuple[int, int]]:
    """Where ``package`` is declared: through the editor's own parser for requirements,
    pyproject (dependency tables only: ``[tool.rewriter] to = "mixpanel"`` is no dependency) and
    Gradle (a dry run that edits nothing), else by whole-name search."""
    if kind == "pypi" or kind == "maven":
        editor = formats.gradle if kind == "maven" else (
            formats.pyproject if path.endswith("pyproject.toml") else formats.requirements)
        _, found = editor(text, package, "\x00none", "", "replace")
        return sorted((f.start, f.end) for f in found)
    return formats.find_package(text, kind, package)


def _unmapped_why(package: str, kind: str, mapped: set[str], governing: bool, target: str) -> str:
    if package in mapped and not governing:
        return (f"{package}: no SDK code under this manifest's folder was migrated in this run; "
                f"replace or remove the dependency when its code moves to {target}")
    if kind in ("pods", "swiftpm"):
        return (f"{package}: CocoaPods and Swift Package Manager manifests are not edited; replace the "
                f"dependency by hand when its code moves to {target}")
    return f"{package}: no selected rule pack migrates this package's code; replace or remove it by hand"


def rule_infos(packs: list[RulePack]) -> dict[str, RuleInfo]:
    """Report metadata for the ``<sdk>/dependency`` rules this module produces, and for the
    review-only ``dependency/unmapped-package``."""
    return {
        UNMAPPED_RULE: RuleInfo(
            UNMAPPED_RULE,
            "review",
            "a dependency of the source vendor that this run does not rewrite",
            rationale="never silent: a package no selected rule pack maps, or on a platform without a pack "
            "(Podfile, Package.swift, pubspec.yaml), is listed so the migrated app does not keep a stale SDK",
            source="sdks/_packages.yaml, sdks/*.yaml (packages)",
        )
    } | {
        f"{m.sdk}/{RULE}": RuleInfo(
            f"{m.sdk}/{RULE}",
            "fix",
            f"dependency {m.old} → {m.new} {m.version}",
            note="lock files are left alone: reinstall to update them",
            rationale="the migrated code imports the new SDK, so the app only builds with it as a dependency",
            source="sdks/ (packages, versions)",
        )
        for m in mappings(packs)
    }
