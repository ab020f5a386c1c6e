"""The Objective-C adapter: shared instances, typed variables and properties, headers, invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.lang import adapter_for_path, get_adapter
from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.loader import RulePack, load_packs, select_packs

AMP = "#import <Amplitude/Amplitude.h>\n\n"
MP = "#import <Mixpanel/Mixpanel.h>\n\n"


@pytest.fixture(scope="module")
def a2m() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "mixpanel") if "objc" in p.languages]


@pytest.fixture(scope="module")
def m2a() -> list[RulePack]:
    return [p for p in select_packs(load_packs(), "amplitude") if "objc" in p.languages]


def run(code: str, packs: list[RulePack], path: str = "A.m") -> FileResult:
    res = rewrite_source(path, code.encode(), packs)
    assert res.status != "error", res.error
    return res


def out(code: str, packs: list[RulePack], path: str = "A.m") -> str:
    res = run(code, packs, path)
    return res.rewritten if res.status == "changed" else code  # type: ignore[return-value]


def parses(code: str) -> bool:
    objc = get_adapter("objc")
    return objc.syntax_error(objc.parse("A.m", code.encode())) is None


def test_registered_for_m_mm_and_h() -> None:
    for path in ("App/AppDelegate.m", "App/Bridge.mm", "App/Tracker.h"):
        assert adapter_for_path(path) is get_adapter("objc")


def test_shared_instance_local_and_property_clients(a2m: list[RulePack]) -> None:
    code = AMP + (
        "@interface T ()\n@property (nonatomic, strong) Amplitude *amp;\n@end\n\n@implementation T\n"
        "- (void)go {\n    Amplitude *local = [Amplitude instance];\n    [local logEvent:@\"A\"];\n"
        "    self.amp = [Amplitude instance];\n    [self.amp setUserId:@\"u-12345\"];\n    [_amp uploadEvents];\n"
        "    [[Amplitude instance] logEvent:@\"B\" withEventProperties:@{@\"k\": @1}];\n}\n@end\n"
    )
    got = out(code, a2m)
    assert got == MP + (
        "@interface T ()\n@property (nonatomic, strong) Mixpanel *amp;\n@end\n\n@implementation T\n"
        "- (void)go {\n    Mixpanel *local = [Mixpanel sharedInstance];\n    [local track:@\"A\"];\n"
        "    self.amp = [Mixpanel sharedInstance];\n    [self.amp identify:@\"u-12345\"];\n    [_amp flush];\n"
        "    [[Mixpanel sharedInstance] track:@\"B\" properties:@{@\"k\": @1}];\n}\n@end\n"
    )
    assert parses(got)


def test_an_unmapped_message_keeps_the_client_whole(a2m: list[RulePack]) -> None:
    code = AMP + "void f(void) {\n    [[Amplitude instance] regenerateDeviceId];\n    [[Amplitude instance] logEvent:@\"A\"];\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and not res.changes
    lines = sorted({r.line for r in res.review})
    assert lines == [4, 5]
    assert any("[... regenerateDeviceId]" in r.message for r in res.review)


def test_a_client_passed_on_keeps_the_client_whole(m2a: list[RulePack]) -> None:
    code = MP + "void f(void) {\n    Mixpanel *mp = [Mixpanel sharedInstance];\n    Register(mp);\n    [mp track:@\"A\"];\n}\n"
    res = run(code, m2a)
    assert res.status == "unchanged" and any("used as a value" in r.message for r in res.review)


def test_sdk_selectors_on_unknown_receivers_are_listed(a2m: list[RulePack]) -> None:
    code = AMP + "void f(Tracker *t) {\n    [t.client logEvent:@\"A\" withEventProperties:@{}];\n}\n"
    res = run(code, a2m)
    assert res.status == "unchanged" and "does not declare as a client" in res.review[0].message


def test_headers_are_listed_never_edited(a2m: list[RulePack]) -> None:
    code = AMP + "@interface T : NSObject\n@property (nonatomic, strong) Amplitude *amp;\n@end\n"
    res = run(code, a2m, "T.h")
    assert res.status == "unchanged" and not res.changes
    assert [r.line for r in res.review] == [1, 4]
    assert all("header" in r.message for r in res.review)


def test_a_class_with_the_vendor_name_is_not_the_sdk(m2a: list[RulePack]) -> None:
    code = '#import "Analytics.h"\n\nvoid f(Other *o) {\n    [o track:@"x"];\n}\n'
    res = run(code, m2a)
    assert res.status == "unchanged" and not res.review and not res.sdks


def test_round_trip_gives_the_source_back(a2m: list[RulePack], m2a: list[RulePack]) -> None:
    code = AMP + (
        "@implementation T\n- (void)go:(NSString *)uid {\n"
        "    [[Amplitude instance] setUserId:uid];\n"
        "    [[Amplitude instance] logEvent:@\"E\" withEventProperties:@{@\"k\": uid}];\n"
        "    [[Amplitude instance] setUserProperties:@{@\"plan\": @\"pro\"}];\n"
        "    [[Amplitude instance] setGroup:@\"org\" groupName:uid];\n"
        "}\n@end\n"
    )
    there = out(code, a2m)
    assert "Amplitude" not in there
    assert out(there, m2a) == code


def test_invariants_crlf_and_idempotence(a2m: list[RulePack]) -> None:
    code = AMP.replace("\n", "\r\n") + "/* keep */\r\nvoid f(void) {\r\n\t[[Amplitude instance] logEvent:@\"A\"]; // c\r\n}\r\n"
    got = out(code, a2m)
    assert got == "#import <Mixpanel/Mixpanel.h>\r\n\r\n/* keep */\r\nvoid f(void) {\r\n\t[[Mixpanel sharedInstance] track:@\"A\"]; // c\r\n}\r\n"
    again = rewrite_source("A.m", got.encode(), a2m)
    assert again.status == "unchanged" and not again.review


_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz _", min_size=1, max_size=10)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(_names, min_size=1, max_size=4), filler=_names, gap=st.sampled_from([" ", "\n        "]))
def test_property_idempotent_kept_bytes_and_clean_parse(
    a2m: list[RulePack], events: list[str], filler: str, gap: str
) -> None:
    body = "".join(
        f"    // {filler}\n    [[Amplitude instance] logEvent:@\"{e}\"{gap}withEventProperties:@{{@\"i\": @{i}}}];\n"
        for i, e in enumerate(events)
    )
    code = AMP + f"static NSString *const kNote = @\"{filler}\";\n\nvoid f(void) {{\n{body}}}\n"
    got = out(code, a2m)
    assert parses(got) and f"static NSString *const kNote = @\"{filler}\";\n" in got
    assert got.count(f"// {filler}\n") == len(events) and got.count("[[Mixpanel sharedInstance] track:@") == len(events)
    assert "Amplitude" not in got and rewrite_source("A.m", got.encode(), a2m).status == "unchanged"


def test_a_matlab_file_is_not_objective_c_sdk_code(a2m: list[RulePack]) -> None:
    code = "% Amplitude of the signal\nAmplitude = max(abs(x));\nfprintf('Amplitude: %f\\n', Amplitude);\n"
    res = rewrite_source("signal.m", code.encode(), a2m)
    assert res.status == "unchanged" and not res.review and not res.changes


def test_amplitude_swift_from_objective_c_is_listed_not_taken_for_the_legacy_sdk(a2m: list[RulePack]) -> None:
    code = (
        "@import AmplitudeSwift;\n\nvoid f(void) {\n"
        "    AMPConfiguration *c = [AMPConfiguration initWithApiKey:@\"k\"];\n"
        "    Amplitude *amplitude = [Amplitude initWithConfiguration:c];\n"
        "    [amplitude track:@\"E\" eventProperties:nil];\n}\n"
    )
    res = run(code, a2m)
    assert res.status == "unchanged" and not res.changes
    assert res.review[0].line == 1 and "AmplitudeSwift's Objective-C API" in res.review[0].message
    assert {r.line for r in res.review} == {1, 5, 6}
