"""Report renderers. Each takes a ``RunResult`` (or ``ScanResult``) and never changes it."""
