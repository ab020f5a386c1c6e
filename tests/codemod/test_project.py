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
