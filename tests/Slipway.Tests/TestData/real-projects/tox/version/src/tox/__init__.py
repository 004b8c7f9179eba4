from __future__ import annotations

from .run import main
from .version import version as __version__

__all__ = (
    "__version__",
    "main",
)
