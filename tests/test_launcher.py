"""The console script's entry point stays import-light (spawned import workers re-import it)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_console_script_entry_point_imports_nothing_heavy() -> None:
    entry = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["rewriter"]
    module, _, function = entry.partition(":")
    probe = (
        f"import sys, {module}; assert callable({module}.{function}); "
        "print(sorted(m for m in ('typer', 'rich', 'pydantic', 'httpx', 'rewriter.cli') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "rewriter", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "import" in result.stdout and "migrate" in result.stdout
