"""Never silent: a package of either vendor that no pack migrates gets every call listed as
"unsupported SDK <package>" (review-only packs built from sdks/_packages.yaml)."""

from __future__ import annotations

from rewriter.codemod.packs.loader import load_packs, select_packs
from tests.codemod.conftest import rewrite


def test_calls_on_an_unsupported_package_are_each_listed() -> None:
    packs = select_packs(load_packs(), "mixpanel")
    code = (
        "import { Experiment } from '@amplitude/experiment-js-client';\n"
        "import * as ampli from '@amplitude/ampli';\n"
        "Experiment.initialize('key');\nampli.load({ environment: 'prod' });\nampli.signedUp({ plan: 'pro' });\n"
        "const other = { load() {} };\nother.load();\n"
    )
    res = rewrite(code, packs, "a.ts")
    assert res.status == "unchanged" and not res.changes
    assert [(r.line, r.rule) for r in res.review] == [
        (3, "@amplitude/experiment-js-client/unmapped"), (4, "@amplitude/ampli/unmapped"), (5, "@amplitude/ampli/unmapped")]
    assert all(r.message.startswith("unsupported SDK @amplitude/") for r in res.review)


def test_review_only_packs_exist_only_for_packages_without_a_pack() -> None:
    packs = load_packs()
    review_only = {p.sdk for p in packs if p.review_only}
    migrated = {m for p in packs if not p.review_only for m in p.bind.modules}
    assert review_only and not review_only & migrated
    assert "@amplitude/plugin-session-replay-browser" in review_only
    assert not any(s.startswith("@types/") for s in review_only)  # type packages make no calls


def test_sdk_code_inside_strings_is_listed_never_rewritten() -> None:
    """Issue 10: a snippet injected with dangerouslySetInnerHTML and a CDN loader URL are listed."""
    packs = select_packs(load_packs(), "mixpanel")
    code = (
        "const SNIPPET = `!function(){}();amplitude.getInstance().init('KEY');`;\n"
        "export const Doc = () => <head><script dangerouslySetInnerHTML={{ __html: SNIPPET }} />"
        "<script src=\"https://cdn.amplitude.com/libs/amplitude-8.21.0-min.gz.js\" /></head>;\n"
        "const label = 'amplitude settings';\n"
    )
    res = rewrite(code, packs, "_document.tsx")
    assert res.status == "unchanged"
    assert [(r.line, "inside a string" in r.message) for r in res.review] == [(1, True), (2, True)]
