"""SDK profiles: what differs between the SDKs of one vendor, as data (``sdks/<id>.yaml``).

Semantics (``semantics.py``) know the vendors; profiles know one SDK generation: its profile
method spellings mapped to neutral operation kinds, the credential placeholder, how residency is
configured, which init options must be reviewed, its packages, and the notes specific to it. A
profile may ``extends:`` another (a mapping merge, the child winning), so the Amplitude browser
SDK generations share one description. A new SDK generation is one data file plus fixture pairs.

This module loads and validates; it never decides a mapping.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class ProfileError(ValueError):
    """An SDK profile cannot be used; ``str()`` names the file."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Credential(_Strict):
    placeholder: str
    what: str


class Region(_Strict):
    options: list[str] = Field(default_factory=list, description="init option names that carry residency")
    values: dict[str, dict[str, str | bool]] = Field(
        default_factory=dict, description="region -> the init settings that select it (dotted names nest)"
    )


class InitSpec(_Strict):
    ignored: list[str] = Field(default_factory=list, description="options that mean nothing after a migration")
    review: dict[str, str] = Field(default_factory=dict, description="options whose presence needs a human")
    custom_host_option: str = "serverUrl"


class Notes(_Strict):
    profile_update: str | None = None
    target_init: str | None = None
    min_id_length: str | None = None
    group_needs_user: str | None = None
    flush: str | None = None


class SdkProfile(_Strict):
    id: str
    vendor: Literal["amplitude", "mixpanel"]
    family: str
    packages: dict[str, str] = Field(default_factory=dict, description="ecosystem (npm, pypi, maven...) -> package")
    versions: dict[str, str] = Field(default_factory=dict, description="ecosystem -> version spec a manifest gets")
    client: str
    style: Literal["client", "server"] = "client"
    credential: Credential
    region: Region = Region()
    privacy: dict[str, dict[str, str | bool]] = Field(
        default_factory=dict, description="privacy switch (ip_off) -> the init settings that turn it on"
    )
    init: InitSpec = InitSpec()
    time_unit: Literal["seconds", "milliseconds", "mixed"] = "milliseconds"
    profile_ops: dict[Literal["user", "group"], dict[str, str]] = Field(default_factory=dict)
    notes: Notes = Notes()
    imports: list[str] = Field(default_factory=list, description="fully qualified client class, as a file imports it")
    methods: dict[str, str] = Field(default_factory=dict, description="neutral operation -> method name, for printers")
    signatures: dict[str, list[str]] = Field(
        default_factory=dict, description="method -> parameter labels in order, to bind labelled arguments"
    )
    path: str = ""

    def neutral(self, scope: Literal["user", "group"], method: str) -> str | None:
        """The neutral operation kind of this SDK's profile method ``method`` (None: not one)."""
        return self.profile_ops.get(scope, {}).get(method)

    def method(self, scope: Literal["user", "group"], kind: str) -> str | None:
        """This SDK's spelling of neutral kind ``kind`` for ``scope`` (None: it cannot express it)."""
        for spelled, neutral in self.profile_ops.get(scope, {}).items():
            if neutral == kind:
                return spelled
        return None

    @property
    def is_server(self) -> bool:
        return self.style == "server"


def builtin_sdks_dir() -> Path:
    """``rewriter/_sdks`` in a wheel, ``sdks/`` in a checkout."""
    package = Path(__file__).resolve().parents[2]
    for candidate in (package / "_sdks", package.parent / "sdks"):
        if candidate.is_dir():
            return candidate
    return package / "_sdks"


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in child.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _raw(folder: Path, sdk_id: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
    path = folder / f"{sdk_id}.yaml"
    if sdk_id in seen:
        raise ProfileError(f"{path}: extends cycle: {' -> '.join((*seen, sdk_id))}")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot load SDK profile: {exc}") from exc
    if not isinstance(data, dict):
        raise ProfileError(f"{path}: an SDK profile must be a YAML mapping")
    parent = data.pop("extends", None)
    if parent is not None:
        data = _merge(_raw(folder, str(parent), (*seen, sdk_id)), data)
    data["path"] = str(path)
    return data


@cache
def load_profile(sdk_id: str, folder: str | None = None) -> SdkProfile:
    """The validated profile of ``sdk_id`` (cached per process)."""
    root = Path(folder) if folder else builtin_sdks_dir()
    if not (root / f"{sdk_id}.yaml").is_file():
        raise ProfileError(f"no SDK profile {sdk_id!r} in {root}")
    data = _raw(root, sdk_id)
    try:
        return SdkProfile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ProfileError(f"{data['path']}: {where}: {err['msg']}") from exc


@cache
def unprofiled_packages() -> dict[str, dict[str, str]]:
    """``sdks/_packages.yaml``: ecosystem -> package -> vendor, for the vendors' packages no SDK
    profile describes (no pack migrates them: their calls and dependencies are listed)."""
    path = builtin_sdks_dir() / "_packages.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return {}
    return {str(eco): {str(k): str(v) for k, v in (names or {}).items()} for eco, names in (data or {}).items()}


def all_profiles(folder: str | None = None) -> list[SdkProfile]:
    root = Path(folder) if folder else builtin_sdks_dir()
    return [load_profile(p.stem, folder) for p in sorted(root.glob("*.yaml")) if not p.name.startswith("_")]
