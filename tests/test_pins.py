"""The rendering dependencies installed are the releases the project is tested with.

WeasyPrint, pikepdf and ebooklib decide what every PDF and EPUB looks like, and a new
major release can change a page without failing a single unit test.  They are pinned in
``pyproject.toml`` to the range CI runs on; this test fails, naming the package and the way to
move the pin, when another version is installed (by hand, or by a resolver that ignored the
pins).
"""

from __future__ import annotations

import importlib.metadata

import pytest
from packaging.requirements import Requirement

#: The dependencies whose output a reader sees, each pinned with an upper bound.
RENDERING = ("weasyprint", "pikepdf", "ebooklib")


def declared() -> dict[str, Requirement]:
    requirements = [Requirement(text) for text in importlib.metadata.requires("interviewkit") or []]
    return {req.name.lower(): req for req in requirements if req.marker is None}


@pytest.mark.parametrize("name", RENDERING)
def test_rendering_dependency_is_pinned_with_an_upper_bound(name: str) -> None:
    """Each rendering dependency has a lower and an upper bound."""
    requirement = declared()[name]
    operators = {spec.operator for spec in requirement.specifier}
    assert ">=" in operators, requirement
    assert "<" in operators, f"{requirement}: pin an upper bound (the next release is untested)"


@pytest.mark.parametrize("name", RENDERING)
def test_installed_version_is_a_tested_one(name: str) -> None:
    """The installed release is inside the pinned, tested range."""
    requirement = declared()[name]
    installed = importlib.metadata.version(name)
    assert requirement.specifier.contains(installed, prereleases=True), (
        f"{name} {installed} is installed but interviewkit is tested with {requirement}; "
        "install a tested release, or move the pin as CONTRIBUTING.md explains "
        "(run the whole suite with the validators on the new release first)"
    )
