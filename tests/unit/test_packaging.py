"""What a regular install gets: a wheel built from a copy of the checkout (so the build leaves
nothing behind in it) holds every package, the app's stylesheet and the built-in themes."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def packages_on_disk() -> set[str]:
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "journal").rglob("__init__.py")}
    return found | {"journal.themes"}  # the top-level themes/ folder, mapped in pyproject.toml


def test_every_package_is_listed_for_the_build() -> None:
    assert set(CONFIG["tool"]["setuptools"]["packages"]) == packages_on_disk()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("journal", "themes"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("offseason-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_holds_every_package_the_stylesheet_and_the_themes(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for package in packages_on_disk():
        assert f"{package.replace('.', '/')}/__init__.py" in names, package
    assert {
        f"journal/themes/{theme}.toml" for theme in ("offseason-dark", "offseason-light", "high-contrast", "trailhead")
    } <= names
    assert {"journal/ui/app.tcss", "journal/py.typed"} <= names
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/", "docs/"))]


def test_the_version_comes_from_the_package_metadata(wheel: zipfile.ZipFile) -> None:
    (metadata,) = (name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
    assert f"Version: {CONFIG['project']['version']}" in wheel.read(metadata).decode().splitlines()
    assert "__version__" not in (ROOT / "journal" / "__init__.py").read_text(encoding="utf-8")
