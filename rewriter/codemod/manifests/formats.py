"""Text-level edits of one dependency in ``package.json``, ``requirements*.txt`` and
``pyproject.toml`` (PEP 621 arrays and Poetry tables).

Manifests are edited as text, never re-serialised, so key order, indentation, comments and every
unrelated byte stay as they were (a ``json.dump`` round trip would reformat a hand-kept file).
Two modes: ``replace`` renames the old package to the new one in place (same position, new
version range), ``add`` keeps the old entry and adds the new one right after it with the same
indentation (used while call sites of the old SDK still need review). Whatever cannot be edited
safely (a git/file/workspace spec, hashes, a one-line JSON object…) comes back as a review
finding instead of a guess. Lock files are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Mode = Literal["replace", "add"]
NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")


@dataclass(frozen=True)
class Finding:
    """One dependency entry handled: ``kind`` "change" (edited) or "review" (left for a human)."""

    kind: Literal["change", "review"]
    start: int  # character offsets of the old entry in the original text
    end: int
    before: str
    after: str
    message: str


@dataclass(frozen=True)
class _Splice:
    start: int
    end: int
    text: str


def _added(old: str, new: str, then: str = "") -> str:
    """The note of a new dependency added beside the old one (kept while its sites need review)."""
    return f"{new} added beside {old}, which stays while call sites still need review{then}"


def _apply(text: str, splices: list[_Splice]) -> str:
    for s in sorted(splices, key=lambda s: s.start, reverse=True):
        text = text[: s.start] + s.text + text[s.end :]
    return text


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def canonical(name: str) -> str:
    """PEP 503 normalised name (pip treats ``Amplitude_Analytics`` and ``amplitude-analytics`` alike)."""
    return re.sub(r"[-_.]+", "-", name).lower()


# -- package.json -----------------------------------------------------------------------------
def _object_end(text: str, open_brace: int) -> int:
    """Index of the ``}`` closing the object that opens at ``open_brace`` (strings skipped)."""
    depth, i = 0, open_brace
    while i < len(text):
        c = text[i]
        if c == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(text)


def package_json(text: str, old: str, new: str, version: str, mode: Mode) -> tuple[str, list[Finding]]:
    findings: list[Finding] = []
    splices: list[_Splice] = []
    for sec in re.finditer(r'"(' + "|".join(NPM_SECTIONS) + r')"\s*:\s*\{', text):
        open_brace = sec.end() - 1
        end = _object_end(text, open_brace)
        body = text[open_brace:end]
        has_new = re.search('"' + re.escape(new) + r'"\s*:', body) is not None
        for m in re.finditer('"' + re.escape(old) + r'"(\s*:\s*)"((?:[^"\\]|\\.)*)"', body):
            s, e = open_brace + m.start(), open_brace + m.end()
            before = m.group(0)
            spec = m.group(2)
            entry = f'"{new}"{m.group(1)}"{version}"'
            if re.match(r"(workspace:|file:|link:|git|github:|https?:|npm:)", spec):
                findings.append(
                    Finding(
                        "review",
                        s,
                        e,
                        before,
                        before,
                        f"{old} is not a registry version ({spec}); replace it by {new}@{version} by hand",
                    )
                )
                continue
            if has_new and mode == "replace":
                findings.append(
                    Finding(
                        "review", s, e, before, before, f"{new} is already a dependency: remove {old} by hand"
                    )
                )
                continue
            if has_new:
                continue
            if mode == "replace":
                splices.append(_Splice(s, e, entry))
                findings.append(
                    Finding(
                        "change",
                        s,
                        e,
                        before,
                        entry,
                        f"{old} → {new}; run your package manager's install to update the lock file",
                    )
                )
                continue
            ls, le = _line_bounds(text, s)
            line = text[ls:le]
            indent = line[: len(line) - len(line.lstrip())]
            rest = text[e:le]
            if line.strip() not in (before, before + ",") or rest.strip() not in ("", ","):
                findings.append(
                    Finding(
                        "review",
                        s,
                        e,
                        before,
                        before,
                        f"add {new}@{version} beside {old} by hand (entry not on a line of its own)",
                    )
                )
                continue
            if rest.strip() == ",":
                splices.append(_Splice(le, le, f"\n{indent}{entry},"))
            else:
                splices.append(_Splice(e, e, f",\n{indent}{entry}"))
            findings.append(
                Finding(
                    "change",
                    s,
                    e,
                    before,
                    f"{before}, {entry}",
                    _added(old, new, "; run your package manager's install to update the lock file"),
                )
            )
    return _apply(text, splices), findings


# -- requirements*.txt ----------------------------------------------------------------------------
_REQ = re.compile(
    r"^(?P<indent>[ \t]*)(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?P<extras>\[[^\]]*\])?(?P<rest>[^\n]*)$", re.M
)


def _split_rest(rest: str) -> tuple[str, str, str]:
    """``(version spec, marker incl. ';', comment incl. '#')`` of a requirement line's tail."""
    comment = ""
    m = re.search(r"\s+#", rest)
    if m is not None:
        rest, comment = rest[: m.start()], rest[m.start() :]
    spec, _, marker = rest.partition(";")
    return spec.strip(), (f"; {marker.strip()}" if marker.strip() else ""), comment


def requirements(text: str, old: str, new: str, version: str, mode: Mode) -> tuple[str, list[Finding]]:
    findings: list[Finding] = []
    splices: list[_Splice] = []
    present = {canonical(m.group("name")) for m in _REQ.finditer(text)}
    for m in _REQ.finditer(text):
        if canonical(m.group("name")) != canonical(old):
            continue
        s, e = m.start("name"), m.end()
        before = text[s:e]
        rest = m.group("rest")
        if "--hash" in rest or rest.rstrip().endswith("\\") or rest.lstrip().startswith("@"):
            findings.append(
                Finding(
                    "review",
                    s,
                    e,
                    before,
                    before,
                    f"{old} is pinned by URL or hashes; replace it by {new}{version} by hand",
                )
            )
            continue
        spec, marker, comment = _split_rest(rest)
        entry = f"{new}{version}{marker}"
        if mode == "replace" and canonical(new) in present:
            findings.append(
                Finding("review", s, e, before, before, f"{new} is already required: remove {old} by hand")
            )
            continue
        if mode == "add" and canonical(new) in present:
            continue
        if mode == "replace":
            splices.append(_Splice(s, e, entry + comment))
            findings.append(
                Finding("change", s, e, before, entry + comment, f"{old} → {new}; reinstall your environment")
            )
        else:
            splices.append(_Splice(e, e, f"\n{m.group('indent')}{entry}"))
            findings.append(
                Finding(
                    "change",
                    s,
                    e,
                    before,
                    f"{before}\n{entry}",
                    _added(old, new),
                )
            )
    return _apply(text, splices), findings


# -- pyproject.toml ---------------------------------------------------------------------------------
_TOML_STR = re.compile(r""""(?P<dbody>[A-Za-z0-9][^"\\\n]*)"|'(?P<sbody>[A-Za-z0-9][^'\n]*)'""")


def _pep508_name(body: str) -> tuple[str, str]:
    m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?(.*)$", body)
    assert m is not None
    return m.group(1), m.group(3)


def pyproject(text: str, old: str, new: str, version: str, mode: Mode) -> tuple[str, list[Finding]]:
    findings: list[Finding] = []
    splices: list[_Splice] = []
    section = ""
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        head = re.match(r"\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$", line)
        if head:
            section = head.group(1).strip()
        elif (
            section in ("project", "project.optional-dependencies", "build-system")
            or section.startswith("project.optional-dependencies")
            or section.startswith("dependency-groups")
        ):
            for m in _TOML_STR.finditer(line):
                body = m.group("dbody") if m.group("dbody") is not None else m.group("sbody")
                name, tail = _pep508_name(body)
                if canonical(name) != canonical(old) or section == "build-system":
                    continue
                s, e = pos + m.start(), pos + m.end()
                before = m.group(0)
                if tail.lstrip().startswith("@"):
                    findings.append(
                        Finding("review", s, e, before, before, f"{old} comes from a URL; replace it by hand")
                    )
                    continue
                _, marker, _ = _split_rest(tail)
                q = '"' if m.group("dbody") is not None else "'"
                entry = f"{q}{new}{version}{marker}{q}"
                if mode == "replace":
                    splices.append(_Splice(s, e, entry))
                    findings.append(
                        Finding("change", s, e, before, entry, f"{old} → {new}; reinstall your environment")
                    )
                else:
                    after = line[m.end() :]
                    comma = re.match(r"\s*,", after)
                    if not line[: m.start()].strip() and re.fullmatch(r"\s*,?\s*(#.*)?", after):
                        indent = line[: len(line) - len(line.lstrip())]
                        insert = f"\n{indent}{entry}," if comma else f",\n{indent}{entry}"
                        at = pos + len(line) if comma else e
                    else:
                        insert, at = f", {entry}", e
                    splices.append(_Splice(at, at, insert))
                    findings.append(
                        Finding(
                            "change",
                            s,
                            e,
                            before,
                            f"{before}, {entry}",
                            _added(old, new),
                        )
                    )
        elif section.startswith("tool.poetry") and section.endswith("dependencies"):
            m = re.match(
                r"(?P<indent>\s*)(?P<q>[\"']?)(?P<key>[A-Za-z0-9][A-Za-z0-9._-]*)(?P=q)(?P<eq>\s*=\s*)(?P<value>.*)$",
                line,
            )
            if m and canonical(m.group("key")) != "python" and canonical(m.group("key")) == canonical(old):
                s, e = pos + m.start("key") - len(m.group("q")), pos + len(line)
                before = line[m.start("key") - len(m.group("q")) :]
                value = m.group("value")
                new_value = _poetry_value(value, version)
                if new_value is None:
                    findings.append(
                        Finding(
                            "review",
                            s,
                            e,
                            before,
                            before,
                            f"{old} is not a plain version (path, git or url); replace it by hand",
                        )
                    )
                else:
                    entry = f"{new}{m.group('eq')}{new_value}"
                    if mode == "replace":
                        splices.append(_Splice(s, e, entry))
                        findings.append(
                            Finding("change", s, e, before, entry, f"{old} → {new}; run poetry lock")
                        )
                    else:
                        splices.append(_Splice(e, e, f"\n{m.group('indent')}{entry}"))
                        findings.append(
                            Finding(
                                "change",
                                s,
                                e,
                                before,
                                f"{before}\n{entry}",
                                _added(old, new),
                            )
                        )
        pos += len(raw)
    return _apply(text, splices), findings


def _poetry_value(value: str, version: str) -> str | None:
    """The Poetry value with its version replaced (plain string or inline table), or None."""
    v = value.strip()
    comment = ""
    m = re.search(r"\s+#.*$", value)
    if m and not v.startswith("{"):
        comment = m.group(0)
        v = value[: m.start()].strip()
    if re.fullmatch(r"\"[^\"]*\"|'[^']*'", v):
        return f'"{version}"{comment}'
    if v.startswith("{") and re.search(r"\b(path|git|url)\s*=", v) is None:
        replaced, n = re.subn(
            r"(version\s*=\s*)(\"[^\"]*\"|'[^']*')", lambda mm: f'{mm.group(1)}"{version}"', v
        )
        return replaced if n == 1 else None
    return None


# -- build.gradle(.kts) ------------------------------------------------------------------------------
def gradle(text: str, old: str, new: str, version: str, mode: Mode) -> tuple[str, list[Finding]]:
    """A Maven coordinate ``group:artifact[:version]`` in a Groovy or Kotlin DSL string literal.

    ``replace`` writes ``new:version`` in the same quotes (a ``$var`` version becomes the
    profile's literal version); ``add`` copies the whole declaration line below itself with the
    new coordinate. The map form (``group: 'com.amplitude', name: …``, Kotlin named arguments)
    and version catalogs are listed for review."""
    findings: list[Finding] = []
    splices: list[_Splice] = []
    entry = f"{new}:{version}"
    present = re.search(r"""["']""" + re.escape(new) + r"""(:[^"'\s]*)?["']""", text) is not None
    for m in re.finditer(r"""(?P<q>["'])""" + re.escape(old) + r"""(?::[^"'\s]*)?(?P=q)""", text):
        s, e = m.start(), m.end()
        before = m.group(0)
        q = m.group("q")
        if present:
            why = "remove" if mode == "replace" else "remove, once the old SDK's code is gone,"
            findings.append(Finding("review", s, e, before, before, f"{new} is already a dependency: {why} {old} by hand"))
            continue
        if mode == "replace":
            splices.append(_Splice(s, e, f"{q}{entry}{q}"))
            findings.append(Finding("change", s, e, before, f"{q}{entry}{q}", f"{old} → {new}; sync Gradle"))
            continue
        ls, le = _line_bounds(text, s)
        line = text[ls:le]
        if line.count(before) != 1 or line.strip().startswith("//"):
            findings.append(
                Finding("review", s, e, before, before, f"add {new}:{version} beside {old} by hand")
            )
            continue
        copy = line.replace(before, f"{q}{entry}{q}").rstrip("\r")
        splices.append(_Splice(le, le, "\n" + copy))
        findings.append(
            Finding(
                "change",
                s,
                e,
                before,
                f"{before}, {q}{entry}{q}",
                _added(old, new, "; sync Gradle"),
            )
        )
    group, _, artifact = old.partition(":")
    for m in re.finditer(r"""group\s*[:=]\s*["']""" + re.escape(group) + r"""["']""", text):
        tail = text[m.end() : m.end() + 200]
        if re.match(r"""\s*,\s*name\s*[:=]\s*["']""" + re.escape(artifact) + r"""["']""", tail):
            findings.append(
                Finding("review", m.start(), m.end(), m.group(0), m.group(0),
                        f"{old} is declared in map form; replace it by {new}:{version} by hand")
            )
    return _apply(text, splices), findings


# -- listing a package without editing -------------------------------------------------------------
_BEFORE_BAD = {"swiftpm": r"[A-Za-z0-9_.-]"}
_FOLD = {"pypi", "swiftpm"}  # names compared case-insensitively (PEP 503; GitHub URLs)


def find_package(text: str, ecosystem: str, name: str) -> list[tuple[int, int]]:
    """Character spans where ``name`` appears as a whole package name in a manifest of
    ``ecosystem`` (``@types/mixpanel-browser`` is not ``mixpanel-browser``; ``AmplitudeSwift``
    is not ``Amplitude``). Comments count: a listed line is cheaper than a silent one."""
    body = re.escape(name)
    if ecosystem == "pypi":
        body = "[-_.]+".join(re.escape(part) for part in re.split(r"[-_.]+", name))
    if ecosystem == "npm":  # only keys of the dependency sections ("scripts" may name anything)
        out = []
        for sec in re.finditer(r'"(' + "|".join(NPM_SECTIONS) + r')"\s*:\s*\{', text):
            end = _object_end(text, sec.end() - 1)
            rx = re.compile('"(' + re.escape(name) + r')"\s*:')
            out += [(m.start(1), m.end(1)) for m in rx.finditer(text, sec.end(), end)]
        return sorted(out)
    before = _BEFORE_BAD.get(ecosystem, r"[A-Za-z0-9_.@/-]")
    rx = re.compile(f"(?<!{before}){body}(?![A-Za-z0-9_/-])", re.I if ecosystem in _FOLD else 0)
    return [(m.start(), m.end()) for m in rx.finditer(text)]
