"""JavaScript/TypeScript embedded in a page: ``.vue``, ``.svelte``, ``.html`` and server templates.

An ``EmbeddedScriptAdapter`` *is* the JavaScript adapter (same bindings, rules, readers,
printers, import planning), reading only the page's ``<script>`` regions: ``parse`` hands the
JS/TS grammar the regions as tree-sitter ``included_ranges`` (``regions.parse_regions``), so node
offsets and lines are the file's own and the engine needs no translation. Its ``id`` is the
grammar's (``javascript``/``typescript``/``tsx``: the JS packs apply, patterns compile once);
results and reports name the page's language (``report_language``: ``vue``, ``svelte``,
``html``, or the template language).

What it adds to the JavaScript adapter:

* ``for_source`` picks the grammar per file: TypeScript when a block says ``lang="ts"``, and the
  review-only variant for a server template.
* ``check_rewrite`` re-finds the regions in the output, requires every byte outside them to be
  unchanged (markup, styles, template text that mentions the vendor) and re-parses with the new
  ranges (no new parse errors, ``TreeSitterAdapter.reparse``).
* ``import_edits``: an import the JavaScript planner would add after the last line of a
  declaration that shares its line with ``</script>`` is moved inside the block.
* ``page_reviews``: every ``<script src>`` tag or inline snippet that loads the source vendor's
  SDK is replaced by the target's official loader when the page's client migrates, else listed
  with the reason (``loaders.py``: ``loader_migrates`` decides, ``client_migrates`` carries the
  project's answer); SDK calls in template expressions are listed, or rewritten in place when they
  call the snippet global and move with the loader (``templates.py``); a server template gets a
  file-level item naming the vendor snippet, and its SDK calls are listed, never rewritten.

This module never writes files; outside a script region it edits only a loader element and a
template call (``check_rewrite`` verifies every other byte).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tree_sitter import Node

from rewriter.codemod.edits import apply_edits
from rewriter.codemod.lang import HOSTS, TEMPLATES
from rewriter.codemod.lang.base import FileBindings, LanguageAdapter, PageItem, ParsedFile
from rewriter.codemod.lang.javascript import JavaScriptAdapter, js_bindings
from rewriter.codemod.lang.loaders import loader_data, plan_loaders, statement_at
from rewriter.codemod.lang.regions import Page, gaps, parse_regions, region_at, scan
from rewriter.codemod.lang.templates import (
    TemplateExpr,
    parse_expression,
    root_name,
    sdk_calls,
    template_expressions,
    uses,
)
from rewriter.codemod.model import Edit, ReviewItem
from rewriter.codemod.packs.loader import RulePack

_NAMES = {"jinja": "Jinja", "erb": "ERB", "freemarker": "FreeMarker", "handlebars": "Handlebars", "ejs": "EJS",
          "twig": "Twig", "liquid": "Liquid"}
_VENDORS = {"amplitude": "Amplitude", "mixpanel": "Mixpanel"}


@dataclass
class PageFile(ParsedFile):
    """A parsed page: ``tree`` is the JS/TS tree over its script regions; ``page`` says where they are."""

    page: Page = field(default_factory=lambda: Page(()))


def page_of(parsed: ParsedFile) -> Page:
    """The regions of a file this module parsed."""
    assert isinstance(parsed, PageFile), "not a page parsed by the embedded adapter"
    return parsed.page


class EmbeddedScriptAdapter(JavaScriptAdapter):
    """The JavaScript adapter over a page's ``<script>`` regions (one instance per host × grammar)."""

    def __init__(self, host: str, lang_id: str = "javascript", template: str | None = None) -> None:
        super().__init__(lang_id)
        self.host = host
        self.extensions = HOSTS.get(host) or TEMPLATES.get(host, ())
        #: Why this page is a server template (then nothing is rewritten), or None.
        self.template = template
        #: The page being bound whose snippet global stays: (source, global names, reason, vendor).
        #: Set by ``bind`` for the pack about to run; ``expand_site`` holds that global's calls.
        self._hold: tuple[bytes, frozenset[str], str, str] | None = None

    def __repr__(self) -> str:
        return f"EmbeddedScriptAdapter({self.host!r}, {self.id!r}, template={self.template is not None})"

    def report_language(self) -> str:
        return self.host

    def for_source(self, source: bytes) -> LanguageAdapter:
        page = scan(source.removeprefix(b"\xef\xbb\xbf"), template_reason(self.host))
        return embedded(self.host, page.language, page.template)

    def fallbacks(self) -> tuple[str, ...]:
        return ()  # another grammar over the whole page would read the markup as code

    # -- parsing and verification ----------------------------------------------------------------
    def parse(self, path: str, source: bytes) -> ParsedFile:
        page = scan(source, template_reason(self.host))
        return PageFile(path, source, parse_regions(self.grammar, source, page.regions), self.id, page)

    def syntax_error(self, parsed: ParsedFile) -> str | None:
        if self.template is not None:
            return None  # template syntax is not JavaScript; nothing here is rewritten
        return super().syntax_error(parsed)

    def error_spans(self, parsed: ParsedFile) -> list[tuple[int, int]]:
        return [] if self.template is not None else super().error_spans(parsed)

    def check_rewrite(self, parsed: ParsedFile, edits: list[Edit], new_source: bytes) -> str | None:
        """The output's script blocks are the input's, every byte outside them is unchanged, and
        the blocks parse with no new errors (re-parsed with the output's own ranges). A loader
        edit (``<rule>/loader``: a vendor ``<script src>`` element replaced by the target's
        snippet element) is the one edit allowed outside the blocks: the comparison is made
        against the input with the loader edits applied, so every other byte is still checked."""
        old = page_of(parsed)
        base = parsed.source
        outside = [e for e in edits if e.rule.endswith(("/loader", "/template"))]
        if outside:  # a replaced <script src> tag or template call is markup by design: compare against the page with them applied
            base = apply_edits(base, outside)
            old = scan(base, template_reason(self.host))
            problem = self._check_templates(parsed.source, new_source, [e for e in outside if e.rule.endswith("/template")])
            if problem is not None:
                return problem
        new = scan(new_source, template_reason(self.host))
        if len(new.regions) != len(old.regions):
            return f"the rewrite would change the page's <script> blocks ({len(old.regions)} → {len(new.regions)})"
        if gaps(base, old.regions) != gaps(new_source, new.regions):
            return "the rewrite would change bytes outside the <script> blocks"
        return super().check_rewrite(parsed, edits, new_source)

    def _check_templates(self, old_source: bytes, new_source: bytes, edits: list[Edit]) -> str | None:
        """Template calls rewritten in place leave the page's template expressions where they were
        (same count, same kinds) and each expression that holds an edit parses cleanly."""
        if not edits:
            return None
        before, after = template_expressions(old_source, self.host), template_expressions(new_source, self.host)
        if [e.where for e in before] != [e.where for e in after]:
            return "the rewrite would change the page's template expressions"
        done = sorted(edits, key=lambda e: e.start)
        for old_expr, new_expr in zip(before, after, strict=True):
            inside = [e for e in done if old_expr.start <= e.start and e.end <= old_expr.end]
            if not inside:
                continue
            root = parse_expression(self.grammar, new_source, new_expr)
            if root.has_error:
                return f"a rewritten template expression on line {_line(new_source, new_expr.start)} would not parse"
        return None

    def reparse(self, parsed: ParsedFile, new_source: bytes, edited: Any) -> Any:
        return parse_regions(self.grammar, new_source, scan(new_source, template_reason(self.host)).regions)

    # -- rewriting ---------------------------------------------------------------------------------
    def bind(self, parsed: ParsedFile, pack: RulePack) -> FileBindings:
        """The JavaScript bindings; and, when the page's snippet global cannot move as a whole (a
        template call or loader of it that stays), the hold ``expand_site`` applies to its calls."""
        fb = super().bind(parsed, pack)
        self._hold = None
        if self.template is None and fb.bound and js_bindings(fb).globals:
            reason = self._global_stays(parsed, pack, fb)
            if reason is not None:
                data = js_bindings(fb)
                held = data.globals - {*data.modules, *data.members, *data.instances, *data.named_instances}
                self._hold = (parsed.source, frozenset(held), reason, _VENDORS[pack.from_])
        return fb

    def _global_stays(self, parsed: ParsedFile, pack: RulePack, fb: FileBindings) -> str | None:
        """Why the page's snippet global must stay as it is, known before any rule runs: a call on
        it in the template that cannot be rewritten, or a loader of the page that cannot move."""
        data = js_bindings(fb)
        calls = self._template_calls(parsed, pack)
        fixes = self._template_fixes(parsed, pack, calls)
        for node, _expr in calls:
            if node.id not in fixes and root_name(node.child_by_field_name("function") or node) in data.globals:
                return f"line {_line(parsed.source, node.start_byte)}: a call in the template that is not rewritten"
        for stmt in self._unlisted_snippets(parsed, pack.from_):
            return f"line {_line(parsed.source, stmt.start_byte)}: {_VENDORS[pack.from_]} snippet loading an unknown URL"
        page = page_of(parsed)
        if any(ld.vendor == pack.from_ for ld in page.loaders):
            more = self._sdk_strings(parsed, pack.from_)
            if more:
                return more[0]
            for plan in plan_loaders(parsed.source, parsed.tree, page, pack.from_, pack.target.sdk, True):
                if plan.text is None:
                    return f"line {_line(parsed.source, plan.start)}: {plan.blocker or 'its loader stays'}"
        return None

    def expand_site(self, node: Node, source: bytes) -> tuple[Node, str | None]:
        """A call on a held snippet global is not rewritten: the page keeps that client whole."""
        hold = self._hold
        if hold is not None and source is hold[0]:
            fn = node.child_by_field_name("function") if node.type == "call_expression" else None
            if fn is not None and root_name(fn) in hold[1]:
                return node, (f"a call on this page's {hold[3]} snippet global, which stays as it is ({hold[2]}): "
                              f"migrate it together with the page's loader and template calls")
        return super().expand_site(node, source)

    def candidates(
        self,
        parsed: ParsedFile,
        types: frozenset[str],
        keys: dict[str, frozenset[str] | None] | None = None,
        fb: FileBindings | None = None,
    ) -> list[Node]:
        if self.template is not None:
            return []  # a server template is listed, never rewritten
        return super().candidates(parsed, types, keys, fb)

    def unaccounted_calls(self, parsed: ParsedFile, fb: FileBindings) -> list[tuple[Node, str]]:
        if self.template is not None:
            return []  # listed by page_reviews with the template as the reason
        return super().unaccounted_calls(parsed, fb)

    def import_edits(
        self, parsed: ParsedFile, fb: FileBindings, edits: list[Edit], reviews: list[ReviewItem]
    ) -> list[Edit]:
        """The JavaScript import planning; an insertion that would land past ``</script>`` (the
        declaration it follows ends the block on its line) moves to the end of that block."""
        out = protect_template_names(parsed, self, fb, super().import_edits(parsed, fb, edits, reviews))
        regions = page_of(parsed).regions
        src = parsed.source
        moved: list[Edit] = []
        for e in out:
            if region_at(regions, e.start, e.end) is not None or e.start != e.end:
                moved.append(e)
                continue
            before = [r for r in regions if r.end <= e.start]
            if not before:
                moved.append(e)  # check_rewrite refuses it: never silently dropped
                continue
            r = before[-1]
            eol = "\r\n" if b"\r\n" in src else "\n"
            text = e.text if src[r.start : r.end].endswith(b"\n") else eol + e.text.rstrip("\r\n")
            moved.append(Edit(r.end, r.end, text, e.rule, e.note, e.needs))
        return moved

    # -- file-level items --------------------------------------------------------------------------
    def page_reviews(
        self, parsed: ParsedFile, pack: RulePack, rewritten: bool, blockers: tuple[str, ...] = (),
        client_migrates: bool | None = None,
    ) -> list[PageItem]:
        page = page_of(parsed)
        vendor, target = _VENDORS[pack.from_], _VENDORS[pack.to]
        out: list[PageItem] = []
        if self.template is not None:
            needles = [n for n in pack.prefilter_needles() if n]
            first = min((i for n in needles if (i := parsed.source.find(n)) >= 0), default=-1)
            if first >= 0:
                line_end = parsed.source.find(b"\n", first)
                out.append(PageItem(first, len(parsed.source) if line_end < 0 else line_end, f"{pack.sdk}/server-template",
                                    f"{self.template} that emits {vendor} SDK code (the snippet, its loader or calls): "
                                    f"server templates are not rewritten; switch the {vendor} snippet and calls to {target} by hand"))
            fb = self.bind(parsed, pack)
            if fb.bound:
                for node, desc in super().unaccounted_calls(parsed, fb):
                    out.append(PageItem(node.start_byte, node.end_byte, f"{pack.sdk}/server-template",
                                        f"{desc} in {self.template}: not rewritten (template syntax around it); migrate by hand"))
            blockers = (*blockers, self.template)  # a template's loader is never replaced
        for stmt in self._unlisted_snippets(parsed, pack.from_):
            out.append(PageItem(stmt.start_byte, stmt.end_byte, f"{pack.sdk}/loader",
                                f"the {vendor} snippet here loads its library from a URL the tool does not know (self-hosted or "
                                f"an old CDN): part of the client, left unchanged; replace it with the {target} snippet by hand"))
            blockers = (*blockers, f"line {_line(parsed.source, stmt.start_byte)}: {vendor} snippet loading an unknown URL")
        calls = self._template_calls(parsed, pack) if self.template is None else []
        fixes = self._template_fixes(parsed, pack, calls)
        kept = [(node, expr) for node, expr in calls if node.id not in fixes]
        blockers = (*blockers, *(f"line {_line(parsed.source, n.start_byte)}: a call in the template" for n, _ in kept))
        loaders: list[PageItem] = []
        if any(ld.vendor == pack.from_ for ld in page.loaders):
            more = self._sdk_strings(parsed, pack.from_)
            for plan in plan_loaders(parsed.source, parsed.tree, page, pack.from_, pack.target.sdk, rewritten or bool(fixes),
                                     (*blockers, *more), client_migrates):
                loaders.append(PageItem(plan.start, plan.end, f"{pack.sdk}/loader", plan.message, plan.text))
        # A template call on the snippet global moves only together with the global: the page's
        # loaders all move, or (no loader here) the page's own calls were rewritten and none is left.
        moves = all(i.text is not None for i in loaders) if loaders else (rewritten and not blockers)
        for node, expr in calls:
            text = fixes.get(node.id) if moves else None
            call = _short(parsed.source[node.start_byte : node.end_byte].decode("utf-8", "replace"))
            article = "an" if expr.where[0] in "aeiouAEIOU" else "a"
            if text is not None:
                out.append(PageItem(node.start_byte, node.end_byte, f"{pack.sdk}/template",
                                    f"in {article} {expr.where}, on the {vendor} snippet global (moves with the page's loader)", text))
                continue
            why = (f"template expressions are not rewritten; move the call into the <script> block or switch it to {target} by hand"
                   if node.id not in fixes else f"the {vendor} global it calls stays on this page ({blockers[0] if blockers else 'no call rewritten'})")
            out.append(PageItem(node.start_byte, node.end_byte, f"{pack.sdk}/template", f"{call} in {article} {expr.where}: {why}"))
        out.extend(loaders)
        for problem in page.unread:
            out.append(PageItem(0, 0, f"{pack.sdk}/page", f"{problem}; check this page by hand"))
        return out

    def _sdk_names(self, parsed: ParsedFile, pack: RulePack) -> set[str]:
        """Names that denote ``pack``'s SDK in this page: its bindings, and the snippet globals."""
        names = set(pack.bind.globals)
        fb = JavaScriptAdapter.bind(self, parsed, pack)
        if fb.bound:
            data = js_bindings(fb)
            names |= {*data.modules, *data.members, *data.instances, *data.named_instances, *data.globals}
        return names

    def _template_calls(self, parsed: ParsedFile, pack: RulePack) -> list[tuple[Node, TemplateExpr]]:
        """SDK calls in the page's template expressions (``templates.py``)."""
        page = page_of(parsed)
        if page.expressions is None:
            page.expressions = template_expressions(parsed.source, self.host)
        if not page.expressions:
            return []
        return sdk_calls(self.grammar, parsed.source, page.expressions, self._sdk_names(parsed, pack))

    def _template_fixes(self, parsed: ParsedFile, pack: RulePack, calls: list[tuple[Node, TemplateExpr]]) -> dict[int, str]:
        """Template calls that can be rewritten in place, by node id, with their text: a call on
        the snippet *global* (an inline ``on*`` handler, or Svelte markup, which sees globals) that
        a one-line ``fix`` rule maps, whose text fits its container (no attribute quote, balanced
        braces). A call through an import stays listed: the import would have to move with it."""
        if not calls:
            return {}
        from rewriter.codemod.engine import substitute  # at run time: the engine imports this module
        from rewriter.codemod.match.patterns import match

        fb = JavaScriptAdapter.bind(self, parsed, pack)
        if not fb.bound:
            return {}
        data = js_bindings(fb)
        imported = {*data.modules, *data.members, *data.instances, *data.named_instances}
        src = parsed.source
        out: dict[int, str] = {}
        for node, expr in calls:
            if not (expr.dom_handler or self.host == "svelte"):
                continue  # a Vue template sees component bindings, never the page's globals
            root = root_name(node.child_by_field_name("function") or node)
            if root is None or root in imported or root not in data.globals:
                continue
            for rule in pack.rules:
                if rule.fix is None or rule.where:
                    continue
                m = next((m for p in rule.match if (m := match(self.compile_pattern(p), node, fb.ctx)) is not None), None)
                if m is None:
                    continue
                text = substitute(rule.fix, m.captures, lambda a, b: src[a:b].decode("utf-8", "replace"))
                if expr.fits(text):
                    out[node.id] = text
                break
        return out

    def _unlisted_snippets(self, parsed: ParsedFile, vendor: str) -> list[Node]:
        """Statements shaped like the vendor's snippet (its markers, an IIFE defining the global)
        that load the library from a URL the tool does not know (self-hosted, an old CDN): the
        page's loader all the same, so it is listed and keeps the global's calls as they are."""
        rec = loader_data()[1].get(vendor)
        if rec is None or not rec.snippet_markers:
            return []
        page = page_of(parsed)
        known = [ld for ld in page.loaders if ld.vendor == vendor and ld.inline]
        out: dict[int, Node] = {}
        for r in page.regions:
            for m in rec.snippet_markers[0].finditer(parsed.source, r.start, r.end):
                stmt = statement_at(parsed.tree, m.start(), m.end(), rec.snippet_markers, rec.global_name)
                if stmt is not None and not any(stmt.start_byte <= ld.start < stmt.end_byte for ld in known):
                    out[stmt.start_byte] = stmt
        return [out[k] for k in sorted(out)]

    def _sdk_strings(self, parsed: ParsedFile, vendor: str) -> list[str]:
        """Lines where ``vendor`` SDK code sits inside a string outside any loader snippet (a page
        built by a script): the engine lists them, and they keep the page's loader as it is."""
        from rewriter.codemod.engine import SNIPPET_CODE  # at run time: the engine imports this module

        out: list[str] = []
        src = parsed.source
        for m in SNIPPET_CODE.finditer(src):
            text = m.group(0)
            if (b"mixpanel" in text or b"mxpnl" in text) != (vendor == "mixpanel"):
                continue
            node = self.string_at(parsed, m.start(), m.end())
            if node is None:
                continue
            if any(ld.inline and node.start_byte <= ld.start and ld.end <= node.end_byte for ld in page_of(parsed).loaders):
                continue  # a loader's own URL: the loader is listed (or replaced) as such
            stmt = _statement_of_loader(parsed, node)
            if stmt is None:
                line = src.count(b"\n", 0, m.start()) + 1
                out.append(f"{vendor} SDK code inside a string on line {line}")
        return out


def _line(source: bytes, offset: int) -> int:
    return source.count(b"\n", 0, offset) + 1


def _short(call: str, limit: int = 80) -> str:
    call = " ".join(call.split())
    return call if len(call) <= limit else call[: limit - 1] + "…"


def protect_template_names(parsed: ParsedFile, adapter: EmbeddedScriptAdapter, fb: FileBindings, out: list[Edit]) -> list[Edit]:
    """Drop the import planner's removal of a declaration whose name the template still uses:
    the script's calls were rewritten, but ``amplitude.track`` in ``@click`` (listed for review)
    still needs ``import * as amplitude``. The target import is still added beside it."""
    removals = [e for e in out if e.end > e.start and e.rule.endswith("/imports")]
    if not removals:
        return out
    page = page_of(parsed)
    if page.expressions is None:
        page.expressions = template_expressions(parsed.source, adapter.host)
    if not page.expressions:
        return out
    names = adapter._sdk_names(parsed, fb.pack)
    used = uses(adapter.grammar, parsed.source, page.expressions, names)
    if not used:
        return out
    words = [re.compile(rf"(?<![\w$]){re.escape(n)}(?![\w$])") for n in used]

    def drops(e: Edit) -> bool:
        before = parsed.source[e.start : e.end].decode("utf-8", "replace")
        return any(w.search(before) and not w.search(e.text) for w in words)

    kept: list[Edit] = []
    for e in out:
        if not any(e is r for r in removals) or not drops(e):
            kept.append(e)
        elif e.text.strip():
            # The declaration was to be replaced by the target import: keep it, add the import after it.
            old = parsed.source[e.start : e.end]
            eol = "\r\n" if b"\r\n" in parsed.source else "\n"
            text = e.text if old.endswith(b"\n") else eol + e.text.rstrip("\r\n")
            kept.append(Edit(e.end, e.end, text, e.rule, e.note, e.needs))
    return kept


def _statement_of_loader(parsed: ParsedFile, node: Node) -> Node | None:
    """The page loader statement holding ``node`` (its own URL strings are not blockers), or None."""
    page = page_of(parsed)
    recog = loader_data()[1]
    for ld in page.loaders:
        rec = recog.get(ld.vendor)
        if ld.inline and not ld.imported and rec is not None:
            stmt = statement_at(parsed.tree, ld.start, ld.end, rec.snippet_markers, rec.global_name)
            if stmt is not None and stmt.start_byte <= node.start_byte and node.end_byte <= stmt.end_byte:
                return stmt
    return None


@cache
def embedded(host: str, lang_id: str = "javascript", template: str | None = None) -> EmbeddedScriptAdapter:
    """The process-wide adapter for one page language, grammar and template reason."""
    return EmbeddedScriptAdapter(host, lang_id, template)


def template_reason(host: str) -> str | None:
    """The template description for a server-template language id, else None."""
    name = _NAMES.get(host)
    return f"a {name} server template" if name else None
