"""Retratstoliped: the shared end-state picture of Dutch municipal digital services.

The package reads the landscape model in ``modules/``, validates it and renders it
into a static MkDocs site. The core (``generator.model`` and the site builder) has
no MkDocs import; ``generator.plugin`` is the thin MkDocs adapter.
"""

from __future__ import annotations

__version__ = "0.1.0"
