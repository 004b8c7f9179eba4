from __future__ import annotations

from .run import cli_run, session_via_cli
from .version import __version__

__all__ = [
    "__version__",
    "cli_run",
    "session_via_cli",
]
