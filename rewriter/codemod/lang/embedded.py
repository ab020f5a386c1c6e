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
  SDK is listed for review (the loader is part of the client; it is never changed here), saying
  whether this page's calls were rewritten; a server template gets a file-level item naming the
  vendor snippet, and its SDK calls are listed, never rewritten.

This module never writes files and never edits outside a script region.
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
from rewriter.codemod.lang.templates import TemplateExpr, sdk_calls, template_expressions, uses
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
        loaders = [e for e in edits if e.rule.endswith("/loader")]
        if loaders:  # a replaced <script src> tag is markup by design: compare against the page with it replaced
            base = apply_edits(base, loaders)
            old = scan(base, template_reason(self.host))
        new = scan(new_source, template_reason(self.host))
        if len(new.regions) != len(old.regions):
            return f"the rewrite would change the page's <script> blocks ({len(old.regions)} → {len(new.regions)})"
        if gaps(base, old.regions) != gaps(new_source, new.regions):
            return "the rewrite would change bytes outside the <script> blocks"
        return super().check_rewrite(parsed, edits, new_source)

    def reparse(self, parsed: ParsedFile, new_source: bytes, edited: Any) -> Any:
        return parse_regions(self.grammar, new_source, scan(new_source, template_reason(self.host)).regions)

    # -- rewriting ---------------------------------------------------------------------------------
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
        if self.template is None:
            for node, expr in self._template_calls(parsed, pack):
                call = parsed.source[node.start_byte : node.end_byte].decode("utf-8", "replace")
                line = parsed.source.count(b"\n", 0, node.start_byte) + 1
                article = "an" if expr.where[0] in "aeiouAEIOU" else "a"
                out.append(PageItem(node.start_byte, node.end_byte, f"{pack.sdk}/template",
                                    f"{_short(call)} in {article} {expr.where}: template expressions are not rewritten; "
                                    f"move the call into the <script> block or switch it to {target} by hand"))
                blockers = (*blockers, f"line {line}: a call in the template")
        if any(ld.vendor == pack.from_ for ld in page.loaders):
            more = self._sdk_strings(parsed, pack.from_)
            for plan in plan_loaders(parsed.source, parsed.tree, page, pack.from_, pack.target.sdk, rewritten,
                                     (*blockers, *more), client_migrates):
                out.append(PageItem(plan.start, plan.end, f"{pack.sdk}/loader", plan.message, plan.text))
        for problem in page.unread:
            out.append(PageItem(0, 0, f"{pack.sdk}/page", f"{problem}; check this page by hand"))
        return out

    def _sdk_names(self, parsed: ParsedFile, pack: RulePack) -> set[str]:
        """Names that denote ``pack``'s SDK in this page: its bindings, and the snippet globals."""
        names = set(pack.bind.globals)
        fb = self.bind(parsed, pack)
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
            stmt = _statement_of_loader(parsed, node)
            if stmt is None:
                line = src.count(b"\n", 0, m.start()) + 1
                out.append(f"{vendor} SDK code inside a string on line {line}")
        return out


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
