"""The per-file pipeline's invariants: bytes outside edits, verification, errors as values."""

from __future__ import annotations

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.packs.loader import RulePack, load_pack
from tests.codemod.conftest import ROOT, output, rewrite

AJS = ROOT / "rules" / "amplitude-to-mixpanel" / "amplitude-js.yaml"


def _ajs() -> list[RulePack]:
    return [load_pack(AJS)]


def test_crlf_bom_and_tabs_survive() -> None:
    src = "\ufeffimport amplitude from 'amplitude-js';\r\n\r\nfunction f() {\r\n\tamplitude.getInstance().logEvent('a', {x: 1});\t// c\r\n}\r\n"
    res = rewrite(src.encode("utf-8"), _ajs())
    assert res.status == "changed", res.error
    out = res.rewritten
    assert out.startswith("\ufeffimport mixpanel from 'mixpanel-browser';\r\n")
    assert "\tmixpanel.track('a', {x: 1});\t// c\r\n" in out
    assert "\n" not in out.replace("\r\n", "")


def test_syntax_error_file_is_reported_and_left_alone() -> None:
    res = rewrite("import amplitude from 'amplitude-js';\namplitude.logEvent('a', {;\n", _ajs())
    assert res.status == "error"
    assert "line 2" in (res.error or "")
    assert res.rewritten is None


def test_non_utf8_file_is_an_error_not_a_crash() -> None:
    res = rewrite_source("a.js", b"amplitude.logEvent('\xff\xfe', {});", _ajs())
    assert res.status == "error" and "UTF-8" in (res.error or "")


def test_file_without_sdk_name_is_not_parsed_or_changed() -> None:
    res = rewrite("function logEvent() {}\nlogEvent('x', {});\n", _ajs())
    assert res.status == "unchanged" and not res.changes and not res.review


def test_rewrite_that_does_not_parse_is_not_produced(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        AJS.read_text().replace('fix: "mixpanel.track($EVENT, $PROPS)"', 'fix: "mixpanel.track($EVENT, $PROPS"', 1)
    )
    res = rewrite("amplitude.logEvent('a', {});\n", [load_pack(bad)])
    assert res.status == "error"
    assert "would not parse" in (res.error or "")
    assert res.rewritten is None


def test_idempotent_and_bytes_outside_edits_unchanged() -> None:
    src = (
        "// header comment\nimport amplitude from 'amplitude-js';\n\n"
        "const x = 1;   /* keep */\namplitude.getInstance().logEvent(\"e\", { a: x });\nconsole.log(x)\n"
    )
    out = output(src, _ajs())
    assert out.startswith("// header comment\n")
    assert "const x = 1;   /* keep */\n" in out and out.endswith("console.log(x)\n")
    assert output(out, _ajs()) == out


def test_inner_rewrites_compose_into_outer_ones() -> None:
    src = "amplitude.getInstance().logEvent('a', { id: amplitude.getInstance().getDeviceId() });\n"
    out = output(src, _ajs())
    assert out == "mixpanel.track('a', { id: mixpanel.get_property('$device_id') });\n"


def test_unmapped_sdk_calls_are_listed_for_review() -> None:
    res = rewrite("amplitude.getInstance().setVersionName('1.0');\n", _ajs())
    assert res.status == "unchanged"
    assert [r.rule for r in res.review] == ["amplitude-js/unmapped"]
    assert "setVersionName" in res.review[0].message


def test_named_instance_is_flagged_not_rewritten() -> None:
    src = "const other = amplitude.getInstance('other');\nother.logEvent('a', {});\n"
    res = rewrite(src, _ajs())
    assert res.status == "unchanged"
    assert any("named instance" in r.message for r in res.review)


def test_promise_chain_with_then_goes_to_review() -> None:
    res = rewrite("amplitude.setOptOut(true).promise.then(done);\n", _ajs())
    assert res.status == "unchanged"
    assert res.review and ".promise" in res.review[0].message or ".then" in res.review[0].message
