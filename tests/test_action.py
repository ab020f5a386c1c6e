"""The composite GitHub Action cannot run here (no GitHub); what can be checked offline is checked:
it is a composite action whose scripts take inputs only through environment variables (no
``${{ inputs.* }}`` spliced into shell code, the script-injection pattern), it installs the tool
from its own checkout, runs the real CLI flags, and finds its comment by the Markdown marker."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from rewriter.cli import app
from rewriter.codemod.report.markdown import MARKER

ACTION = yaml.safe_load((Path(__file__).resolve().parents[1] / "action.yml").read_text())


def test_composite_action_scripts_take_inputs_only_through_env() -> None:
    assert ACTION["runs"]["using"] == "composite"
    scripts = [s["run"] for s in ACTION["runs"]["steps"] if "run" in s]
    assert scripts
    for script in scripts:
        assert not re.search(r"\$\{\{\s*(inputs|github\.event)\.", script), script


def test_action_runs_real_cli_flags_and_finds_its_comment_by_the_marker() -> None:
    text = "\n".join(s.get("run", "") for s in ACTION["runs"]["steps"])
    used = ("--check", "--quiet", "--to", "--format", "--output", "--link-base")
    help_text = CliRunner().invoke(app, ["migrate", "--help"], env={"TERMINAL_WIDTH": "200"}).stdout
    for flag in used:
        assert flag in text and flag in help_text, flag
    assert "rewriter migrate" in text and '"$GITHUB_ACTION_PATH"' in text
    assert MARKER in text
