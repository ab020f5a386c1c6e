"""``rewriter rules validate``: every problem of a rule pack file in one run, as ``file:line:col``.

``loader.load_pack`` stops at the first problem (a run cannot use a broken pack anyway); a pack
author fixing a file wants them all at once, each pointing at the offending value: schema errors
(all of pydantic's, not the first), unknown languages and transforms, bad regexes, and patterns
that do not parse, where the column inside a one-line pattern is added to the pattern's own
column so the position is the real one in the YAML file. It reuses the loader's models and never
changes them; a YAML syntax error is the one problem that ends the check early (nothing after it
can be read reliably).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from rewriter.codemod.packs.loader import Rule, RulePack

Pos = tuple[int, int]
Loc = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: 1-based line and column in the pack file."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


@dataclass(frozen=True)
class _Node:
    pos: Pos
    style: str | None  # the scalar's quote style, None for plain or non-scalars


def _positions(text: str) -> tuple[Any, dict[Loc, _Node]]:
    """Parse YAML; map every value's path to where the value starts, and its quote style."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    where: dict[Loc, _Node] = {}
    if root is None:
        return None, where
    ctor = yaml.SafeLoader("")

    def build(node: yaml.Node, path: Loc) -> Any:
        style = node.style if isinstance(node, yaml.ScalarNode) else None
        where[path] = _Node((node.start_mark.line + 1, node.start_mark.column + 1), style)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for k, v in node.value:
                key = ctor.construct_object(k, deep=True)
                out[key] = build(v, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(c, (*path, i)) for i, c in enumerate(node.value)]
        return ctor.construct_object(node, deep=True)

    return build(root, ()), where


def _loc_to_path(loc: tuple[str | int, ...]) -> Loc:
    """pydantic names the ``from`` field ``from_``; the file says ``from``."""
    return tuple("from" if p == "from_" else p for p in loc)


def _at(where: dict[Loc, _Node], loc: Loc) -> Pos:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in where:
            return where[loc[:cut]].pos
    return (1, 1)


def validate_pack_file(path: str | Path) -> list[Problem]:
    """Every problem found in one pack file (empty: the pack is fine)."""
    p = Path(path)
    name = str(p)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(name, 1, 1, f"cannot read rule file: {exc}")]
    try:
        data, where = _positions(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return [Problem(name, line, col, f"invalid YAML: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return [Problem(name, 1, 1, f"invalid YAML: {exc}")]
    if not isinstance(data, dict):
        return [Problem(name, 1, 1, "a rule pack must be a YAML mapping")]
    problems: list[Problem] = []
    try:
        RulePack.model_validate({**data, "path": name})
    except ValidationError as exc:
        for err in exc.errors():
            loc = _loc_to_path(tuple(err["loc"]))
            line, col = _at(where, loc)
            label = ".".join(str(x) for x in loc) or "pack"
            problems.append(Problem(name, line, col, f"{label}: {err['msg']}"))
    problems += _semantic(name, data, where)
    return sorted(set(problems))


def _semantic(name: str, data: dict[str, Any], where: dict[Loc, _Node]) -> list[Problem]:
    """Checks beyond the schema, rule by rule, so one bad rule does not hide the others."""
    from rewriter.codemod.lang import get_adapter, known_languages
    from rewriter.codemod.transforms import TRANSFORMS

    out: list[Problem] = []
    langs = data.get("languages") if isinstance(data.get("languages"), list) else []
    usable = []
    for i, lang in enumerate(langs):
        if isinstance(lang, str) and lang in known_languages():
            usable.append(lang)
        else:
            out.append(Problem(name, *_at(where, ("languages", i)), f"unknown language {lang!r}"))
    bind = data.get("bind") if isinstance(data.get("bind"), dict) else {}
    hints = bind.get("global_hint")
    for j, term in enumerate([hints] if isinstance(hints, str) else hints if isinstance(hints, list) else []):
        loc: Loc = ("bind", "global_hint") if isinstance(hints, str) else ("bind", "global_hint", j)
        if isinstance(term, str):
            try:
                re.compile(term.removeprefix("!").encode())
            except re.error as exc:
                out.append(Problem(name, *_at(where, loc), f"bind.global_hint: bad regex: {exc}"))
    rules = data.get("rules") if isinstance(data.get("rules"), list) else []
    for i, raw in enumerate(rules):
        try:
            rule = Rule.model_validate(raw)
        except ValidationError:
            continue  # already reported by the schema check
        if rule.transform is not None and rule.transform not in TRANSFORMS:
            out.append(
                Problem(
                    name,
                    *_at(where, ("rules", i, "transform")),
                    f"rule {rule.id}: unknown transform {rule.transform!r}",
                )
            )
        for key, w in rule.where.items():
            for field, rx in (("regex", w.regex), ("not_regex", w.not_regex)):
                if rx is not None:
                    try:
                        re.compile(rx)
                    except re.error as exc:
                        out.append(
                            Problem(
                                name,
                                *_at(where, ("rules", i, "where", key, field)),
                                f"rule {rule.id}: where.{key}.{field}: bad regex: {exc}",
                            )
                        )
        many = isinstance(raw.get("match"), list)
        for j, pattern in enumerate(rule.match):
            loc = ("rules", i, "match", j) if many else ("rules", i, "match")
            for lang in usable:
                try:
                    get_adapter(lang).compile_pattern(pattern)
                except ValueError as exc:
                    line, col = _pattern_pos(where, loc, pattern, str(exc))
                    out.append(
                        Problem(name, line, col, f"rule {rule.id}: pattern does not parse as {lang}: {exc}")
                    )
    return out


def _pattern_pos(where: dict[Loc, _Node], loc: Loc, pattern: str, message: str) -> Pos:
    """Where in the file a pattern's error is: the scalar's start plus the column the parser
    named, for one-line plain or quoted scalars (elsewhere the scalar's start)."""
    node = where.get(loc)
    if node is None:
        return _at(where, loc)
    m = re.search(r"(?:line 1, )?column (\d+)", message)
    if m is None or "\n" in pattern or node.style not in (None, "'", '"'):
        return node.pos
    line, col = node.pos
    return line, col + (1 if node.style else 0) + int(m.group(1)) - 1
