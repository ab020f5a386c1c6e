"""Logout spellings: every way of writing a null user id is a review item, never identify(null).

``set-user-id-null`` matches ``setUserId($ID)`` with ``where: {ID: {kind: [null, undefined]}}``;
the JS adapter's ``value_kinds`` sees through parentheses, ``as``/``satisfies``/``<T>`` casts and
``!``, and counts ``void x`` as undefined. The review text quotes the real argument (``$ID``).
"""

from __future__ import annotations

import pytest

from rewriter.codemod.engine import review_message
from rewriter.codemod.match.patterns import Capture
from rewriter.codemod.packs.loader import load_pack
from tests.codemod.conftest import ROOT, rewrite

A2M = ROOT / "rules" / "amplitude-to-mixpanel"


@pytest.mark.parametrize(
    "arg", ["null", "null as any", "(null)", "((null))", "null!", "undefined", "void 0", "<any>null",
            "null satisfies null", "(null as any)!", "undefined as unknown as string"],
)
def test_null_user_id_spellings_are_reviewed_with_the_real_argument(arg: str) -> None:
    src = f"import amplitude from 'amplitude-js';\n\nexport function out(): void {{\n  amplitude.getInstance().setUserId({arg});\n}}\n"
    res = rewrite(src, [load_pack(A2M / "amplitude-js.yaml")], "a.ts")
    assert res.status == "unchanged", (res.status, res.error, res.rewritten)
    [item] = res.review
    assert item.rule == "amplitude-js/set-user-id-null"
    assert item.message.startswith(f"a lone setUserId({arg}) keeps the device id")


@pytest.mark.parametrize("pack", ["analytics-browser", "unified", "analytics-react-native"])
@pytest.mark.parametrize("arg", ["null as any", "(undefined)", "void 0", ""])
def test_browser_sdk_packs_review_every_spelling(pack: str, arg: str) -> None:
    module = {"unified": "@amplitude/unified"}.get(pack, f"@amplitude/{pack}")
    src = f"import * as amplitude from '{module}';\n\nexport function out(): void {{\n  amplitude.setUserId({arg});\n}}\n"
    res = rewrite(src, [load_pack(A2M / f"{pack}.yaml")], "a.ts")
    assert res.status == "unchanged" and [r.rule for r in res.review] == [f"{pack}/set-user-id-null"]
    assert res.review[0].message.startswith(f"a lone setUserId({arg}) keeps")


@pytest.mark.parametrize("arg", ["user.id", "id as string", "(id)", "'null'", "nullish", "undefinedId"])
def test_real_ids_are_still_identified(arg: str) -> None:
    src = f"import amplitude from 'amplitude-js';\n\nexport function login(user: any, id: any): void {{\n  amplitude.getInstance().setUserId({arg});\n}}\n"
    res = rewrite(src, [load_pack(A2M / "amplitude-js.yaml")], "a.ts")
    assert res.status == "changed", (res.error, res.review)
    assert f"  mixpanel.identify({arg});\n" in (res.rewritten or "")


def test_review_message_substitutes_only_the_rules_own_metavariables() -> None:
    src = b"f(null as any)"
    caps = {"ID": Capture((type("N", (), {"start_byte": 2, "end_byte": 13})(),), False)}

    def text(a: int, b: int) -> str:
        return src[a:b].decode()

    msg = review_message("setUserId($ID) with $OTHER and $device_id", frozenset({"ID", "GONE"}), caps, text)
    assert msg == "setUserId(null as any) with $OTHER and $device_id"
    assert review_message("call($GONE)", frozenset({"ID", "GONE"}), caps, text) == "call()"
