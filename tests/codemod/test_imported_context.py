"""A React context an app module exports (`export const Ctx = createContext(amplitude)`) and other
files read with `useContext(Ctx)`: the context's client is followed into them, migrates whole
(the context's value becomes the target client) or, with one use that cannot move, stays whole
with every use listed. Before, both files were silent."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rewriter.cli import app

CTX = (
    "import { createContext } from 'react';\nimport * as amplitude from '@amplitude/analytics-browser';\n\n"
    "export const AnalyticsContext = createContext(amplitude);\n"
)
USER = (
    "import { useContext } from 'react';\nimport {{ AnalyticsContext as Ctx }} from '../analytics/ctx';\n\n"
    "export function Screen() {{\n  const analytics = useContext(Ctx);\n  {call}\n  return null;\n}}\n"
)


def _app(tmp: Path, call: str) -> Path:
    (tmp / "src" / "analytics").mkdir(parents=True)
    (tmp / "src" / "screens").mkdir()
    (tmp / "src" / "analytics" / "ctx.tsx").write_text(CTX)
    (tmp / "src" / "screens" / "Screen.tsx").write_text(USER.replace("{{", "{").replace("}}", "}").replace("{call}", call))
    return tmp


def _migrate(root: Path, *extra: str) -> dict[str, dict]:  # type: ignore[type-arg]
    res = CliRunner().invoke(app, ["migrate", str(root), "--to", "mixpanel", "--format", "json", *extra])
    assert res.exit_code == 0, res.output
    return {Path(f["path"]).name: f for f in json.loads(res.stdout)["files"]}


def test_the_context_and_its_users_migrate_whole(tmp_path: Path) -> None:
    root = _app(tmp_path, "analytics.setUserId('u1');")
    files = _migrate(root, "--write")
    ctx = (root / "src" / "analytics" / "ctx.tsx").read_text()
    assert "import mixpanel from 'mixpanel-browser';" in ctx and "createContext(mixpanel)" in ctx
    assert "@amplitude" not in ctx
    screen = (root / "src" / "screens" / "Screen.tsx").read_text()
    assert "analytics.identify('u1');" in screen and "useContext(Ctx)" in screen  # the user keeps its name
    assert not files["Screen.tsx"]["review"] and not files["ctx.tsx"]["review"]
    again = CliRunner().invoke(app, ["migrate", str(root), "--to", "mixpanel", "--check"])  # nothing left to do
    assert again.exit_code == 0, again.output


def test_one_use_that_cannot_move_keeps_the_context_whole(tmp_path: Path) -> None:
    root = _app(tmp_path, "analytics.add(somePlugin());")
    files = _migrate(root, "--write")
    assert (root / "src" / "analytics" / "ctx.tsx").read_text() == CTX
    (item,) = files["ctx.tsx"]["review"]
    assert item["line"] == 4 and "blocked by" in item["message"] and "Screen.tsx:6" in item["message"]
    assert [r["line"] for r in files["Screen.tsx"]["review"]] == [6]
