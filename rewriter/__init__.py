"""rewriter: move analytics instrumentation between Amplitude and Mixpanel.

Two jobs share this package: the code rewriter (scan/migrate, driven by rule packs in
``rules/``) and the historical data importer (``rewriter.importer``).
"""

__version__ = "0.1.0"
