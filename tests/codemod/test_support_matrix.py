"""The README's support matrix is generated from the packs, profiles and loaders, and kept in sync."""

from __future__ import annotations

from pathlib import Path

from rewriter.codemod.packs.loader import RulePack, load_packs
from rewriter.codemod.packs.matrix import END, START, readme_section, render, replace_section, rows

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_table_is_the_generated_one() -> None:
    text = README.read_text(encoding="utf-8")
    assert readme_section(text) is not None, f"README.md lacks the {START!r}/{END!r} markers"
    assert readme_section(text) == render(), "README support matrix is stale: python -m rewriter.codemod.packs.matrix --write"


def _pack(sdk: str, languages: list[str], rules: list[dict[str, object]]) -> RulePack:
    return RulePack.model_validate({
        "from": "amplitude", "to": "mixpanel", "sdk": sdk, "languages": languages,
        "bind": {"modules": [sdk]}, "target": {"sdk": "mixpanel-fictional", "name": "Mixpanel"}, "rules": rules,
    })


def test_a_new_pack_shows_up_with_its_operations_split() -> None:
    new = _pack("amplitude-fictional", ["swift"], [
        {"id": "track", "operation": "track", "match": "$SDK.track($E)", "fix": "Mixpanel.mainInstance().track(event: $E)"},
        {"id": "track-opts", "operation": "track", "match": "$SDK.track($E, $P, $O)", "review": "options"},
        {"id": "revenue", "operation": "revenue", "match": "$SDK.revenue($R)", "review": "no equivalent"},
    ])
    table = rows([*load_packs(), new])
    row = next(r for r in table if r[0] == "`amplitude-fictional`")
    assert row[1:] == ["Swift", "Amplitude → Mixpanel", "`mixpanel-fictional`", "track", "revenue"]
    assert all(r[0] != "`amplitude-fictional`" for r in rows(load_packs()))


def test_rows_cover_every_shipped_pack_and_the_page_loaders() -> None:
    packs = load_packs()
    table = render(packs)
    assert table.count("\n") == 2 + len(rows(packs))
    for p in packs:
        assert f"`{p.target.sdk}`" in table or not p.rules
    assert "Amplitude page loader" in table and "`mixpanel-browser` snippet" in table
    assert "every call (unsupported SDK)" in table  # the review-only packs of sdks/_packages.yaml


def test_replace_section_keeps_the_rest_of_the_readme() -> None:
    doc = f"# t\n\nbefore\n{START}\nold\n{END}\nafter\n"
    out = replace_section(doc, "| new |\n")
    assert out == f"# t\n\nbefore\n{START}\n| new |\n{END}\nafter\n"
    assert readme_section(out) == "| new |\n"
