"""Shared fixtures: example folders, an isolated plugin manager, and a network guard."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import interviewkit
from interviewkit.plugins import Plugins, make_plugin_manager

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fast", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(
    "fast" if os.environ.get("FAST") else ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to open a network connection: builds never touch the network."""

    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"a test tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start without the environment switches that change interviewkit's behaviour."""
    for name in (
        "SOURCE_DATE_EPOCH",
        "INTERVIEWKIT_DISABLE_PLUGINS",
        "INTERVIEWKIT_TRACE_PLUGINS",
        "INTERVIEWKIT_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fr_example() -> Path:
    """The Québec-French example anthology folder (read only: copy it before changing it)."""
    return EXAMPLES / "derriere-les-comptes"


@pytest.fixture
def en_example() -> Path:
    """The English example anthology folder (read only)."""
    return EXAMPLES / "makers-at-work"


@pytest.fixture
def anthology_copy(tmp_path: Path, fr_example: Path) -> Path:
    """A writable copy of the French example, for tests that break or change files."""
    target = tmp_path / "derriere-les-comptes"
    shutil.copytree(fr_example, target)
    return target


@pytest.fixture
def pm() -> Plugins:
    """A fresh plugin manager with the built-ins only (no installed entry points)."""
    return make_plugin_manager(entry_point_plugins=False)


@pytest.fixture
def fr_anthology(fr_example: Path) -> interviewkit.Anthology:
    """The French example, loaded."""
    return interviewkit.load(fr_example)


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes: to assert that inputs were not modified."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """Access to :func:`tree_snapshot` from tests."""
    return tree_snapshot


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-golden``: rewrite the expected files of golden tests instead of comparing."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/**/expected files from the current output (review the diff)",
    )
