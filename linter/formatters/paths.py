"""Paths as CI services want them: relative to the repository root, with forward slashes."""

from __future__ import annotations

import os
from pathlib import PurePath


def repo_path(path: str) -> str:
    """``path`` relative to the working directory (the checkout in CI), with ``/`` separators.

    A path outside the working directory, or a pseudo-path such as
    ``<stdin>``, is returned with only its separators changed.
    """
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            path = relative
    posix = PurePath(path).as_posix() if os.sep != "/" else path
    while posix.startswith("./"):
        posix = posix[2:]
    return posix
