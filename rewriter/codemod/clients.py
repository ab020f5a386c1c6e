"""SDK clients across the project: the unit of migration (design.md "Codemod v2", idea 1).

A *client* is one SDK object the app talks to, wherever the calls are written:

- ``<sdk>:default`` — an SDK's default singleton, reached through its module import in any file
  (``import * as amplitude from '@amplitude/analytics-browser'``, ``amplitude.getInstance()``,
  ``import mixpanel from 'mixpanel-browser'``): one client for the whole project;
- ``<sdk>:global:<name>`` — a snippet/CDN global (``window.amplitude``); it needs a loader
  somewhere in the project (a script tag, the snippet, a ``declare``), else it is not migrated;
- ``<sdk>:named:<name>`` — a named instance (``amplitude.getInstance('other')``);
- ``<sdk>:<module>#<name>`` — an instance created by a factory or constructor in one module
  (``Mixpanel.init(token)``, ``new Amplitude(key)``), followed through its exports.

Every file result lists the client uses it saw (``ClientUse``: rewritten or not, why) and the
clients its module exports (``ClientExport``). ``resolve`` reads them back: a client with any use
that cannot be rewritten is *blocked* — the engine then rewrites none of its uses, creation,
import or loader, and lists each for review naming the blocking site(s). Nothing here parses
source; the engine and the adapters fill these records in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from rewriter.codemod.project import display_module

UseKind = Literal["call", "creation", "export", "loader"]
DEFAULT, GLOBAL, NAMED = "default", "global", "named"
MAX_NAMED_BLOCKERS = 3  # sites quoted in one blocked-use reason; the rest are counted


def default_key(sdk: str) -> str:
    return f"{sdk}:{DEFAULT}"


def global_key(sdk: str, name: str) -> str:
    return f"{sdk}:{GLOBAL}:{name}"


def named_key(sdk: str, name: str) -> str:
    return f"{sdk}:{NAMED}:{name}"


def module_key(sdk: str, module: str, name: str) -> str:
    return f"{sdk}:{module}#{name}"


def describe(key: str) -> str:
    """A client key as a reviewer reads it: ``the amplitude global``, ``the amplitude-js default
    client``, ``client `mp` of src/analytics``."""
    sdk, _, rest = key.partition(":")
    if rest == DEFAULT:
        return f"the {sdk} default client"
    if rest.startswith(GLOBAL + ":"):
        return f"the `{rest.split(':', 1)[1]}` global ({sdk})"
    if rest.startswith(NAMED + ":"):
        return f"the {sdk} instance named {rest.split(':', 1)[1]!r}"
    module, _, name = rest.partition("#")
    module = display_module(module)
    if name == "*":  # a language resolving clients per file (see LanguageAdapter.client_ref)
        return f"the {sdk} client of {module}"
    return f"{sdk} client `{name}` of {module}"


@dataclass(frozen=True, slots=True)
class ClientUse:
    """One place a file touches a client: a call (``rewritten`` or, with ``reason``, listed), its
    creation, an export of it, its loader. ``line`` is 1-based in that file."""

    client: str
    line: int
    rewritten: bool
    reason: str | None = None
    kind: UseKind = "call"
    code: str = ""  # the call as written, for blocking messages


@dataclass(frozen=True, slots=True)
class ClientExport:
    """A client the module ``module`` (canonical, see ``project.module_id``) exports as ``name``
    (``default`` for ``export default``/``module.exports =``)."""

    module: str
    name: str
    client: str
    line: int


@dataclass(frozen=True)
class ProjectContext:
    """What a worker knows about the project when it rewrites one file (picklable).

    ``exports``: canonical module -> export name -> client key, for resolving imports of the app's
    own modules; ``blocked``: client key -> the reason every use of it stays; ``words``: bytes a
    file must contain to import one of the exporting modules (its prefilter needles, per sdk)."""

    exports: dict[str, dict[str, str]] = field(default_factory=dict)
    blocked: dict[str, str] = field(default_factory=dict)
    words: dict[str, tuple[bytes, ...]] = field(default_factory=dict)

    def exported(self, module: str | None, sdk: str) -> dict[str, str]:
        """What app module ``module`` exports as clients of ``sdk`` (export name -> client key)."""
        got = self.exports.get(module, {}) if module is not None else {}
        return {name: key for name, key in got.items() if key.startswith(sdk + ":")}


@dataclass
class Client:
    """Everything the run saw of one client, for ``scan`` and the reports."""

    key: str
    created: list[tuple[str, int]] = field(default_factory=list)  # (path, line)
    exported: list[tuple[str, str, int]] = field(default_factory=list)  # (path, name, line)
    rewritten: int = 0
    review: int = 0
    files: set[str] = field(default_factory=set)
    blockers: list[tuple[str, int, str]] = field(default_factory=list)  # (path, line, why)
    blocked: str | None = None  # the reason every use stays, when blocked

    @property
    def sdk(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def description(self) -> str:
        return describe(self.key)

    @property
    def uses(self) -> int:
        return self.rewritten + self.review


def collect(uses: Iterable[tuple[str, ClientUse]], exports: Iterable[tuple[str, ClientExport]]) -> dict[str, Client]:
    """Clients by key from ``(path, use)`` and ``(path, export)`` pairs of every file of the run."""
    out: dict[str, Client] = {}
    for path, u in uses:
        c = out.setdefault(u.client, Client(u.client))
        c.files.add(path)
        if u.kind == "creation":
            c.created.append((path, u.line))
        if u.kind in ("call", "creation"):
            if u.rewritten:
                c.rewritten += 1
            else:
                c.review += 1
        if not u.rewritten and u.reason is not None and u.kind in ("call", "creation", "export", "loader"):
            c.blockers.append((path, u.line, f"`{u.code}` ({u.reason})" if u.code else u.reason))
    for path, e in exports:
        c = out.setdefault(e.client, Client(e.client))
        c.exported.append((path, e.name, e.line))
    return out


def blocking_reasons(clients: dict[str, Client], unloaded: Iterable[str] = ()) -> dict[str, str]:
    """Client key -> why the client stays, for every client that cannot move whole.

    A client with any use left for review stays (with its creation, import and loader) and the
    reason names the blocking sites; a snippet global that nothing in the project loads stays too."""
    out: dict[str, str] = {}
    for key in unloaded:
        out[key] = (f"nothing in the project loads {describe(key)} (no <script> tag, snippet or `declare`); "
                    "run on the whole project, or migrate by hand")
    for key, c in clients.items():
        if key in out or not c.blockers:
            continue
        sites = sorted(set(c.blockers))
        named = "; ".join(f"{p}:{line} {why}" for p, line, why in sites[:MAX_NAMED_BLOCKERS])
        more = f" and {len(sites) - MAX_NAMED_BLOCKERS} more" if len(sites) > MAX_NAMED_BLOCKERS else ""
        out[key] = f"{describe(key)} stays whole until every use can move; blocked by {named}{more}"
    return out


def blocked_message(reason: str) -> str:
    """The review text of a use that stays only because its client is blocked."""
    return f"not migrated: {reason}"


_CURRENT: list[ProjectContext] = []


def current() -> ProjectContext | None:
    """The project context of the files being rewritten in this process (None: one file alone,
    as rule fixture pairs and ``rewrite_source`` callers without a project see it)."""
    return _CURRENT[0] if _CURRENT else None


def use_context(ctx: ProjectContext | None) -> None:
    """Set the project context of this process (a worker's initializer, or an in-process run)."""
    _CURRENT[:] = [ctx] if ctx is not None else []
