"""Kotlin and Java clients other files reach (a non-private property or field, a top-level
Kotlin property, a companion object's member) through the project index: every call on them from
another file is listed, and keeps the client whole, so a declaration is never migrated under
calls still written for the old SDK; a reachable client no other file touches migrates, and so
does a private one."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rewriter.cli import app

runner = CliRunner()

APP = """\
package com.x

import com.mixpanel.android.mpmetrics.MixpanelAPI

class App : Application() {
    lateinit var mixpanel: MixpanelAPI
    var client: MixpanelAPI? = null

    override fun onCreate() {
        super.onCreate()
        mixpanel = MixpanelAPI.getInstance(this, "TOKEN", true)
        mixpanel.track("App Opened")
        shared = MixpanelAPI.getInstance(this, "OTHER", true)
    }

    companion object {
        lateinit var shared: MixpanelAPI
    }
}
"""
MAIN = """\
package com.x

class MainActivity : Activity() {
    fun onTap(app: App, api: Api) {
        (application as App).mixpanel.track("Tapped")
        app.mixpanel!!.getPeople().set("plan", "pro")
        App.shared.identify("u1")
        api.client.get("/x")
        val c = app.mixpanel
        app.client?.people?.set("k", 1)
        mixpanel.flush()
    }
}
"""
OTHER = """\
package com.x;

public class Other {
    void f(App app, Api api) {
        app.mixpanel.track("Java Tapped");
        api.client.get("/x");
        ((App) app).client.flush();
        Object o = app.mixpanel;
    }
}
"""
TAIL = "App.kt: the client is declared in another file and its calls from other files are not migrated, " \
       "so it stays whole; migrate by hand"


def _project(tmp: Path, files: dict[str, str]) -> Path:
    (tmp / "settings.gradle.kts").write_text('include(":app")\n')
    for rel, text in files.items():
        p = tmp / "app/src/main/java/com/x" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return tmp


def _run(root: Path, to: str, *extra: str) -> dict:  # type: ignore[type-arg]
    res = runner.invoke(app, ["migrate", str(root), "--to", to, "--format", "json", *extra])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)  # type: ignore[no-any-return]


def _file(report: dict, name: str) -> dict:  # type: ignore[type-arg]
    return next(f for f in report["files"] if f["path"].endswith(name))


def _listed(report: dict, name: str) -> dict[int, str]:  # type: ignore[type-arg]
    return {r["line"]: r["message"] for r in _file(report, name)["review"]}


def test_calls_from_kotlin_and_java_files_are_listed_and_keep_the_client_whole(tmp_path: Path) -> None:
    root = _project(tmp_path, {"App.kt": APP, "Main.kt": MAIN, "Other.java": OTHER})
    report = _run(root, "amplitude", "--write")
    assert report["summary"]["files_changed"] == 0
    assert (root / "app/src/main/java/com/x/App.kt").read_text() == APP  # nothing half-migrated
    main = _listed(report, "Main.kt")
    # `api.client.get` (no rule names get) and `val c = app.mixpanel` (a member read) are not the SDK's;
    # the bare `mixpanel.flush()` of a subclass reaches the inherited field
    assert sorted(main) == [5, 6, 7, 10, 11], main
    assert main[5].startswith("track() on the mixpanel-android client of ") and main[5].endswith(TAIL)
    assert main[6].startswith("getPeople().set() on ")
    assert main[7].startswith("identify() on ")
    assert main[10].startswith("people.set() on ")
    assert main[11].startswith("flush() on ")
    other = _listed(report, "Other.java")
    assert sorted(other) == [5, 7], other
    assert other[5].startswith("track() on the mixpanel-android client of ") and other[5].endswith(TAIL)
    assert other[7].startswith("flush() on ")
    own = _listed(report, "App.kt")
    assert sorted(own) == [6, 7, 11, 12, 13, 17], own  # the exports, the creations and the call wait for the client
    for m in own.values():
        assert m.startswith("not migrated: the mixpanel-android client of ") and "stays whole until every use can move" in m
        assert "Main.kt:5 `(application as App).mixpanel.track(\"Tapped\")` (track() on " in m
        assert m.endswith(" and 4 more"), m  # Main.kt:6, :7 named; :10, :11 and Other.java's two counted


def test_a_reachable_client_no_other_file_touches_migrates(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "App.kt": APP,
        "Main.kt": "package com.x\n\nclass M {\n    fun f(api: Api) {\n        api.client.get(\"/x\")\n    }\n}\n",
    })
    report = _run(root, "amplitude", "--write")
    app_kt = _file(report, "App.kt")
    assert app_kt["status"] == "changed" and not app_kt["review"], app_kt["review"]
    out = (root / "app/src/main/java/com/x/App.kt").read_text()
    assert "lateinit var mixpanel: Amplitude" in out and "MixpanelAPI" not in out
    assert not [f for f in report["files"] if f["path"].endswith("Main.kt") and f["review"]]  # `api.client.get`
    assert _run(root, "amplitude")["summary"]["files_changed"] == 0  # idempotent


def test_private_clients_used_in_their_own_file_migrate(tmp_path: Path) -> None:
    """Private members are not exported: another file's same-named member is not them."""
    root = _project(tmp_path, {
        "Tracker.kt": APP.replace("lateinit var mixpanel", "private lateinit var mixpanel")
                         .replace("    var client: MixpanelAPI? = null\n", "")
                         .replace("        lateinit var shared", "        private lateinit var shared")
                         .replace("class App", "class Tracker"),
        "Checkout.java": (
            "package com.x;\n\nimport com.mixpanel.android.mpmetrics.MixpanelAPI;\n\n"
            "public class Checkout {\n    private final MixpanelAPI mixpanel;\n\n"
            "    Checkout(MixpanelAPI mixpanel) {\n        this.mixpanel = mixpanel;\n    }\n\n"
            "    void bought() {\n        mixpanel.track(\"Bought\");\n    }\n}\n"
        ),
        "Main.kt": "package com.x\n\nclass M {\n    fun f(s: Session) {\n        s.mixpanel.track(\"x\")\n    }\n}\n",
    })
    report = _run(root, "amplitude")
    for name in ("Tracker.kt", "Checkout.java"):
        f = _file(report, name)
        assert f["status"] == "changed" and not f["review"], (name, f["review"])
    assert not any(f["path"].endswith("Main.kt") and f["review"] for f in report["files"])


def test_the_same_name_declared_in_another_file_is_its_own(tmp_path: Path) -> None:
    """A parameter or local `mixpanel` of another file is not the exported client."""
    root = _project(tmp_path, {
        "App.kt": APP,
        "Other.kt": (
            "package com.x\n\nclass O {\n    fun f(mixpanel: Tracker) {\n        mixpanel.track(\"x\")\n    }\n\n"
            "    fun g() {\n        val client = Tracker()\n        client.flush()\n    }\n}\n"
        ),
        "Other.java": (
            "package com.x;\n\npublic class Other {\n    void f(Tracker mixpanel) {\n        mixpanel.track(\"x\");\n"
            "    }\n\n    void g() {\n        Tracker client = new Tracker();\n        client.flush();\n    }\n}\n"
        ),
    })
    report = _run(root, "amplitude")
    assert _file(report, "App.kt")["status"] == "changed"
    assert not [f for f in report["files"] if f["path"].endswith(("Other.kt", "Other.java")) and f["review"]]


ANALYTICS = """\
package com.example

import com.amplitude.android.Amplitude
import com.amplitude.android.Configuration

val amplitude = Amplitude(Configuration(apiKey = "KEY", context = ctx))

class Analytics(val client: Amplitude) {
    fun screen(name: String) {
        client.track("Screen Viewed")
    }
}
"""


def test_amplitude_to_mixpanel_top_level_and_constructor_properties(tmp_path: Path) -> None:
    root = _project(tmp_path, {
        "Analytics.kt": ANALYTICS,
        "Home.kt": "package com.example\n\nfun home(a: Analytics) {\n    amplitude.track(\"Home\")\n"
                   "    a.client.setUserId(\"u1\")\n}\n",
        "Cart.java": "package com.example;\n\nclass Cart {\n    void open(Analytics a) {\n"
                     "        a.client.track(\"Cart\");\n        AnalyticsKt.getAmplitude().flush();\n"
                     "        a.getClient().reset();\n    }\n}\n",
    })
    report = _run(root, "mixpanel", "--write")
    assert (root / "app/src/main/java/com/x/Analytics.kt").read_text() == ANALYTICS
    home = _listed(report, "Home.kt")
    assert sorted(home) == [4, 5], home
    assert home[4].startswith("track() on the amplitude-kotlin client of ")
    assert home[5].startswith("setUserId() on the amplitude-kotlin client of ")
    assert sorted(_listed(report, "Cart.java")) == [5, 6, 7]
    own = _listed(report, "Analytics.kt")
    assert sorted(own) == [6, 8, 10], own  # the top-level property, the constructor's `val client`, its call
    assert all("blocked by" in m and "Cart.java:5 `a.client.track(\"Cart\")`" in m for m in own.values())


def test_a_file_with_its_own_client_lists_the_other_files_calls(tmp_path: Path) -> None:
    """Its own client migrates; the call on another file's client stays, listed, and keeps that client whole."""
    screen = (
        "package com.x\n\nimport com.mixpanel.android.mpmetrics.MixpanelAPI\n\n"
        "class Screen(private val mp: MixpanelAPI) {\n    fun f(app: App) {\n        mp.track(\"Own\")\n"
        "        app.mixpanel.track(\"Theirs\")\n    }\n}\n"
    )
    root = _project(tmp_path, {"App.kt": APP, "Screen.kt": screen})
    report = _run(root, "amplitude", "--write")
    f = _file(report, "Screen.kt")
    assert f["status"] == "changed"
    assert sorted(_listed(report, "Screen.kt")) == [8]
    out = (root / "app/src/main/java/com/x/Screen.kt").read_text()
    assert 'app.mixpanel.track("Theirs")' in out and "MixpanelAPI" not in out
    assert (root / "app/src/main/java/com/x/App.kt").read_text() == APP


def test_a_name_two_files_export_keeps_both_clients_whole(tmp_path: Path) -> None:
    """`x.mixpanel.track()` may be on either class's client: listed for each, and neither migrates."""
    a = APP.replace("    var client: MixpanelAPI? = null\n", "").replace(
        "        shared = MixpanelAPI.getInstance(this, \"OTHER\", true)\n", "").replace(
        "\n    companion object {\n        lateinit var shared: MixpanelAPI\n    }\n", "")
    b = a.replace("class App : Application()", "class Session")
    root = _project(tmp_path, {
        "App.kt": a, "Session.kt": b,
        "Use.kt": "package com.x\n\nfun use(x: Any) {\n    (x as App).mixpanel.track(\"X\")\n}\n",
    })
    report = _run(root, "amplitude", "--write")
    assert (root / "app/src/main/java/com/x/App.kt").read_text() == a
    assert (root / "app/src/main/java/com/x/Session.kt").read_text() == b
    use = [r for r in _file(report, "Use.kt")["review"] if r["line"] == 4]
    assert len(use) == 2 and {m["message"].split(" (`mixpanel`")[0].rsplit("/", 1)[-1] for m in use} == {
        "App.kt", "Session.kt"}, use
    for name in ("App.kt", "Session.kt"):
        assert all(m.startswith("not migrated: ") for m in _listed(report, name).values())
