"""The tracking plan found in code: golden files on the sample apps, and the shapes behind them."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from rewriter.codemod import api
from rewriter.codemod.packs.loader import load_packs
from rewriter.codemod.tracking import (
    AMPLITUDE_EVENT_COLUMNS,
    collect,
    find_api_uses,
    to_amplitude_csv,
    to_csv,
    to_lexicon,
)

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        # As `scan --tracking-plan` collects it: with the clients app modules export (a call
        # through `analytics` imported from the app's analytics module is an SDK call too).
        res = api.scan(["fixtures/apps"], tracking_plan=True)
        assert res.plan is not None
        return res.plan
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize(("name", "render"), [
    ("tracking-plan.csv", to_csv),
    ("tracking-plan.lexicon.json", lambda p: json.dumps(to_lexicon(p), indent=2, sort_keys=True) + "\n"),
    ("tracking-plan.amplitude-events.csv", lambda p: to_amplitude_csv(p)[0]),
    ("tracking-plan.amplitude-user-properties.csv", lambda p: to_amplitude_csv(p)[1]),
])
def test_golden_outputs_on_the_sample_apps(plan, name, render) -> None:  # type: ignore[no-untyped-def]
    got = render(plan)
    path = GOLDEN / name
    if os.environ.get("REWRITER_UPDATE_GOLDEN"):
        path.write_text(got)
    assert got == path.read_text()


def test_events_props_and_dynamic_names(plan) -> None:  # type: ignore[no-untyped-def]
    assert plan.events["Checkout Started"].properties.keys() == {"items"}
    dynamic = [e for e in plan.events.values() if e.dynamic]
    assert dynamic and all(e.name and not e.name.startswith("dynamic") for e in dynamic)
    assert {"plan", "company"} <= plan.user_properties.keys()
    # files the plan could not read are said, not skipped silently
    assert any("broken.js" in n for n in plan.not_read)


def test_literal_value_types_reach_every_format(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text(
        "import * as amplitude from '@amplitude/analytics-browser';\n"
        "amplitude.track('Paid', { amount: 9.5, currency: 'EUR', first: true, items: ['a'] });\n"
        "amplitude.track(name, props);\n"
    )
    plan = collect([str(tmp_path)], load_packs())
    paid = plan.events["Paid"].properties
    assert {k: v.types for k, v in paid.items()} == {"amount": {"number"}, "currency": {"string"}, "first": {"boolean"}, "items": {"array"}}
    assert plan.events["dynamic: name"].open_properties
    lex = to_lexicon(plan)["entries"]
    assert lex[0]["schemaJson"]["properties"]["amount"] == {"type": "number"}  # type: ignore[index]
    rows = list(csv.DictReader(io.StringIO(to_amplitude_csv(plan)[0])))
    assert tuple(rows[0].keys()) == AMPLITUDE_EVENT_COLUMNS
    assert {(r["Event property name"], r["Property value type"], r["Property is array"]) for r in rows[1:]} == {
        ("amount", "number", "False"), ("currency", "string", "False"), ("first", "boolean", "False"), ("items", "any", "True")}


def test_raw_http_api_use_is_found_with_its_remap() -> None:
    text = "fetch('https://api2.amplitude.com/2/httpapi', {...})\nrequests.post('https://api.mixpanel.com/import')\n"
    uses = find_api_uses("x.js", text)
    assert [(u.line, u.endpoint) for u in uses] == [(1, "api2.amplitude.com/2/httpapi"), (2, "api.mixpanel.com/import")]
    assert "distinct_id" in uses[0].message and "user_id" in uses[1].message
