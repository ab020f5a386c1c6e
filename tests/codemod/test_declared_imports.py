"""Imports follow what printers and fix templates declare they write, never a search of the
rewritten text for names (a string that mentions ``Config`` is not a use of ``Config``)."""

from __future__ import annotations

from rewriter.codemod.engine import _writes_name
from tests.codemod.conftest import rewrite


def test_fix_templates_declare_the_client_they_write() -> None:
    assert _writes_name("mixpanel.track($EVENT, $PROPS)", "mixpanel")
    assert not _writes_name("send('mixpanel', $EVENT)", "mixpanel")
    assert not _writes_name("$mixpanel.track($E)", "mixpanel")


def test_python_imports_only_what_the_printer_used(to_amplitude) -> None:  # type: ignore[no-untyped-def]
    code = 'from mixpanel import Mixpanel\nmp = Mixpanel("t")\n\n\ndef f(u):\n    mp.track(u, "Config Identify changed")\n'
    res = rewrite(code, to_amplitude, "a.py")
    assert res.status == "changed", res.error
    first = (res.rewritten or "").splitlines()[0]
    assert first == "from amplitude import Amplitude, BaseEvent"  # not Config, not Identify


def test_js_import_added_for_an_operation_rewrite(to_mixpanel) -> None:  # type: ignore[no-untyped-def]
    code = "import * as amplitude from '@amplitude/analytics-browser';\namplitude.init('k');\n"
    out = rewrite(code, to_mixpanel, "a.ts").rewritten or ""
    assert out.startswith("import mixpanel from 'mixpanel-browser';\n")
