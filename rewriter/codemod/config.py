"""Project configuration: ``.rewriter.toml`` or ``[tool.rewriter]`` in ``pyproject.toml``.

A configured repository needs no flags: ``rewriter migrate --check`` finds the nearest config by
walking up from the current directory (in one directory ``.rewriter.toml`` wins over
``pyproject.toml``; a ``pyproject.toml`` without a ``[tool.rewriter]`` table is passed over).
Relative paths in a config are relative to the file's directory, never to wherever the command
happens to run. Unknown keys and wrong types are errors (a typo must not silently turn a gate
off). Flags override the config; the CLI does that merge, this module only reads.

Keys::

    to = "mixpanel"                       # direction: the vendor to migrate to
    paths = ["src", "app"]                # what to migrate when no path is given
    include = ["src/**/*.ts"]             # gitignore-style patterns a file must match (any)
    exclude = ["src/legacy/**"]           # gitignore-style patterns that drop a file
    rules = ["tools/rewriter-rules"]      # extra rule packs (files or folders)
    target-sdk = "mixpanel-browser"       # target SDK when several exist
    baseline = ".rewriter-baseline.json"  # accepted sites for the --check gate
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONFIG_NAMES = (".rewriter.toml", "pyproject.toml")
_LISTS = ("paths", "include", "exclude", "rules")
_STRINGS = ("to", "target-sdk", "baseline")


class ConfigError(ValueError):
    """A config file that cannot be used (exit code 2); ``str()`` names the file."""


@dataclass(frozen=True)
class Config:
    """Settings from one config file (or none: ``path`` is None and every field is empty)."""

    path: str | None = None
    root: str = "."
    to: str | None = None
    paths: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    target_sdk: str | None = None
    baseline: str | None = None


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("rewriter")
        if table is None:
            return None
        where = "[tool.rewriter]"
    else:
        table, where = data, "file"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    return table


def load_config(path: str | Path) -> Config:
    """Read one config file. ``ConfigError`` for bad TOML, unknown keys or wrong types."""
    p = Path(path)
    table = _table(p)
    if table is None:
        raise ConfigError(f"{p}: no [tool.rewriter] table")
    root = p.resolve().parent
    unknown = sorted(set(table) - set(_LISTS) - set(_STRINGS) - {"target_sdk"})
    if unknown:
        raise ConfigError(
            f"{p}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_LISTS + _STRINGS))}"
        )
    values: dict[str, Any] = {}
    for key in _LISTS:
        v = table.get(key, [])
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ConfigError(f"{p}: {key} must be a list of strings")
        values[key] = tuple(v)
    for key in _STRINGS:
        v = table.get(key, table.get("target_sdk") if key == "target-sdk" else None)
        if v is not None and not isinstance(v, str):
            raise ConfigError(f"{p}: {key} must be a string")
        values[key] = v
    if values["to"] is not None and values["to"] not in ("mixpanel", "amplitude"):
        raise ConfigError(f'{p}: to must be "mixpanel" or "amplitude", not {values["to"]!r}')

    def here(x: str) -> str:
        return str(root / x)

    return Config(
        path=str(p),
        root=str(root),
        to=values["to"],
        paths=tuple(here(x) for x in values["paths"]),
        include=values["include"],
        exclude=values["exclude"],
        rules=tuple(here(x) for x in values["rules"]),
        target_sdk=values["target-sdk"],
        baseline=here(values["baseline"]) if values["baseline"] else None,
    )


def find_config(start: str | Path = ".") -> Config:
    """The nearest config at or above ``start``; an empty ``Config`` when there is none."""
    here = Path(start).resolve()
    for d in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = d / name
            if candidate.is_file() and _table(candidate) is not None:
                return load_config(candidate)
    return Config(root=str(here))


@dataclass(frozen=True)
class Settings:
    """What one run uses after flags override the config (the CLI builds it, the library runs it)."""

    to: str
    paths: tuple[str, ...]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    rules: tuple[str, ...]
    target_sdk: str | None
    baseline: str | None
    base: str  # directory include/exclude patterns are relative to
    config: str | None


def resolve(
    cfg: Config,
    *,
    to: str | None = None,
    paths: list[str] | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    rules: list[str] | None = None,
    target_sdk: str | None = None,
    baseline: str | None = None,
) -> Settings:
    """Merge flags over ``cfg``: a flag given replaces the config's value (lists too, so a
    command line never depends on what a config adds behind it). ``ConfigError`` when the
    direction is known from neither."""
    direction = to or cfg.to
    if direction is None:
        where = (
            f" (or set `to` in {cfg.path})"
            if cfg.path
            else " (or set `to` in .rewriter.toml / [tool.rewriter])"
        )
        raise ConfigError(f"--to is required{where}")
    chosen_paths = tuple(paths) if paths else (cfg.paths or ((cfg.root,) if cfg.path else ()))
    return Settings(
        to=direction,
        paths=chosen_paths,
        include=tuple(include) if include else cfg.include,
        exclude=tuple(exclude) if exclude else cfg.exclude,
        rules=tuple(rules) if rules else cfg.rules,
        target_sdk=target_sdk or cfg.target_sdk,
        baseline=baseline or cfg.baseline,
        base=cfg.root,
        config=cfg.path,
    )
