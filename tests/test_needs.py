"""A missing input skips on a developer's machine and fails under CI (issue 16)."""

from __future__ import annotations

import pytest

from needs import skip_or_fail


@pytest.mark.parametrize("value", ["true", "1", "TRUE"])
def test_missing_input_fails_under_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI=true but the corpus is absent"):
        skip_or_fail("the corpus is absent")


@pytest.mark.parametrize("value", [None, "", "false"])
def test_missing_input_skips_elsewhere(monkeypatch: pytest.MonkeyPatch, value: str | None
                                       ) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match="the corpus is absent"):
        skip_or_fail("the corpus is absent")
