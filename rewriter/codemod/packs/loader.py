"""Load and validate rule packs: YAML data in, typed ``RulePack`` objects out.

A rule pack is one YAML file per (direction, SDK). Every problem is reported as
``RuleFileError`` naming ``file:line`` so a user can fix their own pack without reading our code.
This module never matches code; patterns are compiled (and so checked) by the language adapters.
"""

from __future__ import annotations

import copy
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from rewriter.codemod.packs.yamlio import YamlError, line_for, load_with_lines

Vendor = Literal["amplitude", "mixpanel"]
METAVAR_RE = re.compile(r"\${1,3}[A-Z_][A-Z0-9_]*")


@cache
def _compiled_rx(pattern: str) -> re.Pattern[bytes]:
    return re.compile(pattern.encode())


def _found(pattern: str, source: bytes) -> bool:
    if re.fullmatch(r"[A-Za-z0-9_]+", pattern):
        return pattern.encode() in source  # a plain word: a substring test is enough
    return _compiled_rx(pattern).search(source) is not None


class RuleFileError(ValueError):
    """A rule pack cannot be used; ``str()`` is ``file:line: message``."""

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bind(_Strict):
    """How a file reaches the SDK: the engine resolves ``$SDK`` from these."""

    modules: list[str] = Field(default_factory=list, description="import/require sources")
    globals: list[str] = Field(default_factory=list, description="script-snippet globals")
    global_hint: str | list[str] | None = Field(
        None,
        description="regex a file must contain for a global to bind; a list combines terms "
        "(a leading '!' negates one) with global_hint_mode",
    )
    global_hint_mode: Literal["all", "any"] = "all"

    def global_allowed(self, source: bytes) -> bool:
        """Whether the file's text allows the snippet globals to bind (several cheap searches
        instead of one regex with look-aheads, which costs a full scan per attempt)."""
        if self.global_hint is None:
            return True
        terms = [self.global_hint] if isinstance(self.global_hint, str) else self.global_hint
        results = (not _found(t[1:], source) if t.startswith("!") else _found(t, source) for t in terms)
        return all(results) if self.global_hint_mode == "all" else any(results)
    instances: list[str] = Field(default_factory=list, description="methods returning an instance")
    factories: list[str] = Field(default_factory=list, description="module calls returning a client")
    named_imports: bool = False
    all_names: bool = Field(
        False, description="every name imported from these modules is an SDK root (review-only packs for SDKs no pack migrates)"
    )
    classes: list[str] = Field(
        default_factory=list,
        description="named exports that are the SDK's client class (`import { Mixpanel }`): the class binds "
        "like a module (its static factories work) and `new Class(...)` creates a client",
    )


class Target(_Strict):
    """The SDK the rewritten code talks to, and how to import it."""

    sdk: str
    name: str
    esm: str | None = None
    cjs: str | None = None
    setup: str | None = Field(
        None, description="statement added after the target import when the file has no client of its own"
    )


class Where(_Strict):
    """Constraints on one metavariable's capture."""

    regex: str | None = None
    not_regex: str | None = None
    kind: list[str] | None = None
    max_items: int | None = None
    min_items: int | None = None


class Rule(_Strict):
    """One mapping: ``match`` plus exactly one of ``fix``/``transform``/``review``."""

    id: str
    match: list[str]
    fix: str | None = None
    transform: str | None = None
    op: str | None = Field(None, description="an operation read, translated once, and printed per language")
    review: str | None = None
    note: str | None = None
    where: dict[str, Where] = Field(default_factory=dict)
    options: dict[str, str | int | bool | list[str]] = Field(default_factory=dict)
    operation: str | None = None
    rationale: str | None = Field(None, description="why the mapping is what it is (explain, SARIF help)")
    suggestion: str | None = Field(None, description="replacement a human could write, for review rules")

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", v):
            raise ValueError("rule id must be lower-case letters, digits, '.', '_' or '-'")
        return v

    @field_validator("match", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _one_action(self) -> Rule:
        actions = [a for a in ("fix", "op", "transform", "review") if getattr(self, a) is not None]
        if len(actions) != 1:
            raise ValueError("a rule needs exactly one of fix, op, transform or review")
        if not self.match:
            raise ValueError("match needs at least one pattern")
        if self.fix is not None:
            captured = {m.lstrip("$") for p in self.match for m in METAVAR_RE.findall(p)}
            for used in METAVAR_RE.findall(self.fix):
                if used.lstrip("$") not in captured:
                    raise ValueError(f"fix uses {used}, which no match pattern captures")
        return self


class RulePack(_Strict):
    """A validated rule pack. ``path`` and ``lines`` locate every rule for messages."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    from_: Vendor = Field(alias="from")
    to: Vendor
    sdk: str
    languages: list[str]
    description: str = ""
    prefilter: list[str] = Field(default_factory=list)
    bind: Bind
    target: Target
    default: bool = Field(
        False, description="the default among packs for one source SDK that differ by target SDK"
    )
    rules: list[Rule]
    path: str = ""
    rule_lines: dict[str, int] = Field(default_factory=dict)
    unmapped: str | None = Field(
        None, description="review text for a call no rule maps ({call}: the call); default: 'no rule maps ...'"
    )

    @model_validator(mode="after")
    def _checks(self) -> RulePack:
        if self.from_ == self.to:
            raise ValueError("from and to must differ")
        seen: set[str] = set()
        for r in self.rules:
            if r.id in seen:
                raise ValueError(f"duplicate rule id {r.id!r}")
            seen.add(r.id)
        return self

    @property
    def review_only(self) -> bool:
        """A pack without rules (an SDK no pack migrates): it only lists calls for review and
        has no SDK profiles behind it."""
        return not self.rules

    def qualified(self, rule: Rule) -> str:
        """The id reports use: ``<sdk>/<rule-id>``."""
        return f"{self.sdk}/{rule.id}"

    def prefilter_needles(self) -> tuple[bytes, ...]:
        """Byte strings at least one of which a file must contain to be parsed at all."""
        # An app module named by path (./src/services/amplitude) is imported under many spellings
        # (../../services/amplitude, @/services/amplitude): its last segment is what they share.
        modules = [m.rstrip("/").rsplit("/", 1)[-1] if m.startswith(("./", "/")) else m for m in self.bind.modules]
        words = self.prefilter or [*modules, *self.bind.globals]
        return tuple(w.encode() for w in words)


def _loc_to_path(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    return tuple("from" if p == "from_" else p for p in loc)


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[tuple[str | int, ...], int]]:
    """A pack file's data and line map; parsed once per file version (a base pack is read by
    every pack that ``extends:`` it), handed out as a copy because loading consumes it."""
    try:
        st = path.stat()
    except OSError as exc:
        raise RuleFileError(path, 1, f"cannot read rule file: {exc}") from exc
    data, lines = _parse_yaml(str(path), st.st_mtime_ns, st.st_size)
    return copy.deepcopy(data), lines


@lru_cache(maxsize=256)
def _parse_yaml(path_str: str, _mtime_ns: int, _size: int) -> tuple[dict[str, Any], dict[tuple[str | int, ...], int]]:
    path = Path(path_str)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(path, 1, f"cannot read rule file: {exc}") from exc
    try:
        data, lines = load_with_lines(text)
    except YamlError as exc:
        raise RuleFileError(path, exc.line, f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(path, 1, "a rule pack must be a YAML mapping")
    return data, lines


def _read_pack(path: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], dict[tuple[str | int, ...], int], dict[str, int]]:
    """A pack's data with its ``extends:`` resolved: the parent's keys, the child's keys on top,
    and rules merged by id — a child rule with a parent's id replaces it in place, new rules
    follow, ``drop_rules: [id, ...]`` removes inherited ones. Lines of inherited rules are the
    parent file's (messages about them say so)."""
    data, lines = _read_yaml(path)
    rule_lines: dict[str, int] = {}
    for i, r in enumerate(data.get("rules") or []):
        if isinstance(r, dict) and isinstance(r.get("id"), str):
            rule_lines[r["id"]] = lines.get(("rules", i), 1)
    parent_name = data.pop("extends", None)
    drop = data.pop("drop_rules", None) or []
    if parent_name is None:
        if drop:
            raise RuleFileError(path, lines.get(("drop_rules",), 1), "drop_rules needs extends")
        return data, lines, rule_lines
    parent_path = (path.parent / str(parent_name)).resolve()
    if parent_path in seen or parent_path == path.resolve():
        raise RuleFileError(path, lines.get(("extends",), 1), f"extends cycle through {parent_name}")
    if not parent_path.is_file():
        raise RuleFileError(path, lines.get(("extends",), 1), f"extends: no pack file {parent_name!r} next to this one")
    base, _base_lines, base_rule_lines = _read_pack(parent_path, (*seen, path.resolve()))
    own = [r for r in data.pop("rules", None) or [] if isinstance(r, dict)]
    by_id = {r.get("id"): r for r in own}
    rules = []
    for r in base.get("rules") or []:
        rid = r.get("id") if isinstance(r, dict) else None
        if rid in drop:
            continue
        rules.append(by_id.pop(rid) if rid in by_id else r)
    rules.extend(r for r in own if r.get("id") in by_id)
    merged = {**{k: v for k, v in base.items() if k != "rules"}, **data, "rules": rules}
    return merged, lines, {**base_rule_lines, **rule_lines}


def load_pack(path: str | Path, *, check_patterns: bool = True) -> RulePack:
    """Load and validate one pack file; raise ``RuleFileError`` with file:line on any problem.

    ``check_patterns=False`` skips compiling every pattern for every language (the costliest
    check, which imports every grammar); it is only used for the shipped packs, which the test
    suite and ``rewriter rules validate`` check in full. Patterns are compiled on first use anyway."""
    path = Path(path)
    data, lines, rule_lines = _read_pack(path, ())
    try:
        pack = RulePack.model_validate({**data, "path": str(path), "rule_lines": rule_lines})
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = _loc_to_path(tuple(err["loc"]))
        where = ".".join(str(p) for p in loc) or "pack"
        raise RuleFileError(path, line_for(lines, loc), f"{where}: {err['msg']}") from exc
    # Patterns are checked by the adapters of the pack's languages (import here avoids a cycle).
    from rewriter.codemod.lang import get_adapter, known_languages

    for lang in pack.languages:
        if lang not in known_languages():
            raise RuleFileError(path, lines.get(("languages",), 1), f"unknown language {lang!r}")
    from rewriter.codemod.transforms import TRANSFORMS

    hints = pack.bind.global_hint
    for term in [hints] if isinstance(hints, str) else hints or []:
        try:
            re.compile(term.removeprefix("!").encode())
        except re.error as exc:
            raise RuleFileError(path, lines.get(("bind", "global_hint"), 1), f"bind.global_hint: bad regex: {exc}") from exc

    for i, rule in enumerate(pack.rules):
        line = lines.get(("rules", i), 1)
        if rule.transform is not None and rule.transform not in TRANSFORMS:
            raise RuleFileError(path, line, f"rule {rule.id}: unknown transform {rule.transform!r}")
        if rule.op is not None and check_patterns:
            unsupported = [lang for lang in pack.languages if rule.op not in get_adapter(lang).operations]
            if unsupported:
                raise RuleFileError(path, line, f"rule {rule.id}: no {', '.join(unsupported)} reader/printer for op {rule.op!r}")
        for key, w in rule.where.items():
            for rx in (w.regex, w.not_regex):
                if rx is not None:
                    try:
                        re.compile(rx)
                    except re.error as exc:
                        raise RuleFileError(path, line, f"rule {rule.id}: where.{key}: bad regex: {exc}") from exc
        for lang in pack.languages if check_patterns else ():
            adapter = get_adapter(lang)
            for j, pattern in enumerate(rule.match):
                try:
                    adapter.compile_pattern(pattern)
                except ValueError as exc:
                    pline = lines.get(("rules", i, "match", j), lines.get(("rules", i, "match"), line))
                    raise RuleFileError(path, pline, f"rule {rule.id}: pattern does not parse as {lang}: {exc}") from exc
    return pack


def builtin_rules_dir() -> Path:
    """Where the shipped packs live: ``rewriter/_rules`` in a wheel, ``rules/`` in a checkout."""
    package = Path(__file__).resolve().parents[2]  # rewriter/
    for candidate in (package / "_rules", package.parent / "rules"):
        if candidate.is_dir():
            return candidate
    return package / "_rules"


def pack_files(root: str | Path) -> list[Path]:
    """All ``*.yaml`` packs under ``root`` (a file is returned as itself), sorted."""
    root = Path(root)
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


@cache
def _builtin_packs() -> tuple[RulePack, ...]:
    shipped = tuple(load_pack(p, check_patterns=False) for p in pack_files(builtin_rules_dir()))
    return shipped + _unsupported_packs(shipped)


JS_LANGUAGES = ["javascript", "typescript", "tsx"]


def _unsupported_packs(shipped: tuple[RulePack, ...]) -> tuple[RulePack, ...]:
    """A review-only pack for every npm package of either vendor that no shipped pack migrates
    (``sdks/_packages.yaml``): its calls are listed as "unsupported SDK <package>", never left
    silently and never reported as an unchanged file (issue 10). Built from data at load time."""
    from rewriter.codemod.ops.profiles import builtin_sdks_dir, unprofiled_packages

    path = builtin_sdks_dir() / "_packages.yaml"
    covered = {m for p in shipped for m in p.bind.modules}
    out = []
    for package, vendor in unprofiled_packages().get("npm", {}).items():
        if package in covered or package.startswith("@types/") or vendor not in ("amplitude", "mixpanel"):
            continue
        other = "mixpanel" if vendor == "amplitude" else "amplitude"
        out.append(RulePack.model_validate({
            "from": vendor, "to": other, "sdk": package, "languages": JS_LANGUAGES,
            "description": f"{package}: no rule pack migrates this SDK yet (review only)",
            "bind": {"modules": [package], "named_imports": True, "all_names": True},
            "target": {"sdk": "none", "name": "__none__"},
            "rules": [],
            "unmapped": f"unsupported SDK {package}: no rule pack migrates it; migrate {{call}} by hand",
            "path": str(path),
        }))
    return tuple(out)


def load_packs(extra: list[str | Path] | None = None, *, builtin: bool = True) -> list[RulePack]:
    """The shipped packs plus a user's own (``--rules``), all validated."""
    packs: list[RulePack] = list(_builtin_packs()) if builtin else []
    for root in extra or []:
        files = pack_files(root)
        if not files:
            raise RuleFileError(root, 1, "no *.yaml rule packs found")
        packs.extend(load_pack(p) for p in files)
    return packs


def select_packs(packs: list[RulePack], to: Vendor, target_sdk: str | None = None) -> list[RulePack]:
    """Packs that migrate *to* ``to`` (optionally only those emitting ``target_sdk``)."""
    by_sdk: dict[str, list[RulePack]] = {}
    for p in packs:
        if p.to == to:
            by_sdk.setdefault(p.sdk, []).append(p)
    out: list[RulePack] = []
    for group in by_sdk.values():
        # Alternatives for one source SDK differ by target SDK; the one flagged `default: true`
        # is the default, else the first listed.
        targets = [p.target.sdk for p in group]
        flagged = [p.target.sdk for p in group if p.default]
        wanted = target_sdk if target_sdk in targets else (flagged or targets)[0]
        out.extend(p for p in group if p.target.sdk == wanted)
    return out
