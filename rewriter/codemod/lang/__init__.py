"""Language adapters, looked up by language id or file extension."""

from __future__ import annotations

from functools import cache

from rewriter.codemod.lang.base import FileBindings, LanguageAdapter, ParsedFile

__all__ = ["FileBindings", "LanguageAdapter", "ParsedFile", "adapter_for_path", "get_adapter", "known_languages"]

_EXTENSIONS = {
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".py": "python",
    ".kt": "kotlin",
    ".kts": "kotlin",
    ".java": "java",
    ".swift": "swift",
    ".m": "objc",
    ".mm": "objc",
    ".h": "objc",  # read for review only: headers are never edited (lang/objc.py)
    ".dart": "dart",
}
#: Page languages and their file extensions.
HOSTS: dict[str, tuple[str, ...]] = {
    "vue": (".vue",),
    "svelte": (".svelte",),
    "html": (".html", ".htm"),
}
#: Server-template languages (review only) and their extensions.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "jinja": (".jinja", ".jinja2", ".j2", ".njk"),
    "erb": (".erb",),
    "freemarker": (".ftl", ".ftlh"),
    "handlebars": (".hbs", ".handlebars", ".mustache"),
    "ejs": (".ejs",),
    "twig": (".twig",),
    "liquid": (".liquid",),
}
# Pages: their <script> blocks are JavaScript/TypeScript regions (lang/embedded.py, lang/regions.py);
# server templates are found and listed for review.
_PAGE_EXTENSIONS = {ext: host for host, exts in {**HOSTS, **TEMPLATES}.items() for ext in exts}


def known_languages() -> tuple[str, ...]:
    return ("javascript", "typescript", "tsx", "python", "kotlin", "java", "swift", "objc", "dart")


def extensions() -> dict[str, str]:
    """File extension → language id, for discovery (pages report their own language: ``vue``)."""
    return {**_EXTENSIONS, **_PAGE_EXTENSIONS}


@cache
def get_adapter(lang_id: str) -> LanguageAdapter:
    """The process-wide adapter for ``lang_id`` (created lazily: grammars load on first use)."""
    if lang_id in ("javascript", "typescript", "tsx"):
        from rewriter.codemod.lang.javascript import JavaScriptAdapter

        return JavaScriptAdapter(lang_id)
    if lang_id == "python":
        from rewriter.codemod.lang.python import PythonAdapter

        return PythonAdapter()
    if lang_id == "kotlin":
        from rewriter.codemod.lang.kotlin import KotlinAdapter

        return KotlinAdapter()
    if lang_id == "java":
        from rewriter.codemod.lang.java import JavaAdapter

        return JavaAdapter()
    if lang_id == "swift":
        from rewriter.codemod.lang.swift import SwiftAdapter

        return SwiftAdapter()
    if lang_id == "objc":
        from rewriter.codemod.lang.objc import ObjCAdapter

        return ObjCAdapter()
    if lang_id == "dart":
        from rewriter.codemod.lang.dart import DartAdapter

        return DartAdapter()
    if lang_id in _PAGE_EXTENSIONS.values():
        from rewriter.codemod.lang.embedded import embedded, template_reason

        return embedded(lang_id, "javascript", template_reason(lang_id))
    raise KeyError(lang_id)


JS_FAMILY = frozenset({"javascript", "typescript", "tsx"})


def pack_languages_for(path: str) -> frozenset[str]:
    """The pack languages that can apply to a file, from its extension alone (a page's scripts
    and a server template's snippet are JavaScript/TypeScript), without creating an adapter:
    the engine's byte prefilter asks this for every file of a run."""
    for ext, lang in _EXTENSIONS.items():
        if path.endswith(ext):
            return JS_FAMILY if lang in JS_FAMILY else frozenset({lang})
    if any(path.endswith(ext) for ext in _PAGE_EXTENSIONS):
        return JS_FAMILY
    return frozenset()


def adapter_for_path(path: str) -> LanguageAdapter | None:
    for ext, lang in _EXTENSIONS.items():
        if path.endswith(ext):
            return get_adapter(lang)
    for ext, host in _PAGE_EXTENSIONS.items():
        if path.endswith(ext):
            return get_adapter(host)
    return None
