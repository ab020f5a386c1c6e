"""Python client values inside one module (issue 10): lazily created globals, getters, methods,
properties, class attributes and aliases are followed, and a client migrates whole or not at all.

The rule fixture pairs (``track--lazy-global``, ``track--method-client``, ``track--aliases``,
``init--getter``, ``track--getter-kept-whole``, ``people-delete--method-client``, the
``--kept-whole`` pairs) show the outputs; these tests pin the review lists and invariants."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.engine import rewrite_source, rule_matches
from rewriter.codemod.lang import get_adapter
from rewriter.codemod.lang.python import py_bindings
from rewriter.codemod.lang.python_clients import ImportedClients
from rewriter.codemod.packs.loader import load_pack
from tests.codemod.conftest import ROOT

A2M = [load_pack(ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-python.yaml")]
M2A = [load_pack(ROOT / "rules" / "mixpanel-to-amplitude" / "mixpanel-python.yaml")]
APP = ROOT / "fixtures" / "apps" / "py-lazy-client"
runner = CliRunner(env={"COLUMNS": "200"})

LAZY = """from mixpanel import Mixpanel

_mp = None


def get_client():
    global _mp
    if _mp is None:
        _mp = Mixpanel("TOKEN")
    return _mp


def shutdown():
    global _mp
    _mp = None
"""


def _lines(res) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return sorted((r.line, r.rule.split("/")[1]) for r in res.review)


def test_a_reset_to_none_in_shutdown_does_not_hide_the_client() -> None:
    code = LAZY + "\n\ndef go(u):\n    _mp.track(u, 'Go')\n    get_client().track(u, 'Went')\n"
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status == "changed" and not res.review, res.review
    assert "Mixpanel" not in (res.rewritten or "")
    assert res.rewritten.count("BaseEvent(event_type=") == 2  # type: ignore[union-attr]
    assert "    _mp = None\n" in res.rewritten  # type: ignore[operator]


def test_one_unmappable_use_keeps_the_whole_client_and_lists_every_site() -> None:
    code = LAZY + "\n\ndef go(u):\n    _mp.track(u, 'Go')\n    get_client().people_delete(u)\n    get_client().track(u, 'x')\n"
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status == "unchanged"
    assert _lines(res) == [(9, "init"), (19, "track"), (20, "people-delete"), (21, "track")]
    kept = [r for r in res.review if r.rule != "mixpanel-python/people-delete"]
    assert all("the client _mp stays whole because of line 20" in r.message for r in kept), kept


def test_a_storage_that_may_hold_a_stub_keeps_the_client() -> None:
    code = (
        "from amplitude import Amplitude, BaseEvent\n\n\nclass Stub:\n    def track(self, e):\n        pass\n\n\n"
        "class P:\n    def __init__(self, key):\n        self.c = Amplitude(key) if key else Stub()\n\n"
        "    def go(self, u):\n        self.c.track(BaseEvent('E', u))\n"
    )
    res = rewrite_source("p.py", code.encode(), A2M)
    assert res.status == "unchanged"
    assert (14, "track") in _lines(res) and (11, "init") in _lines(res)
    assert any("may also hold Stub()" in r.message for r in res.review)


def test_a_client_passed_on_is_kept_and_the_hand_over_listed() -> None:
    code = LAZY + "\n\ndef go(u):\n    get_client().track(u, 'Go')\n    Worker(get_client())\n"
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status == "unchanged"
    assert _lines(res) == [(9, "init"), (19, "track"), (20, "unmapped")]
    assert "passed on here" in res.review[-1].message or any("passed on here" in r.message for r in res.review)


def test_introspection_and_none_checks_are_not_hand_overs() -> None:
    code = LAZY + "\n\ndef go(u):\n    if _mp is not None and isinstance(_mp, object):\n        _mp.track(u, 'Go')\n"
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status == "changed" and not res.review, res.review


def test_sdk_class_named_outside_a_call_is_listed() -> None:
    code = "from typing import Optional\n\nfrom mixpanel import Mixpanel\n\n_mp: Optional[Mixpanel] = None\n" + LAZY.split("\n", 2)[2]
    res = rewrite_source("a.py", code.encode(), M2A)
    assert any(r.line == 5 and "named outside a call" in r.message for r in res.review), res.review


def test_two_creations_reaching_one_name_are_one_client() -> None:
    code = (
        "from mixpanel import Mixpanel\n\nif DEBUG:\n    mp = Mixpanel('A')\nelse:\n    mp = Mixpanel('B')\n"
        "mp.track('u', 'E')\nmp.people_delete('u')\n"
    )
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status == "unchanged"
    assert _lines(res) == [(4, "init"), (6, "init"), (7, "track"), (8, "people-delete")]


def test_imported_clients_resolve_like_local_ones() -> None:
    """The project index's entry point: names imported from app modules that denote clients."""
    code = (
        "from app.analytics import client, get_client\nfrom app import analytics\n\n\n"
        "def go(u):\n    client.track(u, 'A')\n    get_client().track(u, 'B')\n    analytics.client.track(u, 'C')\n"
        "    other.track(u, 'D')\n"
    )
    adapter = get_adapter("python")
    parsed = adapter.parse("app/views.py", code.encode())
    imported = ImportedClients(
        values={"client": "mixpanel.Mixpanel", "analytics.client": "mixpanel.Mixpanel"},
        getters={"get_client": "mixpanel.Mixpanel"},
    )
    fb = adapter.bind(parsed, M2A[0], imported=imported)  # type: ignore[call-arg]
    assert fb.bound
    hits = sorted(parsed.source.decode()[m.node.start_byte : m.node.end_byte] for _cr, m in rule_matches(adapter, parsed, fb))
    assert hits == ["analytics.client.track(u, 'C')", "client.track(u, 'A')", "get_client().track(u, 'B')"]
    plan = py_bindings(fb).plan
    assert plan is not None and not any(g.blocked for g in plan.groups.values())
    # Without the index's word the same file binds nothing.
    assert not adapter.bind(adapter.parse("app/views.py", code.encode()), M2A[0]).bound


def test_imported_client_shadowed_by_a_local_is_not_a_client() -> None:
    code = "from app.analytics import client\n\n\ndef go(u, client):\n    client.track(u, 'A')\n"
    adapter = get_adapter("python")
    parsed = adapter.parse("v.py", code.encode())
    fb = adapter.bind(parsed, M2A[0], imported=ImportedClients(values={"client": "mixpanel.Mixpanel"}))  # type: ignore[call-arg]
    assert list(rule_matches(adapter, parsed, fb)) == []


# -- the sample app, through the real CLI ------------------------------------------------------
def test_sample_app_write_matches_expected_then_check_is_clean(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "py-lazy-client"
    shutil.copytree(APP, work)
    monkeypatch.chdir(work)
    res = runner.invoke(app, ["migrate", ".", "--to", "amplitude", "--write", "--force", "--no-manifests", "-q", "--no-color"])
    assert res.exit_code == 0, res.output
    for exp in APP.rglob("*.py.expected"):
        got = work / exp.relative_to(APP).with_suffix("")
        assert got.read_bytes() == exp.read_bytes(), got
    for src in APP.rglob("*.py"):
        if not src.with_name(src.name + ".expected").exists():
            assert (work / src.relative_to(APP)).read_bytes() == src.read_bytes(), src  # untouched
    again = runner.invoke(app, ["migrate", ".", "--to", "amplitude", "--check", "--no-manifests", "-q", "--no-color"])
    assert again.exit_code == 0, again.output
    left = [p for p in work.rglob("*.py") if re.search(r"\bmixpanel\b|\bMixpanel\b", p.read_text())]
    assert left == []  # nothing of the source vendor left, so nothing left unlisted


# -- never silent, never half-migrated (property) --------------------------------------------------
USES = {
    "track": "get_client().track(u, 'E{i}')",
    "track-global": "_mp.track(distinct_id=u, event_name='G{i}')",
    "people": "_mp.people_set(u, {{'k{i}': 1}})",
    "delete": "get_client().people_delete(u)",
    "charge": "_mp.people_track_charge(u, 9.99)",
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(USES)), min_size=1, max_size=6))
def test_lazy_client_is_migrated_whole_or_kept_whole(kinds: list[str]) -> None:
    body = "".join(f"    {USES[k].format(i=i)}\n" for i, k in enumerate(kinds))
    code = LAZY + "\n\ndef go(u):\n    if _mp is None:\n        return\n" + body
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status != "error", res.error
    blocked = any(k in ("delete", "charge") for k in kinds)
    if blocked:
        assert res.status == "unchanged"
        use_lines = set(range(21, 21 + len(kinds)))
        assert use_lines | {9} <= {r.line for r in res.review}  # the creation and every use listed
    else:
        out = res.rewritten or ""
        assert res.status == "changed" and not res.review, res.review
        assert not re.search(r"\bMixpanel\b|\bmixpanel\b", out)
        assert rewrite_source("a.py", out.encode(), M2A).status == "unchanged"  # idempotent
        compile(out, "a.py", "exec")


# -- the audit's real-app shapes (fixtures/real-shapes) --------------------------------------------
SHAPES = ROOT / "fixtures" / "real-shapes"


def test_openhexa_shape_constructor_review_keeps_the_track() -> None:
    src = (SHAPES / "py-ctor-review-uses-rewritten" / "input.py").read_bytes()
    res = rewrite_source("api.py", src, M2A)
    assert res.status == "unchanged"  # was: track rewritten to BaseEvent on a Mixpanel object
    assert _lines(res) == [(8, "init"), (17, "track")]
    assert "because of line 8" in next(r.message for r in res.review if r.line == 17)


def test_umbrella_shape_stub_subclass_keeps_the_client_and_lists_the_class_names() -> None:
    src = (SHAPES / "py-self-client-stub-subclass" / "input.py").read_bytes()
    res = rewrite_source("publisher.py", src, A2M)
    assert res.status == "unchanged"  # was: constructor and set_group rewritten, track left
    lines = _lines(res)
    assert {(21, "init"), (24, "set-group"), (26, "track"), (19, "unmapped")} <= set(lines)
    named = {r.line for r in res.review if "named outside a call" in r.message}
    assert named == {5, 14}  # class StubbedAmplitudeClient(Amplitude), client: Amplitude


# -- the project index's entry points (cross-module, all or nothing across files) ------------------
VIEWS = "from app.analytics import client, get_client\n\n\ndef go(u):\n    client.track(u, 'A')\n    get_client().track(u, 'B')\n"


def test_exported_clients_names_the_lazy_global_and_its_getter() -> None:
    adapter = get_adapter("python")
    parsed = adapter.parse("app/analytics.py", (APP / "app" / "analytics.py").read_bytes())
    ex = adapter.exported_clients(parsed, M2A[0])  # type: ignore[attr-defined]
    assert dict(ex.values) == {"_client": "mixpanel.Mixpanel"}
    assert dict(ex.getters) == {"get_client": "mixpanel.Mixpanel"}
    assert dict(ex.blocked) == {}
    plain = adapter.parse("x.py", b"from mixpanel import Mixpanel\n\ndef helper():\n    return 1\n")
    assert not adapter.exported_clients(plain, M2A[0]).values  # type: ignore[attr-defined]


def test_a_client_blocked_in_its_module_keeps_the_importers_uses() -> None:
    adapter = get_adapter("python")
    parsed = adapter.parse("app/views.py", VIEWS.encode())
    imported = ImportedClients(values={"client": "mixpanel.Mixpanel"}, getters={"get_client": "mixpanel.Mixpanel"},
                               blocked={"client": "app/analytics.py line 9: people_delete()", "get_client": "same client"})
    fb = adapter.bind(parsed, M2A[0], imported=imported)  # type: ignore[call-arg]
    plan = py_bindings(fb).plan
    assert plan is not None and plan.groups and all(g.blocked for g in plan.groups.values())
    whys = [adapter.expand_site(call, parsed.source)[1] for g in plan.groups.values() for call, _m in g.uses]
    assert len(whys) == 2 and all(w and "app/analytics.py line 9" in w or "same client" in (w or "") for w in whys)


def test_an_importer_that_cannot_migrate_keeps_the_defining_module() -> None:
    adapter = get_adapter("python")
    views = adapter.parse("app/views.py", (VIEWS + "    client.people_delete(u)\n").encode())
    fb = adapter.bind(views, M2A[0], imported=ImportedClients(values={"client": "mixpanel.Mixpanel"}))  # type: ignore[call-arg]
    back = adapter.imported_blockers(fb)  # type: ignore[attr-defined]
    assert list(back) == ["client"] and "people_delete" in back["client"]
    module = "from mixpanel import Mixpanel\n\nclient = Mixpanel('T')\nclient.track('u', 'Booted')\n"
    parsed = adapter.parse("app/analytics.py", module.encode())
    ex = adapter.exported_clients(parsed, M2A[0], ImportedClients(kept={"client": "app/views.py: " + back["client"]}))  # type: ignore[attr-defined]
    assert "client" in ex.blocked and "app/views.py" in ex.blocked["client"]
    parsed = adapter.parse("app/analytics.py", module.encode())
    fb2 = adapter.bind(parsed, M2A[0], imported=ImportedClients(kept={"client": "app/views.py: people_delete()"}))  # type: ignore[call-arg]
    (g,) = py_bindings(fb2).plan.groups.values()  # type: ignore[union-attr]
    assert g.blocked and adapter.expand_site(g.creations[0], parsed.source)[1] is not None


def test_an_importer_is_rewritten_with_the_target_import_after_its_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """End to end through the engine, with the index's answer injected into ``bind``."""
    adapter = get_adapter("python")
    real = adapter.bind
    imported = ImportedClients(values={"client": "mixpanel.Mixpanel"}, getters={"get_client": "mixpanel.Mixpanel"})
    monkeypatch.setattr(adapter, "bind", lambda parsed, pack: real(parsed, pack, imported=imported))
    code = '"""Views (events reach mixpanel through app.analytics)."""\n\nimport os\n\n' + VIEWS
    res = rewrite_source("app/views.py", code.encode(), M2A)
    assert res.status == "changed" and not res.review, (res.error, res.review)
    assert res.rewritten == (
        '"""Views (events reach mixpanel through app.analytics)."""\n\nimport os\n\n'
        "from app.analytics import client, get_client\nfrom amplitude import BaseEvent\n\n\ndef go(u):\n"
        "    client.track(BaseEvent(event_type='A', user_id=u))\n    get_client().track(BaseEvent(event_type='B', user_id=u))\n"
    )
    bare = "# mixpanel via app.analytics\n" + VIEWS
    res = rewrite_source("app/views.py", bare.encode(), M2A)
    assert res.status == "changed" and (res.rewritten or "").startswith(
        "# mixpanel via app.analytics\nfrom app.analytics import client, get_client\nfrom amplitude import BaseEvent\n")


def test_payment_platform_shape_method_the_sdk_lacks_keeps_the_client() -> None:
    src = (SHAPES / "py-client-method-not-in-sdk" / "input.py").read_bytes()
    res = rewrite_source("analytics/mixpanel.py", src, M2A)
    assert res.status == "unchanged"
    assert _lines(res) == [(7, "init"), (10, "track"), (13, "unmapped")]
    (last,) = [r for r in res.review if r.line == 13]
    assert last.message == "no rule maps identify() (so the client self.mixpanel stays whole); migrate by hand"
    assert all("because of line 13" in r.message for r in res.review if r.line != 13)


def test_decoy_own_api_client_is_left_alone() -> None:
    src = (SHAPES / "py-decoy-own-api-client" / "input.py").read_bytes()
    res = rewrite_source("mixpanel_client.py", src, M2A)
    assert res.status == "unchanged" and not res.review and not res.changes


def test_a_client_from_a_pytest_fixture_is_followed_into_the_tests_naming_it() -> None:
    code = (
        "import pytest\nfrom mixpanel import Mixpanel\n\n\n@pytest.fixture\ndef mp():\n    yield Mixpanel('T')\n\n\n"
        "def test_track(mp):\n    mp.track('u', 'E')\n"
    )
    res = rewrite_source("test_a.py", code.encode(), M2A)
    assert res.status == "changed" and not res.review, res.review
    assert "    yield Amplitude(" in (res.rewritten or "") and "mp.track(BaseEvent(" in (res.rewritten or "")
    # The same fixture in a conftest.py serves other files' tests: kept, and the hand-over listed.
    res = rewrite_source("tests/conftest.py", code.encode(), M2A)
    assert res.status == "unchanged"
    assert any("cannot follow" in r.message for r in res.review), res.review
    # An unmappable call in a test keeps the fixture's client too.
    res = rewrite_source("test_a.py", (code + "    mp.people_delete('u')\n").encode(), M2A)
    assert res.status == "unchanged" and {7, 11, 12} <= {r.line for r in res.review}


GRAPH = '''from mixpanel import Mixpanel

_mp = None


def get():
    global _mp
    if _mp is None:
        _mp = Mixpanel("T")
    return _mp


alias = get()


class T:
    def __init__(self):
        self._c = get()

    @property
    def client(self):
        return self._c

    def go(self, u):
'''
RECEIVERS = ["self.client", "self._c", "get()", "alias", "_mp", "T().client"]
CALLS = {"track": "track(u, 'E{i}')", "people_set": "people_set(u, {{'k{i}': {i}}})", "people_delete": "people_delete(u)"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(RECEIVERS), st.sampled_from(sorted(CALLS))), min_size=1, max_size=6))
def test_one_client_through_every_path_is_migrated_whole_or_kept_whole(uses: list[tuple[str, str]]) -> None:
    """Six spellings of one lazily created client (getter, alias, field, property, the global,
    a fresh instance's property): whatever the mix, one unmappable call keeps all of it."""
    code = GRAPH + "".join(f"        {recv}.{CALLS[c].format(i=i)}\n" for i, (recv, c) in enumerate(uses))
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status != "error", res.error
    first = GRAPH.count("\n") + 1
    if any(c == "people_delete" for _r, c in uses):
        assert res.status == "unchanged"
        assert {9, *range(first, first + len(uses))} <= {r.line for r in res.review}
    else:
        out = res.rewritten or ""
        assert res.status == "changed" and not res.review, res.review
        assert not re.search(r"\bMixpanel\b|\bmixpanel\b", out)
        assert rewrite_source("a.py", out.encode(), M2A).status == "unchanged"
        compile(out, "a.py", "exec")


def test_a_field_set_in_a_base_class_is_followed_into_subclasses() -> None:
    code = (
        "from mixpanel import Mixpanel\n\n\nclass Base:\n    def __init__(self, token):\n        self.mp = Mixpanel(token)\n\n\n"
        "class Child(Base):\n    def go(self, u):\n        self.mp.track(u, 'Go')\n\n    def gone(self, u):\n        self.mp.people_delete(u)\n"
    )
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status == "unchanged"  # the subclass's unmappable call keeps the base class's client
    assert _lines(res) == [(6, "init"), (11, "track"), (14, "people-delete")]
    ok = rewrite_source("a.py", code.split("\n    def gone")[0].encode() + b"\n", M2A)
    assert ok.status == "changed" and not ok.review and "Mixpanel" not in (ok.rewritten or "")


def test_a_client_stored_on_another_object_is_kept() -> None:
    code = "from mixpanel import Mixpanel\n\n\ndef setup(app, token):\n    app.state.mixpanel = Mixpanel(token)\n"
    res = rewrite_source("a.py", code.encode(), M2A)
    assert res.status == "unchanged"
    (item,) = res.review
    assert item.line == 5 and "cannot follow" in item.message


def test_sample_app_one_unmappable_call_in_an_importer_keeps_the_client_everywhere(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "py-lazy-client"
    shutil.copytree(APP, work)
    for exp in work.rglob("*.expected"):
        exp.unlink()
    orders = work / "app" / "orders.py"
    orders.write_text(orders.read_text() + "    get_client().people_delete(user_id)\n")
    before = {p: p.read_bytes() for p in work.rglob("*.py")}
    monkeypatch.chdir(work)
    res = runner.invoke(app, ["migrate", ".", "--to", "amplitude", "--write", "--force", "--no-manifests", "-q",
                              "--no-color", "--format", "json", "-o", "report.json"])
    assert res.exit_code in (0, 1), res.output
    assert {p: p.read_bytes() for p in work.rglob("*.py")} == before  # nothing moved, in any file
    import json

    report = json.loads((work / "report.json").read_text())
    listed = {(f["path"].lstrip("./"), r["line"]) for f in report["files"] for r in f["review"]}
    sites = {("app/analytics.py", 13), ("app/analytics.py", 24), ("app/analytics.py", 28), ("app/analytics.py", 33),
             ("app/orders.py", 7), ("app/orders.py", 8), ("app/jobs.py", 10)}
    assert sites <= listed, sites - listed


def test_python_imports_resolve_to_module_ids(tmp_path: Path) -> None:
    from rewriter.codemod.lang.python_modules import imported_modules
    from rewriter.codemod.project import module_id, module_words

    (tmp_path / "src" / "app" / "svc").mkdir(parents=True)
    (tmp_path / "src" / "app" / "__init__.py").write_text("")
    (tmp_path / "src" / "app" / "analytics.py").write_text("")
    views = tmp_path / "src" / "app" / "svc" / "views.py"
    code = (
        "from app.analytics import client as c\nfrom app import analytics\nfrom ..analytics import get_client\n"
        "import app.analytics as an\nfrom django.conf import settings\n"
    )
    views.write_text(code)
    adapter = get_adapter("python")
    got = list(imported_modules(str(views), adapter.parse(str(views), code.encode()).tree.tree))
    mod = module_id(str(tmp_path / "src" / "app" / "analytics.py"))
    assert got == [("c", mod, "client"), ("analytics", mod, None), ("get_client", mod, "get_client"), ("an", mod, None)]
    assert module_words(mod) == (b"analytics",)
    assert module_words(module_id(str(tmp_path / "src" / "app" / "__init__.py"))) == (b"app",)


def test_another_sdks_exported_client_does_not_bind_this_pack(tmp_path: Path) -> None:
    """An app module exporting an Amplitude client: a Mixpanel pack must not take the importer's
    `client.track(...)` for a Mixpanel call (the index lists every SDK's exports together)."""
    from rewriter.codemod.clients import ProjectContext, use_context
    from rewriter.codemod.engine import rewrite_source
    from rewriter.codemod.packs.loader import load_packs
    from rewriter.codemod.project import module_id

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "analytics.py").write_text("")
    views = tmp_path / "app" / "views.py"
    code = b"from app.analytics import client\n\n\ndef hello(user_id):\n    client.track(user_id, 'Hello')\n"
    mod = module_id(str(tmp_path / "app" / "analytics.py"))
    mixpanel = [p for p in load_packs() if p.sdk == "mixpanel-python"]
    for sdk, touched in (("amplitude-python", False), ("mixpanel-python", True)):
        use_context(ProjectContext(exports={mod: {"client": f"{sdk}:{mod}#client"}}, words={sdk: (b"analytics",)}))
        try:
            res = rewrite_source(str(views), code, mixpanel)
        finally:
            use_context(None)
        assert bool(res.changes or res.review) is touched, (sdk, res.status, res.review)
