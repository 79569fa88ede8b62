"""External validators run by the test suite: the Nu HTML Checker and axe-core.

Both come from npm (``npm ci --no-audit --no-fund --ignore-scripts`` at the repository root, from
``package-lock.json``); the Nu checker runs on the system's Java, axe-core in the system's
Chromium driven by Python playwright (``executable_path``: playwright never downloads a browser).

A missing validator skips its tests locally and fails them in CI (``CI=true`` or
``INTERVIEWKIT_REQUIRE_VALIDATORS`` set), so a check can never pass silently there.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
NPM_HOW = "run `npm ci --no-audit --no-fund --ignore-scripts` at the repository root"


def validators_required() -> bool:
    """Whether a missing validator is a failure (CI) rather than a skip (a laptop)."""
    return os.environ.get("CI") == "true" or bool(os.environ.get("INTERVIEWKIT_REQUIRE_VALIDATORS"))


def require(tool_name: str, available: bool, how_to_install: str) -> None:
    """Skip (locally) or fail (in CI) the calling test when ``tool_name`` is not available."""
    if available:
        return
    message = f"{tool_name} is not available: {how_to_install}"
    if validators_required():
        pytest.fail(f"{message} (validators are required in CI)", pytrace=False)
    pytest.skip(message)


def require_vnu() -> None:
    """The Nu HTML Checker needs Java and the ``vnu-jar`` npm package."""
    require("java", shutil.which("java") is not None, "install a Java 11+ runtime")
    require("the Nu HTML Checker (vnu-jar)", VNU_JAR.is_file(), NPM_HOW)


def require_axe() -> None:
    """axe-core needs the npm package, Python playwright and Debian's Chromium."""
    require(
        "playwright",
        importlib.util.find_spec("playwright") is not None,
        "pip install -e '.[test]'",
    )
    require("chromium", CHROMIUM.is_file(), "apt-get install chromium")
    require("axe-core", AXE_JS.is_file(), NPM_HOW)


def vnu(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Run the Nu HTML Checker on ``paths`` (one JVM); its errors, each with the file's ``path``."""
    require_vnu()
    if not paths:
        return []
    command = [
        "java",
        "-jar",
        str(VNU_JAR),
        "--format",
        "json",
        "--errors-only",
        "--also-check-css",
        "--stdout",
        *map(str, paths),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise AssertionError(
            f"the Nu HTML Checker did not report (exit {done.returncode}): {done.stderr}"
        ) from None
    messages = [message for message in report["messages"] if message.get("type") != "info"]
    for message in messages:
        # vnu writes file URLs as "file:/tmp/x.html": keep the path to compare with Path objects.
        message["path"] = Path(url2pathname(urlparse(str(message.get("url", ""))).path))
    return messages


def describe_vnu(messages: Sequence[dict[str, Any]]) -> str:
    """One line per message: file, line and text."""
    return "\n".join(f"{m['path'].name}:{m.get('lastLine', '?')}: {m['message']}" for m in messages)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """One headless Chromium for many axe runs (Debian's binary, never a downloaded one)."""
    require_axe()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS)
        )
        try:
            yield browser
        finally:
            browser.close()


def axe(page_path: Path, browser: Any | None = None) -> list[dict[str, Any]]:
    """The axe-core violations of the page at ``page_path``, opened from disk (``file://``)."""
    if browser is None:
        with chromium() as own:
            return axe(page_path, own)
    page = browser.new_page()
    try:
        page.goto(page_path.resolve().as_uri())
        page.add_script_tag(path=str(AXE_JS))
        result = page.evaluate("axe.run()")
    finally:
        page.close()
    return list(result["violations"])


def describe_axe(violations: Sequence[dict[str, Any]]) -> str:
    """One line per violation: rule, impact, help and the first offending elements."""
    return "\n".join(
        f"{v['id']} ({v.get('impact')}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )
