"""A separate instance (`createInstance()`, Browser and Node SDK 2) is a client of its own: its
creation is listed for review, so every call on it, in its file or through an import, is listed
too and nothing of it is rewritten (found on a real app shape: the calls were silent, and with
a named import even the instance's `init` was)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rewriter.cli import app


@pytest.mark.parametrize(("imp", "create"), [
    ("import { createInstance } from '@amplitude/analytics-browser';", "createInstance()"),
    ("import * as amplitude from '@amplitude/analytics-browser';", "amplitude.createInstance()"),
    ("import { createInstance } from '@amplitude/analytics-node';", "createInstance()"),
])
def test_every_call_on_the_instance_is_listed(tmp_path: Path, imp: str, create: str) -> None:
    code = f"{imp}\n\nconst amp = {create};\namp.init('KEY');\namp.track('Opened', {{ a: 1 }});\n"
    (tmp_path / "a.ts").write_text(code)
    res = CliRunner().invoke(app, ["migrate", str(tmp_path), "--to", "mixpanel", "--format", "json", "--write"])
    assert res.exit_code == 0, res.output
    (f,) = json.loads(res.stdout)["files"]
    assert f["status"] == "unchanged" and (tmp_path / "a.ts").read_text() == code
    assert sorted({r["line"] for r in f["review"]}) == [3, 4, 5]
    assert "separate Amplitude instance" in next(r["message"] for r in f["review"] if r["line"] == 3)
    assert "client `amp`" in next(r["message"] for r in f["review"] if r["line"] == 4)  # line 5 may have its own reason


def test_an_imported_instance_is_listed_where_it_is_used(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "analytics.ts").write_text(
        "import { createInstance } from '@amplitude/analytics-browser';\n\nexport const amp = createInstance();\n"
        "amp.init('KEY');\n"
    )
    (tmp_path / "src" / "a.ts").write_text(
        "import { amp } from './analytics';\n\nexport function clicked() {\n  amp.track('Clicked', { a: 1 });\n}\n"
    )
    res = CliRunner().invoke(app, ["migrate", str(tmp_path), "--to", "mixpanel", "--format", "json"])
    assert res.exit_code == 0, res.output
    files = {Path(f["path"]).name: f for f in json.loads(res.stdout)["files"]}
    used = files["a.ts"]["review"]
    assert [r["line"] for r in used] == [4]
    assert "client `amp`" in used[0]["message"] and "blocked by" in used[0]["message"]
    assert {r["line"] for r in files["analytics.ts"]["review"]} == {3, 4}
