"""Dart clients other files reach (a public top-level variable, a public field) through the
project index: every call on them from another file is listed, and keeps the client whole, so
a declaration is never migrated under calls still written for the old SDK; a public client no
other file touches migrates."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rewriter.cli import app

runner = CliRunner()

SERVICE = """\
import 'package:mixpanel_flutter/mixpanel_flutter.dart';

late Mixpanel mixpanel;

class AnalyticsService {
  Mixpanel? client;
  static late Mixpanel shared;

  Future<void> init() async {
    client = await Mixpanel.init('TOKEN', trackAutomaticEvents: true);
    client!.track('Ready');
  }
}
"""
SCREEN = """\
import 'package:dx/dx.dart';

void onTap(AnalyticsService s, Api api) {
  mixpanel.track('Tapped', properties: {'a': 1});
  s.client?.track('Opened');
  AnalyticsService.shared.identify('u1');
  s.client!.getPeople().set('k', 1);
  api.client.get('/x');
  final c = s.client;
}
"""


def _project(tmp: Path, files: dict[str, str]) -> Path:
    (tmp / "pubspec.yaml").write_text("name: dx\n")
    for rel, text in files.items():
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp


def _run(root: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    res = runner.invoke(app, ["migrate", str(root), "--to", "amplitude", "--format", "json", *extra])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)  # type: ignore[no-any-return]


def _file(report: dict, name: str) -> dict:  # type: ignore[type-arg]
    return next(f for f in report["files"] if f["path"].endswith(name))


def test_calls_from_other_files_are_listed_and_keep_the_client_whole(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "lib/src/service.dart": SERVICE,
        "lib/dx.dart": "export 'src/service.dart';\n",  # a barrel: the screen never names service.dart
        "lib/screen.dart": SCREEN,
    })
    report = _run(root, "--write")
    service, screen = _file(report, "service.dart"), _file(report, "screen.dart")
    assert service["status"] == "unchanged" and screen["status"] == "unchanged"
    assert (root / "lib/src/service.dart").read_text() == SERVICE  # nothing half-migrated
    listed = {r["line"]: r["message"] for r in screen["review"]}
    assert sorted(listed) == [4, 5, 6, 7]  # `api.client.get` and `final c = s.client` are not the SDK's
    assert listed[4].startswith("track() on the mixpanel-flutter client of")
    assert "getPeople().set" in listed[7] and "declared in another file" in listed[7]
    own = {r["line"] for r in service["review"]}
    assert {10, 11} <= own  # the service's own creation and call wait for the client
    assert any("blocked by" in r["message"] and "screen.dart:4" in r["message"] for r in service["review"])


def test_a_public_client_no_other_file_touches_migrates(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "lib/src/service.dart": SERVICE.replace("  static late Mixpanel shared;\n", ""),
        "lib/screen.dart": "void onTap(Api api) {\n  api.client.get('/x');\n}\n",
    })
    report = _run(root, "--write")
    service = _file(report, "service.dart")
    assert service["status"] == "changed" and not service["review"], service["review"]
    out = (root / "lib/src/service.dart").read_text()
    assert "late Amplitude mixpanel;" in out and "Amplitude? client;" in out and "mixpanel_flutter" not in out
    assert _run(root)["summary"]["files_changed"] == 0  # idempotent


def test_the_same_name_declared_in_the_file_is_its_own(tmp_path: Path) -> None:
    """A local `mixpanel` of another file is not the exported client."""
    root = _project(tmp_path, {
        "lib/src/service.dart": SERVICE.replace("  static late Mixpanel shared;\n", ""),
        "lib/other.dart": "void f(Tracker mixpanel) {\n  mixpanel.track('x');\n}\n",
    })
    report = _run(root)
    assert _file(report, "service.dart")["status"] == "changed"
    assert not [f for f in report["files"] if f["path"].endswith("other.dart") and f["review"]]


def test_an_unmapped_call_on_a_kept_client_says_so_once() -> None:
    """Found on a real app (a legacy `setServerUrl` beside a blocking call): the reason read
    "no rule maps no rule maps setServerUrl()"."""
    from rewriter.codemod.engine import rewrite_source
    from rewriter.codemod.packs.loader import load_packs

    code = (
        "import 'package:amplitude_flutter/amplitude.dart';\n\n"
        "class A {\n  final Amplitude _a = Amplitude.getInstance(instanceName: 'x');\n"
        "  void f() {\n    _a.setServerUrl('https://example.com');\n    _a.enableCoppaControl();\n  }\n}\n"
    )
    res = rewrite_source("a.dart", code.encode(), [p for p in load_packs() if p.sdk == "amplitude-flutter"])
    messages = [r.message for r in res.review]
    assert any("setServerUrl()" in m for m in messages), messages
    assert not any("no rule maps no rule maps" in m for m in messages), messages


def test_a_legacy_instance_assigned_to_a_client_is_listed() -> None:
    """Found on a real app (aytoku/DelieveryIOS): `analytics = Amplitude.getInstance(...)` into a
    client field was taken for one client handed to another and left out of the review list."""
    from rewriter.codemod.engine import rewrite_source
    from rewriter.codemod.packs.loader import load_packs

    code = (
        "import 'package:amplitude_flutter/amplitude.dart';\n\nclass A {\n  static Amplitude analytics;\n\n"
        "  static Future<void> initialize(String id) async {\n"
        "    analytics = Amplitude.getInstance(instanceName: 'x');\n    analytics.init('KEY');\n  }\n}\n"
    )
    res = rewrite_source("a.dart", code.encode(), [p for p in load_packs() if p.sdk == "amplitude-flutter"])
    assert res.status == "unchanged"
    by_line = {r.line: r for r in res.review}
    assert by_line[7].rule == "amplitude-flutter/legacy-instance" and 8 in by_line
