"""``rewriter explain RULE_ID``: what a rule does, why, and an example from its fixture pair.

The example is never written by hand: it is the rule's own fixture pair (the one ``rules test``
proves), shown as a diff, so the explanation cannot drift from what the rule really does. Rule
ids may be qualified (``amplitude-js/track``) or bare (``track``) when only one pack has it.
Returns data; the CLI prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rewriter.codemod.model import FileResult
from rewriter.codemod.packs.fixtures import fixture_pairs
from rewriter.codemod.packs.loader import Rule, RulePack
from rewriter.codemod.report.diff import hunks


class UnknownRule(LookupError):
    """No rule (or several) answer to the id; ``str()`` says which exist."""


@dataclass(frozen=True)
class Explanation:
    qualified: str
    pack: RulePack
    rule: Rule
    where: str
    why: str
    example: str | None  # a unified diff of the fixture pair
    example_files: tuple[str, str] | None
    example_changes: bool = True  # False: the pair shows code left as it is (a review rule)


def find_rule(packs: list[RulePack], rule_id: str) -> tuple[RulePack, Rule]:
    hits = [(p, r) for p in packs for r in p.rules if rule_id in (p.qualified(r), r.id)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise UnknownRule(f"no rule {rule_id!r} (see `rewriter rules list`)")
    names = ", ".join(sorted(p.qualified(r) for p, r in hits))
    raise UnknownRule(f"{rule_id!r} is ambiguous: {names}")


def _why(rule: Rule) -> str:
    if rule.rationale:
        return rule.rationale
    if rule.review:
        return f"Left for a human: {rule.review}"
    if rule.note:
        return rule.note
    return "The call maps one to one; the pack records no further rationale."


def _example(pack: RulePack, rule: Rule) -> tuple[str, tuple[str, str], bool] | None:
    pairs = [(i, e) for rid, i, e in fixture_pairs(pack.path) if rid == rule.id and e.is_file()]
    if not pairs:
        return None
    # the plain pair (no --case suffix) first: it is the rule's headline example
    inp, exp = sorted(pairs, key=lambda ie: ("--" in ie[0].name, ie[0].name))[0]
    before = inp.read_bytes().decode("utf-8", "replace")
    after = exp.read_bytes().decode("utf-8", "replace")
    f = FileResult(inp.name, "", "changed", original=before, rewritten=after)
    body = "".join(h.text() for h in hunks(f, context=3))
    if body:
        return body, (inp.name, exp.name), True
    # a review rule: the pair shows the code is left as it is
    return "".join(f"  {line}" for line in before.splitlines(keepends=True)), (inp.name, exp.name), False


def explain(packs: list[RulePack], rule_id: str) -> Explanation:
    pack, rule = find_rule(packs, rule_id)
    ex = _example(pack, rule)
    return Explanation(
        qualified=pack.qualified(rule),
        pack=pack,
        rule=rule,
        where=f"{Path(pack.path)}:{pack.rule_lines.get(rule.id, 1)}",
        why=_why(rule),
        example=ex[0] if ex else None,
        example_files=ex[1] if ex else None,
        example_changes=ex[2] if ex else True,
    )
