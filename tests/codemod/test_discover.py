"""The directory walk (codemod.discover): what is processed, and why the rest is not."""

from __future__ import annotations

from pathlib import Path

from rewriter.codemod.discover import discover, walk


def _tree(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def test_gitignore_files_apply_from_their_own_directory_down(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            ".gitignore": "generated/\n*.gen.js\n",
            "src/app.js": "",
            "src/x.gen.js": "",
            "generated/a.js": "",
            "pkg/.gitignore": "local.js\n",
            "pkg/local.js": "",
            "pkg/kept.js": "",
            "other/local.js": "",  # pkg's .gitignore does not reach a sibling
        },
    )
    out = discover([tmp_path])
    got = sorted(Path(p).relative_to(tmp_path).as_posix() for p, _ in out.files)
    assert got == ["other/local.js", "pkg/kept.js", "src/app.js"]
    reasons = "\n".join(out.excluded)
    assert "generated/ (.gitignore)" in reasons and "x.gen.js (.gitignore)" in reasons
    assert "pkg/local.js (.gitignore)" in reasons


def test_default_excludes_minified_files_and_manifests(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "node_modules/sdk/index.js": "",
            "Pods/Amplitude/A.swift": "",
            "lib/a.min.js": "",
            "lib/b.ts": "",
            "lib/notes.txt": "",
            "package.json": "{}",
        },
    )
    excluded: list[str] = []
    manifests: list[str] = []
    got = [Path(p).relative_to(tmp_path).as_posix() for p, _ in walk([tmp_path], excluded, manifests=manifests)]
    assert got == ["lib/b.ts"]
    text = "\n".join(excluded)
    assert "(default exclude: node_modules)" in text and "(default exclude: Pods)" in text
    assert "a.min.js (minified)" in text
    assert manifests == [str((tmp_path / "package.json").resolve())]


def test_a_missing_path_is_reported_not_walked(tmp_path: Path) -> None:
    excluded: list[str] = []
    assert list(walk([tmp_path / "nope"], excluded)) == []
    assert excluded == [f"{tmp_path / 'nope'} (does not exist)"]
