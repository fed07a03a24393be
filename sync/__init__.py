"""Sync with the partner portal server (docs/sync-api.md), without Qt.

The HTTP client (:mod:`sync.client`), one push-then-pull cycle (:mod:`sync.cycle`), signing
in online and offline (:mod:`sync.auth`, :mod:`sync.offline_verifiers`,
:mod:`sync.token_store`) and settling writes the server refused (:mod:`sync.attention`).
The desktop schedules cycles and shows their results (desktop/sync/); the reliability
harness and the benchmarks drive this package directly.
"""

#: This program's version; the client sends it in its ``User-Agent``.
__version__ = "0.1.0"
