"""The language-neutral model of an SDK call: operations whose values keep their source text.

A reader fills these from syntax; ``semantics.translate`` maps them from one vendor to the other;
a printer writes them back as source. Values carry the verbatim source text (with any rewrite
already planned inside them), their span, and — when the code is a literal — what kind of literal
it is, so semantics can decide without ever seeing a syntax tree. ``node`` is the reader's own
syntax node: only the printer of the same language may look at it (for layout), never semantics.

Nothing here parses, prints or decides; it is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

ValueKind = Literal[
    "string",  # a string literal without interpolation (``literal`` holds its value)
    "number",
    "bool",
    "null",  # null / undefined / None / nil, including wrapped forms like ``(null as any)``
    "map",  # an object/dict literal; ``entries`` set when every entry is a plain key: value
    "list",  # an array/list/tuple literal; ``items`` set when it has no spreads
    "config",  # a read of configuration: env var, settings attribute, build config (``config_name``)
    "name",  # a plain variable or parameter
    "function",
    "other",  # any other expression (call, member access, template...)
]


@dataclass(frozen=True, slots=True)
class Value:
    """One argument or property value, copied verbatim into the output."""

    text: str
    kind: ValueKind = "other"
    start: int = 0
    end: int = 0
    literal: str | None = None
    entries: tuple[Entry, ...] | None = None
    items: tuple[Value, ...] | None = None
    config_name: str | None = None  # for kind "config": the configuration key (MIXPANEL_TOKEN)
    node: Any = field(default=None, compare=False, repr=False)

    @property
    def is_null(self) -> bool:
        return self.kind == "null"

    def with_text(self, text: str) -> Value:
        return replace(self, text=text)


@dataclass(frozen=True, slots=True)
class Entry:
    """``key: value`` of a literal map; ``name`` is the key's static value (None when computed)."""

    key: Value
    value: Value
    name: str | None = None


def synthetic(text: str, kind: ValueKind = "other", literal: str | None = None) -> Value:
    """A value the translation made up (a placeholder credential, a constant)."""
    return Value(text=text, kind=kind, literal=literal)


# -- operations -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Init:
    """Create/initialise a client. ``options`` are the literal config entries read (None: no
    config); ``settings`` are the target's init settings chosen by semantics (residency, privacy),
    as dotted names and literal values for the printer; ``user`` is an init-time user id."""

    credential: Value
    options: tuple[Entry, ...] | None = None
    user: Value | None = None
    settings: tuple[tuple[str, str | bool], ...] = ()


@dataclass(frozen=True, slots=True)
class Track:
    """Send one event. ``fields`` are the event-level extras by neutral name (insert_id, time, ip,
    groups...), ``unknown`` names fields the reader saw but no neutral name covers."""

    event: Value
    props: Value | None = None
    user: Value | None = None
    device: Value | None = None
    fields: tuple[tuple[str, Value], ...] = ()
    unknown: tuple[str, ...] = ()
    extra_props: tuple[tuple[str, Value], ...] = ()  # set by semantics: special keys to add to props


@dataclass(frozen=True, slots=True)
class PropOp:
    """One profile operation: ``kind`` is neutral (set, set_once, add, append, union, remove, unset,
    prepend, pre_insert, clear_all); ``spelled`` is the source method name, for messages."""

    kind: str
    key: Value | None
    value: Value | None = None
    spelled: str = ""
    key_name: str | None = None  # static key text, for duplicate detection and special keys
    implied_value: bool = False  # the source left the value out (Mixpanel increment(k) means +1)


@dataclass(frozen=True, slots=True)
class ProfileUpdate:
    """User or group profile update (an Identify chain, one ``people.*`` call, ``group_*``)."""

    scope: Literal["user", "group"]
    ops: tuple[PropOp, ...]
    user: Value | None = None
    group_type: Value | None = None
    group_id: Value | None = None
    form: str = ""  # how the source wrote the properties: "pairs" (k, v) or "map" ({k: v}); printers may use it


@dataclass(frozen=True, slots=True)
class SetGroup:
    """Put the user into a group."""

    group_type: Value
    group_name: Value
    user: Value | None = None


@dataclass(frozen=True, slots=True)
class Identify:
    """Log the user in (``setUserId`` / ``identify``)."""

    user: Value


@dataclass(frozen=True, slots=True)
class Reset:
    """Log out: forget the user (and, per vendor, more: see semantics)."""


@dataclass(frozen=True, slots=True)
class OptOut:
    """Stop (``flag`` true) or resume (false) sending; a non-literal flag decides at run time."""

    flag: Value


@dataclass(frozen=True, slots=True)
class Flush:
    """Send buffered events now (``flush``/``shutdown``/``sendEvents``)."""

    method: str = "flush"


@dataclass(frozen=True, slots=True)
class Ready:
    """Wait until the client finished initialising (amplitude_flutter's ``await amplitude.isBuilt``)."""


Op = Init | Track | ProfileUpdate | SetGroup | Identify | Reset | OptOut | Flush | Ready


@dataclass(frozen=True, slots=True)
class Review:
    """Leave the site alone and tell a human why."""

    message: str


@dataclass(slots=True)
class Translation:
    """What one source operation becomes: target operations (in order) and the notes to show.
    An empty ``ops`` list means the call is simply removed."""

    ops: list[Op]
    notes: list[str] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        return "; ".join(n for n in self.notes if n) or None
