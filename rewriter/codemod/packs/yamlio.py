"""YAML loading that remembers where every value came from.

Rule-file errors must name ``file:line``; PyYAML's composed node tree carries the marks, so we
build plain Python data and a ``path -> line`` map in one pass. Never uses ``yaml.load`` (unsafe).
"""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]


class YamlError(ValueError):
    """A YAML syntax error, with a 1-based line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


# libyaml's C parser when PyYAML has it (composing the shipped packs and profiles is part of every
# run's start-up); the pure-Python one otherwise. Both give the same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_lines(text: str) -> tuple[Any, dict[Path, int]]:
    """Parse ``text`` and return ``(data, lines)`` where ``lines[path]`` is the 1-based line of a value."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlError(str(exc.problem or exc), (mark.line + 1) if mark else 1) from exc
    except yaml.YAMLError as exc:
        raise YamlError(str(exc), 1) from exc
    lines: dict[Path, int] = {}
    if root is None:
        return None, lines
    constructor = yaml.SafeLoader("")

    def build(node: yaml.Node, path: Path) -> Any:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node, deep=True)
                lines[(*path, key)] = key_node.start_mark.line + 1
                out[key] = build(value_node, (*path, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(child, (*path, i)) for i, child in enumerate(node.value)]
        return constructor.construct_object(node, deep=True)

    return build(root, ()), lines


def line_for(lines: dict[Path, int], path: Path) -> int:
    """Best line for ``path``: the deepest known prefix (pydantic locations may point past the data)."""
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            return lines[path[:cut]]
    return 1
