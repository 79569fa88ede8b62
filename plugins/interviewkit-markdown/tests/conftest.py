"""Fixtures of this plugin's tests: a clean environment, no network, and Pandoc when present."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run without interviewkit's environment switches and cannot reach the network."""
    for name in ("SOURCE_DATE_EPOCH", "INTERVIEWKIT_DISABLE_PLUGINS", "INTERVIEWKIT_TRACE_PLUGINS"):
        monkeypatch.delenv(name, raising=False)

    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"a test tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture
def pandoc() -> Path:
    """The pandoc executable; skipped when it is missing, except where validators are required.

    Required under ``CI=true`` or ``INTERVIEWKIT_REQUIRE_VALIDATORS`` (as interviewkit's own
    ``tests/validators.py`` does), so a check can never pass silently there.
    """
    found = shutil.which("pandoc")
    if found is None:
        if os.environ.get("CI") == "true" or os.environ.get("INTERVIEWKIT_REQUIRE_VALIDATORS"):
            pytest.fail("pandoc is required in CI (install the 'pandoc' package)")
        pytest.skip("pandoc is not installed")
    return Path(found)
