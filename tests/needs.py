"""What a test does when an input it needs is missing: skip here, fail under CI.

CI always has ../shared and Chromium (`.ci/run` installs Chromium), so a missing input there
is a broken machine, and a quality gate that silently skips is no gate.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    """True where the environment says this is CI (`CI=true`, as GitHub, GitLab and ours set)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip with the reason on a developer's machine; fail with it under CI."""
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)
