"""Labelled-argument binding without any language: fake nodes, a signature, pattern arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rewriter.codemod.match.arguments import CallArg, PatternArg, bind_args, match_arguments
from rewriter.codemod.match.patterns import MatchContext, PNode

SRC = b"uid 'Signed Up' props extra"


@dataclass
class N:
    """A leaf syntax node over SRC."""

    start_byte: int
    end_byte: int
    type: str = "id"
    is_named: bool = True
    children: list[Any] = field(default_factory=list)
    parent: Any = None


UID, EVENT, PROPS, EXTRA = N(0, 3), N(4, 15, "string"), N(16, 21), N(22, 27)
SIG = ("distinct_id", "event_name", "properties", "meta")
CTX = MatchContext(source=SRC, is_sdk=lambda n: False)


def meta(name: str, multi: bool = False) -> PNode:
    return PNode(type="id", meta=name, multi=multi)


def arg(value: N, label: str | None = None, star: str = "") -> CallArg:
    return CallArg(value, value, label, star)


def test_positional_and_labelled_spellings_bind_alike() -> None:
    pattern = [PatternArg(meta("U"), label="distinct_id"), PatternArg(meta("E"), label="event_name")]
    for call in ([arg(UID), arg(EVENT)], [arg(EVENT, "event_name"), arg(UID, "distinct_id")], [arg(UID), arg(EVENT, "event_name")]):
        env: dict = {}
        assert match_arguments(pattern, call, SIG, env, CTX, 27)
        assert (env["U"].node, env["E"].node) == (UID, EVENT)


def test_optional_labels_may_be_absent_but_unmatched_arguments_fail() -> None:
    pattern = [PatternArg(meta("U"), "distinct_id"), PatternArg(meta("E"), "event_name"), PatternArg(meta("P"), "properties", optional=True)]
    assert match_arguments(pattern, [arg(UID), arg(EVENT)], SIG, {}, CTX, 27)
    env: dict = {}
    assert match_arguments(pattern, [arg(UID), arg(EVENT), arg(PROPS)], SIG, env, CTX, 27) and env["P"].node is PROPS
    assert not match_arguments(pattern, [arg(UID), arg(EVENT), arg(PROPS), arg(EXTRA, "meta")], SIG, {}, CTX, 27)


def test_rest_captures_what_is_left_and_splat_kinds_are_respected() -> None:
    pattern = [PatternArg(meta("U"), "distinct_id"), PatternArg(meta("R", True), rest="$$$")]
    env: dict = {}
    assert match_arguments(pattern, [arg(UID), arg(EVENT), arg(EXTRA, "meta")], SIG, env, CTX, 27)
    assert env["R"].nodes == (EVENT, EXTRA)
    only_labelled = [PatternArg(meta("U"), "distinct_id"), PatternArg(meta("K", True), rest="**")]
    assert not match_arguments(only_labelled, [arg(UID), arg(EVENT)], None, {}, CTX, 27)


def test_a_parameter_bound_twice_is_not_a_call_of_that_signature() -> None:
    assert not bind_args([arg(UID), arg(EXTRA, "distinct_id")], SIG).ok
    b = bind_args([arg(UID), arg(EVENT), arg(PROPS, star="*"), arg(EXTRA)], SIG)
    assert list(b.named) == ["distinct_id", "event_name"] and b.positional == [b.positional[0]] and len(b.stars) == 1
