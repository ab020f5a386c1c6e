"""App modules have one name whatever the import spelling: relative at any depth, tsconfig/jsconfig
``paths`` aliases and ``baseUrl``; a pack naming ``./src/services/analytics`` binds all of them."""

from __future__ import annotations

from pathlib import Path

from rewriter.codemod.engine import rewrite_source
from rewriter.codemod.packs.loader import load_pack
from rewriter.codemod.project import canonical_bind_module, canonical_module

TSCONFIG = """{
  // TypeScript allows comments and trailing commas
  "compilerOptions": {
    "baseUrl": ".",
    "paths": { "@/*": ["src/*"], "~analytics": ["src/services/analytics/index.ts"], },
  },
}
"""
PACK = """from: amplitude
to: mixpanel
sdk: my-wrapper
languages: [typescript]
bind:
  modules: ["./src/services/analytics"]
target: {sdk: mixpanel-browser, name: mixpanel, esm: "import mixpanel from 'mixpanel-browser';"}
rules:
  - id: send
    match: "$SDK.send($E)"
    fix: "mixpanel.track($E)"
"""


def project(tmp_path: Path, config: str = "tsconfig.json") -> Path:
    (tmp_path / config).write_text(TSCONFIG)
    (tmp_path / "src" / "services" / "analytics").mkdir(parents=True)
    (tmp_path / "src" / "services" / "analytics" / "index.ts").write_text("export default {};\n")
    (tmp_path / "src" / "a" / "b").mkdir(parents=True)
    return tmp_path


def test_every_spelling_reaches_one_canonical_module(tmp_path: Path) -> None:
    root = project(tmp_path)
    importer = str(root / "src" / "a" / "b" / "C.tsx")
    spellings = ["../../services/analytics", "../../services/analytics/index", "@/services/analytics", "~analytics",
                 "src/services/analytics"]
    assert {canonical_module(s, importer) for s in spellings} == {"src/services/analytics"}
    assert canonical_module("mixpanel-browser", importer) == "mixpanel-browser"
    assert canonical_module("src/missing", importer) == "src/missing"  # baseUrl only for what exists
    assert canonical_bind_module("./src/services/analytics.ts") == "src/services/analytics"
    assert canonical_bind_module("@amplitude/analytics-browser") == "@amplitude/analytics-browser"


def test_jsconfig_works_like_tsconfig(tmp_path: Path) -> None:
    root = project(tmp_path, "jsconfig.json")
    assert canonical_module("@/services/analytics", str(root / "src" / "x.js")) == "src/services/analytics"


def test_a_pack_naming_an_app_module_binds_every_importer(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "pack.yaml").write_text(PACK)
    pack = load_pack(root / "pack.yaml")
    code = (
        "import t1 from '../../services/analytics';\nimport t2 from '@/services/analytics';\n"
        "import other from '../../services/other';\nt1.send('a');\nt2.send('b');\nother.send('c');\n"
    )
    res = rewrite_source(str(root / "src" / "a" / "b" / "C.ts"), code.encode(), [pack])
    assert res.status == "changed", res.error
    assert [c.after for c in res.changes] == ["mixpanel.track('a')", "mixpanel.track('b')"]
    assert "other.send('c')" in (res.rewritten or "")


def test_a_package_tsconfig_extending_the_root_one_inherits_its_base_url_and_paths(tmp_path: Path) -> None:
    """``packages/app/tsconfig.json`` = ``{"extends": "../../tsconfig"}``: ``app/lib/x`` resolves
    through the root config's ``baseUrl: ./packages`` (found on a public React Native monorepo)."""
    from rewriter.codemod.project import module_id, project_of, resolved_module

    (tmp_path / "tsconfig.json").write_text('{"compilerOptions": {"baseUrl": "./packages", "paths": {"@ui/*": ["./ui/*"]}}}')
    app = tmp_path / "packages" / "app"
    (app / "lib" / "amplitude").mkdir(parents=True)
    (app / "tsconfig.json").write_text('{\n  // comments are allowed\n  "extends": "../../tsconfig"\n}')
    (app / "package.json").write_text("{}")
    (app / "lib" / "amplitude" / "index.ts").write_text("export const a = 1;\n")
    (tmp_path / "packages" / "ui").mkdir()
    (tmp_path / "packages" / "ui" / "button.tsx").write_text("export const B = 1;\n")
    importer = str(app / "lib" / "analytics.ts")
    project_of.cache_clear()
    assert resolved_module("app/lib/amplitude", importer) == module_id(str(app / "lib" / "amplitude" / "index.ts"))
    assert resolved_module("@ui/button", importer) == module_id(str(tmp_path / "packages" / "ui" / "button.tsx"))
    assert resolved_module("react", importer) is None


def test_platform_variants_are_one_module() -> None:
    from rewriter.codemod.project import module_id

    assert module_id("/a/lib/amplitude/index.web.ts") == module_id("/a/lib/amplitude/index.ts") == "/a/lib/amplitude"
    assert module_id("/a/lib/track.native.tsx") == module_id("/a/lib/track.ios.js") == "/a/lib/track"
