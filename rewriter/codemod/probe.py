"""The byte probe: does a file name an SDK at all, before anything parses it?

Most files of a tree never mention a vendor, and the probe keeps them from being parsed: a few
plain ``bytes`` searches (memchr speed). Some files mention the vendor's word only as *data*:
``amplitude`` is an SVG attribute, so React DOM's attribute table (``amplitude: "amplitude"``),
terser's DOM property list (``"amplitude",``) and emotion's prop whitelist (``amplitude: true``)
all contain it. Parsing such a file finds nothing to rewrite or list, and a bundle of 1 MB costs
what 200 real source files cost. An occurrence that can only be an object key with a literal
value, or a quoted word inside a list or after a key, is therefore *inert*: it neither refers to
a client nor loads one. A file is an SDK file when one occurrence of a needle is not inert.

The inert shapes are deliberately narrow, so a reference is never skipped: a key whose value is a
name (``{ amplitude: a } = window`` aliases the global), a quoted word after ``(`` or ``[``
(``require("amplitude")``, ``window["amplitude"]``), a word followed by ``.``, ``(``, ``-``, ``/``
or part of a longer name — all of these keep the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

Probe = Callable[[bytes], bool]

_IDENT = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
_SPACE = frozenset(b" \t\r\n")
_QUOTES = frozenset(b"\"'")
_LITERAL_STARTS = frozenset(b"\"'0123456789-")
_LITERAL_WORDS = (b"true", b"false", b"null", b"True", b"False", b"None")
_KEY_BEFORE = frozenset(b"{,")
_ITEM_BEFORE = frozenset(b",:")
_ITEM_AFTER = frozenset(b",]}")


def _back(data: bytes, j: int) -> int:
    """The byte before offset ``j`` skipping whitespace (0 at the start of the data)."""
    j -= 1
    while j >= 0 and data[j] in _SPACE:
        j -= 1
    return data[j] if j >= 0 else 0


def _forward(data: bytes, k: int) -> tuple[int, int]:
    """The first non-space byte at or after ``k`` and its offset (0 at the end of the data)."""
    n = len(data)
    while k < n and data[k] in _SPACE:
        k += 1
    return (data[k] if k < n else 0), k


def inert(data: bytes, i: int, size: int) -> bool:
    """Whether the occurrence ``data[i:i+size]`` of a vendor word is data, not a reference: an
    object/dict key with a literal value (``amplitude: true``, ``"amplitude": 1``), or a quoted
    word that is an item of a list or the value of a key (``"amplitude",``, ``: "amplitude"}``)."""
    end = i + size
    before = data[i - 1] if i else 0
    after = data[end] if end < len(data) else 0
    quoted = before in _QUOTES and after == before
    if not quoted and (before in _IDENT or after in _IDENT or before in _QUOTES or after in _QUOTES):
        return False  # part of a longer name, or a quoted string with more in it
    start, stop = (i - 1, end + 1) if quoted else (i, end)
    prev = _back(data, start)
    nxt, at = _forward(data, stop)
    if nxt == 0x3A and prev in _KEY_BEFORE:  # `key:` after `{` or `,`
        value, v = _forward(data, at + 1)
        if value in _LITERAL_STARTS:
            return True
        for w in _LITERAL_WORDS:
            if data.startswith(w, v):
                tail = v + len(w)
                return tail >= len(data) or data[tail] not in _IDENT
        return False
    return quoted and prev in _ITEM_BEFORE and nxt in _ITEM_AFTER


def _word(needle: bytes) -> bool:
    return all(b in _IDENT for b in needle)


def make_probe(needles: Iterable[bytes]) -> Probe:
    """A probe for these needles: true when one of them occurs and is not :func:`inert` (needles
    that are not plain words, such as ``@amplitude/`` or a Swift ``userId:`` label, always count)."""
    ordered = tuple(sorted(set(needles), key=len))
    if not ordered:
        return lambda data: False
    words = frozenset(n for n in ordered if _word(n))

    def probe(data: bytes) -> bool:
        for n in ordered:
            i = data.find(n)
            if i < 0:
                continue
            if n not in words:
                return True
            size = len(n)
            while i >= 0:
                if not inert(data, i, size):
                    return True
                i = data.find(n, i + size)
        return False

    return probe
