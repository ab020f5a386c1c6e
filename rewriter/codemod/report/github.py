"""GitHub Actions workflow annotations (``--format github``), as ast-grep offers them.

One ``::warning`` per site left for review, one ``::notice`` per rewrite (both with file, start/end
line and column, the rule as title), one ``::error`` per file that could not be processed and one
``::notice`` per file rewritten around parse errors it already had, so
a CI log puts them inline on the pull request's diff. Sites accepted by an inline ignore or the
baseline are not annotated: the gate has accepted them. Values are escaped the way the Actions
runner unescapes them (``%``, CR, LF; in properties also ``:`` and ``,``). Never reads files.
"""

from __future__ import annotations

from rewriter.codemod.model import RunResult, Span
from rewriter.codemod.report.registry import RenderOptions, relative


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _props(path: str, line: int, span: Span | None, title: str) -> str:
    props = [f"file={escape_property(path)}", f"line={line}"]
    if span is not None:
        props += [f"col={span.col}", f"endLine={span.end_line}", f"endColumn={span.end_col}"]
    props.append(f"title={escape_property(title)}")
    return ",".join(props)


class GithubRenderer:
    name = "github"
    description = "GitHub Actions workflow annotations"
    needs_diffs = False

    def render(self, run: RunResult, options: RenderOptions) -> str:
        out: list[str] = []
        for f in run.files:
            path = relative(f.path, options.root)
            if f.status == "error":
                out.append(
                    f"::error file={escape_property(path)},title=rewriter::{escape_data(f.error or 'error')}"
                )
            if f.parse_warning and f.status != "error":
                out.append(
                    f"::notice file={escape_property(path)},title=rewriter parse warning::"
                    f"{escape_data(f.parse_warning)}"
                )
            for r in f.review:
                if not r.accepted:
                    out.append(f"::warning {_props(path, r.line, r.span, r.rule)}::{escape_data(r.message)}")
            for c in f.changes:
                if not c.accepted:
                    if f.language == "manifest":
                        msg = f"dependency: {c.note or c.after}"
                    else:
                        msg = f"{run.source} call can be rewritten to: {c.after}" + (
                            f" (note: {c.note})" if c.note else ""
                        )
                    out.append(f"::notice {_props(path, c.line, c.span, c.rule)}::{escape_data(msg)}")
        return "".join(line + "\n" for line in out)


RENDERER = GithubRenderer()
